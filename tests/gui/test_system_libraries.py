"""Item 10 of the first-run report: on a machine without Qt's X11 libraries the app
says which library is missing and how to get it, instead of Qt's abort."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from effnet_app.gui import system_libraries as sl


def test_debian_package_names_follow_debians_rule():
    assert sl.debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert sl.debian_package("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert sl.debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert sl.debian_package("libEGL.so.1") == "libegl1"


def test_only_an_x11_session_on_linux_is_checked():
    linux = sys.platform.startswith("linux")
    assert sl.needs_x11_plugin({}) is linux
    assert sl.needs_x11_plugin({"QT_QPA_PLATFORM": "xcb"}) is linux
    assert not sl.needs_x11_plugin({"QT_QPA_PLATFORM": "offscreen"})
    assert not sl.needs_x11_plugin({"XDG_SESSION_TYPE": "wayland"})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
def test_what_is_reported_missing_really_cannot_be_loaded():
    plugin = sl.x11_plugin()
    assert plugin.is_file()
    for name in sl.missing_libraries(plugin):
        with pytest.raises(OSError):
            ctypes.CDLL(name)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
def test_the_window_command_names_the_missing_library_instead_of_aborting(tmp_path):
    missing = sl.missing_libraries(sl.x11_plugin())
    if not missing:
        pytest.skip("this machine has every library of Qt's X11 plugin")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99", "EFFNET_STUDIO_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "effnet_app"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "the system librar" in done.stderr and missing[0] in done.stderr
    assert "sudo apt install " + sl.debian_package(missing[0]) in done.stderr
    assert "core dumped" not in done.stderr and "Aborted" not in done.stderr


def test_the_readme_names_every_system_package_the_installer_depends_on():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "packaging" / "linux"))
    try:
        import make_deb
    finally:
        sys.path.pop(0)
    readme = (root / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("sudo apt install libgl1"))
    wanted = {d.split()[0] for d in make_deb.DEPENDS} - {"libc6"}
    assert wanted == set(line.split()[3:])
