"""A Motion-JPEG stream over HTTP, as IP and microscope cameras serve it, that a test
can silence (connections stay open, no more frames: a stream that stops answering),
take down (connections closed, connections refused) and bring back on the same port."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import numpy as np


class _Handler(http.server.BaseHTTPRequestHandler):
    stream: "MJPEGServer"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        s = self.server.stream  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.end_headers()
        try:
            i = 0
            while not s.down.is_set():
                if s.silent.is_set():
                    time.sleep(0.02)
                    continue
                jpeg = s.frames[i % len(s.frames)]
                self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n%s\r\n"
                                 % (len(jpeg), jpeg))
                s.sent += 1
                i += 1
                time.sleep(1 / s.fps)
        except (BrokenPipeError, ConnectionResetError):
            pass


class MJPEGServer:
    def __init__(self, pictures: list[Path], size: tuple[int, int] = (320, 240), fps: float = 30.0) -> None:
        import cv2

        self.frames = []
        for p in pictures:
            img = cv2.imdecode(np.fromfile(str(p), np.uint8), cv2.IMREAD_COLOR)
            self.frames.append(cv2.imencode(".jpg", cv2.resize(img, size))[1].tobytes())
        self.fps = fps
        self.silent, self.down = threading.Event(), threading.Event()
        self.sent = 0
        self.port = 0
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/stream.mjpg"

    def start(self) -> None:
        self.down.clear()
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        httpd.stream = self  # type: ignore[attr-defined]
        self.port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        self._httpd = httpd

    def stop(self) -> None:
        """Close every connection and refuse new ones (the camera was switched off)."""
        self.down.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
