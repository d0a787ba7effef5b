"""How unlike the training pictures a picture is: the score behind "None of these".

Chosen by measurement (docs/unknown.md, bench/unknown.py). It is the sum of two
distances in the backbone's pooled features, each divided by its median over the
training pictures:

* the cosine distance to the nearest training picture, which catches pictures of
  another kind (steel surfaces, photos) that a classifier's own probabilities call
  rocks with certainty;
* the Mahalanobis distance to the nearest class mean, with one covariance shared by
  the classes, which separates new classes that resemble the known ones better.

Higher = less like the training pictures. What the score needs is a handful of arrays
(:meth:`UnknownScore.arrays`), small enough for the model file: at most
``MAX_REFERENCE`` reference features in float16 and ``MAX_DIRECTIONS`` principal
directions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

MAX_REFERENCE = 4000  # reference pictures kept for the neighbour distance (a per-class sample beyond)
MAX_DIRECTIONS = 256  # principal directions kept for the covariance
SHRINK = 0.1  # covariance shrinkage towards its mean variance (N is often far below the width)


@dataclass
class UnknownScore:
    reference: np.ndarray  # R x width, unit length, float16: the training pictures' features
    mean: np.ndarray  # width: the training features' mean
    basis: np.ndarray  # k x width: the principal directions kept
    class_means: np.ndarray  # classes x k, in those directions (the classes with pictures)
    precision: np.ndarray  # k x k: the shared covariance's inverse, shrunk
    scale_neighbour: float  # median nearest-other-picture distance over the training pictures
    scale_mahalanobis: float  # median Mahalanobis distance over the training pictures

    @classmethod
    def fit(cls, features: np.ndarray, labels: np.ndarray, seed: int = 0) -> "UnknownScore":
        """Fit on the training pictures' features (N x width) and class indices."""
        x = np.asarray(features, dtype=np.float64)
        y = np.asarray(labels)
        mean = x.mean(0)
        s, vt = _principal(x - mean)
        keep = min(MAX_DIRECTIONS, int((s > s[0] * 1e-6).sum())) if len(s) else 0
        basis = vt[:max(keep, 1)]
        projected = (x - mean) @ basis.T
        present = np.unique(y)  # a fold of a small class may have none of its pictures
        class_means = np.stack([projected[y == c].mean(0) for c in present])
        centred = projected - class_means[np.searchsorted(present, y)]
        cov = centred.T @ centred / max(len(x), 1)
        precision = np.linalg.inv(cov + SHRINK * np.trace(cov) / len(cov) * np.eye(len(cov)) + 1e-12 * np.eye(len(cov)))
        reference = _sample(_unit(x), y, seed)
        score = cls(reference.astype(np.float16), mean, basis, class_means, precision, 1.0, 1.0)
        score.scale_mahalanobis = max(float(np.median(score._mahalanobis(x))), 1e-9)
        # Among the reference pictures, as new pictures are scored against them: with a
        # sample, its own (sparser) spacing; and R x R, not N x N (20,000 pictures: minutes).
        score.scale_neighbour = max(float(np.median(_nearest_other(reference.astype(np.float32)))), 1e-9)
        return score

    def __call__(self, features: np.ndarray) -> np.ndarray:
        """The score of each row of ``features`` (N x width)."""
        x = np.asarray(features, dtype=np.float64)
        neighbour = 1.0 - (_unit(x) @ self._reference64.T).max(1)
        return neighbour / self.scale_neighbour + self._mahalanobis(x) / self.scale_mahalanobis

    @cached_property
    def _reference64(self) -> np.ndarray:
        """The reference in float64, converted once: per picture it cost more than the score."""
        return self.reference.astype(np.float64)

    def _mahalanobis(self, x: np.ndarray) -> np.ndarray:
        """The squared distance to the nearest class mean, for all classes at once:
        (d - m) P (d - m) = dPd - 2 dPm + mPm (P symmetric), three matrix products
        instead of one pass per class."""
        d = (x - self.mean) @ self.basis.T
        dp = d @ self.precision
        m = self.class_means
        squared = (dp * d).sum(1)[:, None] - 2.0 * dp @ m.T + ((m @ self.precision) * m).sum(1)[None, :]
        return np.maximum(squared.min(1), 0.0)

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything the score needs, as named arrays (for the model file)."""
        return {"reference": self.reference, "mean": self.mean.astype(np.float32),
                "basis": self.basis.astype(np.float32), "class_means": self.class_means.astype(np.float32),
                "precision": self.precision.astype(np.float32),
                "scales": np.asarray([self.scale_neighbour, self.scale_mahalanobis], dtype=np.float32)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "UnknownScore":
        scales = arrays["scales"]
        return cls(arrays["reference"], arrays["mean"].astype(np.float64), arrays["basis"].astype(np.float64),
                   arrays["class_means"].astype(np.float64), arrays["precision"].astype(np.float64),
                   float(scales[0]), float(scales[1]))


def threshold_for(known_scores: np.ndarray, false_alarms: float = 0.05) -> float:
    """The score above which ``false_alarms`` of these known pictures would be called
    unknown (held-out pictures of the known classes, at training time)."""
    return float(np.quantile(np.asarray(known_scores, dtype=np.float64), 1.0 - false_alarms))


def _principal(centred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Singular values and right singular vectors (rows), strongest first. With fewer
    pictures than features, from the N x N Gram matrix (a fraction of the SVD's cost)."""
    n, d = centred.shape
    if n >= d or n == 0:
        _, s, vt = np.linalg.svd(centred, full_matrices=False)
        return s, vt
    values, vectors = np.linalg.eigh(centred @ centred.T)
    order = np.argsort(values)[::-1]
    values, vectors = np.clip(values[order], 0.0, None), vectors[:, order]
    s = np.sqrt(values)
    keep = s > (s[0] * 1e-6 if len(s) and s[0] > 0 else np.inf)
    vt = np.zeros((n, d))
    vt[keep] = (centred.T @ vectors[:, keep] / s[keep]).T
    return s, vt


def _unit(x: np.ndarray) -> np.ndarray:
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)


def _nearest_other(unit: np.ndarray, block: int = 1024) -> np.ndarray:
    """Each picture's cosine distance to its nearest other picture (in blocks: N can be large)."""
    out = np.empty(len(unit))
    for start in range(0, len(unit), block):
        sims = unit[start:start + block] @ unit.T
        rows = np.arange(len(sims))
        sims[rows, start + rows] = -1.0
        out[start:start + block] = 1.0 - sims.max(1)
    return out


def _sample(unit: np.ndarray, labels: np.ndarray, seed: int) -> np.ndarray:
    """At most MAX_REFERENCE rows, the same share of each class."""
    if len(unit) <= MAX_REFERENCE:
        return unit
    rng = np.random.default_rng(seed)
    share = MAX_REFERENCE / len(unit)
    keep = [i for c in np.unique(labels)
            for i in rng.permutation(np.flatnonzero(labels == c))[:max(1, int(share * (labels == c).sum()))]]
    return unit[np.sort(np.asarray(keep))]
