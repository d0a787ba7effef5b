"""The confusion matrix as a heat map: rows are true classes, columns predictions,
colour is the share of the row; clicking a cell emits its (true, predicted) pair."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class ConfusionMatrixView(QWidget):
    cellClicked = Signal(int, int)  # true class index, predicted class index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.classes: list[str] = []
        self.matrix: list[list[int]] = []
        self.selected: tuple[int, int] | None = None
        self.hover: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(260, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(480, 480)

    def set_matrix(self, classes: list[str], matrix: list[list[int]]) -> None:
        self.classes, self.matrix, self.selected = list(classes), [list(r) for r in matrix], None
        self.update()

    # geometry -----------------------------------------------------------------
    def _label_sizes(self) -> tuple[int, int]:
        """Room for the row names (left) and the turned column names (top): the longest
        name, up to 45 % of the width and a third of the height. The rows come first:
        they are read, and the columns follow the same order."""
        fm = self.fontMetrics()
        longest = max((fm.horizontalAdvance(c) for c in self.classes), default=0) + 8
        return min(longest, int(self.width() * 0.45)), min(longest, self.height() // 3)

    def labels(self) -> tuple[list[str], list[str]]:
        """The row and column names as painted (elided where there is no room)."""
        left, top = self._label_sizes()
        fm = self.fontMetrics()
        return ([fm.elidedText(c, Qt.TextElideMode.ElideRight, left) for c in self.classes],
                [fm.elidedText(c, Qt.TextElideMode.ElideRight, top) for c in self.classes])

    def _grid(self) -> tuple[QRectF, float]:
        n = max(1, len(self.classes))
        label_left, label_top = self._label_sizes()
        left, top = label_left + 24, label_top + 24
        side = max(10.0, min((self.width() - left - 8) / n, (self.height() - top - 8) / n))
        return QRectF(left, top, side * n, side * n), side

    def cell_rect(self, i: int, j: int) -> QRectF:
        grid, side = self._grid()
        return QRectF(grid.left() + j * side, grid.top() + i * side, side, side)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        grid, side = self._grid()
        if not self.classes or not grid.contains(x, y):
            return None
        return int((y - grid.top()) // side), int((x - grid.left()) // side)

    # events -------------------------------------------------------------------
    def mouseMoveEvent(self, e) -> None:  # noqa: N802
        cell = self.cell_at(e.position().x(), e.position().y())
        if cell != self.hover:
            self.hover = cell
            if cell:
                i, j = cell
                self.setToolTip(self.tr("True: {t}\nPredicted: {p}\nImages: {n}").format(
                    t=self.classes[i], p=self.classes[j], n=self.matrix[i][j]))
            self.update()

    def leaveEvent(self, e) -> None:  # noqa: N802
        self.hover = None
        self.update()

    def mousePressEvent(self, e) -> None:  # noqa: N802
        cell = self.cell_at(e.position().x(), e.position().y())
        if cell and e.button() == Qt.MouseButton.LeftButton:
            self.select(*cell)

    def select(self, i: int, j: int) -> None:
        self.selected = (i, j)
        self.update()
        self.cellClicked.emit(i, j)

    def paintEvent(self, e) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        if not self.classes:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No evaluation yet"))
            return
        grid, side = self._grid()
        fm = p.fontMetrics()
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        p.setPen(text)
        p.drawText(QRectF(grid.left(), 2, grid.width(), 16), Qt.AlignmentFlag.AlignHCenter, self.tr("Predicted"))
        p.save()
        p.translate(2, grid.bottom())
        p.rotate(-90)
        p.drawText(QRectF(0, 0, grid.height(), 16), Qt.AlignmentFlag.AlignHCenter, self.tr("True class"))
        p.restore()
        rows, columns = self.labels()
        for i in range(len(self.classes)):
            r = self.cell_rect(i, 0)
            p.drawText(QRectF(18, r.top(), grid.left() - 22, side), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, rows[i])
            c = self.cell_rect(0, i)
            p.save()
            p.translate(c.center().x() + fm.ascent() / 2 - 2, grid.top() - 4)
            p.rotate(-90)
            p.drawText(QRectF(0, -fm.ascent(), grid.top() - 20, fm.height()), Qt.AlignmentFlag.AlignLeft, columns[i])
            p.restore()
        for i, row in enumerate(self.matrix):
            total = sum(row) or 1
            for j, v in enumerate(row):
                share = v / total
                r = self.cell_rect(i, j)
                base = QColor("#2ea043") if i == j else QColor("#d1242f")
                colour = QColor(base)
                colour.setAlphaF(0.08 + 0.92 * share if v else 0.0)
                p.fillRect(r, colour)
                p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
                p.drawRect(r)
                if v and side >= 16:
                    p.setPen(QColor("white") if share > 0.5 or dark else text)
                    p.drawText(r, Qt.AlignmentFlag.AlignCenter, str(v))
        for cell, width in ((self.hover, 1.5), (self.selected, 3)):
            if cell:
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), width))
                p.drawRect(self.cell_rect(*cell).adjusted(1, 1, -1, -1))
