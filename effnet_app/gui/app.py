"""Start the desktop app: one QApplication, theme, crash handler, main window."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from effnet_app import APP_NAME, __version__, languages


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("EffNetStudio")
    app.setDesktopFileName("effnet-studio")
    return app


def run(argv: list[str] | None = None, paths: list[Path] | None = None) -> int:
    from effnet_app.gui.system_libraries import window_problem

    problem = window_problem()  # before Qt, which would abort with a core dump
    if problem:
        print(problem, file=sys.stderr)
        logging.getLogger("effnet_app").error(problem)
        return 1
    app, _window = start(argv, paths)
    return app.exec()


def start(argv: list[str] | None = None, paths: list[Path] | None = None):
    """Everything ``run`` does before the event loop: the app, theme, crash handler
    and the shown main window; ``paths`` (from "Open with") are opened as if dropped."""
    app = make_app(argv)
    from effnet_app.gui import crash, theme
    from effnet_app.logs import setup_logging
    from effnet_app.gui.icons import app_icon
    from effnet_app.gui.main_window import MainWindow
    from effnet_app.settings import Settings
    from effnet_app.gui.state import AppState

    setup_logging()
    crash.install()
    settings = Settings.load()
    # Before any widget or core object is made: both translate as they are built.
    languages.activate(languages.resolve(settings.language), app)
    state = AppState(settings)
    theme.apply_fonts(app)
    look = state.settings.theme
    theme.apply(app, look)
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: state.settings.theme == "system" and theme.apply(app, "system"))
    app.setWindowIcon(app_icon())
    window = MainWindow(state)
    window.show()
    # Everything loaded so far (torch, Qt, the window) lives as long as the app: keep
    # it out of the garbage collector's full passes, which otherwise take 100-200 ms
    # with torch loaded and hold the GIL -- a visible stall in the window.
    gc.freeze()
    if paths:
        QTimer.singleShot(0, lambda: window.open_paths([Path(p) for p in paths]))
    else:  # "Open with" a picture is not a first look around: no welcome then
        QTimer.singleShot(0, window.welcome_if_first_run)
    return app, window
