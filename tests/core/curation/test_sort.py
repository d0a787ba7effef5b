"""Sorting unlabelled pictures into a dataset with a model, and undoing it exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from effnet_app.core.curation.sort import undo_sort
from effnet_app.core.errors import DatasetError
from tests.cli.running import run
from tests.conftest import ROCKS


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file (and empty folder) under ``folders``, with its bytes."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                out[str(p)] = p.read_bytes()
            elif p.is_dir() and not any(p.iterdir()):
                out[str(p)] = b"<empty folder>"
    return out


@pytest.fixture
def unsorted(tmp_path, steel_pictures) -> Path:
    """Rock pictures the small model never saw, a steel picture and a damaged file."""
    folder = tmp_path / "unsorted"
    (folder / "day 2").mkdir(parents=True)
    for cls in ("Chert", "Bauxite"):  # as the small rocks were made: shrunk to 320 x 256
        for f in sorted((ROCKS / cls).iterdir())[8:10]:
            with Image.open(f) as img:
                img.convert("RGB").resize((320, 256), Image.Resampling.BILINEAR).save(folder / f.name, quality=92)
    with Image.open(sorted((ROCKS / "Chert").iterdir())[10]) as img:
        img.convert("RGB").resize((320, 256), Image.Resampling.BILINEAR).save(folder / "day 2" / "late.jpg")
    shutil.copy(steel_pictures[0], folder / steel_pictures[0].name)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    return folder


def test_sort_moves_into_the_classes_and_undo_restores_both_folders_byte_for_byte(
        small_rocks_copy, unsorted, capsys):
    """With the ImageNet model every picture gets a class (it has no "None of these"): the
    sort makes class folders, and Undo removes them again."""
    code, out, _ = run(capsys, "sort", "imagenet:lite0", unsorted, "--into", small_rocks_copy, "--dry-run", "--json")
    planned = [r for r in json.loads(out)["pictures"] if r["dest"]]
    assert code == 0 and len(planned) == 6 and not any(Path(r["dest"]).exists() for r in planned)
    clash = Path(planned[0]["dest"])
    clash.parent.mkdir(exist_ok=True)
    clash.write_bytes(b"already here")  # the name the first picture would take is now taken
    before = snapshot(small_rocks_copy, unsorted)
    code, out, _ = run(capsys, "sort", "imagenet:lite0", unsorted, "--into", small_rocks_copy, "--move", "--json")
    assert code == 0
    result = json.loads(out)
    placed = {Path(r["source"]).name: r for r in result["pictures"]}
    assert placed["broken.jpg"]["error"] and placed["broken.jpg"]["dest"] is None
    assert [r["confidence"] for r in result["pictures"] if not r["error"]] == sorted(
        r["confidence"] for r in result["pictures"] if not r["error"])  # least sure first
    moved = [r for r in result["pictures"] if r["dest"]]
    assert len(moved) == 6 and all(not Path(r["source"]).exists() and Path(r["dest"]).is_file() for r in moved)
    assert clash.read_bytes() == b"already here"
    assert any(Path(r["dest"]).name == f"{clash.stem} (2){clash.suffix}" for r in moved)  # a suffix, not an overwrite
    code, out, _ = run(capsys, "sort", "--undo", result["log"])
    assert code == 0 and "Undone: 6 pictures" in out
    assert snapshot(small_rocks_copy, unsorted) == before
    code, out, _ = run(capsys, "sort", "--undo", result["log"])  # the log is used up
    assert code != 0


def test_pictures_unlike_the_dataset_stay_where_they_are(trained_model, small_rocks_copy, unsorted, capsys):
    code, out, _ = run(capsys, "sort", trained_model, unsorted, "--into", small_rocks_copy, "--json")
    rows = json.loads(out)["pictures"]
    assert code == 0 and all(r["dest"] is None for r in rows if r["unknown"] or r["error"])
    assert any(r["unknown"] for r in rows if Path(r["source"]).suffix == ".png")  # the steel picture


def test_a_dry_run_and_a_confidence_limit(trained_model, small_rocks_copy, unsorted, capsys):
    before = snapshot(small_rocks_copy, unsorted)
    code, out, _ = run(capsys, "sort", trained_model, unsorted, "--into", small_rocks_copy, "--dry-run")
    assert code == 0 and "Would file" in out and snapshot(small_rocks_copy, unsorted) == before
    code, out, _ = run(capsys, "sort", trained_model, unsorted, "--into", small_rocks_copy, "--min-confidence", "100",
                       "--json")
    assert code == 0 and not [r for r in json.loads(out)["pictures"] if r["dest"]]


def test_a_log_that_lies_touches_nothing_outside_its_dataset(tmp_path, small_rocks_copy):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    log = tmp_path / "sort-lie.json"
    log.write_text(json.dumps({"version": 1, "dataset": str(small_rocks_copy), "moved": False, "made_folders": [],
                               "entries": [{"source": "x", "dest": str(outside), "sha256": "0" * 64}]}))
    assert undo_sort(log) == 0 and outside.read_text() == "keep me"
    bad = tmp_path / "sort-bad.json"
    bad.write_text("{not json")
    with pytest.raises(DatasetError, match="not a sort log"):
        undo_sort(bad)
