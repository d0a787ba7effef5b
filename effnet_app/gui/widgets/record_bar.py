"""The Live page's row for recording training pictures: a class of the Data page's
folder (or a new one), "Add picture" for the frame on show, and "Record" held down
for a burst at a chosen rate. The files go into the class folder; the Data page scans
the folder again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QWidget

from effnet_app.core.curation.record import Recorder, class_folder
from effnet_app.core.errors import EffNetError
from effnet_app.gui.state import AppState

NEW_CLASS = "\x00new"  # the combo's item data for "New class…"


class RecordBar(QWidget):
    failed = Signal(str)  # one sentence
    recorded = Signal(object)  # the Path written

    def __init__(self, state: AppState, frame: Callable[[], np.ndarray | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self._frame = state, frame
        self.recorder: Recorder | None = None  # set while Record is held
        self.count = 0  # pictures written into the dataset from this page
        self._made: set[str] = set()  # class folders made here
        self.class_box = QComboBox()
        self.class_box.setMinimumContentsLength(12)
        self.class_box.activated.connect(self._class_chosen)
        self.add_button = QPushButton(self.tr("Add picture"))
        self.add_button.setToolTip(self.tr("Save the picture on show into the chosen class of your dataset"))
        self.add_button.clicked.connect(self.add_picture)
        self.record_button = QPushButton(self.tr("● Record (hold)"))
        self.record_button.setToolTip(self.tr("Hold down to save pictures into the class at the chosen rate; "
                                              "frames that hardly change are skipped"))
        self.record_button.pressed.connect(self.start_burst)
        self.record_button.released.connect(self.stop_burst)
        self.rate_box = QDoubleSpinBox()
        self.rate_box.setDecimals(1)
        self.rate_box.setRange(0.2, 10.0)
        self.rate_box.setSingleStep(0.5)
        self.rate_box.setValue(2.0)
        self.rate_box.setSuffix(self.tr(" per second"))
        self.count_label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel(self.tr("Record into class")), self.class_box, self.add_button, self.record_button,
                  self.rate_box, self.count_label):
            row.addWidget(w)
        row.addStretch(1)
        state.datasetChanged.connect(self._dataset_changed)
        self._dataset_changed(state.dataset)

    # classes ----------------------------------------------------------------------------
    def _dataset_changed(self, index) -> None:
        chosen = self.class_box.currentText()
        self.class_box.clear()
        if index is None:
            self.class_box.addItem(self.tr("(choose a folder on the Data page)"))
        else:
            # A class made here stays on the list while its folder is still empty (a scan
            # counts only folders with pictures).
            names = list(index.classes) + sorted(n for n in self._made - set(index.classes) if (index.root / n).is_dir())
            for name in names:
                self.class_box.addItem(name, name)
            self.class_box.addItem(self.tr("New class…"), NEW_CLASS)
            if chosen in names:
                self.class_box.setCurrentIndex(names.index(chosen))
        usable = index is not None
        for w in (self.class_box, self.add_button, self.record_button, self.rate_box):
            w.setEnabled(usable)
        self._show_count()

    def _class_chosen(self, _row: int) -> None:
        if self.class_box.currentData() == NEW_CLASS:
            self.new_class()

    def new_class(self) -> str | None:
        name, ok = QInputDialog.getText(self, self.tr("New class"), self.tr("Name of the new class:"))
        if not ok or not name.strip():
            self.class_box.setCurrentIndex(0)
            return None
        try:
            class_folder(self.state.dataset.root, name, create=True)
        except EffNetError as e:
            self.failed.emit(str(e))
            self.class_box.setCurrentIndex(0)
            return None
        name = name.strip()
        self._made.add(name)
        self.class_box.insertItem(self.class_box.count() - 1, name, name)
        self.class_box.setCurrentIndex(self.class_box.count() - 2)
        self.state.dataset_edited()
        return name

    def chosen_folder(self) -> Path | None:
        name = self.class_box.currentData()
        if self.state.dataset is None or not name or name == NEW_CLASS:
            return None
        try:
            return class_folder(self.state.dataset.root, name, create=True)
        except EffNetError as e:
            self.failed.emit(str(e))
            return None

    # writing ----------------------------------------------------------------------------
    def add_picture(self) -> Path | None:
        frame, folder = self._frame(), self.chosen_folder()
        if frame is None or folder is None:
            self.failed.emit(self.tr("There is no picture to add yet.") if frame is None
                             else self.tr("Choose a class to record into."))
            return None
        return self._written(lambda: Recorder(folder).save(frame))

    def start_burst(self) -> None:
        folder = self.chosen_folder()
        if folder is None:
            self.failed.emit(self.tr("Choose a class to record into."))
            return
        self.recorder = Recorder(folder, self.rate_box.value())
        self.offer(self._frame())  # the picture on show counts as the burst's first

    def stop_burst(self) -> None:
        self.recorder = None

    def offer(self, frame: np.ndarray | None) -> None:
        """A new frame from the source: written when a burst runs and it is due."""
        if self.recorder is not None and frame is not None:
            recorder = self.recorder
            self._written(lambda: recorder.offer(frame))

    def _written(self, write: Callable[[], Path | None]) -> Path | None:
        try:
            path = write()
        except EffNetError as e:
            self.recorder = None
            self.failed.emit(str(e))
            return None
        if path is not None:
            self.count += 1
            self._show_count()
            self.recorded.emit(path)
            self.state.dataset_edited()
        return path

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n picture(s) recorded", "", self.count) if self.count else "")
