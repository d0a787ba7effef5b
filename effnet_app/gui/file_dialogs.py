"""The file choosers, opening where the user last was (not the home folder each time).

Every page and widget asks through here. The last folder is remembered in the
settings that the window hands over once at start (``remember_in``); until then (a
widget made alone in a test) the choosers open at the home folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from effnet_app.settings import Settings

_settings: Settings | None = None


def remember_in(settings: Settings) -> None:
    global _settings
    _settings = settings


def start_folder() -> Path:
    """The folder the last chooser ended in, while it still exists; else home."""
    last = Path(_settings.last_dir) if _settings is not None and _settings.last_dir else None
    return last if last is not None and last.is_dir() else Path.home()


def _remember(path: str | Path) -> None:
    path = Path(path)
    if _settings is not None:
        _settings.change(last_dir=str(path if path.is_dir() else path.parent))


def open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if not path:
        return None
    _remember(path)
    return Path(path)


def open_files(parent: QWidget | None, title: str, filters: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), filters)
    if paths:
        _remember(paths[0])
    return [Path(p) for p in paths]


def save_file(parent: QWidget | None, title: str, name: str, filters: str, folder: Path | None = None) -> Path | None:
    """``name`` suggested in ``folder`` (default: where the user last was)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str((folder or start_folder()) / name), filters)
    if not path:
        return None
    _remember(path)
    return Path(path)


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start if start is not None and start.is_dir()
                                                                 else start_folder()))
    if not folder:
        return None
    _remember(Path(folder).parent)  # the next chooser shows this folder among its neighbours
    return Path(folder)
