"""Train on from a model: its network and classes are the start, the folder adds
pictures and classes. The model's classes keep their names and their order (the new
ones follow, alphabetically), so its answers mean what they meant; its network keeps
its input (size and framing) and its weights, and the head's rows of the old classes
start where they were."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from effnet_app.core.data.dataset import DatasetIndex
from effnet_app.core.errors import ConfigError, DatasetError
from effnet_app.core.i18n import translate
from effnet_app.core.models.network import Net, build_net
from effnet_app.core.store.model_file import ModelFile, load_model
from effnet_app.core.training.config import TrainConfig


@dataclass
class Base:
    path: Path
    model: ModelFile
    backbone: tuple  # the feature cache's name for its backbone's weights

    @property
    def classes(self) -> list[str]:
        return self.model.classes


def read_base(path: Path | str) -> Base:
    """The model to train on from, checked as any model file (no code runs from it)."""
    path = Path(path)
    model = load_model(path)
    meta = model.meta
    # A quick model's backbone is the untouched pretrained one: its features are those
    # of a training from scratch (and cached under the same name). A fine-tuned one is
    # named by its contents.
    if meta.train_config.get("mode") == "quick" and not meta.train_config.get("base"):
        backbone = (meta.variant, meta.pretrained)
    else:
        digest = hashlib.sha256()
        for name in sorted(model.network_tensors):
            digest.update(name.encode())
            digest.update(model.tensors[name].numpy().tobytes())
        backbone = (meta.variant, "trained", digest.hexdigest()[:16])
    return Base(path, model, backbone)


def adopt(config: TrainConfig, base: Base) -> TrainConfig:
    """``config`` with the base's network and input: they cannot change when training on."""
    meta = base.model.meta
    saved = meta.train_config
    return replace(config, variant=meta.variant, pretrained=meta.pretrained,
                   image_size=int(saved.get("image_size", config.image_size) or 0),
                   framing=saved.get("framing", config.framing) if saved.get("framing") in ("crop", "whole")
                   else config.framing)


def merged(index: DatasetIndex, base: Base) -> DatasetIndex:
    """``index`` relabelled to the base's classes, in the base's order, then the new
    ones. Every class of the base needs pictures in the folder: a head cannot keep
    answering a class it no longer learns from."""
    old = base.classes
    missing = [c for c in old if c not in index.classes]
    if missing:
        raise DatasetError(translate("training", "The folder has no pictures of {names}, which the model knows. Put "
                                                 "them back (with the new pictures), or train a new model.").format(
            names=", ".join(missing)))
    classes = old + [c for c in index.classes if c not in old]
    where = [classes.index(c) for c in index.classes]
    return DatasetIndex(index.root, classes, [(p, where[label]) for p, label in index.samples], index.problems)


def base_network(base: Base, num_classes: int) -> Net:
    """The base's network with a head for ``num_classes``: the old classes' rows copied,
    the new ones zero (the quick head's fit starts from there)."""
    meta = base.model.meta
    net = build_net(meta.variant_info, len(base.classes), pretrained=False)
    tensors = base.model.network_tensors
    try:
        net.load_state_dict(tensors)
    except RuntimeError:
        raise ConfigError(translate("training", "The model's network does not fit its description; it cannot be "
                                                "trained on.")) from None
    old_w, old_b = net.classifier[1].weight.detach().clone(), net.classifier[1].bias.detach().clone()
    net.replace_head(num_classes)
    with torch.no_grad():
        net.classifier[1].weight.zero_()
        net.classifier[1].bias.zero_()
        net.classifier[1].weight[:len(old_w)] = old_w
        net.classifier[1].bias[:len(old_b)] = old_b
    net.backbone_id = base.backbone
    return net
