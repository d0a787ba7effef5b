"""Classify: images dropped anywhere on the window, opened, pasted, or whole folders
(in the background, with progress), each with its top classes as bars, or "None of
these" when it is unlike the training pictures (a slider sets how readily); export to
CSV; and "this is wrong — it's really X", which files the image under the right
class in the dataset so the next training learns from it."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListView, QMenu, QProgressBar,
                               QPushButton, QSizePolicy, QSplitter, QToolButton, QVBoxLayout, QWidget)

from effnet_app.core.data.dataset import add_example
from effnet_app.core.errors import EffNetError
from effnet_app.core.events import Event, Predictions
from effnet_app.core.data.images import IMAGE_EXTENSIONS, is_image_name
from effnet_app.core.store.model_file import read_model_meta
from effnet_app.core.paths import cache_dir
from effnet_app.core.inference.calibration import threshold_at
from effnet_app.core.inference.results import Prediction, list_images, write_csv
from effnet_app.core.inference.tasks import classify_in_chunks
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar, model_line
from effnet_app.gui.widgets.predictions import ProbabilityBars, ResultCardDelegate, ResultListModel, ResultRole
from effnet_app.gui.widgets.unknown_share import UnknownShareControl
from effnet_app.gui.workers import TaskSlot
from effnet_app.gui import file_dialogs


class ClassifyPage(QWidget):
    inspectRequested = Signal(str)  # an image path to show in the Live view
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.task = TaskSlot(self, failed=lambda msg: self.note.show_note(msg, "error"))
        self.predictions: list[Prediction] = []
        self._queue: list[Path] = []

        title = QLabel(self.tr("<h2>4 · Classify</h2>"))
        self.model_text = QLabel()
        self.unknown = UnknownShareControl()
        self.unknown.shareChanged.connect(self._share_moved)
        self._threshold = float("inf")  # unknown score above which the answer is "None of these"
        self.hint = QLabel(self.tr("Drop images or folders anywhere on this window, or:"))
        buttons = self._buttons()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.note = NoteBar()

        self.model = ResultListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultCardDelegate(state.thumbs, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))
        state.thumbs.ready.connect(self._thumb_ready)

        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self._detail_pane())
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.model_text)
        lay.addWidget(self.unknown)
        lay.addWidget(self.hint)
        lay.addLayout(buttons)
        lay.addWidget(self.bar)
        lay.addWidget(self.note)
        lay.addWidget(split, 1)
        state.modelChanged.connect(self._model_changed)
        self._model_changed(state.model)

    def _buttons(self) -> QHBoxLayout:
        """Open, paste, stop, clear; export on the right."""
        self.open_button = QPushButton(icon("images"), self.tr("Open images…"))
        self.open_button.clicked.connect(self.choose_images)
        self.folder_button = QPushButton(icon("folder"), self.tr("Open folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.paste_button = QPushButton(icon("paste"), self.tr("Paste"))
        self.paste_button.clicked.connect(self.paste)
        self.stop_button = QPushButton(icon("stop"), self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        self.csv_button = QPushButton(icon("csv"), self.tr("Export CSV…"))
        self.csv_button.clicked.connect(self.choose_csv)
        self.csv_button.setEnabled(False)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.folder_button, self.paste_button, self.stop_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        return buttons

    def _detail_pane(self) -> QWidget:
        """The chosen picture, its probabilities, and what can be done about it."""
        self.preview = QLabel(self.tr("Drop images here"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(280, 220)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("QLabel { border: 2px dashed palette(mid); border-radius: 8px; }")
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.bars = ProbabilityBars()
        self.wrong_button = QToolButton()
        self.wrong_button.setIcon(icon("wrong"))
        # No "…" at the end: beside the menu arrow it read as a label cut off.
        self.wrong_button.setText(self.tr("Wrong? Choose the right class"))
        self.wrong_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.wrong_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.wrong_menu = QMenu(self.wrong_button)
        self.wrong_button.setMenu(self.wrong_menu)
        self.wrong_button.setEnabled(False)
        self.wrong_menu.aboutToShow.connect(self._fill_wrong_menu)
        self.inspect_button = QPushButton(icon("live"), self.tr("Look inside…"))
        self.inspect_button.setToolTip(self.tr("Show this image in the Live view: SE gates, feature maps and Grad-CAM"))
        self.inspect_button.setEnabled(False)
        self.inspect_button.clicked.connect(self._inspect_current)
        detail = QVBoxLayout()
        detail.addWidget(self.preview, 1)
        detail.addWidget(self.detail_title)
        detail.addWidget(self.bars)
        actions = QHBoxLayout()
        actions.addWidget(self.wrong_button)
        actions.addWidget(self.inspect_button)
        actions.addStretch(1)
        detail.addLayout(actions)
        dw = QWidget()
        dw.setLayout(detail)
        return dw

    # inputs -------------------------------------------------------------------
    def choose_images(self) -> None:
        pattern = " ".join(f"*{e}" for e in sorted(IMAGE_EXTENSIONS))
        files = file_dialogs.open_files(self, self.tr("Open images"), self.tr("Images ({p})").format(p=pattern))
        if files:
            self.classify(files)

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Classify every image in a folder"))
        if folder:
            self.classify([folder])

    def paste(self) -> None:
        """Classify the clipboard: copied files, or a copied picture (saved as PNG first)."""
        data = QGuiApplication.clipboard().mimeData()
        if data.hasUrls() and any(u.isLocalFile() for u in data.urls()):
            self.classify([Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()])
            return
        if data.hasImage():
            image = QGuiApplication.clipboard().image()
            buf = QBuffer()
            buf.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buf, "PNG")
            folder = cache_dir() / "pasted"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / time.strftime("pasted %Y-%m-%d %H.%M.%S.png")
            path.write_bytes(bytes(buf.data()))
            self.classify([path])
            return
        self.note.show_note(self.tr("The clipboard holds no image or image file."), "warning")

    def classify(self, targets: list[Path]) -> None:
        """Classify image files and every image inside folders (recursively)."""
        paths: list[Path] = []
        for t in targets:
            if t.is_dir():
                paths += list_images(t)
            elif t.is_file():
                paths.append(t)
        skipped = [p for p in paths if not is_image_name(p)]
        paths = [p for p in paths if is_image_name(p)]
        if skipped:
            self.note.show_note(self.tr("%n file(s) are not images and were left out.", "", len(skipped)),
                                "warning")
        else:
            self.note.clear()
        if not paths:
            if not skipped:
                self.note.show_note(self.tr("No images found there."), "warning")
            return
        self._queue += paths
        self._run_next()

    def _run_next(self) -> None:
        if self.task.busy or not self._queue:
            return
        paths, self._queue = self._queue, []
        entry = self.state.model
        self.bar.setValue(0)
        self.bar.setVisible(len(paths) > 1)
        self.stop_button.setEnabled(True)
        self.task.start(classify_in_chunks, self.state.models, entry.ref, paths, self.state.settings.top_k,
                        event=self._event, progress=lambda f, _m: self.bar.setValue(int(f * 1000)),
                        cancelled=lambda: self.note.show_note(self.tr("Stopped; the images done so far are listed."),
                                                              "info"),
                        finished=self._finished)

    def _event(self, event: Event) -> None:
        if not isinstance(event, Predictions):
            return
        preds: list[Prediction] = event.items
        first_new = len(self.predictions)
        self.predictions += preds
        results = [{"path": p.source, "top": p.top, "error": p.error, "note": "", "unknown_score": p.unknown_score}
                   for p in preds]
        for p, r in zip(preds, results):
            self._decide(p, r)
        self.model.extend(results)
        self.state.thumbs.request([p.source for p in preds if not p.error])
        self.csv_button.setEnabled(True)
        if first_new == 0 or len(preds) == 1:
            self.list.setCurrentIndex(self.model.index(first_new))

    def _finished(self) -> None:
        self.bar.hide()
        self.stop_button.setEnabled(False)
        errors = sum(1 for p in self.predictions if p.error)
        if errors and self.note.kind != "error":
            self.note.show_note(self.tr("%n image(s) could not be read; each says why in the list.", "", errors),
                                "warning")
        self._run_next()

    def stop(self) -> None:
        self._queue.clear()
        self.task.stop()

    def clear(self) -> None:
        self.stop()
        self.predictions = []
        self.model.clear()
        self.csv_button.setEnabled(False)
        self.show_detail(-1)

    # details and feedback -------------------------------------------------------
    def _model_changed(self, entry) -> None:
        self.model_text.setText(model_line(self, entry))
        self.unknown.set_model(entry.has_unknown, self.state.unknown_share(entry))
        self._threshold = threshold_at(entry.unknown_quantiles, self.unknown.share)

    # "None of these" ------------------------------------------------------------------
    def _share_moved(self, share: float) -> None:
        """The slider moved: remembered for this model, and every listed answer decided
        again from its score (no new pass over the pictures)."""
        entry = self.state.model
        self.state.set_unknown_share(entry, share)
        self._threshold = threshold_at(entry.unknown_quantiles, share)
        for p, r in zip(self.predictions, self.model.results):
            self._decide(p, r)
        if self.model.results:
            self.model.dataChanged.emit(self.model.index(0), self.model.index(len(self.model.results) - 1))
        self.show_detail(self.list.currentIndex().row())

    def _decide(self, p: Prediction, r: dict) -> None:
        """The answer at the slider's threshold, for the card, the detail and the CSV."""
        score = p.unknown_score
        p.unknown = None if score is None or p.error else bool(score > self._threshold)
        r["verdict"] = self.tr("None of these — closest: {cls}").format(cls=p.top[0][0]) if p.unknown else ""

    def _thumb_ready(self, path: str) -> None:
        self.model.refresh_path(path)

    def show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.model.results):
            self.preview.setText(self.tr("Drop images here"))
            self.preview.setPixmap(QPixmap())
            self.detail_title.clear()
            self.bars.set_top([])
            self.wrong_button.setEnabled(False)
            self.inspect_button.setEnabled(False)
            return
        r = self.model.results[row]
        pm = QPixmap(r["path"]) if not r.get("error") else QPixmap()
        if not pm.isNull():
            self.preview.setPixmap(pm.scaled(self.preview.size() * 0.98, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setText(r.get("error") or Path(r["path"]).name)
        title = Path(r["path"]).name
        if r.get("verdict"):
            title = self.tr("<b>None of these</b> — closest: {label} ({p:.1f} %) — {file}").format(
                label=r["top"][0][0], p=r["top"][0][1] * 100, file=title)
        elif r["top"]:
            title = self.tr("<b>{label}</b> ({p:.1f} %) — {file}").format(label=r["top"][0][0], p=r["top"][0][1] * 100, file=title)
        self.detail_title.setText(title)
        self.bars.set_top(r["top"], bool(r.get("verdict")))
        self.wrong_button.setEnabled(bool(r["top"]) and not self.state.model.builtin)
        self.inspect_button.setEnabled(bool(r["top"]))

    def _inspect_current(self) -> None:
        r = self.current_result()
        if r is not None and not r.get("error"):
            self.inspectRequested.emit(r["path"])

    def current_result(self) -> dict | None:
        idx = self.list.currentIndex()
        return idx.data(ResultRole) if idx.isValid() else None

    def _fill_wrong_menu(self) -> None:
        self.wrong_menu.clear()
        r = self.current_result()
        classes = list(self.state.model.classes)
        for name in classes:
            act = QAction(name, self.wrong_menu)
            act.setEnabled(not r or not r["top"] or name != r["top"][0][0])
            act.triggered.connect(lambda _=False, n=name: self.mark_as(n))
            self.wrong_menu.addAction(act)

    def dataset_root(self) -> Path | None:
        """Where feedback goes: the folder open on the Data page if it has the model's
        classes, else the folder the model was trained on, if it is still there."""
        entry = self.state.model
        if entry.builtin:
            return None
        if self.state.dataset is not None and set(self.state.dataset.classes) >= set(entry.classes):
            return self.state.dataset.root
        try:
            root = read_model_meta(Path(entry.ref)).dataset
        except EffNetError:
            root = ""
        return Path(root) if root and Path(root).is_dir() else None

    def mark_as(self, class_name: str) -> Path | None:
        """Copy the current image into the dataset under ``class_name``."""
        r = self.current_result()
        if r is None:
            return None
        root = self.dataset_root()
        if root is None:
            self.note.show_note(self.tr("The folder this model was trained on cannot be found; open it on the "
                                        "Data page first."), "warning")
            return None
        try:
            target = add_example(root, class_name, Path(r["path"]))
        except EffNetError as e:
            self.note.show_note(self.tr("Could not add the image: {reason}").format(reason=e), "error")
            return None
        self.note.show_note(self.tr("Added to “{cls}” as {file}. Train again to teach the model.").format(
            cls=class_name, file=target.name), "ok")
        r["note"] = self.tr("added to {cls}").format(cls=class_name)
        self.model.refresh_path(r["path"])
        return target

    # CSV ------------------------------------------------------------------------
    def choose_csv(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Export predictions"), "predictions.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: Path) -> bool:
        try:
            write_csv(self.predictions, path, self.state.settings.top_k)
        except EffNetError as e:
            self.note.show_note(str(e), "error")
            return False
        self.note.show_note(self.tr("Saved {n} predictions to {path}.").format(n=len(self.predictions), path=path), "ok")
        return True

    def shutdown(self) -> None:
        self.stop()
