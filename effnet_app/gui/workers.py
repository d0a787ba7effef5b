"""Run core functions off the GUI thread with one signal contract.

A :class:`Worker` wraps any core function that takes ``reporter`` and ``cancel``
keyword arguments. It lives on its own ``QThread`` and emits, in this order:
``started``; any number of ``progress`` / ``event``; then ``result``, ``failed``
(a user error: one sentence), ``crashed`` (a bug: traceback text) or ``cancelled``
-- a task that returns its partial outcome when stopped (training: the best model
so far, ``status == "cancelled"``) emits ``cancelled`` and then ``result`` with it;
and always ``finished`` last, so a page tidies up in one slot.
A worker never touches a widget.

A page runs its tasks through a :class:`TaskSlot`: one task at a time per slot,
failure and crash shown the same way everywhere, and a task that is replaced is
cancelled and no longer heard from.

The signals a page connects to belong to a :class:`Worker` that stays in the GUI
thread; the work itself runs in a private runner object moved to the worker thread,
whose signals are forwarded (queued). So any slot -- even a lambda, which PySide
would otherwise call in the emitting thread -- runs in the GUI thread.
"""

from __future__ import annotations

import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from effnet_app.core.errors import Cancelled, EffNetError
from effnet_app.core.events import Event
from effnet_app.core.progress import CancelToken
from effnet_app.gui.crash import show_crash


class QtReporter:
    """A core ``Reporter`` that forwards to the runner's signals (queued to the GUI).

    Progress is emitted only when it moves by a visible step, the message changes,
    or 50 ms passed, so a tight core loop cannot flood the GUI's event queue."""

    def __init__(self, runner: "_Runner") -> None:
        self._runner = runner
        self._last = (-1, "", 0.0)

    def progress(self, fraction: float, message: str = "") -> None:
        step = int(fraction * 1000)
        now = time.monotonic()
        last_step, last_msg, last_t = self._last
        if step == last_step and message == last_msg:
            return
        if step < 1000 and message != last_msg and now - last_t < 0.05 and step - last_step < 10:
            return
        self._last = (step, message, now)
        self._runner.progress.emit(float(fraction), message)

    def event(self, event: Event) -> None:
        self._runner.event.emit(event)


class _Signals(QObject):
    started = Signal()
    progress = Signal(float, str)
    event = Signal(object)  # a core.events.Event
    result = Signal(object)
    failed = Signal(str)
    crashed = Signal(str)
    cancelled = Signal()
    finished = Signal()


class _Runner(_Signals):
    """Runs the function in whatever thread it lives in (moved to the worker thread)."""

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, token: CancelToken) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs, self.token = fn, args, kwargs, token
        self.reporter = QtReporter(self)

    @Slot()
    def run(self) -> None:
        self.started.emit()
        try:
            value = self.fn(*self.args, reporter=self.reporter, cancel=self.token, **self.kwargs)
        except Cancelled:
            self.cancelled.emit()
        except EffNetError as e:
            self.failed.emit(str(e))
        except Exception:  # a bug: the page shows the crash dialog with this text
            self.crashed.emit(traceback.format_exc())
        else:
            if self.token.cancelled and getattr(value, "status", None) == "cancelled":
                self.cancelled.emit()
            self.result.emit(value)
        finally:
            self.finished.emit()
            # Back to the GUI thread, where deleteLater will delete it: deleted in the
            # worker thread, PySide held the GIL while ~QObject waited for a Qt lock that
            # the GUI thread held while it waited for the GIL (a disconnect): a deadlock.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())


_NAMES = ("started", "progress", "event", "result", "failed", "crashed", "cancelled", "finished")


