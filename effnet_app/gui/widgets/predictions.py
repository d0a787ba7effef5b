"""Showing predictions: probability bars, and a scalable list of result cards
(thumbnail + top classes as bars) painted by a delegate, so a folder of thousands
of images is one cheap view, not thousands of widgets."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyledItemDelegate, QWidget

from effnet_app.gui.theme import accent

UNKNOWN_COLOUR = "#bf8700"  # "None of these": a warning's amber, readable on light and dark


def paint_bars(p: QPainter, rect: QRectF, top: list[tuple[str, float]], pal: QPalette, row_h: float = 20,
               muted: bool = False) -> None:
    """Class names with a bar and a percentage each, best first; ``muted`` (an answer of
    "None of these") draws the first bar grey like the rest, so it does not read as an answer."""
    fm = p.fontMetrics()
    pct_w = fm.horizontalAdvance("100.0 %") + 6
    # Whole names where the bars keep 80 px; elided only on a narrow pane.
    room = max(rect.width() * 0.45, rect.width() - pct_w - 80)
    name_w = min(room, max((fm.horizontalAdvance(c) for c, _ in top), default=0) + 8)
    bar_w = max(10.0, rect.width() - name_w - pct_w)
    text = pal.color(QPalette.ColorRole.WindowText)
    track = QColor(pal.color(QPalette.ColorRole.Mid))
    track.setAlpha(90)
    for i, (name, prob) in enumerate(top):
        y = rect.top() + i * row_h
        if y + row_h > rect.bottom() + 1:
            break
        p.setPen(text)
        p.drawText(QRectF(rect.left(), y, name_w - 6, row_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(name, Qt.TextElideMode.ElideRight, int(name_w - 6)))
        bar = QRectF(rect.left() + name_w, y + row_h * 0.25, bar_w, row_h * 0.5)
        p.fillRect(bar, track)
        colour = accent() if i == 0 and not muted else QColor(pal.color(QPalette.ColorRole.Dark))
        p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * max(0.0, min(1.0, prob)), bar.height()), colour)
        p.drawText(QRectF(bar.right(), y, pct_w, row_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                   f"{prob * 100:.1f} %")


class ProbabilityBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top: list[tuple[str, float]] = []
        self.muted = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(24)

    def set_top(self, top: list[tuple[str, float]], muted: bool = False) -> None:
        self.top, self.muted = list(top), muted
        self.setFixedHeight(max(24, 24 * len(self.top)))
        self.update()

    def paintEvent(self, e) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_bars(p, QRectF(self.rect()), self.top, self.palette(), 24, self.muted)


# A result: {"path": str, "top": [(class, p), ...], "error": str | None, "note": str,
#            "verdict": str ("None of these — closest: X", or "")}
Result = dict

PathRole = Qt.ItemDataRole.UserRole + 1
ResultRole = Qt.ItemDataRole.UserRole + 2


class ResultListModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.results: list[Result] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.results)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return r["path"].replace("\\", "/").rsplit("/", 1)[-1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.get("error") or r["path"]
        if role == PathRole:
            return r["path"]
        if role == ResultRole:
            return r
        return None

    def extend(self, results: list[Result]) -> None:
        if not results:
            return
        start = len(self.results)
        self.beginInsertRows(QModelIndex(), start, start + len(results) - 1)
        self.results.extend(results)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.results = []
        self.endResetModel()

    def row_of(self, path: str) -> int:
        return next((i for i, r in enumerate(self.results) if r["path"] == path), -1)

    def refresh_path(self, path: str) -> None:
        for i, r in enumerate(self.results):
            if r["path"] == path:
                idx = self.index(i)
                self.dataChanged.emit(idx, idx)


class ResultCardDelegate(QStyledItemDelegate):
    """Thumbnail on the left; file name, a note and the top classes as bars on the right."""

    THUMB = 96
    BARS = 3

    def __init__(self, thumbs, parent=None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(360, self.THUMB + 12)

    def paint(self, p: QPainter, option, index) -> None:
        r: Result = index.data(ResultRole)
        pal = option.palette
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            p.fillRect(option.rect, pal.color(QPalette.ColorRole.Highlight).lighter(170)
                       if pal.color(QPalette.ColorRole.Base).lightness() > 128
                       else pal.color(QPalette.ColorRole.Highlight).darker(200))
        rect: QRect = option.rect.adjusted(6, 6, -6, -6)
        thumb_rect = QRect(rect.left(), rect.top(), self.THUMB, self.THUMB)
        pm = self.thumbs.get(r["path"])
        if pm is not None:
            scaled = pm.size().scaled(thumb_rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(thumb_rect.center())
            p.drawPixmap(target, pm)
        else:
            p.fillRect(thumb_rect, pal.color(QPalette.ColorRole.AlternateBase))
        text_left = rect.left() + self.THUMB + 10
        fm = p.fontMetrics()
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        name = index.data(Qt.ItemDataRole.DisplayRole)
        p.drawText(QRect(text_left, rect.top(), rect.right() - text_left, fm.height()),
                   Qt.AlignmentFlag.AlignLeft, fm.elidedText(name, Qt.TextElideMode.ElideMiddle, rect.right() - text_left))
        y = rect.top() + fm.height() + 2
        if r.get("verdict"):  # "None of these — closest: X", set by the page
            plain = p.font()
            bold = QFont(plain)
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(QColor(UNKNOWN_COLOUR))
            p.drawText(QRect(text_left, y, rect.right() - text_left, fm.height()), Qt.AlignmentFlag.AlignLeft,
                       p.fontMetrics().elidedText(r["verdict"], Qt.TextElideMode.ElideRight, rect.right() - text_left))
            p.setFont(plain)
            y += fm.height()
        if r.get("note"):
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRect(text_left, y, rect.right() - text_left, fm.height()), Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(r["note"], Qt.TextElideMode.ElideRight, rect.right() - text_left))
            y += fm.height()
        if r.get("error"):
            p.setPen(QColor("#cf222e"))
            p.drawText(QRect(text_left, y, rect.right() - text_left, rect.bottom() - y),
                       Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, r["error"])
        else:
            paint_bars(p, QRectF(text_left, y + 2, rect.right() - text_left, rect.bottom() - y - 2),
                       list(r["top"])[: self.BARS], pal, 20, bool(r.get("verdict")))
        p.restore()
