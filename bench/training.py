"""Training speed on the rock folder, each run in its own process (wall time, peak RSS):

* quick mode end to end (``effnet-app train --mode quick``), split into reading,
  feature extraction and head fitting -- the app as shipped (frozen backbone in ONNX
  Runtime) against the same trainer with PyTorch features (``EFFNET_NO_ONNX=1``), and
  the app's second training of the folder in a new process (its features and groups of
  views remembered on disk);
* full mode fine-tuning throughput in images/s (one epoch) and peak memory, in float32
  and with bfloat16 autocast (where the CPU has it), against a plain PyTorch loop: the
  same network and augmentation, eager, images decoded from disk each step.

    python -m bench.training ../shared/data/rocks
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, run_child

PLAIN_STEPS = 6


def plain_full_loop(data: Path, size: int, batch: int) -> dict:
    """The baseline: what a short PyTorch tutorial loop does (no caching, no tricks)."""
    import torch
    from PIL import Image

    from effnet_app.core.data.dataset import scan_folder
    from effnet_app.core.models.network import build_net
    from effnet_app.core.data.preprocess import train_transform
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.models.variants import get_variant

    cfg = TrainConfig.for_mode("full", image_size=size)
    index = scan_folder(data)
    net = build_net(get_variant("lite0"), len(index.classes), pretrained=True).train()
    tf = train_transform(cfg.preprocess())
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr)
    samples = index.samples[: PLAIN_STEPS * batch]
    t = time.perf_counter()
    for i in range(0, len(samples), batch):
        part = samples[i:i + batch]
        x = torch.stack([tf(Image.open(p).convert("RGB")) for p, _ in part])
        y = torch.tensor([label for _, label in part])
        loss = torch.nn.functional.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return {"images_per_s": len(samples) / (time.perf_counter() - t)}


def _other_folder(root: Path) -> Path:
    """Two classes of four smooth random pictures: another folder to train on first."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for c in range(2):
        (root / f"class{c}").mkdir(parents=True)
        for i in range(4):
            coarse = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
            Image.fromarray(coarse).resize((256, 256), Image.Resampling.BICUBIC).save(root / f"class{c}" / f"{i}.png")
    return root


def run(data: Path) -> dict:
    out: dict = {"benchmark": "training", "machine": machine(), "data": str(data), "variant": "lite0"}
    with tempfile.TemporaryDirectory() as home:
        quick = {}
        # "app": a first training ever (a fresh cache): PyTorch's path, which keeps the
        # backbone's files. "app_second": the same training again in a new process, with
        # what the first remembered (features, groups of views) and without PyTorch.
        # "app_new_folder": the first training of this folder where an earlier training
        # (of another folder, not timed) kept the backbone's files: features computed,
        # without PyTorch.
        prepared = {"EFFNET_STUDIO_HOME": str(Path(home) / "prepared")}
        run_child(["-m", "effnet_app", "train", str(_other_folder(Path(home) / "other")), "--mode", "quick",
                   "--out", str(Path(home) / "other.effnet"), "--json"], prepared)
        for name, env, home_name in (("app", {}, "app"), ("app_second", {}, "app"), ("app_new_folder", {}, "prepared"),
                                     ("torch_features", {"EFFNET_NO_ONNX": "1"}, "torch_features")):
            env = {**env, "EFFNET_STUDIO_HOME": str(Path(home) / home_name)}
            res, wall, rss = run_child(["-m", "effnet_app", "train", str(data), "--mode", "quick",
                                        "--out", str(Path(home) / f"{name}.effnet"), "--json"], env)
            sec = res["seconds"]
            quick[name] = {"wall_s": round(wall, 2), "inside_train_s": round(sec["total"], 2),
                           "read_images_s": round(sec["read_images"], 2), "features_s": round(sec["features"], 2),
                           "head_fit_s": round(sec["head_fit"], 2), "calibration_s": round(sec["calibration"], 2),
                           "peak_rss_mb": round(rss), "validation_accuracy": res["validation_accuracy"]}
        quick["speedup_wall"] = round(quick["torch_features"]["wall_s"] / quick["app"]["wall_s"], 2)
        quick["second_speedup_inside_train"] = round(quick["app"]["inside_train_s"] / quick["app_second"]["inside_train_s"], 2)
        quick["target_first_wall_s"], quick["target_second_s"] = 6.0, 2.0
        out["quick"] = quick

        size, batch = 320, 16
        plain, _w, plain_rss = run_child(["-m", "bench.training", str(data), "--plain", str(size), str(batch)])
        full = {"image_size": size, "batch_size": batch, "plain_loop_images_per_s": round(plain["images_per_s"], 2),
                "plain_peak_rss_mb": round(plain_rss)}
        # fp32 and bfloat16 autocast side by side (bf16 only where the CPU has it in hardware).
        for precision in ("fp32", "amp"):
            res, wall, rss = run_child(["-m", "effnet_app", "train", str(data), "--mode", "full", "--epochs", "1",
                                        "--precision", precision, "--out", str(Path(home) / f"full-{precision}.effnet"),
                                        "--json"], {"EFFNET_STUDIO_HOME": str(Path(home) / "full")})
            ips = res["history"][0]["images_per_s"]
            full[precision] = {"computed_in": res["precision"], "app_images_per_s": round(ips, 2), "app_peak_rss_mb": round(rss),
                                      "app_one_epoch_wall_s": round(wall, 1),
                                      "speedup": round(ips / plain["images_per_s"], 2)}
        full["target_speedup"], full["target_peak_rss_mb"] = 2.0, 3000
        out["full"] = full
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--plain", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plain:
        print(json.dumps(plain_full_loop(args.data, *args.plain)))
        return 0
    emit(run(args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
