"""int8 graphs: made from the real Lite0 graph, checked on held-out pictures, kept or
refused as the check says, and used by the fast path only when kept."""

from __future__ import annotations

import json
import logging

import pytest

from effnet_app.core.data.images import open_image
from effnet_app.core.inference import quantize
from effnet_app.core.inference.graph import GraphClassifier, graph_file
from effnet_app.core.inference.predict import Classifier


@pytest.fixture
def pictures(small_rocks, trained_copy):
    clf = Classifier.load(trained_copy)
    clf.runner()  # the float graph, as a save leaves it
    files = sorted(p for p in small_rocks.rglob("*") if p.is_file())
    images = [open_image(p, draft=clf.preprocess.min_side) for p in files]
    labels = [clf.classes.index(p.parent.name) for p in files]
    return clf, images[::2], images[1::2], labels[1::2]


def test_a_kept_int8_graph_is_what_the_fast_path_runs(pictures, trained_copy, monkeypatch):
    clf, training, held_out, labels = pictures
    monkeypatch.setattr(quantize, "AGREEMENT", 0.0)
    monkeypatch.setattr(quantize, "UNKNOWN_AGREEMENT", 0.0)
    graph = graph_file(trained_copy, scored=True)
    check = quantize.check_int8(graph, clf.preprocess, clf.calibration, training, held_out, labels)
    assert check.used and check.pictures == 12 and 0.0 <= check.top1_agreement <= 1.0
    assert json.loads(quantize.verdict_file(graph).read_text())["used"] is True
    assert quantize.int8_file(graph).stat().st_size < graph.stat().st_size / 2
    fast = GraphClassifier.open(trained_copy)
    assert fast.precision == "int8"
    assert GraphClassifier.open(trained_copy, int8=False).precision == "float32"
    answer = fast.predict_image(held_out[0], top_k=3)
    assert answer.label in clf.classes and answer.unknown is not None and len(answer.top) == 3


def test_an_int8_graph_that_answers_differently_is_refused_and_said(pictures, trained_copy, monkeypatch, caplog):
    clf, training, held_out, labels = pictures
    monkeypatch.setattr(quantize, "AGREEMENT", 1.01)  # nothing can pass
    graph = graph_file(trained_copy, scored=True)
    with caplog.at_level(logging.INFO, logger="effnet_app"):
        check = quantize.check_int8(graph, clf.preprocess, clf.calibration, training, held_out, labels)
    assert not check.used and "held-out pictures" in check.reason
    assert not quantize.int8_file(graph).exists() and quantize.usable_int8(graph) is None
    assert "int8 graph is not used" in caplog.text
    assert GraphClassifier.open(trained_copy).precision == "float32"


def test_without_held_out_pictures_there_is_no_int8_graph(pictures, trained_copy):
    clf, training, _held_out, _labels = pictures
    check = quantize.check_int8(graph_file(trained_copy, scored=True), clf.preprocess, clf.calibration, training, [], [])
    assert not check.used and check.reason == "no held-out pictures to check it on"
