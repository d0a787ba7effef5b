"""A light and a dark look (Fusion style) that follow the system's colour scheme
unless the user picks one in the settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#202226",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#17181b",
    QPalette.ColorRole.AlternateBase: "#26282d",
    QPalette.ColorRole.ToolTipBase: "#2b2d31",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8a8d93",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2b2d31",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#2f81f7",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#58a6ff",
    QPalette.ColorRole.Mid: "#3a3d42",
    QPalette.ColorRole.Dark: "#111214",
    QPalette.ColorRole.Light: "#3a3d42",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0f2f5",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#6e7781",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#eceef1",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.BrightText: "#cf222e",
    QPalette.ColorRole.Highlight: "#1f6feb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#0969da",
    QPalette.ColorRole.Mid: "#c9ced6",
    QPalette.ColorRole.Dark: "#8c959f",
    QPalette.ColorRole.Light: "#ffffff",
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str) -> str:
    """'light' or 'dark' for a setting of 'system', 'light' or 'dark'."""
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark() else "light"


def palette(look: str) -> QPalette:
    pal = QPalette()
    for role, colour in (_DARK if look == "dark" else _LIGHT).items():
        pal.setColor(role, QColor(colour))
    disabled = QColor("#6b6f76" if look == "dark" else "#a0a7b0")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def apply(app: QApplication, choice: str) -> str:
    look = resolve(choice)
    app.setStyle("Fusion")
    app.setPalette(palette(look))
    app.setProperty("effnet_look", look)
    return look


def current_look() -> str:
    app = QApplication.instance()
    return (app.property("effnet_look") if app else None) or "light"


def accent() -> QColor:
    return QColor("#2f81f7" if current_look() == "dark" else "#1f6feb")


# Chinese glyphs from a Simplified Chinese face on every system: Windows, macOS, then
# the Linux families of Debian's fonts-noto-cjk / fonts-wqy-*. Named explicitly because
# fontconfig's own fallback may pick a Japanese or Traditional face for the same
# characters (other glyph shapes). Applied in every language: class names come from
# folder names and may be Chinese in an English window.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",  # i18n: ignore
                "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")  # i18n: ignore


def apply_fonts(app: QApplication) -> list[str]:
    """The system's UI font for Latin text, then the first installed CJK family."""
    font = app.font()
    families = [font.family()] + [f for f in CJK_FAMILIES if f != font.family()]
    font.setFamilies(families)
    app.setFont(font)
    return families
