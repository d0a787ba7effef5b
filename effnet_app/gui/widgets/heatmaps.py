"""Widgets that paint arrays with a colour map: a heat strip (one row per SE block or
per class, columns = channels, hover and click), a grid of feature maps, one map
with a caption, and bars per row (how class-specific each SE block is)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from effnet_app.core.explain.colormaps import colorize
from effnet_app.gui.theme import accent
from effnet_app.gui.qimages import to_qimage

STRIP_COLUMNS = 512  # rows are resampled to this many columns before painting


class HeatStrip(QWidget):
    """Rows of values in [0, 1] (each may have its own length) painted as one image:
    row i spans the full width, so column x of row i is channel x * len(row) / width.
    A summary column on the right gives each row's mean and spread."""

    hovered = Signal(int, int, float)  # row, channel, value
    picked = Signal(int, int)  # row, channel (a click)

    def __init__(self, parent: QWidget | None = None, row_name: str = "", cmap: str = "viridis") -> None:
        super().__init__(parent)
        self.row_name = row_name or self.tr("SE block")
        self.cmap = cmap
        self.rows: list[np.ndarray] = []
        self.labels: list[str] = []
        self.selected: int | None = None
        self._image: QImage | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def set_rows(self, rows: list[np.ndarray], labels: list[str] | None = None) -> None:
        self.rows = [np.asarray(r, np.float32) for r in rows]
        self.labels = list(labels) if labels else []
        if self.rows:
            cols = [np.nan_to_num(r[(np.arange(STRIP_COLUMNS) * len(r)) // STRIP_COLUMNS]) for r in self.rows]
            self._image = to_qimage(colorize(np.stack(cols), self.cmap))
        else:
            self._image = None
        self.update()

    def set_selected(self, row: int | None) -> None:
        self.selected = row
        self.update()

    # geometry ---------------------------------------------------------------
    def _label_width(self) -> int:
        fm = self.fontMetrics()
        if not self.labels:
            return 0
        return min(int(self.width() * 0.35), max(fm.horizontalAdvance(t) for t in self.labels) + 8)

    def _summary_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("0.00 ±0.00") + 10

    def strip_rect(self) -> QRectF:
        return QRectF(self._label_width(), 0, max(10, self.width() - self._label_width() - self._summary_width()),
                      self.height())

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        r = self.strip_rect()
        if not self.rows or not r.contains(QPointF(x, y)):
            return None
        row = min(len(self.rows) - 1, int((y - r.top()) * len(self.rows) / r.height()))
        n = len(self.rows[row])
        return row, min(n - 1, int((x - r.left()) * n / r.width()))

    # painting and events ----------------------------------------------------
    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        r = self.strip_rect()
        if self._image is None:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.tr("No values yet."))
            return
        p.drawImage(r, self._image)  # nearest-neighbour scaling: channels stay crisp
        n = len(self.rows)
        h = r.height() / n
        fm = p.fontMetrics()
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        show_text = h >= fm.height() * 0.8
        for i, row in enumerate(self.rows):
            y = r.top() + i * h
            if show_text and self.labels:
                p.drawText(QRectF(0, y, r.left() - 6, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                           fm.elidedText(self.labels[i], Qt.TextElideMode.ElideRight, int(r.left() - 6)))
            if show_text and len(row):
                p.drawText(QRectF(r.right() + 6, y, self._summary_width(), h), Qt.AlignmentFlag.AlignVCenter,
                           f"{np.nanmean(row):.2f} ±{np.nanstd(row):.2f}")
        if self.selected is not None and 0 <= self.selected < n:
            p.setPen(QPen(accent(), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(r.left() + 1, r.top() + self.selected * h + 1, r.width() - 2, h - 2))

    def row_text(self, row: int) -> str:
        return self.labels[row] if self.labels else f"{self.row_name} {row + 1}"

    def mouseMoveEvent(self, e) -> None:  # noqa: N802
        cell = self.cell_at(e.position().x(), e.position().y())
        if cell is None:
            QToolTip.hideText()
            return
        row, ch = cell
        value = float(self.rows[row][ch])
        self.hovered.emit(row, ch, value)
        QToolTip.showText(e.globalPosition().toPoint(),
                          self.tr("{row} · channel {ch} · {value:.3f}").format(row=self.row_text(row), ch=ch, value=value), self)

    def mousePressEvent(self, e) -> None:  # noqa: N802
        cell = self.cell_at(e.position().x(), e.position().y())
        if cell is not None:
            self.picked.emit(*cell)


class MapGrid(QWidget):
    """Feature maps (N x h x w in [0, 1]) as a grid of coloured tiles with captions."""

    def __init__(self, parent: QWidget | None = None, cmap: str = "viridis") -> None:
        super().__init__(parent)
        self.cmap = cmap
        self.images: list[QImage] = []
        self.captions: list[str] = []
        self.setMinimumSize(200, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def set_maps(self, maps: np.ndarray | None, captions: list[str] | None = None) -> None:
        self.images = [] if maps is None else [to_qimage(colorize(m, self.cmap)) for m in maps]
        self.captions = list(captions or [])
        self.update()

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        if not self.images:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No feature maps yet."))
            return
        n = len(self.images)
        cols = int(np.ceil(np.sqrt(n * self.width() / max(1, self.height()))))
        cols = max(1, min(n, cols))
        rows = int(np.ceil(n / cols))
        fm = p.fontMetrics()
        cap = fm.height() if self.captions else 0
        side = min(self.width() / cols, (self.height() / rows) - cap) - 4
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for i, img in enumerate(self.images):
            x, y = (i % cols) * (side + 4), (i // cols) * (side + 4 + cap)
            p.drawImage(QRectF(x, y, side, side), img)
            if self.captions:
                p.drawText(QRectF(x, y + side, side, cap), Qt.AlignmentFlag.AlignCenter, self.captions[i])


class MapView(QWidget):
    """One map, coloured over a given value range (so two maps can share a scale)."""

    def __init__(self, caption: str = "", parent: QWidget | None = None, cmap: str = "viridis") -> None:
        super().__init__(parent)
        self.caption, self.cmap = caption, cmap
        self.image: QImage | None = None
        self.setMinimumSize(120, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_map(self, values: np.ndarray | None, low: float = 0.0, high: float = 1.0, caption: str | None = None) -> None:
        if caption is not None:
            self.caption = caption
        if values is None:
            self.image = None
        else:
            span = high - low if high > low else 1.0
            self.image = to_qimage(colorize((values - low) / span, self.cmap))
        self.update()

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        cap = p.fontMetrics().height() + 4
        side = max(10, min(self.width(), self.height() - cap))
        x = (self.width() - side) / 2
        if self.image is not None:
            p.drawImage(QRectF(x, 0, side, side), self.image)
        else:
            p.setPen(self.palette().color(QPalette.ColorRole.Mid))
            p.drawRect(QRectF(x, 0, side - 1, side - 1))
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(0, side + 2, self.width(), cap), Qt.AlignmentFlag.AlignCenter, self.caption)


class RowBars(QWidget):
    """One horizontal bar per row, values in [0, 1], with a label and the value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.labels: list[str] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, values: list[float], labels: list[str]) -> None:
        self.values, self.labels = list(values), list(labels)
        self.update()

    def paintEvent(self, _e) -> None:  # noqa: N802
        if not self.values:
            return
        p = QPainter(self)
        fm = p.fontMetrics()
        pal = self.palette()
        label_w = min(self.width() * 0.35, max(fm.horizontalAdvance(t) for t in self.labels) + 8)
        value_w = fm.horizontalAdvance("0.00") + 8
        h = self.height() / len(self.values)
        track = QColor(pal.color(QPalette.ColorRole.Mid))
        track.setAlpha(90)
        for i, (v, t) in enumerate(zip(self.values, self.labels)):
            y = i * h
            p.setPen(pal.color(QPalette.ColorRole.WindowText))
            if h >= fm.height() * 0.8:
                p.drawText(QRectF(0, y, label_w - 6, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, t)
                p.drawText(QRectF(self.width() - value_w, y, value_w, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                           f"{v:.2f}")
            bar = QRectF(label_w, y + h * 0.2, max(10, self.width() - label_w - value_w - 4), h * 0.6)
            p.fillRect(bar, track)
            p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * max(0.0, min(1.0, v)), bar.height()), accent())


class ColourLegend(QWidget):
    """What a colour map's colours mean: its gradient, with a word at each end."""

    def __init__(self, cmap: str, low: str, high: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self._image = to_qimage(colorize(np.linspace(0.0, 1.0, 256, dtype=np.float32)[None, :], cmap))
        self.setMinimumHeight(self.fontMetrics().height() + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, self.minimumHeight())

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        fm = self.fontMetrics()
        side = max(fm.horizontalAdvance(self.low), fm.horizontalAdvance(self.high)) + 8
        bar = QRectF(side, 3, max(10, self.width() - 2 * side), self.height() - 6)
        p.drawImage(bar, self._image)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(0, 0, side - 6, self.height()), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.low)
        p.drawText(QRectF(bar.right() + 6, 0, side, self.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   self.high)
