"""The live pipeline's two loops, run by two workers on their own threads:

* :func:`capture_loop` reads a :class:`~effnet_app.core.live.camera.FrameSource` and puts
  every frame in a :class:`~effnet_app.core.live.camera.FrameSlot` (and, at most
  ``display_fps`` times a second, reports it for the display);
* :func:`inference_loop` takes the newest frame from the slot -- older ones are
  dropped, so the overlay never lags behind the camera -- analyses it as the shared
  :class:`~effnet_app.core.explain.analyzer.Request` says, smooths the prediction, and
  reports the result with its frame rate and latency.

Both are plain functions with ``reporter`` and ``cancel``: the GUI runs them in its
workers, the benchmark and tests run them the same way.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

import numpy as np

from effnet_app.core.live.camera import Frame, FrameSlot, FrameSource, describe_source
from effnet_app.core.errors import CameraError
from effnet_app.core.events import (Disconnected, FrameRead, LiveResult, Reconnected, Reconnecting, SourceEnded,
                                    SourceOpened)
from effnet_app.core.explain.request import Request
from effnet_app.core.progress import CancelToken, NullReporter, Reporter

if TYPE_CHECKING:  # the window imports the loops before PyTorch; the analyser comes loaded
    from effnet_app.core.explain.analyzer import Analyzer


RECONNECT_INTERVAL_S = 2.0  # between attempts to open a camera or stream that went away


def inference_threads() -> int:
    """ONNX Runtime threads for the live view: all cores but one, at most 4. The spare
    core decodes the camera and paints the window; with every core given to ONNX
    Runtime its threads wait on each other whenever one is preempted (measured on 2
    cores, B0 with the SE panel: 33 frames/s with 2 threads, 52 with 1)."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class Smoother:
    """Averages the last ``window`` probability vectors, so the label does not flicker
    between two classes from one frame to the next."""

    def __init__(self, window: int = 5) -> None:
        self._recent: deque[np.ndarray] = deque(maxlen=max(1, window))

    def update(self, probs: np.ndarray) -> np.ndarray:
        if self._recent and self._recent[-1].shape != probs.shape:
            self._recent.clear()
        self._recent.append(probs)
        return np.mean(self._recent, axis=0)

    def reset(self) -> None:
        self._recent.clear()


class RateMeter:
    """Events per second over the last ``span`` seconds."""

    def __init__(self, span: float = 1.0) -> None:
        self.span = span
        self._times: deque[float] = deque()

    def tick(self, now: float | None = None) -> float:
        now = time.perf_counter() if now is None else now
        self._times.append(now)
        while self._times and now - self._times[0] > self.span:
            self._times.popleft()
        return self.rate

    @property
    def rate(self) -> float:
        if len(self._times) < 2:
            return 0.0
        return (len(self._times) - 1) / max(self._times[-1] - self._times[0], 1e-9)


@dataclasses.dataclass
class SourceSpec:
    source: int | str
    resolution: tuple[int, int] | None = None
    mirror: bool = False
    loop: bool = False
    pace: float | None = None  # frames/s for files; None: the file's own rate; 0: as fast as they decode

    def open(self) -> FrameSource:
        return FrameSource(self.source, self.resolution, self.mirror, self.pace, self.loop)


def capture_loop(spec: SourceSpec, slot: FrameSlot, display_fps: float = 60.0, paused: threading.Event | None = None,
                 reporter: Reporter | None = None, cancel: CancelToken | None = None,
                 reconnect: float | None = RECONNECT_INTERVAL_S) -> dict:
    """Read frames until cancelled or the source ends. Events: ``opened`` (size, name),
    ``frame`` (image, index, fps), ``ended`` (a file ended, or a camera or stream
    stopped delivering and ``reconnect`` is None).

    A camera or stream that stops delivering (unplugged, network gone, server silent)
    sends ``disconnected`` and is opened again every ``reconnect`` seconds until it
    answers (``reconnected``, then frames as before) or the loop is cancelled; the
    inference loop waits meanwhile.

    While ``paused`` is set, nothing is handed on: a file waits where it is, a camera
    is still read (and its frames discarded) so it shows the present on resume."""
    reporter = reporter or NullReporter()
    try:
        src = spec.open()  # a CameraError is the worker's "failed" sentence
    except Exception:
        slot.close()  # the inference loop ends too
        raise
    meter = RateMeter()
    shown, frames_read = 0.0, 0
    try:
        _report_opened(src, reporter)
        index = 0
        while cancel is None or not cancel.cancelled:
            if paused is not None and paused.is_set() and src.is_file:
                time.sleep(0.05)
                continue
            image = src.read()
            if image is None:
                if src.is_file or reconnect is None:
                    reporter.event(SourceEnded(describe_source(src.source), frames_read + src.frames_read))
                    break
                frames_read += src.frames_read
                src.release()
                src = _reopen(spec, reconnect, reporter, cancel)
                if src is None:
                    break
                continue
            if paused is not None and paused.is_set():
                continue  # a camera is read on, so it shows the present on resume
            now = time.perf_counter()
            frame = Frame(image, index, now)
            slot.put(frame)
            fps = meter.tick(now)
            if now - shown >= 1.0 / display_fps:
                shown = now
                reporter.event(FrameRead(frame, fps))
            index += 1
    finally:
        if src is not None:
            src.release()
        slot.close()
    return {"frames": frames_read + (src.frames_read if src else 0), "dropped": slot.dropped,
            "released": src is None or src.released}


