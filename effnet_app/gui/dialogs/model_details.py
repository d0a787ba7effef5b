"""Model details: the chosen variant's stage table (as in the EfficientNet paper's
Table 1), read from the built network, its size and cost, and the compound-scaling
chart across B0..B7. Everything is measured by core.architecture in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from effnet_app.core.models.variants import get_variant
from effnet_app.gui.widgets.charts import LineChart
from effnet_app.gui.widgets.common import human_count
from effnet_app.gui.widgets.variant_box import relative_cost
from effnet_app.gui.workers import TaskSlot

if TYPE_CHECKING:  # PyTorch is loaded after the window is shown (core.preload)
    from effnet_app.core.models.architecture import Architecture, VariantDetails


def _describe(variant, reporter=None, cancel=None) -> VariantDetails:
    """In the worker: PyTorch may still be loading (core.preload)."""
    from effnet_app.core.models.architecture import describe_variant

    return describe_variant(variant, reporter=reporter, cancel=cancel)


class ModelDetailsDialog(QDialog):
    def __init__(self, variant: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = get_variant(variant)
        self.setWindowTitle(self.tr("{label} — model details").format(label=v.label))
        self.resize(900, 640)
        self.plain = QLabel()  # the same in plain words, for someone who has not read the paper
        self.plain.setWordWrap(True)
        self.summary = QLabel(self.tr("Measuring the network…"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Stage"), self.tr("Operator"), self.tr("Stride"),
                                              self.tr("Resolution"), self.tr("Channels"), self.tr("Layers")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.chart = LineChart(self.tr("Compound scaling: growth relative to B0"), x_label=self.tr("variant"))
        self.chart.empty_text = self.tr("Measuring B0…B7…")
        for name, colour in ((self.tr("depth (layers)"), "#1f77b4"), (self.tr("width (channels)"), "#ff7f0e"),
                             (self.tr("resolution (pixels a side)"), "#2ca02c")):
            self.chart.add_series(name, colour)
        self.chart.setMinimumWidth(360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        row.addWidget(self.chart, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.plain)
        lay.addWidget(self.summary)
        lay.addLayout(row, 1)
        note = QLabel(self.tr("Read from the built network: each MBConv row is a run of blocks with the same "
                              "expansion, kernel and output channels; resolution is the stage's input. "
                              "FLOPs are multiply-adds of one image, as the paper counts them."))
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.arch: Architecture | None = None
        self.task = TaskSlot(self, failed=self.summary.setText)
        self.task.start(_describe, variant, result=self.show_details)

    def show_details(self, data: VariantDetails) -> None:
        arch: Architecture = data.arch
        self.arch = arch
        v = get_variant(arch.variant)
        scaling = {s.variant: s for s in data.scaling}
        s = scaling.get(arch.variant)
        coeff = (self.tr("depth ×{d:.2f}, width ×{w:.2f}, resolution ×{r:.2f} relative to B0").format(
            d=s.depth, w=s.width, r=s.resolution) if s else
            self.tr("the B0 layout with ReLU6 and without Squeeze-and-Excitation (built for mobile chips)"))
        self.summary.setText(self.tr(
            "<b>{label}</b>: input {size}×{size} px · {params} parameters · {flops} FLOPs · {se}<br>"
            "Scaling: {coeff}.").format(
                label=v.label, size=arch.input_size, params=human_count(arch.params),
                flops=human_count(arch.flops), coeff=coeff,
                se=self.tr("Squeeze-and-Excitation in every block") if v.has_se else self.tr("no Squeeze-and-Excitation")))
        self.plain.setText(self._in_plain_words(v, arch))
        self.table.setRowCount(len(arch.stages))
        for r, st in enumerate(arch.stages):
            values = [st.index, st.operator, st.stride, f"{st.resolution[0]}×{st.resolution[1]}", st.channels, st.layers]
            for c, val in enumerate(values):
                item = QTableWidgetItem(str(val))
                if c != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        ordered = sorted(scaling.values(), key=lambda x: x.variant)
        self.chart.x_ticks = [(i, x.variant.upper()) for i, x in enumerate(ordered)]
        names = list(self.chart.series)
        for key, name in zip(("depth", "width", "resolution"), names):
            self.chart.set_points(name, [(i, getattr(x, key)) for i, x in enumerate(ordered)])

    def _in_plain_words(self, v, arch: Architecture) -> str:
        text = self.tr(
            "In plain words: {label} looks at a picture of {size}×{size} pixels in {n} stages. Each stage makes the "
            "picture smaller and describes every spot of it with more numbers: first edges and colours, then "
            "textures, then whole shapes. It has {params} numbers learned from ImageNet's 1.3 million photos, and "
            "a picture costs about {times:.1f}× what it costs Lite0.").format(
                label=v.label, size=arch.input_size, n=len(arch.stages), params=human_count(arch.params),
                times=relative_cost(v))
        if not v.has_se:
            text += " " + self.tr("{label} is one of the EfficientNet-Lite networks: B0's layout made simpler for "
                                  "phones (no Squeeze-and-Excitation blocks), so it is not on the chart of B0…B7 (the "
                                  "table and the chart below are for readers of the EfficientNet paper).").format(
                                      label=v.label)
        else:
            text += " " + self.tr("The table and the chart below are for readers of the EfficientNet paper: the "
                                  "chart shows how B1…B7 grow from B0.")
        return text

    def done(self, r: int) -> None:
        self.task.stop()
        super().done(r)
