"""The live page driven as a person would: a video written with OpenCV as the camera,
the real capture and inference workers, every panel, stills, pause, saving."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from effnet_app.core.store.library import entry_for
from effnet_app.core.events import LiveResult
from effnet_app.gui import workers

LOAD_TIMEOUT = 120_000


def live_page(window, model=None):
    if model is not None:
        window.state.set_model(entry_for(model))
    window.tabs.setCurrentWidget(window.live_page)
    return window.live_page


def start(qtbot, page, source):
    """Start the page on ``source``; returns the list every inference ``result`` lands in."""
    results, capture_stats = [], []

    def connect(running):
        if running:
            page.controller.inference.event.connect(lambda e: results.append(e) if isinstance(e, LiveResult) else None)
            page.controller.capture.result.connect(capture_stats.append)

    page.running.connect(connect)
    page.set_source(source)
    with qtbot.waitSignal(page.running, timeout=LOAD_TIMEOUT):
        page.start()
    return results, capture_stats


def stop(qtbot, page):
    with qtbot.waitSignal(page.running, timeout=10_000):
        page.stop()
    qtbot.waitUntil(lambda: not workers._THREADS, timeout=10_000)


def test_video_through_the_workers_gives_every_panel(qtbot, window, b0_model, rock_video):
    page = live_page(window, b0_model)
    page.tabs.setCurrentWidget(page.se_panel)
    results, capture_stats = start(qtbot, page, str(rock_video))
    qtbot.waitUntil(lambda: any(r.analysis.se is not None for r in results), timeout=30_000)
    a = next(r.analysis for r in results if r.analysis.se is not None)
    channels = page.analyzer.block_channels
    assert len(a.gates) == len(channels) == 16
    for gate, c in zip(a.gates, channels):
        assert gate.shape == (c,) and 0 < gate.min() and gate.max() < 1
    assert a.cam is not None and a.cam.shape == (7, 7) and a.box == pytest.approx((110, 30, 530, 450))
    assert a.probs.shape == (3,) and abs(a.probs.sum() - 1) < 1e-4
    n = len(results)
    page.tabs.setCurrentWidget(page.feature_panel)  # the running loop follows the visible panel
    qtbot.waitUntil(lambda: any(r.analysis.features is not None for r in results[n:]), timeout=30_000)
    fm = next(r.analysis.features for r in results[n:] if r.analysis.features is not None)
    assert fm.maps.shape[0] == 16 and 0 <= fm.maps.min() and fm.maps.max() <= 1
    # What the person sees: the frame, the label, the numbers, the painted panels.
    assert page.video.frame is not None and page.video.frame_size == (640, 480)
    assert page.video.top and page.video.top[0][0] in {"Chert", "Bauxite", "鲕粒灰岩"}
    assert "inference" in page.video.stats and page.video.cam is not None
    qtbot.waitUntil(lambda: len(page.feature_panel.grid.images) == 16, timeout=10_000)
    assert len(page.se_panel.strip.rows) == 16
    stop(qtbot, page)
    assert capture_stats and capture_stats[0]["released"] and capture_stats[0]["frames"] >= 1
    indices = [r.frame.index for r in results]
    assert indices == sorted(indices) and len(set(indices)) == len(indices)  # newest first, never twice


def test_still_picture_and_clicking_a_gate(qtbot, window, b0_model, small_rocks):
    page = live_page(window, b0_model)
    picture = sorted((small_rocks / "Chert").iterdir())[0]
    with qtbot.waitSignal(page.stillAnalysed, timeout=LOAD_TIMEOUT):
        window.inspect(picture)
    assert window.tabs.currentWidget() is page
    se = page.se_panel
    assert len(se.strip.rows) == 16 and se.before.image is not None and se.after.image is not None
    assert len(page.feature_panel.grid.images) == 16 and page.video.cam is not None
    # Click the strip's row of block 3, at its right end: the last channels of that block.
    strip = se.strip
    r = strip.strip_rect()
    y = int(r.top() + (2.5 / 16) * r.height())
    x = int(r.right() - 2)
    row, channel = strip.cell_at(x, y)
    assert row == 2
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.waitUntil(lambda: not page.controller.still_busy and page.analysis.se.block == 2, timeout=30_000)
    assert page.se_panel.block == 2 and page.analysis.se.channel == channel
    assert page.analysis.se.channel > 0.95 * page.analyzer.block_channels[2]  # the right end: the last channels
    # Grad-CAM of a chosen class.
    page.cam_panel.class_box.setCurrentIndex(2)  # item 0 is "the predicted class"
    qtbot.waitUntil(lambda: not page.controller.still_busy and page.analysis.cam_class == 1, timeout=30_000)


def test_lite0_says_it_has_no_se_blocks_and_keeps_the_other_panels(qtbot, window, small_rocks, b0_model):
    page = live_page(window)  # the built-in ImageNet Lite0
    with qtbot.waitSignal(page.stillAnalysed, timeout=LOAD_TIMEOUT):
        page.show_still(sorted((small_rocks / "Bauxite").iterdir())[0])
    assert page.se_panel.stack.currentIndex() == 1
    assert "no Squeeze-and-Excitation" in page.se_panel.none_label.text()
    assert page.tabs.currentWidget() is page.feature_panel  # not the empty SE tab
    assert page.video.cam is not None and page.analysis.features is not None
    assert len(page.video.top) == 5 and page.analysis.probs.shape == (1000,)
    # Choosing another model analyses the picture on show again, with that model.
    with qtbot.waitSignal(page.stillAnalysed, timeout=LOAD_TIMEOUT):
        window.state.set_model(entry_for(b0_model))
    assert page.analysis.probs.shape == (3,) and page.se_panel.stack.currentIndex() == 0
    assert len(page.se_panel.strip.rows) == 16


def test_pause_snapshot_save_view_and_the_end_of_a_video(qtbot, window, b0_model, rock_video, tmp_path):
    page = live_page(window, b0_model)
    page.repeat_box.setChecked(False)
    results, _ = start(qtbot, page, str(rock_video))
    qtbot.waitUntil(lambda: len(results) >= 3, timeout=30_000)
    with qtbot.waitSignal(page.stillAnalysed, timeout=30_000):
        page.pause_button.click()  # the frozen frame is analysed with every panel
    frozen = page.frame.copy()
    qtbot.wait(300)
    assert np.array_equal(page.frame, frozen) and page.video.banner == "Paused"
    assert page.pause_button.text() == "Resume"
    # While paused the panels keep working: another stage is drawn from the frozen picture.
    page.tabs.setCurrentWidget(page.feature_panel)
    stage = page.feature_panel.stage_box
    stage.setCurrentIndex((stage.currentIndex() + 1) % stage.count())
    qtbot.waitUntil(lambda: page.analysis.features is not None and page.analysis.features.stage == stage.currentIndex()
                    and bool(page.feature_panel.grid.images), timeout=30_000)
    assert np.array_equal(page.frame, frozen)
    shot = page.snapshot(tmp_path / "shots")
    assert Image.open(shot).size == (640, 480)
    assert np.array_equal(np.asarray(Image.open(shot)), frozen)
    assert page.save_view(tmp_path / "view")
    view = Image.open(tmp_path / "view.png")
    assert view.size[0] > 640 and "view.png" in page.note.text()
    page.pause_button.click()
    assert page.pause_button.text() == "Pause"
    qtbot.waitUntil(lambda: page.video.banner == "The video ended", timeout=30_000)
    qtbot.waitUntil(lambda: not page.is_running(), timeout=10_000)
    assert page.start_button.text() == "Start"
    assert page.video.stats == "", "a stopped view shows no camera and inference rates"


def test_choosing_a_video_waits_for_start(qtbot, window, b0_model, rock_video, monkeypatch):
    """The README says: choose a video, then press Start. Choosing must not start it
    (the Start button would become Stop under the cursor)."""
    from PySide6.QtWidgets import QFileDialog

    page = live_page(window, b0_model)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(rock_video), ""))
    page.sources.file_button.click()
    assert page.source() == str(rock_video) and not page.is_running()
    assert page.start_button.text() == "Start" and "press Start" in page.note.text()
    with qtbot.waitSignal(page.running, timeout=LOAD_TIMEOUT):
        page.start_button.click()
    assert page.start_button.text() == "Stop"
    stop(qtbot, page)


def test_a_camera_that_is_not_there_is_a_sentence(qtbot, window, b0_model):
    page = live_page(window, b0_model)
    page.set_source(9)
    with qtbot.waitSignal(page.running, timeout=LOAD_TIMEOUT, check_params_cb=lambda r: r is False):
        page.start()
    assert "could not be opened" in page.note.text() and page.note.kind == "error"


def test_class_profile_over_the_validation_images(qtbot, window, b0_model):
    page = live_page(window, b0_model)
    page.tabs.setCurrentWidget(page.se_panel)
    with qtbot.waitSignal(page.stillAnalysed, timeout=LOAD_TIMEOUT):
        page.show_still(Image.new("RGB", (300, 200), (120, 80, 60)))
    with qtbot.waitSignal(page.se_panel.profileShown, timeout=60_000):
        page.se_panel.profile_button.click()
    prof = page.se_panel.profile
    assert prof.classes == page.analyzer.classes and sum(prof.counts) >= 3
    assert "validation images of" in prof.source
    assert len(page.se_panel.profile_strip.rows) == 3 and len(page.se_panel.specificity.values) == 16


def test_a_stream_that_goes_away_says_so_reconnects_and_stays_responsive(qtbot, window, b0_model, mjpeg_stream):
    """An HTTP camera switched off mid-stream, then on again: the banner and note say so,
    the window keeps answering while the loop retries, the pictures come back, and
    Stop leaves no thread behind."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    page = live_page(window, b0_model)
    page.tabs.setCurrentWidget(page.se_panel)
    results, _ = start(qtbot, page, mjpeg_stream.url)
    qtbot.waitUntil(lambda: len(results) >= 3, timeout=30_000)

    gaps, clock = [], QElapsedTimer()
    clock.start()

    def tick():  # the longest wait between two timer events is the window's worst stall
        gaps.append(clock.restart())

    timer = QTimer(page, interval=20)
    timer.timeout.connect(tick)
    timer.start()
    mjpeg_stream.stop()
    qtbot.waitUntil(lambda: page.video.banner == "Camera disconnected — reconnecting…", timeout=10_000)
    assert "keeps trying to connect again" in page.note.text() and page.is_running()
    qtbot.wait(1500)  # refused attempts meanwhile
    timer.stop()
    assert max(gaps) < 500, f"the window stalled for {max(gaps)} ms"
    n = len(results)
    mjpeg_stream.start()
    qtbot.waitUntil(lambda: page.note.text() == "The camera is back.", timeout=15_000)
    assert page.video.banner == ""
    # every panel is fed again (the SE detail comes twice a second)
    qtbot.waitUntil(lambda: any(r.analysis.se is not None for r in results[n:]), timeout=30_000)
    stop(qtbot, page)
    assert page.start_button.text() == "Start"


