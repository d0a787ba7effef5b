"""Which language the app speaks, and loading its Qt catalogues for the GUI and CLI.

One mechanism for every layer: Qt's ``.ts``/``.qm`` catalogues in
``effnet_app/resources/translations``. The GUI installs the translators into the
``QApplication``; the CLI (no application object) asks them directly; the core
reaches them through ``core.i18n``. Only ``QtCore`` is imported here.

English is the source language; ``effnet_en.qm`` holds only its plural forms
("%n image(s)" -> "1 image" / "3 images"). Simplified Chinese is ``effnet_zh_CN.qm``
plus Qt's own ``qtbase_zh_CN.qm`` for standard buttons and dialogs.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from effnet_app.core import i18n
from effnet_app.settings import Settings

#: Language code -> its own name (never translated: a person looks for their own).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}  # i18n: ignore (each language in its own words)
ENV = "EFFNET_LANGUAGE"  # overrides the setting (scripts, tests)
CATALOGUE = "effnet"


def translations_dir() -> Path:
    return Path(__file__).parent / "resources" / "translations"


def system_language() -> str:
    """The system locale's language if the app speaks it, else English. Every Chinese
    locale gets Simplified Chinese: the closest the app has."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def saved_setting() -> str:
    """The language chosen in Settings ("system" until someone chooses)."""
    return Settings.load().language


def resolve(choice: str | None = None) -> str:
    """The language to use: $EFFNET_LANGUAGE, else ``choice`` (default: the saved
    setting); "system" or anything unknown follows the system locale."""
    choice = os.environ.get(ENV) or choice or saved_setting()
    return choice if choice in LANGUAGES else system_language()


def load(code: str) -> list[QTranslator]:
    """The catalogues for ``code``, app first. A missing file leaves that part in
    English rather than failing: the app must start whatever the install lacks."""
    found = []
    sources = [(CATALOGUE + "_" + code, translations_dir())]
    if code != "en":
        sources.append(("qtbase_" + code, Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))))
    for name, folder in sources:
        translator = QTranslator()
        if translator.load(name, str(folder)):
            found.append(translator)
    return found


class Catalogues:
    """The active language's translators, usable with or without a QApplication."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.translators = load(code)

    def lookup(self, context: str, text: str) -> str:
        for translator in self.translators:
            found = translator.translate(context, text)
            if found:
                return found
        return ""


_active: Catalogues | None = None


def activate(code: str, app=None) -> Catalogues:
    """Make ``code`` the language of the core's sentences and, given the
    QApplication, of every ``tr``. Also the default QLocale (dialogs, numbers)."""
    global _active
    if app is not None and _active is not None:
        for translator in _active.translators:
            app.removeTranslator(translator)
    _active = Catalogues(code)
    i18n.install(_active.lookup)
    QLocale.setDefault(QLocale(code))
    if app is not None:
        for translator in _active.translators:
            app.installTranslator(translator)
    return _active


def active() -> str:
    return _active.code if _active is not None else "en"
