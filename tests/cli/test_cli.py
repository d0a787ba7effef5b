"""The command line, end to end, on real Lite0 and real (shrunk) micrographs."""

import csv
import json
import subprocess
import sys

import onnx
import pytest

from effnet_app.cli import main
from tests.cli.running import run


@pytest.fixture(scope="module")
def model(small_rocks, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "rocks.effnet"
    assert main(["train", str(small_rocks), "--variant", "lite0", "--mode", "quick",
                 "--val-fraction", "0.25", "--out", str(out)]) == 0
    return out


def test_variants_json(capsys):
    code, out, _ = run(capsys, "variants", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["name"] for r in rows][:4] == ["lite0", "lite1", "lite2", "b0"]
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


def test_a_rock_model_calls_steel_none_of_these(model, steel_pictures, small_rocks, tmp_path, capsys):
    folder = tmp_path / "steel"
    folder.mkdir()
    for p in steel_pictures:
        (folder / p.name).write_bytes(p.read_bytes())
    code, out, _ = run(capsys, "predict", model, folder, "--json", "--csv", tmp_path / "p.csv")
    preds = json.loads(out)
    assert code == 0 and len(preds) == 12
    assert all(p["unknown"] is True and p["unknown_score"] > 1 for p in preds)
    rows = list(csv.DictReader(open(tmp_path / "p.csv", encoding="utf-8")))
    assert [r["unknown"] for r in rows] == ["true"] * 12 and all(float(r["unknown_score"]) > 1 for r in rows)
    code, out, _ = run(capsys, "predict", model, folder / steel_pictures[0].name)
    assert out.startswith(f"{folder / steel_pictures[0].name}: None of these (closest: ")
    code, out, _ = run(capsys, "predict", model, folder, "--json", "--unknown-share", "0")
    assert not any(p["unknown"] for p in json.loads(out)), "0 % turns the answer off"
    code, out, _ = run(capsys, "evaluate", model, small_rocks, "--json")
    ev = json.loads(out)
    assert 0 <= ev["ece"] <= 1 and 0 <= ev["unknown_rate"] <= 0.2 and ev["accuracy"] >= 0.9


def test_a_model_from_before_none_of_these_still_works_and_says_so_once(model, small_rocks, tmp_path, capsys):
    from effnet_app.core.store import model_file
    from tests.model_files import rewrite_meta

    old = tmp_path / "old.effnet"
    saved = model_file.load_model(model)
    model_file.save_model(old, saved.network_tensors, saved.meta)

    def as_before(meta):
        for key in ("temperature", "unknown_quantiles", "unknown_share"):
            del meta[key]
        for key in ("ece", "reliability", "unknown_count"):
            meta["metrics"].pop(key, None)
    rewrite_meta(old, as_before)
    code, out, err = run(capsys, "predict", old, small_rocks / "Chert", "--json")
    preds = json.loads(out)
    assert code == 0 and len(preds) == 8 and all(p["unknown"] is None for p in preds)
    assert sum(p["top"][0]["class"] == "Chert" for p in preds) >= 7
    assert err.count("made before “None of these” existed") == 1
    code, out, _ = run(capsys, "evaluate", old, small_rocks, "--json")
    assert json.loads(out)["unknown_rate"] is None


def test_train_says_how_many_groups_its_split_kept_together(small_rocks, tmp_path, capsys):
    """The small rocks are overlapping tiles of one micrograph per class: their views
    stay on one side of the split (--split views, the default); --split random does not."""
    code, out, _ = run(capsys, "train", small_rocks, "--out", tmp_path / "v.effnet", "--val-fraction", "0.25", "--json")
    grouped = json.loads(out)
    assert code == 0 and grouped["split"] == "views" and grouped["split_groups"] >= 1
    code, out, _ = run(capsys, "train", small_rocks, "--out", tmp_path / "r.effnet", "--val-fraction", "0.25",
                       "--split", "random")
    assert code == 0 and "kept on one side" not in out


def test_train_by_budget_says_what_it_picked_and_keeps_the_time(small_rocks, tmp_path, capsys):
    from effnet_app.core.store.model_file import read_model_meta
    from effnet_app.core.training.budget import RECIPES

    code, out, err = run(capsys, "train", small_rocks, "--budget", "minute", "--json", "--out", tmp_path / "m.effnet")
    assert code == 0, err
    summary = json.loads(out)
    best = RECIPES[0]
    assert summary["budget"]["name"] == "minute" and summary["budget"]["reason"].startswith("Quick mode with")
    assert summary["variant"] == best.variant and summary["mode"] == "quick" and summary["seconds"]["total"] < 60
    assert read_model_meta(tmp_path / "m.effnet").tta_views == summary["views"] in (1, 8)  # as its pictures chose
    # In words, the plan comes first; the choices it makes may not be given beside it.
    code, out, _ = run(capsys, "train", small_rocks, "--budget", "minute", "--out", tmp_path / "n.effnet")
    assert code == 0 and out.startswith("Quick mode with")
    code, _, err = run(capsys, "train", small_rocks, "--budget", "hour", "--variant", "lite0", "--out", tmp_path / "o.effnet")
    assert code == 2 and "--budget picks the network" in err
