"""What a training does: the mode, its recommended settings and every knob, checked."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from effnet_app.core.data.groups import SPLITS
from effnet_app.core.errors import ConfigError
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import Preprocess, get_variant

MODES = ("quick", "full")
AUTO_VIEWS = 0  # quick mode's tta_views: 1 or 8, as the training pictures say (core.training.views)
MIN_IMAGE_SIZE, MAX_IMAGE_SIZE = 32, 1024  # network input, pixels a side: below, nothing is left to see; above, memory
# What each mode does best by default (measured by cross-validation, README): full
# mode can afford more pixels, the whole picture and averaging 8 rotated/flipped views.
MODE_DEFAULTS: dict[str, dict[str, Any]] = {
    "quick": {},
    "full": {"image_size": 320, "framing": "whole", "tta_views": 8},
}


def views_looked_at(tta_views: int) -> int:
    """How many views of each picture a training with ``tta_views`` computes features of."""
    return 8 if tta_views == AUTO_VIEWS else tta_views


@dataclass
class TrainConfig:
    variant: str = "lite0"
    mode: str = "quick"
    epochs: int = 15  # full mode: upper bound, early stopping may end sooner
    batch_size: int = 16
    lr: float = 3e-4  # full mode, whole network
    layer_decay: float = 1.0  # full mode: the first layer's learning rate against the last's (geometric between)
    weight_decay: float = 1e-4
    head_l2: float = 1.0  # quick head: inverse regularisation strength (C)
    val_fraction: float = 0.2
    seed: int = 0
    augment: bool = True
    label_smoothing: float = 0.1
    patience: int = 6  # epochs without a better validation loss before stopping
    warmup_epochs: float = 1.0
    tta_views: int = 1  # dihedral views averaged at prediction (1 = off, up to 8); quick mode learns in them too
    refit_all: bool = True  # quick mode: after validating, refit the head on every image
    pretrained: bool = True
    device: str = "auto"
    precision: str = "auto"  # auto | fp32 | amp
    mirror: str | None = None
    image_size: int = 0  # 0: the variant's native size
    framing: str = "crop"  # "crop": ImageNet's centre crop; "whole": the whole picture, squeezed square
    # What stays on one side of the validation split (core.data.groups): "views" (copies and
    # overlapping views of one scene), "subfolders" (a sub-folder of a class is one specimen),
    # "prefix" (the file name up to its last "_" or "-": one slide),
    # "random" (each picture on its own).
    split: str = "views"
    balance: bool = True  # every class weighs the same in the loss, however few its pictures
    base: str = ""  # a model file to train on from (core.training.base); "" for a new model
    time_limit: float = 0.0  # seconds the whole training may take (full mode fits its epochs to it); 0: no limit

    def validate(self) -> None:
        get_variant(self.variant)
        if self.mode not in MODES:
            raise ConfigError(translate("training", "Unknown training mode '{name}'; use quick or full.").format(name=self.mode))
        if self.epochs < 1:
            raise ConfigError(translate("training", "The number of epochs must be at least 1."))
        if self.batch_size < 1:
            raise ConfigError(translate("training", "The batch size must be at least 1."))
        if not 0.0 <= self.val_fraction < 0.9:
            raise ConfigError(translate("training", "The validation fraction must be between 0 and 0.9."))
        if not 0 < self.layer_decay <= 1:
            raise ConfigError(translate("training", "The layer decay must be above 0 and at most 1."))
        if not self.lr > 0:
            raise ConfigError(translate("training", "The learning rate must be positive."))
        if not (1 <= self.tta_views <= 8 or (self.tta_views == AUTO_VIEWS and self.mode == "quick")):
            raise ConfigError(translate("training", "Test-time views must be between 1 and 8."))
        if self.split not in SPLITS:
            raise ConfigError(translate("training", "The split must be one of: {names}.").format(names=", ".join(SPLITS)))
        if not self.time_limit >= 0:
            raise ConfigError(translate("training", "The time limit must be zero (none) or a number of seconds."))
        if self.framing not in ("crop", "whole"):
            raise ConfigError(translate("training", "Framing must be 'crop' or 'whole'."))
        if self.image_size and not MIN_IMAGE_SIZE <= self.image_size <= MAX_IMAGE_SIZE:
            raise ConfigError(translate("training", "The image size must be between {low} and {high} pixels (or 0 "
                                                    "for the network's own).").format(low=MIN_IMAGE_SIZE,
                                                                                      high=MAX_IMAGE_SIZE))

    @property
    def views_looked_at(self) -> int:
        return views_looked_at(self.tta_views)

    def preprocess(self) -> Preprocess:
        pp = get_variant(self.variant).preprocess
        size = self.image_size or pp.size
        if self.framing == "whole":
            return Preprocess(size, size, False, pp.mean, pp.std, pp.interpolation)
        if size != pp.size:
            pp = Preprocess(size, round(size * pp.resize / pp.size), True, pp.mean, pp.std, pp.interpolation)
        return pp

    @classmethod
    def for_mode(cls, mode: str, **overrides: Any) -> "TrainConfig":
        """The recommended settings for ``mode``; ``None`` overrides are ignored."""
        values = {**MODE_DEFAULTS.get(mode, {}), **{k: v for k, v in overrides.items() if v is not None}}
        return cls(mode=mode, **values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainConfig":
        names = {f.name for f in fields(cls)}
        # Settings saved before the split was chosen were split picture by picture.
        # ... and their classes weighed by their number of pictures.
        return cls(**{"split": "random", "balance": False, **{k: v for k, v in d.items() if k in names}})
