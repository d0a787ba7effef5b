"""A call to action at the end of a step ("Next: train a model on these pictures
[Go to Train]"), so a first-time user is led from step to step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from effnet_app.gui.icons import icon


class NextStep(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextStep")
        self.setStyleSheet("#nextStep { border: 1px solid #2f81f7; border-radius: 4px; background: palette(alternate-base); }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.row = QHBoxLayout()
        self.row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.label)
        lay.addLayout(self.row)
        self.buttons: list[QPushButton] = []
        self.hide()

    def offer(self, text: str, *actions: tuple[str, str | None, Callable[[], None]]) -> None:
        """Show ``text`` and one button per (label, icon name, slot); the first is the default."""
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        self.label.setText(text)
        for i, (label, icon_name, slot) in enumerate(actions):
            b = QPushButton(icon(icon_name), label) if icon_name else QPushButton(label)
            b.clicked.connect(slot)
            b.setDefault(i == 0)
            self.row.insertWidget(self.row.count() - 1, b)
            self.buttons.append(b)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def button(self, label: str) -> QPushButton:
        """The button whose text is ``label`` (for tests and the window's wiring)."""
        return next(b for b in self.buttons if b.text() == label)
