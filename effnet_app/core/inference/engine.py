"""Inference engines: the network run by PyTorch, or exported once to ONNX and run by
ONNX Runtime, which is several times faster on a CPU for these networks.

An :class:`OnnxRunner` is only used after it has given the same answers as PyTorch
on a test batch; otherwise the caller keeps PyTorch. Exported graphs are cached on
disk (``cache_dir()/onnx``) under a key that names the weights, so the export (about
a second) happens once per model, not once per start.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch import nn

from effnet_app.core.errors import ConfigError, StorageError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.inference.session import open_session
from effnet_app.core.models.network import Net, fixed_size_copy, live_taps
from effnet_app.core.paths import cache_dir
from effnet_app.core.models.variants import Variant

ENGINES = ("auto", "onnx", "torch")
# The exporter's notes (Python ints in Lite's padding, slices it does not fold) say
# nothing a user can act on. Filtered for the process, not only inside the export:
# ``catch_warnings`` is not thread-safe, and quick training exports in a worker thread.
warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
warnings.filterwarnings("ignore", message="Constant folding", category=UserWarning)  # i18n: ignore
TOLERANCE = 1e-3  # largest allowed difference between the engines' outputs


class _Embed(nn.Module):
    def __init__(self, net: Net) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.embed(x)


class _Scored(nn.Module):
    """Logits and the pooled features they come from (for the unknown score), in one pass."""

    def __init__(self, net: Net) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        f = self.net.embed(x)
        return self.net.classifier(f), f


def _wrap(net: Net, variant: Variant | None, what: str) -> nn.Module:
    if what == "logits":
        return net
    if what == "embed":
        return _Embed(net)
    if what == "scored":
        return _Scored(net)
    if what == "live":
        return live_taps(net, variant)
    raise ValueError(f"unknown graph kind {what!r}")


def onnx_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def export_graph(module: nn.Module, size: int, output_names: list[str] | None = None) -> bytes:
    """``module`` as an ONNX graph (opset 17) with a free batch size: the one export
    that both the engine's cache and "Export to ONNX" use. The outputs are named
    ``output_names`` (default "out", "out1", ...)."""
    # Export restores the wrapper's own training flag, recursively: a wrapper left in
    # its default train mode would put the wrapped network into train mode for good.
    module.eval()
    buf = io.BytesIO()
    with torch.no_grad():
        out = module(torch.zeros(1, 3, size, size))
        n_out = len(out) if isinstance(out, tuple) else 1
    names = output_names or ["out"] + [f"out{i}" for i in range(1, n_out)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about Python ints in Lite's padding
        torch.onnx.export(
            module, (torch.zeros(1, 3, size, size),), buf, input_names=["image"], output_names=names,
            dynamic_axes={"image": {0: "batch"}, **{n: {0: "batch"} for n in names}}, opset_version=17, dynamo=False,
        )
    return buf.getvalue()


def smooth_probe(size: int, n: int = 2) -> torch.Tensor:
    """Test inputs for an agreement check when no pictures are given. Smooth noise, as
    pictures are smooth: white noise drives some networks to extreme activations
    (10^3) where float32 rounding alone exceeds the tolerance."""
    coarse = torch.randn(n, 3, max(1, size // 16), max(1, size // 16), generator=torch.Generator().manual_seed(0))
    return torch.nn.functional.interpolate(coarse, size=(size, size), mode="bilinear", align_corners=False)


def difference(expected: list[torch.Tensor], got: list[torch.Tensor]) -> float:
    """The largest difference between two engines' outputs, relative to each output's
    own scale (at least 1); infinite when their shapes differ."""
    worst = 0.0
    for e, g in zip(expected, got, strict=True):
        if g.shape != e.shape:
            return float("inf")
        worst = max(worst, float((g.float() - e.float()).abs().max()) / max(1.0, float(e.abs().max())))
    return worst


class OnnxRunner:
    """Runs an exported network on the CPU; call it like the torch module it replaces."""

    def __init__(self, model: bytes | str, threads: int = 0) -> None:
        self.session = open_session(model, threads or torch.get_num_threads())

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return self.run_all(x)[0]

    def run_all(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Every output of the graph (logits first)."""
        arr = np.ascontiguousarray(x.detach().to("cpu", torch.float32).numpy())
        return [torch.from_numpy(o) for o in self.session.run(None, {"image": arr})]


