"""The reliability diagram: for the pictures the model was 0–7 %, 7–13 %, ... sure of,
how often it was right. A calibrated model's bars reach the diagonal; bars under it
mean it was surer than it should have been (the gap is shaded). The number of
pictures in each bin is written over it; bins without pictures are left empty."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from effnet_app.gui.theme import accent


class ReliabilityDiagram(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[dict] = []  # core.metrics.Bin.to_dict() rows
        self.ece: float | None = None
        self.setMinimumSize(260, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    def set_bins(self, bins: list[dict], ece: float | None) -> None:
        self.bins, self.ece = list(bins), ece
        self.update()

    def plot_rect(self) -> QRectF:
        """A square plot, centred, with room for the title above and the axis below."""
        fm = self.fontMetrics()
        left, bottom = fm.horizontalAdvance("100%") + 10, fm.height() * 2 + 10
        side = max(40.0, min(self.width() - left - 20, self.height() - bottom - fm.height() - 14))
        x = max(left, (self.width() - side) / 2)
        return QRectF(x, fm.height() + 10, side, side)

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        plot = self.plot_rect()
        p.setPen(text)
        title = self.tr("Reliability (calibration error {ece:.1f} %)").format(ece=self.ece * 100) \
            if self.ece is not None else self.tr("Reliability")
        p.drawText(QRectF(0, 0, self.width(), plot.top() - 4), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                   title)
        if not any(b.get("count") for b in self.bins):
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.tr("No calibration figures for these results."))
            return
        self._paint_bars(p, plot, text)
        self._paint_axes(p, plot, text)

    def _paint_bars(self, p: QPainter, plot: QRectF, text: QColor) -> None:
        fm = p.fontMetrics()
        gap = QColor("#cf222e")
        gap.setAlpha(70)
        for b in self.bins:
            x0 = plot.left() + b["low"] * plot.width()
            w = (b["high"] - b["low"]) * plot.width()
            if not b["count"]:
                continue
            top_acc = plot.bottom() - b["accuracy"] * plot.height()
            top_conf = plot.bottom() - b["confidence"] * plot.height()
            p.fillRect(QRectF(x0 + 1, top_acc, w - 2, plot.bottom() - top_acc), accent())
            # The gap between how sure it was and how often it was right.
            p.fillRect(QRectF(x0 + 1, min(top_acc, top_conf), w - 2, abs(top_acc - top_conf)), gap)
            if w > fm.horizontalAdvance(str(b["count"])) + 2 and plot.bottom() - top_acc > fm.height() + 2:
                p.setPen(QColor("white"))  # how many pictures, at the foot of the bar
                p.drawText(QRectF(x0, plot.bottom() - fm.height() - 2, w, fm.height()),
                           Qt.AlignmentFlag.AlignCenter, str(b["count"]))

    def _paint_axes(self, p: QPainter, plot: QRectF, text: QColor) -> None:
        fm = p.fontMetrics()
        p.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.top()))
        p.setPen(text)
        p.drawRect(plot)
        for v in (0.0, 0.5, 1.0):
            y = plot.bottom() - v * plot.height()
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{v:.0%}")
            x = plot.left() + v * plot.width()
            p.drawText(QRectF(x - 30, plot.bottom() + 2, 60, fm.height()), Qt.AlignmentFlag.AlignCenter, f"{v:.0%}")
        p.drawText(QRectF(0, plot.bottom() + fm.height() + 4, self.width(), fm.height()),
                   Qt.AlignmentFlag.AlignCenter, self.tr("how sure it was · bars: how often it was right"))
