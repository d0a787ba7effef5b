"""Plant faults in a copy of a labelled folder and see how many the dataset check finds.

Each repeat copies the folder, moves five pictures into wrong classes and adds five
near-copies of other pictures (resized, re-saved at another JPEG quality, cropped by a
few per cent; some filed under another class), then runs the real
:func:`effnet_app.core.curation.check.check_dataset`. Prints JSON: per repeat, how
many copies were found and where each planted mislabel ranks in the suspects list.

    python -m bench.planted ../shared/data/rocks --repeats 4
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

from bench.common import DEFAULT_DATA, machine
from effnet_app.core.curation.check import check_dataset
from effnet_app.core.data.dataset import scan_folder

COPIES = ("resized to 70 %", "JPEG quality 60", "cropped by 5 %", "cropped by 3 % on two sides", "resized to 80 %")


def near_copy(img: Image.Image, kind: str) -> Image.Image:
    w, h = img.size
    if kind.startswith("resized"):
        f = 0.7 if "70" in kind else 0.8
        return img.resize((round(w * f), round(h * f)), Image.BICUBIC)
    if kind.startswith("JPEG"):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=60)
        return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    if kind == "cropped by 5 %":
        return img.crop((round(w * 0.05), round(h * 0.05), round(w * 0.95), round(h * 0.95)))
    return img.crop((0, round(h * 0.03), round(w * 0.97), h))


def plant(source: Path, dest: Path, seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Copy ``source`` to ``dest`` with 5 mislabels and 5 near-copies: returns
    (mislabels as (new path, true class), copies as (copy path, original path))."""
    shutil.copytree(source, dest)
    rng = random.Random(seed)
    index = scan_folder(dest)
    samples = list(index.samples)
    rng.shuffle(samples)
    mislabels, copies = [], []
    for path, label in samples[:5]:
        wrong = rng.choice([c for i, c in enumerate(index.classes) if i != label])
        target = dest / wrong / f"planted-{path.name}"
        path.rename(target)
        mislabels.append((str(target), index.classes[label]))
    for n, (path, label) in enumerate(samples[5:10]):
        img = Image.open(path).convert("RGB")
        # Two of the five are filed under another class: a copy across classes.
        cls = index.classes[label] if n < 3 else rng.choice([c for i, c in enumerate(index.classes) if i != label])
        target = dest / cls / f"copy-{n}-{path.stem}.jpg"
        near_copy(img, COPIES[n]).save(target, quality=92)
        copies.append((str(target), str(path)))
    return mislabels, copies


def run_once(source: Path, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / source.name
        mislabels, copies = plant(source, dest, seed)
        report = check_dataset(dest)
        pairs = {frozenset(p[:2]) for p in report.near_duplicates}
        found = [frozenset(c) in pairs for c in copies]
        ranks = {s.path: r + 1 for r, s in enumerate(report.suspected_mislabels)}
        return {
            "seed": seed,
            "copies_found": sum(found), "copies_missed": [COPIES[i] for i, f in enumerate(found) if not f],
            "mislabel_ranks": sorted(ranks.get(path) or 10_000 for path, _ in mislabels),
            "mislabels_in_top_10": sum(1 for path, _ in mislabels if ranks.get(path, 10_000) <= 10),
            "suggested_right": sum(1 for path, true in mislabels for s in report.suspected_mislabels
                                   if s.path == path and s.suggested == true),
            "other_near_duplicates": len(pairs) - sum(found), "overlapping_pairs": len(report.overlapping),
            "suspects": len(report.suspected_mislabels), "seconds": round(report.seconds, 1),
        }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DATA)
    p.add_argument("--repeats", type=int, default=4)
    args = p.parse_args(argv)
    runs = [run_once(args.folder, seed) for seed in range(args.repeats)]
    json.dump({"machine": machine(), "folder": str(args.folder), "runs": runs,
               "copies_found": f"{sum(r['copies_found'] for r in runs)} of {5 * len(runs)}",
               "mislabels_in_top_10": f"{sum(r['mislabels_in_top_10'] for r in runs)} of {5 * len(runs)}"},
              sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
