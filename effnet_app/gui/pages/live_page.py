"""Live: a camera, video or stream classified frame by frame, with what the network
attends to -- SE gates, feature maps, Grad-CAM -- beside it. The same panels work on
a still picture (opened here, sent from Classify or Evaluate, or a paused frame).

Threads: a capture worker reads the source into a one-frame slot; an inference
worker always takes the newest frame (stale ones are dropped, so the overlay keeps
up with the camera). Which extras the inference computes follows the visible panel,
through a shared :class:`~effnet_app.core.explain.analyzer.Request`.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton,
                               QSpinBox, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from effnet_app.core.live.camera import RESOLUTIONS, FrameSlot, describe_source, list_cameras, quiet_opencv, snapshot_name
from effnet_app.core.errors import EffNetError, ImageError
from effnet_app.core.events import Disconnected, Event, FrameRead, LiveResult, Reconnected, SourceEnded, SourceOpened
from effnet_app.core.data.images import is_image_name, open_image
from effnet_app.core.explain.analyzer import (Analyzer, Request, class_profile, folder_samples, validation_samples)
from effnet_app.core.live.loops import SourceSpec, capture_loop, inference_loop, inference_threads
from effnet_app.core.paths import pictures_dir
from effnet_app.core.store.metadata import ModelMeta
from effnet_app.gui.crash import show_crash
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar, model_line
from effnet_app.gui.widgets.live_panels import CamPanel, FeaturePanel, SEPanel, top_of
from effnet_app.gui.widgets.video_view import VideoView
from effnet_app.gui.workers import Worker, start_worker

VIDEO_EXTENSIONS = {".avi", ".mp4", ".mov", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv"}
PANEL_HZ = 20  # panels repaint at most this often; the picture and its overlay with every result


def load_analyzer(state: AppState, ref: str, reporter, cancel) -> tuple[Analyzer, dict]:
    clf = state.classifier(ref, reporter=reporter, cancel=cancel)
    reporter.progress(0.6, QCoreApplication.translate("LivePage", "Preparing the live view"))
    return Analyzer.from_classifier(clf, threads=inference_threads()), clf.meta


def analyze_still(analyzer: Analyzer, image: np.ndarray, req: Request, reporter, cancel):
    return analyzer.analyze(image, req)


def find_cameras(reporter, cancel):
    quiet_opencv()
    return list_cameras()


def profile_for(analyzer: Analyzer, meta: ModelMeta | None, folder: Path | None, reporter, cancel):
    """The class profile over the model's validation images, else over the Data page's folder."""
    try:
        samples, source = validation_samples(meta, analyzer.classes)
    except EffNetError:
        if folder is None:
            raise
        samples, source = folder_samples(folder, analyzer.classes)
    return class_profile(analyzer, samples, source, reporter, cancel)


class LivePage(QWidget):
    running = Signal(bool)
    stillAnalysed = Signal()  # a still picture's panels are filled

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.analyzer: Analyzer | None = None
        self.meta: ModelMeta | None = None
        self._analyzer_ref = ""
        self.request = Request(gates=False)
        self.capture: Worker | None = None
        self.inference: Worker | None = None
        self.loader: Worker | None = None
        self.still_worker: Worker | None = None
        self._still_again = False
        self.profile_worker: Worker | None = None
        self.paused = threading.Event()
        self.frame: np.ndarray | None = None  # the picture on show (live frame or still)
        self.analysis = None
        self.source_info: SourceOpened | None = None
        self.camera_fps = 0.0
        self.results = 0
        self._panels_at = 0.0
        self._cameras_listed = False
        self._added: list[int | str] = []
        self._start_when_loaded = False
        self._reload = False

        title = QLabel(self.tr("<h2>5 · Live</h2>"))
        self.model_text = QLabel()
        self.source_box = QComboBox()
        self.source_box.setMinimumWidth(220)
        self.refresh_button = QPushButton(self.tr("Find cameras"))
        self.refresh_button.clicked.connect(self.find_cameras)
        self.file_button = QPushButton(icon("folder"), self.tr("Video file…"))
        self.file_button.clicked.connect(self.choose_video)
        self.url_button = QPushButton(self.tr("Stream URL…"))
        self.url_button.clicked.connect(self.ask_url)
        self.resolution_box = QComboBox()
        self.resolution_box.addItem(self.tr("Camera default"), None)
        for w, h in RESOLUTIONS:
            self.resolution_box.addItem(f"{w} × {h}", (w, h))
        self.mirror_box = QCheckBox(self.tr("Mirror"))
        self.mirror_box.setChecked(bool(int(state.settings.get("live_mirror") or 0)))
        self.repeat_box = QCheckBox(self.tr("Repeat videos"))
        self.repeat_box.setChecked(True)

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
        self.note = NoteBar()

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

        row1 = QHBoxLayout()
        row1.addWidget(QLabel(self.tr("Source:")))
        row1.addWidget(self.source_box, 1)
        for w in (self.refresh_button, self.file_button, self.url_button, QLabel(self.tr("Resolution:")),
                  self.resolution_box, self.mirror_box, self.repeat_box):
            row1.addWidget(w)
        row2 = QHBoxLayout()
        for w in (self.start_button, self.pause_button, self.snapshot_button, self.save_button, self.picture_button):
            row2.addWidget(w)
        row2.addStretch(1)
        row2.addWidget(QLabel(self.tr("Smooth over")))
        row2.addWidget(self.smooth_box)
        row2.addWidget(QLabel(self.tr("Unsure below")))
        row2.addWidget(self.unsure_box)
        self.view_area = QSplitter()
        self.view_area.addWidget(self.video)
        self.view_area.addWidget(self.tabs)
        self.view_area.setStretchFactor(0, 3)
        self.view_area.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.model_text)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.note)
        lay.addWidget(self.view_area, 1)
        state.modelChanged.connect(self._model_changed)
        self._model_changed(state.model)
        self._request_changed()

    def _worker(self, fn, *args) -> Worker:
        """A worker whose user errors show as a note on this page and bugs as the crash dialog."""
        w = Worker(fn, *args)
        w.failed.connect(lambda msg: self.note.show_note(msg, "error"))
        w.crashed.connect(lambda t: show_crash(self, t))
        return w

    # sources ------------------------------------------------------------------------
    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        if not self._cameras_listed:
            self._cameras_listed = True
            w = self.view_area.width()
            self.view_area.setSizes([w * 3 // 5, w - w * 3 // 5])  # the picture first
            self.find_cameras()

    def find_cameras(self) -> None:
        w = self._worker(find_cameras)
        w.result.connect(self._cameras_found)
        self.refresh_button.setEnabled(False)
        w.finished.connect(lambda: self.refresh_button.setEnabled(True))
        self._camera_worker = w
        start_worker(w)

    def _cameras_found(self, cameras) -> None:
        found = {cam.index for cam in cameras}
        keep = [(self.source_box.itemText(i), self.source_box.itemData(i)) for i in range(self.source_box.count())
                if self.source_box.itemData(i) in self._added and self.source_box.itemData(i) not in found]
        current = self.source()
        self.source_box.clear()
        for cam in cameras:
            self.source_box.addItem(icon("live"), cam.name, cam.index)
        for text, data in keep:
            self.source_box.addItem(text, data)
        if current is not None:
            self.source_box.setCurrentIndex(max(0, self.source_box.findData(current)))
        if not cameras and not keep:
            self.note.show_note(self.tr("No camera found. Connect one and press “Find cameras”, or open a video "
                                        "file or a stream."), "info")

    def source(self) -> int | str | None:
        return self.source_box.currentData()

    def set_source(self, source: int | str) -> None:
        """Add a video file or stream URL (or a camera index) to the list and choose it."""
        i = self.source_box.findData(source)
        if i < 0:
            self._added.append(source)  # kept when the camera list is refreshed
            self.source_box.addItem(describe_source(source), source)
            i = self.source_box.count() - 1
        self.source_box.setCurrentIndex(i)

    def choose_video(self) -> None:
        pattern = " ".join(f"*{e}" for e in sorted(VIDEO_EXTENSIONS))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a video"), "", self.tr("Videos ({p})").format(p=pattern))
        if path:
            self.set_source(path)
            self.start()

    def ask_url(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Stream URL"), self.tr(
            "Address of the camera stream (for example rtsp://192.168.1.20/stream or http://…/video.mjpg):"))
        if ok and url.strip():
            self.set_source(url.strip())
            self.start()

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
        if entry.ref != self._analyzer_ref:
            was_running = self.is_running()
            self.stop()
            self.analyzer = None
            self._analyzer_ref = ""
            if was_running:
                self._start_when_loaded = True
                self._load_analyzer()
            elif self.frame is not None and self.isVisible():
                self._load_analyzer()  # the picture on show, analysed by the new model

    def _load_analyzer(self) -> None:
        if self.loader is not None:
            return
        ref = self.state.model.ref
        w = self._worker(load_analyzer, self.state, ref)
        w.progress.connect(lambda _f, m: self.note.show_note(m or self.tr("Loading the model…"), "info"))
        w.result.connect(lambda out: self._loaded(ref, *out))
        w.finished.connect(self._loader_finished)
        self.loader = w
        start_worker(w)

    def _loaded(self, ref: str, analyzer: Analyzer, meta: ModelMeta | None) -> None:
        if ref != self.state.model.ref:
            self._reload = True  # the model changed while loading: load the new one next
            return
        self.analyzer, self.meta, self._analyzer_ref = analyzer, meta, ref
        for panel in (self.se_panel, self.feature_panel, self.cam_panel):
            panel.set_analyzer(analyzer)
        self._request_changed(analyze=False)  # _loader_finished starts what comes next
        self.note.clear()

    def _loader_finished(self) -> None:
        self.loader = None
        if self._reload:
            self._reload = False
            self._load_analyzer()
            return
        if self.analyzer is None:
            self._start_when_loaded = False
            self._still_again = False
            return
        if self._start_when_loaded:
            self._start_when_loaded = False
            self._start_loops()
        elif self.frame is not None and not self.is_running():
            self.analyze_still()

    # live ---------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.capture is not None or self.inference is not None

    def toggle(self) -> None:
        self.stop() if self.is_running() else self.start()

    def start(self) -> None:
        if self.is_running():
            self.stop()
            self._start_when_loaded = True  # restart once the old loops have finished
            return
        if self.source() is None:
            self.note.show_note(self.tr("Choose a camera, a video file or a stream first."), "warning")
            return
        if self.analyzer is None:
            self._start_when_loaded = True
            self._load_analyzer()
            return
        self._start_loops()

    def _start_loops(self) -> None:
        if self.is_running() or self.analyzer is None:
            return
        if self.source() is None:
            self.note.show_note(self.tr("Choose a camera, a video file or a stream first."), "warning")
            return
        self.state.settings.set("live_mirror", int(self.mirror_box.isChecked()))
        slot = FrameSlot()
        self.paused.clear()
        self.pause_button.setChecked(False)
        spec = SourceSpec(self.source(), self.resolution_box.currentData(), self.mirror_box.isChecked(),
                          loop=self.repeat_box.isChecked())
        self.capture = self._worker(capture_loop, spec, slot, 60.0, self.paused)
        self.capture.event.connect(self._capture_event)
        self.capture.finished.connect(lambda: self._loop_finished("capture"))
        self.inference = self._worker(inference_loop, self.analyzer, slot, self.request, self.smooth_box.value())
        self.inference.event.connect(self._inference_event)
        self.inference.finished.connect(lambda: self._loop_finished("inference"))
        self.results, self.camera_fps = 0, 0.0
        self.video.banner = ""
        self.note.clear()
        self.start_button.setText(self.tr("Stop"))
        self.start_button.setIcon(icon("stop"))
        self.pause_button.setEnabled(True)
        start_worker(self.capture)
        start_worker(self.inference)
        self.running.emit(True)

    def stop(self) -> None:
        for w in (self.capture, self.inference):
            if w is not None:
                w.cancel()

    def _loop_finished(self, which: str) -> None:
        if which == "capture":
            self.capture = None
            if self.inference is not None:
                self.inference.cancel()
        else:
            self.inference = None
            if self.capture is not None:
                self.capture.cancel()
        if self.is_running():
            return
        self.start_button.setText(self.tr("Start"))
        self.start_button.setIcon(icon("live"))
        self.pause_button.setEnabled(False)
        self.running.emit(False)
        if self._start_when_loaded:
            self._start_when_loaded = False
            self.start()
        elif self.pause_button.isChecked() and self.frame is not None:
            self.analyze_still()

    def set_paused(self, paused: bool) -> None:
        """Freeze the picture; the panels keep working on it (as on a still picture)."""
        if paused:
            self.paused.set()
            self.video.banner = self.tr("Paused")
            if self.frame is not None:
                self.analyze_still()
        else:
            self.paused.clear()
            self.video.banner = ""
        self.video.update()

    def _capture_event(self, event: Event) -> None:
        if isinstance(event, SourceOpened):
            self.source_info = event
            w, h = event.size
            self.state.status.emit(self.tr("{name}: {w} × {h}").format(name=event.name, w=w, h=h))
        elif isinstance(event, FrameRead) and not self.paused.is_set():
            self.camera_fps = event.fps
            self.frame = event.frame.image
            self.video.set_frame(self.frame)
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

    def _inference_event(self, event: Event) -> None:
        if not isinstance(event, LiveResult) or self.paused.is_set():
            return
        self.results += 1
        self._show(event.analysis, event.smoothed)
        self.video.stats = self.tr("camera {cam:.0f} fps · inference {fps:.0f} fps · latency {ms:.0f} ms").format(
            cam=self.camera_fps, fps=event.fps, ms=event.latency * 1000)
        now = time.perf_counter()
        if now - self._panels_at >= 1.0 / PANEL_HZ:
            self._panels_at = now
            self._show_panels(event.analysis)

    # showing an analysis ----------------------------------------------------------------
    def _show(self, a, probs: np.ndarray) -> None:
        self.analysis = a
        k = max(1, min(int(self.state.settings.get("top_k")), 5, len(self.analyzer.classes)))
        top = top_of(probs, self.analyzer.classes, k)
        self.video.set_prediction(top, top[0][1] * 100 < self.unsure_box.value())
        if a.cam is not None:
            self.video.set_cam(a.cam, a.box, self.tr("Grad-CAM: {name}").format(name=self.analyzer.classes[a.cam_class]))
        else:
            self.video.set_cam(None)

    def _show_panels(self, a) -> None:
        self.tabs.currentWidget().show_analysis(a)

    def _request_changed(self, analyze: bool = True) -> None:
        """Rebuild the request from the visible panel (the inference thread reads it per frame)."""
        req = Request(gates=False, stage=None, gradcam=False, se_block=None)
        current = self.tabs.currentWidget()
        if self.analyzer is not None:
            current.request(req)
            if current is not self.cam_panel:
                self.cam_panel.request(req)  # the heat map stays on the picture under every panel
        for field in ("gates", "stage", "maps", "gradcam", "cam_class", "se_block", "se_channel"):
            setattr(self.request, field, getattr(req, field))  # in place: the running loop holds this object
        if analyze and not self.is_running() and self.frame is not None and self.analyzer is not None:
            self.analyze_still()

    def _opacity(self, value: float) -> None:
        self.video.opacity = value
        self.video.update()

    # stills ---------------------------------------------------------------------------------
    def choose_picture(self) -> None:
        from effnet_app.core.data.images import IMAGE_EXTENSIONS

        pattern = " ".join(f"*{e}" for e in sorted(IMAGE_EXTENSIONS))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a picture"), "", self.tr("Images ({p})").format(p=pattern))
        if path:
            self.show_still(Path(path))

    def show_still(self, picture: Path | Image.Image) -> bool:
        """Analyse one picture with every panel (stops the live source)."""
        try:
            img = picture if isinstance(picture, Image.Image) else open_image(Path(picture))
        except ImageError as e:
            self.note.show_note(str(e), "error")
            return False
        self.stop()
        self._start_when_loaded = False
        self.frame = np.asarray(img.convert("RGB"))
        self.video.set_frame(self.frame)
        self.video.set_cam(None)
        self.video.set_prediction([], False)
        self.video.banner = ""
        self.video.stats = Path(picture).name if not isinstance(picture, Image.Image) else ""
        if self.analyzer is None:
            self._load_analyzer()
        else:
            self.analyze_still()
        return True

    def analyze_still(self) -> None:
        """Analyse the picture on show once (a still, or a paused frame); a request made
        while one runs is run after it, with the newest settings."""
        if self.analyzer is None or self.frame is None:
            return
        if self.still_worker is not None:
            self._still_again = True
            return
        req = Request()
        for panel in (self.se_panel, self.feature_panel, self.cam_panel):
            panel.request(req)
        req.gates = self.analyzer.has_se
        w = self._worker(analyze_still, self.analyzer, self.frame, req)
        w.result.connect(self._still_done)
        w.finished.connect(self._still_finished)
        self.still_worker = w
        start_worker(w)

    def _still_done(self, a) -> None:
        self._show(a, a.probs)
        for panel in (self.se_panel, self.feature_panel, self.cam_panel):
            panel.show_analysis(a)
        self.stillAnalysed.emit()

    def _still_finished(self) -> None:
        self.still_worker = None
        if self._still_again:
            self._still_again = False
            self.analyze_still()

    # class profile -----------------------------------------------------------------------------
    def compute_profile(self) -> None:
        if self.analyzer is None or self.profile_worker is not None:
            if self.analyzer is None:
                self.note.show_note(self.tr("Start the view or open a picture first, so the model is loaded."), "info")
            return
        folder = self.state.dataset.root if self.state.dataset is not None else None
        w = self._worker(profile_for, self.analyzer, self.meta, folder)
        w.progress.connect(lambda f, m: self.note.show_note(m, "info"))
        w.result.connect(self._profile_done)
        w.finished.connect(self._profile_finished)
        self.se_panel.profile_button.setEnabled(False)
        self.profile_worker = w
        start_worker(w)

    def _profile_done(self, profile) -> None:
        self.note.clear()
        self.se_panel.set_profile(profile)

    def _profile_finished(self) -> None:
        self.profile_worker = None
        self.se_panel.profile_button.setEnabled(True)

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
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the view"), str(pictures_dir() / "view.png"),
                                              self.tr("PNG image (*.png)"))
        if path:
            self.save_view(Path(path))

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
        self._start_when_loaded = False
        self.stop()
        for w in (self.loader, self.still_worker, self.profile_worker):
            if w is not None:
                w.cancel()
