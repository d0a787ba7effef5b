"""Where the app keeps the user's things: models, settings, logs, caches.

platformdirs gives each operating system's usual folders. ``EFFNET_STUDIO_HOME``
puts everything under one folder instead (portable installs, tests).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "EFFNET_STUDIO_HOME"
_APP = "EffNetStudio"


def _base(kind: str) -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / kind
    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "logs": platformdirs.user_log_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(getter(_APP, appauthor=False))


def models_dir() -> Path:
    """The model library: one ``.effnet`` file per trained model."""
    return _base("data") / "models"


def sort_logs_dir() -> Path:
    """The logs of ``effnet-app sort`` and the window's sorting, each enough to undo it."""
    return _base("data") / "sort logs"  # i18n: ignore (a folder name, the same in every language)


def config_dir() -> Path:
    return _base("config")


def log_dir() -> Path:
    return _base("logs")


def cache_dir() -> Path:
    return _base("cache")


def pictures_dir() -> Path:
    """Where snapshots and saved views go: the user's Pictures folder, in a sub-folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "pictures"
    return Path(platformdirs.user_pictures_dir()) / "EffNet Studio"  # i18n: ignore (a folder name)
