"""GUI tests: every test that uses qtbot fails if it leaves a QThread running
(napari's dangling-QThread check, in a few lines).

"QObject::killTimer: Timers cannot be stopped from another thread" on stderr comes
from qtbot.waitSignal's own timer when the awaited signal is emitted by a worker
thread (pytest-dev/pytest-qt#649); it is harmless and not from the app's code."""

import traceback

import pytest
from PySide6.QtCore import QThread


@pytest.fixture(autouse=True)
def _no_dangling_qthreads(request):
    if "qtbot" not in request.fixturenames:
        yield
        return
    started: list[tuple[QThread, str]] = []
    original = QThread.start

    def tracking_start(self, *args, **kwargs):
        started.append((self, "".join(traceback.format_stack(limit=6))))
        return original(self, *args, **kwargs)

    QThread.start = tracking_start
    try:
        yield
    finally:
        QThread.start = original
    for thread, where in started:
        try:
            if thread.isRunning() and not thread.wait(5000):
                pytest.fail(f"A QThread was left running; it was started at:\n{where}")
        except RuntimeError:  # the C++ object is gone: deleteLater ran, so it finished
            continue


@pytest.fixture(autouse=True)
def _no_crash_dialogs(request):
    """A test fails if the app's crash handler was reached (a bug, not a user error),
    unless it is the test of that handler."""
    import logging

    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect(logging.ERROR)
    logger = logging.getLogger("effnet_app")
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)
    if "expect_crash" not in request.keywords and records:
        pytest.fail("The crash handler was reached:\n" + "\n".join(r.getMessage() for r in records))


@pytest.fixture
def window(qtbot):
    """The real main window with a fresh settings folder and model library, in
    English with its catalogue installed, as the app starts it (plural forms)."""
    from PySide6.QtWidgets import QApplication

    from effnet_app import languages
    from effnet_app.gui.main_window import MainWindow

    languages.activate("en", QApplication.instance())

    w = MainWindow()
    w.train_page.budget.choose("myself")  # these tests choose the network and mode; the budget has its own
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
