"""The Train page's first question: how long may the training take? A minute, ten
minutes, an hour, or until the user stops it; the plan that fits (core.training.budget)
is said in a sentence under the choices. "I'll choose myself" hands the network, the
mode and the advanced settings back to the user."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from effnet_app.core.training.budget import Plan, plan

MYSELF = "myself"


class BudgetBox(QGroupBox):
    changed = Signal(str)  # the chosen budget's name, or MYSELF

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("How long may it take?"), parent)
        words = {"minute": self.tr("About a minute"), "ten-minutes": self.tr("About ten minutes"),
                 "hour": self.tr("About an hour"), "until-stopped": self.tr("Until I stop it"),
                 MYSELF: self.tr("I'll choose the network and settings myself")}
        self.buttons: dict[str, QRadioButton] = {}
        self.group = QButtonGroup(self)
        lay = QVBoxLayout(self)
        for name, text in words.items():
            button = QRadioButton(text)
            button.setProperty("budget", name)
            self.group.addButton(button)
            self.buttons[name] = button
            lay.addWidget(button)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setContentsMargins(0, 4, 0, 0)
        # Room for the longest sentence: a wrapped label is otherwise squeezed by the form
        # below it, and the box would jump as the sentence changes.
        self.reason.setMinimumHeight(6 * self.reason.fontMetrics().lineSpacing() + 4)
        lay.addWidget(self.reason)
        self.buttons["minute"].setChecked(True)
        self.group.buttonToggled.connect(self._toggled)
        self._pictures: int | None = None
        self._gpu = False

    @property
    def name(self) -> str:
        return self.group.checkedButton().property("budget")

    def choose(self, name: str) -> None:
        self.buttons.get(name, self.buttons["minute"]).setChecked(True)
        self._say()

    def set_pictures(self, pictures: int | None, gpu: bool) -> None:
        """The folder's number of pictures (None: no folder yet) and whether a GPU trains."""
        self._pictures, self._gpu = pictures, gpu
        self._say()

    def plan(self, **settings) -> Plan | None:
        """The training that fits the chosen budget; None when the user chooses."""
        if self.name == MYSELF:
            return None
        return plan(self.name, self._pictures or 0, self._gpu, **settings)

    def _toggled(self, button: QRadioButton, on: bool) -> None:
        if on:
            self._say()
            self.changed.emit(self.name)

    def _say(self) -> None:
        if self.name == MYSELF:
            self.reason.setText(self.tr("Choose the network and how to train below."))
        elif self._pictures is None:
            self.reason.setText(self.tr("The network and how to train are picked for your folder once you choose it."))
        else:
            self.reason.setText(self.plan().reason)