def test_recording_a_burst_from_a_video_into_a_new_class(qtbot, window, b0_model, rock_video, small_rocks_copy,
                                                          monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from effnet_app.gui.widgets.record_bar import NEW_CLASS

    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        window.data_page.open_folder(small_rocks_copy)
    before = {p: p.read_bytes() for p in small_rocks_copy.rglob("*") if p.is_file()}
    page = live_page(window, b0_model)
    bar = page.record_bar
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Basalt", True))
    bar.class_box.setCurrentIndex(bar.class_box.findData(NEW_CLASS))
    bar.class_box.activated.emit(bar.class_box.currentIndex())  # "New class…" asks for a name
    assert bar.class_box.currentText() == "Basalt" and (small_rocks_copy / "Basalt").is_dir()
    bar.rate_box.setValue(4.0)
    results, _ = start(qtbot, page, str(rock_video))
    qtbot.waitUntil(lambda: len(results) >= 2, timeout=30_000)
    qtbot.mousePress(bar.record_button, Qt.MouseButton.LeftButton)  # held down: a burst
    qtbot.waitUntil(lambda: bar.count >= 4, timeout=10_000)
    qtbot.mouseRelease(bar.record_button, Qt.MouseButton.LeftButton)
    n = bar.count
    qtbot.wait(600)
    assert bar.count == n, "releasing the button ends the burst"
    assert bar.add_picture() is not None  # and one more, by hand
    stop(qtbot, page)
    recorded = sorted((small_rocks_copy / "Basalt").iterdir())
    assert len(recorded) == n + 1 and bar.count_label.text() == f"{n + 1} pictures recorded"
    assert all(Image.open(p).size == (640, 480) for p in recorded)
    # Nothing else changed, and the Data page has scanned the folder again with the new class.
    assert all(p.read_bytes() == data for p, data in before.items())
    qtbot.waitUntil(lambda: window.state.dataset is not None and "Basalt" in window.state.dataset.classes
                    and window.state.dataset.counts()["Basalt"] == n + 1, timeout=20_000)
