"""PyTorch and everything built on it, imported ahead of need.

The window opens without PyTorch (about 2 s of import on a small CPU) and runs
:func:`preload` in the background once it is shown, so the first training, live view
or PyTorch prediction rarely waits. It also finds the device, which needs PyTorch."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from effnet_app.core.progress import CancelToken, NullReporter, Reporter

# What the window's tasks import on first use, heaviest first (torch, torchvision).
HEAVY = (
    "effnet_app.core.devices",
    "effnet_app.core.inference.predict",
    "effnet_app.core.explain.analyzer",
    "effnet_app.core.explain.tasks",
    "effnet_app.core.training.into_library",
    "effnet_app.core.curation.check",
)


@dataclass(frozen=True)
class Found:
    """What only PyTorch can tell: the device a setting resolves to, and the GPU."""

    kind: str  # "cpu", "cuda" or "mps"
    words: str  # for the status bar: "CPU (2 threads)", "GPU: ..."
    gpu: str | None  # the CUDA GPU's name, None without one


def preload(device: str = "auto", reporter: Reporter | None = None, cancel: CancelToken | None = None) -> Found:
    """Import :data:`HEAVY`, then find the device ``device`` ("auto", "cpu", ...) resolves to."""
    reporter = reporter or NullReporter()
    for i, name in enumerate(HEAVY):
        if cancel is not None:
            cancel.check()
        importlib.import_module(name)
        reporter.progress((i + 1) / len(HEAVY), "")
    from effnet_app.core.devices import describe_device, gpu_name, pick_device

    found = pick_device(device)
    return Found(found.type, describe_device(found), gpu_name())
