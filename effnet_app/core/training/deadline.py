"""A training's time budget, kept: full mode fits its number of epochs (and so its
learning-rate schedule) to the time left, measured on the epochs it has run, and stops
mid-epoch rather than overrun. What comes after the last epoch (the calibration and
the measurement on the validation pictures) is kept time for."""

from __future__ import annotations

import statistics
import time


class Deadline:
    """The end of a training's time, on the monotonic clock, and what is known of the
    time the work after the last epoch takes."""

    def __init__(self, seconds: float, start: float | None = None) -> None:
        self.end = (time.monotonic() if start is None else start) + seconds
        self.finish_s: float | None = None  # the calibration and final measurement's, once estimated
        # Every epoch's time and evaluation speed so far: their medians, so that one epoch
        # slowed by another program does not cut the training short.
        self._epoch_s: list[float] = []
        self._speeds: list[float] = []

    def left(self) -> float:
        return self.end - time.monotonic()

    def up(self) -> bool:
        """True once only the time for the finish (or less) is left."""
        return self.left() <= (self.finish_s or 0.0)

    def epochs(self, done: int, epoch_s: float, most: int) -> int:
        """How many epochs in all: those ``done`` and as many more whole ones (of the
        median epoch's time, this one's ``epoch_s`` included) as fit before the finish;
        at most ``most``."""
        self._epoch_s.append(epoch_s)
        more = int(max(0.0, self.left() - (self.finish_s or 0.0)) // max(statistics.median(self._epoch_s), 1e-6))
        return max(done, min(most, done + more))

    def expect_finish(self, pictures: int, images_per_s: float) -> None:
        """The finish looks at ``pictures`` pictures (training pictures once, validation
        pictures once per test-time view) at the median evaluation speed measured, and
        fits a few small models (a few seconds, kept as a margin)."""
        self._speeds.append(max(images_per_s, 1e-6))
        self.finish_s = pictures / statistics.median(self._speeds) + FINISH_MARGIN_S


FINISH_MARGIN_S = 3.0
