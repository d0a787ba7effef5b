"""The benchmarks' own code runs (tiny inputs; the figures come from `python -m bench`)."""

from __future__ import annotations

from pathlib import Path

from bench import latency, live, train_step
from bench.common import run_child, sample_images


def test_sample_images_spread_over_classes(small_rocks):
    files = sample_images(small_rocks, 6)
    assert len(files) == 6 and len({f.parent for f in files}) == 3


def test_latency_sides_measure(small_rocks):
    files = sample_images(small_rocks, 3)
    base = latency.side_baseline("lite0", files)
    ours = latency.side_ours("lite0", files, "onnx")
    assert ours["engine"] == "onnx"
    for r in (base, ours):
        assert r["latency_ms"] > 0 and r["throughput_img_s"] > 0


def test_live_pipeline_measures_every_path(small_rocks):
    out = live.run(small_rocks, frames=12)
    assert set(out["fps"]) == {"baseline_eager_bare", "app_onnx_panels_off", "app_onnx_se_panel", "torch_eager_se_hooks"}
    assert all(v > 0 for v in out["fps"].values())


def test_train_step_measures_every_setting_against_the_plain_step():
    out = train_step.run("lite0", size=64, batch=4, rounds=1, settings=("plain", "app_whole_batch"))
    rows = out["settings"]
    assert set(rows) == {"plain", "app_whole_batch"}
    assert all(r["images_per_s"] > 0 and r["peak_rss_mb"] > 0 for r in rows.values())
    assert rows["plain"]["vs_plain"] == 1.0 and rows["app_whole_batch"]["parts"] == 1


def test_live_window_measures_every_panel_setting(small_rocks):
    out, _wall, _rss = run_child(["-m", "bench.live_window", str(small_rocks), "--seconds", "1", "--camera-fps", "30"])
    rows = out["settings"]
    assert set(rows) == {"panels_off", "se_panel", "se_panel_and_gradcam", "feature_maps_and_gradcam"}
    assert all(r["inference_fps"] > 0 for r in rows.values())
    assert rows["se_panel"]["se_gates_per_s"] > 0 and rows["panels_off"]["se_gates_per_s"] == 0
    assert rows["feature_maps_and_gradcam"]["feature_maps_per_s"] > 0


def test_soak_leaves_no_thread_worker_or_qt_object_behind(small_rocks):
    """The long-run benchmark on a short run: after the live view stops no worker runs,
    and the third folder round leaves as many Qt objects and threads, and as much
    memory (within 20 MB), as the second (the first also loads the model)."""
    out, _wall, _rss = run_child(["-m", "bench.soak", str(small_rocks), "--frames", "150", "--predictions", "40",
                                  "--rounds", "3"])
    live = out["live"]
    assert live["frames"] >= 150 and live["end"]["running_workers"] == 2
    assert live["stopped"]["running_workers"] == 0
    assert live["stopped"]["qt_widgets"] == out["at_open"]["qt_widgets"]
    _, second, third = out["predictions"]["rounds"]  # the first also loads the model
    assert second["images"] == third["images"] == 40
    for key in ("qt_widgets", "os_threads", "running_workers"):
        assert second["cleared"][key] == third["cleared"][key], key
    # Qt's own short-lived helpers (an item view's layout timer, a label's rich-text
    # document) may be alive at one count and gone at the next; a leak of the 40
    # answers would add at least 40 objects a round.
    assert abs(second["cleared"]["qt_objects_in_window"] - third["cleared"]["qt_objects_in_window"]) <= 3
    after_clear = out["predictions"]["rss_after_each_clear_mb"]
    assert after_clear[2] - after_clear[1] < 20


