"""Translation hook for the core's user-facing sentences, without importing Qt.

Every sentence the core shows a person (error messages, progress lines, dataset
problems) is written as ``translate("context", "Text with {placeholders}").format(...)``.
``pyside6-lupdate`` finds these calls like any Qt ``translate`` call, so the core's
sentences live in the same ``.ts`` catalogue as the GUI's. Which catalogue answers is
decided above the core: the GUI and the CLI install a lookup with :func:`install`
(see ``effnet_app.languages``); until then the English source text is returned.
"""

from __future__ import annotations

from typing import Callable

Lookup = Callable[[str, str], str]

_lookup: Lookup | None = None


def install(lookup: Lookup | None) -> None:
    """Route ``translate`` through ``lookup(context, text)``; ``None`` restores
    English. A lookup returns an empty string for text it has no translation of."""
    global _lookup
    _lookup = lookup


def translate(context: str, text: str) -> str:
    """``text`` in the active language. Counts are written as two sentences chosen in
    code (``"1 image"`` / ``"{n} images"``): lupdate marks plural forms only for
    ``tr``, and a count-free pair reads right in both languages."""
    found = _lookup(context, text) if _lookup is not None else ""
    return found or text
