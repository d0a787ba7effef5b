"""Shared fixtures. Real data comes from ../shared/data/rocks (never copied into git)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

# Widgets render offscreen in tests (no display on CI).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
ROCKS = Path(os.environ.get("EFFNET_ROCKS", ROOT.parent / "shared" / "data" / "rocks"))


@pytest.fixture(scope="session")
def rocks_dir() -> Path:
    if not ROCKS.is_dir():
        pytest.fail(f"The rock images are expected at {ROCKS} (set EFFNET_ROCKS to move them).")
    return ROCKS


def make_small_rocks(dest: Path, classes: dict[str, str], per_class: int, size: tuple[int, int] = (320, 256)) -> Path:
    """Copy ``per_class`` real rock images of each source class into ``dest/<new name>``,
    shrunk to ``size`` so tests decode fast."""
    for new_name, source in classes.items():
        out = dest / new_name
        out.mkdir(parents=True, exist_ok=True)
        for f in sorted((ROCKS / source).iterdir())[:per_class]:
            with Image.open(f) as img:
                img.convert("RGB").resize(size, Image.Resampling.BILINEAR).save(out / f.name, quality=92)
    return dest


SMALL_CLASSES = {"Chert": "Chert", "Bauxite": "Bauxite", "鲕粒灰岩": "SparryOoliticLimestone"}


@pytest.fixture(scope="session")
def small_rocks(tmp_path_factory, rocks_dir) -> Path:
    """3 classes x 8 real micrographs (one class with a Chinese name), 320 x 256."""
    return make_small_rocks(tmp_path_factory.mktemp("small rocks"), SMALL_CLASSES, 8)


@pytest.fixture
def small_rocks_copy(small_rocks, tmp_path) -> Path:
    """A private, writable copy of ``small_rocks`` for tests that damage it."""
    dest = tmp_path / "data"
    shutil.copytree(small_rocks, dest)
    return dest


@pytest.fixture(autouse=True)
def _isolated_torch_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real torch cache."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path_factory.getbasetemp() / "torch_home"))
    monkeypatch.delenv("EFFNET_WEIGHTS_MIRROR", raising=False)