def test_unknown_scores_rank_what_they_should():
    """The measurement behind docs/unknown.md on a small draw: the AUROC and the
    false-alarm threshold compute what they say, and on real pictures the distance
    scores put steel surfaces above held-out rocks."""
    import numpy as np

    from bench import unknown

    known, unknown_scores = np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.35, 0.5, 0.6])
    assert unknown.auroc(known, unknown_scores) == (4 * 3 - 1) / 12  # one pair out of order
    assert unknown.auroc(known, known) == 0.5
    assert unknown.caught_at(np.linspace(0, 1, 101), np.array([0.2, 0.99]), 0.05) == 0.5
    probs = np.array([[0.9, 0.1], [0.6, 0.4]])
    assert unknown.ece(probs, np.array([0, 1])) == abs(1 - 0.9) / 2 + abs(0 - 0.6) / 2
    data = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    xr, yr, classes = unknown.features(data / "rocks", limit=88)
    xs, _, _ = unknown.features(data / "steel", limit=30)
    rows, calibration = unknown.far(xr, yr, len(classes), {"steel": xs}, folds=2, seed=0)
    best = unknown.summary(rows["steel"])["mahalanobis+knn1"]
    assert best["auroc"] > 0.9 and 0 < calibration[0]["temperature"] < 10


def test_the_apps_none_of_these_is_judged_on_held_out_pictures(small_rocks, steel_pictures):
    """One fold of bench.open_set: the app's own training and classifier, judged on
    held-out rocks (false alarms, calibration inputs) and on steel (caught)."""
    from bench import open_set
    from effnet_app.core.data.dataset import scan_folder, stratified_folds
    from effnet_app.core.training.config import TrainConfig

    index = scan_folder(small_rocks)
    held = stratified_folds(index.samples, 4, seed=0)[0]
    row = open_set.one_fold(index, held, TrainConfig.for_mode("quick"), {"steel": steel_pictures[:4]})
    assert row["n"] == len(held) == len(row["confidence"]) == len(row["correct"])
    assert row["caught_steel"] == 1.0 and 0 <= row["false_alarms"] <= 1 and row["temperature"] > 0


def test_outer_folds_by_views_hold_out_a_picture_with_its_copy(small_rocks_copy):
    """bench.crossval / bench.open_set --outer views: no held-out picture has a twin in training."""
    from PIL import Image

    from bench.common import outer_folds
    from effnet_app.core.data.dataset import scan_folder

    original = sorted((small_rocks_copy / "Bauxite").iterdir())[1]
    with Image.open(original) as img:
        img.crop((8, 8, img.width - 8, img.height - 8)).save(small_rocks_copy / "Bauxite" / "zz-copy.jpg", quality=90)
    index = scan_folder(small_rocks_copy)
    where = {p.name: i for i, (p, _) in enumerate(index.samples)}
    folds = outer_folds(index, "views", 4, seed=0)
    assert sorted(i for f in folds for i in f) == list(range(len(index.samples)))
    assert any(where[original.name] in f and where["zz-copy.jpg"] in f for f in folds)


def test_training_on_is_judged_against_scratch_on_held_out_pictures(small_rocks):
    """bench.train_on on the small rocks: one class drawn as new, two folds; the JSON
    says how each model did on the old and the new classes, and how long it took."""
    import argparse

    from bench import train_on

    args = argparse.Namespace(data=str(small_rocks), variant="lite0", mode="quick", base_mode="quick", epochs=1,
                              image_size=None, outer="random", folds=2, repeats=1, new=1)
    out = train_on.run(args)
    assert out["held_out_pictures"] == {"old": 16, "new": 8, "all": 24}
    for name in ("train_on", "scratch"):
        s = out["summary"][name]
        assert 0 <= s["accuracy_old"] <= 1 and s["seconds_cold_median"] > 0
    assert all(r["train_on"]["all"] <= r["held_out"]["all"] for r in out["folds_detail"])


def test_quality_cross_validates_each_network_and_prints_its_table(small_rocks):
    """bench.quality on the small rocks: two folds, one repeat, one network; the row has
    accuracy and balanced accuracy from the app's own training and classifier."""
    from bench import quality

    out = quality.run(small_rocks.parent, [small_rocks.name], ["lite0"], ["quick"], repeats=1, folds=2, epochs=None)
    (row,) = out["rows"]
    assert row["pictures"] == 24 and row["variant"] == "lite0" and row["views"] == 1
    assert 0 < row["balanced_accuracy_mean"] <= 1 and 0 < row["accuracy_mean"] <= 1
    assert row["train_seconds_per_fold"] > 0
    table = quality.markdown(out)
    assert f"### {small_rocks.name} (24 pictures)" in table and "| lite0 | quick |" in table
