"""Accuracy, per-class precision / recall / F1 and the confusion matrix."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np


def top_classes(probs: np.ndarray, classes: list[str], k: int) -> list[tuple[str, float]]:
    """The ``k`` most probable classes, most probable first, as (name, probability);
    at least one, at most every class."""
    order = np.argsort(-probs)[: max(1, min(k, len(classes)))]
    return [(classes[i], float(probs[i])) for i in order]


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

    @property
    def macro_f1(self) -> float:
        return float(np.mean([c.f1 for c in self.per_class])) if self.per_class else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["macro_f1"] = self.macro_f1
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
        )


def evaluate_predictions(
    y_true: np.ndarray, y_pred: np.ndarray, classes: list[str], names: list[str] | None = None,
    probs: np.ndarray | None = None, all_samples: bool = False, top_k: int = 3,
) -> Evaluation:
    """Scores for predictions ``y_pred`` of true labels ``y_true``. With ``names``,
    the misclassified images are listed (with their top ``top_k`` probabilities when
    ``probs`` is given); ``all_samples`` lists every image the same way."""
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
            if all_samples:
                every.append(item)
            if y_true[j] != y_pred[j]:
                wrong.append(item)
    n = len(y_true)
    return Evaluation(
        classes=list(classes),
        accuracy=float((y_true == y_pred).mean()) if n else 0.0,
        per_class=per_class,
        confusion=cm.tolist(),
        misclassified=wrong,
        count=n,
        samples=every,
    )
