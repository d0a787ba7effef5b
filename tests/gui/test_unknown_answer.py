""""None of these" in the window: a rock model shown steel surfaces says so on the
Classify page (list, detail, CSV) and in the Live view; the slider changes the answer
and is remembered per model; the Evaluate page shows the calibration; a model from
before the answer says so instead of a slider."""

from __future__ import annotations

import csv

from effnet_app.core.store import model_file
from effnet_app.settings import Settings
from tests.model_files import rewrite_meta


def use_model(window, path):
    entry = window.library.import_file(path)
    assert entry is not None, window.library.note.text()
    return entry


def test_steel_is_none_of_these_and_the_slider_changes_the_answer(qtbot, window, small_rocks, steel_pictures,
                                                                   trained_model, tmp_path):
    entry = use_model(window, trained_model)
    page = window.classify_page
    rocks = sorted((small_rocks / "Chert").iterdir())[:2]
    page.classify(steel_pictures[:3] + rocks)
    qtbot.waitUntil(lambda: len(page.predictions) == 5 and not page.task.busy, timeout=60_000)
    verdicts = [r["verdict"] for r in page.model.results]
    assert all(v.startswith("None of these — closest: ") for v in verdicts[:3]) and verdicts[3:] == ["", ""]
    page.list.setCurrentIndex(page.model.index(0))
    assert "None of these" in page.detail_title.text()
    assert page.unknown.slider.isEnabled() and page.unknown.slider.value() == 5
    assert "About 5 % of new pictures of your own classes" in page.unknown.explain.text()

    page.unknown.slider.setValue(0)  # off: every picture gets its closest class
    assert [r["verdict"] for r in page.model.results] == [""] * 5
    assert page.unknown.explain.text().startswith("Off:")
    assert "None of these" not in page.detail_title.text()
    assert Settings.load().unknown_shares[entry.ref] == 0.0, "remembered for this model"
    page.unknown.slider.setValue(5)
    out = tmp_path / "p.csv"
    assert page.export_csv(out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["unknown"] for r in rows] == ["true"] * 3 + ["false"] * 2

    live = window.live_page
    with qtbot.waitSignal(live.stillAnalysed, timeout=60_000):
        page.list.setCurrentIndex(page.model.index(0))
        page.inspect_button.click()
    assert live.video.unknown and live.analysis.unknown_score > live.analyzer.calibration.threshold()


def test_evaluate_page_shows_calibration_and_none_of_these(qtbot, window, small_rocks, trained_model):
    use_model(window, trained_model)
    page = window.evaluate_page
    window.tabs.setCurrentWidget(page)
    assert "calibration error" in page.headline.text() and "answered “None of these”" in page.headline.text()
    assert sum(b["count"] for b in page.reliability.bins) == page.evaluation.count
    page.evaluate_folder(small_rocks)
    qtbot.waitUntil(lambda: not page.task.busy and page.evaluation is not None and bool(page.evaluation.samples),
                    timeout=60_000)
    ev = page.evaluation
    assert ev.count == 24 and ev.unknown_count is not None and ev.ece is not None
    page.show_unknown()
    assert page.cell_model.rowCount() == ev.unknown_count
    assert all(r["verdict"].startswith("None of these") for r in page.cell_model.results)


def test_a_model_from_before_says_so_instead_of_a_slider(qtbot, window, trained_model, tmp_path):
    old = tmp_path / "old.effnet"
    saved = model_file.load_model(trained_model)
    model_file.save_model(old, saved.network_tensors, saved.meta)
    rewrite_meta(old, lambda m: [m.pop(k) for k in ("temperature", "unknown_quantiles", "unknown_share")])
    use_model(window, old)
    control = window.classify_page.unknown
    assert not control.slider.isEnabled() and "made before “None of these” existed" in control.explain.text()
