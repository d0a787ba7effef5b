"""A first run, as a new user meets it in the real window: every step names what it
works on and offers the next one; a failure offers a way on; nothing contradicts
itself. One test (or more) per finding of the first-run report."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from effnet_app.core.models.variants import get_variant
from tests.conftest import make_checkpoint
from tests.gui.test_main_window import TRAIN_TIMEOUT, open_dataset


# 2. A next step after each step; the Train page names its folder ---------------------------------
def test_each_step_offers_the_next_and_the_train_page_names_its_folder(qtbot, window, small_rocks, monkeypatch):
    train = window.train_page
    assert "No folder of pictures yet" in train.folder_text.text()
    assert "Choose your pictures on the Data page" in train.status_text.text()
    open_dataset(qtbot, window, small_rocks)
    data = window.data_page
    assert data.next_step.isVisible() and "Next: train a model" in data.next_step.text()
    data.next_step.button("Go to Train").click()
    assert window.tabs.currentWidget() is train
    assert "Trains on <b>small_rocks</b>" in train.folder_text.text() or small_rocks.name in train.folder_text.text()
    assert str(small_rocks) in train.folder_text.text() and "3 classes" in train.folder_text.text()
    assert train.status_text.text() == "Ready: press “Start training”."
    assert not train.charts.isVisible()  # quick mode draws no curves: no empty boxes
    with qtbot.waitSignal(train.trainingFinished, timeout=TRAIN_TIMEOUT):
        train.start_button.click()
        assert not train.next_step.isVisible()
    # One finish sentence (not twice), and the way on.
    assert train.status_text.text().startswith("Finished in") and not train.note.isVisible()
    assert train.next_step.isVisible() and "Next: try it on a picture" in train.next_step.text()
    picture = sorted((small_rocks / "Chert").iterdir())[0]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picture)], ""))
    train.next_step.button("Classify a picture…").click()
    page = window.classify_page
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: len(page.predictions) == 1 and not page.task.busy, timeout=60_000)
    assert page.predictions[0].label in ("Bauxite", "Chert", "鲕粒灰岩")


def test_training_without_a_folder_leads_to_the_data_page(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append(a) or "")
    window.train_page.start_button.click()
    assert not window.train_page.running
    window.train_page.next_step.button("Go to the Data page").click()
    assert window.tabs.currentWidget() is window.data_page and asked  # the folder chooser opened


# 5. No dead end when weights cannot be downloaded ----------------------------------------------------
def failed_download(qtbot, window, folder, mirror):
    """Start training B0 from a mirror that has no B0 file; the dialog once it has failed."""
    window.state.settings.change(mirror=mirror)
    open_dataset(qtbot, window, folder)
    page = window.train_page
    page.networks.choose("b0")
    page.start_button.click()
    dlg = page._download
    qtbot.waitUntil(lambda: bool(dlg.error), timeout=60_000)
    return page, dlg


def test_a_failed_download_offers_lite0_a_file_or_another_try(qtbot, window, small_rocks, server):
    root, url = server
    page, dlg = failed_download(qtbot, window, small_rocks, url)
    assert dlg.width() <= 520 and dlg.status.wordWrap()  # wrapped, never wider than a screen
    for button in (dlg.lite_button, dlg.import_button, dlg.retry_button):
        assert button.isVisible()
    assert dlg.lite_button.text() == "Use EfficientNet-Lite0 instead"
    assert window.state.settings.variant == "lite0"  # the failing choice is not remembered
    # A file the user has: checked, and refused in a sentence when it is not the official one.
    dlg.import_file(make_checkpoint(root / "elsewhere"))
    qtbot.waitUntil(lambda: bool(dlg.error), timeout=60_000)
    assert "not the official" in dlg.error and dlg.retry_button.isVisible()
    # Try again: the mirror now has a file of that name, but not the right bytes.
    make_checkpoint(root / "models").rename(root / "models" / get_variant("b0").weights_file)
    dlg.retry_button.click()
    assert not dlg.retry_button.isVisible()
    qtbot.waitUntil(lambda: bool(dlg.error), timeout=60_000)
    assert "not the expected one" in dlg.error
    # Lite0 instead: training starts with it, and that choice is the one remembered.
    with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
        dlg.lite_button.click()
    assert done.args[0] is not None and done.args[0].variant == "lite0"
    assert page.networks.name == "lite0" and window.state.settings.variant == "lite0"
    assert not page.note.isVisible()  # the failure is not shown above a finished training


def test_a_closed_failed_download_does_not_claim_progress(qtbot, window, small_rocks, server):
    page, dlg = failed_download(qtbot, window, small_rocks, server[1])
    dlg.reject()
    qtbot.waitUntil(lambda: page._download is None, timeout=5_000)
    assert page.bar.value() == 0 and page.status_text.text().startswith("Not started")
    assert page.note.kind == "error" and "has no file" in page.note.text()
