"""The log file: what the window's crash handler and the command line's last-resort
handler write, with the traceback a person can send. No Qt, so the CLI can use it."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from effnet_app import __version__
from effnet_app.core.paths import log_dir

log = logging.getLogger("effnet_app")


def log_file() -> Path:
    return log_dir() / "effnet-studio.log"


def setup_logging() -> None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3,
                                                                        encoding="utf-8")
    except OSError:  # an unwritable log folder must not stop the app
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(log.handlers):  # once per process; a second call replaces the first
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.info("EffNet Studio %s starting (Python %s)", __version__, sys.version.split()[0])
