"""How long-running core functions report progress and learn they should stop.

GUI workers, the CLI and tests each pass their own Reporter; the core never knows
which (the Orange3 ``TaskState`` idea, without Qt).
"""

from __future__ import annotations

import threading
from typing import Protocol

from effnet_app.core.errors import Cancelled
from effnet_app.core.events import Event


class Reporter(Protocol):
    def progress(self, fraction: float, message: str = "") -> None:
        """Overall progress in [0, 1] with a short human-readable status."""

    def event(self, event: Event) -> None:
        """A typed event (``core.events``: an epoch's metrics, a notice, a frame...)."""


class NullReporter:
    def progress(self, fraction: float, message: str = "") -> None:
        pass

    def event(self, event: Event) -> None:
        pass


class CancelToken:
    """A flag set from any thread; loops call :meth:`check` between steps."""

    def __init__(self) -> None:
        self._flag = threading.Event()

    def cancel(self) -> None:
        self._flag.set()

    @property
    def cancelled(self) -> bool:
        return self._flag.is_set()

    def check(self) -> None:
        if self._flag.is_set():
            raise Cancelled()


class SubReporter:
    """Maps a sub-task's progress 0..1 into [start, end] of the parent's bar."""

    def __init__(self, parent: Reporter, start: float, end: float) -> None:
        self.parent, self.start, self.end = parent, start, end

    def progress(self, fraction: float, message: str = "") -> None:
        f = min(max(fraction, 0.0), 1.0)
        self.parent.progress(self.start + (self.end - self.start) * f, message)

    def event(self, event: Event) -> None:
        self.parent.event(event)
