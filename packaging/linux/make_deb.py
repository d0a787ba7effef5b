"""Pack the one-folder bundle into a Debian package.

    python packaging/linux/make_deb.py BUNDLE ICONS VERSION OUT_FOLDER

The program goes under /opt/effnet-studio, a command ``effnet-studio`` into
/usr/bin, the menu entry (with "Open with" for images) and icons into /usr/share.
Removing the package removes exactly these: the user's models, settings and
downloaded weights live in their home folder, which the package never touches.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "effnet-studio"
# Libraries the bundled Qt's X11/Wayland platform plugins load from the system
# (PyInstaller ships Qt itself, not these); the rest is in every desktop install.
DEPENDS = ["libc6 (>= 2.28)", "libgl1", "libegl1", "libfontconfig1", "libfreetype6", "libdbus-1-3",
           "libxkbcommon0", "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
           "libxcb-shape0", "libxcb-randr0", "libxcb-render-util0", "libxcb-image0", "libxcb-xkb1",
           "libx11-xcb1", "libglib2.0-0"]

UPDATE_CACHES = """
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true; fi
"""


def make(bundle: Path, icons: Path, version: str, out: Path) -> Path:
    root = out / f"{NAME}_{version}_amd64"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / NAME
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/opt/{NAME}/{NAME}", root / "usr" / "bin" / NAME)
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(HERE / f"{NAME}.desktop", apps / f"{NAME}.desktop")
    for png in sorted(icons.glob(f"{NAME}-*.png")):
        side = png.stem.rsplit("-", 1)[1]
        dest = root / "usr" / "share" / "icons" / "hicolor" / f"{side}x{side}" / "apps"
        dest.mkdir(parents=True)
        shutil.copy(png, dest / f"{NAME}.png")
    svg = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    svg.mkdir(parents=True)
    shutil.copy(HERE.parents[1] / "effnet_app" / "resources" / "icons" / "app.svg", svg / f"{NAME}.svg")

    debian = root / "DEBIAN"
    debian.mkdir()
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (debian / "control").write_text(f"""Package: {NAME}
Version: {version}
Section: graphics
Priority: optional
Architecture: amd64
Installed-Size: {size_kb}
Depends: {", ".join(DEPENDS)}
Maintainer: EffNet Studio developers <effnet-studio@users.noreply.github.com>
Homepage: https://github.com/effnet-studio/effnet-studio
Description: train and use EfficientNet image classifiers without programming
 EffNet Studio fine-tunes an EfficientNet on a folder of your own pictures (one
 sub-folder per class), classifies pictures, folders and live camera frames, and
 shows what the network attends to: Squeeze-and-Excitation channel weights,
 feature maps and Grad-CAM heat maps. Python, PyTorch and Qt are included.
""")
    for script in ("postinst", "postrm"):
        path = debian / script
        note = ("\n# The user's models, settings and weights are in their home folder; nothing here removes them.\n"
                if script == "postrm" else "")
        path.write_text(f"#!/bin/sh\nset -e\n{note}{UPDATE_CACHES}exit 0\n")
        path.chmod(0o755)
    deb = out / f"{NAME}_{version}_amd64.deb"
    # zstd: a fraction of xz's time on a multi-gigabyte bundle; dpkg reads it since 1.21.18
    # (Debian 12, Ubuntu 21.10).
    subprocess.run(["fakeroot", "dpkg-deb", "--build", "-Zzstd", "-z9", "--root-owner-group", str(root), str(deb)]
                   if shutil.which("fakeroot") else
                   ["dpkg-deb", "--build", "-Zzstd", "-z9", "--root-owner-group", str(root), str(deb)], check=True)
    shutil.rmtree(root)
    return deb


if __name__ == "__main__":
    print(make(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])))
