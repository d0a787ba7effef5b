"""The model file's description fuzzed with hypothesis.

Seed: a real, valid Lite0 model file of three classes with its "None of these"
arrays. Mutations: one field (top level, or inside the preprocessing, the metrics or
the training settings) set to any JSON value -- NaN and infinities included -- or
removed, or an unknown field added; and the raw header bytes replaced. Every file must
either load and work (the library lists it, the classifier answers a picture) or be
refused with the app's own ``BundleError``: one sentence, no other exception.
``EFFNET_FUZZ_EXAMPLES`` runs a longer campaign (the default tries 200 files per entry point).
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from effnet_app.core.errors import BundleError
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.inference.unknown import UnknownScore
from effnet_app.core.models.network import build_net
from effnet_app.core.models.variants import get_variant
from effnet_app.core.store import model_file
from effnet_app.core.store.library import entry_for
from effnet_app.core.store.metadata import ModelMeta

EXAMPLES = int(os.environ.get("EFFNET_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FIELDS = ["variant", "classes", "preprocess", "tta_views", "pretrained", "train_config", "metrics", "history",
          "status", "best_epoch", "device", "seconds", "dataset", "created", "app_version", "temperature",
          "unknown_quantiles", "unknown_share", "format", "format_version", "kind",
          "preprocess.size", "preprocess.resize", "preprocess.mean", "preprocess.std", "preprocess.crop",
          "preprocess.interpolation", "metrics.accuracy", "metrics.confusion", "metrics.per_class",
          "metrics.ece", "metrics.reliability", "metrics.unknown_count", "metrics.count",
          "train_config.val_fraction", "train_config.seed"]
JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                    max_leaves=12)
COUNTS = {"loaded": 0, "refused": 0}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The valid file's tensors and description, and a picture to classify."""
    folder = tmp_path_factory.mktemp("fuzz model")
    net = build_net(get_variant("lite0"), num_classes=3, pretrained=False)
    rng = np.random.default_rng(0)
    arrays = UnknownScore.fit(rng.normal(size=(30, net.width)), np.arange(30) % 3).arrays()
    meta = ModelMeta("lite0", ("a", "b", "c"), get_variant("lite0").preprocess, temperature=0.8,
                     unknown_quantiles=tuple(np.linspace(0.0, 3.0, 101)))
    path = model_file.save_model(folder / "seed.effnet", {**net.state_dict(), **model_file.unknown_tensors(arrays)}, meta)
    data = path.read_bytes()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n])
    picture = folder / "picture.png"
    Image.fromarray(rng.integers(0, 255, (64, 80, 3), dtype=np.uint8)).save(picture)
    return header, data[8 + n:], picture


def _write(path, header: dict, tensors: bytes) -> None:
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    path.write_bytes(len(raw).to_bytes(8, "little") + raw + tensors)


def _check(path, picture) -> None:
    """Loaded and usable, or refused with one sentence."""
    try:
        model_file.load_model(path)
        entry_for(path)
        # PyTorch's engine: every fuzzed file has a new digest, so ONNX would export a graph each time.
        prediction = Classifier.load(path, device="cpu", engine="torch").predict_file(picture)
    except BundleError as e:
        text = str(e)
        assert text and "\n" not in text and "Traceback" not in text
        COUNTS["refused"] += 1
        return
    assert prediction.error is None and len(prediction.top) == 3
    COUNTS["loaded"] += 1


@FUZZ
@given(field=st.sampled_from(FIELDS), value=JSON, action=st.sampled_from(["set", "remove", "add"]))
def test_a_changed_description_loads_and_works_or_is_one_sentence(seed, tmp_path_factory, field, value, action):
    header, tensors, picture = seed
    meta = json.loads(header["__metadata__"][model_file.META_KEY])
    parent, _, key = field.rpartition(".")
    target = meta.get(parent) if parent else meta
    if isinstance(target, dict):
        if action == "set":
            target[key] = value
        elif action == "remove":
            target.pop(key, None)
        else:
            target[f"extra_{key}"] = value
    edited = {**header, "__metadata__": {model_file.META_KEY: json.dumps(meta)}}
    path = tmp_path_factory.getbasetemp() / "fuzzed.effnet"
    _write(path, edited, tensors)
    _check(path, picture)


@FUZZ
@given(junk=st.binary(max_size=300))
def test_a_damaged_header_is_one_sentence(seed, tmp_path_factory, junk):
    _, tensors, picture = seed
    path = tmp_path_factory.getbasetemp() / "junk.effnet"
    path.write_bytes(len(junk).to_bytes(8, "little") + junk + tensors)
    _check(path, picture)


def test_the_campaign_tried_both_outcomes():
    """Runs after the two above (file order): both outcomes were reached."""
    assert COUNTS["loaded"] > 0 and COUNTS["refused"] > 0, COUNTS
    print(f"model-file fuzz: {COUNTS['loaded']} loaded and used, {COUNTS['refused']} refused")
