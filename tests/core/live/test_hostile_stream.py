"""Motion-JPEG streams read by the app: the real camera path gives frames, and a
hostile server (one endless frame, a frame that claims terabytes, endless headers)
ends the stream within a bounded amount of memory instead of swinging by gigabytes."""

from __future__ import annotations

import http.server
import threading
import tracemalloc

import pytest

from effnet_app.core.live import mjpeg
from effnet_app.core.live.camera import FrameSource
from effnet_app.core.live.mjpeg import MjpegCapture


def test_the_camera_path_reads_a_motion_jpeg_stream_itself(mjpeg_stream):
    with FrameSource(mjpeg_stream.url) as source:
        assert isinstance(source._cap, MjpegCapture), "HTTP Motion-JPEG is read by the app, not FFmpeg"
        frames = [source.read() for _ in range(5)]
    assert all(f is not None and f.shape == (240, 320, 3) for f in frames)
    assert source.size == (320, 240)


class _Hostile(http.server.BaseHTTPRequestHandler):
    mode = "endless"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.end_headers()
        try:
            if self.mode == "endless":  # a JPEG that never ends
                self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8")
                while True:
                    self.wfile.write(b"\x00" * 65536)
            elif self.mode == "huge":  # a part that claims a terabyte
                self.wfile.write(b"--frame\r\nContent-Length: 1000000000000\r\n\r\n")
                while True:
                    self.wfile.write(b"\x00" * 65536)
            else:  # one header line without end
                self.wfile.write(b"--frame\r\nX-Pad: ")
                while True:
                    self.wfile.write(b"a" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.mark.parametrize("mode", ["endless", "huge", "header"])
def test_a_hostile_stream_ends_within_bounded_memory(mode):
    handler = type("Handler", (_Hostile,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/stream.mjpg"
    tracemalloc.start()
    try:
        capture = mjpeg.open_mjpeg(url, timeout=5.0)  # its first frame fails: not opened
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        server.shutdown()
        server.server_close()
    assert capture is None
    assert peak < 4 * mjpeg.MAX_FRAME_BYTES, f"{peak / 1e6:.0f} MB held for one frame"


def test_parts_without_a_length_are_read_to_the_next_boundary(small_rocks):
    """Some cameras send no Content-Length: the part ends where the next boundary starts."""
    jpeg = next((small_rocks / "Chert").iterdir()).read_bytes()

    class Plain(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", 'multipart/x-mixed-replace; boundary="--cam"')
            self.end_headers()
            for _ in range(3):
                self.wfile.write(b"----cam\r\nContent-Type: image/jpeg\r\n\r\n" + jpeg + b"\r\n")
            self.wfile.write(b"----cam--\r\n")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Plain)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        capture = mjpeg.open_mjpeg(f"http://127.0.0.1:{server.server_address[1]}/", timeout=5.0)
        frames = [capture.read() for _ in range(4)]
    finally:
        server.shutdown()
        server.server_close()
    assert [ok for ok, _ in frames] == [True, True, True, False], "three frames, then the end of the stream"
    assert frames[0][1].shape == (256, 320, 3) and capture.size == (320, 256)
