"""The worker contract with real core functions on real threads."""

import threading

import pytest

from effnet_app.core.data.dataset import scan_folder
from effnet_app.core.events import Notice
from effnet_app.gui.workers import Worker, start_worker, stop_all


def test_body_runs_without_threads(small_rocks):
    w = Worker(scan_folder, small_rocks)
    got = []
    w.result.connect(got.append)
    w.run()
    assert got and got[0].classes


def test_signals_in_order_from_another_thread(qtbot, small_rocks):
    w = Worker(scan_folder, small_rocks)
    threads, fractions, results = [], [], []
    w.progress.connect(lambda f, m: fractions.append(f))
    w.result.connect(lambda r: (results.append(r), threads.append(threading.get_ident())))
    with qtbot.waitSignals([w.started, w.result, w.finished], order="strict", timeout=30000):
        start_worker(w)
    assert results[0].counts() == {c: 8 for c in results[0].classes}
    # Slots, lambdas included, run in the GUI thread (the runner's signals are forwarded).
    assert threads == [threading.get_ident()]
    assert fractions and fractions[-1] == pytest.approx(1.0)


def test_user_error_becomes_sentence(qtbot, tmp_path):
    w = Worker(scan_folder, tmp_path / "missing")
    messages = []
    w.failed.connect(messages.append)
    with qtbot.waitSignals([w.failed, w.finished], order="strict", timeout=10000):
        start_worker(w)
    assert len(messages) == 1 and "does not exist" in messages[0]


def _slow(reporter, cancel, steps=10_000):
    import time

    for i in range(steps):
        cancel.check()
        reporter.progress(i / steps)
        time.sleep(0.001)
    return "done"


def test_cancel_answers_quickly(qtbot):
    w = Worker(_slow)
    with qtbot.waitSignal(w.started, timeout=5000):
        start_worker(w)
    with qtbot.waitSignals([w.cancelled, w.finished], order="strict", timeout=2000):
        w.cancel()


def test_bug_is_reported_not_swallowed(qtbot):
    def broken(reporter, cancel):
        raise ZeroDivisionError("oops")

    w = Worker(broken)
    with qtbot.waitSignal(w.crashed, timeout=5000) as blocker:
        start_worker(w)
    assert "ZeroDivisionError" in blocker.args[0]


def test_stop_all_joins_threads(qtbot):
    w = Worker(_slow)
    with qtbot.waitSignal(w.started, timeout=5000):
        thread = start_worker(w)
    assert stop_all(5000)
    assert not thread.isRunning()


def test_emitting_signals_keeps_python_objects_alive(qtbot):
    """PySide6 6.12.0's Signal.emit dropped a reference to True on every call: on Python
    3.11 the app aborted ("deallocating True or False") after a few thousand emits --
    one minute of the live view. Tens of thousands of emits must leave the counts alone."""
    import sys

    from effnet_app.gui.workers import _Signals

    s = _Signals()
    got = []
    s.event.connect(lambda event: got.append(event))
    notice = Notice("one")  # one object: 20,000 new ones would each hold a reference to None
    before = {v: sys.getrefcount(v) for v in (True, False, None)}
    for _ in range(20_000):
        s.event.emit(notice)
        s.progress.emit(0.5, "")
    after = {v: sys.getrefcount(v) for v in (True, False, None)}
    assert len(got) == 20_000
    assert all(abs(after[v] - before[v]) < 100 for v in before), (before, after)


def test_a_task_slot_replaces_and_silences_the_task_before(qtbot, small_rocks):
    """Starting a second task cancels the first, and nothing of the first reaches the
    page any more; a user error of the current task goes to ``failed`` once."""
    from PySide6.QtWidgets import QWidget

    from effnet_app.gui.workers import TaskSlot

    owner = QWidget()
    qtbot.addWidget(owner)
    failures, results, finished = [], [], []
    slot = TaskSlot(owner, failed=failures.append)
    first = slot.start(_slow, result=lambda r: results.append(("first", r)), finished=lambda: finished.append(1))
    with qtbot.waitSignal(first.started, timeout=5000):
        pass
    second = slot.start(scan_folder, small_rocks, result=lambda r: results.append(("second", r)),
                        finished=lambda: finished.append(2))
    assert first.cancel_token.cancelled and slot.worker is second
    with qtbot.waitSignals([first.finished, second.finished], timeout=30_000):
        pass
    assert [name for name, _ in results] == ["second"] and finished == [2] and not slot.busy
    slot.start(scan_folder, small_rocks / "missing")
    qtbot.waitUntil(lambda: not slot.busy, timeout=10_000)
    assert len(failures) == 1 and "does not exist" in failures[0]


def test_a_stopped_task_still_says_what_it_kept(qtbot):
    """``stop`` is not a replacement: the page still hears ``cancelled`` and ``finished``."""
    from PySide6.QtWidgets import QWidget

    from effnet_app.gui.workers import TaskSlot

    owner = QWidget()
    qtbot.addWidget(owner)
    heard = []
    slot = TaskSlot(owner, failed=heard.append)
    w = slot.start(_slow, cancelled=lambda: heard.append("cancelled"), finished=lambda: heard.append("finished"))
    with qtbot.waitSignal(w.started, timeout=5000):
        pass
    with qtbot.waitSignal(w.finished, timeout=5000):
        slot.stop()
    assert heard == ["cancelled", "finished"] and not slot.busy
