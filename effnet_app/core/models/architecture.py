"""A variant's architecture read from the built network, as in the EfficientNet
paper's Table 1: stage, operator, stride, input resolution, channels, layers; plus
parameters and FLOPs, and how depth, width and resolution grow from B0 to B7.

Networks are built on PyTorch's ``meta`` device: shapes without memory or weights,
so even B7 is inspected in a fraction of a second and nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn

from effnet_app.core.models.hooks import hooked
from effnet_app.core.models.network import build_net, mbconv_blocks
from effnet_app.core.models.variants import VARIANTS, get_variant


@dataclass
class Stage:
    index: int
    operator: str  # "Conv3x3", "MBConv6, k5x5", "Conv1x1 & Pooling & FC"
    stride: int
    resolution: tuple[int, int]  # input height, width of the stage
    channels: int  # output channels
    layers: int


@dataclass
class Architecture:
    variant: str
    input_size: int
    stages: list[Stage] = field(default_factory=list)
    params: int = 0
    flops: int = 0  # multiply-adds of one forward pass, as the paper counts FLOPs

    @property
    def mbconv_layers(self) -> int:
        return sum(s.layers for s in self.stages if s.operator.startswith("MBConv"))

    @property
    def last_block_channels(self) -> int:
        return [s.channels for s in self.stages if s.operator.startswith("MBConv")][-1]


def _convs(m: nn.Module) -> list[nn.Conv2d]:
    return [c for c in m.modules() if isinstance(c, nn.Conv2d)]


def _depthwise(block: nn.Module) -> nn.Conv2d:
    return next(c for c in _convs(block) if c.groups > 1 and c.groups == c.in_channels)


def _first_conv(m: nn.Module) -> nn.Conv2d:
    return _convs(m)[0]


def _pair(v) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


def inspect_variant(name: str, input_size: int | None = None) -> Architecture:
    variant = get_variant(name)
    size = input_size or variant.input_size
    with torch.device("meta"):
        net = build_net(variant, pretrained=False).eval()
    blocks = mbconv_blocks(net)
    seen: dict[nn.Module, tuple[int, int]] = {}  # module -> input (h, w)
    flops = [0]

    def pre_hook(module, args):
        seen[module] = tuple(args[0].shape[-2:])

    def count(module, args, out):
        if isinstance(module, nn.Conv2d):
            kh, kw = _pair(module.kernel_size)
            flops[0] += out.numel() * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, nn.Linear):
            flops[0] += module.in_features * module.out_features

    first = _first_conv(net.features)
    last = _convs(net.features)[-1]
    pre = [(m, pre_hook) for m in [first, last] + [b for _, b in blocks]]
    forward = [(m, count) for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with hooked(forward, pre), torch.no_grad():
        net(torch.zeros(1, 3, size, size, device="meta"))

    stages = [Stage(1, f"Conv{_pair(first.kernel_size)[0]}x{_pair(first.kernel_size)[1]}",  # i18n: ignore (the paper's operator names)
                    _pair(first.stride)[0], seen[first], first.out_channels, 1)]
    for _, block in blocks:
        convs = _convs(block)
        dw = _depthwise(block)
        in_ch = convs[0].in_channels
        expand = dw.in_channels // in_ch
        k = _pair(dw.kernel_size)[0]
        op = f"MBConv{expand}, k{k}x{k}"
        out_ch = convs[-1].out_channels
        prev = stages[-1]
        if prev.operator == op and prev.channels == out_ch and _pair(dw.stride)[0] == 1:
            prev.layers += 1
        else:
            stages.append(Stage(len(stages) + 1, op, _pair(dw.stride)[0], seen[block], out_ch, 1))
    stages.append(Stage(len(stages) + 1, f"Conv{_pair(last.kernel_size)[0]}x{_pair(last.kernel_size)[1]} & Pooling & FC",  # i18n: ignore (the paper's operator names)
                        1, seen[last], net.width, 1))
    params = sum(p.numel() for p in net.parameters())
    return Architecture(variant.name, size, stages, params, flops[0])


@dataclass
class Scaling:
    """One variant's size relative to B0, measured from the built networks."""

    variant: str
    label: str
    depth: float  # MBConv layers / B0's
    width: float  # channels of the last block / B0's
    resolution: float  # input size / B0's
    input_size: int
    params: int
    flops: int


def compound_scaling(names: list[str] | None = None) -> list[Scaling]:
    names = names or [n for n in VARIANTS if n.startswith("b")]
    archs = {n: inspect_variant(n) for n in names}
    base = archs.get("b0") or inspect_variant("b0")
    return [
        Scaling(n, get_variant(n).label, a.mbconv_layers / base.mbconv_layers,
                a.last_block_channels / base.last_block_channels, a.input_size / base.input_size,
                a.input_size, a.params, a.flops)
        for n, a in archs.items()
    ]


@dataclass
class VariantDetails:
    arch: Architecture
    scaling: list[Scaling]


def describe_variant(name: str, reporter=None, cancel=None) -> VariantDetails:
    """The model details dialog's data: the variant's table and the scaling across
    B0..B7 (about two seconds; run in the background)."""
    arch = inspect_variant(name)
    if cancel is not None:
        cancel.check()
    return VariantDetails(arch, compound_scaling())
