"""The real window, driven offscreen as a person would: folder, training, stop,
drop, confusion matrix, CSV, library, settings restored."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from effnet_app.core.store import model_file as bundle
from effnet_app.core.events import Epoch
from effnet_app.core.inference.predict import Classifier

TRAIN_TIMEOUT = 300_000


def open_dataset(qtbot, window, folder):
    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        window.data_page.open_folder(folder)


def test_rocks_folder_shows_eleven_classes_with_thumbnails(qtbot, window, rocks_dir):
    open_dataset(qtbot, window, rocks_dir)
    table = window.data_page.table
    assert table.rowCount() == 11
    names = [table.item(r, 0).text() for r in range(11)]
    assert "Chert" in names and "Bauxite" in names
    assert sum(int(table.item(r, 1).text()) for r in range(11)) == 234
    # The byte-identical pair in the real data is reported in words.
    assert window.data_page.problems.topLevelItemCount() >= 1
    assert "duplicates" in window.data_page.problems.topLevelItem(0).text(0)
    # Thumbnails arrive from the background loader.
    first = table.cellWidget(0, 2).paths[0]
    qtbot.waitUntil(lambda: window.state.thumbs.get(first) is not None, timeout=30_000)


def test_bad_folder_gives_a_sentence(qtbot, window, tmp_path):
    window.data_page.open_folder(tmp_path / "nowhere")
    qtbot.waitUntil(lambda: window.data_page.note.kind == "error", timeout=10_000)
    assert "does not exist" in window.data_page.note.text()


def test_quick_training_lands_in_the_library(qtbot, window, small_rocks):
    open_dataset(qtbot, window, small_rocks)
    page = window.train_page
    assert page.networks.name == "lite0" and page.quick.isChecked()
    fractions = []
    with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
        page.start_button.click()
        assert page.task.busy and not page.start_button.isEnabled()
        page.task.worker.progress.connect(lambda f, m: fractions.append(f))
    entry = done.args[0]
    assert entry is not None and entry.path.is_file()
    assert fractions and fractions[-1] == pytest.approx(1.0)
    assert fractions == sorted(fractions)  # the bar never goes back
    assert "Finished in" in page.status_text.text() and "is in your model library" in page.next_step.text()
    # It is in the library, chosen as the current model, and the Evaluate page shows it.
    assert any(e.ref == entry.ref for e in window.library.entries())
    assert window.state.model.ref == entry.ref
    assert window.evaluate_page.evaluation is not None
    assert window.evaluate_page.matrix.classes == ["Bauxite", "Chert", "鲕粒灰岩"]
    assert page.start_button.isEnabled()


def test_stopping_full_training_keeps_best_model(qtbot, window, small_rocks):
    open_dataset(qtbot, window, small_rocks)
    page = window.train_page
    page.full.setChecked(True)
    page.advanced.size.setValue(128)  # small inputs keep the test fast; the code path is the full one
    page.advanced.epochs.setValue(20)
    page.advanced.batch.setValue(8)
    page.advanced.views.setValue(1)
    page.probe.set_path(sorted((small_rocks / "Bauxite").iterdir())[0])
    epochs = []
    with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
        page.start_button.click()
        page.task.worker.event.connect(lambda e: isinstance(e, Epoch) and epochs.append(e))
        qtbot.waitUntil(lambda: len(epochs) >= 1, timeout=TRAIN_TIMEOUT)
        assert len(page.acc_chart.points("validation")) >= 1  # live curves
        qtbot.waitUntil(lambda: [p.epoch for p in page.probe.epochs][:2] == [0, 1], timeout=10_000)
        assert "After epoch" in page.probe.text.text() and page.probe.bars.top  # the probe image, per epoch
        page.stop_button.click()
    entry = done.args[0]
    assert entry is not None and entry.status == "cancelled"
    assert "best model so far" in page.status_text.text()
    assert len(epochs) < 20
    b = bundle.load_model(entry.path)
    assert b.meta.status == "cancelled" and b.meta.best_epoch >= 1
    clf = Classifier.load(entry.path)
    pred = clf.predict_file(next((small_rocks / "Chert").iterdir()))
    assert pred.label in clf.classes


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.width() / 2, window.height() / 2)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(pos.toPoint(), *args)  # as a real drag: enter first, then drop (QPoint here)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(pos, *args)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted() and drop.isAccepted()


def use_model(window, path):
    entry = window.library.import_file(path)
    assert entry is not None, window.library.note.text()
    return entry


def test_dropped_images_are_classified_and_exported(qtbot, window, small_rocks, trained_model, tmp_path):
    use_model(window, trained_model)
    files = sorted((small_rocks / "Chert").iterdir())[:3] + [small_rocks / "Bauxite" / sorted(
        p.name for p in (small_rocks / "Bauxite").iterdir())[0]]
    page = window.classify_page
    assert _drop(window, files)
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: len(page.predictions) == 4 and not page.task.busy, timeout=60_000)
    assert all(len(p.top) == 3 for p in page.predictions)  # 3 classes known to the model
    assert [p.label for p in page.predictions[:3]] == ["Chert"] * 3
    assert page.bars.top and page.bars.top[0][1] > 0.3
    out = tmp_path / "out" / "predictions.csv"
    assert page.export_csv(out)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][:3] == ["file", "class_1", "probability_1"] and len(rows) == 5
    assert rows[1][1] == "Chert"
    # "Look inside…" shows the chosen image in the Live view with its panels.
    page.list.setCurrentIndex(page.model.index(1))
    with qtbot.waitSignal(window.live_page.stillAnalysed, timeout=60_000):
        page.inspect_button.click()
    assert window.tabs.currentWidget() is window.live_page
    assert window.live_page.video.frame_size == (320, 256) and window.live_page.video.top[0][0] == "Chert"


def test_folder_with_a_corrupt_file_is_classified_in_background(qtbot, window, small_rocks_copy, trained_model):
    use_model(window, trained_model)
    (small_rocks_copy / "Chert" / "broken.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    page = window.classify_page
    page.classify([small_rocks_copy])
    qtbot.waitUntil(lambda: not page.task.busy and len(page.predictions) == 25, timeout=120_000)
    broken = [p for p in page.predictions if p.error]
    assert len(broken) == 1 and "broken.jpg" in broken[0].error
    assert "could not be read" in page.note.text()


def test_wrong_prediction_feedback_files_the_image(qtbot, window, small_rocks_copy, trained_model, tmp_path):
    open_dataset(qtbot, window, small_rocks_copy)
    use_model(window, trained_model)
    image = tmp_path / "new sample.jpg"
    shutil.copy(next((small_rocks_copy / "Chert").iterdir()), image)
    page = window.classify_page
    page.classify([image])
    qtbot.waitUntil(lambda: len(page.predictions) == 1 and not page.task.busy, timeout=60_000)
    page.list.setCurrentIndex(page.model.index(0))
    target = page.mark_as("Bauxite")
    assert target == small_rocks_copy / "Bauxite" / "new sample.jpg" and target.is_file()
    assert page.mark_as("Bauxite").name == "new sample (2).jpg"  # never overwrites


def test_confusion_cell_click_lists_its_images(qtbot, window, small_rocks, trained_model):
    use_model(window, trained_model)
    page = window.evaluate_page
    window.tabs.setCurrentWidget(page)
    page.evaluate_folder(small_rocks)
    qtbot.waitUntil(lambda: not page.task.busy and page.evaluation is not None and bool(page.evaluation.samples),
                    timeout=60_000)
    ev = page.evaluation
    assert ev.count == 24 and len(ev.samples) == 24
    matrix = page.matrix
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(1, 1).center().toPoint())
    assert matrix.selected == (1, 1)
    assert page.cell_model.rowCount() == ev.confusion[1][1] > 0
    first = page.cell_model.results[0]
    assert first["path"].endswith(".jpg") and first["top"][0][0] == ev.classes[1]
    assert "recognised correctly" in page.cell_text.text()
    # A double-click on an image of the cell looks inside it in the Live view.
    view = page.cell_view
    where = view.visualRect(page.cell_model.index(0)).center()
    with qtbot.waitSignal(window.live_page.stillAnalysed, timeout=60_000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # Qt's item views want the press first
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.tabs.currentWidget() is window.live_page
    assert window.live_page.video.stats == first["path"].rsplit("/", 1)[-1]


def test_library_rename_delete_and_refuse_bad_file(qtbot, window, trained_model, tmp_path):
    entry = use_model(window, trained_model)
    renamed = window.library.rename(entry, "Rocks: first try")
    assert renamed is not None and renamed.name == "Rocks_ first try"
    assert window.state.model.ref == renamed.ref
    bad = tmp_path / "bad.effnet"
    bad.write_bytes(b"\x00" * 10)
    assert window.library.import_file(bad) is None
    assert "not an EffNet Studio model" in window.library.note.text()
    assert window.library.delete(renamed)
    assert window.state.model.builtin
    assert [e.builtin for e in window.library.entries()] == [True]


def test_model_details_reads_the_built_network(qtbot, window):
    window.train_page.networks.choose("b0")
    dlg = window.train_page.show_details()
    qtbot.waitUntil(lambda: dlg.arch is not None, timeout=60_000)
    assert dlg.table.rowCount() == 9  # Table 1 of the paper: 9 stages
    assert dlg.table.item(1, 1).text() == "MBConv1, k3x3"
    assert dlg.table.item(8, 4).text() == "1280"
    assert len(dlg.chart.points(list(dlg.chart.series)[0])) == 8
    dlg.close()


def test_download_dialog_reports_a_bad_file(qtbot, window, small_rocks, server):
    from effnet_app.core.models.variants import get_variant
    from tests.conftest import make_checkpoint

    root, url = server
    b0 = get_variant("b0")
    make_checkpoint(root / "models").rename(root / "models" / b0.weights_file)  # right name, wrong bytes
    window.state.settings.change(mirror=url)
    open_dataset(qtbot, window, small_rocks)
    page = window.train_page
    page.networks.choose("b0")
    assert "Downloads" in page.networks.text.text()
    page.start_button.click()
    dlg = page._download
    assert dlg is not None and dlg.isVisible()
    qtbot.waitUntil(lambda: bool(dlg.error), timeout=60_000)
    assert "not the expected one" in dlg.error
    dlg.reject()
    qtbot.waitUntil(lambda: page._download is None, timeout=5_000)
    assert page.note.kind == "error" and not page.task.busy


def test_window_state_and_folder_restored(qtbot, small_rocks):
    from effnet_app.gui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.data_page.scanned, timeout=60_000):
        first.data_page.open_folder(small_rocks)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.state.dataset is not None, timeout=60_000)
    assert second.state.dataset.root == small_rocks
    assert second.tabs.currentIndex() == 2
    second.close()


@pytest.mark.expect_crash
def test_unexpected_error_is_logged_and_shown(qtbot, window):
    from effnet_app.gui import crash
    from effnet_app.logs import setup_logging

    setup_logging()
    box = crash.show_crash(window, "Traceback (most recent call last):\nValueError: test")
    qtbot.waitUntil(box.isVisible)
    assert "ValueError: test" in box.detailedText()
    for h in crash.log.handlers:
        h.flush()
    assert "ValueError: test" in crash.log_file().read_text(encoding="utf-8")
    box.close()


def test_dark_and_light_looks(qtbot, window):
    from effnet_app.gui import theme

    app = QApplication.instance()
    assert theme.apply(app, "dark") == "dark"
    assert app.palette().window().color().lightness() < 80
    assert theme.apply(app, "light") == "light"
    assert app.palette().window().color().lightness() > 200


def test_closing_the_window_mid_training_stops_cleanly(qtbot, small_rocks):
    """napari's teardown test: close while the worker runs; no thread is left, no crash."""
    from effnet_app.gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.data_page.scanned, timeout=60_000):
        w.data_page.open_folder(small_rocks)
    w.train_page.full.setChecked(True)
    w.train_page.advanced.size.setValue(128)
    w.train_page.start()
    qtbot.waitUntil(lambda: w.train_page.bar.value() > 0, timeout=60_000)
    w.close()  # cancels and joins every worker (the dangling-thread check runs after)
    assert not w.isVisible()


