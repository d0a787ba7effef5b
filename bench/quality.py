"""What each network and recipe buys on each shared folder, against its cost in time:
repeated, stratified 5-fold cross-validation (bench.crossval: the app's own training
and classifier) of every combination asked for. Prints JSON; ``--tables FILE`` prints
the tables of docs/quality.md from a JSON it wrote before.

    python -m bench.quality ../shared/data --folders rocks steel ants-bees \\
        --variants lite0 lite1 lite2 --modes quick --repeats 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bench import crossval


def run(data: Path, folders: list[str], variants: list[str], modes: list[str], repeats: int, folds: int,
        epochs: int | None, views: list[int] | None = None, recipe: list[str] | None = None) -> dict:
    rows = []
    for folder, mode, variant, tta in [(f, m, v, t) for f in folders for m in modes for v in variants
                                       for t in views or [None]]:
        extra = {"epochs": epochs} if epochs else {}
        result = crossval.run(crossval.arguments(data / folder, variant=variant, mode=mode, repeats=repeats,
                                                 folds=folds, tta=None if tta is None else [tta], set=recipe or [],
                                                 **extra))
        used = result["tta_views"][0]
        accuracy = [r[f"tta{used}"] for r in result["accuracy_per_repeat"]]
        balanced = [r[f"tta{used}"] for r in result["balanced_accuracy_per_repeat"]]
        row = {"folder": folder, "pictures": result["pictures"], "variant": variant, "mode": mode,
               "epochs": result["epochs"] if mode == "full" else None, "views": used,
               "repeats": repeats, "folds": folds, "recipe": recipe or [],
               "accuracy": accuracy, "accuracy_mean": round(float(np.mean(accuracy)), 4),
               "accuracy_spread": round(float(np.max(accuracy) - np.min(accuracy)), 4),
               "balanced_accuracy": balanced, "balanced_accuracy_mean": round(float(np.mean(balanced)), 4),
               "train_seconds_per_fold": result["train_seconds_mean"], "views_per_fold": result["views_per_fold"]}
        print(json.dumps(row), file=sys.stderr, flush=True)
        rows.append(row)
    return {"benchmark": "quality", "data": str(data), "rows": rows, "machine": result["machine"]}


def markdown(result: dict) -> str:
    """One table per folder: accuracy and balanced accuracy (mean, and the lowest to the
    highest repeat), and the time of one training of four fifths of the folder."""
    out = []
    for folder in dict.fromkeys(r["folder"] for r in result["rows"]):
        rows = [r for r in result["rows"] if r["folder"] == folder]
        out += [f"### {folder} ({rows[0]['pictures']} pictures)", "",
                "| network | recipe | accuracy | balanced accuracy | one training (4/5 of the folder) |",
                "|---|---|---|---|---|"]
        for r in rows:
            recipe = r["mode"] + (f", {r['epochs']} epochs" if r["epochs"] else "") + _views(r) + "".join(
                f", {x}" for x in r.get("recipe", []))
            out.append(f"| {r['variant']} | {recipe} | {_spread(r['accuracy'])} | {_spread(r['balanced_accuracy'])} "
                       f"| {r['train_seconds_per_fold']:.1f} s |")
        out.append("")
    return "\n".join(out)


def _views(row: dict) -> str:
    """The views in words: learnt (quick mode) or averaged, or as each fold's training chose."""
    if row["views"] == 0:
        chosen = row.get("views_per_fold", [])
        counts = ", ".join(f"{v} view{'s' if v > 1 else ''} in {chosen.count(v)}" for v in sorted(set(chosen)))
        return f", views chosen ({counts} of {len(chosen)} folds)"
    return f", {row['views']} views" if row["views"] > 1 else ""


def _spread(values: list[float]) -> str:
    mean = 100 * float(np.mean(values))
    if len(values) == 1:
        return f"{mean:.1f} %"
    return f"{mean:.1f} % ({100 * min(values):.1f}–{100 * max(values):.1f})"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"),
                   help="the folder holding the labelled folders")
    p.add_argument("--folders", nargs="+", default=["rocks", "steel", "ants-bees"])
    p.add_argument("--variants", nargs="+", default=["lite0", "lite1", "lite2"])
    p.add_argument("--modes", nargs="+", default=["quick"], choices=["quick", "full"])
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--epochs", type=int, default=None, help="full mode's (default: the app's)")
    p.add_argument("--views", type=int, nargs="+", default=None,
                   help="views per picture, each a row (quick mode: learnt from and averaged; default: the mode's)")
    p.add_argument("--set", nargs="*", default=[], metavar="FIELD=VALUE", help="the recipe under test (bench.crossval)")
    p.add_argument("--tables", type=Path, nargs="+", default=None,
                   help="print the tables of JSON files this benchmark wrote, their rows together; no training")
    args = p.parse_args()
    if args.tables is not None:
        print(markdown({"rows": [row for path in args.tables for row in json.loads(path.read_text())["rows"]]}))
        return
    print(json.dumps(run(args.data, args.folders, args.variants, args.modes, args.repeats, args.folds, args.epochs,
                         args.views, args.set), indent=2))


if __name__ == "__main__":
    main()
