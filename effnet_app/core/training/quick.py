"""Quick mode's fit, on the frozen backbone's features and in NumPy alone: the head,
its measurement on the validation pictures, the calibration, and the head and
calibration refitted on every picture. PyTorch's training (core.training.run) and
the training without PyTorch (core.training.quick_run) both call :func:`fit_quick`;
they differ only in what computes the features.

Every figure comes from pictures the part judged did not learn from (core.training.calibrate).
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
from effnet_app.core.training.calibrate import cross_fitted, held_out
from effnet_app.core.training.head import fit_linear_head
from effnet_app.core.training.images import LoadedImages, joined
from effnet_app.core.training.reading import Run

# Where the bar stands when the calibration and validation begin. Quick mode's
# calibration fits ten heads and scores: about half of a quick training's time.
HEAD_END = 0.6
CROSS_FIT_LIMIT = 2500  # pictures; the calibration is cross-fitted up to this many

Features = Callable[[LoadedImages, Reporter], np.ndarray]  # pictures -> N x width features
Head = tuple[np.ndarray, np.ndarray]  # weights (classes x width) and bias, float32
# The validation's evaluation over several views of each picture (it needs the network).
ViewsEvaluation = Callable[[Head, Calibration], Evaluation]


@dataclass
class QuickFit:
    head: Head
    evaluation: Evaluation | None
    calibration: Calibration


def fit_quick(run: Run, features: Features, train_set: LoadedImages, val_set: LoadedImages, classes: list[str],
              init: Head | None = None, views: ViewsEvaluation | None = None) -> QuickFit:
    """The head fitted on ``train_set``, measured on ``val_set`` with its calibration,
    then (``refit_all``) head and calibration learnt from all the pictures. ``init``:
    the head to start from (a model trained on). ``views``: how to evaluate with more
    than one view of each picture."""
    t = time.perf_counter()
    train_x = features(train_set, run.bar(0.2, 0.5))
    val_x = features(val_set, run.bar(0.5, HEAD_END)) if val_set.images else None
    _add(run.times, "features", time.perf_counter() - t)
    # The fits reuse blocks of a few MB hundreds of times: kept in the heap, not mapped
    # and unmapped each time (core.memory): 0.7 -> 0.4 s for the rocks.
    with blocks_kept():
        return _fit(run, train_x, val_x, train_set, val_set, classes, init, views)


def _fit(run: Run, train_x: np.ndarray, val_x: np.ndarray | None, train_set: LoadedImages, val_set: LoadedImages,
         classes: list[str], init: Head | None, views: ViewsEvaluation | None) -> QuickFit:
    config, n = run.config, len(classes)
    t = time.perf_counter()
    head = fit_linear_head(train_x, np.asarray(train_set.labels), n, config.head_l2, balance=config.balance, init=init)
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
        calibration = _calibrated(run, train_x, train_set, n, head, SubReporter(bar, 0.0, 0.5))
    evaluation = None
    if val_set.images:
        evaluation = (evaluate_features(head, val_x, val_set, classes, calibration) if config.tta_views == 1
                      else views(head, calibration))
        if config.refit_all:
            bar.progress(0.55, translate("training", "Learning from all the pictures"))
            everything = joined(train_set, val_set)
            all_x = np.concatenate([train_x, val_x])
            t_fit = time.perf_counter()
            head = fit_linear_head(all_x, np.asarray(everything.labels), n, config.head_l2, balance=config.balance,
                                   init=head)
            _add(run.times, "head_fit", time.perf_counter() - t_fit)
            if large:  # the same temperature and threshold; the score learns every picture
                calibration.score = UnknownScore.fit(all_x, np.asarray(everything.labels), config.seed)
            else:
                calibration = _calibrated(run, all_x, everything, n, head, SubReporter(bar, 0.6, 1.0))
    run.times["calibration"] = time.perf_counter() - t
    return QuickFit(head, evaluation, calibration)


def _calibrated(run: Run, x: np.ndarray, loaded: LoadedImages, n: int, head: Head, part: Reporter) -> Calibration:
    """Cross-fitted on ``loaded``; each fold's fit starts from ``head`` (fitted on all of them)."""
    config = run.config
    return cross_fitted(x, np.asarray(loaded.labels), n, config.head_l2, config.seed, part, config.balance, init=head)


def logits(head: Head, features: np.ndarray) -> np.ndarray:
    """The head's logits (float64) for pooled features: the head is linear after the dropout."""
    w, b = head
    return np.asarray(features, dtype=np.float64) @ w.T.astype(np.float64) + b.astype(np.float64)


def evaluate_features(head: Head, features: np.ndarray, loaded: LoadedImages, classes: list[str],
                      calibration: Calibration) -> Evaluation:
    """The evaluation of ``loaded`` from its pooled features (one view: the frozen
    backbone's, already computed), without another pass through the network."""
    probs = softmax(logits(head, features), calibration.temperature)
    scores = unknown = None
    if calibration.has_unknown and len(features):
        scores = calibration.score(features)
        unknown = scores > calibration.threshold()
    return evaluate_predictions(np.asarray(loaded.labels), probs.argmax(1), classes, [str(p) for p in loaded.paths],
                                probs, unknown_scores=scores, unknown=unknown)


def _add(times: dict[str, float], key: str, seconds: float) -> None:
    times[key] = times.get(key, 0.0) + seconds