def test_app_entry_point_opens_the_window(qtbot, monkeypatch):
    """What `effnet-app` with no arguments sets up before Qt's event loop: theme,
    crash handler, logging, the main window."""
    import sys
    import threading

    from effnet_app.gui import app as gui_app
    from effnet_app.gui import crash

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app, window = gui_app.start([])
    qtbot.addWidget(window)
    assert window.isVisible() and window.windowTitle() == "EffNet Studio"
    assert sys.excepthook is not sys.__excepthook__ and crash.log_file().is_file()
    window.close()


def test_a_model_file_that_lies_is_listed_as_damaged_and_the_window_opens(qtbot, trained_model):
    """A file in the library folder whose description has the wrong types (accuracy as
    text), even as the last model used: the window opens on the ImageNet model, the
    honest model is listed, the liar is named in the library's note and not loaded."""
    from effnet_app.core.paths import models_dir
    from effnet_app.gui.main_window import MainWindow
    from effnet_app.settings import Settings
    from tests.model_files import rewrite_meta

    models_dir().mkdir(parents=True, exist_ok=True)
    honest = shutil.copy(trained_model, models_dir() / "honest.effnet")
    liar = Path(shutil.copy(trained_model, models_dir() / "liar.effnet"))
    rewrite_meta(liar, lambda m: m["metrics"].__setitem__("accuracy", "99 %"))
    Settings.load().change(last_model=str(liar))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.state.model.builtin
    assert [e.name for e in w.library.entries() if not e.builtin] == ["honest"] and Path(honest).is_file()
    note = w.library.note.text()
    assert "'liar.effnet' is damaged" in note and "'metrics'" in note
    w.close()


