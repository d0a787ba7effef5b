"""Which "None of these" score works, measured: quick-mode Lite0 models (the frozen
ImageNet backbone and the L-BFGS head, as the app trains them), scored on pictures of
classes they were not trained on.

    python -m bench.unknown ../shared/data [--pairs 6 --folds 3]

* near: the rocks with two classes left out (several pairs, several folds): the
  left-out classes' pictures against held-out pictures of the kept classes;
* far: a model of all rock classes (several folds) against held-out rock pictures,
  the steel surface pictures and the natural photos (ants and bees).

Prints JSON: per method, AUROC and the share of unknowns caught when 5 % of the known
pictures are called unknown, each as mean and range over the splits; and the
calibration error (15 bins, top-1) of the head before and after temperature scaling.
The features are computed once per picture (the backbone is frozen in quick mode).
"""

# i18n: ignore-file -- a developer's measurement.

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

from effnet_app.core.data.dataset import scan_folder
from effnet_app.core.devices import pick_device
from effnet_app.core.inference.calibration import fit_temperature
from effnet_app.core.inference.unknown import UnknownScore
from effnet_app.core.metrics import expected_calibration_error
from effnet_app.core.models.network import build_net
from effnet_app.core.progress import NullReporter
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.features import embed
from effnet_app.core.training.head import fit_linear_head
from effnet_app.core.training.images import load_images


