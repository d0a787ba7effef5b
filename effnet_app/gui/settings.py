"""The user's settings: one INI file in the platform's config folder (see core.paths)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from effnet_app.core.paths import config_dir

THEMES = ("system", "light", "dark")
DEFAULTS: dict[str, Any] = {
    "theme": "system",
    "language": "system",
    "device": "auto",
    "engine": "auto",
    "mirror": "",
    "top_k": 5,
    "last_folder": "",
    "last_model": "",
    "variant": "lite0",
    "mode": "quick",
}


class Settings:
    def __init__(self) -> None:
        path = config_dir() / "settings.ini"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        default = DEFAULTS.get(key)
        value = self.qsettings.value(key, default)
        if isinstance(default, int) and not isinstance(value, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value if value is not None else default

    def set(self, key: str, value: Any) -> None:
        self.qsettings.setValue(key, value)

    def bytes(self, key: str) -> Any:
        return self.qsettings.value(key)

    def sync(self) -> None:
        self.qsettings.sync()
