"""Temperature scaling, the calibration error, and the threshold read from percentiles."""

import numpy as np

from effnet_app.core.inference.calibration import fit_temperature, percentiles, threshold_at
from effnet_app.core.metrics import expected_calibration_error, reliability


def _answers(rng, n, temperature, classes=5):
    """Logits and labels drawn from softmax(logits / temperature): that T is the truth."""
    z = rng.normal(0, 3, (n, classes))
    p = np.exp(z / temperature)
    p /= p.sum(1, keepdims=True)
    return z, np.array([rng.choice(classes, p=row) for row in p])


def test_the_fitted_temperature_is_the_one_the_answers_came_from():
    rng = np.random.default_rng(0)
    for true_t in (0.5, 2.0):
        z, y = _answers(rng, 3000, true_t)
        assert abs(fit_temperature(z, y) / true_t - 1) < 0.1


def test_a_small_set_without_mistakes_does_not_make_every_answer_certain():
    z = np.zeros((24, 3))
    z[np.arange(24), np.arange(24) % 3] = 4.0
    assert 0.5 < fit_temperature(z, np.arange(24) % 3) < 2.0
    assert fit_temperature(np.zeros((0, 3)), np.zeros(0, int)) == 1.0


def test_the_calibration_error_tells_calibrated_from_overconfident():
    rng = np.random.default_rng(1)
    z, y = _answers(rng, 5000, 1.0)
    p = np.exp(z) / np.exp(z).sum(1, keepdims=True)
    conf, correct = p.max(1), p.argmax(1) == y
    assert expected_calibration_error(conf, correct) < 0.02
    assert expected_calibration_error(np.full(len(y), 0.99), correct) > 0.2
    table = reliability(conf, correct)
    assert len(table) == 15 and sum(b.count for b in table) == len(y)
    assert all(b.low <= b.confidence <= b.high for b in table if b.count)


def test_the_threshold_calls_the_asked_share_of_known_pictures_unknown():
    known = np.random.default_rng(2).gamma(2.0, 1.0, 5000)
    q = percentiles(known)
    assert len(q) == 101 and list(q) == sorted(q)
    for share in (0.01, 0.05, 0.2):
        assert abs((known > threshold_at(q, share)).mean() - share) < 0.01
    assert threshold_at(q, 0.0) == float("inf") and threshold_at((), 0.05) == float("inf")
