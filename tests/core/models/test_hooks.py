"""Every look inside a network removes its hooks afterwards, also when the pass fails:
a hook left behind would run on every later forward pass of a model the app keeps."""

import numpy as np
import pytest
import torch

from effnet_app.core.explain.analyzer import Analyzer
from effnet_app.core.explain.request import Request
from effnet_app.core.models.architecture import inspect_variant
from effnet_app.core.models.hooks import hook_count, hooked
from effnet_app.core.models.network import build_net, live_taps
from effnet_app.core.models.variants import get_variant


def test_hooked_removes_its_hooks_even_when_the_pass_raises():
    net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
    seen = []
    with pytest.raises(RuntimeError):
        with hooked([(net[0], lambda m, i, o: seen.append(o))], pre=[(net[1], lambda m, i: None)]):
            assert hook_count(net) == 2
            net(torch.zeros(1, 2))
            raise RuntimeError("a pass that fails")
    assert seen and hook_count(net) == 0


def test_the_live_taps_and_every_analysis_leave_no_hook_behind():
    v = get_variant("b0")
    net = build_net(v, num_classes=3, pretrained=False).eval()
    assert hook_count(net) == 0
    taps = live_taps(net, v)
    out = taps(torch.zeros(1, 3, 64, 64))
    assert len(out) > 1 and hook_count(net) == 0
    analyzer = Analyzer(net, v, v.preprocess, ["a", "b", "c"], engine="torch")
    picture = np.random.default_rng(0).integers(0, 255, (96, 96, 3), dtype=np.uint8)
    a = analyzer.analyze(picture, Request(gates=True, stage=2, gradcam=True, se_block=3))
    assert a.se is not None and a.cam is not None and a.features is not None
    assert hook_count(net) == 0


def test_the_architecture_table_leaves_no_hook_behind(monkeypatch):
    built = []
    import effnet_app.core.models.architecture as architecture

    real = architecture.build_net
    monkeypatch.setattr(architecture, "build_net", lambda *a, **k: built.append(real(*a, **k)) or built[-1])
    arch = inspect_variant("lite0")
    assert arch.stages and built and hook_count(built[0]) == 0