def test_library_exports_onnx_in_the_background(qtbot, window, trained_model, tmp_path):
    entry = use_model(window, trained_model)
    out = tmp_path / "export" / "rocks.onnx"
    with qtbot.waitSignal(window.library.exported, timeout=120_000) as done:
        window.library.export(entry, out)
        assert not window.library.export_button.isEnabled()  # one export at a time
    assert done.args == [str(out)] and out.stat().st_size > 1_000_000
    assert "same answers" in window.library.note.text()
    qtbot.waitUntil(lambda: not window.library.task.busy, timeout=10_000)


def test_disk_full_at_the_end_of_training_keeps_the_model_until_saved(qtbot, window, small_rocks, trained_model):
    """The library's file system is full when a training finishes: the note says why,
    the models already there are untouched, and once there is room again "Save the
    model again" puts the trained model in the library."""
    from effnet_app.core.paths import models_dir
    from tests.small_disk import SmallDisk

    disk = SmallDisk(models_dir())
    try:
        previous = disk.path / "small rocks.effnet"
        shutil.copy(trained_model, previous)
        before = previous.read_bytes()
        open_dataset(qtbot, window, small_rocks)
        page = window.train_page
        with disk.full():
            with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
                page.start_button.click()
        assert done.args[0] is None and page.note.kind == "error"
        reason = "No space left on device" if disk.mounted else "File too large"
        assert "Could not save" in page.note.text() and reason in page.note.text()
        assert "Save the model again" in page.note.text() and not page.save_button.isHidden()
        assert previous.read_bytes() == before
        assert sorted(p.name for p in disk.path.iterdir()) == ["small rocks.effnet"]
        page.save_button.click()  # there is room again
        assert "Saved as" in page.status_text.text() and page.save_button.isHidden() and not page.next_step.isHidden()
        entries, problems = window.state.library.entries()
        assert len(entries) == 2 and not problems
        assert window.state.model.ref == page.last_entry.ref
        assert Classifier.load(page.last_entry.path).classes == ["Bauxite", "Chert", "鲕粒灰岩"]
    finally:
        disk.remove()


