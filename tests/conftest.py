"""Shared fixtures. Real data comes from ../shared/data/rocks (never copied into git)."""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import threading
from functools import partial
from pathlib import Path

import pytest
from PIL import Image

# Widgets render offscreen in tests (no display on CI).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
ROCKS = Path(os.environ.get("EFFNET_ROCKS", ROOT.parent / "shared" / "data" / "rocks"))
STEEL = ROCKS.parent / "steel"  # pictures of another kind: what a rock model should call "None of these"


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


@pytest.fixture(scope="session")
def steel_pictures(rocks_dir) -> list[Path]:
    """Two steel-surface pictures of each of the six defect kinds (read in place)."""
    if not STEEL.is_dir():
        pytest.fail(f"The steel pictures are expected at {STEEL}.")
    return [p for kind in sorted(STEEL.iterdir()) if kind.is_dir() for p in sorted(kind.iterdir())[:2]]


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


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Tests read English sentences whatever this machine's locale; a test that
    switches the language leaves English behind it."""
    monkeypatch.setenv("EFFNET_LANGUAGE", "en")
    yield
    from effnet_app import languages

    if languages.active() != "en":
        from PySide6.QtCore import QCoreApplication

        languages.activate("en", QCoreApplication.instance())


@pytest.fixture(autouse=True)
def studio_home(tmp_path, monkeypatch) -> Path:
    """Settings, model library, logs and caches of each test in its own folder."""
    home = tmp_path / "studio home"
    monkeypatch.setenv("EFFNET_STUDIO_HOME", str(home))
    return home


class _Handler(http.server.SimpleHTTPRequestHandler):
    chunk_delay = 0.0

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/models/"
    httpd.shutdown()
    httpd.server_close()


def make_checkpoint(folder: Path, stem: str = "efficientnet_b0_test") -> Path:
    """A freshly initialised B0 state_dict saved as <stem>-<sha8>.pth (torchvision naming)."""
    import torch

    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant

    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "tmp.pth"
    torch.save(build_net(get_variant("b0"), pretrained=False).state_dict(), tmp)
    sha8 = hashlib.sha256(tmp.read_bytes()).hexdigest()[:8]
    final = folder / f"{stem}-{sha8}.pth"
    tmp.rename(final)
    return final


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, small_rocks) -> Path:
    """A quick Lite0 model of the small rock set, trained once by the core."""
    from effnet_app.core.store.library import Library
    from effnet_app.core.training.into_library import train_into_library
    from effnet_app.core.training.config import TrainConfig

    lib = Library(tmp_path_factory.mktemp("trained"))
    _result, entry = train_into_library(lib, TrainConfig(variant="lite0", mode="quick"), small_rocks, "small rocks")
    return entry.path


def calibrated_b0(pictures: list[Path]):
    """B0 with its random initial convolutions but BatchNorm statistics measured on real
    pictures (``calibrate_batchnorm``): B0's ImageNet weights cannot be downloaded here,
    and with the bare initialisation every SE gate would be exactly 0.5."""
    import torch

    from effnet_app.core.models.network import build_net
    from tools.stand_ins import calibrate_batchnorm
    from effnet_app.core.data.preprocess import eval_transform
    from effnet_app.core.models.variants import get_variant

    torch.manual_seed(0)
    v = get_variant("b0")
    tf = eval_transform(v.preprocess)
    batch = torch.stack([tf(Image.open(p).convert("RGB")) for p in pictures])
    return calibrate_batchnorm(build_net(v, pretrained=False), batch)


@pytest.fixture(scope="session")
def b0_model(tmp_path_factory, small_rocks) -> Path:
    """A quick B0 model of the small rock set, on the weights of :func:`calibrated_b0`
    (imported as unverified weights into a private torch cache): real SE blocks, gates
    that vary, and a head that separates the classes a little."""
    import torch

    from effnet_app.core.store.library import Library
    from effnet_app.core.training.into_library import train_into_library
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.models.variants import get_variant
    from effnet_app.core.models.weights import import_weights

    pictures = sorted(p for p in small_rocks.rglob("*") if p.is_file())
    weights = tmp_path_factory.mktemp("b0 weights") / "calibrated.pth"
    torch.save(calibrated_b0(pictures).state_dict(), weights)
    before = os.environ.get("TORCH_HOME")
    os.environ["TORCH_HOME"] = str(tmp_path_factory.mktemp("b0 torch home"))
    try:
        import_weights(get_variant("b0"), weights, allow_unverified=True)
        lib = Library(tmp_path_factory.mktemp("trained b0"))
        _result, entry = train_into_library(lib, TrainConfig(variant="b0", mode="quick"), small_rocks, "small rocks b0")
    finally:
        if before is None:
            os.environ.pop("TORCH_HOME", None)
        else:
            os.environ["TORCH_HOME"] = before
    return entry.path


@pytest.fixture
def trained_copy(trained_model, tmp_path) -> Path:
    dest = tmp_path / "model copy.effnet"
    shutil.copy(trained_model, dest)
    return dest


@pytest.fixture(scope="session")
def rock_video(tmp_path_factory, small_rocks) -> Path:
    """A 640 x 480 Motion-JPEG video of 48 frames cycling through the small rock images
    (2 s at 24 fps): the stand-in camera of the live-view tests."""
    from tools.stand_ins import write_video

    pictures = sorted(p for p in small_rocks.rglob("*") if p.is_file())
    return write_video(pictures, tmp_path_factory.mktemp("video") / "rocks.avi", 48, fps=24)


@pytest.fixture
def mjpeg_stream(small_rocks, monkeypatch):
    """A local Motion-JPEG HTTP camera of the rock pictures; the stream time-outs are
    shortened so a silent server counts as gone within a second."""
    from effnet_app.core.live import camera
    from tests.mjpeg_server import MJPEGServer

    monkeypatch.setattr(camera, "STREAM_OPEN_TIMEOUT_S", 2.0)
    monkeypatch.setattr(camera, "STREAM_READ_TIMEOUT_S", 1.0)
    stream = MJPEGServer(sorted(p for p in small_rocks.rglob("*") if p.is_file()))
    yield stream
    stream.stop()


@pytest.fixture
def small_disk(tmp_path):
    """A folder a test can fill up (see tests/small_disk.py): ``small_disk.full()``."""
    from tests.small_disk import SmallDisk

    disk = SmallDisk(tmp_path / "disk")
    yield disk
    disk.remove()
