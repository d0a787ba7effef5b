"""Check the pictures: the Data page's folder is searched, in the background, for
pictures that are probably filed under the wrong class (each with a one-click move
to the class it looks like), near-copies, overlapping views and classes that look
alike. Every move is logged like a sort, so "Undo the last move" puts it back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from effnet_app.core.curation.sort import SortLog, apply_sort, plan_choices, undo_sort
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar
from effnet_app.gui.workers import TaskSlot

if TYPE_CHECKING:  # PyTorch is loaded after the window is shown (core.preload)
    from effnet_app.core.curation.check import CheckReport, Suspect


def _check(index, device: str, reporter, cancel) -> CheckReport:
    from effnet_app.core.curation.check import check_dataset

    return check_dataset(index, device=device, reporter=reporter, cancel=cancel)


class CheckDialog(QDialog):
    checked = Signal(object)  # the CheckReport on show
    moved = Signal(object)  # the SortLog of a one-click move
    undone = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Check the pictures"))
        self.task = TaskSlot(self, failed=lambda message: self.note.show_note(message, "error"))
        self.report: CheckReport | None = None
        self.logs: list[SortLog] = []  # the moves made here, the last one first to undo
        self._move_buttons: dict[str, QPushButton] = {}  # a suspect's path -> its button
        self.summary = QLabel(self.tr("The check looks for pictures filed under the wrong class, near-copies and "
                                      "classes that look alike. It takes about a second per 10 pictures."))
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.note = NoteBar()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Picture"), self.tr("Finding"), ""])
        self.tree.setIconSize(QSize(40, 40))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 360)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.check_button = QPushButton(self.tr("Check again"))
        self.check_button.clicked.connect(self.start)
        self.undo_button = QPushButton(self.tr("Undo the last move"))
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.progress)
        lay.addWidget(self.note)
        lay.addWidget(self.tree, 1)
        lay.addLayout(buttons)
        self.resize(900, 640)
        state.thumbs.ready.connect(self._thumb_ready)
        self._buttons()

    def _buttons(self) -> None:
        idle = not self.task.busy
        self.check_button.setEnabled(idle and self.state.dataset is not None)
        self.undo_button.setEnabled(idle and bool(self.logs))
        for button in self._move_buttons.values():
            button.setEnabled(idle and button.property("pending"))

    # checking ---------------------------------------------------------------------------
    def start(self) -> None:
        if self.state.dataset is None:
            return
        self.tree.clear()
        self._move_buttons.clear()
        self.note.clear()
        self._run(_check, self.state.dataset, self.state.settings.device, result=self._checked,
                  progress=lambda f, message: (self.progress.setValue(int(f * 1000)), self.progress.setFormat(message)))

    def _checked(self, report: CheckReport) -> None:
        self.report = report
        self.summary.setText(self.tr("{n} pictures checked in {s:.0f} s.").format(n=report.pictures, s=report.seconds))
        self._suspects(report)
        self._pairs(self.tr("Near-copies: the same picture resized, re-saved or cropped (%n)", "",
                            len(report.near_duplicates)), report.near_duplicates, report.root)
        self._pairs(self.tr("Overlapping views of one scene, kept on one side of the validation split (%n)", "",
                            len(report.overlapping)), report.overlapping, report.root)
        section = self._section(self.tr("Classes that look alike (%n)", "", len(report.similar_classes)))
        for a, b, share in report.similar_classes:
            QTreeWidgetItem(section, [f"{a} · {b}", self.tr("{share:.0%} of their pictures taken for each other")
                                      .format(share=share)])
        found = len(report.suspected_mislabels) + len(report.near_duplicates) + len(report.similar_classes)
        self.note.show_note(self.tr("Nothing to worry about was found.") if not found else
                            self.tr("Look at the pictures below; move one with a click if it is filed wrongly."),
                            "ok" if not found else "info")
        self.checked.emit(report)

    def _section(self, title: str) -> QTreeWidgetItem:
        section = QTreeWidgetItem(self.tree, [title])
        section.setFirstColumnSpanned(True)
        font = section.font(0)
        font.setBold(True)
        section.setFont(0, font)
        section.setExpanded(True)
        return section

    def _suspects(self, report: CheckReport) -> None:
        section = self._section(self.tr("Probably filed under the wrong class, most suspicious first (%n)", "",
                                        len(report.suspected_mislabels)))
        for s in report.suspected_mislabels:
            finding = self.tr("filed under {label}, looks like {suggested} ({p:.0%})").format(
                label=s.label, suggested=s.suggested, p=s.confidence)
            item = QTreeWidgetItem(section, [Path(s.path).name, finding])  # the class is in the finding
            item.setToolTip(0, s.path)
            item.setToolTip(1, finding)
            item.setData(0, Qt.ItemDataRole.UserRole, s.path)
            self._icon(item, s.path)
            button = QPushButton(self.tr("Move to {name}").format(name=s.suggested))
            button.setProperty("pending", True)
            button.clicked.connect(lambda _=False, s=s: self.move(s))
            cell = QWidget()  # centred in the taller row of a thumbnail
            cell_lay = QHBoxLayout(cell)
            cell_lay.setContentsMargins(4, 0, 4, 0)
            cell_lay.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.tree.setItemWidget(item, 2, cell)
            self._move_buttons[s.path] = button
        self.state.thumbs.request([s.path for s in report.suspected_mislabels])
        self._buttons()

    def _pairs(self, title: str, pairs: list[tuple[str, str, float]], root: str) -> None:
        section = self._section(title)
        for a, b, similarity in pairs:
            item = QTreeWidgetItem(section, [self._relative(a, root), self.tr("{similarity:.0%} like {other}").format(
                similarity=similarity, other=self._relative(b, root))])
            item.setToolTip(0, f"{a}\n{b}")
            item.setToolTip(1, item.text(1))
            item.setData(0, Qt.ItemDataRole.UserRole, a)
            self._icon(item, a)
        self.state.thumbs.request([a for a, _, _ in pairs])

    @staticmethod
    def _relative(path: str, root: str) -> str:
        try:
            return str(Path(path).relative_to(root))
        except ValueError:
            return path

    def _icon(self, item: QTreeWidgetItem, path: str) -> None:
        pm = self.state.thumbs.get(path)
        if pm is not None:
            item.setIcon(0, QIcon(pm))

    def _thumb_ready(self, path: str) -> None:
        pm = self.state.thumbs.get(path)
        if pm is None:
            return
        for i in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(i)
            for j in range(section.childCount()):
                item = section.child(j)
                if item.data(0, Qt.ItemDataRole.UserRole) == path:
                    item.setIcon(0, QIcon(pm))

    # moving -----------------------------------------------------------------------------
    def move(self, suspect: Suspect) -> None:
        """One click: the picture goes to the class it looks like (logged, undoable)."""
        if self.task.busy or self.report is None:
            return
        plan = plan_choices([(suspect.path, suspect.suggested)], Path(self.report.root))
        self._run(apply_sort, plan, Path(self.report.root), True, result=self._moved)

    def _moved(self, log: SortLog) -> None:
        self.logs.append(log)
        for entry in log.entries:
            self._mark(entry["source"], pending=False, text=self.tr("moved"))
        self.state.dataset_edited()
        self.moved.emit(log)

    def undo(self) -> None:
        if self.logs and not self.task.busy:
            self._run(undo_sort, self.logs[-1].path, result=self._undone)

    def _undone(self, restored: int) -> None:
        log = self.logs.pop()
        for entry in log.entries:
            self._mark(entry["source"], pending=True)
        self.state.dataset_edited()
        self.undone.emit(restored)

    def _mark(self, path: str, pending: bool, text: str = "") -> None:
        button = self._move_buttons.get(path)
        if button is not None:
            button.setProperty("pending", pending)
            button.setProperty("label", button.property("label") or button.text())
            button.setText(text or button.property("label"))

    def _run(self, fn, *args, result, progress=None) -> None:
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.progress.show()
        self.task.start(fn, *args, result=result, finished=self._finished,
                        progress=progress or (lambda f, _m: self.progress.setValue(int(f * 1000))))
        self._buttons()

    def _finished(self) -> None:
        self.progress.hide()
        self._buttons()

    def closeEvent(self, e) -> None:  # noqa: N802
        self.task.stop()
        super().closeEvent(e)
