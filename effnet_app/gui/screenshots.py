"""Render every page with real content to PNG (for the README and for looking).

    python -m effnet_app.gui.screenshots OUT_DIR [--data FOLDER] [--look light|dark]

Uses a throw-away settings and model folder, opens FOLDER (default: the rock
micrographs beside the project), trains a quick Lite0 model, classifies a few
images and checks the confusion matrix: about two minutes on a laptop CPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "rocks"


def _wait(app, condition, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def _settle(app, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def render(out: Path, data: Path, look: str = "light") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EFFNET_STUDIO_HOME"] = tempfile.mkdtemp(prefix="effnet-screens-")
    from effnet_app.gui import theme
    from effnet_app.gui.app import make_app
    from effnet_app.gui.main_window import MainWindow

    app = make_app()
    theme.apply(app, look)
    out.mkdir(parents=True, exist_ok=True)
    w = MainWindow()
    w.resize(1400, 860)
    w.show()
    saved: list[Path] = []

    def shot(name: str, widget=None) -> None:
        _settle(app)
        path = out / f"{name}.png"
        (widget or w).grab().save(str(path))
        saved.append(path)

    w.data_page.open_folder(data)
    _wait(app, lambda: w.state.dataset is not None, 120, "the folder scan")
    _wait(app, lambda: not w.state.thumbs.busy, 120, "the thumbnails")
    shot("1-data")

    # Quick model of the whole folder: the Evaluate and Classify pages use it.
    tp = w.train_page
    w.tabs.setCurrentWidget(tp)
    tp.start()
    _wait(app, lambda: tp.worker is None, 900, "quick training")
    quick = w.state.model

    # A short full training at a small size, photographed while it runs.
    tp.full.setChecked(True)
    tp.size.setValue(160)
    tp.epochs.setValue(4)
    tp.views.setValue(1)
    tp.advanced_toggle.setChecked(True)
    epochs: list[int] = []
    tp.start()
    tp.worker.event.connect(lambda kind, d: kind == "epoch" and epochs.append(d["epoch"]))
    _wait(app, lambda: len(epochs) >= 3 or tp.worker is None, 1800, "three epochs")
    shot("2-train")
    tp.stop()
    _wait(app, lambda: tp.worker is None, 600, "the stop")
    tp.advanced_toggle.setChecked(False)
    w.library.use(quick)

    ep = w.evaluate_page
    w.tabs.setCurrentWidget(ep)
    ev = ep.evaluation
    if ev is not None:
        wrong = [(i, j) for i, row in enumerate(ev.confusion) for j, v in enumerate(row) if v and i != j]
        i, j = wrong[0] if wrong else (0, 0)
        ep.matrix.select(i, j)
        _wait(app, lambda: not w.state.thumbs.busy, 60, "thumbnails")
    shot("3-evaluate")

    cp = w.classify_page
    picks = [sorted(p.iterdir())[-1] for p in sorted(data.iterdir()) if p.is_dir()][:6]
    w.open_paths(picks)
    _wait(app, lambda: cp.worker is None and len(cp.predictions) == len(picks), 300, "classification")
    cp.list.setCurrentIndex(cp.model.index(1))
    _wait(app, lambda: not w.state.thumbs.busy, 60, "thumbnails")
    shot("4-classify")

    tp.variant.setCurrentIndex(tp.variant.findData("b0"))
    w.tabs.setCurrentWidget(tp)
    dlg = tp.show_details()
    _wait(app, lambda: dlg.arch is not None, 120, "model details")
    shot("5-model-details", dlg)
    dlg.close()
    tp.variant.setCurrentIndex(tp.variant.findData("lite0"))
    w.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--look", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    for p in render(args.out, args.data, args.look):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
