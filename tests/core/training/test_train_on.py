"""Training on from a model: its classes keep their names and order, new classes
follow, its weights are the start; a folder without one of its classes is refused.
And class balance: a class with a fifth of the pictures is not outvoted."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import torch

from effnet_app.core.errors import DatasetError
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.store.model_file import load_model
from effnet_app.core.training.base import base_network, read_base
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.head import fit_linear_head
from effnet_app.core.training.run import train
from tests.conftest import make_small_rocks


@pytest.fixture
def grown(small_rocks, tmp_path):
    """The small rocks and a new class that sorts before the old ones."""
    folder = tmp_path / "grown"
    shutil.copytree(small_rocks, folder)
    return make_small_rocks(folder, {"Anhydrite": "AnhydriteRock"}, 8)


def test_quick_training_on_keeps_the_old_classes_first_and_adds_the_new(trained_model, grown, tmp_path):
    old = load_model(trained_model).classes
    result = train(TrainConfig(mode="quick", base=str(trained_model)), grown)
    assert result.classes == old + ["Anhydrite"]
    assert result.config.base == str(trained_model) and result.evaluation.accuracy >= 0.6
    out = result.save(tmp_path / "on.effnet")
    clf = Classifier.load(out)
    assert clf.classes == old + ["Anhydrite"]
    anhydrite = sorted((grown / "Anhydrite").iterdir())[0]
    assert clf.predict_paths([anhydrite], 1)[0].top[0][0] == "Anhydrite"


def test_the_network_starts_from_the_model(trained_model):
    base = read_base(trained_model)
    net = base_network(base, len(base.classes) + 2)
    saved = load_model(trained_model).network_tensors
    head = net.classifier[1]
    assert torch.equal(head.weight[:3], saved["classifier.1.weight"]) and not head.weight[3:].any()
    features = {k: v for k, v in net.state_dict().items() if k.startswith("features.")}
    assert all(torch.equal(v, saved[k]) for k, v in features.items())
    assert base.backbone == ("lite0", True)  # a quick model's backbone: the features of a new training


def test_full_training_on_for_one_epoch(trained_model, grown):
    cfg = TrainConfig.for_mode("full", base=str(trained_model), epochs=1, image_size=128, tta_views=1)
    result = train(cfg, grown)
    assert result.classes[-1] == "Anhydrite" and len(result.history) == 1
    assert read_base(trained_model).backbone[0] == "lite0"


def test_a_folder_without_one_of_the_models_classes_is_refused(trained_model, small_rocks, tmp_path):
    folder = tmp_path / "less"
    shutil.copytree(small_rocks, folder)
    shutil.rmtree(folder / "Chert")
    with pytest.raises(DatasetError, match="Chert"):
        train(TrainConfig(mode="quick", base=str(trained_model)), folder)


def test_balance_gives_a_small_class_its_share():
    rng = np.random.default_rng(0)
    big, small = 250, 50  # 5 : 1, overlapping clouds
    x = np.concatenate([rng.normal(0.0, 1.0, (big, 8)), rng.normal(0.4, 1.0, (small, 8))])
    y = np.array([0] * big + [1] * small)
    test_x = np.concatenate([rng.normal(0.0, 1.0, (500, 8)), rng.normal(0.4, 1.0, (500, 8))])
    test_y = np.array([0] * 500 + [1] * 500)

    def recalls(balance: bool) -> np.ndarray:
        w, b = fit_linear_head(x, y, 2, balance=balance)
        pred = (test_x @ w.T + b).argmax(1)
        return np.array([(pred[test_y == c] == c).mean() for c in (0, 1)])

    plain, balanced = recalls(False), recalls(True)
    assert plain[1] < 0.5 < balanced[1]  # outvoted without, found with
    assert balanced.mean() > plain.mean() + 0.05  # balanced accuracy
