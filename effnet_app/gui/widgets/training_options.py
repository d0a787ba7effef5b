"""The Train page's advanced settings: every knob of a training, filled with the
chosen mode's defaults and hidden until asked for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QSpinBox, QToolButton,
                               QWidget)

from effnet_app.core.training.config import AUTO_VIEWS, TrainConfig


class TrainingOptions(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epochs = QSpinBox(minimum=1, maximum=500)
        self.batch = QSpinBox(minimum=1, maximum=512)
        self.lr = QDoubleSpinBox(decimals=5, minimum=1e-5, maximum=0.1, singleStep=1e-4)
        self.val = QSpinBox(minimum=0, maximum=50, suffix=" %")
        self.augment = QCheckBox(self.tr("Flip, rotate and colour-jitter training images (full mode)"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.size = QSpinBox(minimum=0, maximum=1024, singleStep=32, specialValueText=self.tr("network's own"))
        self.views = QSpinBox(minimum=1, maximum=8, specialValueText=self.tr("as the pictures say (1 or 8)"))
        self.time_limit = QSpinBox(minimum=0, maximum=24 * 60, suffix=self.tr(" min"), specialValueText=self.tr("none"))
        self.split = QComboBox()
        self.split.addItem(self.tr("Copies and views of one scene"), "views")
        self.split.addItem(self.tr("Each sub-folder of a class (one specimen)"), "subfolders")
        self.split.addItem(self.tr("Same file-name start (slide12_003, slide12_007, …)"), "prefix")
        self.split.addItem(self.tr("Nothing: picture by picture"), "random")
        self.split.setToolTip(self.tr("Pictures kept together go all to training or all to validation, so the "
                                      "validation accuracy is not flattered by near-copies"))
        self.balance = QCheckBox(self.tr("Every class counts the same, however few its pictures"))
        self.balance.setToolTip(self.tr("Weighs the classes in the training so that a class with few pictures is not "
                                        "ignored in favour of a big one"))
        self.device = QComboBox()
        self.device.addItem(self.tr("Automatic (GPU if there is one)"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        self._wanted_device = "auto"
        form = QFormLayout(self)
        form.addRow(self.tr("Epochs (full mode, at most)"), self.epochs)
        form.addRow(self.tr("Time limit (full mode)"), self.time_limit)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Images kept for validation"), self.val)
        form.addRow(self.augment)
        form.addRow(self.tr("Image size (pixels)"), self.size)
        form.addRow(self.tr("Views of each picture (turned, mirrored)"), self.views)
        form.addRow(self.tr("Keep together for validation"), self.split)
        form.addRow(self.balance)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.tr("Device"), self.device)

    def set_mode(self, mode: str) -> None:
        """The mode's defaults; the knobs that only full training uses are greyed in quick."""
        cfg = TrainConfig.for_mode(mode)
        self.epochs.setValue(cfg.epochs)
        self.batch.setValue(cfg.batch_size)
        self.lr.setValue(cfg.lr)
        self.val.setValue(round(cfg.val_fraction * 100))
        self.augment.setChecked(cfg.augment)
        self.seed.setValue(cfg.seed)
        self.size.setValue(cfg.image_size)
        self.views.setMinimum(AUTO_VIEWS if mode == "quick" else 1)  # full mode learns in every view anyway
        self.views.setValue(cfg.tta_views)
        self.balance.setChecked(cfg.balance)
        for w in (self.epochs, self.lr, self.augment, self.time_limit):
            w.setEnabled(mode == "full")

    def add_gpu(self, name: str) -> None:
        """Offer the GPU (found once PyTorch is loaded, after the window opened)."""
        if self.device.findData("cuda") < 0:
            self.device.addItem(self.tr("GPU: {name}").format(name=name), "cuda")
            self.choose_device(self._wanted_device)

    def choose_device(self, device: str) -> None:
        self._wanted_device = device
        self.device.setCurrentIndex(max(0, self.device.findData(device)))

    def config(self, mode: str, variant: str, mirror: str | None) -> TrainConfig:
        return TrainConfig.for_mode(
            mode, variant=variant, epochs=self.epochs.value(), batch_size=self.batch.value(), lr=self.lr.value(),
            val_fraction=self.val.value() / 100, augment=self.augment.isChecked(), seed=self.seed.value(),
            device=self.device.currentData(), image_size=self.size.value() or None, tta_views=self.views.value(),
            mirror=mirror, split=self.split.currentData(), balance=self.balance.isChecked(),
            time_limit=60.0 * self.time_limit.value())


class AdvancedToggle(QToolButton):
    """"Advanced settings", with an arrow: shows and hides ``options`` (hidden at first)."""

    def __init__(self, options: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.setText(self.tr("Advanced settings"))
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setArrowType(Qt.ArrowType.RightArrow)
        self.toggled.connect(self._toggled)
        options.hide()

    def _toggled(self, on: bool) -> None:
        self.options.setVisible(on)
        self.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
