import shutil

import pytest

from effnet_app.core.data.dataset import scan_folder, stratified_folds, stratified_split
from effnet_app.core.errors import DatasetError

from .test_images import huge_png_bytes


def test_scan_real_folder(small_rocks):
    index = scan_folder(small_rocks)
    assert index.classes == sorted(["Chert", "Bauxite", "鲕粒灰岩"])
    assert index.counts() == {c: 8 for c in index.classes}
    assert not [p for p in index.problems if p.severity == "error"]


def test_missing_folder_and_file_instead_of_folder(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        scan_folder(tmp_path / "nope")
    f = tmp_path / "a.jpg"
    f.write_bytes(b"x")
    with pytest.raises(DatasetError, match="is a file"):
        scan_folder(f)


def test_one_class_only(small_rocks_copy):
    for d in list(small_rocks_copy.iterdir())[1:]:
        shutil.rmtree(d)
    with pytest.raises(DatasetError, match="at least 2 sub-folders"):
        scan_folder(small_rocks_copy)


def test_empty_class_is_reported_and_left_out(small_rocks_copy):
    (small_rocks_copy / "Empty").mkdir()
    index = scan_folder(small_rocks_copy)
    assert "Empty" not in index.classes
    assert any("Empty" in p.message and "no usable images" in p.message for p in index.problems)


def test_bad_files_reported_and_skipped(small_rocks_copy, rocks_dir):
    chert = small_rocks_copy / "Chert"
    real = next((rocks_dir / "Chert").iterdir()).read_bytes()
    (chert / "cut.jpg").write_bytes(real[:2000])
    (chert / "notes.jpg").write_text("not a picture")
    (chert / "readme.txt").write_text("hello")
    (chert / "bomb.png").write_bytes(huge_png_bytes(30000, 30000))
    nested = chert / "more" / "深层"
    nested.mkdir(parents=True)
    shutil.copy(next(chert.glob("*.jpg")), nested / "copy.jpg")
    index = scan_folder(small_rocks_copy)
    names = {p.name for p, _ in index.samples}
    assert "notes.jpg" not in names and "readme.txt" not in names
    assert "copy.jpg" in names, "nested folders belong to their class"
    messages = " | ".join(p.message for p in index.problems)
    assert "not an image" in messages
    assert "bomb.png" not in names and "too large" in messages
    assert "same image (duplicates)" in messages


def test_split_is_stratified_and_reproducible(small_rocks):
    index = scan_folder(small_rocks)
    train, val = stratified_split(index.samples, 0.25, seed=3)
    assert len(val) == 6 and len(train) == 18
    assert sorted({lab for _, lab in val}) == [0, 1, 2]
    assert (train, val) == stratified_split(index.samples, 0.25, seed=3)
    assert val != stratified_split(index.samples, 0.25, seed=4)[1]
    folds = stratified_folds(index.samples, 4, seed=0)
    assert sorted(i for f in folds for i in f) == list(range(len(index.samples)))
