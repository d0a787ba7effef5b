"""The linear head fitted on frozen backbone features, in NumPy: multinomial logistic
regression with an L2 penalty, by L-BFGS. Quick mode, the start of full mode and the
calibration's fold fits all run it; none of them needs PyTorch for it.

The fit is convex, so any careful optimiser reaches the same optimum; this one is
L-BFGS (two-loop recursion, 10 steps of history) with a backtracking line search that
keeps the Armijo condition.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

HISTORY = 10  # steps L-BFGS remembers: the same optimum as 100, at a fraction of the cost
GRADIENT_TOLERANCE = 1e-5  # largest gradient entry at which the fit stops (docs/benchmarks.md)
SPAN_SHARE = 0.5  # pictures per feature below which the fit runs in the pictures' span
CHANGE_TOLERANCE = 1e-12  # relative change of the loss below which the fit has converged


def fit_linear_head(x: np.ndarray, y: np.ndarray, num_classes: int, c: float = 1.0, max_iter: int = 300,
                    balance: bool = False, init: tuple[np.ndarray, np.ndarray] | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression (L2, strength 1/C) on standardised features,
    returned as float32 weights (classes x width) and bias for the *raw* features, so
    they drop into the network's last ``Linear``.

    ``balance``: every class weighs the same in the loss, however few its pictures (a
    class with a fifth of another's pictures is not outvoted). ``init``: raw-feature
    weights and bias to start from (a model trained on, or the fit on most of the same
    pictures: fewer steps to the same optimum)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    z = (x - mu) / sd
    # Far fewer pictures than features: the optimum lies in the pictures' span (the
    # penalty only grows outside it), so the fit runs there, exactly, on N instead of D
    # columns. Near D, the basis (an N x N eigendecomposition) costs more than it saves.
    basis = _span(z) if len(z) < SPAN_SHARE * z.shape[1] else None
    zs = z @ basis if basis is not None else z
    if init is None:
        w0, b0 = np.zeros((zs.shape[1], num_classes)), np.zeros(num_classes)
    else:  # the same logits on standardised features (and their part in the span)
        w_raw, b_raw = np.asarray(init[0], dtype=np.float64), np.asarray(init[1], dtype=np.float64)
        w0, b0 = sd[:, None] * w_raw.T, b_raw + mu @ w_raw.T
        w0 = basis.T @ w0 if basis is not None else w0
    weight = class_weights(y, num_classes) if balance else np.ones(num_classes)
    loss = _objective(zs, y, num_classes, weight[y], c)
    # The curvature along each column at most (a softmax's is at most 1/4), as the
    # optimiser's first guess of the inverse Hessian: the span's columns differ in
    # scale by orders of magnitude, and without it L-BFGS crawls along the weak ones.
    curvature = 0.25 * (zs**2).mean(0) + 1.0 / (c * len(zs))
    diagonal = np.concatenate([np.repeat(1.0 / curvature, num_classes), np.full(num_classes, 4.0)])
    params = minimize(loss, np.concatenate([w0.ravel(), b0]), max_iter, diagonal)
    w, b = params[:-num_classes].reshape(-1, num_classes), params[-num_classes:]
    w_std = basis @ w if basis is not None else w
    w_raw = (w_std / sd[:, None]).T  # num_classes x width
    b_raw = b - (mu / sd) @ w_std
    return w_raw.astype(np.float32), b_raw.astype(np.float32)


def _objective(zs: np.ndarray, y: np.ndarray, num_classes: int, sample_weight: np.ndarray,
               c: float) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
    """The loss and its gradient as functions of the flat parameters (weights, then bias):
    cross-entropy averaged with each picture's class weight, as PyTorch's weighted
    ``cross_entropy`` averages, plus |w|^2 / (2 C N)."""
    n, total = len(zs), sample_weight.sum()
    onehot = np.zeros((n, num_classes))
    onehot[np.arange(n), y] = 1.0
    penalty = 1.0 / (c * n)

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-num_classes].reshape(-1, num_classes), params[-num_classes:]
        logits = zs @ w + b
        top = logits.max(1, keepdims=True)
        exp = np.exp(logits - top)
        norm = exp.sum(1, keepdims=True)
        log_p = logits - top - np.log(norm)
        value = -(sample_weight * log_p[np.arange(n), y]).sum() / total + 0.5 * penalty * (w * w).sum()
        g = (exp / norm - onehot) * (sample_weight / total)[:, None]
        return float(value), np.concatenate([(zs.T @ g + penalty * w).ravel(), g.sum(0)])

    return loss


def minimize(f: Callable[[np.ndarray], tuple[float, np.ndarray]], x0: np.ndarray, max_iter: int = 300,
             diagonal: np.ndarray | None = None) -> np.ndarray:
    """L-BFGS on a smooth convex ``f`` (value and gradient) from ``x0``. ``diagonal``: a
    guess of the inverse Hessian's diagonal (a preconditioner); the identity without."""
    diagonal = np.ones_like(x0) if diagonal is None else diagonal
    x = x0.copy()
    value, g = f(x)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []  # (s, y, 1 / y.s), oldest first
    for _ in range(max_iter):
        if np.abs(g).max() <= GRADIENT_TOLERANCE:
            break
        d = -_two_loop(g, steps, diagonal)
        slope = g @ d
        if slope >= 0:  # not a descent direction (rounding): start the memory again
            steps.clear()
            d = -diagonal * g
            slope = g @ d
        t = 1.0
        t, new_value, new_g = _backtrack(f, x, value, slope, d, t)
        if t == 0.0:
            break
        s, yk = t * d, new_g - g
        sy = s @ yk
        if sy > 1e-10:
            steps.append((s, yk, 1.0 / sy))
            del steps[:-HISTORY]
        x += s
        converged = abs(value - new_value) <= CHANGE_TOLERANCE * max(1.0, abs(value))
        value, g = new_value, new_g
        if converged:
            break
    return x


