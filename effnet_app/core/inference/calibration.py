"""Confidence that means what it says, and the "None of these" answer's threshold.

* **Temperature scaling** (Guo et al., 2017): one number T divides the logits before
  the softmax. It is fitted at training time on held-out predictions by minimising
  their negative log-likelihood; it never changes which class comes first.
  (The calibration error and the reliability diagram it is judged by are metrics:
  ``core.metrics``.)
* **The answer's threshold** is read from the unknown scores of held-out pictures of
  the known classes, kept as their percentiles: "call at most this share of pictures
  like the training ones *None of these*" is then one lookup, for any share the user
  picks, without the pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from effnet_app.core.inference.unknown import UnknownScore
from effnet_app.core.store.metadata import DEFAULT_SHARE, PERCENTILES, ModelMeta
_LOG_T = (-4.0, 4.0)  # temperatures searched: e^-4 .. e^4
PRIOR_SD = 1.0  # of log T, before any picture is seen


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    """Mean cross-entropy of softmax(logits / T) against the labels."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    top = z.max(1)
    log_norm = np.log(np.exp(z - top[:, None]).sum(1)) + top
    return float((log_norm - z[np.arange(len(z)), labels]).mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature that best explains the held-out answers (1.0 without pictures):
    their negative log-likelihood, plus a weak prior on log T around 0 (standard
    deviation 1) worth one picture. With hundreds of pictures the prior changes
    nothing; with a small held-out set and no mistake (common: 24 pictures) the
    likelihood alone would drive T to 0 and every answer to 100 %. The loss is
    unimodal in log T, so a golden-section search finds it."""
    labels = np.asarray(labels, dtype=int)
    if len(labels) == 0:
        return 1.0

    def loss(log_t: float) -> float:
        return nll(logits, labels, float(np.exp(log_t))) + log_t**2 / (2 * PRIOR_SD**2 * len(labels))

    lo, hi = _LOG_T
    ratio = (np.sqrt(5) - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = loss(a), loss(b)
    for _ in range(60):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = loss(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = loss(b)
    return float(np.exp((lo + hi) / 2))


def percentiles(known_scores: np.ndarray) -> tuple[float, ...]:
    """Held-out known pictures' unknown scores at 0, 1, ..., 100 %."""
    return tuple(float(v) for v in np.quantile(np.asarray(known_scores, dtype=np.float64),
                                               np.linspace(0.0, 1.0, PERCENTILES)))


def threshold_at(quantiles: tuple[float, ...] | np.ndarray, share: float) -> float:
    """The score above which about ``share`` of the known pictures lie (share 0: never)."""
    if share <= 0 or len(quantiles) == 0:
        return float("inf")
    share = min(share, 1.0)
    return float(np.interp(1.0 - share, np.linspace(0.0, 1.0, len(quantiles)), quantiles))


@dataclass
class Calibration:
    """What training fits for trustworthy answers: the temperature, the unknown score
    and the held-out known pictures' score percentiles (the threshold for any share)."""

    temperature: float = 1.0
    score: UnknownScore | None = None
    quantiles: tuple[float, ...] = ()
    share: float = DEFAULT_SHARE

    @property
    def has_unknown(self) -> bool:
        return self.score is not None and len(self.quantiles) == PERCENTILES

    def threshold(self, share: float | None = None) -> float:
        return threshold_at(self.quantiles, self.share if share is None else share)

    @classmethod
    def of_model(cls, meta: ModelMeta, arrays: dict[str, np.ndarray] | None) -> "Calibration":
        """A saved model's calibration: its temperature, and its "None of these" score
        when the file has one (``arrays``, as the model file gives them)."""
        return cls(meta.temperature, UnknownScore.from_arrays(arrays) if arrays else None,
                   meta.unknown_quantiles, meta.unknown_share)
