"""What a model file says about its model, as one typed, validated object.

:class:`ModelMeta` is built by training (``TrainResult.model_meta``) and by
:func:`ModelMeta.from_dict` when a file is read -- the only way in from disk. That
reader checks types, ranges, sizes and class names, so a file that parses but lies
(accuracy as text, class names as numbers, a negative image size, ``..`` as a class)
is refused with one sentence before the library, the CLI or the window sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from effnet_app.core.data.dataset import is_plain_class_name
from effnet_app.core.metrics import ClassScores, Evaluation
from effnet_app.core.models.variants import Preprocess, Variant, get_variant

STATUSES = ("completed", "early_stopped", "time_up", "cancelled")
MAX_CLASSES = 10_000
MAX_IMAGE_SIZE = 4096
# "None of these" (core.inference.calibration): the held-out known pictures' unknown
# scores are kept at 0, 1, ..., 100 %; the share of them called unknown by default and at most.
PERCENTILES = 101
DEFAULT_SHARE = 0.05
MAX_SHARE = 0.5


class MetaError(ValueError):
    """A field of the metadata is missing or wrong; ``field`` names it for the sentence."""

    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


@dataclass(frozen=True)
class ModelMeta:
    variant: str
    classes: tuple[str, ...]
    preprocess: Preprocess
    tta_views: int = 1
    pretrained: bool = True
    train_config: dict[str, Any] = field(default_factory=dict)  # TrainConfig.to_dict(), for the record
    evaluation: Evaluation | None = None  # on the validation images, when there were any
    history: tuple[dict[str, float], ...] = ()  # one row per fine-tuning epoch
    status: str = "completed"
    best_epoch: int = 0
    device: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    dataset: str = ""  # the folder trained on (the feedback action adds images there)
    created: str = ""  # ISO time, set when first written
    app_version: str = ""  # set when written
    temperature: float = 1.0  # divides the logits: calibrated probabilities (1.0 in older models)
    unknown_quantiles: tuple[float, ...] = ()  # held-out known pictures' unknown scores; () = no such answer
    unknown_share: float = DEFAULT_SHARE  # of known pictures called "None of these" unless the user moves it

    @property
    def has_unknown(self) -> bool:
        """Whether the model can answer "None of these" (models before it cannot)."""
        return bool(self.unknown_quantiles)

    @property
    def variant_info(self) -> Variant:
        return get_variant(self.variant)

    @property
    def accuracy(self) -> float | None:
        return self.evaluation.accuracy if self.evaluation else None

    @property
    def val_fraction(self) -> float:
        return _number(self.train_config, "val_fraction", 0.2, 0.0, 0.9)

    @property
    def mode(self) -> str:
        """"quick" or "full" as trained; "" when the record does not say (a hand-made file)."""
        mode = self.train_config.get("mode")
        return mode if mode in ("quick", "full") else ""

    @property
    def seed(self) -> int:
        return int(_number(self.train_config, "seed", 0, -(2**63), 2**63))

    def to_dict(self) -> dict[str, Any]:
        return {
            "variant": self.variant, "classes": list(self.classes), "preprocess": self.preprocess.to_dict(),
            "tta_views": self.tta_views, "pretrained": self.pretrained, "train_config": dict(self.train_config),
            "metrics": self.evaluation.to_dict() if self.evaluation else None, "history": list(self.history),
            "status": self.status, "best_epoch": self.best_epoch, "device": self.device,
            "seconds": dict(self.seconds), "dataset": self.dataset, "created": self.created,
            "app_version": self.app_version, "temperature": self.temperature,
            "unknown_quantiles": list(self.unknown_quantiles), "unknown_share": self.unknown_share,
        }

    def summary(self) -> dict[str, Any]:
        """The metadata without bulky parts, for listings and ``--json`` output."""
        d = self.to_dict()
        return {**{k: d[k] for k in ("variant", "classes", "preprocess", "tta_views", "pretrained", "metrics",
                                     "app_version", "created", "train_config", "temperature", "unknown_share")},
                "none_of_these": self.has_unknown}

    @classmethod
    def from_dict(cls, d: Any) -> "ModelMeta":
        """The metadata of a file, checked; :class:`MetaError` names the first wrong field.
        An unknown variant raises ConfigError (the sentence says which)."""
        if not isinstance(d, dict):
            raise MetaError("metadata")
        classes = _classes(d.get("classes"))
        get_variant(_text(d, "variant", required=True))
        meta = cls(
            variant=d["variant"], classes=classes, preprocess=_preprocess(d.get("preprocess")),
            tta_views=_integer(d, "tta_views", 1, 1, 8), pretrained=_boolean(d, "pretrained", True),
            train_config=_plain_dict(d, "train_config"), evaluation=_evaluation(d.get("metrics"), classes),
            history=_history(d.get("history", [])), status=_choice(d, "status", STATUSES),
            best_epoch=_integer(d, "best_epoch", 0, 0, 1_000_000), device=_text(d, "device"),
            seconds={k: _number(d["seconds"], k, 0.0, 0.0, math.inf) for k in _plain_dict(d, "seconds")},
            dataset=_text(d, "dataset"), created=_text(d, "created"), app_version=_text(d, "app_version"),
            temperature=_number(d, "temperature", 1.0, 1e-3, 1e3), unknown_quantiles=_quantiles(d),
            unknown_share=_number(d, "unknown_share", DEFAULT_SHARE, 0.0, MAX_SHARE),
        )
        meta.val_fraction, meta.seed  # noqa: B018 - checked now, not when the Live page first asks
        return meta


# ---------------------------------------------------------------- field readers

def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return (_is_int(v) or isinstance(v, float)) and not (isinstance(v, float) and math.isnan(v))


def _integer(d: dict, key: str, default: int, low: int, high: int) -> int:
    v = d.get(key, default)
    if not _is_int(v) or not low <= v <= high:
        raise MetaError(key)
    return v


def _number(d: Any, key: str, default: float, low: float, high: float) -> float:
    v = d.get(key, default) if isinstance(d, dict) else default
    if not _is_number(v) or not low <= v <= high:
        raise MetaError(key)
    return float(v)


def _boolean(d: dict, key: str, default: bool) -> bool:
    v = d.get(key, default)
    if not isinstance(v, bool):
        raise MetaError(key)
    return v


def _text(d: dict, key: str, required: bool = False, limit: int = 4096) -> str:
    v = d.get(key, None if required else "")
    if v is None and not required:
        return ""
    if not isinstance(v, str) or len(v) > limit or (required and not v):
        raise MetaError(key)
    return v


def _choice(d: dict, key: str, allowed: tuple[str, ...]) -> str:
    v = d.get(key, allowed[0])
    if v not in allowed:
        raise MetaError(key)
    return v


def _plain_dict(d: dict, key: str) -> dict[str, Any]:
    v = d.get(key) or {}
    if not isinstance(v, dict) or not all(isinstance(k, str) for k in v):
        raise MetaError(key)
    return v


def _classes(v: Any) -> tuple[str, ...]:
    """Class names are folder names too (the feedback action writes into them): plain,
    relative, one level, unique, at least two."""
    if not isinstance(v, list) or not 2 <= len(v) <= MAX_CLASSES or not all(map(is_plain_class_name, v)):
        raise MetaError("classes")
    if len(set(v)) != len(v):
        raise MetaError("classes")
    return tuple(v)


def _preprocess(v: Any) -> Preprocess:
    if not isinstance(v, dict):
        raise MetaError("preprocess")
    size, resize = v.get("size"), v.get("resize")
    mean, std = v.get("mean"), v.get("std")
    ok = (_is_int(size) and _is_int(resize) and 8 <= size <= MAX_IMAGE_SIZE and size <= resize <= 2 * MAX_IMAGE_SIZE
          and isinstance(v.get("crop"), bool) and v.get("interpolation") in ("bicubic", "bilinear", "nearest")
          and isinstance(mean, list) and isinstance(std, list) and len(mean) == len(std) == 3
          and all(_is_number(m) and -10 <= m <= 10 for m in mean) and all(_is_number(s) and 0 < s <= 10 for s in std))
    if not ok:
        raise MetaError("preprocess")
    return Preprocess.from_dict(v)


def _evaluation(v: Any, classes: tuple[str, ...]) -> Evaluation | None:
    if v is None:
        return None
    k = len(classes)
    try:
        ok = (isinstance(v, dict) and v.get("classes") == list(classes) and _is_number(v.get("accuracy"))
              and 0 <= v["accuracy"] <= 1 and isinstance(v.get("per_class"), list) and len(v["per_class"]) == k
              and isinstance(v.get("confusion"), list) and len(v["confusion"]) == k
              and all(isinstance(r, list) and len(r) == k and all(_is_int(c) and c >= 0 for c in r)
                      for r in v["confusion"])
              and all(isinstance(x, list) for x in (v.get("misclassified", []), v.get("samples", [])))
              and _is_int(v.get("count", 0)))
        if ok:
            scores = [ClassScores(str(c["name"]), float(c["precision"]), float(c["recall"]), float(c["f1"]),
                                  int(c["support"])) for c in v["per_class"]]
            return Evaluation(list(classes), float(v["accuracy"]), scores, v["confusion"],
                              [m for m in v.get("misclassified", []) if isinstance(m, dict)], v.get("count", 0),
                              [s for s in v.get("samples", []) if isinstance(s, dict)], *_calibration_scores(v))
    except (KeyError, TypeError, ValueError, MetaError):
        pass
    raise MetaError("metrics")


def _calibration_scores(v: dict) -> tuple[float | None, list[dict], int | None]:
    """The evaluation's calibration error, reliability bins and "None of these" count
    (all absent in models made before them)."""
    ece = None if v.get("ece") is None else _number(v, "ece", 0.0, 0.0, 1.0)
    bins = v.get("reliability", [])
    keys = ("low", "high", "count", "confidence", "accuracy")
    if not isinstance(bins, list) or len(bins) > 1000 or not all(
            isinstance(b, dict) and all(_is_number(b.get(k)) for k in keys) for b in bins):
        raise MetaError("metrics")
    unknown = None if v.get("unknown_count") is None else _integer(v, "unknown_count", 0, 0, max(v.get("count", 0), 0))
    return ece, [{k: b[k] for k in keys} for b in bins], unknown


def _quantiles(d: dict) -> tuple[float, ...]:
    """The held-out unknown-score percentiles: none (an older model), or 101
    non-decreasing finite numbers."""
    v = d.get("unknown_quantiles", [])
    if not isinstance(v, list) or (v and (len(v) != PERCENTILES or not all(
            _is_number(x) and math.isfinite(x) for x in v) or any(a > b for a, b in zip(v, v[1:])))):
        raise MetaError("unknown_quantiles")
    return tuple(float(x) for x in v)


def _history(v: Any) -> tuple[dict[str, float], ...]:
    if not isinstance(v, list) or not all(isinstance(r, dict) for r in v):
        raise MetaError("history")
    for row in v:  # NaN is allowed here: an epoch without validation images has no val_acc
        if not all(isinstance(k, str) and (_is_int(x) or isinstance(x, float)) for k, x in row.items()):
            raise MetaError("history")
    return tuple(dict(r) for r in v)

