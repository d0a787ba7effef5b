"""``effnet-app --selftest``: is this installation whole? For the installer's smoke test
and for support ("run the self-test and send me the line it prints").

Loads Lite0 with its ImageNet weights (shipped with the app: no network), classifies
a built-in sample picture through the app's own path (ONNX Runtime where it is used)
and checks it against plain PyTorch, opens the main window offscreen and closes it.
Prints one line and exits 0 when all went well. It runs in a temporary settings
folder, so it neither reads nor changes the user's settings and models.
"""

# i18n: ignore-file -- the verdict is a line for support and build logs, in English on purpose.
from __future__ import annotations

import os
import sys
import tempfile
import time

from effnet_app import APP_NAME, __version__


def sample_picture():
    """The built-in sample: a 256 x 256 picture drawn by code (concentric rings and
    a gradient; no image file to ship or license)."""
    import numpy as np
    from PIL import Image

    y, x = np.mgrid[0:256, 0:256].astype(np.float32) / 255.0
    r = np.hypot(x - 0.5, y - 0.5)
    rgb = np.stack([0.5 + 0.5 * np.sin(40 * r), x, 0.6 * (1 - y) + 0.4 * np.cos(25 * r) ** 2], -1)
    return Image.fromarray((np.clip(rgb, 0, 1) * 255).astype(np.uint8))


def _classify() -> tuple[str, str]:
    import numpy as np
    import torch

    from effnet_app.core.inference.predict import Classifier
    from effnet_app.core.data.preprocess import eval_array

    clf = Classifier.load("imagenet:lite0")  # raises if the shipped weights are missing or damaged
    picture = sample_picture()
    probs = clf.probabilities(picture)  # the app's path: ONNX Runtime on a CPU
    if not (np.isfinite(probs).all() and abs(float(probs.sum()) - 1) < 1e-3):
        raise RuntimeError("the probabilities are not a distribution")
    with torch.inference_mode():  # the reference: PyTorch, no ONNX Runtime, no channels-last
        x = eval_array(picture, pp=clf.preprocess).unsqueeze(0).to(clf.device)
        reference = torch.softmax(clf.net(x).float(), 1)[0].cpu().numpy()
    top = int(np.argmax(probs))
    if int(np.argmax(reference)) != top or float(np.abs(reference - probs).max()) > 1e-3:
        raise RuntimeError(f"the {clf.engine} engine disagrees with PyTorch")
    return (f"Lite0 (ImageNet) on the sample: {clf.classes[top]} {probs[top]:.0%}, {clf.engine} agrees with PyTorch",
            str(clf.device))


def _window() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from effnet_app.gui.app import start

    app, window = start([sys.argv[0]])
    app.processEvents()
    if not window.isVisible():
        raise RuntimeError("the main window did not show")
    window.close()
    app.processEvents()
    return f"window opened and closed ({QApplication.platformName()})"


def run() -> int:
    """Print one line (the verdict) and return the exit status."""
    t0 = time.perf_counter()
    os.environ["EFFNET_STUDIO_HOME"] = tempfile.mkdtemp(prefix="effnet-selftest-")
    done, step = [], "start"
    try:
        step = "classify"
        text, device = _classify()
        done.append(text)
        step = "window"
        done.append(_window())
    except BaseException as e:  # noqa: BLE001 -- the verdict must name any failure
        print(f"{APP_NAME} {__version__} self-test FAILED at '{step}': {type(e).__name__}: {e}")
        return 1
    finally:
        import shutil

        shutil.rmtree(os.environ["EFFNET_STUDIO_HOME"], ignore_errors=True)
    took = time.perf_counter() - t0
    print(f"{APP_NAME} {__version__} self-test passed: {'; '.join(done)}; {device}; {took:.1f} s")
    return 0
