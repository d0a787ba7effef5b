"""Motion-JPEG over HTTP (what IP and microscope cameras serve), read by the app itself.

OpenCV's FFmpeg reader keeps reading a frame until it ends: a server that sends one
endless JPEG frame made memory swing by about 2 GB before every reconnect. Here each
frame has a size limit: a part over ``MAX_FRAME_BYTES``, or a line of headers over
``MAX_LINE``, ends the stream (the capture loop reconnects, as for any stream that
stopped). A URL that does not serve ``multipart/x-mixed-replace`` is left to FFmpeg.

:class:`MjpegCapture` answers the few calls :class:`~effnet_app.core.live.camera.FrameSource`
makes of an OpenCV ``VideoCapture``.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import numpy as np

from effnet_app import APP_NAME, __version__

MAX_FRAME_BYTES = 16 << 20  # a camera's JPEG frame is well under 1 MB; 16 MB is 8K at high quality
MAX_LINE = 8192  # bytes of a boundary or header line
MAX_PREAMBLE = 64 << 10  # bytes before the first boundary or between frames


class NotMjpeg(Exception):
    """The URL answers, but not with a Motion-JPEG stream (FFmpeg may read it)."""


class _TooLarge(Exception):
    pass


class MjpegCapture:
    def __init__(self, url: str, timeout: float) -> None:
        request = urllib.request.Request(url, headers={"User-Agent": f"{APP_NAME}/{__version__}"})
        self._response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 -- the user's own camera URL
        kind = self._response.headers.get("Content-Type", "")
        found = re.search(r'boundary="?([^";]+)"?', kind)
        if not kind.lower().startswith("multipart/x-mixed-replace") or not found:
            self._response.close()
            raise NotMjpeg(kind)
        boundary = found.group(1).strip().encode("latin-1")
        # "--" + boundary by the standard; some cameras declare "--x" and send "--x".
        self._delimiters = (b"--" + boundary, boundary) if boundary.startswith(b"--") else (b"--" + boundary,)
        self._buffer = bytearray()  # grows in place: a frame is read in 64 KB chunks
        self._open = True
        self.size = (0, 0)
        self._pending: np.ndarray | None = None
        # The first frame now, as OpenCV does on opening: the size is known, and a URL
        # that never sends a picture fails here, not in the loop.
        ok, self._pending = self.read()
        if not ok:
            self.release()

    # -- the VideoCapture calls FrameSource makes ---------------------------------------
    def isOpened(self) -> bool:  # noqa: N802 -- OpenCV's name
        return self._open

    def read(self) -> tuple[bool, np.ndarray | None]:
        """The next frame as BGR (as OpenCV gives it), or (False, None) at the stream's
        end, after a read time-out, or for a frame over the size limit."""
        import cv2

        if self._pending is not None:
            frame, self._pending = self._pending, None
            return True, frame
        while self._open:
            try:
                data = self._part()
            except (_TooLarge, OSError, ValueError):  # ValueError: the response was closed
                self.release()
                break
            if data is None:
                break
            frame = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
            if frame is not None:  # a damaged frame is skipped, as a camera's glitch
                self.size = (frame.shape[1], frame.shape[0])
                return True, frame
        return False, None

    def get(self, prop: int) -> float:
        import cv2

        return {cv2.CAP_PROP_FRAME_WIDTH: self.size[0], cv2.CAP_PROP_FRAME_HEIGHT: self.size[1]}.get(prop, 0.0)

    def set(self, _prop: int, _value: float) -> bool:
        return False  # a stream's resolution is the server's

    def release(self) -> None:
        if self._open:
            self._open = False
            self._response.close()

    # -- parsing --------------------------------------------------------------------------
    def _part(self) -> bytes | None:
        """The body of the next part, within the limits; None at the end of the stream."""
        skipped = 0
        while True:  # to the boundary (a preamble or a previous part's trailing CRLF)
            line = self._line()
            if line is None:
                return None
            if line.strip().startswith(self._delimiters):
                break
            skipped += len(line)
            if skipped > MAX_PREAMBLE:
                raise _TooLarge
        length = None
        while True:  # the part's headers
            line = self._line()
            if line is None:
                return None
            if not line.strip():
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length" and value.strip().isdigit():
                length = int(value.strip())
        if length is not None:
            if length > MAX_FRAME_BYTES:
                raise _TooLarge
            return self._exactly(length)
        return self._until_boundary()

    def _fill(self) -> bool:
        chunk = self._response.read1(65536)
        self._buffer += chunk
        return bool(chunk)

    def _line(self) -> bytes | None:
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE:
                raise _TooLarge
            if not self._fill():
                return None
        end = self._buffer.index(b"\n")
        line, self._buffer = bytes(self._buffer[:end]), self._buffer[end + 1:]
        return line

    def _exactly(self, n: int) -> bytes | None:
        while len(self._buffer) < n:
            if not self._fill():
                return None
        data, self._buffer = bytes(self._buffer[:n]), self._buffer[n:]
        return data

    def _until_boundary(self) -> bytes | None:
        """A part without Content-Length: everything up to the next boundary (each new
        chunk searched once, not the whole part again)."""
        markers = [b"\r\n" + d for d in self._delimiters]
        longest, searched = max(map(len, markers)), 0
        while (end := self._find(markers, max(0, searched - longest))) < 0:
            if len(self._buffer) > MAX_FRAME_BYTES:
                raise _TooLarge
            searched = len(self._buffer)
            if not self._fill():
                return None
        data, self._buffer = bytes(self._buffer[:end]), self._buffer[end + 2:]
        return data

    def _find(self, markers: list[bytes], start: int) -> int:
        found = [i for i in (self._buffer.find(m, start) for m in markers) if i >= 0]
        return min(found) if found else -1


def open_mjpeg(url: str, timeout: float) -> MjpegCapture | None:
    """The stream at ``url`` if it is Motion-JPEG over HTTP; None otherwise (or when it
    does not answer: FFmpeg then tries, and says what it can)."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        capture = MjpegCapture(url, timeout)
    except (NotMjpeg, urllib.error.URLError, OSError, ValueError):
        return None
    return capture if capture.isOpened() else None
