"""Training by time budget: the plan for each budget; and a full-mode training's time
limit, kept by a real training (Lite0's real weights, real micrographs)."""

import time

import pytest

from effnet_app.core.data.images import open_image
from effnet_app.core.errors import ConfigError
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.training.budget import BUDGETS, RECIPES, duration, plan, seconds
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.deadline import Deadline
from effnet_app.core.training.run import train


@pytest.mark.parametrize("budget", list(BUDGETS))
def test_every_budget_plans_a_valid_training_and_says_why(budget):
    chosen = plan(budget, 234, seed=3, device="cpu")
    chosen.config.validate()
    assert chosen.config.seed == 3 and chosen.config.device == "cpu"
    assert chosen.config.variant.startswith("lite")  # offline networks only: nothing to download
    assert chosen.reason.startswith("Quick mode with EfficientNet-Lite")
    assert BUDGETS[budget] is None or chosen.estimate_s <= BUDGETS[budget]


def test_the_best_recipe_that_fits_is_picked_and_the_rest_said():
    best, fastest = RECIPES[0], RECIPES[-1]
    small = plan("minute", 234)
    assert (small.config.variant, small.config.tta_views) == (best.variant, best.views)
    assert "most accurate way in our tests" in small.reason and "full mode" not in small.reason
    assert "not more accurate" in plan("ten-minutes", 234).reason  # a longer budget says why it is not spent
    # A folder the best recipe takes too long for: a lesser one that fits, and the best one's time said.
    middle = next(n for n in range(100, 20_000, 100) if seconds(best, n) > 60 >= seconds(RECIPES[1], n))
    lesser = plan("minute", middle)
    assert lesser.config.variant == RECIPES[1].variant and "would take about" in lesser.reason
    huge = plan("minute", 50_000)
    assert huge.config.variant == fastest.variant and huge.config.tta_views == fastest.views
    assert huge.estimate_s > 60 and "more than the time you gave" in huge.reason
    assert plan("until-stopped", 50_000).config.variant == best.variant  # no limit: the best, however long
    gpu = plan("minute", middle, gpu=True)  # a GPU computes the features faster
    assert (gpu.config.variant, gpu.config.tta_views) == (best.variant, best.views)


def test_the_recipes_are_ranked_by_their_measured_accuracy():
    assert [r.accuracy for r in RECIPES] == sorted((r.accuracy for r in RECIPES), reverse=True)
    assert all(0.9 < r.accuracy < 1 for r in RECIPES)


def test_unknown_budget_and_negative_limit_are_refused():
    with pytest.raises(ValueError):
        plan("a fortnight", 10)
    with pytest.raises(ConfigError):
        TrainConfig(time_limit=-1).validate()


def test_durations_in_words():
    assert [duration(s) for s in (0.2, 40, 250, 7200)] == ["1 s", "40 s", "4 min", "2.0 h"]


def test_the_deadline_counts_the_whole_epochs_that_fit_before_the_finish():
    clock = Deadline(100.0)
    clock.expect_finish(pictures=60, images_per_s=10)  # 6 s, and the margin
    assert 90 <= clock.left() - clock.finish_s <= 91
    assert clock.epochs(done=2, epoch_s=10, most=50) == 2 + 9
    assert clock.epochs(done=2, epoch_s=10, most=5) == 5
    assert clock.epochs(done=3, epoch_s=1000, most=50) == 3 + 9  # one slow epoch among fast ones: the median
    assert Deadline(100.0).epochs(done=2, epoch_s=1000, most=50) == 2
    assert not clock.up() and Deadline(0.0).up()


def test_a_short_time_limit_ends_full_mode_on_time_with_a_model(small_rocks, tmp_path):
    """Far more epochs than fit, early stopping out of the way: the time limit alone
    ends the training, with its best epoch calibrated and a model that predicts."""
    limit = 25.0
    cfg = TrainConfig.for_mode("full", epochs=500, patience=1000, image_size=96, batch_size=8, tta_views=2,
                               split="random", seed=0, time_limit=limit)
    t = time.monotonic()
    result = train(cfg, small_rocks)
    took = time.monotonic() - t
    assert result.status == "time_up"
    assert 2 <= len(result.history) < 500
    assert limit * 0.4 < took <= limit + 4.0  # used the time it had, and ended on time (a busy machine: 4 s)
    assert result.evaluation is not None and result.calibration is not None
    result.save(tmp_path / "m.effnet")
    clf = Classifier.load(tmp_path / "m.effnet", "cpu")
    pictures = [open_image(p) for p in sorted(small_rocks.rglob("*")) if p.is_file()][:2]
    assert clf.predict_batch(pictures).shape == (2, 3)
