"""Live pipeline frames per second: frames read from a 640x480 video with OpenCV,
converted, preprocessed and classified one by one, as a camera feed would be. B0 at
224 px (random weights: B0's ImageNet weights cannot be downloaded here; speed does
not depend on them). Compared in one run:

* baseline: torchvision's B0 in eager mode, default settings, bare forward pass;
* app, panels off: ONNX Runtime, logits only;
* app, SE panel on: ONNX Runtime, the live graph: logits, every stage's feature map and
  all 16 SE gate vectors from the same pass;
* PyTorch with SE forward hooks (what a hook-based live view costs without ONNX).

    python -m bench.live ../shared/data/rocks --frames 150

This measures the pipeline's steps one frame at a time in one thread; the whole live
view in the window (capture and inference workers, painting) is ``bench.live_window``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, sample_images
from tools.stand_ins import write_video


def fps(video: Path, step) -> float:
    import cv2

    cap = cv2.VideoCapture(str(video))
    n, t = 0, None
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        if n == 5:
            t = time.perf_counter()  # after warm-up
        step(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
        n += 1
    cap.release()
    return (n - 5) / (time.perf_counter() - t)


def run(data: Path, frames: int) -> dict:
    import torch
    from PIL import Image
    from torchvision import models

    from effnet_app.core.inference.engine import onnx_runner
    from effnet_app.core.models.network import build_net, se_blocks
    from effnet_app.core.data.preprocess import eval_array
    from effnet_app.core.models.variants import get_variant

    v = get_variant("b0")
    with tempfile.TemporaryDirectory() as tmp:
        video = write_video(sample_images(data, 30), Path(tmp) / "live.avi", frames)
        plain = models.efficientnet_b0(weights=None).eval()
        tf = v.weights.transforms()

        def baseline(rgb):
            with torch.no_grad():
                plain(tf(Image.fromarray(rgb)).unsqueeze(0))

        net = build_net(v, pretrained=False).eval()
        logits = onnx_runner(net, v, 224)
        gates = onnx_runner(net, v, 224, what="live")
        pp = v.preprocess

        def app_off(rgb):
            logits(eval_array(Image.fromarray(rgb), pp).unsqueeze(0))

        def app_se(rgb):
            out = gates.run_all(eval_array(Image.fromarray(rgb), pp).unsqueeze(0))
            [g.numpy() for g in out[-16:]]  # the 16 SE gate vectors (stage maps come before them)

        caught = []
        hooks = [m.scale_activation.register_forward_hook(lambda _m, _i, o: caught.append(o.flatten(1).numpy()))
                 for _, m in se_blocks(net)]

        def torch_se(rgb):
            caught.clear()
            with torch.inference_mode():
                net(eval_array(Image.fromarray(rgb), pp).unsqueeze(0))

        rows = {"baseline_eager_bare": fps(video, baseline), "app_onnx_panels_off": fps(video, app_off),
                "app_onnx_se_panel": fps(video, app_se), "torch_eager_se_hooks": fps(video, torch_se)}
        for h in hooks:
            h.remove()
    base = rows["baseline_eager_bare"]
    return {"benchmark": "live_fps", "machine": machine(), "variant": "b0", "input_size": 224,
            "source": "640x480 MJPG video through cv2.VideoCapture", "frames": frames,
            "fps": {k: round(x, 1) for k, x in rows.items()},
            "speedup": {k: round(x / base, 2) for k, x in rows.items() if k != "baseline_eager_bare"},
            "target_fps_se_panel": 30}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--frames", type=int, default=150)
    args = parser.parse_args(argv)
    emit(run(args.data, args.frames))
    return 0


if __name__ == "__main__":
    sys.exit(main())
