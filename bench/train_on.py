"""Training on from a model against training from scratch, cross-validated.

For every repeat, two classes are drawn as "new". In every fold a base model is
trained (``--base-mode``) on the other folds' pictures of the old classes only; then, on
all the other folds' pictures, one model is trained on from the base
(``TrainConfig.base``, ``--mode``) and one from scratch in the same mode (and, when the
base was trained in another mode, one from scratch in that mode too: what the user would
otherwise have to run again). All are judged on the held-out fold: accuracy on the old
classes' pictures, on the new classes' and overall. The time of a training in ``--mode``
is taken twice: "cold" (no picture's features in memory, as in a new process) and "warm"
(every picture's features computed before, as in the app after an earlier training).
Prints JSON.

    python -m bench.train_on ../shared/data/rocks --folds 5 --repeats 2
    python -m bench.train_on ../shared/data/rocks --base-mode full --epochs 5 --image-size 224 --repeats 1
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import emit, machine, outer_folds
from effnet_app.core.data.dataset import DatasetIndex, scan_folder
from effnet_app.core.data.images import open_image
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.models.variants import get_variant
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.run import train


def _index(index: DatasetIndex, keep: list[int], classes: list[str] | None = None) -> DatasetIndex:
    """The pictures ``keep`` of ``index``, relabelled to ``classes`` (default: all)."""
    classes = classes or index.classes
    samples = [(index.samples[i][0], classes.index(index.classes[index.samples[i][1]])) for i in keep
               if index.classes[index.samples[i][1]] in classes]
    return DatasetIndex(index.root, list(classes), samples)


def _timed(cfg: TrainConfig, data: DatasetIndex, cold: bool):
    if cold:
        FEATURES.clear()
    t = time.perf_counter()
    result = train(cfg, data)
    return result, time.perf_counter() - t


def _scores(result, pictures, names: list[str], new: set[str]) -> dict:
    clf = Classifier(result.net, result.classes, result.preprocess, get_variant(result.config.variant), 1, "cpu")
    predicted = [result.classes[i] for i in clf.predict_batch(pictures).argmax(1)]
    right = np.array([p == n for p, n in zip(predicted, names)])
    is_new = np.array([n in new for n in names])
    return {"old": int(right[~is_new].sum()), "new": int(right[is_new].sum()), "all": int(right.sum())}


def _config(args, mode: str, repeat: int, base: str = "") -> TrainConfig:
    return TrainConfig.for_mode(mode, variant=args.variant, epochs=args.epochs, seed=repeat, base=base or None,
                                image_size=args.image_size if mode == "full" else None)


def _fold(args, index: DatasetIndex, held: list[int], new: set[str], folder: Path, repeat: int) -> dict:
    train_i = sorted(set(range(len(index.samples))) - set(held))
    old_classes = [c for c in index.classes if c not in new]
    t = time.perf_counter()
    base = train(_config(args, args.base_mode, repeat), _index(index, train_i, old_classes))
    row: dict = {"repeat": repeat, "new_classes": sorted(new), "seconds": {"base": time.perf_counter() - t}}
    base_path = base.save(folder / f"base-{repeat}.effnet")
    everything = _index(index, train_i)
    results = {}
    for warmth in ("cold", "warm"):
        for name, c in (("train_on", _config(args, args.mode, repeat, str(base_path))),
                        ("scratch", _config(args, args.mode, repeat))):
            results[name], row["seconds"][f"{name}_{warmth}"] = _timed(c, everything, warmth == "cold")
    if args.base_mode != args.mode:
        results[f"scratch_{args.base_mode}"], row["seconds"][f"scratch_{args.base_mode}"] = _timed(
            _config(args, args.base_mode, repeat), everything, True)
    pictures = [open_image(index.samples[i][0]) for i in held]
    names = [index.classes[index.samples[i][1]] for i in held]
    row["held_out"] = {"old": sum(n not in new for n in names), "new": sum(n in new for n in names), "all": len(held)}
    for name, result in results.items():
        row[name] = _scores(result, pictures, names, new)
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def run(args) -> dict:
    index = scan_folder(args.data)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(args.repeats):
            rng = np.random.default_rng(2000 + repeat)
            new = set(rng.choice(index.classes, size=args.new, replace=False).tolist())
            for held in outer_folds(index, args.outer, args.folds, seed=1000 + repeat):
                rows.append(_fold(args, index, held, new, Path(tmp), repeat))
    total = {part: sum(r["held_out"][part] for r in rows) for part in ("old", "new", "all")}
    summary = {}
    names = ["train_on", "scratch"] + ([f"scratch_{args.base_mode}"] if args.base_mode != args.mode else [])
    for name in names:
        summary[name] = {f"accuracy_{part}": round(sum(r[name][part] for r in rows) / max(1, total[part]), 4)
                         for part in ("old", "new", "all")}
        keys = {f"seconds_{w}_median": f"{name}_{w}" for w in ("cold", "warm")} if name in ("train_on", "scratch") \
            else {"seconds_median": name}
        for label, key in keys.items():
            summary[name][label] = round(float(np.median([r["seconds"][key] for r in rows])), 2)
    summary["base"] = {"seconds_median": round(float(np.median([r["seconds"]["base"] for r in rows])), 2)}
    return {"benchmark": "train_on", "data": str(args.data), "variant": args.variant, "mode": args.mode,
            "base_mode": args.base_mode, "epochs": args.epochs, "full_image_size": args.image_size,
            "outer_folds": args.outer, "folds": args.folds, "repeats": args.repeats, "new_classes_per_repeat": args.new,
            "held_out_pictures": total, "summary": summary, "folds_detail": rows, "machine": machine()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data")
    p.add_argument("--variant", default="lite0")
    p.add_argument("--mode", default="quick", choices=["quick", "full"], help="how the new models are trained")
    p.add_argument("--base-mode", default=None, choices=["quick", "full"], help="how the base is trained (default: --mode)")
    p.add_argument("--image-size", type=int, default=None, help="full mode's input size (default: the mode's)")
    p.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    p.add_argument("--outer", default="views", choices=["random", "views"])
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--new", type=int, default=2, help="classes drawn as new in each repeat")
    args = p.parse_args()
    args.base_mode = args.base_mode or args.mode
    emit(run(args))


if __name__ == "__main__":
    main()
