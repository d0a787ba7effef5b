"""Record training pictures from the live view into a class folder of the dataset.

A snapshot writes the picture on show; a burst writes at most ``rate`` pictures a
second and skips a frame that hardly differs from the last one written (a camera on a
still slide gives the same picture many times a second: copies teach nothing and would
straddle the validation split). Files are created exclusively: an existing file is
never touched, a taken name gets the next number."""

from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
from PIL import Image

from effnet_app.core.data.dataset import inside, is_plain_class_name
from effnet_app.core.errors import DatasetError, StorageError
from effnet_app.core.i18n import translate

JPEG_QUALITY = 95
# Mean absolute difference, in grey levels (0..255), of two frames shrunk to 32 x 32,
# below which a frame counts as the same picture: sensor noise averages out at that
# size (well under 1), a slide moved by a few per cent of the view changes it by 5+.
SAME_PICTURE = 2.0


def class_folder(dataset: Path, name: str, create: bool = False) -> Path:
    """``dataset/name``, refused when ``name`` is not a plain folder name; made when
    ``create``."""
    name = name.strip()
    if not is_plain_class_name(name):
        raise DatasetError(translate("curation", "'{name}' cannot be the name of a class folder.").format(name=name))
    folder = Path(dataset) / name
    if not inside(Path(dataset), folder):
        raise DatasetError(translate("curation", "'{name}' would lie outside the dataset.").format(name=name))
    if create:
        try:
            folder.mkdir(exist_ok=True)
        except OSError as e:
            raise StorageError(translate("curation", "The class folder could not be made: {reason}").format(
                reason=e.strerror or e)) from None
    return folder


def _thumb(image: np.ndarray) -> np.ndarray:
    grey = Image.fromarray(image).convert("L").resize((32, 32), Image.Resampling.BOX)
    return np.asarray(grey, dtype=np.float32)


class Recorder:
    """Writes frames into one class folder: :meth:`save` always, :meth:`offer` as a
    burst (rate-limited, near-identical frames skipped). ``written`` counts both."""

    def __init__(self, folder: Path, rate: float = 2.0, same_picture: float = SAME_PICTURE) -> None:
        self.folder = Path(folder)
        self.interval = 1.0 / max(rate, 1e-3)
        self.same_picture = same_picture
        self.written: list[Path] = []
        self.skipped = 0  # frames of a burst left out as near-identical
        self._last_time = -float("inf")
        self._last_thumb: np.ndarray | None = None

    def offer(self, image: np.ndarray, now: float | None = None) -> Path | None:
        """A frame of a burst: written when its time has come and it shows something new."""
        now = time.monotonic() if now is None else now
        if now - self._last_time < self.interval:
            return None
        thumb = _thumb(image)
        if self._last_thumb is not None and float(np.abs(thumb - self._last_thumb).mean()) < self.same_picture:
            self.skipped += 1
            self._last_time = now  # look again after one interval, not at the very next frame
            return None
        self._last_time = now
        return self._write(image, thumb)

    def save(self, image: np.ndarray) -> Path:
        """A snapshot: written whatever it looks like."""
        return self._write(image, _thumb(image))

    def _write(self, image: np.ndarray, thumb: np.ndarray) -> Path:
        buffer = io.BytesIO()
        Image.fromarray(image).convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
        stem = time.strftime("capture-%Y%m%d-%H%M%S")
        n = 1
        while True:
            path = self.folder / (f"{stem}.jpg" if n == 1 else f"{stem}-{n}.jpg")
            try:
                f = open(path, "xb")  # "x": never over an existing file
            except FileExistsError:
                n += 1
                continue
            except OSError as e:
                raise self._failed(e) from None
            try:
                with f:
                    f.write(buffer.getvalue())
            except OSError as e:
                path.unlink(missing_ok=True)  # ours, half-written (disk full): no half picture is left
                raise self._failed(e) from None
            break
        self._last_thumb = thumb
        self.written.append(path)
        return path

    def _failed(self, e: OSError) -> StorageError:
        return StorageError(translate("curation", "The picture could not be saved in {folder}: {reason}").format(
            folder=self.folder, reason=e.strerror or e))
