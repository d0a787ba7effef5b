"""The user's settings as one typed object, read by the window, the language loader
and the command line. No Qt: the CLI and the core's callers read it without a
QApplication.

Stored as ``settings.json`` in the config folder (``core.paths.config_dir``) and
written atomically on every change. A value of the wrong type or outside its
choices (a hand-edited file, an older version) falls back to its default: a
settings file never stops the app from opening. Settings saved by versions that
used Qt's ``settings.ini`` are read once from it when there is no JSON file yet.
"""
# i18n: ignore-file -- nothing here is shown to the user: wrong values are a programmer's error or silently defaulted.

from __future__ import annotations

import configparser
import dataclasses
import json
from pathlib import Path
from typing import Any, ClassVar

from effnet_app.core.errors import StorageError
from effnet_app.core.files import atomic_output
from effnet_app.core.paths import config_dir

FILE = "settings.json"
OLD_FILE = "settings.ini"  # Qt's QSettings INI, before this module
THEMES = ("system", "light", "dark")
DEVICES = ("auto", "cpu", "cuda", "mps")
ENGINES = ("auto", "onnx", "torch")
MODES = ("quick", "full")
BUDGETS = ("minute", "ten-minutes", "hour", "until-stopped", "myself")  # core.training.budget's, and the user's own choice


@dataclasses.dataclass
class Settings:
    theme: str = "system"
    language: str = "system"  # "system" or a code in languages.LANGUAGES
    device: str = "auto"
    engine: str = "auto"
    mirror: str = ""  # base URL to download pretrained weights from ("" = the usual place)
    top_k: int = 5
    last_folder: str = ""
    last_dir: str = ""  # where the last file chooser ended: the next one opens there
    last_model: str = ""
    variant: str = "lite0"
    mode: str = "quick"
    budget: str = "minute"  # how long a training may take (the Train page picks the network and mode)
    live_mirror: bool = False
    welcomed: bool = False  # the first start's welcome was shown
    page: int = 0
    geometry: str = ""  # the window's saved geometry and layout, base64 (Qt's own format)
    window_state: str = ""
    # "None of these": the share the user chose per model file (path -> fraction); models
    # not listed use the share stored in them.
    unknown_shares: dict = dataclasses.field(default_factory=dict)

    #: Fields whose value must be one of these (anything else: the default).
    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"theme": THEMES, "device": DEVICES, "engine": ENGINES,
                                                     "mode": MODES, "budget": BUDGETS}
    RANGES: ClassVar[dict[str, tuple[int, int]]] = {"top_k": (1, 20), "page": (0, 20)}

    def __post_init__(self) -> None:
        self._path: Path | None = None

    # reading ----------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path | None = None) -> "Settings":
        """The saved settings (defaults where nothing valid is saved); changes made with
        :meth:`change` are written back to the same folder."""
        folder = Path(folder) if folder is not None else config_dir()
        raw = _read_json(folder / FILE)
        if raw is None:
            raw = _read_old_ini(folder / OLD_FILE)
        settings = cls.from_dict(raw or {})
        settings._path = folder / FILE
        return settings

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Settings":
        """Each known, valid value from ``raw``; the rest stay at their defaults."""
        settings = cls()
        for f in dataclasses.fields(cls):
            if f.name in raw:
                value = cls._checked(f.name, raw[f.name])
                if value is not None:
                    setattr(settings, f.name, value)
        return settings

    @classmethod
    def _checked(cls, name: str, value: Any) -> Any:
        """``value`` as the field's type, or None when it is not a valid value for it."""
        kind = type(_DEFAULTS[name])
        if kind is dict:
            return _shares(value)
        if kind is bool:
            value = value if isinstance(value, bool) else {"1": True, "true": True, "0": False, "false": False}.get(
                str(value).strip().lower())
        elif kind is int:
            try:
                value = int(value) if not isinstance(value, bool) else None
            except (TypeError, ValueError):
                value = None
            low, high = cls.RANGES.get(name, (-(2 ** 31), 2 ** 31))
            value = value if value is not None and low <= value <= high else None
        elif not isinstance(value, str) or "\x00" in value:
            value = None
        if name in cls.CHOICES and value not in cls.CHOICES[name]:
            value = None
        return value

    # writing ----------------------------------------------------------------------
    def change(self, **values: Any) -> None:
        """Set the given fields and save. An unknown field is a programming error; a
        value of the wrong type is refused the same way."""
        for name, value in values.items():
            if name not in self.field_names():
                raise AttributeError(f"no setting named {name!r}")
            checked = self._checked(name, value)
            if checked is None:
                raise ValueError(f"{value!r} is not a valid value for the setting {name!r}")
            setattr(self, name, checked)
        self.save()

    def save(self) -> None:
        """Write the settings (atomically); a settings folder that cannot be written is
        not worth stopping the app for, so a failure is ignored."""
        if self._path is None:
            return
        data = json.dumps(self.to_dict(), indent=2, ensure_ascii=False).encode("utf-8")
        try:
            with atomic_output(self._path) as f:
                f.write(data)
        except StorageError:
            pass

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def field_names(cls) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        raw = json.loads(path.read_bytes()[:1_000_000].decode("utf-8"))
    except (OSError, ValueError):
        return None
    return raw if isinstance(raw, dict) else None


def _read_old_ini(path: Path) -> dict[str, Any] | None:
    """The plain values of a QSettings INI file (its [General] section). Values Qt
    wrote in its own binary notation (the window geometry) are left out."""
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(path.read_bytes()[:1_000_000].decode("utf-8", "replace"))
    except (OSError, configparser.Error):
        return None
    if not parser.has_section("General"):
        return None
    values = {}
    for key, value in parser.items("General"):
        value = value.strip()
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if not value.startswith("@"):
            values[key] = value
    return values


def _shares(value: Any) -> dict[str, float] | None:
    """A {model path: share} table: text keys, fractions from 0 to 1, at most 1000 models."""
    if not isinstance(value, dict) or len(value) > 1000:
        return None
    ok = all(isinstance(k, str) and len(k) <= 4096 and "\x00" not in k and isinstance(v, (int, float))
             and not isinstance(v, bool) and 0.0 <= v <= 1.0 for k, v in value.items())
    return {k: float(v) for k, v in value.items()} if ok else None


# Each field's default, for its type.
_DEFAULTS = {f.name: f.default if f.default is not dataclasses.MISSING else f.default_factory()
             for f in dataclasses.fields(Settings)}
