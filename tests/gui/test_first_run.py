"""A first run, as a new user meets it in the real window: every step names what it
works on and offers the next one; a failure offers a way on; nothing contradicts
itself. One test (or more) per finding of the first-run report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from effnet_app.core.models.variants import get_variant
from effnet_app.gui.dialogs.quick_start import QuickStartDialog
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


def test_folder_to_a_classified_picture_in_four_clicks_in_the_app(qtbot, window, small_rocks, monkeypatch):
    """The path a first-time user is led along, counted: Welcome → "Choose my folder of
    pictures…" → (the folder chooser) → "Go to Train" → "Start training" → "Classify a
    picture…" → (the file chooser). Four clicks in the app; the choosers add one pick and
    one confirm each (seven clicks in all)."""
    picture = sorted((small_rocks / "Chert").iterdir())[0]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(small_rocks))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picture)], ""))
    clicks = 0

    def click(button):
        nonlocal clicks
        assert button.isVisible() and button.isEnabled(), button.text()
        clicks += 1
        button.click()

    welcome = window.welcome_if_first_run()
    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        click(welcome.folder_button)
    click(window.data_page.next_step.button("Go to Train"))
    with qtbot.waitSignal(window.train_page.trainingFinished, timeout=TRAIN_TIMEOUT):
        click(window.train_page.start_button)
    click(window.train_page.next_step.button("Classify a picture…"))
    page = window.classify_page
    qtbot.waitUntil(lambda: len(page.predictions) == 1 and not page.task.busy, timeout=60_000)
    assert clicks == 4 and page.predictions[0].label in ("Bauxite", "Chert", "鲕粒灰岩")
    assert window.state.model.name == f"{small_rocks.name} Lite0"  # the model just trained answered


def test_training_without_a_folder_leads_to_the_data_page(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append(a) or "")
    window.train_page.start_button.click()
    assert not window.train_page.running
    window.train_page.next_step.button("Go to the Data page").click()
    assert window.tabs.currentWidget() is window.data_page and asked  # the folder chooser opened


# 3. Help, and a first-run welcome that offers the way in ---------------------------------------------
def test_the_first_start_welcomes_once_and_offers_the_sample_flow(qtbot, window, small_rocks, monkeypatch):
    from effnet_app.gui.dialogs.welcome import WelcomeDialog

    welcome = window.welcome_if_first_run()
    assert isinstance(welcome, WelcomeDialog) and welcome.isVisible() and welcome.width() <= 520
    assert window.welcome_if_first_run() is None  # once
    picture = sorted((small_rocks / "Chert").iterdir())[0]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picture)], ""))
    welcome.sample_button.click()  # the ready-made model answers a picture: nothing to prepare
    page = window.classify_page
    assert not welcome.isVisible() and window.tabs.currentWidget() is page and window.state.model.builtin
    qtbot.waitUntil(lambda: len(page.predictions) == 1 and not page.task.busy, timeout=60_000)
    assert len(page.predictions[0].top) == 5  # an ImageNet answer


def test_the_welcome_leads_to_the_folder_chooser_or_the_quick_start(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append(a) or "")
    window.show_welcome().folder_button.click()
    assert window.tabs.currentWidget() is window.data_page and asked
    window.show_welcome().help_button.click()
    qtbot.waitUntil(lambda: window.findChild(QuickStartDialog) is not None)


def test_help_opens_a_quick_start_in_the_apps_language(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from effnet_app import languages

    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert help_menu.actions()[0] is window.quick_start_action and not window.quick_start_action.shortcut().isEmpty()
    window.quick_start_action.trigger()
    dlg = window.findChild(QuickStartDialog)
    assert dlg.isVisible() and "Start training" in dlg.text.toPlainText() and "None of these" in dlg.text.toPlainText()
    languages.activate("zh_CN", QApplication.instance())
    chinese = QuickStartDialog()
    qtbot.addWidget(chinese)
    assert "开始训练" in chinese.text.toPlainText() and "Start training" not in chinese.text.toPlainText()


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
    assert dlg.lite_button.text() == "Use Lite0 instead"
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


# 9. A language change offers a restart; file dialogs speak the language and open where the user was --
def test_a_new_language_offers_a_restart_that_starts_the_app_again(qtbot, window, monkeypatch):
    from PySide6.QtCore import QProcess

    from effnet_app.gui import restart

    monkeypatch.delenv("EFFNET_LANGUAGE")
    started = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append((program, args)) or (True, 1))
    dlg = window.show_settings()
    dlg.language.setCurrentIndex(dlg.language.findData("zh_CN"))
    dlg.accept()
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible() and "Restart now" in [b.text() for b in box.buttons()]
    window.restart_button.click()
    assert started == [restart.command()] and started[0][1] == ["-m", "effnet_app"]
    assert not window.isVisible() and window.state.settings.language == "zh_CN"


def test_the_file_dialog_reads_in_chinese(qtbot):
    from PySide6.QtWidgets import QApplication, QLabel

    from effnet_app import languages

    languages.activate("zh_CN", QApplication.instance())
    dlg = QFileDialog(None, "", "")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dlg)
    labels = [label.text() for label in dlg.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [t for t in labels if t.isascii() and any(c.isalpha() for c in t)], labels  # Qt's catalogue left English


def test_file_choosers_open_where_the_user_last_was(qtbot, window, small_rocks, tmp_path, monkeypatch):
    seen = []

    def chooser(_parent, _title, start, *_rest):
        seen.append(start)
        return [str(small_rocks / "Chert" / sorted(p.name for p in (small_rocks / "Chert").iterdir())[0])], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", chooser)
    window.classify_page.choose_images()
    window.classify_page.choose_images()
    assert seen[0] == str(Path.home()) and seen[1] == str(small_rocks / "Chert")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, start, _f: seen.append(start) or ("", ""))
    window.classify_page.choose_csv()  # a save dialog suggests its name in the same folder
    assert seen[2] == str(small_rocks / "Chert" / "predictions.csv")
    qtbot.waitUntil(lambda: not window.classify_page.task.busy, timeout=60_000)


# 7. No cut-off text, no jumps, no empty boxes ------------------------------------------------------
ROCK_NAMES = ["AnhydriteRock", "Bauxite", "BioclasticMicrite", "Chamosite-HematiteOolite", "Chert",
              "PhosphaticSandstone", "ResidualCalcareniticDolomite", "SparryCalcarenite", "SparryCrinoidalLimestone",
              "SparryOoliticLimestone", "SparryPeloidalLimestone"]


def test_the_confusion_matrix_names_every_class_in_full_on_a_laptop_screen(qtbot, window):
    window.resize(1280, 800)
    window.tabs.setCurrentWidget(window.evaluate_page)
    matrix = window.evaluate_page.matrix
    matrix.set_matrix(ROCK_NAMES, [[4 if i == j else 0 for j in range(11)] for i in range(11)])
    qtbot.wait(50)
    rows, _columns = matrix.labels()
    assert rows == ROCK_NAMES  # the rows are read: whole names (the columns follow the same order)


def test_the_correction_button_does_not_read_as_cut_off(qtbot, window):
    from tests.gui.test_chinese_window import clipped_texts

    window.resize(1280, 800)
    window.tabs.setCurrentWidget(window.classify_page)
    button = window.classify_page.wrong_button
    assert not button.text().endswith("…") and not clipped_texts(window.classify_page)


def test_two_trainings_of_one_folder_are_told_apart_and_the_page_does_not_jump(qtbot, window, small_rocks):
    open_dataset(qtbot, window, small_rocks)
    window.resize(1280, 800)
    page = window.train_page
    window.tabs.setCurrentWidget(page)
    qtbot.wait(50)
    before = (page.start_button.geometry(), page.probe.geometry(), page.bar.geometry())
    entries = []
    for _ in range(2):
        with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
            page.start_button.click()
        entries.append(done.args[0])
        qtbot.wait(50)
        assert (page.start_button.geometry(), page.probe.geometry(), page.bar.geometry()) == before
    folder = small_rocks.name
    assert [e.name for e in entries] == [f"{folder} Lite0", f"{folder} Lite0 (2)"]
    rows = [window.library.tree.topLevelItem(i) for i in range(window.library.tree.topLevelItemCount())]
    mine = [r for r in rows if r.text(0).startswith(folder)]
    assert {r.text(1) for r in mine} == {"Lite0 · quick"}  # the mode in words of the current language
    assert all(len(r.text(4)) == len("2026-12-01 14:05") for r in mine)  # the time of day tells them apart
    assert all(r.text(0) in r.toolTip(0) for r in mine)  # a name cut short in a narrow list is in its tooltip


# 8. Plain words before the jargon ---------------------------------------------------------------------
def test_model_details_speak_plainly_and_the_speed_line_tells_lite0_from_b0(qtbot, window):
    page = window.train_page
    page.networks.choose("lite0")
    lite0 = page.networks.text.text()
    dlg = page.show_details()
    qtbot.waitUntil(lambda: dlg.arch is not None, timeout=60_000)
    assert dlg.plain.text().startswith("In plain words") and "not on the chart" in dlg.plain.text()
    dlg.close()
    page.networks.choose("b0")
    assert "1.0× Lite0" in lite0 and "1.1× Lite0" in page.networks.text.text()


def test_the_heat_map_has_a_legend_and_the_engine_is_explained(qtbot, window):
    cam = window.live_page.cam_panel
    assert cam.legend.low and cam.legend.high == "decided the answer"
    dlg = window.show_settings()
    names = [dlg.engine.itemText(i) for i in range(dlg.engine.count())]
    assert all(":" in n for n in names) and "ONNX Runtime" not in names  # each says what it is
    dlg.close()
