"""Quick training without PyTorch (core.training.quick_run): once PyTorch's training has
kept the backbone's files, a new process trains without importing torch, and its model
file, graph and answers are PyTorch's."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image
from safetensors.numpy import load_file

from effnet_app.core.errors import ImageError
from effnet_app.core.inference.compose import agrees, with_head
from effnet_app.core.inference.graph import GraphClassifier, graph_file
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.inference.session import open_session
from effnet_app.core.progress import NullReporter
from effnet_app.core.store.model_file import read_model_meta
from effnet_app.core.training.backbone import pretrained_backbone
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.images import joined, load_images, subset
from effnet_app.core.training.quick_run import backbone_for, train_quick
from effnet_app.core.training.run import train

CHILD = """
import json, sys
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.quick_run import train_quick
result = train_quick(TrainConfig(mode="quick"), sys.argv[1])
path = result.save(sys.argv[2]) if result is not None else None
print(json.dumps({"trained": result is not None, "torch": "torch" in sys.modules,
                  "accuracy": result.evaluation.accuracy if result else None, "device": result.device if result else ""}))
"""


def _child(studio_home, *args):
    env = {**os.environ, "EFFNET_STUDIO_HOME": str(studio_home)}
    out = subprocess.run([sys.executable, "-c", CHILD, *map(str, args)], env=env, capture_output=True, text=True,
                         timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_quick_training_without_pytorch_makes_pytorchs_model(small_rocks, studio_home, tmp_path):
    config = TrainConfig(mode="quick")
    assert backbone_for(config) is None  # nothing kept yet in this home: PyTorch trains
    first = _child(studio_home, small_rocks, tmp_path / "none.effnet")
    assert first == {"trained": False, "torch": False, "accuracy": None, "device": ""}

    reference = train(config, small_rocks)  # PyTorch's training keeps the backbone's files
    reference.save(tmp_path / "torch.effnet")
    assert backbone_for(config) is not None

    got = _child(studio_home, small_rocks, tmp_path / "numpy.effnet")
    assert got["trained"] and not got["torch"]
    assert got["accuracy"] == reference.evaluation.accuracy
    a, b = load_file(str(tmp_path / "torch.effnet")), load_file(str(tmp_path / "numpy.effnet"))
    assert a.keys() == b.keys()
    differ = [k for k in a if not k.startswith(("classifier.", "unknown.")) and not np.array_equal(a[k], b[k])]
    assert differ == [], [(k, a[k], b[k]) for k in differ[:3]]
    meta = read_model_meta(tmp_path / "numpy.effnet")
    assert meta.classes == read_model_meta(tmp_path / "torch.effnet").classes and meta.has_unknown

    # Its composed graph answers as PyTorch does with the same file, and as PyTorch's model.
    pictures = [p for d in sorted(small_rocks.iterdir()) for p in sorted(d.iterdir())[:2]]
    graph = GraphClassifier.open(tmp_path / "numpy.effnet")
    assert graph is not None and graph_file(tmp_path / "numpy.effnet", scored=True).is_file()
    same_file = Classifier.load(tmp_path / "numpy.effnet", engine="torch")
    pytorchs = Classifier.load(tmp_path / "torch.effnet", engine="torch")
    for p in pictures:
        g, t, r = graph.predict_file(p), same_file.predict_file(p), pytorchs.predict_file(p)
        assert np.abs(g.probs - t.probs).max() < 1e-4 and g.unknown == t.unknown
        # The head's fit is not bit-reproducible (threaded sums), but lands at the same optimum.
        assert np.abs(g.probs - r.probs).max() < 1e-2 and g.unknown == r.unknown


def test_a_composed_graph_that_disagrees_is_refused(small_rocks, studio_home):
    config = TrainConfig(mode="quick")
    train(config, small_rocks)
    files = pretrained_backbone(config.variant, config.preprocess())
    rng = np.random.default_rng(0)
    w, b = rng.normal(size=(3, files.width())).astype(np.float32), np.zeros(3, np.float32)
    x = rng.normal(size=(2, 3, files.size, files.size)).astype(np.float32)
    backbone = open_session(files.graph)
    for scored in (True, False):
        composed = open_session(with_head(files.graph.read_bytes(), w, b, scored))
        assert len(composed.get_outputs()) == (2 if scored else 1)
        assert agrees(composed, backbone, x, w, b)
        assert not agrees(composed, backbone, x, w, b + 1.0)


@pytest.mark.parametrize("change", [dict(mode="full"), dict(device="cuda"), dict(pretrained=False),
                                    dict(base="model.effnet"), dict(variant="b0")])
def test_what_only_pytorch_trains_goes_to_pytorch(small_rocks, studio_home, change):
    train(TrainConfig(mode="quick"), small_rocks)
    assert backbone_for(TrainConfig(mode="quick")) is not None
    assert backbone_for(TrainConfig(**{"mode": "quick", **change})) is None


def test_learned_views_are_each_views_features_and_both_paths_learn_them_alike(small_rocks, studio_home, tmp_path):
    """Quick mode with 4 views: the head learns every picture in its 4 views, the same
    with and without PyTorch, and the model answers with the mean over those views."""
    config = TrainConfig(mode="quick", tta_views=4, split="random")
    reference = train(config, small_rocks)  # PyTorch's, which keeps the backbone's files and every view's features
    FEATURES.clear()  # the path without PyTorch computes its own views, in the kept graph
    got = train_quick(config, small_rocks)
    assert got is not None and got.evaluation.accuracy == reference.evaluation.accuracy
    np.testing.assert_allclose(got.head[0], reference.net.classifier[1].weight.detach().numpy(), atol=2e-3)
    # View 1 of a picture is its mirror image: its features are the mirrored picture's.
    files = pretrained_backbone("lite0", config.preprocess())
    picture = Image.open(sorted((small_rocks / "Chert").iterdir())[0]).convert("RGB")
    mirrored = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    pp = config.preprocess()
    np.testing.assert_allclose(files.embed([picture], pp, NullReporter(), view=1),
                               files.embed([mirrored], pp, NullReporter()), atol=1e-4)
    got.save(tmp_path / "m.effnet")
    assert read_model_meta(tmp_path / "m.effnet").tta_views == 4
    clf = Classifier.load(tmp_path / "m.effnet", "cpu")
    assert clf.tta_views == 4 and clf.predict_batch([picture]).argmax() == got.classes.index("Chert")


def test_a_second_quick_training_decodes_no_picture(small_rocks, studio_home, tmp_path):
    train(TrainConfig(mode="quick"), small_rocks)  # remembers every picture's features
    result = train_quick(TrainConfig(mode="quick"), small_rocks)
    train_pictures, val_pictures, _ = result.int8_inputs
    assert train_pictures.decoded() == 0 and val_pictures.decoded() == 0
    assert result.evaluation.count == len(val_pictures) > 0
    result.save(tmp_path / "m.effnet")  # its graph is checked on two pictures, decoded then
    assert GraphClassifier.open(tmp_path / "m.effnet") is not None


def test_deferred_pictures_decode_when_looked_at(small_rocks_copy):
    samples = [(p, 0) for p in sorted((small_rocks_copy / "Chert").iterdir())[:4]]
    loaded = load_images(samples, 64, NullReporter(), None, [], known=lambda path: True)
    assert loaded.images.decoded() == 0
    part = subset(joined(loaded, loaded), [0, 5])
    assert part.images.decoded() == 0 and loaded.images[1:3].decoded() == 0
    assert min(part.images[0].size) == 64 and part.images.decoded() == 1 and loaded.images.decoded() == 0
    assert [min(im.size) for im in loaded.images] == [64] * 4 and loaded.images.decoded() == 4
    samples[2][0].write_bytes(b"not a picture any more")
    again = load_images(samples, 64, NullReporter(), None, [], known=lambda path: True)
    with pytest.raises(ImageError):
        again.images[2]


@pytest.mark.parametrize("damaged", ["graph", "tensors"])
def test_damaged_backbone_files_send_the_training_to_pytorch_which_keeps_them_again(small_rocks, studio_home,
                                                                                   damaged):
    config = TrainConfig(mode="quick")
    train(config, small_rocks)
    files = backbone_for(config)
    path = getattr(files, damaged)
    path.write_bytes(path.read_bytes()[:1000])  # a cut-off write
    assert backbone_for(config) is None and not files.graph.exists() and not files.tensors.exists()
    assert train(config, small_rocks).evaluation is not None
    assert backbone_for(config) is not None and train_quick(config, small_rocks) is not None
