"""Frame sources through OpenCV: a camera index, a video file or a stream URL (IP and
microscope cameras), all read the same way, plus the one-slot hand-over between the
capture loop and the inference loop (the newest frame wins, stale ones are dropped).

Frames are RGB ``uint8`` arrays (H x W x 3). A video file is paced at its own frame
rate, as a camera would deliver it, unless ``pace=0`` asks for frames as fast as
they decode.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from effnet_app.core.errors import CameraError
from effnet_app.core.i18n import translate
from effnet_app.core.live.mjpeg import open_mjpeg

RESOLUTIONS = ((640, 480), (1280, 720), (1920, 1080))
# A stream that does not answer within these is taken as gone (FFmpeg would wait 30 s
# to read, and for ever to connect to some servers).
STREAM_OPEN_TIMEOUT_S = 10.0
STREAM_READ_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str


def parse_source(text: str | int) -> int | str:
    """"0" -> camera 0; anything else is a file path or a URL."""
    if isinstance(text, int):
        return text
    t = str(text).strip()
    return int(t) if t.isdigit() else t


def describe_source(source: int | str) -> str:
    if isinstance(source, int):
        return translate("camera", "Camera {n}").format(n=source)
    if "://" in source:
        return source
    return Path(source).name


def _linux_camera_names() -> dict[int, str]:
    names = {}
    for d in sorted(Path("/sys/class/video4linux").glob("video*")):
        try:
            names[int(d.name[5:])] = (d / "name").read_text().strip()
        except (OSError, ValueError):
            pass
    return names


def list_cameras(max_index: int = 4) -> list[CameraInfo]:
    """Cameras that open and deliver a frame, with their system names where known.
    Probing opens each device, so call it from a worker, not the GUI thread."""
    import cv2

    names = _linux_camera_names() if sys.platform.startswith("linux") else {}
    indices = sorted(names) if names else list(range(max_index + 1))
    found = []
    for i in indices[: max_index + 1]:
        cap = cv2.VideoCapture(i)
        try:
            if cap.isOpened() and cap.read()[0]:
                found.append(CameraInfo(i, names.get(i) or describe_source(i)))
        finally:
            cap.release()
    return found


class FrameSource:
    """One opened source. ``read()`` returns the next RGB frame or None at its end
    (a file that ended, a camera unplugged, a stream that stopped answering)."""

    def __init__(self, source: int | str, resolution: tuple[int, int] | None = None, mirror: bool = False,
                 pace: float | None = None, loop: bool = False) -> None:
        import cv2

        self.source = parse_source(source)
        self.mirror = mirror
        self.loop = loop
        self.is_file = isinstance(self.source, str) and "://" not in self.source
        if self.is_file and not Path(self.source).is_file():
            raise CameraError(translate("camera", "The video file '{path}' does not exist.").format(path=self.source))
        if isinstance(self.source, str) and "://" in self.source:
            # Motion-JPEG over HTTP is read here, with a size limit per frame; anything
            # else (RTSP, HLS, a video over HTTP) by FFmpeg.
            self._cap = open_mjpeg(self.source, STREAM_READ_TIMEOUT_S) or cv2.VideoCapture(
                self.source, cv2.CAP_FFMPEG, [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(STREAM_OPEN_TIMEOUT_S * 1000),
                                              cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(STREAM_READ_TIMEOUT_S * 1000)])
        else:
            self._cap = cv2.VideoCapture(self.source)
        if not self._cap.isOpened():
            self._cap.release()
            if isinstance(self.source, int):
                text = translate("camera", "The camera '{name}' could not be opened.")
            else:
                text = translate("camera", "The video or stream '{name}' could not be opened.")
            raise CameraError(text.format(name=describe_source(self.source)))
        if resolution and not self.is_file:
            self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, resolution[0])
            self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, resolution[1])
        native = float(self._cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self.native_fps = native if 0 < native < 1000 else 0.0
        # Files: pace at their frame rate (a camera paces itself); 0 = as fast as possible.
        rate = (self.native_fps or 30.0) if pace is None and self.is_file else (pace or 0.0)
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self.frames_read = 0

    @property
    def size(self) -> tuple[int, int]:
        import cv2

        return int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT))

    def read(self) -> np.ndarray | None:
        import cv2

        if self._interval:
            now = time.perf_counter()
            if self._next > now:
                time.sleep(self._next - now)
                now = self._next
            # The next frame is due one interval after this one; a reader that fell
            # behind by more than a frame starts afresh instead of catching up in a burst.
            base = self._next if self._next > now - self._interval else now
            self._next = base + self._interval
        ok, frame = self._cap.read()
        if not ok and self.loop and self.is_file and self.frames_read:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._cap.read()
        if not ok or frame is None:
            return None
        self.frames_read += 1
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        return np.ascontiguousarray(rgb[:, ::-1]) if self.mirror else rgb

    def release(self) -> None:
        self._cap.release()

    @property
    def released(self) -> bool:
        return not self._cap.isOpened()

    def __enter__(self) -> "FrameSource":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


@dataclass
class Frame:
    image: np.ndarray  # RGB uint8
    index: int  # running number from the capture loop
    time: float  # perf_counter() when it was read


class FrameSlot:
    """Capture puts, inference takes; holds only the newest frame. A frame replaced
    before anyone took it counts as dropped, so inference never works on a stale one."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._taken = -1
        self.dropped = 0
        self.closed = False

    def put(self, frame: Frame) -> None:
        with self._cond:
            if self._frame is not None and self._frame.index != self._taken:
                self.dropped += 1
            self._frame = frame
            self._cond.notify_all()

    def take(self, timeout: float = 0.1) -> Frame | None:
        """The newest frame not taken yet; None after ``timeout`` or once closed."""
        with self._cond:
            end = time.monotonic() + timeout
            while not self.closed and (self._frame is None or self._frame.index == self._taken):
                left = end - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)
            if self._frame is None or self._frame.index == self._taken:
                return None
            self._taken = self._frame.index
            return self._frame

    def latest(self) -> Frame | None:
        with self._cond:
            return self._frame

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


def snapshot_name(folder: Path) -> Path:
    """A new file name for a snapshot: snapshot-YYYYmmdd-HHMMSS[-n].png."""
    stem = time.strftime("snapshot-%Y%m%d-%H%M%S")
    path, n = folder / f"{stem}.png", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.png"
    return path


def quiet_opencv() -> None:
    """OpenCV logs every failed camera probe to stderr; keep errors only."""
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    try:
        import cv2

        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    except Exception:  # older builds without the logging module
        pass


def find_cameras(reporter=None, cancel=None) -> list[CameraInfo]:
    """The cameras that answer (a background task: probing takes up to seconds)."""
    quiet_opencv()
    return list_cameras()
