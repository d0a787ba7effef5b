"""The unknown score: far from the training pictures scores high, its arrays round-trip,
the threshold calls the asked share of known pictures unknown, the reference set is
capped per class."""

import numpy as np

from effnet_app.core.inference import unknown
from effnet_app.core.inference.unknown import UnknownScore, threshold_for


def _clusters(rng, n=60, width=32):
    centres = rng.normal(0, 1, (3, width)) * 4
    y = np.arange(n) % 3
    return centres[y] + rng.normal(0, 1, (n, width)), y, centres


def test_pictures_unlike_the_training_ones_score_higher():
    rng = np.random.default_rng(0)
    x, y, centres = _clusters(rng)
    score = UnknownScore.fit(x, y)
    known = score(centres[np.arange(30) % 3] + rng.normal(0, 1, (30, x.shape[1])))
    far = score(rng.normal(0, 1, (30, x.shape[1])) * 4 - 10)
    between = score((centres[0] + centres[1]) / 2 + rng.normal(0, 1, (30, x.shape[1])))
    assert far.min() > known.max() and np.median(between) > np.median(known)


def test_the_arrays_give_the_same_scores_and_stay_small():
    rng = np.random.default_rng(1)
    x, y, _ = _clusters(rng, n=90, width=64)
    score = UnknownScore.fit(x, y)
    again = UnknownScore.from_arrays({k: v.copy() for k, v in score.arrays().items()})
    probe = rng.normal(0, 3, (10, 64))
    assert np.allclose(score(probe), again(probe), rtol=1e-3)
    assert score.arrays()["reference"].dtype == np.float16 and len(score.basis) <= unknown.MAX_DIRECTIONS


def test_the_threshold_calls_the_asked_share_unknown():
    known = np.linspace(0, 1, 1001)
    t = threshold_for(known, 0.05)
    assert abs((known > t).mean() - 0.05) < 0.002


def test_the_reference_set_is_capped_with_every_class_kept(monkeypatch):
    monkeypatch.setattr(unknown, "MAX_REFERENCE", 30)
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, (300, 16))
    y = np.r_[np.zeros(270, int), np.ones(27, int), np.full(3, 2)]
    ref = UnknownScore.fit(x, y).reference
    assert len(ref) <= 30
    kept = {tuple(np.round(r.astype(np.float32), 2)) for r in ref}
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    assert any(tuple(np.round(unit[i].astype(np.float16).astype(np.float32), 2)) in kept for i in range(297, 300))
