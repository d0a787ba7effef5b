"""What each recipe of the time budget (core.training.budget.RECIPES) costs: the whole
``effnet-app train`` process, each in its own process, on each folder given: its first
training of the folder (the backbone's files kept by an earlier training of another
folder, as after the app's first training ever) and its second (the features
remembered) -- beside the plan's estimate for that recipe, and what each budget picks.

    python -m bench.recipes ../shared/data/rocks ../shared/data/steel
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import emit, machine, run_child
from bench.training import _other_folder


def run(folders: list[Path]) -> dict:
    from effnet_app.core.data.dataset import scan_folder
    from effnet_app.core.training.budget import BUDGETS, RECIPES, plan, seconds

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            pictures = len(scan_folder(folder).samples)
            for recipe in RECIPES:
                home = {"EFFNET_STUDIO_HOME": str(Path(tmp) / f"{folder.name}-{recipe.variant}-{recipe.views}")}
                run_child(["-m", "effnet_app", "train", str(_other_folder(Path(tmp) / f"other-{len(rows)}")),
                           "--variant", recipe.variant, "--out", str(Path(tmp) / "other.effnet"), "--json"], home)
                row = {"folder": folder.name, "pictures": pictures, "variant": recipe.variant, "views": recipe.views,
                       "estimate_s": round(seconds(recipe, pictures), 1)}
                for which in ("first", "second"):
                    res, wall, rss = run_child(["-m", "effnet_app", "train", str(folder), "--variant", recipe.variant,
                                                "--tta", str(recipe.views), "--out", str(Path(tmp) / "m.effnet"),
                                                "--json"], home)
                    row[which] = {"wall_s": round(wall, 2), "features_s": round(res["seconds"]["features"], 2),
                                  "read_images_s": round(res["seconds"]["read_images"], 2),
                                  "head_fit_s": round(res["seconds"]["head_fit"], 2),
                                  "calibration_s": round(res["seconds"]["calibration"], 2), "peak_rss_mb": round(rss)}
                print(row, file=sys.stderr, flush=True)
                rows.append(row)
            picks = {b: plan(b, pictures) for b in BUDGETS}
            rows.append({"folder": folder.name, "pictures": pictures,
                         "budgets": {b: f"{p.config.variant} x{p.config.tta_views}" for b, p in picks.items()}})
    return {"benchmark": "recipes", "machine": machine(), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    emit(run(parser.parse_args(argv).folders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
