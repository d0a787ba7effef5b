"""The dialog that fetches a variant's ImageNet weights once, with progress and Cancel.

When the download fails it is not a dead end: the user can try again, import a
weights file they already have, or train with Lite0 (whose weights come with the
app) instead. The text wraps; the dialog never grows wider than a laptop screen."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from effnet_app.core.models.variants import DEFAULT_VARIANT, get_variant
from effnet_app.core.models.weights import base_url, ensure_weights, import_weights
from effnet_app.gui.crash import show_crash
from effnet_app.gui.workers import TaskSlot
from effnet_app.gui import file_dialogs

WIDTH = 520  # wide enough for the sentences, narrow enough for any screen


def _import(variant, path: Path, reporter=None, cancel=None) -> Path:
    """As a task (tasks are given a reporter and a cancel token; a copy needs neither)."""
    return import_weights(variant, path)


class DownloadDialog(QDialog):
    succeeded = Signal()  # the weights are in place: training can start
    useInstead = Signal(str)  # the user chose to train another variant (one that works offline)

    def __init__(self, variant: str, mirror: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = get_variant(variant)
        self.variant, self.mirror = v, mirror
        self.setWindowTitle(self.tr("Downloading {label}").format(label=v.label))
        self.setModal(True)
        self.error = ""
        self.label = QLabel(self.tr(
            "{label} needs its ImageNet weights ({mb:.0f} MB). They are downloaded once from {url} "
            "and kept for next time.").format(label=v.label, mb=v.weights_mb, url=base_url(mirror)))
        self.status = QLabel("")
        for label in (self.label, self.status):
            label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        lite = get_variant(DEFAULT_VARIANT).label.replace("EfficientNet-", "")  # short: four buttons share a row
        self.retry_button = QPushButton(self.tr("Try again"))
        self.import_button = QPushButton(self.tr("Import a weights file…"))
        self.lite_button = QPushButton(self.tr("Use {label} instead").format(label=lite))
        self.retry_button.clicked.connect(self.start)
        self.import_button.clicked.connect(self.choose_file)
        self.lite_button.clicked.connect(self._use_lite)
        for b in (self.lite_button, self.import_button, self.retry_button):
            self.buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
            b.hide()
        lay = QVBoxLayout(self)
        for w in (self.label, self.bar, self.status, self.buttons):
            lay.addWidget(w)
        self.setFixedWidth(WIDTH)
        self.task = TaskSlot(self, failed=self._failed,
                             crashed=lambda t: (show_crash(self, t), self._failed(self.tr("The download failed."))))

    def start(self) -> None:
        self._working(self.tr("Connecting…"))
        self.open()
        self.task.start(partial(ensure_weights, mirror=self.mirror), self.variant, progress=self._progress, result=self._ok)

    def choose_file(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Import {label} weights").format(label=self.variant.label),
                                      self.tr("PyTorch weights (*.pth *.pt)"))
        if path:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Check and copy a weights file the user already has (nothing in it is run)."""
        self._working(self.tr("Checking {name}…").format(name=path.name))
        self.task.start(_import, self.variant, path, result=self._ok)

    def _working(self, text: str) -> None:
        self.error = ""
        self.status.setText(text)
        self.bar.setValue(0)
        for b in (self.lite_button, self.import_button, self.retry_button):
            b.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        self.status.setText(message)

    def _ok(self, _path) -> None:
        self.succeeded.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        """The error in words, and the three ways on."""
        self.error = message
        self.status.setText(message)
        self.bar.setValue(0)
        for b in (self.lite_button, self.import_button, self.retry_button):
            b.show()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.lite_button.setDefault(True)

    def _use_lite(self) -> None:
        self.error = ""  # not a failure any more: the user chose another way
        self.useInstead.emit(DEFAULT_VARIANT)
        self.accept()

    def reject(self) -> None:
        self.task.stop()  # the core removes the partial file
        super().reject()
