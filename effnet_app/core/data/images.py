"""Decode any common image file into an RGB picture, or say in one sentence why not.

Handles EXIF orientation, grey / alpha / palette / 16-bit / CMYK, and refuses
images whose declared size is larger than ``MAX_PIXELS``, or longer and thinner than
``MAX_ASPECT``, before decoding any pixel; and anything that is not a regular file.
"""

from __future__ import annotations

import contextlib
import io
import stat
import struct
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from effnet_app.core.errors import ImageError
from effnet_app.core.events import Thumbnail
from effnet_app.core.files import file_mode
from effnet_app.core.i18n import translate

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif", ".jfif"}
)
# 1e8 pixels ~ a 10000 x 10000 image: far beyond any camera or micrograph this app
# expects, small enough that a hostile file cannot exhaust memory (300 MB as RGB).
MAX_PIXELS = 100_000_000
# The networks see a picture resized so that its *short* side is a few hundred pixels:
# a 1 x 100,000 PNG (474 bytes) would become 256 x 25.6 million. A long side of at
# most 50 short sides keeps every such resize (short side up to 1,200) under 72
# megapixels, and no camera, scanner or panorama this app expects comes near it.
MAX_ASPECT = 50


@contextlib.contextmanager
def quiet():
    """Pillow's warnings about odd files (EXIF, ICC, TIFF tags) are not the user's
    business: a file decodes or gets one sentence."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def is_image_name(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_EXTENSIONS


def _to_rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16/32-bit grey: scale the actual range to 8 bits instead of clipping it.
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        arr = (arr - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(arr)
        return Image.fromarray(arr.astype(np.uint8), "L").convert("RGB")
    if img.mode == "F":
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(np.nanmin(arr)), float(np.nanmax(arr))
        arr = (arr - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(arr)
        return Image.fromarray(np.nan_to_num(arr).astype(np.uint8), "L").convert("RGB")
    if img.mode == "P":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA"):
        # Composite transparency on white: what a person sees in a viewer.
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return img.convert("RGB")  # L, 1, CMYK, YCbCr, LAB, HSV, RGBX...


def open_image(source: Path | str | bytes, draft: int | None = None) -> Image.Image:
    """Decode ``source`` (a path or the file's bytes) to an upright RGB image.

    ``draft``: only at least this many pixels a side are needed, so JPEGs may be
    decoded at 1/2, 1/4 or 1/8 scale (thumbnails: several times faster)."""
    name = translate("images", "The image") if isinstance(source, bytes) else f"'{Path(source).name}'"
    fp = io.BytesIO(source) if isinstance(source, bytes) else source
    if not isinstance(source, bytes):
        refuse_special_file(Path(source), name)
    try:
        with quiet(), Image.open(fp) as img:
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise ImageError(translate("images", "{name} is too large ({w} x {h} pixels; the limit is {limit} megapixels).")
                                 .format(name=name, w=w, h=h, limit=MAX_PIXELS // 1_000_000))
            if w == 0 or h == 0:
                raise ImageError(translate("images", "{name} has no pixels.").format(name=name))
            if max(w, h) > MAX_ASPECT * min(w, h):
                raise ImageError(translate("images", "{name} is too long and thin to use ({w} x {h} pixels; the long "
                                                     "side may be at most {n} times the short one).")
                                 .format(name=name, w=w, h=h, n=MAX_ASPECT))
            if draft:
                img.draft("RGB", (draft, draft))
            img.load()
            img = ImageOps.exif_transpose(img)
            return _to_rgb(img)
    except ImageError:
        raise
    except FileNotFoundError:
        raise ImageError(translate("images", "{name} does not exist.").format(name=name)) from None
    except IsADirectoryError:
        raise ImageError(translate("images", "{name} is a folder, not an image.").format(name=name)) from None
    except PermissionError:
        raise ImageError(translate("images", "{name} cannot be read (permission denied).").format(name=name)) from None
    except UnidentifiedImageError:
        raise ImageError(translate("images", "{name} is not an image file, or a format that cannot be read.").format(name=name)) from None
    except Image.DecompressionBombError:
        raise ImageError(translate("images", "{name} is too large to open safely.").format(name=name)) from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, TypeError,
            IndexError, KeyError, struct.error, ZeroDivisionError) as e:
        raise ImageError(translate("images", "{name} is damaged and cannot be decoded ({detail}).")
                         .format(name=name, detail=type(e).__name__)) from None


def refuse_special_file(path: Path, name: str) -> None:
    """Raise ImageError unless ``path`` is a regular file: opening a pipe named a.jpg
    blocks until something writes to it, a device can be endless. Checked with stat,
    which never opens the file, and with a time-out (a network share that stopped
    answering). A missing file is left to the caller's own sentence."""
    try:
        mode = file_mode(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise ImageError(translate("images", "{name} cannot be read ({reason}).").format(
            name=name, reason=e.strerror or e)) from None
    if stat.S_ISDIR(mode):
        raise ImageError(translate("images", "{name} is a folder, not an image.").format(name=name))
    if not stat.S_ISREG(mode):
        raise ImageError(translate("images", "{name} is not a regular file (a pipe, socket or device).").format(name=name))


# PIL's own bomb guard raises at 2x its limit; ours refuses earlier with a sentence.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def thumbnail(source: Path | str, side: int) -> np.ndarray:
    """An upright RGB thumbnail (H x W x 3 uint8) fitting in ``side`` x ``side``."""
    img = open_image(source, draft=side)
    img.thumbnail((side, side), Image.Resampling.BILINEAR)
    return np.ascontiguousarray(np.asarray(img, dtype=np.uint8))


def thumbnails(paths: list[Path], side: int, reporter=None, cancel=None) -> int:
    """Decode thumbnails one by one, each delivered as a :class:`Thumbnail` event
    (the image, or the error) so a viewer fills in as they arrive."""
    for i, path in enumerate(paths):
        if cancel is not None:
            cancel.check()
        try:
            event = Thumbnail(str(path), thumbnail(path, side))
        except ImageError as e:
            event = Thumbnail(str(path), error=str(e))
        if reporter is not None:
            reporter.event(event)
            reporter.progress((i + 1) / len(paths), "")
    return len(paths)
