"""Quick mode's fit, on the frozen backbone's features and in NumPy alone: the head,
its measurement on the validation pictures, the calibration, and the head and
calibration refitted on every picture. PyTorch's training (core.training.run) and
the training without PyTorch (core.training.quick_run) both call :func:`fit_quick`;
they differ only in what computes the features.

Every figure comes from pictures the part judged did not learn from (core.training.calibrate).

With ``tta_views`` = k > 1 the head learns from each of the first k dihedral views of
every training picture (k times the examples: a micrograph or a steel surface has no
"up"; 2 views are the mirror image alone), and the model answers with the mean over
the same k views. The head being linear, the mean of its logits over the views is its
logits of the mean features: the calibration and the measurement use those.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from effnet_app.core.i18n import translate
from effnet_app.core.memory import blocks_kept
from effnet_app.core.inference.calibration import Calibration, softmax
from effnet_app.core.inference.unknown import UnknownScore
from effnet_app.core.metrics import Evaluation, evaluate_predictions
from effnet_app.core.progress import Reporter, SubReporter
from effnet_app.core.training import views
from effnet_app.core.training.calibrate import cross_fitted, held_out
from effnet_app.core.training.config import AUTO_VIEWS
from effnet_app.core.training.head import fit_linear_head
from effnet_app.core.training.images import LoadedImages, joined
from effnet_app.core.training.reading import Run

# Where the bar stands when the calibration and validation begin. Quick mode's
# calibration fits ten heads and scores: about half of a quick training's time.
HEAD_END = 0.6
CROSS_FIT_LIMIT = 2500  # pictures; the calibration is cross-fitted up to this many

Features = Callable[[LoadedImages, Reporter, int], np.ndarray]  # pictures, view -> N x width features
Head = tuple[np.ndarray, np.ndarray]  # weights (classes x width) and bias, float32


@dataclass
class QuickFit:
    head: Head
    evaluation: Evaluation | None
    calibration: Calibration
    views: int  # each picture was learnt in, and is answered with, this many views


def fit_quick(run: Run, features: Features, train_set: LoadedImages, val_set: LoadedImages, classes: list[str],
              init: Head | None = None) -> QuickFit:
    """The head fitted on ``train_set``, measured on ``val_set`` with its calibration,
    then (``refit_all``) head and calibration learnt from all the pictures. ``init``:
    the head to start from (a model trained on)."""
    t = time.perf_counter()
    train_v = _views(run, features, train_set, 0.2, 0.5)
    val_v = _views(run, features, val_set, 0.5, HEAD_END) if val_set.images else None
    _add(run.times, "features", time.perf_counter() - t)
    # The fits reuse blocks of a few MB hundreds of times: kept in the heap, not mapped
    # and unmapped each time (core.memory): 0.7 -> 0.4 s for the rocks.
    with blocks_kept():
        config = run.config
        if config.tta_views == AUTO_VIEWS:
            t = time.perf_counter()
            k = views.choose(train_v, train_set.labels, len(classes), config.head_l2, config.balance, config.seed)
            train_v, val_v = train_v[:k], (val_v[:k] if val_v is not None else None)
            _add(run.times, "views_choice", time.perf_counter() - t)
        return _fit(run, train_v, val_v, train_set, val_set, classes, init)


def _views(run: Run, features: Features, loaded: LoadedImages, start: float, end: float) -> np.ndarray:
    """views x N x width: the features of each view the training looks at."""
    k = run.config.views_looked_at
    step = (end - start) / k
    return np.stack([features(loaded, run.bar(start + v * step, start + (v + 1) * step), v) for v in range(k)])


def _head(run: Run, per_view: np.ndarray, labels: list[int], n: int, init: Head | None) -> Head:
    """The head learnt from every view of every picture."""
    config = run.config
    y = np.tile(np.asarray(labels), len(per_view))
    return fit_linear_head(per_view.reshape(-1, per_view.shape[-1]), y, n, config.head_l2, balance=config.balance,
                           init=init)


def _fit(run: Run, train_v: np.ndarray, val_v: np.ndarray | None, train_set: LoadedImages, val_set: LoadedImages,
         classes: list[str], init: Head | None) -> QuickFit:
    config, n = run.config, len(classes)
    # One view: the features themselves, not a copy (the mean over one).
    train_x, val_x = [None if v is None else (v[0] if len(v) == 1 else v.mean(0)) for v in (train_v, val_v)]
    t = time.perf_counter()
    head = _head(run, train_v, train_set.labels, n, init)
    _add(run.times, "head_fit", time.perf_counter() - t)
    run.times["head"] = time.perf_counter() - t
    t = time.perf_counter()
    bar = run.bar(HEAD_END, 0.99)
    bar.progress(0.0, translate("training", "Measuring accuracy on the validation images"))
    large = len(train_set.labels) + len(val_set.labels) > CROSS_FIT_LIMIT and val_set.images
    if large:  # the validation pictures alone are plenty, and five more fits on thousands are not
        calibration = held_out(train_x, np.asarray(train_set.labels), logits(head, val_x),
                               np.asarray(val_set.labels), val_x, config.seed)
    else:
        calibration = _calibrated(run, train_x, train_v, train_set, n, head, SubReporter(bar, 0.0, 0.5))
    evaluation = None
    if val_set.images:
        evaluation = evaluate_features(head, val_x, val_set, classes, calibration)
        if config.refit_all:
            bar.progress(0.55, translate("training", "Learning from all the pictures"))
            everything = joined(train_set, val_set)
            all_x, all_v = np.concatenate([train_x, val_x]), np.concatenate([train_v, val_v], axis=1)
            t_fit = time.perf_counter()
            head = _head(run, all_v, everything.labels, n, head)
            _add(run.times, "head_fit", time.perf_counter() - t_fit)
            if large:  # the same temperature and threshold; the score learns every picture
                calibration.score = UnknownScore.fit(all_x, np.asarray(everything.labels), config.seed)
            else:
                calibration = _calibrated(run, all_x, all_v, everything, n, head, SubReporter(bar, 0.6, 1.0))
    run.times["calibration"] = time.perf_counter() - t
    return QuickFit(head, evaluation, calibration, len(train_v))


def _calibrated(run: Run, x: np.ndarray, per_view: np.ndarray, loaded: LoadedImages, n: int, head: Head,
                part: Reporter) -> Calibration:
    """Cross-fitted on ``loaded`` (``x``: the mean over ``per_view``, views x N x width);
    each fold's head learns every view, as ``head`` did, and starts from it."""
    config = run.config
    return cross_fitted(x, np.asarray(loaded.labels), n, config.head_l2, config.seed, part, config.balance,
                        init=head, per_view=per_view if len(per_view) > 1 else None)


def logits(head: Head, features: np.ndarray) -> np.ndarray:
    """The head's logits (float64) for pooled features: the head is linear after the dropout."""
    w, b = head
    return np.asarray(features, dtype=np.float64) @ w.T.astype(np.float64) + b.astype(np.float64)


def evaluate_features(head: Head, features: np.ndarray, loaded: LoadedImages, classes: list[str],
                      calibration: Calibration) -> Evaluation:
    """The evaluation of ``loaded`` from its pooled features (the frozen backbone's,
    already computed; their mean over the views), without another pass through the network."""
    probs = softmax(logits(head, features), calibration.temperature)
    scores = unknown = None
    if calibration.has_unknown and len(features):
        scores = calibration.score(features)
        unknown = scores > calibration.threshold()
    return evaluate_predictions(np.asarray(loaded.labels), probs.argmax(1), classes, [str(p) for p in loaded.paths],
                                probs, unknown_scores=scores, unknown=unknown)


def _add(times: dict[str, float], key: str, seconds: float) -> None:
    times[key] = times.get(key, 0.0) + seconds