def _report_opened(src: FrameSource, reporter: Reporter) -> None:
    w, h = src.size
    reporter.event(SourceOpened(describe_source(src.source), (w, h), src.native_fps, src.is_file))


def _reopen(spec: SourceSpec, interval: float, reporter: Reporter, cancel: CancelToken | None) -> FrameSource | None:
    """Open the source again every ``interval`` seconds until it answers (then it is
    returned) or ``cancel`` is set (None)."""
    name = describe_source(spec.source)
    reporter.event(Disconnected(name))
    attempt = 0
    while cancel is None or not cancel.cancelled:
        attempt += 1
        try:
            src = spec.open()
        except CameraError:
            src = None
        if src is not None:
            reporter.event(Reconnected(name, attempt))
            _report_opened(src, reporter)
            return src
        reporter.event(Reconnecting(name, attempt))
        end = time.monotonic() + interval
        while time.monotonic() < end and (cancel is None or not cancel.cancelled):
            time.sleep(0.05)
    return None


class RequestBox:
    """The live request, swapped whole by the GUI thread and read once per frame by the
    inference thread: the reference is replaced in one step, so the loop always sees
    one consistent request, never one half-edited."""

    def __init__(self, request: Request) -> None:
        self.current = request

    def swap(self, request: Request) -> None:
        self.current = request


def inference_loop(analyzer: Analyzer, slot: FrameSlot, request: Request | RequestBox, smooth: int = 5,
                   detail_interval: float = 0.5, reporter: Reporter | None = None,
                   cancel: CancelToken | None = None) -> dict:
    """Analyse the newest frame, again and again, until cancelled or the slot closes.

    ``request`` is a fixed :class:`Request`, or a :class:`RequestBox` read afresh for
    every frame (the GUI swaps in a new request as panels are shown or hidden). The SE
    detail needs a second, partial PyTorch pass and is refreshed at
    most every ``detail_interval`` seconds; everything else comes with every frame.
    Events: ``result`` with the :class:`Analysis`, the smoothed probabilities, the
    frame, inference fps, latency (frame read -> result), frames dropped so far, and
    whether the smoothed unknown score says "None of these"."""
    reporter = reporter or NullReporter()
    smoother, score_smoother = Smoother(smooth), Smoother(smooth)
    meter = RateMeter()
    done, last_detail = 0, 0.0
    smoothed: np.ndarray | None = None
    while cancel is None or not cancel.cancelled:
        frame = slot.take(timeout=0.1)
        if frame is None:
            if slot.closed:
                break
            continue
        req = request.current if isinstance(request, RequestBox) else request
        now = time.perf_counter()
        if req.se_block is not None and now - last_detail < detail_interval:
            req = dataclasses.replace(req, se_block=None)
        elif req.se_block is not None:
            last_detail = now
        if req.gradcam and req.cam_class is None and smoothed is not None:
            req = dataclasses.replace(req, cam_class=int(np.argmax(smoothed)))  # the heat map explains the label on show
        analysis = analyzer.analyze(frame.image, req)
        end = time.perf_counter()
        done += 1
        smoothed = smoother.update(analysis.probs)
        unknown = None
        if analysis.unknown_score is not None:  # smoothed like the probabilities: one odd frame does not flip it
            score = float(score_smoother.update(np.asarray([analysis.unknown_score]))[0])
            unknown = score > analyzer.calibration.threshold()
        reporter.event(LiveResult(analysis, smoothed, frame, meter.tick(end), end - frame.time, slot.dropped,
                                  unknown))
    return {"frames": done, "dropped": slot.dropped}
