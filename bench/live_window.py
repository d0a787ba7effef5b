"""The live view end to end, in the real window (offscreen): a 640x480 video as the
camera, the capture and inference workers, the overlay and the panels painted, and a
5 ms timer on the GUI thread recording every stall. B0 at 224 px (random weights:
B0's ImageNet weights cannot be downloaded here; speed does not depend on them).

The video is paced at ``--camera-fps`` (120 by default, faster than inference, so the
inference rate is what is measured). For each panel setting: inference results per
second, how many of them carried SE gates / Grad-CAM / feature maps / the SE detail,
latency (frame read -> result), frames dropped, and the GUI's largest stall.

    python -m bench.live_window ../shared/data/rocks --seconds 8
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, median, sample_images

SETTINGS = {  # name -> (visible tab, Grad-CAM on the picture)
    "panels_off": ("cam", False),
    "se_panel": ("se", False),
    "se_panel_and_gradcam": ("se", True),
    "feature_maps_and_gradcam": ("features", True),
}


def run(data: Path, seconds: float, camera_fps: float, variant: str = "b0", engine: str = "auto",
        threads: int | None = None) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EFFNET_STUDIO_HOME"] = tempfile.mkdtemp(prefix="effnet-bench-")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from effnet_app.core.events import LiveResult
    from tools.stand_ins import write_video
    from effnet_app.core.explain.analyzer import Analyzer
    from effnet_app.core.live.loops import inference_threads
    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant
    from effnet_app.gui.app import start

    threads = inference_threads() if threads is None else threads
    app, window = start([])
    window.resize(1400, 900)
    page = window.live_page
    window.tabs.setCurrentWidget(page)
    v = get_variant(variant)
    net = build_net(v, num_classes=11, pretrained=False).eval()
    classes = sorted(d.name for d in data.iterdir() if d.is_dir())
    page.controller.use(Analyzer(net, v, v.preprocess, classes, engine, threads=threads), None, window.state.model.ref)
    video = write_video(sample_images(data, 30), Path(tempfile.mkdtemp()) / "live.avi", 600, fps=camera_fps)
    page.set_source(str(video))
    page.repeat_box.setChecked(True)

    results: list[dict] = []
    page.running.connect(lambda on: on and page.controller.inference.event.connect(
        lambda e: isinstance(e, LiveResult) and results.append(e)))
    clock = QElapsedTimer()
    clock.start()
    last, stalls = [clock.nsecsElapsed()], []

    def tick() -> None:
        now = clock.nsecsElapsed()
        stalls.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)

    def spin(s: float) -> None:
        end = time.perf_counter() + s
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    page.start()
    spin(4.0)  # load, export the live graph, warm up
    tabs = {"se": page.se_panel, "features": page.feature_panel, "cam": page.cam_panel}
    rows = {}
    for name, (tab, cam) in SETTINGS.items():
        page.cam_panel.show_box.setChecked(cam)
        page.tabs.setCurrentWidget(tabs[tab])
        spin(1.0)
        results.clear()
        stalls.clear()
        last[0] = clock.nsecsElapsed()
        t0, dropped0 = time.perf_counter(), None
        spin(seconds)
        took = time.perf_counter() - t0
        got = list(results)
        if got:
            dropped0 = got[0].dropped
        rows[name] = {
            "inference_fps": round(len(got) / took, 1),
            "se_gates_per_s": round(sum(1 for r in got if r.analysis.gates) / took, 1),
            "gradcam_per_s": round(sum(1 for r in got if r.analysis.cam is not None) / took, 1),
            "feature_maps_per_s": round(sum(1 for r in got if r.analysis.features is not None) / took, 1),
            "se_detail_per_s": round(sum(1 for r in got if r.analysis.se is not None) / took, 1),
            "latency_ms_median": round(median([r.latency * 1000 for r in got]), 1),
            "frames_dropped": (got[-1].dropped - dropped0) if got else 0,
            "gui_max_stall_ms": round(max(stalls, default=0.0), 1),
            "gui_stalls_over_50ms": sum(1 for s in stalls if s > 50),
        }
    page.stop()
    spin(1.0)
    window.close()
    QApplication.processEvents()
    return {"benchmark": "live_window", "machine": machine(), "variant": variant, "input_size": v.input_size,
            "engine": page.analyzer.engine if page.analyzer else engine, "onnx_threads": threads,
            "source": f"640x480 MJPG video paced at {camera_fps:g} fps, through the capture worker",
            "seconds_per_setting": seconds, "settings": rows, "target_fps_se_panel": 30}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--camera-fps", type=float, default=120.0)
    parser.add_argument("--variant", default="b0")
    parser.add_argument("--engine", default="auto", choices=["auto", "onnx", "torch"])
    parser.add_argument("--threads", type=int, default=None,
                        help="ONNX Runtime threads (default: the app's choice; 0: one per core)")
    args = parser.parse_args(argv)
    emit(run(args.data, args.seconds, args.camera_fps, args.variant, args.engine, args.threads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
