"""Work remembered by a picture's contents: a digest that follows the bytes, entries
that survive the process (here: the in-memory cache cleared), a damaged entry that is
computed again, a size limit, and groups of views remembered."""

from __future__ import annotations

import shutil

import torch

from effnet_app.core.data.content import REMEMBERED, DiskCache, content_digest
from effnet_app.core.data.groups import picture_groups
from effnet_app.core.data.images import open_image
from effnet_app.core.progress import NullReporter
from effnet_app.core.training import features
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.features import frozen_features
from effnet_app.core.training.images import load_images
from effnet_app.core.models.network import build_net
from effnet_app.core.models.variants import get_variant


def test_a_digest_follows_the_contents_not_the_name(tmp_path, small_rocks):
    a = next((small_rocks / "Chert").iterdir())
    b = tmp_path / "renamed.jpg"
    shutil.copy(a, b)
    assert content_digest(a) == content_digest(b)
    b.write_bytes(b.read_bytes() + b"\0")
    assert content_digest(a) != content_digest(b)


def test_features_come_back_from_disk_and_a_damaged_entry_is_computed_again(small_rocks, monkeypatch):
    cfg = TrainConfig(mode="quick")
    pp = cfg.preprocess()
    samples = [(p, 0) for p in sorted((small_rocks / "Chert").iterdir())[:4]]
    loaded = load_images(samples, pp.resize, NullReporter(), None, [])
    net = build_net(get_variant("lite0"), 3)
    FEATURES.clear()  # earlier tests of this process remembered these pictures in memory, under another home
    first = frozen_features(net, cfg, loaded, pp, torch.device("cpu"), NullReporter(), None)
    FEATURES.clear()  # as a new process
    calls = []
    monkeypatch.setattr(features, "embed", lambda *a, **k: calls.append(len(a[1])) or torch.ones(len(a[1]), net.width))
    again = frozen_features(net, cfg, loaded, pp, torch.device("cpu"), NullReporter(), None)
    assert calls == [] and torch.equal(first, again)  # nothing embedded: all four from disk
    entries = sorted(p for p in REMEMBERED.root.rglob("*") if p.is_file())
    assert len(entries) == 4
    entries[0].write_bytes(b"not an array")
    FEATURES.clear()
    try:
        frozen_features(net, cfg, loaded, pp, torch.device("cpu"), NullReporter(), None)
        assert calls == [1]  # the damaged one, and only it, computed again
    finally:
        FEATURES.clear()  # the stand-in features must not reach later tests of this process


def test_the_disk_is_pruned_oldest_first_under_its_limit(tmp_path):
    cache = DiskCache(tmp_path, limit=2500)
    for i in range(5):
        cache.put("kind", f"k{i}", bytes(1000))
    cache.prune()
    assert sorted(p.name for p in (tmp_path / "kind").iterdir()) == ["k3", "k4"]
    assert cache.get("kind", "k4") == bytes(1000) and cache.get("kind", "k0") is None


def test_groups_of_views_are_remembered(small_rocks, monkeypatch):
    from effnet_app.core.data import duplicates

    samples = [(p, 0) for p in sorted((small_rocks / "Bauxite").iterdir())]
    images = [open_image(p, draft=256) for p, _ in samples]
    first = picture_groups("views", samples, small_rocks, images)
    monkeypatch.setattr(duplicates, "find_matches", lambda *a, **k: (_ for _ in ()).throw(AssertionError("searched")))
    assert picture_groups("views", samples, small_rocks, images) == first
