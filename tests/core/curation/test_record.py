"""Recording pictures into a class folder: the rate, the skipping of frames that show
nothing new, names that never overwrite, and class names that cannot escape."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from effnet_app.core.curation.record import Recorder, class_folder
from effnet_app.core.errors import DatasetError


def frame(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (120, 160, 3), dtype=np.uint8)


def test_a_burst_keeps_its_rate_and_skips_a_still_scene(tmp_path):
    rec = Recorder(tmp_path, rate=2.0)
    still = frame(0)
    noisy = [np.clip(still.astype(int) + np.random.default_rng(i).integers(-6, 7, still.shape), 0, 255).astype(np.uint8)
             for i in range(10)]
    written = [rec.offer(f, now=t * 0.1) for t, f in enumerate(noisy)]  # 1 s of a still slide, sensor noise only
    assert sum(p is not None for p in written) == 1 and rec.skipped >= 1
    moving = [rec.offer(frame(100 + t), now=1.0 + t * 0.1) for t in range(20)]  # 2 s of new pictures at 10 frames/s
    assert sum(p is not None for p in moving) == 4  # 2 per second
    assert len(rec.written) == 5 == len(list(tmp_path.iterdir()))
    assert Image.open(rec.written[-1]).size == (160, 120)


def test_snapshots_never_overwrite(tmp_path):
    rec = Recorder(tmp_path)
    first = rec.save(frame(1))
    taken = first.read_bytes()
    paths = [rec.save(frame(1)) for _ in range(3)]  # the same second, the same picture: new names all the same
    assert len({first, *paths}) == 4 and first.read_bytes() == taken


def test_class_names_are_plain_folders_inside_the_dataset(tmp_path):
    assert class_folder(tmp_path, " Basalt ", create=True) == tmp_path / "Basalt" and (tmp_path / "Basalt").is_dir()
    for bad in ("../outside", "a/b", "..", "", "x\x07"):
        with pytest.raises(DatasetError):
            class_folder(tmp_path, bad, create=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Basalt"]