def weights_key(net: nn.Module) -> str:
    """A digest of the weights: the cache key of an exported graph."""
    h = hashlib.sha1()
    for name, t in net.state_dict().items():
        h.update(name.encode())
        h.update(t.detach().to("cpu").contiguous().numpy().tobytes())
    return h.hexdigest()[:20]


def onnx_runner(net: Net, variant: Variant, size: int, what: str = "logits", key: str | None = None,
                threads: int = 0, path: Path | None = None) -> OnnxRunner | None:
    """An ONNX Runtime runner for ``net`` at ``size``, checked against PyTorch; None if
    ONNX Runtime is missing or disagrees. ``what``: "logits", "embed", "scored" (logits
    and pooled features), or "live" (:meth:`OnnxRunner.run_all` gives logits, each
    stage's feature map, then each SE block's gate vector:
    :class:`~effnet_app.core.models.network.Tapped`). The graph is cached at ``path``
    (a saved model's: :func:`~effnet_app.core.inference.graph.graph_file`), else under
    a digest of the weights."""
    if not onnx_available():
        return None
    net = net.to("cpu").eval()
    fixed = fixed_size_copy(net, variant, size)
    module = _wrap(fixed, variant, what)
    path = path or cache_dir() / "onnx" / f"{variant.name}-{what}-{size}-{key or weights_key(net)}.onnx"
    try:
        data = path.read_bytes() if path.is_file() else None
    except OSError:
        data = None
    try:
        runner = OnnxRunner(data, threads) if data is not None else None
    except Exception:  # noqa: BLE001 -- a damaged cache file: export again
        runner = None
    if runner is None:
        data = export_graph(module, size)
        try:
            atomic_write_bytes(path, data)
        except StorageError:  # a read-only or full cache only costs the export next time
            pass
        runner = OnnxRunner(data, threads)
    probe = smooth_probe(size)
    with torch.inference_mode():  # against the network as trained, not the fixed-size copy
        out = _wrap(net, variant, what)(probe)
        expected = list(out) if isinstance(out, tuple) else [out]
    if difference(expected, runner.run_all(probe)) > TOLERANCE:
        path.unlink(missing_ok=True)
        return None
    return runner


def torch_runner(net: Net, device: torch.device, what: str = "logits") -> Callable[[torch.Tensor], list[torch.Tensor]]:
    """The PyTorch path, giving every output as :meth:`OnnxRunner.run_all` does ("logits",
    "embed" or "scored"): inference mode, channels-last memory layout (faster
    convolutions on CPU and on tensor cores), mixed precision left to the caller."""
    # The first prediction builds this runner inside inference mode; tensors made there
    # (the channels-last copies of the weights) could never take part in autograd
    # again, and Grad-CAM and "Export to ONNX" on the same network would fail.
    with torch.inference_mode(False):
        net = net.to(device, memory_format=torch.channels_last).eval()
    fn = net if what == "logits" else _wrap(net, None, what)

    @torch.inference_mode()
    def run(x: torch.Tensor) -> list[torch.Tensor]:
        out = fn(x.to(device, memory_format=torch.channels_last))
        return [o.float() for o in out] if isinstance(out, tuple) else [out.float()]

    return run


def choose(engine: str, device: torch.device) -> str:
    """Which engine "auto" means here: ONNX Runtime on a CPU when it is installed."""
    if engine not in ENGINES:
        raise ConfigError(translate("engine", "Unknown inference engine '{name}'; use {names}.")
                          .format(name=engine, names=", ".join(ENGINES)))
    if engine == "auto":
        return "onnx" if device.type == "cpu" and onnx_available() and not os.environ.get("EFFNET_NO_ONNX") else "torch"
    return engine


