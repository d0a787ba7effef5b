"""What a prediction answers, and what both classifiers share around the network: the
answer for one picture from its output row, the batched loop over files, and the CSV.

No PyTorch here: :class:`~effnet_app.core.inference.predict.Classifier` (PyTorch or
ONNX Runtime after an export) and :class:`~effnet_app.core.inference.graph.GraphClassifier`
(a saved graph, without PyTorch) give the same :class:`Prediction` objects.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from effnet_app.core.data.images import is_image_name, open_image
from effnet_app.core.data.dataset import scan_folder
from effnet_app.core.errors import EffNetError, ImageError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.metrics import Evaluation, evaluate_predictions, top_classes
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.store.metadata import MAX_SHARE

IMAGENET_PREFIX = "imagenet:"  # a model named imagenet:<variant> is that variant's ImageNet classifier


@dataclass
class Prediction:
    source: str
    top: list[tuple[str, float]]  # (class, probability), best first
    probs: np.ndarray | None = None
    error: str | None = None
    unknown_score: float | None = None  # higher = less like the training pictures; None: no such answer
    unknown: bool | None = None  # answered "None of these" (at the classifier's threshold when made)

    @property
    def label(self) -> str | None:
        """The closest class (also when the answer is "None of these")."""
        return self.top[0][0] if self.top else None

    def to_dict(self) -> dict:
        d = {"source": self.source, "top": [{"class": c, "probability": round(p, 6)} for c, p in self.top]}
        if self.error:
            d["error"] = self.error
        else:
            d["unknown"] = self.unknown
            d["unknown_score"] = None if self.unknown_score is None else round(self.unknown_score, 6)
        return d


class Calibrated:
    """The "None of these" answer of a classifier that holds a ``calibration``."""

    calibration: Calibration

    @property
    def has_unknown(self) -> bool:
        """Whether this model can answer "None of these" (models trained before it cannot)."""
        return self.calibration.has_unknown

    @property
    def unknown_share(self) -> float:
        """Share of pictures like the training ones that are called "None of these"."""
        return self.calibration.share

    def set_unknown_share(self, share: float) -> None:
        self.calibration.share = min(max(float(share), 0.0), MAX_SHARE)


def answer(source: str, row: np.ndarray, classes: list[str], calibration: Calibration, k: int) -> Prediction:
    """A Prediction from one picture's output row (the calibrated probabilities, then,
    for a model with an unknown score, the pooled features): the top ``k`` and, with an
    unknown score, the answer "None of these" or not at the calibration's threshold."""
    probs = row[: len(classes)]
    score = float(calibration.score(row[None, len(classes):])[0]) if calibration.has_unknown else None
    unknown = None if score is None else bool(score > calibration.threshold())
    return Prediction(source, top_classes(probs, classes, k), probs, None, score, unknown)


def predict_in_batches(paths: list[Path], rows: Callable[[list[Image.Image]], np.ndarray],
                       make: Callable[[str, np.ndarray], Prediction], draft: int | None, batch_size: int = 16,
                       reporter: Reporter | None = None, cancel: CancelToken | None = None,
                       single: Callable[[Image.Image, str], Prediction] | None = None) -> list[Prediction]:
    """Every path gets a Prediction; unreadable ones carry ``error`` instead of ``top``.
    Pictures are decoded (at ``draft``: JPEG's reduced decoding) and passed to ``rows``
    ``batch_size`` at a time; with ``single``, each picture is answered on its own instead."""
    reporter = reporter or NullReporter()
    results: list[Prediction] = []
    pending: list[tuple[int, Image.Image]] = []

    def flush():
        for (i, _), row in zip(pending, rows([im for _, im in pending])):
            results[i] = make(str(paths[i]), row)
        pending.clear()

    for i, path in enumerate(paths):
        if cancel is not None:
            cancel.check()
        results.append(Prediction(str(path), []))
        try:
            img = open_image(path, draft=draft)
        except ImageError as e:
            results[i].error = str(e)
            continue
        if single is not None:
            results[i] = single(img, str(path))
        else:
            pending.append((i, img))
            if len(pending) >= batch_size:
                flush()
        reporter.progress((i + 1) / max(len(paths), 1),
                          translate("predict", "Classifying {done}/{total}").format(done=i + 1, total=len(paths)))
    if pending:
        flush()
    return results


def evaluate_on_folder(clf, root: Path | str, tiled: bool = False, reporter: Reporter | None = None,
                       cancel: CancelToken | None = None) -> tuple[Evaluation, list]:
    """``clf``'s accuracy on a labelled class-per-folder tree whose classes it knows
    (``clf``: either classifier; it needs ``classes``, ``calibration`` and ``predict_paths``)."""
    index = scan_folder(root)
    unknown = [c for c in index.classes if c not in clf.classes]
    if unknown:
        raise EffNetError(translate("predict", "The folder has classes the model does not know: {unknown}. The model knows: {known}.")
                          .format(unknown=", ".join(unknown), known=", ".join(clf.classes)))
    paths = [p for p, _ in index.samples]
    preds = clf.predict_paths(paths, 1, tiled, reporter, cancel)
    keep = [(s, p) for s, p in zip(index.samples, preds) if p.error is None]
    y_true = np.array([clf.classes.index(index.classes[label]) for (_, label), _ in keep], dtype=int)
    probs = np.stack([p.probs for _, p in keep]) if keep else np.zeros((0, len(clf.classes)))
    has_unknown = clf.calibration.has_unknown
    scores = np.asarray([p.unknown_score for _, p in keep], dtype=float) if has_unknown else None
    ev = evaluate_predictions(y_true, probs.argmax(1) if len(keep) else np.zeros(0, int), clf.classes,
                              [str(s[0]) for s, _ in keep], probs, all_samples=True, unknown_scores=scores,
                              unknown=None if scores is None else scores > clf.calibration.threshold())
    problems = list(index.problems) + [p for p in preds if p.error]
    return ev, problems


def list_images(target: Path) -> list[Path]:
    """One image, or every image under a folder (recursively, sorted)."""
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.is_file() and is_image_name(p) and not p.name.startswith("."))
    return [target]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula


def spreadsheet_text(text: str) -> str:
    """A name (file, class, message) as a CSV cell a spreadsheet shows as text: a
    leading formula character gets a ' in front (OWASP's advice for CSV injection),
    NUL bytes go."""
    text = text.replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(predictions: list[Prediction], out: Path, top_k: int) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    header = ["file"]
    for i in range(1, top_k + 1):
        header += [f"class_{i}", f"probability_{i}"]
    w.writerow(header + ["unknown", "unknown_score", "error"])
    for p in predictions:
        row: list = [spreadsheet_text(p.source)]
        for i in range(top_k):
            row += [spreadsheet_text(p.top[i][0]), f"{p.top[i][1]:.6f}"] if i < len(p.top) else ["", ""]
        # Empty for a model without the "None of these" answer, and for unreadable files.
        unknown = "" if p.unknown is None else str(p.unknown).lower()
        score = "" if p.unknown_score is None else f"{p.unknown_score:.6f}"
        w.writerow(row + [unknown, score, spreadsheet_text(p.error or "")])
    atomic_write_bytes(out, buf.getvalue().encode("utf-8"))
    return out
