"""Fit, at training time, what makes the answers trustworthy (core.inference.calibration):
the temperature, the unknown score, and the held-out known pictures' unknown scores
that place the "None of these" threshold. Every figure comes from pictures that the
part being judged did not learn from:

* quick mode (:func:`cross_fitted`): the backbone is frozen and the features are
  cached, so each of 5 folds gets its own head and score fitted on the other folds
  (a second or two); the delivered score is then fitted on all the pictures;
* full mode (:func:`held_out`): the fine-tuned backbone has seen the training
  pictures, so the score is fitted on their features and judged on the validation
  pictures', which it has not.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from effnet_app.core.data.dataset import stratified_folds
from effnet_app.core.inference.calibration import Calibration, fit_temperature, percentiles
from effnet_app.core.i18n import translate
from effnet_app.core.inference.unknown import UnknownScore
from effnet_app.core.progress import NullReporter, Reporter
from effnet_app.core.training.head import fit_linear_head

FOLDS = 5


def _fold_progress(reporter: Reporter, done: int, total: int) -> None:
    reporter.progress(done / total, translate("training", "Checking each answer on pictures held out in turn "
                                                          "({done} of {total})").format(done=done, total=total))


def _folds(y: np.ndarray, seed: int) -> list[np.ndarray]:
    return [np.asarray(f, dtype=int) for f in stratified_folds([(Path(), int(c)) for c in y],
                                                               max(2, min(FOLDS, len(y))), seed) if f]


def out_of_fold(features: np.ndarray, labels: np.ndarray, num_classes: int, head_l2: float, seed: int = 0,
                reporter: Reporter | None = None, scores: bool = True,
                steps_after: int = 0, balance: bool = False,
                init: tuple[np.ndarray, np.ndarray] | None = None,
                per_view: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every picture's logits (and, with ``scores``, its unknown score) from a head and a
    score fitted on the folds it is not in: no picture is judged by a model that
    learned it. Seconds on a CPU; the progress counts the folds (and ``steps_after``
    steps the caller reports itself). ``init``: the head fitted on all the pictures,
    where each fold's fit starts (the same optimum, a convex fit, in about 2.5x fewer
    steps: each fold is four fifths of the same pictures). ``per_view`` (views x N x
    width, ``features`` their mean): each fold's head learns every view, as the
    delivered head does (core.training.quick); being linear, its mean logits over the
    views are its logits of ``features``."""
    reporter = reporter or NullReporter()
    x, y = np.asarray(features, dtype=np.float64), np.asarray(labels, dtype=int)
    logits, unknown = np.zeros((len(y), num_classes)), np.zeros(len(y))
    folds = _folds(y, seed)
    steps = len(folds) + steps_after

    def report(done: int) -> None:
        _fold_progress(reporter, done, steps)
    report(0)
    for i, test in enumerate(folds):
        train = np.setdiff1d(np.arange(len(y)), test)
        if per_view is None:
            w, b = fit_linear_head(x[train], y[train], num_classes, head_l2, balance=balance, init=init)
        else:
            w, b = fit_linear_head(per_view[:, train].reshape(-1, x.shape[1]), np.tile(y[train], len(per_view)),
                                   num_classes, head_l2, balance=balance, init=init)
        logits[test] = x[test] @ w.T.astype(np.float64) + b
        if scores:
            unknown[test] = UnknownScore.fit(x[train], y[train], seed)(x[test])
        report(i + 1)
    return logits, unknown


def cross_fitted(features: np.ndarray, labels: np.ndarray, num_classes: int, head_l2: float,
                 seed: int = 0, reporter: Reporter | None = None, balance: bool = False,
                 init: tuple[np.ndarray, np.ndarray] | None = None, per_view: np.ndarray | None = None) -> Calibration:
    """Quick mode: the temperature and the threshold from out-of-fold logits and scores;
    the delivered score fitted on all the pictures. ``per_view``: as in :func:`out_of_fold`."""
    reporter = reporter or NullReporter()
    x, y = np.asarray(features, dtype=np.float64), np.asarray(labels, dtype=int)
    logits, scores = out_of_fold(x, y, num_classes, head_l2, seed, reporter, steps_after=1, balance=balance, init=init,
                                 per_view=per_view)
    calibration = Calibration(fit_temperature(logits, y), UnknownScore.fit(x, y, seed), percentiles(scores))
    steps = len(_folds(y, seed)) + 1
    _fold_progress(reporter, steps, steps)
    return calibration


def held_out(train_features: np.ndarray, train_labels: np.ndarray, logits: np.ndarray, labels: np.ndarray,
             features: np.ndarray, seed: int = 0) -> Calibration:
    """Full mode: the score fitted on the training pictures' features; the temperature
    and the threshold's percentiles from the held-out pictures (``logits``, ``labels``,
    ``features``)."""
    score = UnknownScore.fit(train_features, train_labels, seed)
    return Calibration(fit_temperature(logits, labels), score, percentiles(score(features)))
