"""How many views quick mode learns each picture in, when the training chooses
(``tta_views`` = config.AUTO_VIEWS): all 8 turned and mirrored views, or the picture as it is.

A micrograph or a steel surface has no "up": learning it in all 8 views was 1.5 points
more accurate on the rocks. A photo has one: there the turned views cost a point
(docs/quality.md, "Learned views"). Which kind a folder is, its own pictures say: both
recipes answer every training picture out of fold (three folds), and the one with the
lower log-loss is kept. The log-loss, not the number of right answers: on a few hundred
pictures the recipes differ by a few answers, and counting them chose wrongly in 2 to 4
of 10 trainings; the log-loss chose rightly in each of 16 draws on the rocks and the
photos (docs/quality.md).
"""

from __future__ import annotations

import numpy as np

from effnet_app.core.data.dataset import stratified_folds
from effnet_app.core.training.head import class_weights, fit_linear_head

CHOICES = (1, 8)
FOLDS = 3


def choose(views: np.ndarray, labels: list[int], num_classes: int, c: float, balance: bool, seed: int) -> int:
    """1 or 8, from ``views`` (8 x N x width: each view's features of the training pictures)."""
    y = np.asarray(labels)
    folds = [f for f in stratified_folds([(None, label) for label in labels], FOLDS, seed) if f]
    if len(folds) < 2:
        return CHOICES[0]
    weight = class_weights(y, num_classes) if balance else np.ones(num_classes)
    scores = {}
    for k in CHOICES:
        logits = np.zeros((len(y), num_classes))
        for held in folds:
            train = np.setdiff1d(np.arange(len(y)), held)
            w, b = fit_linear_head(views[:k, train].reshape(-1, views.shape[-1]), np.tile(y[train], k), num_classes,
                                   c, balance=balance)
            logits[held] = np.mean([views[v, held] @ w.T + b for v in range(k)], axis=0)
        log_p = logits - logits.max(1, keepdims=True)
        log_p -= np.log(np.exp(log_p).sum(1, keepdims=True))
        scores[k] = -float((weight[y] * log_p[np.arange(len(y)), y]).sum())  # every class weighs as in the fit
    return min(CHOICES, key=lambda k: scores[k])  # a tie: the picture as it is (one view to answer with)
