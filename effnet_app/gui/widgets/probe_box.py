"""The training page's probe image: a picture chosen before training whose prediction
and SE gates are shown again after every epoch, so the person sees the network learn."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from effnet_app.core.data.images import IMAGE_EXTENSIONS
from effnet_app.core.events import Probe
from effnet_app.gui.widgets.heatmaps import HeatStrip
from effnet_app.gui.widgets.predictions import ProbabilityBars
from effnet_app.gui import file_dialogs


class ProbeBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Probe image"), parent)
        self.path: Path | None = None
        self.epochs: list[Probe] = []
        self.picture = QLabel(self.tr("none"))
        self.picture.setFixedSize(96, 96)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("QLabel { border: 1px dashed palette(mid); }")
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setToolTip(self.tr("A picture whose prediction (and SE gates) is shown after every epoch"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(lambda: self.set_path(None))
        self.text = QLabel(self.tr("Optional: choose a picture to watch its prediction change while the model trains."))
        self.text.setWordWrap(True)
        self.bars = ProbabilityBars()
        self.strip = HeatStrip()
        self.strip.setMinimumHeight(70)
        self.strip.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        info = QVBoxLayout()
        info.addWidget(self.text)
        info.addWidget(self.bars)
        info.addWidget(self.strip, 1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(buttons)
        lay.addLayout(info, 1)

    def choose(self) -> None:
        pattern = " ".join(f"*{e}" for e in sorted(IMAGE_EXTENSIONS))
        path = file_dialogs.open_file(self, self.tr("Choose a probe image"), self.tr("Images ({p})").format(p=pattern))
        if path:
            self.set_path(path)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.epochs = []
        self.bars.set_top([])
        self.strip.set_rows([])
        self.strip.hide()
        pm = QPixmap(str(path)) if path else QPixmap()
        if pm.isNull():
            self.picture.setText(self.tr("none"))
            self.picture.setPixmap(QPixmap())
        else:
            self.picture.setPixmap(pm.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.text.setText(self.tr("Its prediction appears here after the first step of training.") if path else
                          self.tr("Optional: choose a picture to watch its prediction change while the model trains."))

    def show_probe(self, probe: Probe) -> None:
        self.epochs.append(probe)
        e = probe.epoch
        when = self.tr("After fitting the new head:") if e == 0 else self.tr("After epoch {e}:").format(e=e)
        self.text.setText(self.tr("{when} {name} ({p:.0f} %)").format(when=when, name=probe.top[0][0],
                                                                       p=probe.top[0][1] * 100))
        self.bars.set_top(probe.top)
        if probe.gates:
            self.strip.show()
            self.strip.set_rows(probe.gates)
