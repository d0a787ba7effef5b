"""Where the live view's pictures come from: a camera found on this computer, a video
file or a stream URL, with the capture options (resolution, mirror, repeat)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QWidget

from effnet_app.core.live.camera import RESOLUTIONS, CameraInfo, describe_source
from effnet_app.core.live.loops import SourceSpec
from effnet_app.gui.icons import icon
from effnet_app.gui import file_dialogs

VIDEO_EXTENSIONS = {".avi", ".mp4", ".mov", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv"}


class SourcePicker(QWidget):
    findRequested = Signal()  # "Find cameras" pressed
    opened = Signal()  # a video file or stream URL was chosen (it plays when the user presses Start)
    nothingFound = Signal()  # the camera search found no camera and there is no other source

    def __init__(self, mirror: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._added: list[int | str] = []  # files and URLs: kept when the camera list is refreshed
        self.box = QComboBox()
        self.box.setMinimumWidth(220)
        self.refresh_button = QPushButton(self.tr("Find cameras"))
        self.refresh_button.clicked.connect(self.findRequested)
        self.file_button = QPushButton(icon("folder"), self.tr("Video file…"))
        self.file_button.clicked.connect(self.choose_video)
        self.url_button = QPushButton(self.tr("Stream URL…"))
        self.url_button.clicked.connect(self.ask_url)
        self.resolution_box = QComboBox()
        self.resolution_box.addItem(self.tr("Camera default"), None)
        for w, h in RESOLUTIONS:
            self.resolution_box.addItem(f"{w} × {h}", (w, h))
        self.mirror_box = QCheckBox(self.tr("Mirror"))
        self.mirror_box.setChecked(mirror)
        self.repeat_box = QCheckBox(self.tr("Repeat videos"))
        self.repeat_box.setChecked(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Source:")))
        row.addWidget(self.box, 1)
        for w in (self.refresh_button, self.file_button, self.url_button, QLabel(self.tr("Resolution:")),
                  self.resolution_box, self.mirror_box, self.repeat_box):
            row.addWidget(w)

    def source(self) -> int | str | None:
        return self.box.currentData()

    def spec(self) -> SourceSpec | None:
        """The chosen source with its options; None when there is none."""
        if self.source() is None:
            return None
        return SourceSpec(self.source(), self.resolution_box.currentData(), self.mirror_box.isChecked(),
                          loop=self.repeat_box.isChecked())

    def set_source(self, source: int | str) -> None:
        """Add a video file or stream URL (or a camera index) to the list and choose it."""
        i = self.box.findData(source)
        if i < 0:
            self._added.append(source)
            self.box.addItem(describe_source(source), source)
            i = self.box.count() - 1
        self.box.setCurrentIndex(i)

    def cameras_found(self, cameras: list[CameraInfo]) -> None:
        found = {cam.index for cam in cameras}
        keep = [(self.box.itemText(i), self.box.itemData(i)) for i in range(self.box.count())
                if self.box.itemData(i) in self._added and self.box.itemData(i) not in found]
        current = self.source()
        self.box.clear()
        for cam in cameras:
            self.box.addItem(icon("live"), cam.name, cam.index)
        for text, data in keep:
            self.box.addItem(text, data)
        if current is not None:
            self.box.setCurrentIndex(max(0, self.box.findData(current)))
        if not cameras and not keep:
            self.nothingFound.emit()

    def choose_video(self) -> None:
        pattern = " ".join(f"*{e}" for e in sorted(VIDEO_EXTENSIONS))
        path = file_dialogs.open_file(self, self.tr("Open a video"), self.tr("Videos ({p})").format(p=pattern))
        if path:
            self.set_source(str(path))
            self.opened.emit()

    def ask_url(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Stream URL"), self.tr(
            "Address of the camera stream (for example rtsp://192.168.1.20/stream or http://…/video.mjpg):"))
        if ok and url.strip():
            self.set_source(url.strip())
            self.opened.emit()
