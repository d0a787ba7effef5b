"""ONNX Runtime engine: same answers as PyTorch, cached export, fallback, fast preprocessing."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from effnet_app.core.inference import engine
from effnet_app.core.errors import ConfigError
from effnet_app.core.data.images import open_image
from effnet_app.core.models.network import build_net
from effnet_app.core.paths import cache_dir
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.data.framing import dihedral
from effnet_app.core.data.preprocess import dihedral_views, eval_array, eval_transform
from effnet_app.core.inference.graph import graph_file
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.features import embed
from effnet_app.core.models.variants import get_variant


def _images(small_rocks, n=4):
    return [p for d in sorted(small_rocks.iterdir()) for p in sorted(d.iterdir())[:2]][:n]


def test_numpy_views_equal_torch_views():
    batch = torch.randn(2, 3, 5, 5)
    for n in range(1, 9):
        assert all(np.array_equal(a, b.numpy()) for a, b in zip(dihedral(batch.numpy(), n), dihedral_views(batch, n),
                                                                   strict=True))


@pytest.mark.parametrize("pp", [get_variant("lite0").preprocess, get_variant("b0").preprocess,
                                get_variant("b7").preprocess, TrainConfig.for_mode("full").preprocess()])
def test_numpy_preprocessing_equals_torchvision(pp, small_rocks):
    pictures = [open_image(p) for p in _images(small_rocks, 2)] + [Image.new("RGB", (333, 777), (9, 200, 31))]
    for img in pictures + [pictures[0].rotate(90, expand=True)]:
        assert torch.equal(eval_array(img, pp), eval_transform(pp)(img))


def test_onnx_and_torch_agree_and_export_is_cached(small_rocks, trained_copy):
    files = _images(small_rocks)
    fast = Classifier.load(trained_copy, engine="onnx")
    ref = Classifier.load(trained_copy, engine="torch")
    a = np.stack([fast.predict_file(f).probs for f in files])
    b = np.stack([ref.predict_file(f).probs for f in files])
    assert fast.engine == "onnx" and ref.engine == "torch"
    assert np.abs(a - b).max() < 1e-4
    assert (a.argmax(1) == b.argmax(1)).all()
    # logits and features (the unknown score), under the model file's digest
    cached = list((cache_dir() / "onnx").glob("model-*-scored.onnx"))
    assert cached == [graph_file(trained_copy, scored=True)]
    stamp = cached[0].stat().st_mtime_ns
    again = Classifier.load(trained_copy)  # auto: ONNX Runtime on a CPU
    again.predict_file(files[0])
    assert again.engine == "onnx" and cached[0].stat().st_mtime_ns == stamp  # reused, not re-exported


def test_disagreeing_engine_is_not_used(small_rocks, trained_copy, monkeypatch):
    monkeypatch.setattr(engine, "TOLERANCE", -1.0)  # nothing can agree now
    clf = Classifier.load(trained_copy)
    assert clf.predict_file(_images(small_rocks, 1)[0]).label in clf.classes
    assert clf.engine == "torch"
    with pytest.raises(ConfigError, match="ONNX Runtime"):
        Classifier.load(trained_copy, engine="onnx").predict_file(_images(small_rocks, 1)[0])


def test_quick_features_from_onnx_match_torch(small_rocks):
    net = build_net(get_variant("lite0"), pretrained=True)
    imgs = [open_image(p) for p in _images(small_rocks)]
    pp = get_variant("lite0").preprocess
    fast = embed(net, imgs, pp, torch.device("cpu"), variant=get_variant("lite0"))
    ref = embed(net, imgs, pp, torch.device("cpu"))
    assert fast.shape == ref.shape == (4, 1280)
    assert float((fast - ref).abs().max()) < 1e-3 * max(1.0, float(ref.abs().max()))


def test_unknown_engine_is_a_sentence():
    with pytest.raises(ConfigError, match="Unknown inference engine"):
        engine.choose("tensorrt", torch.device("cpu"))


def test_live_graph_gives_stage_maps_and_se_gates_from_the_same_pass():
    """B0's 9 stage outputs and 16 SE gates as extra outputs of one graph (the live view)."""
    from effnet_app.core.models.network import feature_stages, se_blocks

    v = get_variant("b0")
    net = build_net(v, pretrained=False).eval()
    runner = engine.onnx_runner(net, v, 224, what="live")
    assert runner is not None
    outs = runner.run_all(torch.randn(2, 3, 224, 224))
    stages, blocks = feature_stages(net, v), se_blocks(net)
    assert len(outs) == 1 + len(stages) + len(blocks) == 26
    assert outs[1].shape == (2, 32, 112, 112) and outs[9].shape == (2, 1280, 7, 7)
    for (_, block), gate in zip(blocks, outs[10:]):
        assert gate.shape == (2, block.fc2.out_channels)
        assert float(gate.min()) > 0 and float(gate.max()) < 1


def test_export_leaves_the_network_in_eval_mode():
    v = get_variant("b0")
    net = build_net(v, pretrained=False).eval()
    for what in ("embed", "live", "logits"):
        engine.onnx_runner(net, v, 224, what=what)
        assert not any(m.training for m in net.modules()), what
