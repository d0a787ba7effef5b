"""The Train page's "Train on from the chosen model": offered when the model chosen in
the library is one the user trained; the new training starts from its weights and
keeps its classes (in their order), adding the folder's new ones."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from effnet_app.core.store.library import ModelEntry
from effnet_app.gui.state import AppState


class TrainOnBox(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.usable = False  # the chosen model is one of the user's
        self.check = QCheckBox()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setContentsMargins(24, 0, 0, 0)
        # Always there, two lines high: the page must not jump when a training ends and
        # its model becomes the chosen one.
        self.hint.setMinimumHeight(2 * self.fontMetrics().lineSpacing())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.check)
        lay.addWidget(self.hint)
        self.check.toggled.connect(lambda _on: self._explain())
        state.modelChanged.connect(self._model_changed)
        state.datasetChanged.connect(lambda _index: self._explain())
        self._model_changed(state.model)

    def _model_changed(self, entry: ModelEntry) -> None:
        usable = self.usable = not entry.builtin
        self.check.setText(self.tr("Train on from “{name}”").format(name=entry.name) if usable
                           else self.tr("Train on from a model"))
        if not usable:
            self.check.setChecked(False)
        self.check.setEnabled(usable)
        self._explain()

    def _explain(self) -> None:
        entry, index = self.state.model, self.state.dataset
        new = [c for c in index.classes if c not in entry.classes] if index is not None else []
        if not self.usable:
            text = self.tr("Choose one of your models in the library to go on from what it has learned.")
        elif not self.check.isChecked():
            text = self.tr("Starts from what the model has learned and keeps its %n class(es); the folder may add "
                           "pictures and classes.", "", len(entry.classes))
        elif new:
            text = self.tr("Keeps its classes and adds %n new one(s): {names}.", "", len(new)).format(
                names=", ".join(new))
        else:
            text = self.tr("Keeps its classes; the folder's pictures refine them.")
        self.hint.setText(f"<small>{text}</small>")

    @property
    def base(self) -> ModelEntry | None:
        """The model to train on from, or None for a new one."""
        return self.state.model if self.usable and self.check.isChecked() else None