def test_training_on_a_long_chinese_read_only_path(qtbot, window, small_rocks, trained_model, small_disk):
    """A read-only data folder deep under long Chinese names with spaces: it scans,
    trains and classifies; "it's really X" says it cannot write there."""
    if not small_disk.can_be_read_only:
        pytest.skip("root can write into read-only folders, and mounting is not allowed here")
    part = "非常长的 文件夹名称" * 8  # 80 characters, 224 bytes: near the 255-byte limit of one name
    data = small_disk.path / "岩石 薄片" / part / (part + " 2") / (part + " 3") / "数据 集"
    shutil.copytree(small_rocks, data)
    sample = data / "Chert" / "燧石 样品 一.jpg"
    next((data / "Chert").iterdir()).rename(sample)
    assert len(str(data)) > 260  # past Windows' classic MAX_PATH, as well
    with small_disk.read_only():
        open_dataset(qtbot, window, data)
        assert window.data_page.table.rowCount() == 3
        page = window.train_page
        with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
            page.start_button.click()
        entry = done.args[0]
        assert entry is not None and "is in your model library" in page.next_step.text()
        assert Classifier.load(entry.path).predict_file(sample).top[0][0] in ("Bauxite", "Chert", "鲕粒灰岩")
        cp = window.classify_page
        cp.classify([sample])
        qtbot.waitUntil(lambda: len(cp.predictions) == 1 and not cp.task.busy, timeout=60_000)
        assert not cp.predictions[0].error
        cp.list.setCurrentIndex(cp.model.index(0))
        assert cp.mark_as("Bauxite") is None
        assert cp.note.kind == "error" and "Could not add the image" in cp.note.text()
        assert "Read-only file system" in cp.note.text() or "Permission denied" in cp.note.text()
    assert sorted(p.name for p in (data / "Bauxite").iterdir()) == sorted(p.name for p in (small_rocks / "Bauxite").iterdir())


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="this machine has a usable GPU")
def test_without_a_gpu_the_status_bar_says_so(qtbot, window):
    qtbot.waitUntil(lambda: window.device_label.text().startswith("CPU"), timeout=30_000)  # once PyTorch is loaded
    assert "No usable GPU was found" in window.statusBar().currentMessage()
    assert "No usable GPU was found" in window.device_label.toolTip()


