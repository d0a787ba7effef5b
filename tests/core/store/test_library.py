"""The model library, architecture tables, feedback copies and thumbnails: core only."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from effnet_app.core.models.architecture import compound_scaling, inspect_variant
from effnet_app.core.data.dataset import add_example
from effnet_app.core.errors import BundleError, StorageError
from effnet_app.core.data.images import thumbnail, thumbnails
from effnet_app.core.store.library import Library, builtin_entry, clean_name
from effnet_app.core.store.model_file import read_model_meta
from effnet_app.core.paths import models_dir


def test_library_lives_under_studio_home(studio_home):
    assert Library().root == models_dir() and studio_home in models_dir().parents


def test_library_lists_renames_deletes(trained_copy, tmp_path):
    lib = Library(tmp_path / "lib")
    entry = lib.import_file(trained_copy)
    listed, problems = lib.entries()
    assert [e.ref for e in listed] == [entry.ref] and not problems
    assert entry.variant == "lite0" and entry.classes == ("Bauxite", "Chert", "鲕粒灰岩")
    assert entry.accuracy is not None and entry.created
    (lib.root / "junk.effnet").write_bytes(b"nonsense")
    listed, problems = lib.entries()
    assert len(listed) == 1 and "junk.effnet" in problems[0]
    renamed = lib.rename(entry, "玄武岩 / test")
    assert renamed.name == "玄武岩 _ test" and renamed.path.is_file() and not entry.path.exists()
    again = lib.import_file(trained_copy)
    with pytest.raises(StorageError, match="already exists"):
        lib.rename(again, renamed.name)
    lib.delete(renamed)
    assert not renamed.path.exists()
    with pytest.raises(StorageError):
        lib.delete(builtin_entry())


def test_import_refuses_non_models(tmp_path):
    lib = Library(tmp_path / "lib")
    for name, data in (("empty.effnet", b""), ("text.effnet", b"hello world, not a model")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(BundleError):
            lib.import_file(tmp_path / name)
    assert not lib.root.exists() or not list(lib.root.iterdir())


def test_header_is_read_without_the_weights(trained_copy):
    meta = read_model_meta(trained_copy)
    assert meta.variant == "lite0" and meta.dataset


def test_clean_name():
    assert clean_name(' a:b*c? ') == "a_b_c_"
    with pytest.raises(StorageError):
        clean_name(" .. ")


def test_stage_table_matches_the_paper():
    """EfficientNet paper, Table 1 (B0): read from the built network, not typed in."""
    arch = inspect_variant("b0")
    rows = [(s.operator, s.resolution[0], s.channels, s.layers) for s in arch.stages]
    assert rows == [
        ("Conv3x3", 224, 32, 1), ("MBConv1, k3x3", 112, 16, 1), ("MBConv6, k3x3", 112, 24, 2),
        ("MBConv6, k5x5", 56, 40, 2), ("MBConv6, k3x3", 28, 80, 3), ("MBConv6, k5x5", 14, 112, 3),
        ("MBConv6, k5x5", 14, 192, 4), ("MBConv6, k3x3", 7, 320, 1), ("Conv1x1 & Pooling & FC", 7, 1280, 1),
    ]
    assert arch.params == 5_288_548
    assert 0.38e9 < arch.flops < 0.40e9  # the paper: 0.39B FLOPs


def test_compound_scaling_grows_all_three():
    rows = compound_scaling()
    assert [r.variant for r in rows] == [f"b{i}" for i in range(8)]
    for a, b in zip(rows, rows[1:]):
        assert b.depth >= a.depth and b.width >= a.width and b.resolution > a.resolution
        assert b.flops > a.flops
    assert rows[-1].width == pytest.approx(2.0) and rows[-1].input_size == 600


def test_feedback_copy_never_overwrites(small_rocks_copy, tmp_path):
    src = next((small_rocks_copy / "Chert").iterdir())
    first = add_example(small_rocks_copy, "Bauxite", src)
    second = add_example(small_rocks_copy, "Bauxite", src)
    assert first.read_bytes() == second.read_bytes() == src.read_bytes()
    assert second.name.endswith("(2).jpg")
    new_class = add_example(small_rocks_copy, "新类", b"\x89PNG fake", "clip.png")
    assert new_class.parent.name == "新类"


def test_feedback_into_read_only_folder_says_so(small_rocks, small_disk):
    if not small_disk.can_be_read_only:
        pytest.skip("root can write into read-only folders, and mounting is not allowed here")
    data = shutil.copytree(small_rocks, small_disk.path / "rocks")
    with small_disk.read_only():
        for name in ("Chert", "新类"):  # an existing class, and one whose folder would be made
            with pytest.raises(StorageError, match="(Read-only file system|Permission denied)"):
                add_example(data, name, next((data / "Chert").iterdir()))
    assert sorted(p.name for p in data.iterdir()) == sorted(p.name for p in small_rocks.iterdir())


def test_thumbnails_are_small_and_errors_are_sentences(small_rocks, tmp_path):
    path = next((small_rocks / "Chert").iterdir())
    t = thumbnail(path, 64)
    assert t.dtype == np.uint8 and max(t.shape[:2]) == 64 and t.shape[2] == 3
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"garbage")

    class Events:
        def __init__(self):
            self.items = []

        def event(self, event):
            self.items.append(event)

        def progress(self, fraction, message=""):
            pass

    rec = Events()
    assert thumbnails([path, bad], 32, rec) == 2
    assert rec.items[0].image is not None and rec.items[1].error
