"""What long-running core work tells its caller besides progress: one small frozen
type per kind of event, passed to ``Reporter.event``. Consumers dispatch on the type
(``match event: case Epoch(): ...``), so a field renamed here is renamed everywhere."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class Event:
    """Base of every event (a marker for type hints and dispatch)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


# ---------------------------------------------------------------- training

@dataclass(frozen=True)
class Notice(Event):
    """Something the user must be told while the work goes on (shown even with --quiet)."""

    text: str
    images_at_once: int | None = None  # after an out-of-memory split: images per part


@dataclass(frozen=True)
class Batch(Event):
    epoch: int
    batch: int
    batches: int
    loss: float
    images_per_s: float


@dataclass(frozen=True)
class Epoch(Event):
    """One fine-tuning epoch's row of the training history."""

    epoch: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float  # NaN without validation pictures
    seconds: float
    images_per_s: float


@dataclass(frozen=True)
class Probe(Event):
    """The probe picture under the network as it is after ``epoch`` (0: the head only)."""

    epoch: int
    top: list  # [(class, probability)], most likely first
    probs: Any  # numpy array, one per class
    gates: list  # numpy arrays, one per SE block


# ---------------------------------------------------------------- pictures

@dataclass(frozen=True)
class Thumbnail(Event):
    path: str
    image: Any = None  # numpy uint8 array, or None with ``error``
    error: str = ""


@dataclass(frozen=True)
class Predictions(Event):
    """A chunk of a folder's answers, as they arrive."""

    items: list


# ---------------------------------------------------------------- live sources

@dataclass(frozen=True)
class SourceOpened(Event):
    name: str
    size: tuple[int, int]
    native_fps: float
    is_file: bool


@dataclass(frozen=True)
class FrameRead(Event):
    frame: Any  # core.live.camera.Frame
    fps: float


@dataclass(frozen=True)
class SourceEnded(Event):
    name: str
    frames: int


@dataclass(frozen=True)
class Disconnected(Event):
    name: str


@dataclass(frozen=True)
class Reconnecting(Event):
    name: str
    attempts: int


@dataclass(frozen=True)
class Reconnected(Event):
    name: str
    attempts: int


@dataclass(frozen=True)
class LiveResult(Event):
    """One analysed frame: the analysis, the smoothed probabilities and the rates."""

    analysis: Any  # core.explain.analyzer.Analysis
    smoothed: Any  # numpy array
    frame: Any  # core.live.camera.Frame
    fps: float
    latency: float  # seconds from the frame's read to this result
    dropped: int  # frames skipped so far (the newest frame always wins)
    unknown: bool | None = None  # "None of these" (smoothed); None: the model has no such answer
