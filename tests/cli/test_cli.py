"""The command line, end to end, on real Lite0 and real (shrunk) micrographs."""

import csv
import json
import subprocess
import sys

import onnx
import pytest

from effnet_app.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def model(small_rocks, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "rocks.effnet"
    assert main(["train", str(small_rocks), "--variant", "lite0", "--mode", "quick",
                 "--val-fraction", "0.25", "--out", str(out)]) == 0
    return out


def test_variants_json(capsys):
    code, out, _ = run(capsys, "variants", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["name"] for r in rows][:2] == ["lite0", "b0"]
    assert {"input_size", "num_params", "weights_source", "has_se", "gradcam_layer"} <= set(rows[0])


def test_train_predict_evaluate(model, small_rocks, tmp_path, capsys):
    code, out, _ = run(capsys, "info", model, "--json")
    assert code == 0 and json.loads(out)["variant"] == "lite0"
    target = small_rocks / "Chert"
    code, out, _ = run(capsys, "predict", model, target, "--top-k", "2", "--csv", tmp_path / "p.csv", "--json")
    preds = json.loads(out)
    assert code == 0 and len(preds) == 8
    assert sum(p["top"][0]["class"] == "Chert" for p in preds) >= 7
    rows = list(csv.DictReader(open(tmp_path / "p.csv", encoding="utf-8")))
    assert len(rows) == 8 and {"class_1", "probability_2"} <= set(rows[0])
    code, out, _ = run(capsys, "evaluate", model, small_rocks, "--json")
    ev = json.loads(out)
    assert code == 0 and ev["accuracy"] >= 0.9 and len(ev["confusion"]) == 3
    assert {c["name"] for c in ev["per_class"]} == {"Chert", "Bauxite", "鲕粒灰岩"}


def test_export_onnx_agrees(model, small_rocks, tmp_path, capsys):
    out_file = tmp_path / "rocks.onnx"
    code, out, _ = run(capsys, "export", model, "--format", "onnx", "--out", out_file,
                       "--check-images", small_rocks / "Bauxite", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["check"]["top1_agreement"] == 1.0 and report["check"]["images"] == 8
    props = {p.key: p.value for p in onnx.load(out_file).metadata_props}
    assert json.loads(props["effnet_studio.preprocess"])["size"] == 224
    assert json.loads(props["effnet_studio.classes"])[2] == "鲕粒灰岩"


def test_imagenet_model_predicts(small_rocks, capsys):
    code, out, _ = run(capsys, "predict", "imagenet:lite0", small_rocks / "Chert", "--top-k", "1", "--json")
    assert code == 0 and len(json.loads(out)[0]["top"]) == 1


@pytest.mark.parametrize("args, sentence", [
    (["train", "{tmp}/missing", "--out", "{tmp}/m.effnet"], "does not exist"),
    (["predict", "{tmp}/not-a-model.effnet", "{img}"], "not an EffNet Studio model"),
    (["predict", "imagenet:b0", "{img}", "--mirror", "http://127.0.0.1:9/"], "Could not download"),
])
def test_user_errors_are_one_sentence_exit_2(args, sentence, tmp_path, rocks_dir):
    (tmp_path / "not-a-model.effnet").write_text("hello")
    img = next((rocks_dir / "Chert").iterdir())
    argv = [a.format(tmp=tmp_path, img=img) for a in args]
    proc = subprocess.run([sys.executable, "-m", "effnet_app", *argv], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert sentence in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_core_imports_no_qt():
    code = ("import sys, effnet_app.core.training.run, effnet_app.core.inference.predict, effnet_app.core.inference.export, "
            "effnet_app.cli; assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
