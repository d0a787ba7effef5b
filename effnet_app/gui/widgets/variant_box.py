"""The Train page's network chooser: the variants by name, and one line on what the
chosen one costs in words a person can compare (time per picture against Lite0,
memory, whether it works offline)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from effnet_app.core.models.variants import VARIANTS, Variant, get_variant
from effnet_app.core.models.weights import cached_weights
from effnet_app.gui.icons import icon
from effnet_app.gui.widgets.common import human_count

# Time per picture relative to Lite0 (the cheapest), with a word for each range.
_SPEED = [(1.05, "fastest"), (1.6, "fast"), (3.0, "moderate"), (10.0, "slow"), (float("inf"), "very slow")]  # i18n: ignore (keys)


def relative_cost(v: Variant) -> float:
    """A picture's cost against Lite0's, from input size and parameters: within 10 % of
    the measured multiply-adds (core.models.architecture) without building a network."""
    def cost(x: Variant) -> float:
        return (x.input_size / 224) ** 2 * x.num_params
    return cost(v) / cost(get_variant("lite0"))


class VariantBox(QGroupBox):
    changed = Signal(str)  # the chosen variant's name
    detailsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Network"), parent)
        self.combo = QComboBox()
        for v in VARIANTS.values():
            self.combo.addItem(v.label, v.name)
        self.combo.currentIndexChanged.connect(self._changed)
        self.details_button = QPushButton(icon("info"), self.tr("Model details…"))
        self.details_button.clicked.connect(self.detailsRequested)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumHeight(64)
        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        row.addWidget(self.details_button)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.text)

    @property
    def name(self) -> str:
        return self.combo.currentData()

    def choose(self, name: str) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(name)))
        self.refresh()

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit(self.name)

    def refresh(self) -> None:
        """The line under the chooser (weights may have been downloaded meanwhile)."""
        v = get_variant(self.name)
        times = relative_cost(v)
        speed = next(word for limit, word in _SPEED if times < limit)
        words = {"fastest": self.tr("fastest"), "fast": self.tr("fast"), "moderate": self.tr("moderate"),
                 "slow": self.tr("slow"), "very slow": self.tr("very slow")}[speed]
        memory = self.tr("low") if times < 4 else self.tr("medium") if times < 15 else self.tr("high")
        weights = (self.tr("Works offline: its weights come with the app.") if v.works_offline else
                   self.tr("Downloads {mb:.0f} MB on first use.").format(mb=v.weights_mb)
                   if cached_weights(v) is None else self.tr("Weights already downloaded."))
        self.text.setText(self.tr(
            "Speed: {speed} (about {times:.1f}× Lite0's time per picture) · memory: {memory} · input {size}×{size} px "
            "· {params} parameters · ImageNet accuracy {acc:.1f} %. {weights}").format(
                speed=words, times=times, memory=memory, size=v.input_size, params=human_count(v.num_params),
                acc=v.imagenet_top1, weights=weights))
