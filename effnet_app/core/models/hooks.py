"""Forward hooks that are always removed: one context manager for every place that
looks inside a network (the live view's taps, Grad-CAM's SE input, the
architecture table). A hook left behind would run on every later forward pass of
a model the app keeps loaded."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from torch import nn

Hook = Callable[..., object]


@contextmanager
def hooked(forward: Iterable[tuple[nn.Module, Hook]] = (), pre: Iterable[tuple[nn.Module, Hook]] = ()) -> Iterator[None]:
    """Register ``forward`` hooks (module, fn(module, args, output)) and ``pre`` hooks
    (module, fn(module, args)) for the ``with`` block; all are removed when it ends,
    however it ends (an exception, a hook that raises to stop the pass early)."""
    handles = []
    try:
        for module, fn in pre:
            handles.append(module.register_forward_pre_hook(fn))
        for module, fn in forward:
            handles.append(module.register_forward_hook(fn))
        yield
    finally:
        for h in handles:
            h.remove()


def hook_count(net: nn.Module) -> int:
    """How many forward and pre-forward hooks are registered anywhere in ``net``."""
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in net.modules())
