"""Start EffNet Studio again (after a language change): the same program, a new process."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess


def command() -> tuple[str, list[str]]:
    """The program and arguments that open the window: the installed app's own
    executable, or this Python running the package."""
    if getattr(sys, "frozen", False):
        return sys.executable, []
    return sys.executable, ["-m", "effnet_app"]


def start_again() -> bool:
    """Launch the new process; the caller then closes this window (settings saved)."""
    program, args = command()
    started, _pid = QProcess.startDetached(program, args)
    return bool(started)
