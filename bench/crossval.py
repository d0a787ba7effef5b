"""Estimate held-out accuracy of a training recipe by stratified k-fold cross-validation.

Each fold trains with the real :func:`effnet_app.core.training.run.train` on the other
folds (which keep their own validation split for early stopping) and classifies the
held-out fold with the real :class:`Classifier`. Prints JSON.

    python -m bench.crossval ../shared/data/rocks --mode quick --folds 5 --repeats 2
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time

import numpy as np
import torch

from bench.common import outer_folds
from effnet_app.core.data.dataset import DatasetIndex, scan_folder
from effnet_app.core.data.images import open_image
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.run import train
from effnet_app.core.models.variants import get_variant


def balanced_accuracy(truth: np.ndarray, predicted: np.ndarray) -> float:
    """The mean of the per-class recalls, over the classes with pictures."""
    return float(np.mean([(predicted[truth == c] == c).mean() for c in np.unique(truth)]))


def run(args: argparse.Namespace) -> dict:
    args.tta = args.tta or [TrainConfig.for_mode(args.mode).tta_views]
    index = scan_folder(args.data)
    results, balanced, seconds_all, chosen = [], [], [], []
    for repeat in range(args.repeats):
        folds = outer_folds(index, args.outer, args.folds, seed=1000 + repeat)
        correct = {t: 0 for t in args.tta}
        answers: dict[int, list[np.ndarray]] = {t: [] for t in args.tta}
        truth: list[np.ndarray] = []
        total = 0
        for k, held in enumerate(folds):
            held_set = set(held)
            train_idx = DatasetIndex(index.root, index.classes,
                                     [s for i, s in enumerate(index.samples) if i not in held_set])
            cfg = TrainConfig.for_mode(args.mode, variant=args.variant, epochs=args.epochs, seed=repeat,
                                       tta_views=args.tta[0], val_fraction=args.val_fraction,
                                       image_size=args.image_size, framing=args.framing, precision=args.precision,
                                       **recipe(args.set))
            t = time.perf_counter()
            res = train(cfg, train_idx)
            seconds = time.perf_counter() - t
            # Decoded as the app's Classifier decodes a file (JPEG draft at the network's side), as the
            # training decoded them: a full decode here measured a model on pictures unlike its own.
            imgs = [open_image(index.samples[i][0], draft=res.preprocess.min_side) for i in held]
            y = np.array([index.samples[i][1] for i in held])
            ok = {}
            for views in args.tta:  # the same trained model, judged with 1..8 test-time views (0: its own)
                clf = Classifier(res.net, res.classes, res.preprocess, get_variant(cfg.variant),
                                 views or res.config.tta_views, "cpu")
                predicted = clf.predict_batch(imgs).argmax(1)
                answers[views].append(predicted)
                ok[views] = int((predicted == y).sum())
                correct[views] += ok[views]
            truth.append(y)
            seconds_all.append(seconds)
            chosen.append(res.config.tta_views)
            total += len(held)
            row = {"repeat": repeat, "fold": k, "correct_by_tta": ok, "n": len(held), "train_seconds": round(seconds, 1),
                   "epochs": len(res.history), "best_epoch": res.best_epoch, "status": res.status,
                   "views": res.config.tta_views}
            print(json.dumps(row), file=sys.stderr, flush=True)
        results.append({t: c / total for t, c in correct.items()})
        balanced.append({t: balanced_accuracy(np.concatenate(truth), np.concatenate(answers[t])) for t in args.tta})
    return {
        "benchmark": "crossval",
        "data": str(args.data),
        "variant": args.variant,
        "mode": args.mode,
        "outer_folds": args.outer,
        "epochs": args.epochs,
        "config": TrainConfig.for_mode(args.mode, variant=args.variant, epochs=args.epochs,
                                       image_size=args.image_size, framing=args.framing, **recipe(args.set)).to_dict(),
        "tta_views": args.tta,
        "precision": args.precision,
        "folds": args.folds,
        "repeats": args.repeats,
        "accuracy_per_repeat": [{f"tta{t}": round(a, 4) for t, a in r.items()} for r in results],
        "views_per_fold": chosen,  # what each fold's model answers with (chosen by it when asked for 0)
        "accuracy_mean": {f"tta{t}": round(float(np.mean([r[t] for r in results])), 4) for t in args.tta},
        "balanced_accuracy_per_repeat": [{f"tta{t}": round(a, 4) for t, a in r.items()} for r in balanced],
        "balanced_accuracy_mean": {f"tta{t}": round(float(np.mean([r[t] for r in balanced])), 4) for t in args.tta},
        "train_seconds_mean": round(float(np.mean(seconds_all)), 2),
        "pictures": len(index.samples),
        "machine": {"cpu": platform.processor() or platform.machine(), "threads": torch.get_num_threads(),
                    "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None},
    }


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data")
    p.add_argument("--variant", default="lite0")
    p.add_argument("--outer", default="random", choices=["random", "views"],
                   help="held-out folds picture by picture, or whole groups of views of one scene (no twins)")
    p.add_argument("--mode", default="quick", choices=["quick", "full"])
    p.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    p.add_argument("--tta", type=int, nargs="+", default=None, help="test-time views to evaluate (e.g. 1 8); default: the mode's")
    p.add_argument("--val-fraction", type=float, default=TrainConfig.val_fraction)
    p.add_argument("--image-size", type=int, default=None, help="default: the mode's")
    p.add_argument("--framing", default=None, choices=["crop", "whole"], help="default: the mode's")
    p.add_argument("--precision", default="auto", choices=["auto", "fp32", "amp"], help="full mode's arithmetic")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--set", nargs="*", default=[], metavar="FIELD=VALUE",
                   help="the recipe under test: any training setting (core.training.config), e.g. layer_decay=0.1")
    return p


def recipe(pairs: list[str]) -> dict:
    """``FIELD=VALUE`` pairs as training settings, each value of its field's type."""
    defaults = TrainConfig()
    out = {}
    for pair in pairs:
        name, _, text = pair.partition("=")
        if not hasattr(defaults, name):
            raise SystemExit(f"no training setting {name!r}")
        kind = type(getattr(defaults, name))
        out[name] = text.lower() in ("1", "true", "yes") if kind is bool else kind(text)
    return out


def arguments(data: str, **overrides) -> argparse.Namespace:
    """The command line's defaults with ``overrides``: for benchmarks that run many (bench.quality)."""
    args = parser().parse_args([str(data)])
    vars(args).update(overrides)
    return args


def main() -> None:
    print(json.dumps(run(parser().parse_args()), indent=2))


if __name__ == "__main__":
    main()
