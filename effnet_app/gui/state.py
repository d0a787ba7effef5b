"""What the pages share: the settings, the dataset in use, the model library and
the chosen model. Pages listen to its signals instead of to each other."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from effnet_app.core.data.dataset import DatasetIndex
from effnet_app.core.store.library import Library, ModelEntry, builtin_entry, entry_for
from effnet_app.core.inference.cache import ClassifierCache, LoadOptions
from effnet_app.settings import Settings
from effnet_app.gui import file_dialogs
from effnet_app.gui.thumbnails import ThumbnailLoader


class AppState(QObject):
    datasetChanged = Signal(object)  # DatasetIndex, or None when no usable folder is open
    datasetEdited = Signal()  # the app wrote into the dataset's folders (recording, sorting): scan again
    modelChanged = Signal(object)  # ModelEntry
    libraryChanged = Signal()
    unknownShareChanged = Signal(str, float)  # model ref, the share of known pictures called "None of these"
    status = Signal(str)  # a short line for the status bar

    def __init__(self, settings: Settings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings.load()
        file_dialogs.remember_in(self.settings)  # every file chooser opens where the last one ended
        self.library = Library()
        self.dataset: DatasetIndex | None = None
        self.model: ModelEntry = builtin_entry()
        self.thumbs = ThumbnailLoader(parent=self)
        # What the pages' tasks load models through, with the "None of these" share chosen per model.
        self.models = ClassifierCache(self.load_options(), self.settings.unknown_shares)

    # dataset ----------------------------------------------------------------
    def set_dataset(self, index: DatasetIndex) -> None:
        self.dataset = index
        self.settings.change(last_folder=str(index.root))
        self.datasetChanged.emit(index)

    def dataset_edited(self) -> None:
        self.datasetEdited.emit()

    def clear_dataset(self) -> None:
        """The folder last asked for cannot be used: no page may go on with the one before."""
        self.dataset = None
        self.datasetChanged.emit(None)

    # models -----------------------------------------------------------------
    def set_model(self, entry: ModelEntry) -> None:
        self.model = entry
        self.settings.change(last_model=entry.ref)
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

    def unknown_share(self, entry: ModelEntry) -> float:
        """The share of pictures like the training ones that ``entry`` calls "None of
        these": the user's choice for this model, else the model's own."""
        return self.settings.unknown_shares.get(entry.ref, entry.unknown_share)

    def set_unknown_share(self, entry: ModelEntry, share: float) -> None:
        """Remembered per model file; the loaded classifier answers with it at once."""
        self.settings.change(unknown_shares={**self.settings.unknown_shares, entry.ref: share})
        self.models.set_unknown_share(entry.ref, share)
        self.unknownShareChanged.emit(entry.ref, share)

    def load_options(self) -> LoadOptions:
        return LoadOptions(self.settings.device, self.settings.engine, self.settings.mirror or None)

    def settings_changed(self) -> None:
        """After the Settings dialog: models loaded for another device or engine go."""
        self.models.configure(self.load_options())

    def shutdown(self) -> None:
        self.thumbs.shutdown()
