"""Backbone features and the linear head fitted on them (quick mode, and the start of
full mode): every picture is embedded once (remembered on disk by its contents), then
the head is fitted on the features (core.training.head)."""

from __future__ import annotations

import logging
import time
from functools import partial

import numpy as np
import torch
from PIL import Image
from safetensors.numpy import save as st_save

from effnet_app.core.data.framing import one_view
from effnet_app.core.data.preprocess import eval_array, map_views
from effnet_app.core.errors import StorageError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.inference.engine import choose, onnx_runner, weights_key
from effnet_app.core.models.network import Net
from effnet_app.core.models.variants import Preprocess, get_variant
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.training.backbone import HEAD_PREFIX, Backbone, pretrained_backbone
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.head import fit_linear_head
from effnet_app.core.training.images import LoadedImages

_log = logging.getLogger(__name__)


@torch.inference_mode()
def embed(
    net: Net,
    images: list[Image.Image],
    pp: Preprocess,
    device: torch.device,
    batch_size: int = 32,
    views: int = 1,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    variant=None,
    graph: Backbone | None = None,
    view: int = 0,
) -> torch.Tensor:
    """Pooled backbone features (N x width), averaged over ``views`` dihedral views, or
    of dihedral view ``view`` alone. With ``variant`` the frozen backbone may run in
    ONNX Runtime (see core.engine)."""
    net.eval()
    if not images:
        return torch.zeros(0, net.width)
    fn = _embed_function(net, variant, pp, device, graph) if variant is not None else net.embed
    transform = partial(eval_array, pp=pp)
    if view:
        transform = partial(_viewed, transform=transform, view=view)
    return map_views(fn, images, transform, device, views, batch_size, cancel,
                     reporter or NullReporter(), translate("training", "Looking at the pictures"))


def _viewed(img: Image.Image, transform, view: int) -> torch.Tensor:
    return torch.from_numpy(one_view(transform(img).numpy(), view))


def _embed_function(net: Net, variant, pp: Preprocess, device: torch.device, graph: Backbone | None = None):
    """ONNX Runtime on a CPU (about 3x faster for these networks), checked against
    PyTorch; PyTorch itself otherwise. ``graph``: the pretrained backbone's own file."""
    if choose("auto", device) == "onnx":
        runner = onnx_runner(net, variant, pp.size, what="embed", key=weights_key(net.features),
                             path=graph.graph if graph is not None else None)
        if runner is not None:
            return runner
    return net.embed


def _backbone_files(net: Net, config: TrainConfig, pp: Preprocess, device: torch.device) -> Backbone | None:
    """The pretrained backbone's files when this network is that backbone, untouched,
    on the CPU (the export moves the network to the CPU); None otherwise."""
    if backbone_identity(net, config) != (config.variant, True) or device.type != "cpu":
        return None
    return pretrained_backbone(config.variant, pp)


def prepare_backbone(net: Net, config: TrainConfig, pp: Preprocess, device: torch.device) -> None:
    """Keep the pretrained backbone's files now, on this thread, if they are missing: the
    features may then be computed on another (the exporter's warning filters are not
    thread-safe), and later quick trainings need no PyTorch."""
    files = _backbone_files(net, config, pp, device)
    if files is not None and not files.ready():
        keep_backbone(net, files)


def frozen_features(net: Net, config: TrainConfig, loaded: LoadedImages, pp: Preprocess, device: torch.device,
                    reporter: Reporter, cancel: CancelToken | None, view: int = 0) -> torch.Tensor:
    """The untouched backbone's pooled features of ``loaded`` in dihedral view ``view``,
    from the cache; computed with the pretrained backbone's kept graph when there is one."""
    files = _backbone_files(net, config, pp, device)
    variant = get_variant(config.variant)

    def compute(images: list[Image.Image], part: Reporter) -> np.ndarray:
        return embed(net, images, pp, device, reporter=part, cancel=cancel, variant=variant, graph=files,
                     view=view).numpy()

    features = FEATURES.features(backbone_identity(net, config), loaded, pp, view, net.width, compute, reporter)
    return torch.from_numpy(features)


def backbone_identity(net: Net, config: TrainConfig) -> tuple:
    """The name the feature cache knows the frozen backbone by: a trained-on model's own,
    else the variant's pretrained (or initial) weights."""
    return getattr(net, "backbone_id", None) or (config.variant, config.pretrained)


def keep_backbone(net: Net, files: Backbone) -> None:
    """Export the backbone's graph (checked against PyTorch) and write its tensors. A
    failure (a full or read-only cache folder, no memory left for the export) only
    costs the next quick training its start without PyTorch."""
    try:
        if onnx_runner(net, get_variant(files.variant), files.size, what="embed", path=files.graph) is not None:
            tensors = {k: v.detach().cpu().contiguous().numpy() for k, v in net.state_dict().items()
                       if not k.startswith(HEAD_PREFIX)}
            atomic_write_bytes(files.tensors, st_save(tensors))
    except (StorageError, RuntimeError, OSError, MemoryError) as e:
        _log.info("The backbone's files were not kept (%s); quick training will load PyTorch.", e)


def fit_head(net: Net, config: TrainConfig, loaded: LoadedImages, pp: Preprocess, device: torch.device,
             reporter: Reporter, cancel: CancelToken | None, times: dict | None = None) -> None:
    """Replace the linear head by the fit on the backbone's features (full mode's start;
    quick mode is core.training.quick). Only for the untouched (pretrained or initial)
    backbone: the features are cached under that identity."""
    t = time.perf_counter()
    feats = frozen_features(net, config, loaded, pp, device, reporter, cancel)
    t_fit = time.perf_counter()
    head = net.classifier[1]  # a model trained on: its head, where the fit starts
    init = (head.weight.detach().cpu().numpy(), head.bias.detach().cpu().numpy()) if config.base else None
    w, b = fit_linear_head(feats.numpy(), np.asarray(loaded.labels), net.num_classes, config.head_l2,
                           balance=config.balance, init=init)
    if times is not None:
        times["features"] = times.get("features", 0.0) + t_fit - t
        times["head_fit"] = times.get("head_fit", 0.0) + time.perf_counter() - t_fit
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(w))
        head.bias.copy_(torch.from_numpy(b))
