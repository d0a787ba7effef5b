"""The live view's panels: Squeeze-and-Excitation gates (all blocks, one block in
detail, and the class profile), feature maps of a chosen stage, and Grad-CAM
settings. Each panel shows an :class:`~effnet_app.core.explain.analyzer.Analysis` and
emits ``changed`` when the user picks something that needs a new analysis."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QSpinBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from effnet_app.core.explain.request import Request
from effnet_app.core.explain.profile import ClassProfile
from effnet_app.gui.widgets.heatmaps import ColourLegend, HeatStrip, MapGrid, MapView, RowBars

if TYPE_CHECKING:  # PyTorch is loaded after the window is shown (core.preload)
    from effnet_app.core.explain.analyzer import Analysis, Analyzer


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(pal)
    return label


def _compact(box: QComboBox) -> None:
    """A combo box whose long items do not widen the panel (they show in the popup)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)


class SEPanel(QWidget):
    changed = Signal()
    profileRequested = Signal()
    profileShown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analyzer: Analyzer | None = None
        self.block: int | None = None
        self.channel: int | None = None
        self.profile: ClassProfile | None = None

        self.none_label = QLabel()
        self.none_label.setWordWrap(True)
        self.none_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.strip = HeatStrip()
        self.strip.picked.connect(self._picked)
        self.block_box = QComboBox()
        _compact(self.block_box)
        self.block_box.currentIndexChanged.connect(self._block_chosen)
        self.top_label = QLabel()
        self.top_label.setWordWrap(True)
        self.top_label.setTextFormat(Qt.TextFormat.RichText)
        self.top_label.linkActivated.connect(lambda ch: self.set_channel(int(ch)))
        self.channel_box = QSpinBox()
        self.channel_box.setPrefix(self.tr("channel "))
        self.channel_box.valueChanged.connect(self.set_channel)
        self.before = MapView(self.tr("before the gate"))
        self.after = MapView(self.tr("after the gate"))

        maps = QHBoxLayout()
        maps.addWidget(self.before)
        maps.addWidget(self.after)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Block:")))
        pick.addWidget(self.block_box, 1)
        pick.addWidget(self.channel_box)

        frame = QWidget()
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(_hint(self.tr("Each row is one SE block, early (top) to late; each column a channel; "
                                    "bright = the block lets that channel through. Point at a cell for its value, "
                                    "click it to look at that block and channel.")))
        lay.addWidget(self.strip, 3)
        lay.addLayout(pick)
        lay.addWidget(self.top_label)
        lay.addLayout(maps, 2)

        self.inner = QTabWidget()
        self.inner.setDocumentMode(True)
        self.inner.addTab(frame, self.tr("This picture"))
        self.inner.addTab(self._profile_pane(), self.tr("Class profile"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.inner)
        self.stack.addWidget(self.none_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.stack)


    def _profile_pane(self) -> QWidget:
        """The class profile: the chosen block's gates averaged per class."""
        self.profile_button = QPushButton(self.tr("Compute the class profile"))
        self.profile_button.setToolTip(self.tr("Average gates per class over the model's validation images"))
        self.profile_button.clicked.connect(self.profileRequested)
        self.profile_label = QLabel()
        self.profile_label.setWordWrap(True)
        self.profile_strip = HeatStrip(row_name=self.tr("class"))
        self.specificity = RowBars()
        self.specificity.setToolTip(self.tr("How much of a block's gate variation the class explains (0: none, 1: all)"))
        profile = QWidget()
        pl = QVBoxLayout(profile)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(_hint(self.tr("The average gates of the chosen block for each class, over the model's "
                                   "validation images (or the Data page's folder). Early blocks look alike for "
                                   "every class; late blocks become class-specific.")))
        row = QHBoxLayout()
        row.addWidget(self.profile_button)
        row.addStretch(1)
        pl.addLayout(row)
        pl.addWidget(self.profile_label)
        pl.addWidget(self.profile_strip, 3)
        spec_label = QLabel(self.tr("How class-specific each block is, block 1 at the top (share of gate variation "
                                    "explained by the class):"))
        spec_label.setWordWrap(True)
        pl.addWidget(spec_label)
        pl.addWidget(self.specificity, 2)
        self.profile_box = profile
        return profile

    def set_analyzer(self, analyzer: Analyzer | None) -> None:
        self.analyzer = analyzer
        self.profile = None
        self.profile_strip.set_rows([])
        self.specificity.set_values([], [])
        self.profile_label.clear()
        has = analyzer is not None and analyzer.has_se
        self.stack.setCurrentIndex(0 if has else 1)
        if analyzer is not None and not has:
            self.none_label.setText(self.tr(
                "{net} has no Squeeze-and-Excitation blocks (EfficientNet-Lite removed them to run well on phones), "
                "so there are no gates to show. The feature maps and Grad-CAM work as usual; choose a model "
                "trained from EfficientNet-B0…B7 to see the gates.").format(net=analyzer.variant.label))
        self.block_box.blockSignals(True)
        self.block_box.clear()
        if has:
            self.block_box.addItems([analyzer.block_label(i) for i in range(len(analyzer.blocks))])
            self.block = len(analyzer.blocks) - 1
            self.block_box.setCurrentIndex(self.block)
            self.channel_box.setRange(0, analyzer.block_channels[self.block] - 1)
        self.block_box.blockSignals(False)
        self.strip.set_rows([])
        self.channel = None

    def request(self, req: Request) -> Request:
        """``req`` with what this panel shows added (each panel adds its own fields)."""
        return replace(req, gates=True, se_channel=self.channel,
                       se_block=self.block if self.analyzer is not None and self.analyzer.has_se else None)

    def show_analysis(self, a: Analysis) -> None:
        if not a.gates:
            return
        self.strip.set_rows(a.gates)
        self.strip.set_selected(self.block)
        if a.se is not None:
            se = a.se
            links = ", ".join(f'<a href="{c}">{c}</a> ({g:.2f})' for c, g in se.top)
            self.top_label.setText(self.tr("Most excited channels: {links}").format(links=links))
            self.before.set_map(se.before, se.low, se.high, self.tr("#{c} before").format(c=se.channel))
            self.after.set_map(se.after, se.low, se.high, self.tr("after × {g:.2f}").format(g=se.gate))
            self.channel_box.blockSignals(True)
            self.channel_box.setValue(se.channel)
            self.channel_box.blockSignals(False)

    def _picked(self, row: int, channel: int) -> None:
        self.block_box.setCurrentIndex(row)  # -> _block_chosen
        self.set_channel(channel)

    def _block_chosen(self, i: int) -> None:
        if i < 0 or self.analyzer is None:
            return
        self.block, self.channel = i, None
        self.channel_box.blockSignals(True)
        self.channel_box.setRange(0, self.analyzer.block_channels[i] - 1)
        self.channel_box.blockSignals(False)
        self.strip.set_selected(i)
        self._show_profile_block()
        self.changed.emit()

    def set_channel(self, channel: int) -> None:
        self.channel = int(channel)
        self.changed.emit()

    # class profile ------------------------------------------------------------
    def set_profile(self, profile: ClassProfile) -> None:
        self.profile = profile
        self.inner.setCurrentWidget(self.profile_box)
        self.specificity.set_values(profile.specificity, [str(i + 1) for i in range(len(profile.specificity))])
        self._show_profile_block()
        self.profileShown.emit()

    def _show_profile_block(self) -> None:
        if self.profile is None or self.block is None:
            return
        b = self.block
        keep = [i for i, n in enumerate(self.profile.counts) if n]
        self.profile_strip.set_rows([self.profile.means[b][i] for i in keep], [self.profile.classes[i] for i in keep])
        self.profile_label.setText(self.tr("{block}, {source}. Choose another block on “This picture”.").format(
            block=self.analyzer.block_label(b) if self.analyzer else b + 1, source=self.profile.source))


class FeaturePanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_box = QComboBox()
        _compact(self.stage_box)
        self.stage_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.count_box = QSpinBox()
        self.count_box.setRange(1, 64)
        self.count_box.setValue(16)
        self.count_box.setSuffix(self.tr(" maps"))
        self.count_box.valueChanged.connect(lambda _v: self.changed.emit())
        self.grid = MapGrid()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Stage:")))
        row.addWidget(self.stage_box, 1)
        row.addWidget(self.count_box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(_hint(self.tr("The most active channels of one stage, each scaled to its own range "
                                    "(bright = strong). Early stages respond to edges and colours, late ones to "
                                    "whole textures.")))
        lay.addLayout(row)
        lay.addWidget(self.grid, 1)
        lay.addWidget(self.caption)

    def set_analyzer(self, analyzer: Analyzer | None) -> None:
        self.stage_box.blockSignals(True)
        self.stage_box.clear()
        if analyzer is not None:
            self.stage_box.addItems(analyzer.stage_labels)
            self.stage_box.setCurrentIndex(len(analyzer.stage_labels) // 2)
        self.stage_box.blockSignals(False)
        self.grid.set_maps(None)

    def request(self, req: Request) -> Request:
        return replace(req, stage=max(0, self.stage_box.currentIndex()), maps=self.count_box.value())

    def show_analysis(self, a: Analysis) -> None:
        f = a.features
        if f is None:
            return
        self.grid.set_maps(f.maps, [f"#{c}" for c in f.channels])
        h, w = f.maps.shape[1:]
        self.caption.setText(self.tr("{label}: {n} of {total} channels, {w}×{h} each, most active first.").format(
            label=f.label, n=len(f.channels), total=f.total, w=w, h=h))


class CamPanel(QWidget):
    changed = Signal()
    opacityChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_box = QCheckBox(self.tr("Show the heat map on the picture"))
        self.show_box.setChecked(True)
        self.show_box.toggled.connect(lambda _b: self.changed.emit())
        self.class_box = QComboBox()
        _compact(self.class_box)
        self.class_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(60)
        self.opacity.valueChanged.connect(lambda v: self.opacityChanged.emit(v / 100))
        self.layer_label = QLabel()
        self.layer_label.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Class:")), 0, 0)
        grid.addWidget(self.class_box, 0, 1)
        grid.addWidget(QLabel(self.tr("Opacity:")), 1, 0)
        grid.addWidget(self.opacity, 1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(_hint(self.tr("Grad-CAM colours the parts of the picture that raise the chosen class's "
                                    "score (bright = strong). The dashed square is what the network sees.")))
        self.legend = ColourLegend("inferno", self.tr("no part"), self.tr("decided the answer"))
        lay.addWidget(self.legend)
        lay.addWidget(self.show_box)
        lay.addLayout(grid)
        lay.addWidget(self.layer_label)
        lay.addStretch(1)

    def set_analyzer(self, analyzer: Analyzer | None) -> None:
        self.class_box.blockSignals(True)
        self.class_box.clear()
        self.class_box.addItem(self.tr("The predicted class"))
        if analyzer is not None:
            self.class_box.addItems(analyzer.classes)
            self.layer_label.setText(self.tr("Worked out from the network's last map of the picture, the last layer "
                                             "that still knows where each part is ({net}: {layer}).").format(
                layer=analyzer.variant.gradcam_layer, net=analyzer.variant.label))
        self.class_box.blockSignals(False)

    def show_analysis(self, a: Analysis) -> None:
        """Nothing to show here: the heat map is drawn on the picture."""

    def request(self, req: Request) -> Request:
        i = self.class_box.currentIndex()
        return replace(req, gradcam=self.show_box.isChecked(), cam_class=None if i <= 0 else i - 1)

