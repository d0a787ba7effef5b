"""Long runs in the real window (offscreen), with memory and object counts at the start
and the end: ``--frames`` live frames with every panel's work on (prediction, SE gates,
feature maps, Grad-CAM, the SE detail; the visible panel changes every 1,000 frames
so each one paints), then ``--predictions`` images classified from one folder, then
the list cleared.

A leak shows as resident memory (RSS) that keeps growing with the count, or as
threads or Qt objects left behind. B0 at 224 px with random weights for the live view
(it has SE blocks; its ImageNet weights cannot be downloaded here), the built-in
Lite0 for the folder.

    python -m bench.soak ../shared/data/rocks --frames 10000 --predictions 1000
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, sample_images


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def counts(app, window) -> dict:
    from PySide6.QtCore import QObject

    from effnet_app.gui import workers

    return {"rss_mb": round(rss_mb(), 1), "python_threads": threading.active_count(),
            "os_threads": len(os.listdir("/proc/self/task")), "running_workers": len(workers._THREADS),
            "qt_objects_in_window": len(window.findChildren(QObject)), "qt_widgets": len(app.allWidgets())}


def folder_of(data: Path, n: int) -> Path:
    """``n`` image files (the data's images again and again, as links where possible)."""
    images = sample_images(data, 10**6)
    out = Path(tempfile.mkdtemp(prefix="effnet-soak-")) / "images"
    out.mkdir()
    for i in range(n):
        src = images[i % len(images)]
        dest = out / f"{i:05d}{src.suffix}"
        try:
            os.link(src, dest)
        except OSError:
            shutil.copy(src, dest)
    return out


def run(data: Path, frames: int, predictions: int, rounds_of_predictions: int = 2, camera_fps: float = 120.0) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EFFNET_STUDIO_HOME"] = tempfile.mkdtemp(prefix="effnet-bench-")
    from PySide6.QtWidgets import QApplication

    from effnet_app.gui.app import start

    app, window = start([])
    window.resize(1400, 900)

    def spin_until(done, limit: float) -> None:
        end = time.perf_counter() + limit
        while not done() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)

    spin_until(lambda: False, 0.5)
    at_open = counts(app, window)
    report: dict = {"benchmark": "soak", "machine": machine(), "at_open": at_open}

    if frames:
        report["live"] = _live(app, window, data, frames, camera_fps, spin_until)
    report["predictions"] = _predictions(app, window, data, predictions, rounds_of_predictions, spin_until)
    window.close()
    QApplication.processEvents()
    return report


def _live(app, window, data: Path, frames: int, camera_fps: float, spin_until) -> dict:
    from effnet_app.core.events import LiveResult
    from tools.stand_ins import write_video
    from effnet_app.core.explain.analyzer import Analyzer
    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant

    page = window.live_page
    window.tabs.setCurrentWidget(page)
    v = get_variant("b0")
    classes = sorted(d.name for d in data.iterdir() if d.is_dir())
    net = build_net(v, num_classes=len(classes), pretrained=False).eval()
    page.controller.use(Analyzer(net, v, v.preprocess, classes), None, window.state.model.ref)
    video = write_video(sample_images(data, 30), Path(tempfile.mkdtemp()) / "live.avi", 600, fps=camera_fps)
    page.set_source(str(video))
    page.repeat_box.setChecked(True)
    page.cam_panel.show_box.setChecked(True)
    tabs = [page.se_panel, page.feature_panel, page.cam_panel]

    def everything() -> None:  # every panel's work on every frame, whichever panel is visible
        r = page.controller.request.current
        page.controller.request.swap(dataclasses.replace(
            r, gates=True, gradcam=True, stage=r.stage if r.stage is not None else 2,
            se_block=r.se_block if r.se_block is not None else 8))

    seen = [0]
    page.running.connect(lambda on: on and page.controller.inference.event.connect(
        lambda e: isinstance(e, LiveResult) and seen.__setitem__(0, seen[0] + 1)))
    page.start()
    everything()
    warm = min(200, frames // 10)
    spin_until(lambda: seen[0] >= warm, 600)
    live_start, t0 = counts(app, window), time.perf_counter()
    samples = []
    while seen[0] < frames:
        page.tabs.setCurrentWidget(tabs[(seen[0] // 1000) % len(tabs)])
        everything()
        target = min(frames, (seen[0] // 1000 + 1) * 1000)
        spin_until(lambda: seen[0] >= target, 3600)
        samples.append({"frames": seen[0], "rss_mb": round(rss_mb(), 1)})
    took = time.perf_counter() - t0
    live_end = counts(app, window)
    page.stop()
    spin_until(lambda: not page.is_running(), 30)
    spin_until(lambda: False, 1.0)
    live_stopped = counts(app, window)
    return {"frames": seen[0], "after_warmup_frames": warm, "seconds": round(took, 1),
            "fps": round((seen[0] - warm) / took, 1), "start": live_start, "end": live_end,
            "stopped": live_stopped, "rss_growth_mb": round(live_end["rss_mb"] - live_start["rss_mb"], 1),
            "rss_every_1000": samples}


def _predictions(app, window, data: Path, predictions: int, rounds_of_predictions: int, spin_until) -> dict:
    folder = folder_of(data, predictions)
    cp = window.classify_page
    window.tabs.setCurrentWidget(cp)
    rounds = []
    for _ in range(rounds_of_predictions):  # the first round also loads the model; a leak grows every round
        before = counts(app, window)
        t0 = time.perf_counter()
        cp.classify([folder])
        spin_until(lambda: not cp.task.busy and len(cp.predictions) >= predictions, 3600)
        took = time.perf_counter() - t0
        spin_until(lambda: not window.state.thumbs.busy, 120)  # every thumbnail made and cached
        spin_until(lambda: False, 0.5)
        after, done = counts(app, window), len(cp.predictions)
        cp.clear()
        spin_until(lambda: False, 1.0)
        rounds.append({"images": done, "seconds": round(took, 1), "before": before, "after": after,
                       "cleared": counts(app, window)})
    shutil.rmtree(folder.parent, ignore_errors=True)
    return {"rounds": rounds,
            "rss_growth_first_round_mb": round(rounds[0]["after"]["rss_mb"] - rounds[0]["before"]["rss_mb"], 1),
            # after the list is cleared, round by round: flat once the thumbnail cache is full
            "rss_after_each_clear_mb": [r["cleared"]["rss_mb"] for r in rounds],
            "rss_growth_last_round_mb": round(rounds[-1]["after"]["rss_mb"] - rounds[-1]["before"]["rss_mb"], 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--frames", type=int, default=10_000)
    parser.add_argument("--predictions", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=2, help="times the folder is classified (and the list cleared)")
    args = parser.parse_args(argv)
    emit(run(args.data, args.frames, args.predictions, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
