"""The window's background inference work, as plain functions with ``reporter`` and
``cancel`` (see ``gui.workers``): classifying pictures in chunks, checking a model on
a labelled folder, exporting it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from effnet_app.core.events import Predictions
from effnet_app.core.inference.cache import ClassifierCache
from effnet_app.core.metrics import Evaluation
from effnet_app.core.progress import CancelToken, NullReporter, Reporter

if TYPE_CHECKING:  # the window imports these tasks before PyTorch
    from effnet_app.core.inference.export import ExportCheck

CHUNK = 32  # pictures per delivery, so results appear while a folder is still running


def classify_in_chunks(models: ClassifierCache, ref: str, paths: list[Path], top_k: int,
                       reporter: Reporter | None = None, cancel: CancelToken | None = None) -> int:
    """Load the model once, then classify ``paths`` chunk by chunk, reporting each
    chunk as a :class:`Predictions` event; returns how many were classified."""
    reporter = reporter or NullReporter()
    clf = models.get(ref, cancel=cancel)
    for start in range(0, len(paths), CHUNK):
        chunk = paths[start:start + CHUNK]
        reporter.event(Predictions(clf.predict_paths(chunk, top_k=top_k, cancel=cancel)))
        reporter.progress(min(1.0, (start + len(chunk)) / len(paths)), f"{start + len(chunk)}/{len(paths)}")
    return len(paths)


def evaluate_folder(models: ClassifierCache, ref: str, folder: Path, reporter: Reporter | None = None,
                    cancel: CancelToken | None = None) -> tuple[Evaluation, list]:
    """The model's evaluation on a labelled folder, and the files that could not be read."""
    return models.get(ref, cancel=cancel).evaluate_folder(folder, reporter=reporter, cancel=cancel)


def export_model(models: ClassifierCache, ref: str, out: Path, reporter: Reporter | None = None,
                 cancel: CancelToken | None = None) -> ExportCheck:
    """The model as an ONNX file, checked against PyTorch."""
    from effnet_app.core.inference.export import export_onnx

    clf = models.get(ref, cancel=cancel)
    (reporter or NullReporter()).progress(0.3, "")
    return export_onnx(clf, out)
