"""Evaluate: accuracy, per-class scores, the confusion matrix, the calibration error
with its reliability diagram, and how many were answered "None of these", for the
chosen model (its validation images from training, or any labelled folder checked
here); a click on a matrix cell, or on the "None of these" count, lists the images
behind it with their probabilities."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListView,
                               QProgressBar, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from effnet_app.core.store.library import ModelEntry
from effnet_app.core.store.model_file import read_model_meta
from effnet_app.core.metrics import Evaluation
from effnet_app.core.inference.tasks import evaluate_folder
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar, model_line
from effnet_app.gui.widgets.confusion import ConfusionMatrixView
from effnet_app.gui.widgets.predictions import PathRole, ResultCardDelegate, ResultListModel
from effnet_app.gui.widgets.reliability import ReliabilityDiagram
from effnet_app.gui.workers import TaskSlot
from effnet_app.gui import file_dialogs


class EvaluatePage(QWidget):
    inspectRequested = Signal(str)  # an image path to show in the Live view
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.task = TaskSlot(self, failed=lambda msg: self.note.show_note(msg, "error"))
        self.evaluation: Evaluation | None = None
        self.source = ""

        title = QLabel(self.tr("<h2>3 · Evaluate</h2>"))
        self.model_text = QLabel()
        self.folder_button = QPushButton(icon("folder"), self.tr("Check on a labelled folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.data_button = QPushButton(icon("data"), self.tr("Check on the Data page's folder"))
        self.data_button.clicked.connect(lambda: self.state.dataset and self.evaluate_folder(self.state.dataset.root))
        self.data_button.setToolTip(self.tr("Images the model was trained on score higher than new ones."))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.note = NoteBar()
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.headline.linkActivated.connect(lambda _link: self.show_unknown())
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Precision"), self.tr("Recall"),
                                              self.tr("F1"), self.tr("Images")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setToolTip(self.tr("Precision: of the images called this class, the share that really are.\n"
                                      "Recall: of the images of this class, the share found."))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        top = QHBoxLayout()
        top.addWidget(self.model_text, 1)
        top.addWidget(self.data_button)
        top.addWidget(self.folder_button)
        # Left: scores, then the images of the clicked cell; right: the matrix, as big as fits.
        left = QSplitter(Qt.Orientation.Vertical)
        scores = QWidget()
        sl = QVBoxLayout(scores)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.headline)
        sl.addWidget(self.table, 1)
        left.addWidget(scores)
        left.addWidget(self._cell_pane())
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self._figures_pane())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 560])
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(top)
        lay.addWidget(self.bar)
        lay.addWidget(self.note)
        lay.addWidget(split, 1)
        state.modelChanged.connect(self.show_model)
        self.show_model(state.model)

    def _figures_pane(self) -> QSplitter:
        """The confusion matrix over the reliability diagram."""
        self.matrix = ConfusionMatrixView()
        self.matrix.cellClicked.connect(self.show_cell)
        self.reliability = ReliabilityDiagram()
        self.reliability.setToolTip(self.tr("For the pictures the model was this sure of, how often it was right. "
                                            "Bars that reach the dashed line mean its percentages can be trusted."))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.matrix)
        right.addWidget(self.reliability)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([440, 300])
        return right

    def _cell_pane(self) -> QWidget:
        """The pictures behind the clicked cell of the confusion matrix."""
        self.cell_text = QLabel(self.tr("Click a cell of the matrix to see its images."))
        self.cell_text.setWordWrap(True)
        self.cell_model = ResultListModel(self)
        self.cell_view = QListView()
        self.cell_view.setModel(self.cell_model)
        self.cell_view.setItemDelegate(ResultCardDelegate(self.state.thumbs, self.cell_view))
        self.cell_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.state.thumbs.ready.connect(self.cell_model.refresh_path)
        self.inspect_button = QPushButton(icon("live"), self.tr("Look inside…"))
        self.inspect_button.setToolTip(self.tr("Show the chosen image in the Live view: SE gates, feature maps "
                                               "and Grad-CAM (also a double-click)"))
        self.inspect_button.setEnabled(False)
        self.inspect_button.clicked.connect(self._inspect_current)
        self.cell_view.doubleClicked.connect(lambda idx: self.inspectRequested.emit(idx.data(PathRole)))
        self.cell_view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.inspect_button.setEnabled(cur.isValid()))
        cells = QWidget()
        cl = QVBoxLayout(cells)
        cl.setContentsMargins(0, 0, 0, 0)
        cell_row = QHBoxLayout()
        cell_row.addWidget(self.cell_text, 1)
        cell_row.addWidget(self.inspect_button)
        cl.addLayout(cell_row)
        cl.addWidget(self.cell_view, 1)
        return cells

    def show_model(self, entry: ModelEntry) -> None:
        self.model_text.setText(model_line(self, entry))
        self.note.clear()
        self.show_evaluation(None, "")
        if entry.builtin:
            self.note.show_note(self.tr("The ImageNet model knows 1000 everyday classes; train a model on your "
                                        "images to evaluate it here."), "info")
            return
        try:
            evaluation = read_model_meta(Path(entry.ref)).evaluation
        except Exception as e:  # the file went away or is damaged: say so, keep the page usable
            self.note.show_note(str(e), "error")
            return
        if evaluation is not None:
            self.show_evaluation(evaluation, self.tr("validation images kept aside during training"))
        else:
            self.note.show_note(self.tr("This model was trained on every image (no validation images). "
                                        "Check it on a labelled folder of new images."), "info")

    def show_evaluation(self, ev: Evaluation | None, source: str) -> None:
        self.evaluation, self.source = ev, source
        self.cell_model.clear()
        if ev is None:
            self.headline.setText("")
            self.table.setRowCount(0)
            self.matrix.set_matrix([], [])
            self.reliability.set_bins([], None)
            return
        self.headline.setText(self.tr("<h3>Accuracy {acc:.1f} %</h3>{n} images ({source}) · balanced accuracy "
                                      "{balanced:.1f} % · average F1 {f1:.2f}").format(
            acc=ev.accuracy * 100, n=ev.count, source=source, f1=ev.macro_f1, balanced=ev.balanced_accuracy * 100)
            + self._trust_line(ev))
        self.reliability.set_bins(ev.reliability, ev.ece)
        self.table.setRowCount(len(ev.per_class))
        for r, c in enumerate(ev.per_class):
            for col, val in enumerate([c.name, f"{c.precision:.2f}", f"{c.recall:.2f}", f"{c.f1:.2f}", str(c.support)]):
                item = QTableWidgetItem(val)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)
        self.matrix.set_matrix(ev.classes, ev.confusion)
        self.cell_text.setText(self.tr("Click a cell of the matrix to see its images."))

    def _trust_line(self, ev: Evaluation) -> str:
        """The calibration error and the "None of these" count, when the model has them."""
        parts = []
        if ev.ece is not None:
            parts.append(self.tr("calibration error {ece:.1f} %").format(ece=ev.ece * 100))
        if ev.unknown_count is not None:
            text = self.tr("%n answered “None of these”", "", ev.unknown_count)
            listed = ev.unknown_count and any(s.get("unknown") for s in ev.samples)
            parts.append(f'<a href="unknown">{text}</a>' if listed else text)
        return "<br>" + " · ".join(parts) if parts else ""

    def show_unknown(self) -> None:
        """List the pictures answered "None of these" (their closest class in brackets)."""
        ev = self.evaluation
        if ev is None:
            return
        self._list([s for s in ev.samples if s.get("unknown")])
        self.cell_text.setText(self.tr("%n image(s) answered “None of these”: unlike the training pictures. "
                                       "Accuracy still counts each by its closest class.", "", ev.unknown_count or 0))

    def _list(self, items: list[dict]) -> None:
        self.cell_model.clear()
        results = [{"path": s["file"], "top": [tuple(t) for t in s.get("top", [[s["predicted"], s.get("confidence", 0.0)]])],
                    "error": None, "note": self.tr("really {t}").format(t=s["true"]),
                    "verdict": self.tr("None of these — closest: {cls}").format(cls=s["predicted"])
                    if s.get("unknown") else ""} for s in items]
        self.cell_model.extend(results)
        self.state.thumbs.request([r["path"] for r in results])

    def _inspect_current(self) -> None:
        idx = self.cell_view.currentIndex()
        if idx.isValid():
            self.inspectRequested.emit(idx.data(PathRole))

    def show_cell(self, i: int, j: int) -> None:
        ev = self.evaluation
        if ev is None:
            return
        true, pred = ev.classes[i], ev.classes[j]
        pool = ev.samples or ev.misclassified
        self._list([s for s in pool if s["true"] == true and s["predicted"] == pred])
        n = ev.confusion[i][j]
        if i == j and not ev.samples:
            text = self.tr("%n {t} image(s) recognised correctly. The model file lists only the mistakes; "
                           "check on a folder to see every image.", "", n).format(t=true)
        elif i == j:
            text = self.tr("%n {t} image(s) recognised correctly.", "", n).format(t=true)
        else:
            text = self.tr("%n {t} image(s) taken for {p}.", "", n).format(t=true, p=pred)
        self.cell_text.setText(text)

    # checking on a folder ----------------------------------------------------
    def choose_folder(self) -> None:
        last = Path(self.state.settings.last_folder).parent if self.state.settings.last_folder else None
        folder = file_dialogs.choose_folder(self, self.tr("Choose a labelled folder"), last)
        if folder:
            self.evaluate_folder(folder)

    def evaluate_folder(self, folder: Path) -> None:
        if self.task.busy:
            return
        entry = self.state.model
        if entry.builtin:
            self.note.show_note(self.tr("Choose a trained model in the library first."), "warning")
            return

        self.bar.setValue(0)
        self.bar.show()
        self.note.show_note(self.tr("Checking {model} on {folder}…").format(model=entry.name, folder=folder), "info")
        self.folder_button.setEnabled(False)
        self.data_button.setEnabled(False)
        self.task.start(evaluate_folder, self.state.models, entry.ref, folder,
                        progress=lambda f, _m: self.bar.setValue(int(f * 1000)),
                        result=lambda value: self._evaluated(value, folder), finished=self._finished)

    def _evaluated(self, value, folder: Path) -> None:
        ev, problems = value
        problems = [p for p in problems if getattr(p, "severity", "error") == "error"]
        self.show_evaluation(ev, self.tr("folder {name}").format(name=folder.name))
        if problems:
            self.note.show_note(self.tr("%n file(s) could not be read and were skipped.", "", len(problems)),
                                "warning")
        else:
            self.note.clear()

    def _finished(self) -> None:
        self.bar.hide()
        self.folder_button.setEnabled(True)
        self.data_button.setEnabled(True)

    def shutdown(self) -> None:
        self.task.shutdown()
