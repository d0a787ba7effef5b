"""The dataset check on real micrographs with planted faults: a picture filed under
the wrong class, a resized copy filed under another class, a cropped copy."""

from __future__ import annotations

import json
import re

import pytest
from PIL import Image

from effnet_app.core.curation.check import check_dataset
from tests.cli.running import run
from tests.conftest import make_small_rocks

CLASSES = {"Chert": "Chert", "Bauxite": "Bauxite", "BioclasticMicrite": "BioclasticMicrite", "Anhydrite": "AnhydriteRock"}


@pytest.fixture(scope="module")
def planted(tmp_path_factory, rocks_dir):
    root = make_small_rocks(tmp_path_factory.mktemp("planted") / "rocks", CLASSES, 10)
    misfiled = sorted((root / "Bauxite").iterdir())[3]
    moved = root / "Chert" / f"planted-{misfiled.name}"
    misfiled.rename(moved)
    original = sorted((root / "BioclasticMicrite").iterdir())[5]
    with Image.open(original) as img:
        w, h = img.size
        resized = root / "Anhydrite" / "copy-resized.jpg"  # a copy across classes
        img.resize((w * 7 // 10, h * 7 // 10), Image.Resampling.BICUBIC).save(resized, quality=85)
        cropped = root / "BioclasticMicrite" / "copy-cropped.jpg"
        img.crop((w // 20, h // 20, w - w // 20, h - h // 20)).save(cropped, quality=92)
    return root, moved, original, resized, cropped


def test_planted_copies_and_a_misfiled_picture_are_found(planted):
    root, moved, original, resized, cropped = planted
    report = check_dataset(root)
    copies = {frozenset(p[:2]) for p in report.near_duplicates}
    assert frozenset((str(original), str(resized))) in copies
    assert frozenset((str(original), str(cropped))) in copies
    assert all(0.8 <= p[2] <= 1.0 for p in report.near_duplicates)
    top = report.suspected_mislabels[:3]
    assert any(s.path == str(moved) and s.label == "Chert" and s.suggested == "Bauxite" for s in top), top
    assert report.pictures == 42 and report.classes == sorted(CLASSES)


def test_the_check_command_writes_the_documented_json(planted, capsys):
    root, moved, *_ = planted
    code, out, _err = run(capsys, "check", root, "--json")
    assert code == 0
    data = json.loads(out)
    assert all(isinstance(a, str) and isinstance(b, str) and 0 <= s <= 1 for a, b, s in data["near_duplicates"])
    first = data["suspected_mislabels"][0]
    assert set(first) >= {"path", "label", "suggested", "confidence"}
    ranked = [s["label_probability"] for s in data["suspected_mislabels"]]
    assert ranked == sorted(ranked)  # most suspicious first
    assert str(moved) in [s["path"] for s in data["suspected_mislabels"]]
    code, out, _err = run(capsys, "check", root, "--top", "1")
    # The planted copy filed under Anhydrite is a BioclasticMicrite picture: also found.
    assert code == 0 and "Probably filed under the wrong class" in out and "looks like BioclasticMicrite" in out
    assert re.search(r"… and \d+ more", out)
