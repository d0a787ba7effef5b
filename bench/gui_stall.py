"""How long the window's event loop ever waits while the app trains in its worker.

Drives the real main window (offscreen): opens the folder (scan + thumbnails in the
background), then trains in the GUI worker -- quick mode, then some full-mode epochs
-- while a 5 ms timer on the GUI thread records every gap between its ticks. A gap
longer than the interval is a stall: the window could not repaint or react then.
Prints JSON; the issue's bar is no stall over 100 ms.

    python -m bench.gui_stall ../shared/data/rocks --full-epochs 2
    python -m bench.gui_stall ../shared/data/rocks --many 5000   # only scan + thumbnails
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path


def make_many(source: Path, count: int, dest: Path) -> Path:
    """``count`` JPEGs (640 x 480, re-encoded real micrographs) in ``source``'s class folders."""
    from PIL import Image

    files = sorted(p for p in source.rglob("*.jpg"))
    for i in range(count):
        src = files[i % len(files)]
        out = dest / src.parent.name / f"{src.stem}_{i:05d}.jpg"
        out.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(src) as img:
            img.convert("RGB").resize((640, 480)).rotate(90 * (i // len(files) % 4)).save(out, quality=85)
    return dest


def run(data: Path, full_epochs: int, full_size: int, train: bool = True) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EFFNET_STUDIO_HOME"] = tempfile.mkdtemp(prefix="effnet-bench-")
    import torch
    from PySide6.QtCore import QElapsedTimer, QTimer

    from effnet_app.gui.app import start

    app, window = start([])  # exactly what `effnet-app` does before the event loop
    interval = 5
    gaps: dict[str, list[float]] = {}
    phase = ["idle"]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    status = [""]
    worst: dict[str, tuple[float, float, str]] = {}  # phase -> (stall ms, seconds into it, status line)
    started = [time.perf_counter()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gap = (now - last[0]) / 1e6 - interval
        gaps.setdefault(phase[0], []).append(gap)
        if gap > worst.get(phase[0], (0.0,))[0]:
            worst[phase[0]] = (gap, time.perf_counter() - started[0], status[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(tick)
    timer.start()

    def wait(condition, timeout: float) -> None:
        end = time.monotonic() + timeout
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.001)
        if not condition():
            raise SystemExit(f"timed out in phase {phase[0]}")

    t = {}
    phase[0] = "scan_and_thumbnails"
    t0 = time.perf_counter()
    window.data_page.open_folder(data)
    wait(lambda: window.state.dataset is not None, 300)
    wait(lambda: not window.state.thumbs.busy, 300)
    t[phase[0]] = time.perf_counter() - t0

    page = window.train_page
    if not train:
        full_epochs = 0
    window.train_page.bar.valueChanged.connect(lambda _v: status.__setitem__(0, page.status_text.text()))
    if train:
        phase[0] = "quick_training"
        t0 = started[0] = time.perf_counter()
        page.start()
        wait(lambda: not page.task.busy, 1800)
        t[phase[0]] = time.perf_counter() - t0

    if full_epochs:
        phase[0] = "full_training"
        page.full.setChecked(True)
        page.advanced.epochs.setValue(full_epochs)
        page.advanced.size.setValue(full_size)
        page.advanced.views.setValue(1)
        t0 = started[0] = time.perf_counter()
        page.start()
        wait(lambda: not page.task.busy, 3600)
        t[phase[0]] = time.perf_counter() - t0
    timer.stop()
    window.close()

    def stats(values: list[float]) -> dict:
        v = sorted(max(0.0, x) for x in values)
        return {"ticks": len(v), "max_stall_ms": round(v[-1], 1), "p99_ms": round(v[int(0.99 * (len(v) - 1))], 1),
                "stalls_over_100ms": sum(1 for x in v if x > 100)}

    phases = {k: {**stats(v), "seconds": round(t.get(k, 0.0), 1),
                  "worst_at_s": round(worst[k][1], 2), "worst_during": worst[k][2]}
              for k, v in gaps.items() if k != "idle"}
    return {
        "benchmark": "gui_event_loop_stall",
        "machine": {"cpu": platform.processor() or platform.machine(), "threads": torch.get_num_threads(),
                    "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
                    "python": platform.python_version(), "torch": torch.__version__},
        "data": str(data), "images": len(window.state.dataset.samples) if window.state.dataset else 0,
        "variant": "lite0", "full_epochs": full_epochs, "full_image_size": full_size,
        "timer_interval_ms": interval,
        "phases": phases,
        "max_stall_ms": max(p["max_stall_ms"] for p in phases.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--full-epochs", type=int, default=2)
    parser.add_argument("--full-size", type=int, default=224)
    parser.add_argument("--many", type=int, default=0,
                        help="instead: build a folder of this many images from DATA and only scan it")
    args = parser.parse_args(argv)
    if args.many:
        with tempfile.TemporaryDirectory() as tmp:
            folder = make_many(args.data, args.many, Path(tmp) / "many")
            print(json.dumps(run(folder, 0, 0, train=False), indent=2))
        return 0
    print(json.dumps(run(args.data, args.full_epochs, args.full_size), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
