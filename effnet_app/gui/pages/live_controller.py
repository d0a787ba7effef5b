"""The live view's work, apart from its widgets: loading the model as an analyser, the
capture and inference loops, a still picture's analysis, the class profile and the
camera search. The page shows what this object reports and tells it what the user
asked for; it never touches a worker.

Threads: the capture loop reads the source into a one-frame slot; the inference loop
always takes the newest frame (stale ones are dropped, so the overlay keeps up with
the camera). Which extras it computes follows the visible panel through a
:class:`~effnet_app.core.live.loops.RequestBox`, into which the page swaps a new,
immutable request.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Signal

from effnet_app.core.events import Event, FrameRead, LiveResult
from effnet_app.core.explain.request import Request
from effnet_app.core.explain.profile import profile_for
from effnet_app.core.explain.tasks import analyze_picture, load_analyzer
from effnet_app.core.inference.cache import ClassifierCache
from effnet_app.core.live.camera import FrameSlot, find_cameras
from effnet_app.core.live.loops import RequestBox, SourceSpec, capture_loop, inference_loop, inference_threads
from effnet_app.core.store.metadata import ModelMeta
from effnet_app.gui.workers import TaskSlot, Worker

if TYPE_CHECKING:  # PyTorch is loaded after the window is shown (core.preload)
    from effnet_app.core.explain.analyzer import Analyzer


class LiveController(QObject):
    running = Signal(bool)  # both loops started / both ended
    loading = Signal(str)  # a line of progress while the model loads or the profile runs
    loaded = Signal(object)  # the Analyzer, ready
    captured = Signal(object)  # the capture loop's events: SourceOpened, FrameRead, SourceEnded, Disconnected, ...
    result = Signal(object)  # a LiveResult (none while paused)
    stillDone = Signal(object)  # the Analysis of the picture on show
    profileDone = Signal(object)  # a ClassProfile
    profileRunning = Signal(bool)
    camerasFound = Signal(list)
    camerasRunning = Signal(bool)
    failed = Signal(str)  # a user error, one sentence

    def __init__(self, models: ClassifierCache, parent: QObject) -> None:
        super().__init__(parent)
        self.models = models
        self.analyzer: Analyzer | None = None
        self.meta: ModelMeta | None = None
        self.ref = ""  # the model the analyser is of
        self.wanted = ""  # the model chosen; loaded when needed
        self.request = RequestBox(Request(gates=False))  # what the running loop computes
        self.still_request = Request()  # what a still picture's analysis computes
        self.paused = threading.Event()
        self.frame: np.ndarray | None = None  # the picture on show: the newest frame, or a still
        self._pending: SourceSpec | None = None  # start this once the model is loaded / the loops ended
        self._spec: SourceSpec | None = None  # what the loops run on
        self._smooth = 5
        self._still_again = False
        self._reload = False
        slots = {name: TaskSlot(parent, failed=self.failed.emit)
                 for name in ("loader", "still", "profiler", "cameras", "capture", "inference")}
        self._loader, self._still, self._profiler = slots["loader"], slots["still"], slots["profiler"]
        self._cameras, self._capture, self._inference = slots["cameras"], slots["capture"], slots["inference"]

    # the loops' workers, for whoever wants their raw signals (tests, benchmarks)
    @property
    def capture(self) -> Worker | None:
        return self._capture.worker

    @property
    def inference(self) -> Worker | None:
        return self._inference.worker

    @property
    def still_busy(self) -> bool:
        return self._still.busy

    # model ------------------------------------------------------------------------
    def choose_model(self, ref: str, analyse_picture: bool) -> None:
        """The user chose ``ref``: a running view restarts with it; a picture on show is
        analysed with it when ``analyse_picture``; otherwise it loads when first needed."""
        self.wanted = ref
        if ref == self.ref:
            return
        pending = self._spec if self.is_running() else None
        self.stop()
        self.analyzer, self.ref = None, ""
        if pending is not None:
            self._pending = pending
            self.load()
        elif self.frame is not None and analyse_picture:
            self.load()

    def load(self) -> None:
        if self._loader.busy:
            return
        ref = self.wanted
        self._loader.start(load_analyzer, self.models, ref, inference_threads(),
                           progress=lambda _f, message: self.loading.emit(message),
                           result=lambda out: self._loaded(ref, *out), finished=self._loader_finished)

    def _loaded(self, ref: str, analyzer: Analyzer, meta: ModelMeta | None) -> None:
        if ref != self.wanted:
            self._reload = True  # the model changed while loading: load the new one next
            return
        self.use(analyzer, meta, ref)

    def use(self, analyzer: Analyzer, meta: ModelMeta | None, ref: str) -> None:
        """Work with ``analyzer`` (the model ``ref``) from now on."""
        self.analyzer, self.meta, self.ref, self.wanted = analyzer, meta, ref, ref
        self.loaded.emit(analyzer)

    def _loader_finished(self) -> None:
        if self._reload:
            self._reload = False
            self.load()
        elif self.analyzer is None:  # loading failed: nothing waits for it any more
            self._pending, self._still_again = None, False
        elif self._pending is not None:
            self._start_loops()
        elif self.frame is not None and not self.is_running():
            self.analyze_still()

    # live ---------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._capture.busy or self._inference.busy

    def start(self, spec: SourceSpec, smooth: int) -> None:
        """Run the view on ``spec``: at once, after the model has loaded, or after the
        loops that run now have ended."""
        self._pending, self._smooth = spec, smooth
        if self.is_running():
            self.stop(keep_pending=True)
        elif self.analyzer is None:
            self.load()
        else:
            self._start_loops()

    def _start_loops(self) -> None:
        spec, self._pending = self._pending, None
        if spec is None or self.analyzer is None or self.is_running():
            self._pending = spec
            return
        self._spec = spec
        slot = FrameSlot()
        self.paused.clear()
        self._capture.start(capture_loop, spec, slot, 60.0, self.paused, event=self._captured,
                            finished=self._loop_finished)
        self._inference.start(inference_loop, self.analyzer, slot, self.request, self._smooth,
                              event=self._inferred, finished=self._loop_finished)
        self.running.emit(True)

    def stop(self, keep_pending: bool = False) -> None:
        if not keep_pending:
            self._pending = None
        self._capture.stop()
        self._inference.stop()

    def _loop_finished(self) -> None:
        """Either loop ended (the source ended or failed, or Stop): the other one ends too."""
        if self.is_running():
            self.stop(keep_pending=True)
            return
        self.running.emit(False)
        if self._pending is not None:
            self.start(self._pending, self._smooth)
        elif self.paused.is_set() and self.frame is not None:
            self.analyze_still()

    def pause(self, paused: bool) -> None:
        """Freeze the picture; the panels keep working on it (as on a still picture)."""
        if paused:
            self.paused.set()
            self.analyze_still()
        else:
            self.paused.clear()

    def _captured(self, event: Event) -> None:
        if isinstance(event, FrameRead):
            if self.paused.is_set():
                return
            self.frame = event.frame.image
        self.captured.emit(event)

    def _inferred(self, event: Event) -> None:
        if isinstance(event, LiveResult) and not self.paused.is_set():
            self.result.emit(event)

    def set_requests(self, live: Request, still: Request, analyse: bool = True) -> None:
        """What the running loop computes (from the next frame on) and what a still
        picture's analysis computes; a picture on show is analysed again."""
        self.request.swap(live)
        self.still_request = still
        if analyse and (not self.is_running() or self.paused.is_set()):  # a paused picture is a still
            self.analyze_still()

    # stills ---------------------------------------------------------------------------
    def show_still(self, image: np.ndarray) -> None:
        """Analyse ``image`` with every panel (stops the live source)."""
        self.stop()
        self.frame = image
        if self.analyzer is None:
            self.load()
        else:
            self.analyze_still()

    def analyze_still(self) -> None:
        """Analyse the picture on show once; a request made while one runs is run after
        it, with the newest settings."""
        if self.analyzer is None or self.frame is None:
            return
        if self._still.busy:
            self._still_again = True
            return
        self._still.start(analyze_picture, self.analyzer, self.frame, self.still_request,
                          result=self.stillDone.emit, finished=self._still_finished)

    def _still_finished(self) -> None:
        if self._still_again:
            self._still_again = False
            self.analyze_still()

    # class profile, cameras --------------------------------------------------------------
    def compute_profile(self, folder) -> bool:
        """The class profile in the background; False when no model is loaded yet."""
        if self.analyzer is None:
            return False
        if not self._profiler.busy:
            self.profileRunning.emit(True)
            self._profiler.start(profile_for, self.analyzer, self.meta, folder,
                                 progress=lambda _f, message: self.loading.emit(message),
                                 result=self.profileDone.emit, finished=lambda: self.profileRunning.emit(False))
        return True

    @property
    def profile_busy(self) -> bool:
        return self._profiler.busy

    def find_cameras(self) -> None:
        self.camerasRunning.emit(True)
        self._cameras.start(find_cameras, result=self.camerasFound.emit,
                            finished=lambda: self.camerasRunning.emit(False))

    def shutdown(self) -> None:
        self.stop()
        for slot in (self._loader, self._still, self._profiler, self._cameras):
            slot.shutdown()
