"""Every Lite network (their ImageNet weights install with the app): it trains in quick
mode, with and without PyTorch, predicts from its saved graph and through PyTorch,
exports to ONNX and shows its panels (feature maps of every stage, Grad-CAM)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from effnet_app.core.explain.analyzer import Analyzer
from effnet_app.core.explain.request import Request
from effnet_app.core.inference.export import export_onnx
from effnet_app.core.inference.graph import GraphClassifier
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.models.variants import VARIANTS, get_variant
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.quick_run import train_quick
from effnet_app.core.training.run import train

LITES = [name for name, v in VARIANTS.items() if v.source == "pypi"]


def test_the_table_has_three_lite_networks_that_work_offline():
    assert LITES == ["lite0", "lite1", "lite2"]
    sizes = [get_variant(n).input_size for n in LITES]
    assert sizes == [224, 240, 260] and all(get_variant(n).works_offline for n in LITES)


@pytest.mark.parametrize("name", ["lite1", "lite2"])
def test_a_lite_network_trains_predicts_exports_and_shows_its_panels(name, small_rocks, studio_home, tmp_path):
    config = TrainConfig(variant=name, mode="quick")
    first = train(config, small_rocks)  # PyTorch: keeps the backbone's files for the next
    assert first.evaluation.accuracy > 0.5 and first.preprocess.size == get_variant(name).input_size
    second = train_quick(config, small_rocks)
    assert second is not None and second.evaluation.accuracy == first.evaluation.accuracy
    path = second.save(tmp_path / f"{name}.effnet")

    pictures = [p for d in sorted(small_rocks.iterdir()) for p in sorted(d.iterdir())[:1]]
    graph = GraphClassifier.open(path)
    clf = Classifier.load(path, engine="torch")
    for p in pictures:
        g, t = graph.predict_file(p), clf.predict_file(p)
        assert np.abs(g.probs - t.probs).max() < 1e-4

    # After predictions through PyTorch: export and Grad-CAM need the weights outside inference mode.
    check = export_onnx(clf, tmp_path / f"{name}.onnx", pictures)
    assert check.top1_agreement == 1.0 and (tmp_path / f"{name}.onnx").is_file()

    analyzer = Analyzer(clf.net, clf.variant, clf.preprocess, clf.classes)
    image = Image.open(pictures[0]).convert("RGB")
    for stage in range(len(analyzer.stages)):
        out = analyzer.analyze(image, Request(gates=True, stage=stage, maps=4, gradcam=stage == 0))
        assert out.features.maps.shape[0] == 4 and out.gates == [] and out.se is None
    assert out.probs.shape == (len(clf.classes),)
    cam = analyzer.analyze(image, Request(gradcam=True)).cam
    assert cam is not None and cam.max() == pytest.approx(1)
