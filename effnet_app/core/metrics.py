"""Accuracy, per-class precision / recall / F1, the confusion matrix, and the
calibration error with its reliability diagram."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

BINS = 15  # of the calibration error and the reliability diagram


def top_classes(probs: np.ndarray, classes: list[str], k: int) -> list[tuple[str, float]]:
    """The ``k`` most probable classes, most probable first, as (name, probability);
    at least one, at most every class."""
    order = np.argsort(-probs)[: max(1, min(k, len(classes)))]
    return [(classes[i], float(probs[i])) for i in order]


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    confidence: float  # mean top-1 probability of the bin's pictures
    accuracy: float  # share of them answered right

    def to_dict(self) -> dict:
        return {"low": self.low, "high": self.high, "count": self.count,
                "confidence": round(self.confidence, 6), "accuracy": round(self.accuracy, 6)}


def reliability(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> list[Bin]:
    """The reliability diagram of the top-1 answer: every bin, empty ones included (count 0)."""
    confidence, correct = np.asarray(confidence, dtype=np.float64), np.asarray(correct, dtype=bool)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, bins - 1)
    out = []
    for i in range(bins):
        inside = which == i
        n = int(inside.sum())
        out.append(Bin(float(edges[i]), float(edges[i + 1]), n, float(confidence[inside].mean()) if n else 0.0,
                       float(correct[inside].mean()) if n else 0.0))
    return out


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> float:
    """ECE of the top-1 answer over ``bins`` equal-width bins (0 without pictures)."""
    table = reliability(confidence, correct, bins)
    total = sum(b.count for b in table)
    return float(sum(b.count * abs(b.accuracy - b.confidence) for b in table) / total) if total else 0.0


@dataclass
class ClassScores:
    name: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Evaluation:
    classes: list[str]
    accuracy: float
    per_class: list[ClassScores]
    confusion: list[list[int]]  # rows: true class, columns: predicted class
    misclassified: list[dict] = field(default_factory=list)
    count: int = 0
    samples: list[dict] = field(default_factory=list)  # every image, when asked for (folder checks)
    ece: float | None = None  # expected calibration error of the top-1 answer (with probabilities)
    reliability: list[dict] = field(default_factory=list)  # its bins (Bin.to_dict), the diagram
    unknown_count: int | None = None  # pictures answered "None of these" (None: the model has no such answer)

    @property
    def macro_f1(self) -> float:
        return float(np.mean([c.f1 for c in self.per_class])) if self.per_class else 0.0

    @property
    def balanced_accuracy(self) -> float:
        """The mean of the per-class recalls over the classes with pictures: a class with
        few pictures counts as much as a big one (plain accuracy hides a neglected one)."""
        recalls = [c.recall for c in self.per_class if c.support]
        return float(np.mean(recalls)) if recalls else 0.0

    @property
    def unknown_rate(self) -> float | None:
        """Share of the evaluated pictures answered "None of these" (accuracy still
        counts every picture by its closest class)."""
        return None if self.unknown_count is None else self.unknown_count / self.count if self.count else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["macro_f1"] = self.macro_f1
        d["balanced_accuracy"] = self.balanced_accuracy
        d["unknown_rate"] = self.unknown_rate
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Evaluation":
        return cls(
            classes=list(d["classes"]),
            accuracy=float(d["accuracy"]),
            per_class=[ClassScores(**c) for c in d["per_class"]],
            confusion=[list(map(int, r)) for r in d["confusion"]],
            misclassified=list(d.get("misclassified", [])),
            count=int(d.get("count", 0)),
            samples=list(d.get("samples", [])),
            ece=None if d.get("ece") is None else float(d["ece"]),
            reliability=list(d.get("reliability", [])),
            unknown_count=None if d.get("unknown_count") is None else int(d["unknown_count"]),
        )


def evaluate_predictions(
    y_true: np.ndarray, y_pred: np.ndarray, classes: list[str], names: list[str] | None = None,
    probs: np.ndarray | None = None, all_samples: bool = False, top_k: int = 3,
    unknown_scores: np.ndarray | None = None, unknown: np.ndarray | None = None,
) -> Evaluation:
    """Scores for predictions ``y_pred`` of true labels ``y_true``. With ``names``,
    the misclassified images are listed (with their top ``top_k`` probabilities when
    ``probs`` is given); ``all_samples`` lists every image the same way. With
    ``probs``, the calibration error; with ``unknown`` (and its scores), how many were
    answered "None of these"."""
    k = len(classes)
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    cm = np.zeros((k, k), dtype=int)
    np.add.at(cm, (y_true, y_pred), 1)
    per_class = []
    for i, name in enumerate(classes):
        tp = cm[i, i]
        predicted, actual = cm[:, i].sum(), cm[i, :].sum()
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_class.append(ClassScores(name, float(p), float(r), float(f1), int(actual)))
    wrong, every = [], []
    if names is not None:
        for j in range(len(y_true)):
            if not (all_samples or y_true[j] != y_pred[j]):
                continue
            item = {"file": names[j], "true": classes[y_true[j]], "predicted": classes[y_pred[j]]}
            if probs is not None:
                item["confidence"] = float(probs[j, y_pred[j]])
                item["top"] = [[name, round(p, 6)] for name, p in top_classes(probs[j], classes, top_k)]
            if unknown is not None and unknown_scores is not None:
                item["unknown"], item["unknown_score"] = bool(unknown[j]), round(float(unknown_scores[j]), 6)
            if all_samples:
                every.append(item)
            if y_true[j] != y_pred[j]:
                wrong.append(item)
    n = len(y_true)
    calibration = {}
    if probs is not None and n:
        confidence, correct = probs[np.arange(n), y_pred], y_true == y_pred
        calibration = {"ece": expected_calibration_error(confidence, correct),
                       "reliability": [b.to_dict() for b in reliability(confidence, correct)]}
    return Evaluation(
        classes=list(classes),
        accuracy=float((y_true == y_pred).mean()) if n else 0.0,
        per_class=per_class,
        confusion=cm.tolist(),
        misclassified=wrong,
        count=n,
        samples=every,
        unknown_count=None if unknown is None else int(np.asarray(unknown, dtype=bool).sum()),
        **calibration,
    )
