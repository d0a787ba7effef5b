"""What the pages share: the settings, the dataset in use, the model library and
the chosen model. Pages listen to its signals instead of to each other."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from effnet_app.core.data.dataset import DatasetIndex
from effnet_app.core.store.library import Library, ModelEntry, builtin_entry, entry_for
from effnet_app.core.inference.predict import Classifier
from effnet_app.gui.settings import Settings
from effnet_app.gui.widgets.thumbs import ThumbnailLoader


class AppState(QObject):
    datasetChanged = Signal(object)  # DatasetIndex
    modelChanged = Signal(object)  # ModelEntry
    libraryChanged = Signal()
    status = Signal(str)  # a short line for the status bar

    def __init__(self, settings: Settings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.library = Library()
        self.dataset: DatasetIndex | None = None
        self.model: ModelEntry = builtin_entry()
        self.thumbs = ThumbnailLoader(parent=self)
        self._classifiers: dict[str, Classifier] = {}
        self._lock = threading.Lock()

    # dataset ----------------------------------------------------------------
    def set_dataset(self, index: DatasetIndex) -> None:
        self.dataset = index
        self.settings.set("last_folder", str(index.root))
        self.datasetChanged.emit(index)

    # models -----------------------------------------------------------------
    def set_model(self, entry: ModelEntry) -> None:
        self.model = entry
        self.settings.set("last_model", entry.ref)
        self.modelChanged.emit(entry)

    def restore_model(self, ref: str) -> None:
        if ref and not ref.startswith("imagenet:") and Path(ref).is_file():
            try:
                self.set_model(entry_for(Path(ref)))
                return
            except Exception:  # an unreadable last model is simply not restored
                pass
        self.set_model(builtin_entry())

    def model_added(self, path: Path) -> ModelEntry:
        entry = entry_for(path)
        self.libraryChanged.emit()
        self.set_model(entry)
        return entry

    def forget_all(self) -> None:
        """Drop loaded models (after the device or engine setting changed)."""
        with self._lock:
            self._classifiers = {}

    def forget(self, ref: str) -> None:
        with self._lock:
            self._classifiers.pop(ref, None)

    def classifier(self, ref: str, reporter=None, cancel=None) -> Classifier:
        """The loaded classifier for ``ref`` (loaded once; callable from workers)."""
        with self._lock:
            clf = self._classifiers.get(ref)
        if clf is None:
            clf = Classifier.load(ref, device=self.settings.get("device"), reporter=reporter, cancel=cancel,
                                  mirror=self.settings.get("mirror") or None, engine=self.settings.get("engine"))
            with self._lock:
                self._classifiers = {ref: clf}  # keep one: models can be hundreds of MB
        return clf

    def shutdown(self) -> None:
        self.thumbs.shutdown()