def _two_loop(g: np.ndarray, steps: list[tuple[np.ndarray, np.ndarray, float]], diagonal: np.ndarray) -> np.ndarray:
    """The inverse-Hessian approximation times ``g`` (Nocedal & Wright, algorithm 7.4),
    starting from ``diagonal`` scaled to the latest step's curvature."""
    q = g.copy()
    alphas = []
    for s, yk, rho in reversed(steps):
        a = rho * (s @ q)
        q -= a * yk
        alphas.append(a)
    q *= diagonal
    if steps:
        s, yk, rho = steps[-1]
        q *= 1.0 / (rho * (yk @ (diagonal * yk)))  # (s.y) / (y.D.y): the usual initial scaling
    for (s, yk, rho), a in zip(steps, reversed(alphas)):
        q += s * (a - rho * (yk @ q))
    return q


def _backtrack(f, x: np.ndarray, value: float, slope: float, d: np.ndarray, t: float,
               shrink: float = 0.5, c1: float = 1e-4, tries: int = 40) -> tuple[float, float, np.ndarray]:
    """The first step ``t, t/2, ...`` along ``d`` that lowers ``f`` enough (Armijo);
    ``t == 0`` when none does (the fit is as good as rounding allows)."""
    for _ in range(tries):
        new_value, new_g = f(x + t * d)
        if np.isfinite(new_value) and new_value <= value + c1 * t * slope:
            return t, new_value, new_g
        t *= shrink
    return 0.0, value, np.zeros_like(x)


def _span(z: np.ndarray) -> np.ndarray:
    """An orthonormal basis (D x r) of the rows of ``z`` (N x D, N < D), from the N x N
    Gram matrix: a fraction of a full SVD's cost. Directions a millionth as strong as
    the strongest are left out (they carry nothing the fit can use)."""
    values, vectors = np.linalg.eigh(z @ z.T)
    keep = values > values.max() * 1e-12
    return (z.T @ vectors[:, keep]) / np.sqrt(values[keep])


def class_weights(y: np.ndarray, num_classes: int) -> np.ndarray:
    """Per-class loss weights that make every present class weigh the same in total
    (1 everywhere for a balanced folder; 0 for a class without pictures)."""
    counts = np.bincount(np.asarray(y, dtype=np.int64), minlength=num_classes).astype(np.float64)
    present = counts > 0
    return np.where(present, len(y) / (np.maximum(counts, 1) * present.sum()), 0.0)
