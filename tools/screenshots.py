"""Render every page with real content to PNG (for the README and for looking).

    python -m tools.screenshots OUT_DIR [--data FOLDER] [--look light|dark] [--language en|zh_CN]

Uses a throw-away settings and model folder, opens FOLDER (default: the rock
micrographs beside the project), trains a quick Lite0 model, classifies a few
images, checks the confusion matrix, and plays a video of the micrographs in the live
view (with a B0 model for the SE panel): about four minutes on a laptop CPU.
"""

# i18n: ignore-file -- a developer's tool: its messages go to developers.

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "rocks"


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


def render(out: Path, data: Path, look: str = "light", language: str = "en") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EFFNET_STUDIO_HOME"] = tempfile.mkdtemp(prefix="effnet-screens-")
    from effnet_app import languages
    from effnet_app.core.events import Epoch
    from effnet_app.gui import theme
    from effnet_app.gui.app import make_app
    from effnet_app.gui.main_window import MainWindow

    app = make_app()
    languages.activate(language, app)
    theme.apply(app, look)
    theme.apply_fonts(app)
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

    welcome = w.show_welcome()
    shot("0-welcome", welcome)
    welcome.close()
    help_dialog = w.show_quick_start()
    shot("0-quick-start", help_dialog)
    help_dialog.close()

    w.data_page.open_folder(data)
    _wait(app, lambda: w.state.dataset is not None, 120, "the folder scan")
    _wait(app, lambda: not w.state.thumbs.busy, 120, "the thumbnails")
    shot("1-data")

    # Quick model of the whole folder: the Evaluate and Classify pages use it.
    tp = w.train_page
    w.data_page.next_step.buttons[0].click()  # "Go to Train", as a first-time user would
    tp.start()
    _wait(app, lambda: not tp.task.busy, 900, "quick training")
    shot("2-train-finished")
    quick = w.state.model
    _download_failure_shot(app, w, shot)

    # A short full training at a small size, photographed while it runs: the user's own
    # settings, not the time budget's.
    tp.budget.choose("myself")
    tp.full.setChecked(True)
    tp.advanced.size.setValue(160)
    tp.advanced.epochs.setValue(4)
    tp.advanced.views.setValue(1)
    tp.advanced_toggle.setChecked(True)
    epochs: list[int] = []
    tp.start()
    tp.task.worker.event.connect(lambda e: isinstance(e, Epoch) and epochs.append(e.epoch))
    _wait(app, lambda: len(epochs) >= 3 or not tp.task.busy, 1800, "three epochs")
    shot("2-train")
    tp.stop()
    _wait(app, lambda: not tp.task.busy, 600, "the stop")
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
    # Pictures of other kinds, beside the data folder: the model answers "None of these".
    picks += [sorted(p.iterdir())[0] for kind in ("steel", "ants-bees") if (data.parent / kind).is_dir()
              for p in sorted((data.parent / kind).iterdir())[:1] if p.is_dir()]
    w.open_paths(picks)
    _wait(app, lambda: not cp.task.busy and len(cp.predictions) == len(picks), 300, "classification")
    cp.list.setCurrentIndex(cp.model.index(len(picks) - 1))
    _wait(app, lambda: not w.state.thumbs.busy, 60, "thumbnails")
    shot("4-classify")

    tp.networks.choose("b0")
    w.tabs.setCurrentWidget(tp)
    dlg = tp.show_details()
    _wait(app, lambda: dlg.arch is not None, 120, "model details")
    shot("5-model-details", dlg)
    dlg.close()
    tp.networks.choose("lite0")

    settings = w.show_settings()
    shot("10-settings", settings)
    settings.close()

    _curation_shots(app, w, data, shot)

    _live_shots(app, w, data, shot)
    w.close()
    return saved


def _curation_shots(app, w, data: Path, shot) -> None:
    """Check the pictures (on a copy of ``data`` with one picture moved into the wrong
    class) and Sort new pictures (a few unseen ones and a picture of another kind)."""
    import shutil

    home = Path(os.environ["EFFNET_STUDIO_HOME"])
    copy = home / "curation" / data.name
    shutil.copytree(data, copy)
    classes = sorted(p for p in copy.iterdir() if p.is_dir())
    first = sorted(classes[1].iterdir())[0]
    shutil.move(first, classes[0] / first.name)  # filed under the wrong class
    unsorted = home / "curation" / "new pictures"
    unsorted.mkdir()
    for c in classes[2:8]:
        shutil.move(sorted(c.iterdir())[-1], unsorted)
    for kind in ("steel", "ants-bees"):
        if (data.parent / kind).is_dir():
            shutil.copy(sorted(sorted(p for p in (data.parent / kind).iterdir() if p.is_dir())[0].iterdir())[0], unsorted)
    dp = w.data_page
    w.tabs.setCurrentWidget(dp)
    dp.open_folder(copy)
    _wait(app, lambda: w.state.dataset is not None and w.state.dataset.root == copy, 120, "the copy's scan")
    check = dp.open_check()
    _wait(app, lambda: check.report is not None and not check.task.busy, 600, "the check")
    _wait(app, lambda: not w.state.thumbs.busy, 60, "thumbnails")
    check.resize(1000, 700)
    shot("11-check", check)
    check.close()
    sort = dp.open_sorting()
    sort.open_folder(unsorted)
    _wait(app, lambda: bool(sort.review.items) and not sort.task.busy, 300, "the sort's predictions")
    _wait(app, lambda: not w.state.thumbs.busy, 60, "thumbnails")
    _settle(app)
    shot("12-sort", sort)
    sort.close()


