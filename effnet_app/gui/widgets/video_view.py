"""The live picture: the newest camera frame, the Grad-CAM heat map over the part of
the frame the network saw, the smoothed prediction as bars (or "Unsure"), and the
frame rates and latency."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from effnet_app.core.explain.colormaps import colorize
from effnet_app.gui.qimages import to_qimage
from effnet_app.gui.widgets.predictions import paint_bars


def heat_overlay(cam: np.ndarray) -> QImage:
    """A heat map in [0, 1] as an RGBA image whose alpha grows with the value, so cold
    parts leave the picture visible."""
    rgb = colorize(cam, "inferno")
    alpha = np.clip(cam * 255 * 1.2, 0, 255).astype(np.uint8)[..., None]
    rgba = np.ascontiguousarray(np.concatenate([rgb, alpha], axis=-1))
    h, w = cam.shape
    return QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()


class VideoView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame: QImage | None = None
        self.frame_size = (0, 0)
        self.cam: QImage | None = None
        self.cam_box: tuple[float, float, float, float] | None = None
        self.cam_caption = ""
        self.opacity = 0.6
        self.top: list[tuple[str, float]] = []
        self.unsure = False
        self.unknown = False
        self.stats = ""
        self.banner = ""  # a state in words over the picture: paused, ended, disconnected
        self.placeholder = self.tr("Choose a camera or a video and press Start,\nor open a picture.")
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def set_frame(self, rgb: np.ndarray) -> None:
        self.frame = to_qimage(rgb)
        self.frame_size = (rgb.shape[1], rgb.shape[0])
        self.update()

    def set_cam(self, cam: np.ndarray | None, box=None, caption: str = "") -> None:
        self.cam = heat_overlay(cam) if cam is not None else None
        self.cam_box, self.cam_caption = box, caption
        self.update()

    def set_prediction(self, top: list[tuple[str, float]], unsure: bool, unknown: bool = False) -> None:
        """The overlay's answer: the top classes, "Unsure — maybe X" below the page's
        confidence, "None of these — closest: X" when unlike the training pictures."""
        self.top, self.unsure, self.unknown = list(top), unsure, unknown
        self.update()

    def clear(self) -> None:
        self.frame, self.cam, self.top, self.stats, self.banner = None, None, [], "", ""
        self.update()

    def picture_rect(self) -> QRectF:
        w, h = self.frame_size
        if not w or not h:
            return QRectF(self.rect())
        scale = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#111214"))
        if self.frame is None:
            p.setPen(QColor("#c9ced6"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            return
        pic = self.picture_rect()
        p.drawImage(pic, self.frame)
        scale = pic.width() / max(1, self.frame_size[0])
        if self.cam is not None and self.cam_box is not None:
            l, t, r, b = self.cam_box
            p.setOpacity(self.opacity)
            p.drawImage(QRectF(pic.left() + l * scale, pic.top() + t * scale, (r - l) * scale, (b - t) * scale), self.cam)
            p.setOpacity(1.0)
        if self.cam_box is not None and self.cam_box != (0, 0, *self.frame_size):
            l, t, r, b = self.cam_box  # what the network sees: the centre crop
            p.setPen(QPen(QColor(255, 255, 255, 110), 1, Qt.PenStyle.DashLine))
            p.drawRect(QRectF(pic.left() + l * scale, pic.top() + t * scale, (r - l) * scale, (b - t) * scale))
        self._paint_prediction(p, pic)
        self._paint_text(p, pic)

    def _paint_prediction(self, p: QPainter, pic: QRectF) -> None:
        if not self.top:
            return
        row = 22
        width = min(340.0, pic.width() * 0.6)
        box = QRectF(pic.left() + 10, pic.top() + 10, width, 34 + row * len(self.top))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 150))
        p.drawRoundedRect(box, 8, 8)
        title = QFont(self.font())
        title.setPointSizeF(title.pointSizeF() * 1.25)
        title.setBold(True)
        p.setFont(title)
        name, prob = self.top[0]
        if self.unknown:
            text = self.tr("None of these — closest: {name}").format(name=name)
        else:
            text = self.tr("Unsure — maybe {name}").format(name=name) if self.unsure else name
        p.setPen(QColor("#ffd166") if self.unsure or self.unknown else QColor("white"))
        p.drawText(QRectF(box.left() + 10, box.top() + 4, box.width() - 20, 28), Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(box.width() - 20)))
        p.setFont(self.font())
        pal = QPalette(self.palette())
        pal.setColor(QPalette.ColorRole.WindowText, QColor("white"))
        pal.setColor(QPalette.ColorRole.Dark, QColor("#8c959f"))
        pal.setColor(QPalette.ColorRole.Mid, QColor("#5a5f66"))
        paint_bars(p, QRectF(box.left() + 10, box.top() + 32, box.width() - 20, row * len(self.top)), self.top, pal, row,
                   self.unknown)

    def _paint_text(self, p: QPainter, pic: QRectF) -> None:
        fm = p.fontMetrics()
        lines = [t for t in (self.stats, self.cam_caption if self.cam is not None else "") if t]
        for i, text in enumerate(reversed(lines)):
            r = QRectF(pic.left() + 8, pic.bottom() - (i + 1) * (fm.height() + 8), fm.horizontalAdvance(text) + 12,
                       fm.height() + 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 150))
            p.drawRoundedRect(r, 4, 4)
            p.setPen(QColor("white"))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        if self.banner:
            f = QFont(self.font())
            f.setPointSizeF(f.pointSizeF() * 1.4)
            f.setBold(True)
            p.setFont(f)
            fm = p.fontMetrics()
            r = QRectF(0, 0, fm.horizontalAdvance(self.banner) + 32, fm.height() + 16)
            r.moveTopRight(QPointF(pic.right() - 10, pic.top() + 10))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 170))
            p.drawRoundedRect(r, 8, 8)
            p.setPen(QColor("white"))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.banner)
