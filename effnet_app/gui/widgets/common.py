"""Small shared pieces: message boxes that never block, plain
formatting of sizes and durations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QMessageBox, QWidget


def message(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
    """A window-modal message that does not block the caller (tests and workers go on)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def human_seconds(s: float) -> str:
    s = max(0, int(round(s)))
    if s < 60:
        return QApplication.translate("Duration", "{s} s").format(s=s)
    m, s = divmod(s, 60)
    if m < 60:
        return QApplication.translate("Duration", "{m} min {s} s").format(m=m, s=f"{s:02d}")
    h, m = divmod(m, 60)
    return QApplication.translate("Duration", "{h} h {m} min").format(h=h, m=f"{m:02d}")


def human_count(n: float) -> str:
    for unit, div in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= div:
            return f"{n / div:.1f} {unit}"
    return str(int(n))


class NoteBar(QFrame):
    """An inline note under a page's controls: info, warning or error, in words."""

    COLOURS = {"info": "#2f81f7", "ok": "#2da44e", "warning": "#bf8700", "error": "#cf222e"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self.label)
        self.kind = ""
        self.hide()

    def show_note(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        colour = self.COLOURS.get(kind, self.COLOURS["info"])
        self.setStyleSheet(f"#noteBar {{ border-left: 4px solid {colour}; border-radius: 3px; "
                           f"background: palette(alternate-base); }}")
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text()


def model_line(_widget: QWidget, entry) -> str:
    """"Model: <name> (network, classes)" for a page's header."""
    classes = len(entry.classes) if entry.classes else 1000
    return QApplication.translate("Model", "Model: <b>{name}</b> ({variant}, {n} classes)").format(
        name=entry.name, variant=entry.variant_label, n=classes)
