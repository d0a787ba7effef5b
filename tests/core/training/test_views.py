"""Quick mode's learned views: the choice between the picture as it is and its 8 turned
and mirrored views, made by the training pictures' out-of-fold answers."""

import numpy as np
import pytest

from effnet_app.core.errors import ConfigError
from effnet_app.core.store.model_file import read_model_meta
from effnet_app.core.training import views
from effnet_app.core.training.config import AUTO_VIEWS, TrainConfig
from effnet_app.core.training.run import train


def _features(turned_views_know_the_class: bool, n: int = 90, width: int = 32, classes: int = 3):
    """8 x n x width features: view 0 always shows the class (a weak signal in noise);
    the other 7 show it too (a picture without an "up") or show noise (a photo turned
    upside down tells the network little)."""
    rng = np.random.default_rng(0)
    labels = np.arange(n) % classes
    centres = rng.normal(0, 1, (classes, width))
    out = rng.normal(0, 2.0, (8, n, width))
    for v in range(8):
        if v == 0 or turned_views_know_the_class:
            out[v] += centres[labels]
    return out, labels.tolist(), classes


@pytest.mark.parametrize("turned_views_know_the_class, expected", [(True, 8), (False, 1)])
def test_the_views_that_answer_better_out_of_fold_are_chosen(turned_views_know_the_class, expected):
    features, labels, classes = _features(turned_views_know_the_class)
    assert views.choose(features, labels, classes, 1.0, True, seed=0) == expected


def test_too_few_pictures_to_fold_keep_the_picture_as_it_is():
    features, labels, classes = _features(True, n=1)
    assert views.choose(features[:, :1], labels[:1], classes, 1.0, True, seed=0) == 1


def test_a_training_that_chooses_records_what_it_chose(small_rocks, tmp_path):
    result = train(TrainConfig(mode="quick", tta_views=AUTO_VIEWS, split="random"), small_rocks)
    assert result.config.tta_views in views.CHOICES and result.seconds["views_choice"] > 0
    result.save(tmp_path / "m.effnet")
    assert read_model_meta(tmp_path / "m.effnet").tta_views == result.config.tta_views
    with pytest.raises(ConfigError):
        TrainConfig(mode="full", tta_views=AUTO_VIEWS).validate()  # full mode's views are only answered with
