"""The Train page's choice of mode: quick or full, each with a sentence on what it costs."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget


class ModeBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("How to train"), parent)
        self.quick = QRadioButton(self.tr("Quick"))
        self.full = QRadioButton(self.tr("Full"))
        quick_text = QLabel(self.tr("Teaches only the last layer. Seconds to a few minutes; a good first try."))
        full_text = QLabel(self.tr("Fine-tunes the whole network at a larger image size. Minutes to hours."))
        self.group = QButtonGroup(self)
        self.group.addButton(self.quick)
        self.group.addButton(self.full)
        self.quick.setChecked(True)
        lay = QVBoxLayout(self)
        for button, text in ((self.quick, quick_text), (self.full, full_text)):
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            text.setWordWrap(True)
            text.setContentsMargins(24, 0, 0, 4)
            lay.addWidget(button)
            lay.addWidget(text)
