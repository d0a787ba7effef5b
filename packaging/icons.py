"""Render the app icon (effnet_app/resources/icons/app.svg) into what each platform's
package wants: PNGs for Linux's hicolor theme, .ico for Windows, .icns for macOS.

    python packaging/icons.py OUT_FOLDER
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "effnet_app" / "resources" / "icons" / "app.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(SVG))
    pngs = []
    for side in SIZES:
        img = QImage(side, side, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        renderer.render(p)
        p.end()
        path = out / f"effnet-studio-{side}.png"
        img.save(str(path))
        pngs.append(path)
    big = Image.open(out / "effnet-studio-256.png")
    big.save(out / "effnet-studio.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    Image.open(out / "effnet-studio-512.png").save(out / "effnet-studio.icns")
    return pngs


if __name__ == "__main__":
    render(Path(sys.argv[1]))
