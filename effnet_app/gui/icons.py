"""Line icons from SVG, tinted with the current palette's text colour and rendered
at 1x and 2x so they stay sharp on HiDPI screens."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_SIZES = (16, 24, 32, 48)


def _svg(name: str) -> bytes:
    return resources.files("effnet_app.resources").joinpath("icons", f"{name}.svg").read_bytes()


def _render(data: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(data))
    side = int(size * ratio)
    img = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    renderer.render(p, QRectF(0, 0, side, side))
    p.end()
    pm = QPixmap.fromImage(img)
    pm.setDevicePixelRatio(ratio)
    return pm


@lru_cache(maxsize=None)
def _icon(name: str, colour: str, disabled: str) -> QIcon:
    raw = _svg(name)
    icon = QIcon()
    for mode, c in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
        data = raw.replace(b"currentColor", c.encode())
        for size in _SIZES:
            for ratio in (1.0, 2.0):
                icon.addPixmap(_render(data, size, ratio), mode)
    return icon


def icon(name: str) -> QIcon:
    pal = QApplication.palette()
    return _icon(name, pal.color(QPalette.ColorRole.WindowText).name(),
                 pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name())


def app_icon() -> QIcon:
    return _icon("app", "", "")
