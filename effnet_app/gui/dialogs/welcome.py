"""The first start's welcome: what the app does in two sentences, and three ways
in: your own folder, a ready-made model on a picture (nothing to prepare), or the
quick start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from effnet_app.gui.icons import icon


class WelcomeDialog(QDialog):
    chosen = Signal(str)  # "data", "sample" or "help"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to EffNet Studio"))
        text = QLabel(self.tr(
            "<h2>Welcome</h2><p>EffNet Studio learns to tell your kinds of pictures apart (rock thin sections, "
            "defects on a surface, plants, anything) from a folder you already have. No programming, and no "
            "internet needed.</p><p><b>Three steps:</b> choose a folder with one sub-folder per kind → train → "
            "classify new pictures. Each page ends with a button to the next step.</p>"))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.folder_button = QPushButton(icon("folder"), self.tr("Choose my folder of pictures…"))
        self.sample_button = QPushButton(icon("images"), self.tr("Try a ready-made model on a picture…"))
        self.help_button = QPushButton(icon("info"), self.tr("Read the quick start"))
        self.close_button = QPushButton(self.tr("Close"))
        sample_text = QLabel(self.tr("The ready-made model knows 1,000 everyday things (animals, tools, food…): "
                                     "a way to see the app answer before you train your own."))
        sample_text.setWordWrap(True)
        sample_text.setContentsMargins(4, 0, 0, 8)
        for button, choice in ((self.folder_button, "data"), (self.sample_button, "sample"), (self.help_button, "help")):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        self.close_button.clicked.connect(self.reject)
        self.folder_button.setDefault(True)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.folder_button)
        lay.addWidget(self.sample_button)
        lay.addWidget(sample_text)
        row = QHBoxLayout()
        row.addWidget(self.help_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        lay.addLayout(row)
        self.setFixedWidth(520)

    def _choose(self, choice: str) -> None:
        self.accept()
        self.chosen.emit(choice)
