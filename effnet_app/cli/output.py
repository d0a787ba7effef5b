"""What the commands print: columns that line up in any script, one updating
progress line, JSON on request."""

from __future__ import annotations

import json
import math
import re
import sys
import time
import unicodedata
from typing import Any

from effnet_app.core.events import Epoch, Event, Notice
from effnet_app.core.i18n import translate


def cell(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns; CJK characters take two, so
    f-string padding would misalign Chinese headings and class names."""
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out, used = out + ch, used + w
    pad = " " * (width - used)
    return pad + out if right else out + pad


class TextReporter:
    """One updating progress line on a terminal; epoch summaries as plain lines."""

    def __init__(self, stream=sys.stderr, enabled: bool = True) -> None:
        self.stream = stream
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.enabled = enabled
        self._last = 0.0
        self._width = 0

    def progress(self, fraction: float, message: str = "") -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        bar = "#" * int(fraction * 20)
        line = f"[{bar:<20}] {fraction * 100:5.1f}% {message}"[:110]
        self.stream.write("\r" + line.ljust(self._width))
        self._width = len(line)
        self.stream.flush()

    def event(self, event: Event) -> None:
        if isinstance(event, Notice):  # something the user must know (out of memory, no checkpoint), even with --quiet
            self.clear()
            self.stream.write(event.text + "\n")
            self.stream.flush()
            return
        if not isinstance(event, Epoch) or not self.enabled:
            return
        self.clear()
        self.stream.write(translate("cli", "epoch {epoch}: train loss {train_loss} acc {train_acc}, "
                                    "val loss {val_loss} acc {val_acc}, {speed} img/s").format(
            epoch=event.epoch, train_loss=f"{event.train_loss:.3f}", train_acc=f"{event.train_acc:.1%}",
            val_loss=f"{event.val_loss:.3f}", val_acc=f"{event.val_acc:.1%}", speed=f"{event.images_per_s:.1f}")
            + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


# Control characters other than line breaks and tabs: a class or file name holding a
# terminal escape sequence must not drive the user's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``, never sent to the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def finite(data: Any) -> Any:
    """``data`` with NaN and infinities as None: JSON has no NaN (``--json`` must parse)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(v) for v in data]
    return data


def emit(args, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(finite(data), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print(printable(text))


def warn(text: str) -> None:
    """A line for the person at the terminal (stderr), printable."""
    print(printable(text), file=sys.stderr)