# A new process, as the user's start is: the window, then PyTorch in the background.
WINDOW_FIRST = """
import json, os, sys
from PySide6.QtCore import QTimer
from effnet_app.gui.app import start
app, window = start([])
shown = {"visible": window.isVisible(), "torch_at_show": "torch" in sys.modules,
         "label_at_show": window.device_label.text()}

def check():
    if window.device_label.text() != shown["label_at_show"]:
        print(json.dumps({**shown, "label_after": window.device_label.text(), "torch_after": "torch" in sys.modules}))
        os._exit(0)

timer = QTimer()
timer.timeout.connect(check)
timer.start(50)
QTimer.singleShot(120_000, lambda: os._exit(3))
app.exec()
"""


def test_the_window_is_shown_before_pytorch_is_loaded(studio_home):
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "EFFNET_STUDIO_HOME": str(studio_home), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", WINDOW_FIRST], env=env, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout)
    assert got["visible"] and not got["torch_at_show"] and got["label_at_show"] == "Loading PyTorch…"
    assert got["torch_after"] and (got["label_after"].startswith("CPU") or got["label_after"].startswith("GPU"))


def test_a_gpu_found_later_is_offered_and_the_saved_choice_kept(qtbot):
    from effnet_app.gui.widgets.training_options import TrainingOptions

    options = TrainingOptions()
    qtbot.addWidget(options)
    options.choose_device("cuda")  # saved last time; no GPU known yet
    assert options.device.currentData() == "auto"
    options.add_gpu("Test GPU")
    assert options.device.currentData() == "cuda" and options.device.currentText() == "GPU: Test GPU"
    options.add_gpu("Test GPU")
    assert options.device.count() == 3


