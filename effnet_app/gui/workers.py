"""Run core functions off the GUI thread with one signal contract.

A :class:`Worker` wraps any core function that takes ``reporter`` and ``cancel``
keyword arguments. It lives on its own ``QThread`` and emits, in this order:
``started``; any number of ``progress`` / ``event``; then ``result``, ``failed``
(a user error: one sentence), ``crashed`` (a bug: traceback text) or ``cancelled``
-- a task that returns its partial outcome when stopped (training: the best model
so far, ``status == "cancelled"``) emits ``cancelled`` and then ``result`` with it;
and always ``finished`` last, so a page tidies up in one slot.
A worker never touches a widget.
"""

from __future__ import annotations

import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from effnet_app.core.errors import Cancelled, EffNetError
from effnet_app.core.progress import CancelToken


class QtReporter:
    """A core ``Reporter`` that forwards to the worker's signals (queued to the GUI).

    Progress is emitted only when it moves by a visible step, the message changes,
    or 50 ms passed, so a tight core loop cannot flood the GUI's event queue."""

    def __init__(self, worker: "Worker") -> None:
        self._worker = worker
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
        self._worker.progress.emit(float(fraction), message)

    def event(self, kind: str, data: dict[str, Any]) -> None:
        self._worker.event.emit(kind, dict(data))


class Worker(QObject):
    started = Signal()
    progress = Signal(float, str)
    event = Signal(str, object)
    result = Signal(object)
    failed = Signal(str)
    crashed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.cancel_token = CancelToken()
        self.reporter = QtReporter(self)

    def cancel(self) -> None:
        """Thread-safe: the core stops at its next check (per batch, file or chunk)."""
        self.cancel_token.cancel()

    @Slot()
    def run(self) -> None:
        self.started.emit()
        try:
            value = self._fn(*self._args, reporter=self.reporter, cancel=self.cancel_token, **self._kwargs)
        except Cancelled:
            self.cancelled.emit()
        except EffNetError as e:
            self.failed.emit(str(e))
        except Exception:  # a bug: the page shows the crash dialog with this text
            self.crashed.emit(traceback.format_exc())
        else:
            if self.cancel_token.cancelled and getattr(value, "status", None) == "cancelled":
                self.cancelled.emit()
            self.result.emit(value)
        finally:
            self.finished.emit()


_RUNNING: set[tuple[QThread, Worker]] = set()


def start_worker(worker: Worker) -> QThread:
    """Move ``worker`` to a new QThread and start it. Connect your slots *before*
    calling this. The thread quits and both objects are deleted after ``finished``."""
    thread = QThread()
    thread.setObjectName(f"worker:{getattr(worker._fn, '__name__', 'task')}")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: QThread.quit is thread-safe, and the thread then ends even while the
    # GUI thread is blocked waiting for it (stop_all on quit).
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    pair = (thread, worker)
    _RUNNING.add(pair)
    # Qt's documented teardown; Python's references go when the thread object is
    # destroyed, which happens on the GUI thread (the QThread object lives there).
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.destroyed.connect(lambda *_: _RUNNING.discard(pair))
    thread.start()
    return thread


def running_workers() -> list[Worker]:
    out = []
    for t, w in list(_RUNNING):
        try:
            if t.isRunning():
                out.append(w)
        except RuntimeError:
            pass
    return out


def stop_all(timeout_ms: int = 5000) -> bool:
    """Cancel every worker and wait for its thread (the app calls this on quit)."""
    pairs = list(_RUNNING)
    for _, w in pairs:
        w.cancel()
    ok = True
    for t, _ in pairs:
        try:
            ok = t.wait(timeout_ms) and ok
        except RuntimeError:  # already deleted: it had finished
            pass
    return ok
