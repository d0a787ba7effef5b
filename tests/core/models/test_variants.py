import pytest
import torch
from torchvision.ops import SqueezeExcitation

from effnet_app.core.errors import ConfigError
from effnet_app.core.models.network import build_net, se_blocks
from effnet_app.core.models.variants import VARIANTS, get_variant
from effnet_app.core.models.weights import expected_hash_prefix


def test_table_has_b0_to_b7_and_lite0_to_lite2():
    assert set(VARIANTS) == {"lite0", "lite1", "lite2", *(f"b{i}" for i in range(8))}
    assert get_variant("EfficientNet-B3").name == "b3"
    with pytest.raises(ConfigError, match="Unknown model variant"):
        get_variant("resnet50")


@pytest.mark.parametrize("name", [f"b{i}" for i in range(8)])
def test_torchvision_rows_resolve_offline(name):
    v = get_variant(name)
    assert v.weights is not None
    assert expected_hash_prefix(v.weights_file), "torchvision checks this prefix; it must exist"
    assert v.input_size == v.weights.transforms.keywords["crop_size"]
    assert v.weights_mb > 10


@pytest.mark.parametrize("name", list(VARIANTS))
def test_built_network_matches_table(name):
    v = get_variant(name)
    net = build_net(v, num_classes=5, pretrained=False)
    modules = dict(net.named_modules())
    assert v.gradcam_layer in modules, "Grad-CAM layer must exist in the built model"
    se = se_blocks(net)
    assert bool(se) == v.has_se
    assert [m for _, m in se] == [m for m in net.modules() if isinstance(m, SqueezeExcitation)]
    if name == "b0":
        assert len(se) == 16 and se[0][0] == "features.1.0.block.1"  # one per MBConv block
    imagenet = build_net(v, pretrained=False)
    assert sum(p.numel() for p in imagenet.parameters()) == v.num_params
    if name in ("lite0", "lite1", "lite2", "b0"):
        with torch.no_grad():
            assert net.eval()(torch.zeros(1, 3, v.input_size, v.input_size)).shape == (1, 5)
