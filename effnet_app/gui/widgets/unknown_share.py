"""The "None of these" slider: how many pictures like the training ones may be answered
"None of these", said in plain words. The threshold behind it is read from the model's
held-out percentiles (core.inference.calibration), so moving it needs no new pass."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSlider, QWidget

from effnet_app.core.store.metadata import MAX_SHARE


class UnknownShareControl(QWidget):
    shareChanged = Signal(float)  # a fraction, 0 = never answer "None of these"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("<b>“None of these”</b>"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, round(MAX_SHARE * 100))
        self.slider.setPageStep(5)
        self.slider.setToolTip(self.tr("Right: catch more pictures that belong to none of the classes, and "
                                       "turn away more pictures that do. Left: fewer of both. 0 turns it off."))
        self.slider.setMinimumWidth(160)
        self.value = QLabel()
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("50 %") + 8)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title, 0, 0)
        lay.addWidget(self.slider, 0, 1)
        lay.addWidget(self.value, 0, 2)
        lay.addWidget(self.explain, 0, 3)
        lay.setColumnStretch(3, 1)
        self.slider.valueChanged.connect(self._moved)
        self.available = False
        self.set_model(False, 0.0)

    @property
    def share(self) -> float:
        return self.slider.value() / 100.0

    def set_model(self, available: bool, share: float) -> None:
        """Show a model's share; a model without the answer gets the reason instead."""
        self.available = available
        self.slider.blockSignals(True)
        self.slider.setValue(round(share * 100) if available else 0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(available)
        self._describe()

    def _moved(self, _value: int) -> None:
        self._describe()
        self.shareChanged.emit(self.share)

    def _describe(self) -> None:
        self.value.setText(f"{self.slider.value()} %" if self.available else "")
        if not self.available:
            text = self.tr("This model was made before “None of these” existed, so every picture gets one of its "
                           "classes. Train it again to have that answer.")
        elif self.slider.value() == 0:
            text = self.tr("Off: every picture gets the closest of the model's classes.")
        else:
            text = self.tr("Pictures unlike everything the model was trained on are answered “None of these”. "
                           "About {p} % of new pictures of your own classes will be too, by mistake.").format(
                p=self.slider.value())
        self.explain.setText(text)
