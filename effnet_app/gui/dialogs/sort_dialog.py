"""Sort new pictures: the chosen model predicts a folder of unlabelled pictures in the
background; the user reviews them grouped by class (least sure first), corrects what
is wrong, and copies or moves them into the Data page's class folders. Every sort
writes a log; Undo restores both folders exactly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from effnet_app.core.curation.sort import SortLog, apply_sort, plan_choices, predict_folder, undo_sort
from effnet_app.core.inference.cache import ClassifierCache
from effnet_app.gui import file_dialogs
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar
from effnet_app.gui.widgets.review_grid import ReviewGrid
from effnet_app.gui.workers import TaskSlot


def _predict(models: ClassifierCache, ref: str, folder: Path, reporter, cancel):
    clf = models.get(ref, reporter, cancel)  # the window's classifier: the user's "None of these" share
    return list(clf.classes), predict_folder(clf, folder, reporter=reporter, cancel=cancel)


class SortDialog(QDialog):
    predicted = Signal()  # the review is filled
    sorted = Signal(object)  # the SortLog of a sort done
    undone = Signal(int)  # pictures restored

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Sort new pictures"))
        self.task = TaskSlot(self, failed=lambda message: self.note.show_note(message, "error"))
        self.folder: Path | None = None
        self.log: SortLog | None = None
        self._batch = []  # the reviewed pictures of the last sort, back into the review on Undo
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder_button = QPushButton(icon("folder"), self.tr("Choose the folder of new pictures…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.note = NoteBar()
        self.review = ReviewGrid(state.thumbs)
        self.review.changed.connect(self._buttons)
        self.copy_button = QPushButton(self.tr("Copy into the dataset"))
        self.copy_button.clicked.connect(lambda: self.apply(move=False))
        self.move_button = QPushButton(self.tr("Move into the dataset"))
        self.move_button.clicked.connect(lambda: self.apply(move=True))
        self.undo_button = QPushButton(self.tr("Undo the last sort"))
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.move_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.folder_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.progress)
        lay.addWidget(self.note)
        lay.addWidget(self.review, 1)
        lay.addLayout(buttons)
        self.resize(980, 680)
        self._buttons()

    def refresh(self) -> None:
        """Say which model sorts into which folder (both may have changed since)."""
        dataset = self.state.dataset.root if self.state.dataset else None
        self.intro.setText(self.tr("The model <b>{model}</b> sorts pictures into the class folders of <b>{dataset}</b>. "
                                   "Check the least sure ones first; nothing is overwritten and every sort can be "
                                   "undone.").format(model=self.state.model.name, dataset=dataset or "?"))
        self._buttons()

    def _buttons(self) -> None:
        idle = not self.task.busy
        has_choices = bool(self.review.choices()) and self.state.dataset is not None
        self.copy_button.setEnabled(idle and has_choices)
        self.move_button.setEnabled(idle and has_choices)
        self.undo_button.setEnabled(idle and self.log is not None)
        self.folder_button.setEnabled(idle)

    # predicting -------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Choose the folder of new pictures"))
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: Path) -> None:
        if self.state.model.builtin:
            self.note.show_note(self.tr("Choose or train a model of your own classes first: the built-in model "
                                        "knows 1,000 everyday things, not your classes."), "warning")
            return
        self.folder = Path(folder)
        self.log, self._batch = None, []
        self._run(_predict, self.state.models, self.state.model.ref, self.folder, result=self._predicted)

    def _predicted(self, out) -> None:
        classes, placements = out
        self.review.set_placements(classes, placements)
        unknown = sum(p.unknown for p in placements)
        self.note.show_note(self.tr("%n picture(s) predicted; the least sure are shown first.", "", len(placements))
                            + (" " + self.tr("%n look(s) like none of the classes.", "", unknown) if unknown else ""),
                            "info")
        self.review.grid.setFocus()
        self.predicted.emit()

    # sorting ----------------------------------------------------------------------------
    def apply(self, move: bool) -> None:
        if self.state.dataset is None or self.task.busy:
            return
        choices = self.review.choices()
        plan = plan_choices(choices, self.state.dataset.root)
        going = {source for source, _ in choices}
        self._batch = [r for r in self.review.items if r.placement.source in going]
        self._run(apply_sort, plan, self.state.dataset.root, move, result=self._applied)

    def _applied(self, log: SortLog) -> None:
        self.log = log
        self.review.remove({e["source"] for e in log.entries})
        n = len(log.entries)
        self.note.show_note((self.tr("Moved %n picture(s) into the dataset.", "", n) if log.moved
                             else self.tr("Copied %n picture(s) into the dataset.", "", n))
                            + " " + self.tr("“Undo the last sort” puts everything back."), "ok")
        self.state.dataset_edited()
        self.sorted.emit(log)

    def undo(self) -> None:
        if self.log is not None and not self.task.busy:
            self._run(undo_sort, self.log.path, result=self._undone)

    def _undone(self, restored: int) -> None:
        self.log = None
        self.review.add(self._batch)
        self._batch = []
        self.note.show_note(self.tr("Undone: %n picture(s) are back where they were.", "", restored), "ok")
        self.state.dataset_edited()
        self.undone.emit(restored)

    def _run(self, fn, *args, result) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self.task.start(fn, *args, progress=lambda f, _m: self.progress.setValue(int(f * 1000)), result=result,
                        finished=self._finished)
        self._buttons()

    def _finished(self) -> None:
        self.progress.hide()
        self._buttons()

    def closeEvent(self, e) -> None:  # noqa: N802
        self.task.shutdown()
        super().closeEvent(e)

    def keyPressEvent(self, e) -> None:  # noqa: N802
        if e.key() == Qt.Key.Key_Escape and self.task.busy:
            self.task.stop()  # Escape stops the prediction first, closes the second time
            return
        super().keyPressEvent(e)
