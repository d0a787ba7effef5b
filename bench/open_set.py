"""The app's own "None of these" and calibration, judged on pictures held out of training.

Repeated stratified k-fold cross-validation on the rocks: each fold trains with the
real :func:`effnet_app.core.training.run.train` (which fits the temperature, the
unknown score and its threshold on its own training pictures, as the app does) and
classifies with the real :class:`Classifier` built from the result:

* the held-out rock pictures: accuracy, how many are called "None of these" (the
  false alarms; the training aimed at 5 %) and the calibration error (15 bins, top-1),
  per fold and pooled over every held-out picture of a repeat;
* far unknowns: steel-surface pictures and natural photos, the share called
  "None of these" (caught).

    python -m bench.open_set ../shared/data [--mode quick --folds 5 --repeats 2]
    python -m bench.open_set ../shared/data --outer views --split views   # without leaks

``--outer views`` holds out whole groups of copies and overlapping views of one scene
(core.data.groups), so no held-out picture has a twin in training; ``--split`` is the
training's own validation split.

Prints JSON.
"""

# i18n: ignore-file -- a developer's measurement.

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from bench.common import outer_folds
from effnet_app.core.data.dataset import DatasetIndex, scan_folder
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.inference.results import list_images
from effnet_app.core.metrics import expected_calibration_error
from effnet_app.core.models.variants import get_variant
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.run import train


def _sample(folder: Path, n: int, seed: int) -> list[Path]:
    paths = list_images(folder)
    if len(paths) <= n:
        return paths
    return [paths[i] for i in sorted(np.random.default_rng(seed).choice(len(paths), n, replace=False))]


def one_fold(index: DatasetIndex, held: list[int], cfg: TrainConfig, others: dict[str, list[Path]]) -> dict:
    keep = set(held)
    subset = DatasetIndex(index.root, index.classes, [s for i, s in enumerate(index.samples) if i not in keep])
    t = time.perf_counter()
    res = train(cfg, subset)
    seconds = time.perf_counter() - t
    clf = Classifier(res.net, res.classes, res.preprocess, get_variant(cfg.variant), cfg.tta_views, "cpu",
                     calibration=res.calibration)
    preds = clf.predict_paths([index.samples[i][0] for i in held])
    y = np.asarray([index.samples[i][1] for i in held])
    probs = np.stack([p.probs for p in preds])
    out = {"n": len(held), "train_seconds": round(seconds, 2), "temperature": round(res.calibration.temperature, 4),
           "confidence": probs.max(1).tolist(), "correct": (probs.argmax(1) == y).tolist(),
           "false_alarms": float(np.mean([p.unknown for p in preds])),
           "validation_unknown_rate": res.evaluation.unknown_rate if res.evaluation else None}
    for name, paths in others.items():
        out[f"caught_{name}"] = float(np.mean([p.unknown for p in clf.predict_paths(paths) if p.error is None]))
    return out


def run(args: argparse.Namespace) -> dict:
    index = scan_folder(args.data / "rocks")
    others = {"steel": _sample(args.data / "steel", args.far, 0), "ants-bees": _sample(args.data / "ants-bees", args.far, 0)}
    repeats = []
    for repeat in range(args.repeats):
        rows = []
        for held in outer_folds(index, args.outer, args.folds, 1000 + repeat):
            cfg = TrainConfig.for_mode(args.mode, variant=args.variant, epochs=args.epochs, seed=repeat, split=args.split)
            row = one_fold(index, held, cfg, others)
            rows.append(row)
            print(json.dumps({k: v for k, v in row.items() if k not in ("confidence", "correct")}), file=sys.stderr,
                  flush=True)
        conf = np.concatenate([r["confidence"] for r in rows])
        correct = np.concatenate([r["correct"] for r in rows])
        repeats.append({
            "accuracy": float(correct.mean()),
            "ece_pooled": expected_calibration_error(conf, correct),
            "ece_per_fold": float(np.mean([expected_calibration_error(np.asarray(r["confidence"]),
                                                                       np.asarray(r["correct"])) for r in rows])),
            "confidence_mean": float(conf.mean()),
            "false_alarms": float(np.average([r["false_alarms"] for r in rows], weights=[r["n"] for r in rows])),
            "false_alarms_worst_fold": float(max(r["false_alarms"] for r in rows)),
            **{f"caught_{n}": float(np.mean([r[f"caught_{n}"] for r in rows])) for n in others},
            **{f"caught_{n}_worst_fold": float(min(r[f"caught_{n}"] for r in rows)) for n in others},
            "temperature": float(np.mean([r["temperature"] for r in rows])),
            "train_seconds": float(np.mean([r["train_seconds"] for r in rows])),
        })
    return {
        "benchmark": "open_set", "data": str(args.data), "variant": args.variant, "mode": args.mode,
        "outer_folds": args.outer, "split": args.split,
        "folds": args.folds, "repeats": args.repeats, "far_pictures": {n: len(p) for n, p in others.items()},
        "per_repeat": [{k: round(v, 4) for k, v in r.items()} for r in repeats],
        "mean": {k: round(float(np.mean([r[k] for r in repeats])), 4) for k in repeats[0]},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", type=Path, help="the folder holding rocks, steel and ants-bees")
    p.add_argument("--variant", default="lite0")
    p.add_argument("--mode", default="quick", choices=["quick", "full"])
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--far", type=int, default=200, help="steel pictures and photos drawn at random, each")
    p.add_argument("--outer", default="random", choices=["random", "views"], help="how the held-out folds are made")
    p.add_argument("--split", default="random", choices=["random", "views"],
                   help="the training's validation split")
    args = p.parse_args(argv)
    if args.epochs is None:
        args.epochs = TrainConfig.for_mode(args.mode).epochs
    print(json.dumps(run(args), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
