"""The dialog that fetches a variant's ImageNet weights once, with progress and Cancel."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from effnet_app.core.models.variants import get_variant
from effnet_app.core.models.weights import base_url, ensure_weights
from effnet_app.gui.crash import show_crash
from effnet_app.gui.workers import TaskSlot


class DownloadDialog(QDialog):
    succeeded = Signal()

    def __init__(self, variant: str, mirror: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = get_variant(variant)
        self.setWindowTitle(self.tr("Downloading {label}").format(label=v.label))
        self.setModal(True)
        self.error = ""
        self.label = QLabel(self.tr(
            "{label} needs its ImageNet weights ({mb:.0f} MB). They are downloaded once from {url} "
            "and kept for next time.").format(label=v.label, mb=v.weights_mb, url=base_url(mirror)))
        self.label.setWordWrap(True)
        self.status = QLabel("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.label, self.bar, self.status, self.buttons):
            lay.addWidget(w)
        self.resize(480, 160)
        self.variant, self.mirror = v, mirror
        self.task = TaskSlot(self, failed=self._failed,
                             crashed=lambda t: (show_crash(self, t), self._failed(self.tr("The download failed."))))

    def start(self) -> None:
        self.open()
        self.task.start(partial(ensure_weights, mirror=self.mirror), self.variant, progress=self._progress, result=self._ok)

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        self.status.setText(message)

    def _ok(self, _path) -> None:
        self.succeeded.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        self.error = message
        self.status.setText(message)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def reject(self) -> None:
        self.task.stop()  # the core removes the partial file
        super().reject()
