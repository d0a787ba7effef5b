import dataclasses
import os

import pytest
import torch
from safetensors.torch import save_file

from effnet_app.core.store import model_file as bundle
from effnet_app.core.store.library import Library
from effnet_app.core.store.metadata import ModelMeta
from effnet_app.core.errors import BundleError, StorageError
from effnet_app.core.models.network import build_net
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.models.variants import get_variant
from tests.model_files import rewrite_meta


def _tiny_bundle(path, classes=("a", "b", "c")):
    net = build_net(get_variant("lite0"), num_classes=len(classes), pretrained=False)
    meta = ModelMeta("lite0", tuple(classes), get_variant("lite0").preprocess)
    return bundle.save_model(path, net.state_dict(), meta)


def test_round_trip(tmp_path):
    path = _tiny_bundle(tmp_path / "m.effnet")
    b = bundle.load_model(path)
    assert b.classes == ["a", "b", "c"] and b.variant.name == "lite0"
    assert Classifier.load(path, device="cpu").net.num_classes == 3


def test_edited_class_count_is_refused(tmp_path):
    path = _tiny_bundle(tmp_path / "m.effnet")
    rewrite_meta(path, lambda m: m["classes"].append("d"))
    with pytest.raises(BundleError, match="names 4 classes but its weights have 3 outputs"):
        bundle.load_model(path)


@pytest.mark.parametrize("content", [b"", b"hello world, not a model", b"\x00" * 100])
def test_non_bundles_refused(tmp_path, content):
    path = tmp_path / "x.effnet"
    path.write_bytes(content)
    with pytest.raises(BundleError):
        bundle.load_model(path)


def test_other_safetensors_and_truncated_refused(tmp_path, rocks_dir):
    plain = tmp_path / "plain.safetensors"
    save_file({"w": torch.zeros(2)}, plain)
    with pytest.raises(BundleError, match="not an EffNet Studio model"):
        bundle.load_model(plain)
    good = _tiny_bundle(tmp_path / "m.effnet")
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2])
    with pytest.raises(BundleError, match="damaged"):
        bundle.load_model(good)
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
    saved = bundle.load_model(path)
    meta = dataclasses.replace(saved.meta, dataset="/data/rocks, retrained")
    with small_disk.full():
        with pytest.raises(StorageError) as err:
            bundle.save_model(path, saved.tensors, meta)
    text = str(err.value)
    assert "Could not save 'rocks.effnet'" in text and "previous file, if any, is unchanged" in text
    assert ("No space left on device" if small_disk.mounted else "File too large") in text
    assert path.read_bytes() == before
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["rocks.effnet"]
    bundle.save_model(path, saved.tensors, meta)
    assert bundle.load_model(path).meta.dataset == "/data/rocks, retrained"


LIES = {
    "accuracy as text": lambda m: m["metrics"].__setitem__("accuracy", "ninety percent"),
    "accuracy above 1": lambda m: m["metrics"].__setitem__("accuracy", 7.5),
    "class names as numbers": lambda m: m.__setitem__("classes", [1, 2, 3]),
    "a negative image size": lambda m: m["preprocess"].__setitem__("size", -224),
    "an image size as text": lambda m: m["preprocess"].__setitem__("size", "224"),
    "an absolute path as a class": lambda m: m["classes"].__setitem__(0, "/etc"),
    "a Windows drive as a class": lambda m: m["classes"].__setitem__(0, "C:evil"),
    "'..' as a class": lambda m: m["classes"].__setitem__(0, ".."),
    "a nested path as a class": lambda m: m["classes"].__setitem__(0, "a/../../b"),
    "a repeated class": lambda m: m["classes"].__setitem__(1, "a"),
    "views out of range": lambda m: m.__setitem__("tta_views", 0),
    "a validation share as text": lambda m: m.__setitem__("train_config", {"val_fraction": "a fifth"}),
    "views as a boolean": lambda m: m.__setitem__("tta_views", True),
    "an unknown status": lambda m: m.__setitem__("status", "maybe"),
    "a confusion matrix of the wrong size": lambda m: m["metrics"].__setitem__("confusion", [[1]]),
    "an empty description": lambda m: (m.clear(), m.update(format="effnet-studio", kind="model")),
}


