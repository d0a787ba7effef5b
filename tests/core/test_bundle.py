import json
import os

import pytest
import torch
from safetensors.torch import save_file

from effnet_app.core.store import model_file as bundle
from effnet_app.core.errors import BundleError, StorageError
from effnet_app.core.models.network import build_net
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.models.variants import get_variant


def _tiny_bundle(path, classes=("a", "b", "c")):
    net = build_net(get_variant("lite0"), num_classes=len(classes), pretrained=False)
    meta = {"variant": "lite0", "classes": list(classes),
            "preprocess": get_variant("lite0").preprocess.to_dict(), "tta_views": 1}
    return bundle.save(path, net.state_dict(), meta)


def _rewrite_meta(path, edit):
    data = path.read_bytes()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + n])
    meta = json.loads(header["__metadata__"][bundle.META_KEY])
    edit(meta)
    header["__metadata__"][bundle.META_KEY] = json.dumps(meta)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    path.write_bytes(len(raw).to_bytes(8, "little") + raw + data[8 + n :])


def test_round_trip(tmp_path):
    path = _tiny_bundle(tmp_path / "m.effnet")
    b = bundle.load(path)
    assert b.classes == ["a", "b", "c"] and b.variant.name == "lite0"
    assert Classifier.load(path, device="cpu").net.num_classes == 3


def test_edited_class_count_is_refused(tmp_path):
    path = _tiny_bundle(tmp_path / "m.effnet")
    _rewrite_meta(path, lambda m: m["classes"].append("d"))
    with pytest.raises(BundleError, match="names 4 classes but its weights have 3 outputs"):
        bundle.load(path)


@pytest.mark.parametrize("content", [b"", b"hello world, not a model", b"\x00" * 100])
def test_non_bundles_refused(tmp_path, content):
    path = tmp_path / "x.effnet"
    path.write_bytes(content)
    with pytest.raises(BundleError):
        bundle.load(path)


def test_other_safetensors_and_truncated_refused(tmp_path, rocks_dir):
    plain = tmp_path / "plain.safetensors"
    save_file({"w": torch.zeros(2)}, plain)
    with pytest.raises(BundleError, match="not an EffNet Studio model"):
        bundle.load(plain)
    good = _tiny_bundle(tmp_path / "m.effnet")
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2])
    with pytest.raises(BundleError, match="damaged"):
        bundle.load(good)
    jpg = next((rocks_dir / "Chert").iterdir())
    with pytest.raises(BundleError):
        Classifier.load(jpg)


def test_pickle_checkpoint_is_not_a_bundle(tmp_path):
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path = tmp_path / "evil.effnet"
    torch.save({"x": Evil()}, path)
    with pytest.raises(BundleError):
        Classifier.load(path)
    assert not marker.exists()


def test_failed_write_keeps_previous_file(tmp_path, monkeypatch):
    path = _tiny_bundle(tmp_path / "m.effnet", ("old1", "old2"))
    before = path.read_bytes()

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StorageError, match="No space left"):
        _tiny_bundle(path, ("new1", "new2"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.effnet"]


def test_disk_full_while_saving_keeps_the_previous_model(trained_model, small_disk):
    """A real model saved over itself on a file system with no room left: a sentence,
    the previous file byte for byte, no temporary file; with room again it saves."""
    path = small_disk.path / "rocks.effnet"
    path.write_bytes(trained_model.read_bytes())
    before = path.read_bytes()
    saved = bundle.load(path)
    meta = {**saved.meta, "name": "rocks, retrained"}
    with small_disk.full():
        with pytest.raises(StorageError) as err:
            bundle.save(path, saved.tensors, meta)
    text = str(err.value)
    assert "Could not save 'rocks.effnet'" in text and "previous file, if any, is unchanged" in text
    assert ("No space left on device" if small_disk.mounted else "File too large") in text
    assert path.read_bytes() == before
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["rocks.effnet"]
    bundle.save(path, saved.tensors, meta)
    assert bundle.load(path).meta["name"] == "rocks, retrained"
