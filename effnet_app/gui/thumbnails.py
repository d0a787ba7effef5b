"""Thumbnails decoded in the background, cached, and announced when ready.

One worker at a time takes the next batch of requested paths (most recent requests
first), so scrolling a 5,000-image folder never blocks the window and never starts
thousands of threads."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from effnet_app.core.data.images import thumbnails
from effnet_app.core.events import Event, Thumbnail
from effnet_app.gui.qimages import to_qimage
from effnet_app.gui.workers import Worker, start_worker

BATCH = 48


class ThumbnailLoader(QObject):
    ready = Signal(str)  # a path whose thumbnail is now in the cache
    failed = Signal(str, str)  # path, reason
    idle = Signal()

    def __init__(self, side: int = 160, limit: int = 3000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.side, self.limit = side, limit
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._errors: dict[str, str] = {}
        self._queue: list[str] = []
        self._worker: Worker | None = None
        self._closed = False

    def get(self, path: str | Path) -> QPixmap | None:
        key = str(path)
        pm = self._cache.get(key)
        if pm is not None:
            self._cache.move_to_end(key)
        return pm

    def error(self, path: str | Path) -> str | None:
        return self._errors.get(str(path))

    def request(self, paths: list[str | Path]) -> None:
        wanted = [str(p) for p in paths if str(p) not in self._cache and str(p) not in self._errors]
        if not wanted or self._closed:
            return
        queued = set(wanted)
        self._queue = wanted + [p for p in self._queue if p not in queued]
        self._next()

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def _next(self) -> None:
        if self._worker is not None or self._closed:
            return
        if not self._queue:
            self.idle.emit()
            return
        batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
        w = Worker(thumbnails, [Path(p) for p in batch], self.side)
        w.event.connect(self._on_event)
        w.finished.connect(self._on_finished)
        self._worker = w
        start_worker(w)

    def _on_event(self, event: Event) -> None:
        if not isinstance(event, Thumbnail) or self._closed:
            return
        path = event.path
        if event.image is not None:
            self._cache[path] = QPixmap.fromImage(to_qimage(event.image))
            while len(self._cache) > self.limit:
                self._cache.popitem(last=False)
            self.ready.emit(path)
        else:
            self._errors[path] = event.error
            self.failed.emit(path, self._errors[path])

    def _on_finished(self) -> None:
        self._worker = None
        self._next()

    def shutdown(self) -> None:
        self._closed = True
        self._queue.clear()
        if self._worker is not None:
            self._worker.cancel()
