"""Prediction from a saved model's graph without PyTorch: same answers, no torch import,
and a graph never serves a file it was not made from."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from effnet_app.core.inference.graph import GraphClassifier, graph_file
from effnet_app.core.inference.predict import Classifier

# A new process, as a user's "predict" is: which modules did answering load?
CHILD = """
import json, sys
from pathlib import Path
from effnet_app.core.inference.graph import GraphClassifier
clf = GraphClassifier.open(sys.argv[1])
preds = clf.predict_paths([Path(p) for p in sys.argv[2:]], top_k=3)
print(json.dumps({"probs": [p.probs.tolist() for p in preds], "unknown": [p.unknown for p in preds],
                  "torch": "torch" in sys.modules, "torchvision": "torchvision" in sys.modules}))
"""


def _pictures(small_rocks, n=4):
    return [p for d in sorted(small_rocks.iterdir()) for p in sorted(d.iterdir())[:2]][:n]


def test_a_saved_graph_answers_as_pytorch_without_importing_it(trained_copy, small_rocks, studio_home):
    files = _pictures(small_rocks)
    assert GraphClassifier.open(trained_copy) is None  # nothing exported in this home yet
    ref = Classifier.load(trained_copy, engine="torch")
    Classifier.load(trained_copy, engine="onnx").runner()  # what a first PyTorch start leaves behind
    assert graph_file(trained_copy, scored=True).is_file()

    env = {**os.environ, "EFFNET_STUDIO_HOME": str(studio_home)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(trained_copy), *map(str, files)], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    got = json.loads(out.stdout)
    assert not got["torch"] and not got["torchvision"]
    expected = [ref.predict_file(f) for f in files]
    assert np.abs(np.array(got["probs"]) - np.stack([p.probs for p in expected])).max() < 1e-4
    assert got["unknown"] == [p.unknown for p in expected]


def test_a_changed_model_file_finds_no_graph(trained_copy):
    Classifier.load(trained_copy).runner()
    assert GraphClassifier.open(trained_copy) is not None
    data = bytearray(trained_copy.read_bytes())
    data[-1] ^= 1  # one bit of the last weight: another file, so another digest
    trained_copy.write_bytes(bytes(data))
    assert GraphClassifier.open(trained_copy) is None


def test_a_damaged_cached_graph_is_not_used(trained_copy):
    Classifier.load(trained_copy).runner()
    graph_file(trained_copy, scored=True).write_bytes(b"not a graph")
    assert GraphClassifier.open(trained_copy) is None
    clf = Classifier.load(trained_copy)  # PyTorch exports it again
    clf.runner()
    assert clf.engine == "onnx" and GraphClassifier.open(trained_copy) is not None


def test_the_cli_predicts_from_the_graph_and_evaluates(trained_copy, small_rocks, studio_home):
    Classifier.load(trained_copy).runner()
    env = {**os.environ, "EFFNET_STUDIO_HOME": str(studio_home)}
    code = ("import sys, runpy; sys.argv = ['effnet-app'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('effnet_app', run_name='__main__')\n"
            "finally:\n    print('TORCH' if 'torch' in sys.modules else 'NO TORCH', file=sys.stderr)")
    for args in (["predict", str(trained_copy), str(small_rocks), "--json"],
                 ["evaluate", str(trained_copy), str(small_rocks), "--json"]):
        out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert out.stderr.strip().endswith("NO TORCH")
        result = json.loads(out.stdout)
        if args[0] == "predict":
            assert len(result) == 24 and all(r["top"] for r in result)
        else:
            assert result["count"] == 24 and result["accuracy"] > 0.8
