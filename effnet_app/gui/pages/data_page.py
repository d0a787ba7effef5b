"""Data: choose (or drop) a class-per-folder directory, see its classes with counts
and example thumbnails, and read about problems in plain words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from effnet_app.core.data.dataset import DatasetIndex, scan_folder
from effnet_app.gui.dialogs.check_dialog import CheckDialog
from effnet_app.gui.dialogs.sort_dialog import SortDialog
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar
from effnet_app.gui.widgets.next_step import NextStep
from effnet_app.gui.workers import TaskSlot
from effnet_app.gui import file_dialogs

STRIP_COUNT = 8


class ThumbStrip(QWidget):
    """A row of a class's first images; thumbnails appear as the loader delivers them."""

    def __init__(self, paths: list[str], thumbs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths, self.thumbs = paths, thumbs
        self.setMinimumHeight(64)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_COUNT * 68, 64)

    def paintEvent(self, e) -> None:  # noqa: N802
        p = QPainter(self)
        side = self.height() - 4
        x = 2
        for path in self.paths:
            if x + side > self.width():
                break
            cell = QRect(x, 2, side, side)
            pm = self.thumbs.get(path)
            if pm is None:
                p.fillRect(cell, self.palette().color(QPalette.ColorRole.AlternateBase))
            else:
                size = pm.size().scaled(cell.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
                src = QRect(0, 0, int(pm.width() * side / size.width()), int(pm.height() * side / size.height()))
                src.moveCenter(pm.rect().center())
                p.drawPixmap(cell, pm, src)
            x += side + 4


class DataPage(QWidget):
    scanned = Signal(object)  # DatasetIndex, after the page shows it
    nextRequested = Signal(str)  # "train": the user follows the call to action

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.scan = TaskSlot(self, failed=self._failed)
        self._strips: dict[str, ThumbStrip] = {}

        title = QLabel(self.tr("<h2>1 · Your images</h2>"))
        hint = QLabel(self.tr("Choose a folder that has one sub-folder per class, for example "
                              "<i>rocks/Chert</i>, <i>rocks/Bauxite</i>, … You can also drop the folder on this window."))
        hint.setWordWrap(True)
        self.choose_button = QPushButton(icon("folder"), self.tr("Choose folder…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.rescan_button = QPushButton(self.tr("Scan again"))
        self.rescan_button.setEnabled(False)
        self.rescan_button.clicked.connect(self.scan_again)
        self._make_tool_buttons()
        self.summary = QLabel(self.tr("No folder chosen yet."))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.note = NoteBar()
        self.next_step = NextStep()

        self._make_lists()

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.rescan_button)
        top.addWidget(self.check_button)
        top.addWidget(self.sort_button)
        top.addWidget(self.summary, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(hint)
        lay.addLayout(top)
        lay.addWidget(self.progress)
        lay.addWidget(self.note)
        lay.addWidget(self.next_step)
        lay.addWidget(split, 1)

        state.thumbs.ready.connect(self._thumb_ready)
        # Pictures recorded or sorted into the folder: scan again once the writing pauses.
        self._rescan = QTimer(self, singleShot=True, interval=800)
        self._rescan.timeout.connect(self.scan_again)
        state.datasetEdited.connect(self._rescan.start)

    def _make_tool_buttons(self) -> None:
        """Check and Sort: dialogs that work on the folder on show."""
        self.sort_button = QPushButton(icon("import"), self.tr("Sort new pictures…"))
        self.sort_button.setToolTip(self.tr("Let a model sort a folder of unlabelled pictures into these classes; "
                                            "you check and correct them first"))
        self.sort_button.setEnabled(False)
        self.sort_button.clicked.connect(self.open_sorting)
        self.sort_dialog: SortDialog | None = None
        self.check_button = QPushButton(self.tr("Check the pictures…"))
        self.check_button.setToolTip(self.tr("Find pictures filed under the wrong class, near-copies and classes "
                                             "that look alike"))
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.open_check)
        self.check_dialog: CheckDialog | None = None

    def _make_lists(self) -> None:
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Images"), self.tr("Examples")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(72)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.problems = QTreeWidget()
        self.problems.setHeaderLabels([self.tr("Problem"), self.tr("File")])
        self.problems.setRootIsDecorated(False)
        self.problems.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.problems.hide()

    # actions ----------------------------------------------------------------
    def choose_folder(self) -> None:
        last = Path(self.state.settings.last_folder).parent if self.state.settings.last_folder else None
        folder = file_dialogs.choose_folder(self, self.tr("Choose the image folder"), last)
        if folder:
            self.open_folder(folder)

    def open_sorting(self) -> SortDialog:
        """The sort dialog (one, kept: its review and Undo survive closing it)."""
        if self.sort_dialog is None:
            self.sort_dialog = SortDialog(self.state, self)
        self.sort_dialog.refresh()
        self.sort_dialog.show()
        self.sort_dialog.raise_()
        return self.sort_dialog

    def open_check(self) -> CheckDialog:
        """The check dialog; a check starts unless one of this folder is on show."""
        if self.check_dialog is None:
            self.check_dialog = CheckDialog(self.state, self)
        report = self.check_dialog.report
        if report is None or report.root != str(self.state.dataset.root):
            self.check_dialog.start()
        self.check_dialog.show()
        self.check_dialog.raise_()
        return self.check_dialog

    def scan_again(self) -> None:
        if self.state.dataset is not None:
            self.open_folder(self.state.dataset.root)

    def open_folder(self, folder: Path | str) -> None:
        """Scan ``folder`` in the background; the page fills in when done."""
        folder = Path(folder)
        self.summary.setText(self.tr("Scanning {folder}…").format(folder=folder))
        self.note.clear()
        self.next_step.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.scan.start(scan_folder, folder, progress=lambda f, _m: self.progress.setValue(int(f * 1000)),
                        result=self.show_index, finished=self.progress.hide)

    def _failed(self, message: str) -> None:
        """A refused folder replaces the one before: its table goes, and training will
        not quietly use it (the Train page asks for a folder instead)."""
        self.summary.setText(self.tr("This folder cannot be used."))
        self.note.show_note(message, "error")
        self.table.setRowCount(0)
        self._strips.clear()
        self.problems.clear()
        self.rescan_button.setEnabled(False)
        self.sort_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.state.clear_dataset()

    def show_index(self, index: DatasetIndex) -> None:
        counts = index.counts()
        self.summary.setText(self.tr("{n} classes · {m} images · {root}").format(
            n=len(index.classes), m=len(index.samples), root=index.root))
        self.rescan_button.setEnabled(True)
        self.sort_button.setEnabled(True)
        self.check_button.setEnabled(True)
        by_class: dict[int, list[str]] = {}
        for path, label in index.samples:
            by_class.setdefault(label, []).append(str(path))
        self.table.setRowCount(len(index.classes))
        self._strips.clear()
        wanted: list[str] = []
        for row, name in enumerate(index.classes):
            item = QTableWidgetItem(name)
            item.setToolTip(str(index.root / name))
            self.table.setItem(row, 0, item)
            count = QTableWidgetItem(str(counts[name]))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
            paths = by_class.get(row, [])[:STRIP_COUNT]
            strip = ThumbStrip(paths, self.state.thumbs)
            self.table.setCellWidget(row, 2, strip)
            for p in paths:
                self._strips.setdefault(p, strip)
            wanted += paths
        self.state.thumbs.request(wanted)
        self._show_problems(index)
        self.state.set_dataset(index)
        self._offer_training(index)
        self.scanned.emit(index)

    def _offer_training(self, index: DatasetIndex) -> None:
        usable = len(index.classes) >= 2 and len(index.samples) > 0
        if usable:
            self.next_step.offer(self.tr("<b>Next: train a model</b> on these %n picture(s). A quick training "
                                         "takes seconds to a few minutes.", "", len(index.samples)),
                                 (self.tr("Go to Train"), "train", lambda: self.nextRequested.emit("train")))
        else:
            self.next_step.hide()

    def _show_problems(self, index: DatasetIndex) -> None:
        self.problems.clear()
        errors = [p for p in index.problems if p.severity == "error"]
        warnings = [p for p in index.problems if p.severity != "error"]
        for p in errors + warnings:
            item = QTreeWidgetItem([p.message, p.path])
            item.setToolTip(0, p.message)
            item.setIcon(0, self.style().standardIcon(
                self.style().StandardPixmap.SP_MessageBoxCritical if p.severity == "error"
                else self.style().StandardPixmap.SP_MessageBoxWarning))
            self.problems.addTopLevelItem(item)
        self.problems.setVisible(bool(index.problems))
        if errors:
            self.note.show_note(self.tr("%n file(s) cannot be used and will be skipped; the list below says why.",
                                        "", len(errors)), "warning")
        elif warnings:
            self.note.show_note(self.tr("The folder can be used. %n thing(s) to know are listed below.",
                                        "", len(warnings)), "info")
        else:
            self.note.show_note(self.tr("The folder looks good: every image can be read."), "ok")

    def _thumb_ready(self, path: str) -> None:
        strip = self._strips.get(path)
        if strip is not None:
            strip.update()

    def shutdown(self) -> None:
        self._rescan.stop()
        self.scan.shutdown()
        for dialog in (self.sort_dialog, self.check_dialog):
            if dialog is not None:
                dialog.task.shutdown()
