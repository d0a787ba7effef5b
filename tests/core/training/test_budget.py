"""Training by time budget: the plan for each budget, and a time limit kept by a real
full-mode training (Lite0's real weights, real micrographs)."""

import time

import pytest

from effnet_app.core.data.images import open_image
from effnet_app.core.errors import ConfigError
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.training.budget import BUDGETS, MIN_FULL_EPOCHS, duration, plan
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.deadline import Deadline
from effnet_app.core.training.run import train


@pytest.mark.parametrize("budget", list(BUDGETS))
def test_every_budget_plans_a_valid_training_and_says_why(budget):
    chosen = plan(budget, 234, seed=3, device="cpu")
    chosen.config.validate()
    assert chosen.config.seed == 3 and chosen.config.device == "cpu"
    assert chosen.config.variant.startswith("lite")  # offline networks only: nothing to download
    assert chosen.reason and chosen.config.variant[-1] in chosen.reason
    if BUDGETS[budget]:
        assert chosen.estimate_s <= BUDGETS[budget]


def test_a_minute_is_quick_mode_and_a_big_folder_hears_it_takes_longer():
    small, big = plan("minute", 234), plan("minute", 20_000)
    assert small.config.mode == big.config.mode == "quick"
    assert small.config.variant == "lite2"  # the most accurate in quick mode (docs/quality.md)
    assert big.config.variant == "lite0" and big.estimate_s > 60 and "more than the time you gave" in big.reason


def test_ten_minutes_fits_full_mode_to_the_time_and_a_gpu_affords_more():
    few = plan("ten-minutes", 234)
    assert few.config.mode == "full" and few.config.time_limit == 600
    assert few.config.image_size == 320 and few.config.framing == "whole"  # full mode's own settings
    many = plan("ten-minutes", 3000)
    assert many.config.mode == "quick" and str(MIN_FULL_EPOCHS) in many.reason
    assert plan("ten-minutes", 3000, gpu=True).config.mode == "full"
    until = plan("until-stopped", 234)
    assert until.config.mode == "full" and until.config.time_limit == 0 and until.config.epochs > 15


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
    assert limit * 0.5 < took <= limit + 2.0  # used the time it had, and ended on time
    assert result.evaluation is not None and result.calibration is not None
    result.save(tmp_path / "m.effnet")
    clf = Classifier.load(tmp_path / "m.effnet", "cpu")
    pictures = [open_image(p) for p in sorted(small_rocks.rglob("*")) if p.is_file()][:2]
    assert clf.predict_batch(pictures).shape == (2, 3)