class Worker(_Signals):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.name = getattr(fn, "__name__", None) or getattr(getattr(fn, "func", None), "__name__", "task")
        self.cancel_token = CancelToken()
        self._runner = _Runner(fn, args, kwargs, self.cancel_token)
        for name in _NAMES:  # signal to signal: queued once the runner is in another thread
            getattr(self._runner, name).connect(getattr(self, name))

    @property
    def reporter(self) -> QtReporter:
        return self._runner.reporter

    def cancel(self) -> None:
        """Thread-safe: the core stops at its next check (per batch, file or chunk)."""
        self.cancel_token.cancel()

    def run(self) -> None:
        """Run in the calling thread (tests of the body without threads)."""
        self._runner.run()


_THREADS: set[QThread] = set()
_WORKERS: set[Worker] = set()


def start_worker(worker: Worker) -> QThread:
    """Run ``worker`` on a new QThread. Connect your slots *before* calling this.
    The thread quits after ``finished``; Qt objects are deleted once it has."""
    thread = QThread()
    thread.setObjectName(f"worker:{worker.name}")
    runner = worker._runner
    runner.moveToThread(thread)
    thread.started.connect(runner.run)
    # Direct: QThread.quit is thread-safe, and the thread then ends even while the
    # GUI thread is blocked waiting for it (stop_all on quit).
    runner.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(runner.deleteLater)
    thread.finished.connect(thread.deleteLater)
    # Python keeps both alive until Qt is done with them: the thread until it is
    # destroyed, the worker until its own (queued) finished signal was delivered.
    _THREADS.add(thread)
    _WORKERS.add(worker)
    thread.destroyed.connect(lambda *_: _THREADS.discard(thread))
    worker.finished.connect(lambda: _WORKERS.discard(worker))
    thread.start()
    return thread


def stop_all(timeout_ms: int = 5000) -> bool:
    """Cancel every worker and wait for its thread (the app calls this on quit)."""
    for w in list(_WORKERS):
        w.cancel()
    ok = True
    for t in list(_THREADS):
        try:
            ok = t.wait(timeout_ms) and ok
        except RuntimeError:  # already deleted: it had finished
            pass
    return ok


class TaskSlot:
    """Where a page runs one kind of task: starting a task cancels the one before and
    disconnects it (its late results no longer reach the page), a user error goes to
    ``failed`` (one sentence) and a bug to ``crashed`` (the traceback; by default the
    crash dialog over ``owner``), and :meth:`shutdown` cancels what runs.

    ``stop`` cancels without replacing: the stopped task's ``cancelled``, ``result``
    and ``finished`` still arrive, so the page can say what was kept."""

    def __init__(self, owner: QObject, failed: Callable[[str], Any],
                 crashed: Callable[[str], Any] | None = None) -> None:
        self.owner = owner
        self._failed = failed
        self._crashed = crashed or self._show_crash
        self.worker: Worker | None = None

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def start(self, fn: Callable[..., Any], *args: Any, result: Callable | None = None,
              progress: Callable | None = None, event: Callable | None = None, cancelled: Callable | None = None,
              finished: Callable | None = None) -> Worker:
        """Run ``fn(*args, reporter=, cancel=)`` on a worker thread; the keyword
        arguments are the page's slots for the worker's signals of the same names."""
        if self.worker is not None:
            self.worker.cancel()
        w = Worker(fn, *args)
        for name, slot in (("result", result), ("progress", progress), ("event", event), ("cancelled", cancelled),
                           ("failed", self._failed)):
            if slot is not None:
                getattr(w, name).connect(self._if_current(w, slot))
        w.crashed.connect(self._crashed)  # a bug is shown even from a task that was replaced
        w.finished.connect(lambda: self._finished(w, finished))
        self.worker = w
        start_worker(w)
        return w

    def _if_current(self, w: Worker, slot: Callable) -> Callable:
        def forward(*args: Any) -> None:
            if w is self.worker:
                slot(*args)
        return forward

    def _finished(self, w: Worker, finished: Callable | None) -> None:
        if w is self.worker:
            self.worker = None
            if finished is not None:
                finished()

    def _show_crash(self, details: str) -> None:
        show_crash(self.owner if self.owner.isWidgetType() else None, details)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    shutdown = stop
