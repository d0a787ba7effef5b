"""Hostile pictures and folders, each built here: nothing the user opens crashes, hangs,
exhausts memory or writes outside the folder it belongs to."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from PIL import Image

from effnet_app.core.data.dataset import add_example, scan_folder
from effnet_app.core.data.images import open_image
from effnet_app.core.errors import DatasetError, ImageError

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


def test_a_tiny_png_of_one_by_100000_pixels_is_refused_before_decoding(tmp_path):
    """474 bytes that would become 256 x 25.6 million pixels once resized for the network."""
    thin = tmp_path / "thin.png"
    Image.new("L", (100_000, 1)).save(thin, optimize=True)
    assert thin.stat().st_size < 2000
    with pytest.raises(ImageError, match="too long and thin.*100000 x 1 pixels"):
        open_image(thin)
    Image.new("RGB", (5000, 100)).save(tmp_path / "panorama.png")  # 50:1 is still a picture
    assert open_image(tmp_path / "panorama.png").size == (5000, 100)


def test_a_thin_picture_in_a_dataset_is_skipped_and_the_rest_trains(small_rocks_copy):
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.training.run import train

    Image.new("L", (1, 100_000)).save(small_rocks_copy / "Chert" / "thin.png")
    res = train(TrainConfig(mode="quick", val_fraction=0.25), small_rocks_copy)
    assert res.status == "completed"
    assert any(p.path.endswith("thin.png") and "too long and thin" in p.message for p in res.problems)


@needs_fifo
def test_a_pipe_named_like_a_picture_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "a.jpg"
    os.mkfifo(fifo)
    done: list[Exception] = []

    def read():
        try:
            open_image(fifo)
        except ImageError as e:
            done.append(e)
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the reader before failing, so the test run can end
        with open(fifo, "wb"):
            pass
        pytest.fail("open_image blocked on a named pipe")
    assert "not a regular file" in str(done[0])


@needs_fifo
def test_special_files_and_unreadable_folders_in_a_dataset_are_named_and_skipped(small_rocks_copy):
    os.mkfifo(small_rocks_copy / "Chert" / "pipe.jpg")
    locked = small_rocks_copy / "Bauxite" / "locked"
    locked.mkdir()
    shutil.copy(next((small_rocks_copy / "Bauxite").glob("*.jpg")), locked / "inside.jpg")
    locked.chmod(0o000)
    try:
        index = scan_folder(small_rocks_copy)
    finally:
        locked.chmod(0o755)
    notes = {os.path.basename(p.path): p.message for p in index.problems}
    assert "regular file" in notes["pipe.jpg"]
    if os.geteuid() != 0:  # root reads anything: the permission case needs an ordinary user
        assert "cannot be read" in notes["locked"]
    assert index.counts()["Chert"] == 8


def test_a_class_folder_that_links_outside_and_odd_names_are_left_out_with_a_note(small_rocks_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(small_rocks_copy / "Chert", outside)
    (small_rocks_copy / "escape").symlink_to(outside, target_is_directory=True)
    (small_rocks_copy / "root").symlink_to("/", target_is_directory=True)
    shutil.copytree(small_rocks_copy / "Chert", small_rocks_copy / "...")
    shutil.copytree(small_rocks_copy / "Chert", small_rocks_copy / "chert ")  # a trailing space
    index = scan_folder(small_rocks_copy)
    assert set(index.classes) == {"Bauxite", "Chert", "chert ", "鲕粒灰岩"}
    text = " | ".join(p.message for p in index.problems)
    assert "class 'escape' is a link to a folder outside" in text and "class 'root' is a link" in text
    assert "a folder named '...' cannot be a class" in text
    assert "classes 'Chert', 'chert ' look the same" in text


def test_looks_alike_catches_unicode_forms(tmp_path, small_rocks):
    for name in ("Caf\u00e9", "Cafe\u0301"):  # é as one character, and as e + combining accent
        shutil.copytree(small_rocks / "Chert", tmp_path / name)
    index = scan_folder(tmp_path)
    assert len(index.classes) == 2 and any("look the same" in p.message for p in index.problems)


@pytest.mark.parametrize("name", ["../escaped", "/tmp/absolute", "..", "a/b", "C:evil", "bell\x07"])
def test_its_really_never_writes_outside_the_dataset(small_rocks_copy, tmp_path, name):
    picture = next((small_rocks_copy / "Chert").iterdir())
    before = set(tmp_path.rglob("*"))
    with pytest.raises(DatasetError, match="cannot be a class folder"):
        add_example(small_rocks_copy, name, picture)
    assert set(tmp_path.rglob("*")) == before


def test_its_really_refuses_a_class_folder_that_links_outside(small_rocks_copy, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (small_rocks_copy / "Linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DatasetError, match="cannot be a class folder"):
        add_example(small_rocks_copy, "Linked", next((small_rocks_copy / "Chert").iterdir()))
    assert not any(outside.iterdir())
    assert add_example(small_rocks_copy, "New class", next((small_rocks_copy / "Chert").iterdir())).is_file()


def test_a_network_share_that_stops_answering_is_a_sentence_within_the_time_out(tmp_path, monkeypatch, small_rocks):
    """stat on a share that went away hangs for minutes: the app waits STAT_TIMEOUT, says
    so, and the next file is asked on a fresh worker."""
    import time

    from effnet_app.core import files

    hung = tmp_path / "hung.jpg"
    shutil.copy(next((small_rocks / "Chert").iterdir()), hung)
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(path).endswith("hung.jpg"):
            time.sleep(3)
        return real_stat(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(files, "STAT_TIMEOUT", 0.5)
    start = time.monotonic()
    with pytest.raises(ImageError, match="did not answer within 0.5 s"):
        open_image(hung)
    assert time.monotonic() - start < 2
    assert open_image(next((small_rocks / "Chert").iterdir())).size == (320, 256)
