"""Training straight into the model library: the finished model, or the best one so far
when stopped, saved under a new name; kept in memory when the library cannot take it."""

from __future__ import annotations

from pathlib import Path

from effnet_app.core.errors import StorageError
from effnet_app.core.store.library import Library, ModelEntry, entry_for
from effnet_app.core.training.quick_run import train_quick
from effnet_app.core.training.run import train


def train_into_library(library: Library, config, data, name: str = "", checkpoint: Path | None = None,
                       probe_image: Path | None = None, reporter=None, cancel=None):
    """Train and save the model in the library: the finished model, or the best one
    so far when stopped. Returns ``(TrainResult, ModelEntry)``.

    When the library cannot take the file (disk full, no permission) the training is
    not thrown away: the entry is None, ``result.save_error`` says why, and
    :func:`save_result` can try again later. A quick training without a probe picture
    runs without PyTorch when it can (core.training.quick_run): seconds fewer to save."""
    result = train_quick(config, data, reporter, cancel) if probe_image is None else None
    if result is None:
        result = train(config, data, reporter=reporter, cancel=cancel, checkpoint=checkpoint, probe_image=probe_image)
    try:
        entry = save_result(library, result, name)
    except StorageError as e:
        result.save_error = str(e)
        return result, None
    if checkpoint is not None:
        Path(checkpoint).unlink(missing_ok=True)  # the model supersedes it
    return result, entry


def save_result(library: Library, result, name: str = "") -> ModelEntry:
    """Save a training's model under a new name in the library (StorageError if not)."""
    cfg = result.config
    path = library.unique_path(name or library.suggest_name(cfg.variant, Path(result.data_root)))
    result.save(path)
    result.save_error = ""
    return entry_for(path)
