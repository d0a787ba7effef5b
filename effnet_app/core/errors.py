"""Errors a user can cause. Each carries one plain sentence for the GUI and CLI."""

from __future__ import annotations

from effnet_app.core.i18n import translate


class EffNetError(Exception):
    """Base class: the message is a sentence meant for the user, not a developer."""


class DatasetError(EffNetError):
    """The image folder cannot be used (missing, no classes, too few images...)."""


class ImageError(EffNetError):
    """One image cannot be decoded or is refused (corrupt, not an image, too large)."""


class WeightsError(EffNetError):
    """Pretrained weights are unavailable, damaged or do not match."""


class WeightsUnavailable(WeightsError):
    """The weights could not be downloaded (offline, server down, not found)."""


class BundleError(EffNetError):
    """A model file is not an EffNet Studio model, is damaged or inconsistent."""


class StorageError(EffNetError):
    """A file could not be written (disk full, no permission...)."""


class CameraError(EffNetError):
    """A camera, video file or stream cannot be opened or stopped delivering frames."""


class ConfigError(EffNetError):
    """A setting has a value that cannot work (unknown variant, bad fraction...)."""


class Cancelled(EffNetError):
    """The user cancelled the running task."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or translate("errors", "Cancelled by the user."))
