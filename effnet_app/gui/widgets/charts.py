"""A small line chart for training curves and the compound-scaling view: series of
(x, y) points, axes with round ticks, a legend; repainted when data arrive."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.ceil(lo / step) * step
    return [start + i * step for i in range(int((hi - start) / step + 1e-9) + 1)]


class LineChart(QWidget):
    def __init__(self, title: str = "", y_range: tuple[float, float] | None = None,
                 x_label: str = "", integer_x: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.y_range, self.x_label = title, y_range, x_label
        self.integer_x = integer_x  # ticks only at whole numbers (epochs)
        self.series: dict[str, dict] = {}
        self.x_ticks: list[tuple[float, str]] | None = None
        self.empty_text = ""
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def add_series(self, name: str, colour: str | None = None, dashed: bool = False, faint: bool = False) -> None:
        self.series[name] = {"colour": colour or PALETTE[len(self.series) % len(PALETTE)],
                             "points": [], "dashed": dashed, "faint": faint}

    def append(self, name: str, x: float, y: float) -> None:
        if name not in self.series:
            self.add_series(name)
        if y is not None and math.isfinite(y):
            self.series[name]["points"].append((float(x), float(y)))
        self.update()

    def set_points(self, name: str, points: list[tuple[float, float]]) -> None:
        if name not in self.series:
            self.add_series(name)
        self.series[name]["points"] = [(float(x), float(y)) for x, y in points]
        self.update()

    def clear(self) -> None:
        for s in self.series.values():
            s["points"] = []
        self.update()

    def points(self, name: str) -> list[tuple[float, float]]:
        return list(self.series.get(name, {}).get("points", []))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt naming
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        grid = QColor(pal.color(QPalette.ColorRole.Mid))
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = p.fontMetrics()
        top = fm.height() + 10
        plot = QRectF(48, top, self.width() - 60, self.height() - top - fm.height() * 2 - 10)
        p.setPen(text)
        p.drawText(QRectF(0, 4, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, self.title)
        pts = [pt for s in self.series.values() for pt in s["points"]]
        if not pts or plot.width() < 20 or plot.height() < 20:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        xs = [x for x, _ in pts] + [t for t, _ in (self.x_ticks or [])]
        x0, x1 = min(xs), max(xs)
        if x1 == x0:
            x0, x1 = x0 - 1, x1 + 1
        if self.y_range:
            y0, y1 = self.y_range
        else:
            ys = [y for _, y in pts]
            y0, y1 = min(0.0, min(ys)), max(ys) * 1.08 or 1.0

        def to_px(x: float, y: float) -> QPointF:
            return QPointF(plot.left() + (x - x0) / (x1 - x0) * plot.width(),
                           plot.bottom() - (y - y0) / (y1 - y0) * plot.height())

        self._draw_axes(p, plot, to_px, (x0, x1, y0, y1), text, grid)
        self._draw_series(p, plot, to_px, text)

    def _draw_axes(self, p: QPainter, plot: QRectF, to_px, bounds: tuple[float, float, float, float], text: QColor,
                   grid: QColor) -> None:
        """Horizontal grid lines with their values, the x ticks and the x axis label."""
        x0, x1, y0, y1 = bounds
        fm = p.fontMetrics()
        p.setPen(QPen(grid, 1))
        for t in _nice_ticks(y0, y1):
            y = to_px(x0, t).y()
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight, f"{t:g}")
            p.setPen(QPen(grid, 1))
        ticks = self.x_ticks or [(t, f"{t:g}") for t in _nice_ticks(x0, x1, 6)
                                 if not self.integer_x or float(t).is_integer()]
        p.setPen(text)
        for t, label in ticks:
            x = to_px(t, y0).x()
            p.drawText(QRectF(x - 40, plot.bottom() + 3, 80, fm.height()), Qt.AlignmentFlag.AlignHCenter, label)
        if self.x_label:
            p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()),
                       Qt.AlignmentFlag.AlignHCenter, self.x_label)

    def _draw_series(self, p: QPainter, plot: QRectF, to_px, text: QColor) -> None:
        """Each series as a line (with dots when there are few points), and the legend."""
        fm = p.fontMetrics()
        legend_x, legend_y = plot.left() + 8, plot.top() + 8
        for name, s in self.series.items():
            colour = QColor(s["colour"])
            if s["faint"]:
                colour.setAlpha(110)
            pen = QPen(colour, 1.5 if s["faint"] else 2.2)
            if s["dashed"]:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            path = QPainterPath()
            for i, (x, y) in enumerate(s["points"]):
                pt = to_px(x, y)
                path.moveTo(pt) if i == 0 else path.lineTo(pt)
                if len(s["points"]) < 40 and not s["faint"]:
                    p.drawEllipse(pt, 2.5, 2.5)
            p.drawPath(path)
            if s["points"]:
                width = 30 + fm.horizontalAdvance(name)
                if legend_x + width > plot.right() and legend_x > plot.left() + 8:  # wrap the legend
                    legend_x, legend_y = plot.left() + 8, legend_y + fm.height() + 2
                p.drawLine(QPointF(legend_x, legend_y), QPointF(legend_x + 16, legend_y))
                p.setPen(text)
                p.drawText(QPointF(legend_x + 20, legend_y + fm.ascent() / 2 - 1), name)
                legend_x += width