def _lying_file(tmp_path, name, lie):
    path = _tiny_bundle(tmp_path / f"{name}.effnet")

    def edit(m):
        m["metrics"] = {"classes": m["classes"], "accuracy": 0.9, "per_class": [
            {"name": c, "precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1} for c in m["classes"]],
            "confusion": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "count": 3}
        lie(m)
    rewrite_meta(path, edit)
    return path


@pytest.mark.parametrize("lie", LIES, ids=list(LIES))
def test_a_file_whose_metadata_lies_is_refused_with_one_sentence(tmp_path, lie):
    """Wrong types, ranges and class names are refused at every way in: the full
    load, the header read behind the library's listing, and the library's import."""
    path = _lying_file(tmp_path, "liar", LIES[lie])
    for read in (bundle.load_model, bundle.read_model_meta, Classifier.load,
                 Library(tmp_path / "library").import_file):
        with pytest.raises(BundleError) as err:
            read(path)
        text = str(err.value)
        assert "'liar.effnet'" in text and "\n" not in text and text.endswith(".")
    assert not (tmp_path / "library").exists() or not any((tmp_path / "library").iterdir())


def test_the_truth_still_loads(tmp_path):
    path = _lying_file(tmp_path, "honest", lambda m: None)
    meta = bundle.read_model_meta(path)
    assert meta.accuracy == 0.9 and meta.classes == ("a", "b", "c")
    assert bundle.load_model(path).meta == meta


def test_the_library_lists_a_lying_file_as_damaged(tmp_path):
    lib = Library(tmp_path)
    _lying_file(tmp_path, "liar", LIES["accuracy as text"])
    _lying_file(tmp_path, "honest", lambda m: None)
    entries, problems = lib.entries()
    assert [e.name for e in entries] == ["honest"]
    assert len(problems) == 1 and "'liar.effnet' is damaged" in problems[0] and "'metrics'" in problems[0]


LIES_ABOUT_NONE_OF_THESE = {
    "percentiles out of order": lambda m: m.__setitem__("unknown_quantiles", list(range(101))[::-1]),
    "too few percentiles": lambda m: m.__setitem__("unknown_quantiles", [0.5, 1.0]),
    "a percentile as text": lambda m: m.__setitem__("unknown_quantiles", ["1"] * 101),
    "a temperature of zero": lambda m: m.__setitem__("temperature", 0),
    "a share above a half": lambda m: m.__setitem__("unknown_share", 0.9),
    "a calibration error above 1": lambda m: m["metrics"].__setitem__("ece", 3.0),
    "more unknown pictures than pictures": lambda m: m["metrics"].__setitem__("unknown_count", 99),
}


@pytest.mark.parametrize("lie", LIES_ABOUT_NONE_OF_THESE, ids=list(LIES_ABOUT_NONE_OF_THESE))
def test_a_file_that_lies_about_none_of_these_is_refused(tmp_path, lie):
    path = _lying_file(tmp_path, "liar", LIES_ABOUT_NONE_OF_THESE[lie])
    with pytest.raises(BundleError, match="'liar.effnet' is damaged"):
        bundle.load_model(path)


def _bundle_with_unknown(path, edit=lambda arrays: None):
    """A model file with a "None of these" score fitted on made-up features."""
    import numpy as np

    from effnet_app.core.inference.unknown import UnknownScore

    net = build_net(get_variant("lite0"), num_classes=3, pretrained=False)
    rng = np.random.default_rng(0)
    arrays = UnknownScore.fit(rng.normal(size=(30, net.width)), np.arange(30) % 3).arrays()
    edit(arrays)
    meta = ModelMeta("lite0", ("a", "b", "c"), get_variant("lite0").preprocess, temperature=0.7,
                     unknown_quantiles=tuple(np.linspace(0.0, 3.0, 101)))
    return bundle.save_model(path, {**net.state_dict(), **bundle.unknown_tensors(arrays)}, meta)


def test_the_none_of_these_arrays_round_trip_and_stay_out_of_the_network(tmp_path):
    model = bundle.load_model(_bundle_with_unknown(tmp_path / "m.effnet"))
    assert model.meta.has_unknown and model.meta.temperature == 0.7
    assert set(model.unknown_arrays) == {"reference", "mean", "basis", "class_means", "precision", "scales"}
    assert not any(k.startswith(bundle.UNKNOWN_PREFIX) for k in model.network_tensors)
    clf = Classifier.load(tmp_path / "m.effnet", device="cpu")
    assert clf.has_unknown and clf.calibration.temperature == 0.7


DAMAGED_ARRAYS = {
    "a missing array": lambda a: a.pop("precision"),
    "features of another width": lambda a: a.__setitem__("mean", a["mean"][:100]),
    "a NaN": lambda a: a["basis"].__setitem__((0, 0), float("nan")),
    "a scale of zero": lambda a: a["scales"].__setitem__(0, 0.0),
}


@pytest.mark.parametrize("damage", DAMAGED_ARRAYS, ids=list(DAMAGED_ARRAYS))
def test_damaged_none_of_these_arrays_are_refused(tmp_path, damage):
    path = _bundle_with_unknown(tmp_path / "m.effnet", DAMAGED_ARRAYS[damage])
    with pytest.raises(BundleError, match="“None of these”|\"None of these\" description does not fit"):
        bundle.load_model(path)
