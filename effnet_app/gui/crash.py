"""The last line of defence: an unexpected exception anywhere (GUI thread, worker,
plain Python thread) is written to a log file and shown in a dialog; the app keeps
running. Errors a user can cause never get here: pages show those as sentences."""

from __future__ import annotations

import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


from effnet_app.logs import log, log_file


class _Bridge(QObject):
    """Carries crash reports from any thread to the GUI thread."""

    report = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.showing = False

    @Slot(str)
    def _show(self, text: str) -> None:
        show_crash(None, text)


_bridge: _Bridge | None = None


def show_crash(parent: QWidget | None, details: str) -> QMessageBox:
    """Log ``details`` (a traceback) and show a non-blocking dialog about it."""
    log.error("Unexpected error:\n%s", details)
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("crash", "Unexpected error"))
    box.setText(QApplication.translate(
        "crash", "Something went wrong inside EffNet Studio. Your models and images are safe, "
        "and you can keep working."))
    box.setInformativeText(QApplication.translate(
        "crash", "The details were written to {path}. Please include that file if you report the problem.")
        .format(path=log_file()))
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("crashDialog")
    box.open()
    return box


def install() -> None:
    """Route uncaught exceptions of every thread to the log and the crash dialog."""
    global _bridge
    _bridge = _Bridge()

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        if _bridge is not None:
            _bridge.report.emit(text)
        else:
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
