"""Before Qt opens a window on Linux: are the system libraries its X11 plugin needs
there? Without them Qt aborts with "could not load the Qt platform plugin 'xcb'"
and a core dump; the app says instead which library is missing and how to get it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)  # i18n: ignore (ldd's output)


def needs_x11_plugin(env: dict[str, str] | None = None) -> bool:
    """True where Qt will use its X11 ("xcb") plugin: Linux, and neither another
    plugin chosen nor a Wayland session (where Qt tries Wayland first)."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    return chosen == "xcb" or (not chosen and env.get("XDG_SESSION_TYPE") != "wayland")


def x11_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the system's loader cannot find
    (empty when ``ldd`` is not there to ask: then Qt has the last word)."""
    ldd = shutil.which("ldd")
    if ldd is None or not library.is_file():
        return []
    try:
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return list(dict.fromkeys(_NOT_FOUND.findall(out)))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname``, by Debian's naming rule:
    libxcb-icccm.so.4 -> libxcb-icccm4, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    m = re.match(r"(lib[^.]+)\.so\.(\d+)", soname)
    if m is None:
        return soname
    name, major = m.group(1).lower(), m.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def window_problem() -> str | None:
    """One sentence when the window cannot open for a missing library, else None."""
    if not needs_x11_plugin():
        return None
    missing = missing_libraries(x11_plugin())
    if not missing:
        return None
    from effnet_app.core.i18n import translate

    text = (translate("system_libraries", "EffNet Studio cannot open its window: the system library {libraries} is "
                                          "missing. On Debian or Ubuntu, install it with: sudo apt install {packages}")
            if len(missing) == 1 else
            translate("system_libraries", "EffNet Studio cannot open its window: the system libraries {libraries} are "
                                          "missing. On Debian or Ubuntu, install them with: sudo apt install {packages}"))
    return text.format(libraries=", ".join(missing), packages=" ".join(dict.fromkeys(debian_package(s) for s in missing)))
