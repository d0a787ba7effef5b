"""The head's fit (core.training.head): the optimum of its objective, reached from any start."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from effnet_app.core.training.head import class_weights, fit_linear_head, minimize


def _clouds(n_per_class=(40, 25, 10), width=64, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 1.0, (len(n_per_class), width))
    x = np.concatenate([c + rng.normal(0.0, 1.5, (n, width)) for c, n in zip(centres, n_per_class)])
    y = np.concatenate([[k] * n for k, n in enumerate(n_per_class)])
    return x * rng.uniform(0.1, 10.0, width) + rng.normal(0.0, 5.0, width), y  # features of unlike scales


def _torch_objective(x, y, w, b, c, balance):
    """The objective as PyTorch states it, with its gradient by autograd, on the
    standardised features the fit works on."""
    z = torch.from_numpy((x - x.mean(0)) / (x.std(0) + 1e-6))
    mu, sd = x.mean(0), x.std(0) + 1e-6
    w_std = torch.from_numpy(w.T.astype(np.float64) * sd[:, None]).requires_grad_(True)
    b_std = torch.from_numpy(b.astype(np.float64) + mu @ w.T.astype(np.float64)).requires_grad_(True)
    weight = torch.from_numpy(class_weights(y, 3)) if balance else None
    loss = F.cross_entropy(z @ w_std + b_std, torch.from_numpy(y), weight=weight) + (w_std**2).sum() / (2 * c * len(y))
    loss.backward()
    return float(loss.detach()), max(float(w_std.grad.abs().max()), float(b_std.grad.abs().max()))


def test_the_fit_reaches_the_optimum_of_the_stated_objective():
    for n in ((40, 25, 10), (400, 250, 100)):  # fewer pictures than features (the span), and more
        x, y = _clouds(n)
        for balance in (False, True):
            w, b = fit_linear_head(x, y, 3, c=1.0, balance=balance)
            assert w.shape == (3, 64) and b.shape == (3,) and w.dtype == np.float32
            loss, grad = _torch_objective(x, y, w, b, 1.0, balance)
            assert grad < 1e-4, (n, balance, grad)
            # Nothing near it is lower: a step along the negative gradient does not help.
            other = fit_linear_head(x, y, 3, c=1.0, balance=balance, max_iter=3)
            assert _torch_objective(x, y, *other, 1.0, balance)[0] >= loss - 1e-9


def test_a_warm_start_reaches_the_same_answers():
    x, y = _clouds()
    cold = fit_linear_head(x, y, 3)
    warm = fit_linear_head(x, y, 3, init=fit_linear_head(x[:60], y[:60], 3))
    p_cold, p_warm = (torch.softmax(torch.from_numpy(x @ w.T + b), 1).numpy() for w, b in (cold, warm))
    assert np.abs(p_cold - p_warm).max() < 1e-3


def test_minimize_finds_a_quadratics_minimum():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(30, 30))
    h, target = a @ a.T + np.eye(30), rng.normal(size=30)
    found = minimize(lambda v: (0.5 * (v - target) @ h @ (v - target), h @ (v - target)), np.zeros(30))
    assert np.abs(found - target).max() < 1e-4


def test_class_weights_give_every_present_class_the_same_total():
    w = class_weights(np.array([0, 0, 0, 1, 2, 2]), 4)
    assert np.allclose(w, [2 / 3, 2.0, 1.0, 0.0])
