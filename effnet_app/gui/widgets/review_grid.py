"""The review of a sort: pictures grouped by the class they will go to, least sure
first, with "None of these", "Left out" and "Could not be read" as groups of their
own. The user corrects with the keyboard (a key per class, 0 to leave out; select
many with Shift or Ctrl) or with the mouse ("Put selected into")."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListView, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget)

from effnet_app.core.curation.sort import Placement
from effnet_app.gui.thumbnails import ThumbnailLoader

KEYS = "123456789abcdefghijklmnopqrstuvwxyz"  # the class keys, in the model's class order
UNKNOWN, LEFT_OUT, UNREADABLE = "\x00unknown", "\x00left-out", "\x00unreadable"
ICON = 112


@dataclass
class Reviewed:
    placement: Placement
    choice: str | None  # the class it goes to; None: it stays where it is
    left_out: bool = False  # the user said so

    @property
    def group(self) -> str:
        if self.placement.error:
            return UNREADABLE
        if self.choice is not None:
            return self.choice
        return LEFT_OUT if self.left_out else UNKNOWN


class ReviewGrid(QWidget):
    changed = Signal()  # a choice changed

    def __init__(self, thumbs: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self.classes: list[str] = []
        self.items: list[Reviewed] = []
        self._cells: dict[str, QListWidgetItem] = {}  # source -> its cell in the group on show
        self.groups = QListWidget()
        self.groups.currentRowChanged.connect(lambda _row: self._fill_grid())
        self.grid = QListWidget()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(ICON, ICON))
        self.grid.setGridSize(QSize(ICON + 28, ICON + 40))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.installEventFilter(self)
        self.keys_label = QLabel()
        self.keys_label.setWordWrap(True)
        self.put_box = QComboBox()
        self.put_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.put_button = QPushButton(self.tr("Put selected into"))
        self.put_button.clicked.connect(lambda: self.assign(self.put_box.currentData()))
        put_row = QHBoxLayout()
        put_row.addWidget(self.put_button)
        put_row.addWidget(self.put_box)
        put_row.addStretch(1)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.keys_label)
        right_lay.addWidget(self.grid, 1)
        right_lay.addLayout(put_row)
        split = QSplitter()
        split.addWidget(self.groups)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        thumbs.ready.connect(self._thumb_ready)

    # contents ---------------------------------------------------------------------------
    def set_placements(self, classes: list[str], placements: list[Placement]) -> None:
        """What the model said, least sure first; each picture goes to its predicted
        class unless it is "None of these" or unreadable."""
        self.classes = list(classes)
        self.items = [Reviewed(p, None if (p.unknown or p.error) else p.label) for p in placements]
        self.put_box.clear()
        for i, name in enumerate(self.classes):
            self.put_box.addItem(f"{KEYS[i]} · {name}" if i < len(KEYS) else name, name)
        self.put_box.addItem(self.tr("0 · leave out"), None)
        keys = [f"<b>{KEYS[i]}</b> {name}" for i, name in enumerate(self.classes[:len(KEYS)])]
        self.keys_label.setText(self.tr("Select pictures, then press a key: {keys} · <b>0</b> leave out").format(
            keys=" · ".join(keys)))
        self._fill_groups(first=True)

    def group_names(self) -> list[str]:
        return self.classes + [UNKNOWN, LEFT_OUT, UNREADABLE]

    def group_title(self, group: str) -> str:
        return {UNKNOWN: self.tr("None of these"), LEFT_OUT: self.tr("Left out"),
                UNREADABLE: self.tr("Could not be read")}.get(group, group)

    def members(self, group: str) -> list[Reviewed]:
        """The pictures of ``group``, least sure first."""
        return sorted((r for r in self.items if r.group == group), key=lambda r: r.placement.confidence)

    def choices(self) -> list[tuple[str, str]]:
        """(picture, class) for every picture that is to go into the dataset."""
        return [(r.placement.source, r.choice) for r in self.items if r.choice is not None]

    def remove(self, sources: set[str]) -> None:
        self.items = [r for r in self.items if r.placement.source not in sources]
        self._fill_groups()

    def add(self, reviewed: list[Reviewed]) -> None:
        self.items = reviewed + self.items
        self._fill_groups()

    # changing ---------------------------------------------------------------------------
    def assign(self, label: str | None) -> int:
        """The selected pictures go to ``label`` (None: left out); how many changed."""
        sources = {cell.data(Qt.ItemDataRole.UserRole) for cell in self.grid.selectedItems()}
        n = 0
        for r in self.items:
            if r.placement.source in sources and not r.placement.error:
                r.choice, r.left_out = label, label is None
                n += 1
        if n:
            self._fill_groups()
            self.changed.emit()
        return n

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.grid and event.type() == QEvent.Type.KeyPress:
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        text = event.text().lower()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or text == "0":
            self.assign(None)
            return True
        if text and text in KEYS[:len(self.classes)]:
            self.assign(self.classes[KEYS.index(text)])
            return True
        return False

    # drawing ----------------------------------------------------------------------------
    def _fill_groups(self, first: bool = False) -> None:
        shown = self.groups.currentItem().data(Qt.ItemDataRole.UserRole) if self.groups.currentItem() else None
        self.groups.blockSignals(True)
        self.groups.clear()
        for group in self.group_names():
            n = len(self.members(group))
            if n or group in self.classes:
                item = QListWidgetItem(f"{self.group_title(group)} ({n})")
                item.setData(Qt.ItemDataRole.UserRole, group)
                self.groups.addItem(item)
        names = [self.groups.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.groups.count())]
        if first or shown not in names:  # open the group with the least sure picture the model placed
            sure = [r for r in self.items if not r.placement.error and not r.placement.unknown] or \
                [r for r in self.items if not r.placement.error]
            shown = min(sure, key=lambda r: r.placement.confidence).group if sure else (names[0] if names else None)
        self.groups.setCurrentRow(names.index(shown) if shown in names else -1)
        self.groups.blockSignals(False)
        self._fill_grid()

    def _fill_grid(self) -> None:
        self.grid.clear()
        self._cells.clear()
        item = self.groups.currentItem()
        if item is None:
            return
        members = self.members(item.data(Qt.ItemDataRole.UserRole))
        for r in members:
            p = r.placement
            name = p.source.replace("\\", "/").rsplit("/", 1)[-1]
            if p.error:
                text = name
            elif p.unknown:  # its percentage is of a class it is not like: name the closest instead
                text = self.tr("{name} (closest: {label})").format(name=name, label=p.label)
            else:
                text = f"{p.confidence:.0%} · {name}"
            if not p.unknown and (r.choice is not None and r.choice != p.label or r.left_out):
                text = self.tr("{text} (model: {label})").format(text=text, label=p.label)
            cell = QListWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, p.source)
            cell.setToolTip(p.error or p.source)
            pm = self.thumbs.get(p.source)
            cell.setIcon(QIcon(pm) if pm is not None else QIcon(self._blank()))
            self.grid.addItem(cell)
            self._cells[p.source] = cell
        self.thumbs.request([r.placement.source for r in members if not r.placement.error])
        if self.grid.count():
            self.grid.setCurrentRow(0)

    def _blank(self) -> QPixmap:
        pm = QPixmap(ICON, ICON)
        pm.fill(self.palette().alternateBase().color())
        return pm

    def _thumb_ready(self, path: str) -> None:
        cell = self._cells.get(path)
        pm = self.thumbs.get(path)
        if cell is not None and pm is not None:
            cell.setIcon(QIcon(pm))
