"""Live: a camera, video or stream classified frame by frame, with what the network
attends to -- SE gates, feature maps, Grad-CAM -- beside it. The same panels work on
a still picture (opened here, sent from Classify or Evaluate, or a paused frame).

This page displays and asks; the work (the model, the capture and inference loops,
stills, the class profile) belongs to its :class:`LiveController`.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from effnet_app.core.data.images import IMAGE_EXTENSIONS, is_image_name, open_image
from effnet_app.core.errors import ImageError
from effnet_app.core.events import Disconnected, Event, FrameRead, LiveResult, Reconnected, SourceEnded, SourceOpened
from effnet_app.core.explain.request import Request
from effnet_app.core.live.camera import snapshot_name
from effnet_app.core.metrics import top_classes
from effnet_app.core.paths import pictures_dir
from effnet_app.gui.icons import icon
from effnet_app.gui.pages.live_controller import LiveController
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar, model_line
from effnet_app.gui.widgets.record_bar import RecordBar
from effnet_app.gui.widgets.live_panels import CamPanel, FeaturePanel, SEPanel
from effnet_app.gui.widgets.source_picker import VIDEO_EXTENSIONS, SourcePicker
from effnet_app.gui.widgets.video_view import VideoView
from effnet_app.gui import file_dialogs

if TYPE_CHECKING:  # PyTorch is loaded after the window is shown (core.preload)
    from effnet_app.core.explain.analyzer import Analysis, Analyzer

PANEL_HZ = 20  # panels repaint at most this often; the picture and its overlay with every result


class LivePage(QWidget):
    running = Signal(bool)
    stillAnalysed = Signal()  # a still picture's panels are filled

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.controller = LiveController(state.models, self)
        self.analysis: Analysis | None = None
        self.source_info: SourceOpened | None = None
        self.camera_fps = 0.0
        self.results = 0
        self._panels_at = 0.0
        self._cameras_listed = False
        self.note = NoteBar()
        self.model_text = QLabel()
        self.sources = SourcePicker(state.settings.live_mirror)
        self.repeat_box, self.mirror_box = self.sources.repeat_box, self.sources.mirror_box
        control_row = self._control_row()
        self.record_bar = RecordBar(state, lambda: self.controller.frame)
        self.record_bar.failed.connect(lambda message: self.note.show_note(message, "warning"))
        self._panels()
        self.view_area = QSplitter()
        self.view_area.addWidget(self.video)
        self.view_area.addWidget(self.tabs)
        self.view_area.setStretchFactor(0, 3)
        self.view_area.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("<h2>5 · Live</h2>")))
        lay.addWidget(self.model_text)
        lay.addWidget(self.sources)
        lay.addLayout(control_row)
        lay.addWidget(self.record_bar)
        lay.addWidget(self.note)
        lay.addWidget(self.view_area, 1)
        self._connect_controller()
        state.modelChanged.connect(self._model_changed)
        self._model_changed(state.model)
        self._request_changed()

    # building -------------------------------------------------------------------------
    def _control_row(self) -> QHBoxLayout:
        self.start_button = QPushButton(icon("live"), self.tr("Start"))
        self.start_button.clicked.connect(self.toggle)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setEnabled(False)
        self.pause_button.toggled.connect(self.set_paused)
        self.snapshot_button = QPushButton(self.tr("Snapshot"))
        self.snapshot_button.setToolTip(self.tr("Save the picture as it is now as a PNG in {folder}").format(folder=pictures_dir()))
        self.snapshot_button.clicked.connect(self.snapshot)
        self.save_button = QPushButton(self.tr("Save view…"))
        self.save_button.setToolTip(self.tr("Save the picture with its overlays and the panel as one PNG"))
        self.save_button.clicked.connect(self.choose_save_view)
        self.picture_button = QPushButton(icon("images"), self.tr("Open picture…"))
        self.picture_button.clicked.connect(self.choose_picture)
        self.smooth_box = QSpinBox()
        self.smooth_box.setRange(1, 30)
        self.smooth_box.setValue(5)
        self.smooth_box.setSuffix(self.tr(" frames"))
        self.smooth_box.setToolTip(self.tr("The label is the average over this many frames, so it does not flicker"))
        self.unsure_box = QSpinBox()
        self.unsure_box.setRange(0, 99)
        self.unsure_box.setValue(50)
        self.unsure_box.setSuffix(" %")
        self.unsure_box.setToolTip(self.tr("Below this confidence the view says “Unsure”"))
        row = QHBoxLayout()
        for w in (self.start_button, self.pause_button, self.snapshot_button, self.save_button, self.picture_button):
            row.addWidget(w)
        row.addStretch(1)
        for w in (QLabel(self.tr("Smooth over")), self.smooth_box, QLabel(self.tr("Unsure below")), self.unsure_box):
            row.addWidget(w)
        return row

    def _panels(self) -> None:
        self.video = VideoView()
        self.se_panel = SEPanel()
        self.feature_panel = FeaturePanel()
        self.cam_panel = CamPanel()
        self.cam_panel.opacityChanged.connect(self._opacity)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.se_panel, self.tr("SE gates"))
        self.tabs.addTab(self.feature_panel, self.tr("Feature maps"))
        self.tabs.addTab(self.cam_panel, self.tr("Grad-CAM"))
        self.tabs.currentChanged.connect(lambda _i: self._request_changed())
        for panel in (self.se_panel, self.feature_panel, self.cam_panel):
            panel.changed.connect(self._request_changed)
        self.se_panel.profileRequested.connect(self.compute_profile)

    def _connect_controller(self) -> None:
        c = self.controller
        c.failed.connect(lambda message: self.note.show_note(message, "error"))
        c.loading.connect(lambda message: self.note.show_note(message or self.tr("Loading the model…"), "info"))
        c.loaded.connect(self._loaded)
        c.running.connect(self._running)
        c.captured.connect(self._capture_event)
        c.result.connect(self._live_result)
        c.stillDone.connect(self._still_done)
        c.profileDone.connect(self._profile_done)
        c.profileRunning.connect(lambda on: self.se_panel.profile_button.setEnabled(not on))
        c.camerasFound.connect(self.sources.cameras_found)
        c.camerasRunning.connect(lambda on: self.sources.refresh_button.setEnabled(not on))
        self.sources.findRequested.connect(self.find_cameras)
        self.sources.opened.connect(self._source_chosen)
        self.sources.nothingFound.connect(lambda: self.note.show_note(self.tr(
            "No camera found. Connect one and press “Find cameras”, or open a video file or a stream."), "info"))

    # what the controller knows, for readers of the page ----------------------------------
    @property
    def analyzer(self) -> Analyzer | None:
        return self.controller.analyzer

    @property
    def frame(self) -> np.ndarray | None:
        return self.controller.frame

    def is_running(self) -> bool:
        return self.controller.is_running()

    # sources ------------------------------------------------------------------------
    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if not self._cameras_listed:
            self._cameras_listed = True
            w = self.view_area.width()
            self.view_area.setSizes([w * 3 // 5, w - w * 3 // 5])  # the picture first
            self.find_cameras()

    def find_cameras(self) -> None:
        self.controller.find_cameras()

    def source(self) -> int | str | None:
        return self.sources.source()

    def set_source(self, source: int | str) -> None:
        self.sources.set_source(source)

    def _source_chosen(self) -> None:
        """A running view switches to the new source; a stopped one waits for Start (the
        button under the cursor must not turn into Stop by itself)."""
        if self.is_running():
            self.start()
        else:
            self.note.show_note(self.tr("“{name}” is ready: press Start.").format(name=self.sources.box.currentText()), "info")
            self.start_button.setFocus()

    def open_paths(self, paths: list[Path]) -> bool:
        """A dropped video plays; a dropped picture is analysed as a still."""
        for p in paths:
            if p.suffix.lower() in VIDEO_EXTENSIONS:
                self.set_source(str(p))
                self.start()
                return True
            if p.is_file() and is_image_name(p):
                self.show_still(p)
                return True
        return False

    # model --------------------------------------------------------------------------
    def _model_changed(self, entry) -> None:
        self.model_text.setText(model_line(self, entry))
        self.controller.choose_model(entry.ref, analyse_picture=self.isVisible())

    def _loaded(self, analyzer: Analyzer) -> None:
        for panel in (self.se_panel, self.feature_panel, self.cam_panel):
            panel.set_analyzer(analyzer)
        if not analyzer.has_se and self.tabs.currentWidget() is self.se_panel:
            self.tabs.blockSignals(True)  # the request below covers the switch
            self.tabs.setCurrentWidget(self.feature_panel)  # Lite0 has no gates to show: open what it has
            self.tabs.blockSignals(False)
        self._request_changed(analyze=False)  # the controller starts what waited for the model
        self.note.clear()

    # live ---------------------------------------------------------------------------
    def toggle(self) -> None:
        self.stop() if self.is_running() else self.start()

    def start(self) -> None:
        """Start (or restart) the view on the chosen source with the chosen options."""
        if self.source() is None:
            self.note.show_note(self.tr("Choose a camera, a video file or a stream first."), "warning")
            return
        self.state.settings.change(live_mirror=self.mirror_box.isChecked())
        self.controller.start(self.sources.spec(), self.smooth_box.value())

    def stop(self) -> None:
        self.controller.stop()

    def _running(self, on: bool) -> None:
        if on:
            self.pause_button.setChecked(False)
            self.results, self.camera_fps = 0, 0.0
            self.video.banner = ""
            self.note.clear()
        else:  # a stopped view shows no rates, and its Pause is not left pressed
            self.video.stats = ""
            self.pause_button.blockSignals(True)
            self.pause_button.setChecked(False)
            self.pause_button.setText(self.tr("Pause"))
            self.pause_button.blockSignals(False)
            self.video.update()
        self.start_button.setText(self.tr("Stop") if on else self.tr("Start"))
        self.start_button.setIcon(icon("stop" if on else "live"))
        self.pause_button.setEnabled(on)
        self.running.emit(on)

    def set_paused(self, paused: bool) -> None:
        """Freeze the picture; the panels keep working on it (as on a still picture)."""
        self.controller.pause(paused)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.video.banner = self.tr("Paused") if paused else ""
        self.video.update()

    def _capture_event(self, event: Event) -> None:
        if isinstance(event, SourceOpened):
            self.source_info = event
            w, h = event.size
            self.state.status.emit(self.tr("{name}: {w} × {h}").format(name=event.name, w=w, h=h))
        elif isinstance(event, FrameRead):
            self.camera_fps = event.fps
            self.video.set_frame(event.frame.image)
            self.record_bar.offer(event.frame.image)
        elif isinstance(event, SourceEnded):
            self.video.banner = self.tr("The video ended")
            self.video.update()
        elif isinstance(event, Disconnected):
            self.video.banner = self.tr("Camera disconnected — reconnecting…")
            self.note.show_note(self.tr("The camera stopped sending pictures. EffNet Studio keeps trying to connect "
                                        "again; check its cable or network, or press Stop."), "warning")
            self.video.update()
        elif isinstance(event, Reconnected):
            self.video.banner = ""
            self.note.show_note(self.tr("The camera is back."), "ok")
            self.video.update()

    def _live_result(self, event: LiveResult) -> None:
        self.results += 1
        self._show(event.analysis, event.smoothed, bool(event.unknown))
        self.video.stats = self.tr("camera {cam:.0f} fps · inference {fps:.0f} fps · latency {ms:.0f} ms").format(
            cam=self.camera_fps, fps=event.fps, ms=event.latency * 1000)
        now = time.perf_counter()
        if now - self._panels_at >= 1.0 / PANEL_HZ:
            self._panels_at = now
            self.tabs.currentWidget().show_analysis(event.analysis)

    # showing an analysis ----------------------------------------------------------------
    def _show(self, a: Analysis, probs: np.ndarray, unknown: bool) -> None:
        self.analysis = a
        classes = self.analyzer.classes
        top = top_classes(probs, classes, min(self.state.settings.top_k, 5))
        self.video.set_prediction(top, top[0][1] * 100 < self.unsure_box.value(), unknown)
        if a.cam is not None:
            self.video.set_cam(a.cam, a.box, self.tr("Grad-CAM: {name}").format(name=classes[a.cam_class]))
        else:
            self.video.set_cam(None)

    def _request_changed(self, analyze: bool = True) -> None:
        """New requests from the panels: the running loop's follows the visible panel (the
        heat map stays on the picture under every panel); a still's has every panel."""
        live = Request(gates=False, stage=None, gradcam=False, se_block=None)
        still = Request()
        if self.analyzer is not None:
            current = self.tabs.currentWidget()
            live = current.request(live)
            if current is not self.cam_panel:
                live = self.cam_panel.request(live)
            for panel in (self.se_panel, self.feature_panel, self.cam_panel):
                still = panel.request(still)
            still = replace(still, gates=self.analyzer.has_se)
        self.controller.set_requests(live, still, analyse=analyze)

    def _opacity(self, value: float) -> None:
        self.video.opacity = value
        self.video.update()

    # stills ---------------------------------------------------------------------------------
    def choose_picture(self) -> None:
        pattern = " ".join(f"*{e}" for e in sorted(IMAGE_EXTENSIONS))
        path = file_dialogs.open_file(self, self.tr("Open a picture"), self.tr("Images ({p})").format(p=pattern))
        if path:
            self.show_still(path)

    def show_still(self, picture: Path | Image.Image) -> bool:
        """Analyse one picture with every panel (stops the live source)."""
        try:
            img = picture if isinstance(picture, Image.Image) else open_image(Path(picture))
        except ImageError as e:
            self.note.show_note(str(e), "error")
            return False
        frame = np.asarray(img.convert("RGB"))
        self.video.set_frame(frame)
        self.video.set_cam(None)
        self.video.set_prediction([], False)
        self.video.banner = ""
        self.video.stats = Path(picture).name if not isinstance(picture, Image.Image) else ""
        self.controller.show_still(frame)
        return True

    def _still_done(self, a: Analysis) -> None:
        if self.analyzer is None:  # another model is loading: this picture is analysed again with it
            return
        threshold = self.analyzer.calibration.threshold()
        self._show(a, a.probs, a.unknown_score is not None and a.unknown_score > threshold)
        for panel in (self.se_panel, self.feature_panel, self.cam_panel):
            panel.show_analysis(a)
        self.stillAnalysed.emit()

    # class profile -----------------------------------------------------------------------------
    def compute_profile(self) -> None:
        folder = self.state.dataset.root if self.state.dataset is not None else None
        if not self.controller.compute_profile(folder):
            self.note.show_note(self.tr("Start the view or open a picture first, so the model is loaded."), "info")

    def _profile_done(self, profile) -> None:
        self.note.clear()
        self.se_panel.set_profile(profile)

    # saving -------------------------------------------------------------------------------------
    def snapshot(self, folder: Path | None = None) -> Path | None:
        """The picture on show, without overlays, as a new PNG."""
        if self.frame is None:
            self.note.show_note(self.tr("There is no picture to save yet."), "info")
            return None
        folder = folder or pictures_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = snapshot_name(folder)
            Image.fromarray(self.frame).save(path)
        except OSError as e:
            self.note.show_note(self.tr("The snapshot could not be saved: {e}").format(e=e.strerror or e), "error")
            return None
        self.note.show_note(self.tr("Snapshot saved as {path}.").format(path=path), "ok")
        return path

    def choose_save_view(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Save the view"), "view.png", self.tr("PNG image (*.png)"))
        if path:
            self.save_view(path)

    def save_view(self, path: Path) -> bool:
        """The picture with its overlays and the visible panel, as one PNG."""
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        ok = self.view_area.grab().save(str(path), "PNG")
        if ok:
            self.note.show_note(self.tr("View saved as {path}.").format(path=path), "ok")
        else:
            self.note.show_note(self.tr("The view could not be saved to {path}.").format(path=path), "error")
        return ok

    def shutdown(self) -> None:
        self.controller.shutdown()