def _download_failure_shot(app, w, shot) -> None:
    """B0 chosen where its weights cannot be had: the dialog and its three ways on."""
    tp = w.train_page
    mirror = w.state.settings.mirror
    w.state.settings.change(mirror="http://127.0.0.1:9/")  # nothing listens there: refused at once
    tp.budget.choose("myself")  # the network is the user's own choice, not the time budget's
    tp.networks.choose("b0")
    tp.start()
    dlg = tp._download
    _wait(app, lambda: bool(dlg.error), 60, "the download to fail")
    shot("2-download-failed", dlg)
    dlg.reject()
    _wait(app, lambda: tp._download is None, 10, "the dialog to close")
    w.state.settings.change(mirror=mirror)
    tp.networks.choose("lite0")
    tp.note.clear()


def _b0_without_imagenet(data: Path) -> Path:
    """A quick B0 model of ``data`` for the SE panel's pictures. B0's ImageNet weights
    cannot be downloaded where these screenshots are made, so its trunk has random
    convolutions with BatchNorm statistics measured on the pictures (imported as
    unverified weights into this run's own torch cache): the panel's layout is real,
    its patterns are not those of a trained network."""
    import torch

    from effnet_app.core.store.library import Library
    from effnet_app.core.training.into_library import train_into_library
    from effnet_app.core.models.network import build_net
    from tools.stand_ins import calibrate_batchnorm
    from effnet_app.core.data.preprocess import eval_transform
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.models.variants import get_variant
    from effnet_app.core.models.weights import import_weights

    home = Path(os.environ["EFFNET_STUDIO_HOME"])
    os.environ["TORCH_HOME"] = str(home / "torch")
    v = get_variant("b0")
    torch.manual_seed(0)
    tf = eval_transform(v.preprocess)
    pictures = [sorted(d.iterdir())[i] for d in sorted(data.iterdir()) if d.is_dir() for i in range(3)]
    from PIL import Image

    batch = torch.stack([tf(Image.open(p).convert("RGB")) for p in pictures])
    weights = home / "b0-calibrated.pth"
    torch.save(calibrate_batchnorm(build_net(v, pretrained=False), batch).state_dict(), weights)
    import_weights(v, weights, allow_unverified=True)
    _result, entry = train_into_library(Library(), TrainConfig(variant="b0", mode="quick"), data, "rocks B0 (no ImageNet)")
    return entry.path


def _live_shots(app, w, data: Path, shot) -> None:
    """The live view on a video of the micrographs: Grad-CAM and feature maps with the
    quick Lite0 model, the SE panel and its class profile with a B0 model."""
    from tools.stand_ins import write_video

    lp = w.live_page
    w.tabs.setCurrentWidget(lp)
    pictures = [sorted(d.iterdir())[-1] for d in sorted(data.iterdir()) if d.is_dir()]
    video = write_video(pictures, Path(os.environ["EFFNET_STUDIO_HOME"]) / "micrographs.avi", 11 * 45, fps=15, hold=45)
    lp.set_source(str(video))
    lp.start()
    _wait(app, lambda: lp.results >= 20, 300, "live results")
    lp.tabs.setCurrentWidget(lp.cam_panel)
    _settle(app, 1.5)
    shot("6-live-gradcam")
    lp.tabs.setCurrentWidget(lp.feature_panel)
    lp.feature_panel.stage_box.setCurrentIndex(2)
    _settle(app, 1.5)
    shot("7-live-feature-maps")
    lp.stop()
    _wait(app, lambda: not lp.is_running(), 60, "the live view to stop")

    w.state.model_added(_b0_without_imagenet(data))
    lp.tabs.setCurrentWidget(lp.se_panel)
    lp.start()
    _wait(app, lambda: lp.results >= 10, 600, "live results with B0")
    _settle(app, 2.0)
    shot("8-live-se-gates")
    lp.pause_button.click()
    _settle(app, 0.5)
    lp.se_panel.block_box.setCurrentIndex(len(lp.analyzer.blocks) - 2)
    lp.compute_profile()
    _wait(app, lambda: not lp.controller.profile_busy, 600, "the class profile")
    _settle(app, 1.0)
    shot("9-live-se-class-profile")
    lp.stop()
    _wait(app, lambda: not lp.is_running(), 60, "the live view to stop")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--look", choices=("light", "dark"), default="light")
    parser.add_argument("--language", choices=("en", "zh_CN"), default="en")
    args = parser.parse_args(argv)
    for p in render(args.out, args.data, args.look, args.language):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
