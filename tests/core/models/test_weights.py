"""The download path against a real HTTP server on 127.0.0.1, and the pre-seeded cache."""

import os
import pickle
from pathlib import Path

import pytest
import torch

from effnet_app.core.models import weights
from effnet_app.core.errors import Cancelled, WeightsError, WeightsUnavailable
from effnet_app.core.models.network import build_net
from effnet_app.core.progress import CancelToken
from effnet_app.core.models.variants import get_variant
from tests.conftest import make_checkpoint as _checkpoint


class Recorder:
    def __init__(self):
        self.fractions, self.messages = [], []

    def progress(self, fraction, message=""):
        self.fractions.append(fraction)
        self.messages.append(message)

    def event(self, event):
        pass


def test_download_reports_progress_and_verifies(server, tmp_path):
    root, url = server
    ckpt = _checkpoint(root / "models")
    dest = tmp_path / "cache" / ckpt.name
    rec = Recorder()
    weights.download(url + ckpt.name, dest, rec, label="B0 weights")
    assert dest.read_bytes() == ckpt.read_bytes()
    assert rec.fractions[-1] == 1.0 and len(rec.fractions) > 10
    assert rec.fractions == sorted(rec.fractions)
    assert "MB" in rec.messages[0]
    assert list(dest.parent.iterdir()) == [dest], "no temporary file left behind"


def test_hash_mismatch_is_refused(server, tmp_path):
    root, url = server
    ckpt = _checkpoint(root / "models")
    wrong = root / "models" / "efficientnet_b0_test-00000000.pth"
    ckpt.rename(wrong)
    dest = tmp_path / "cache" / wrong.name
    with pytest.raises(WeightsError, match="checksum"):
        weights.download(url + wrong.name, dest)
    assert not dest.parent.exists() or list(dest.parent.iterdir()) == []


def test_mirror_keeps_file_name_and_hash_check(server, monkeypatch):
    root, url = server
    b0 = get_variant("b0")
    fake = _checkpoint(root / "models")
    fake.rename(root / "models" / b0.weights_file)  # right name, wrong content
    assert weights.weights_url(b0, url) == url + b0.weights_file
    monkeypatch.setenv(weights.MIRROR_ENV, url)
    with pytest.raises(WeightsError, match="not the expected one"):
        weights.ensure_weights(b0)
    assert weights.cached_weights(b0) is None
    assert not any(p.name.endswith(".partial") for p in weights.checkpoints_dir().iterdir())


def test_server_down_or_missing_file_gives_sentence(server, tmp_path):
    _, url = server
    with pytest.raises(WeightsUnavailable, match="has no"):
        weights.download(url + "nothing-12345678.pth", tmp_path / "x-12345678.pth")
    with pytest.raises(WeightsUnavailable, match="Could not download weights: 127.0.0.1:9 refused the connection"):
        weights.download("http://127.0.0.1:9/models/x-12345678.pth", tmp_path / "x-12345678.pth", label="weights")
    # No name resolution (no internet, or a mistyped mirror): a sentence, not "[Errno -2] …".
    with pytest.raises(WeightsUnavailable, match="cannot find no-such-host.invalid. It may have no internet"):
        weights.download("http://no-such-host.invalid/x-12345678.pth", tmp_path / "x-12345678.pth", label="weights")
    assert list(tmp_path.iterdir()) == [tmp_path / "www"]


def test_cancel_leaves_no_partial_file(server, tmp_path):
    root, url = server
    ckpt = _checkpoint(root / "models")
    dest = tmp_path / "cache" / ckpt.name
    cancel = CancelToken()

    class CancelHalfway(Recorder):
        def progress(self, fraction, message=""):
            super().progress(fraction, message)
            if fraction > 0.3:
                cancel.cancel()

    with pytest.raises(Cancelled):
        weights.download(url + ckpt.name, dest, CancelHalfway(), cancel)
    assert list(dest.parent.iterdir()) == []


def test_preseeded_cache_is_used_without_network(monkeypatch):
    b0 = get_variant("b0")
    reference = build_net(b0, pretrained=False)
    weights.checkpoints_dir().mkdir(parents=True, exist_ok=True)
    torch.save(reference.state_dict(), weights.checkpoints_dir() / b0.weights_file)
    monkeypatch.setenv(weights.MIRROR_ENV, "http://127.0.0.1:9/unreachable/")
    net = build_net(b0, num_classes=4, pretrained=True)
    assert torch.equal(net.features[0][0].weight, reference.features[0][0].weight)
    assert net.num_classes == 4
    (weights.checkpoints_dir() / b0.weights_file).unlink()


def test_lite0_weights_ship_with_the_app():
    lite = get_variant("lite0")
    path = weights.cached_weights(lite)
    assert path is not None and path.stat().st_size > 10e6
    state = weights.load_pretrained_state(lite)
    assert state["_fc.weight"].shape == (1000, 1280)


def test_import_checks_architecture_and_checksum(tmp_path):
    b1 = get_variant("b1")
    mine = tmp_path / "my_b1.pth"
    torch.save(build_net(b1, pretrained=False).state_dict(), mine)
    with pytest.raises(WeightsError, match="not the official"):
        weights.import_weights(b1, mine)
    dest = weights.import_weights(b1, mine, allow_unverified=True)
    assert dest.name == b1.weights_file and dest.read_bytes() == mine.read_bytes()
    dest.unlink()
    other = tmp_path / "b0.pth"
    torch.save(build_net(get_variant("b0"), pretrained=False).state_dict(), other)
    with pytest.raises(WeightsError, match="layers do not match"):
        weights.import_weights(b1, other, allow_unverified=True)


class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_malicious_pickle_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pth"
    with open(evil, "wb") as f:
        pickle.dump({"features.0.0.weight": _Evil(marker)}, f)
    torch.save({"x": _Evil(marker)}, tmp_path / "evil_zip.pth")
    for f in (evil, tmp_path / "evil_zip.pth"):
        with pytest.raises(WeightsError, match="damaged or not a weights file"):
            weights.import_weights(get_variant("b0"), f, allow_unverified=True)
    assert not marker.exists()


def test_the_checkpoint_folder_is_found_without_importing_torch(tmp_path, monkeypatch):
    """The window lists downloaded weights before PyTorch is loaded: torch hub's rule,
    applied without torch, names the folder torch itself uses."""
    import subprocess
    import sys

    code = "import sys; from effnet_app.core.models import weights; print(weights.checkpoints_dir()); " \
           "assert 'torch' not in sys.modules"
    for env in ({"TORCH_HOME": str(tmp_path / "th")}, {"XDG_CACHE_HOME": str(tmp_path / "xdg")}, {}):
        monkeypatch.delenv("TORCH_HOME", raising=False)
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        child = {k: v for k, v in os.environ.items() if k not in ("TORCH_HOME", "XDG_CACHE_HOME")} | env
        out = subprocess.run([sys.executable, "-c", code], env=child, capture_output=True, text=True, check=True)
        assert Path(out.stdout.strip()) == Path(torch.hub.get_dir()) / "checkpoints"
