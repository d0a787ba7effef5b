"""int8 against float: single-picture forward latency of Lite0 and B0 in eager PyTorch,
float ONNX Runtime and int8 ONNX Runtime (the app's quantiser, inference/quantize),
all in one process, alternating, medians; and how often the int8 graph answers as
the float one on held-out rock pictures. Prints JSON.

B0's ImageNet weights cannot be downloaded here, so B0 runs with its initial weights
and BatchNorm statistics measured on the rocks (tools.stand_ins): right for timing,
not for agreement, which is measured with Lite0's real weights only.

    python -m bench.int8 ../shared/data/rocks
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import DEFAULT_DATA, emit, machine, median, sample_images


def _latency(fn, x, repeats: int) -> float:
    for _ in range(5):
        fn(x)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn(x)
        times.append(time.perf_counter() - t)
    return 1000 * median(times)


def _network(variant: str, pictures: list[Path]):
    import torch

    from effnet_app.core.data.framing import frame
    from effnet_app.core.data.images import open_image
    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant

    v = get_variant(variant)
    x = torch.from_numpy(np.stack([frame(open_image(p, draft=256), v.preprocess) for p in pictures]))
    if variant == "lite0":
        return build_net(v, pretrained=True).eval(), x
    from tools.stand_ins import calibrate_batchnorm

    torch.manual_seed(0)
    return calibrate_batchnorm(build_net(v, pretrained=False), x[:32]).eval(), x


def measure(variant: str, pictures: list[Path], repeats: int, folder: Path) -> dict:
    import torch

    from effnet_app.core.inference.engine import export_graph
    from effnet_app.core.inference.quantize import quantize_graph
    from effnet_app.core.inference.session import open_session
    from effnet_app.core.models.network import fixed_size_copy
    from effnet_app.core.models.variants import get_variant

    net, x = _network(variant, pictures)
    size = x.shape[-1]
    graph, q = folder / f"{variant}.onnx", folder / f"{variant}-int8.onnx"
    graph.write_bytes(export_graph(fixed_size_copy(net, get_variant(variant), size), size))
    calibration, held_out = x[::2][:64].numpy(), x[1::2].numpy()
    t = time.perf_counter()
    quantize_graph(graph, calibration, q)
    seconds = time.perf_counter() - t
    f, i8 = open_session(graph), open_session(q)
    one = held_out[:1]
    with torch.inference_mode():
        rows = {"eager_ms": [], "onnx_float_ms": [], "onnx_int8_ms": []}
        for _ in range(3):  # alternate, so the machine's drift hits all three
            rows["eager_ms"].append(_latency(net, torch.from_numpy(one), repeats))
            rows["onnx_float_ms"].append(_latency(lambda a: f.run(None, {"image": a}), one, repeats))
            rows["onnx_int8_ms"].append(_latency(lambda a: i8.run(None, {"image": a}), one, repeats))
    out = {k: round(median(v), 2) for k, v in rows.items()}
    top_f = np.concatenate([f.run(None, {"image": held_out[i:i + 16]})[0] for i in range(0, len(held_out), 16)])
    top_q = np.concatenate([i8.run(None, {"image": held_out[i:i + 16]})[0] for i in range(0, len(held_out), 16)])
    out.update(quantise_s=round(seconds, 1), int8_vs_float=round(out["onnx_float_ms"] / out["onnx_int8_ms"], 2),
               int8_vs_eager=round(out["eager_ms"] / out["onnx_int8_ms"], 2),
               graph_mb=round(graph.stat().st_size / 1e6, 1), int8_graph_mb=round(q.stat().st_size / 1e6, 1))
    if variant == "lite0":  # real weights: ImageNet classes of rock pictures, float against int8
        out["imagenet_top1_agreement"] = round(float((top_f.argmax(1) == top_q.argmax(1)).mean()), 3)
        out["held_out_pictures"] = len(held_out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    pictures = sample_images(args.data, 160)
    with tempfile.TemporaryDirectory() as folder:
        emit({"benchmark": "int8", "machine": machine(), "input": "one 224 px picture",
              "variants": {v: measure(v, pictures, args.repeats, Path(folder)) for v in ("lite0", "b0")}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