def test_open_with_classifies_the_images_it_was_given(qtbot, monkeypatch, small_rocks):
    """"Open with EffNet Studio" runs `effnet-studio open FILE…`: the window opens on the
    Classify page with those images classified."""
    import sys
    import threading

    from effnet_app.cli import get_parser
    from effnet_app.gui import app as gui_app

    image = next((small_rocks / "Chert").iterdir())
    args = get_parser().parse_args(["open", str(image)])
    assert args.command == "open" and args.paths == [image]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    _app, window = gui_app.start([], paths=args.paths)
    qtbot.addWidget(window)
    page = window.classify_page
    qtbot.waitUntil(lambda: len(page.predictions) == 1 and not page.task.busy, timeout=60_000)
    assert window.tabs.currentWidget() is page and page.predictions[0].source == str(image)
    window.close()


def test_a_refused_folder_replaces_the_one_before_and_training_does_not_use_it(qtbot, window, small_rocks, tmp_path):
    """A flat folder after a good one: the good one's table goes, and Start training asks
    for a folder instead of training on the one before."""
    from PIL import Image

    open_dataset(qtbot, window, small_rocks)
    assert window.data_page.table.rowCount() == 3
    flat = tmp_path / "flat"
    flat.mkdir()
    Image.new("RGB", (64, 64)).save(flat / "a.png")
    window.data_page.open_folder(flat)
    qtbot.waitUntil(lambda: not window.data_page.scan.busy, timeout=30_000)
    assert window.data_page.table.rowCount() == 0 and window.state.dataset is None
    assert "needs at least 2 sub-folders" in window.data_page.note.text()
    window.train_page.start()
    assert not window.train_page.running and "Choose your images" in window.train_page.note.text()


def test_every_menu_entry_has_its_words(window):
    """Entries without an icon (Quit, the Help menu's) lost their label: a File menu that
    ended in a bare "Ctrl+Q", a Help menu of empty lines."""
    menus = window.menuBar().actions()
    entries = [a for m in menus for a in m.menu().actions() if not a.isSeparator()]
    assert entries and all(a.text().strip() for a in entries), [a.shortcut().toString() for a in entries if not a.text()]
    assert window.quit_action.text() == "Quit"
    help_menu = next(m.menu() for m in menus if m.text() == "&Help")
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == [
        "Quick start", "Welcome…", "Open the log folder", "About EffNet Studio"]


def test_a_time_budget_picks_the_network_and_mode_and_myself_gives_them_back(qtbot, window, small_rocks):
    from effnet_app.core.training.budget import RECIPES

    page = window.train_page
    page.budget.buttons["minute"].click()  # a new user's first choice
    assert "once you choose it" in page.budget.reason.text()
    open_dataset(qtbot, window, small_rocks)
    best = RECIPES[0]
    cfg = page.config()
    assert (cfg.mode, cfg.variant, cfg.tta_views) == ("quick", best.variant, best.views)
    assert page.networks.name == best.variant and page.quick.isChecked()
    assert not page.networks.isEnabled() and not page.modes.isEnabled() and not page.advanced_toggle.isEnabled()
    assert "24 pictures" in page.budget.reason.text()
    page.budget.buttons["hour"].click()
    assert "not more accurate" in page.budget.reason.text()
    page.budget.buttons["myself"].click()  # the user's own last choice, editable again
    assert page.networks.isEnabled() and page.networks.name == "lite0" and page.config().tta_views == 1
    page.advanced_toggle.click()
    page.full.setChecked(True)
    page.advanced.time_limit.setValue(3)
    assert page.config().time_limit == 180  # a full training's own time limit, in minutes
    page.budget.buttons["minute"].click()
    with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
        page.start_button.click()
        assert not page.budget.isEnabled()
    assert done.args[0] is not None and window.state.settings.budget == "minute"
    assert window.state.settings.variant == "lite0"  # the budget's choice is not taken for the user's own
    assert page.budget.isEnabled() and not page.networks.isEnabled()  # the plan's choice, shown again