def features(folder: Path, limit: int | None = None, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Pooled Lite0 features of every picture (or ``limit`` of them, drawn at random)."""
    cfg = TrainConfig.for_mode("quick")
    pp = cfg.preprocess()
    index = scan_folder(folder)
    samples = index.samples
    if limit is not None and len(samples) > limit:
        pick = np.random.default_rng(seed).choice(len(samples), limit, replace=False)
        samples = [samples[i] for i in sorted(pick)]
    loaded = load_images(samples, pp.min_side, NullReporter(), None, [])
    device = pick_device("cpu")
    net = build_net(_variant(cfg), pretrained=True).to(device)
    x = embed(net, loaded.images, pp, device, variant=_variant(cfg))
    return x.numpy().astype(np.float64), np.asarray(loaded.labels), index.classes


def _variant(cfg: TrainConfig):
    from effnet_app.core.models.variants import get_variant

    return get_variant(cfg.variant)


# --------------------------------------------------------------------------- scores

class Scores:
    """Every candidate score, fitted on one training split. Higher = less like the
    training pictures."""

    def __init__(self, x: np.ndarray, y: np.ndarray, n_classes: int) -> None:
        w, b = fit_linear_head(x, y, n_classes)
        self.w, self.b = w.astype(np.float64), b.astype(np.float64)
        self.train_unit = _unit(x)
        self.means = np.stack([x[y == c].mean(0) for c in range(n_classes)])
        centred = x - self.means[y]
        # Shared covariance in the span of the training pictures (N << width), shrunk.
        self.mu = x.mean(0)
        _, s, vt = np.linalg.svd(x - self.mu, full_matrices=False)
        keep = s > s[0] * 1e-6
        self.basis = vt[keep]  # k x width
        c = (centred @ self.basis.T)
        cov = c.T @ c / len(c)
        self.precision = np.linalg.inv(cov + 0.1 * np.trace(cov) / len(cov) * np.eye(len(cov)))
        self.means_k = (self.means - self.mu) @ self.basis.T
        self.chosen = UnknownScore.fit(x, y)  # the app's own implementation of the chosen score

    def logits(self, x: np.ndarray) -> np.ndarray:
        return x @ self.w.T + self.b

    def _maha(self, x: np.ndarray) -> np.ndarray:
        d = (x - self.mu) @ self.basis.T
        return np.min([np.einsum("ij,jk,ik->i", d - m, self.precision, d - m) for m in self.means_k], axis=0)

    def all(self, x: np.ndarray, temperature: float = 1.0) -> dict[str, np.ndarray]:
        z = self.logits(x)
        p = _softmax(z / temperature)
        maha = self._maha(x)
        sims = _unit(x) @ self.train_unit.T
        knn1 = 1 - np.sort(sims, axis=1)[:, -1]
        knn5 = 1 - np.sort(sims, axis=1)[:, -min(5, sims.shape[1])]
        energy = -_logsumexp(z / temperature)
        return {"msp": -p.max(1), "max_logit": -z.max(1), "energy": energy, "mahalanobis": maha,
                "knn1_cosine": knn1, "knn5_cosine": knn5,
                "mahalanobis+knn1": self.chosen(x)}


def _unit(x: np.ndarray) -> np.ndarray:
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def _logsumexp(z: np.ndarray) -> np.ndarray:
    m = z.max(1)
    return m + np.log(np.exp(z - m[:, None]).sum(1))


def auroc(known: np.ndarray, unknown: np.ndarray) -> float:
    """P(an unknown picture scores higher than a known one), ties counted half."""
    both = np.concatenate([known, unknown])
    ranks = _ranks(both)
    r = ranks[len(known):].sum()
    n0, n1 = len(known), len(unknown)
    return float((r - n1 * (n1 + 1) / 2) / (n0 * n1))


def _ranks(a: np.ndarray) -> np.ndarray:
    order = np.argsort(a, kind="mergesort")
    ranks = np.empty(len(a))
    sorted_a = a[order]
    i = 0
    while i < len(a):
        j = i
        while j + 1 < len(a) and sorted_a[j + 1] == sorted_a[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def caught_at(known: np.ndarray, unknown: np.ndarray, false_alarms: float = 0.05) -> float:
    """Share of unknowns above the threshold that calls ``false_alarms`` of the known unknown."""
    threshold = np.quantile(known, 1 - false_alarms)
    return float((unknown > threshold).mean())


def ece(probs: np.ndarray, y: np.ndarray) -> float:
    """Expected calibration error of the top-1 answer (the app's own: 15 bins)."""
    return expected_calibration_error(probs.max(1), probs.argmax(1) == y)


# --------------------------------------------------------------------------- protocols

def _splits(y: np.ndarray, folds: int, seed: int):
    """(train, test) index arrays: ``folds`` stratified splits, each testing a different 1/folds."""
    rng = np.random.default_rng(seed)
    per_fold: list[list[int]] = [[] for _ in range(folds)]
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        for k, i in enumerate(idx):
            per_fold[k % folds].append(i)
    for k in range(folds):
        test = np.asarray(sorted(per_fold[k]))
        train = np.setdiff1d(np.arange(len(y)), test)
        yield train, test


def near(x: np.ndarray, y: np.ndarray, n_classes: int, pairs: int, folds: int, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    all_pairs = list(itertools.combinations(range(n_classes), 2))
    chosen = [all_pairs[i] for i in rng.choice(len(all_pairs), min(pairs, len(all_pairs)), replace=False)]
    rows = []
    for pair in chosen:
        kept = [c for c in range(n_classes) if c not in pair]
        remap = {c: i for i, c in enumerate(kept)}
        known = np.isin(y, kept)
        xk, yk = x[known], np.asarray([remap[c] for c in y[known]])
        for train, test in _splits(yk, folds, seed):
            s = Scores(xk[train], yk[train], len(kept))
            id_scores, ood_scores = s.all(xk[test]), s.all(x[~known])
            rows.append({m: (auroc(id_scores[m], ood_scores[m]), caught_at(id_scores[m], ood_scores[m]))
                         for m in id_scores})
    return rows


def far(x: np.ndarray, y: np.ndarray, n_classes: int, others: dict[str, np.ndarray], folds: int, seed: int
        ) -> tuple[dict[str, list[dict]], list[dict]]:
    rows: dict[str, list[dict]] = {name: [] for name in others}
    calibration = []
    for train, test in _splits(y, folds, seed):
        # Temperature from a held-out part of the training split, as training would fit it.
        fit_idx, val_idx = next(_splits(y[train], 4, seed + 1))
        probe = Scores(x[train][fit_idx], y[train][fit_idx], n_classes)
        t = fit_temperature(probe.logits(x[train][val_idx]), y[train][val_idx])
        s = Scores(x[train], y[train], n_classes)
        logits = s.logits(x[test])
        calibration.append({"temperature": t, "ece_before": ece(_softmax(logits), y[test]),
                            "ece_after": ece(_softmax(logits / t), y[test]),
                            "accuracy": float((logits.argmax(1) == y[test]).mean())})
        id_scores = s.all(x[test])
        for name, xo in others.items():
            ood = s.all(xo)
            rows[name].append({m: (auroc(id_scores[m], ood[m]), caught_at(id_scores[m], ood[m])) for m in ood})
    return rows, calibration


def summary(rows: list[dict]) -> dict:
    out = {}
    for m in rows[0]:
        a = np.asarray([r[m][0] for r in rows])
        c = np.asarray([r[m][1] for r in rows])
        out[m] = {"auroc": round(float(a.mean()), 4), "auroc_min": round(float(a.min()), 4),
                  "caught_at_5pct": round(float(c.mean()), 4), "caught_min": round(float(c.min()), 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="the folder holding rocks, steel and ants-bees")
    ap.add_argument("--pairs", type=int, default=6)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--steel", type=int, default=300, help="steel pictures drawn at random")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    xr, yr, classes = features(args.data / "rocks")
    xs, _, _ = features(args.data / "steel", limit=args.steel, seed=args.seed)
    xa, _, _ = features(args.data / "ants-bees")
    t_features = time.perf_counter() - t0
    near_rows = near(xr, yr, len(classes), args.pairs, args.folds, args.seed)
    far_rows, calibration = far(xr, yr, len(classes), {"steel": xs, "ants-bees": xa}, args.folds, args.seed)
    out = {
        "backbone": "lite0 (quick mode, frozen ImageNet features)",
        "pictures": {"rocks": len(yr), "steel": len(xs), "ants-bees": len(xa)},
        "near": {"splits": len(near_rows), "left_out_pairs": args.pairs, "folds": args.folds,
                 "methods": summary(near_rows)},
        "far": {name: {"splits": len(r), "methods": summary(r)} for name, r in far_rows.items()},
        "calibration": {k: round(float(np.mean([c[k] for c in calibration])), 4) for k in calibration[0]},
        "seconds": {"features": round(t_features, 1), "total": round(time.perf_counter() - t0, 1)},
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
