"""Backbone features and the linear head fitted on them (quick mode, and the start of
full mode): every picture is embedded once (remembered on disk by its contents), then
the head is fitted on the features (core.training.head)."""

from __future__ import annotations

import io
import logging
import time
from functools import partial
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from effnet_app.core.data.content import REMEMBERED, DiskCache, content_digest, name_of
from effnet_app.core.data.preprocess import eval_array, map_views
from effnet_app.core.i18n import translate
from effnet_app.core.inference.engine import choose, onnx_runner, weights_key
from effnet_app.core.models.network import Net
from effnet_app.core.models.variants import Preprocess, get_variant
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.training.config import TrainConfig
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
) -> torch.Tensor:
    """Pooled backbone features (N x width), averaged over ``views`` dihedral views.
    With ``variant`` the frozen backbone may run in ONNX Runtime (see core.engine)."""
    net.eval()
    if not images:
        return torch.zeros(0, net.width)
    fn = _embed_function(net, variant, pp, device) if variant is not None else net.embed
    return map_views(fn, images, partial(eval_array, pp=pp), device, views, batch_size, cancel,
                     reporter or NullReporter(), translate("training", "Looking at the pictures"))


def _embed_function(net: Net, variant, pp: Preprocess, device: torch.device):
    """ONNX Runtime on a CPU (about 3x faster for these networks), checked against
    PyTorch; PyTorch itself otherwise."""
    if choose("auto", device) == "onnx":
        runner = onnx_runner(net, variant, pp.size, what="embed", key=weights_key(net.features))
        if runner is not None:
            return runner
    return net.embed


class FeatureCache:
    """Pooled features per (backbone, preprocessing, views, picture): a second training
    on the same folder (cross-validation, a changed setting, a class added) embeds
    nothing again. In memory by path, modification time and size; on disk by the
    picture's contents (core.data.content), so it lasts from one run to the next.
    ``backbone`` identifies the frozen weights (variant, pretrained or not, or a trained
    model's digest)."""

    def __init__(self, limit: int = 100_000, disk: DiskCache = REMEMBERED) -> None:
        self.limit, self.disk = limit, disk
        self._store: dict[tuple, torch.Tensor] = {}

    def clear(self) -> None:
        self._store.clear()

    def __len__(self) -> int:
        return len(self._store)

    def embed(self, net: Net, backbone: tuple, loaded: LoadedImages, pp: Preprocess, device: torch.device,
              views: int, reporter: Reporter, cancel: CancelToken | None) -> torch.Tensor:
        keys = [self._key(backbone, pp, views, p) for p in loaded.paths]
        missing = [i for i, k in enumerate(keys) if k not in self._store]
        kind = "features-" + name_of(backbone, pp, views)
        remembered = self._from_disk(kind, loaded, missing, keys, net.width)
        missing = [i for i in missing if keys[i] not in self._store]
        if missing:
            feats = embed(net, [loaded.images[i] for i in missing], pp, device, views=views, reporter=reporter,
                          cancel=cancel, variant=get_variant(backbone[0]))
            if len(self._store) + len(missing) > self.limit:
                self._store.clear()
            for i, f in zip(missing, feats):
                self._store[keys[i]] = f
                self.disk.put(kind, content_digest(loaded.paths[i]), _npy(f))
            self.disk.prune()
        reporter.progress(1.0, translate("training", "All {total} pictures looked at ({cached} remembered from an earlier training)").format(
            cached=len(keys) - len(missing), total=len(keys)))
        if remembered or missing:
            _log.info("features: %d pictures, %d from disk, %d computed", len(keys), remembered, len(missing))
        return torch.stack([self._store[k] for k in keys]) if keys else torch.zeros(0, net.width)

    def _from_disk(self, kind: str, loaded: LoadedImages, missing: list[int], keys: list[tuple], width: int) -> int:
        """Fill the memory from the disk for ``missing``; how many were found."""
        found = 0
        for i in missing:
            data = self.disk.get(kind, content_digest(loaded.paths[i]))
            f = _from_npy(data, width) if data is not None else None
            if f is not None:
                self._store[keys[i]] = f
                found += 1
        return found

    @staticmethod
    def _key(backbone: tuple, pp: Preprocess, views: int, path: Path) -> tuple:
        st = path.stat()
        return (backbone, pp, views, str(path), st.st_mtime_ns, st.st_size)


def _npy(f: torch.Tensor) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, f.detach().cpu().numpy().astype(np.float32), allow_pickle=False)
    return buffer.getvalue()


def _from_npy(data: bytes, width: int) -> torch.Tensor | None:
    """A remembered feature vector, or None when the entry is damaged or not of this width."""
    try:
        a = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError):
        return None
    if a.dtype != np.float32 or a.shape != (width,) or not np.isfinite(a).all():
        return None
    return torch.from_numpy(a.copy())


FEATURES = FeatureCache()  # one per process: the app, the CLI and a benchmark each train many times


def frozen_features(net: Net, config: TrainConfig, loaded: LoadedImages, pp: Preprocess, device: torch.device,
                    reporter: Reporter, cancel: CancelToken | None) -> torch.Tensor:
    """The untouched backbone's pooled features of ``loaded`` (one view), from the cache."""
    backbone = getattr(net, "backbone_id", None) or (config.variant, config.pretrained)  # a trained-on model's own
    return FEATURES.embed(net, backbone, loaded, pp, device, 1, reporter, cancel)


def fit_head(net: Net, config: TrainConfig, loaded: LoadedImages, pp: Preprocess, device: torch.device,
             reporter: Reporter, cancel: CancelToken | None, times: dict | None = None, warm: bool = False) -> None:
    """Replace the linear head by the L-BFGS fit on the backbone's features. Only for the
    untouched (pretrained or initial) backbone: the features are cached under that identity.
    ``warm``: start from the head there (fitted on most of these pictures)."""
    t = time.perf_counter()
    feats = frozen_features(net, config, loaded, pp, device, reporter, cancel)
    t_fit = time.perf_counter()
    head = net.classifier[1]
    # From the head there already (a model trained on, or the fit on part of these pictures).
    init = (head.weight.detach(), head.bias.detach()) if config.base or warm else None
    w, b = fit_linear_head(feats.numpy(), np.asarray(loaded.labels), net.num_classes, config.head_l2,
                           balance=config.balance, init=init and (init[0].cpu().numpy(), init[1].cpu().numpy()))
    if times is not None:
        times["features"] = times.get("features", 0.0) + t_fit - t
        times["head_fit"] = times.get("head_fit", 0.0) + time.perf_counter() - t_fit
    with torch.no_grad():
        net.classifier[1].weight.copy_(torch.from_numpy(w))
        net.classifier[1].bias.copy_(torch.from_numpy(b))
