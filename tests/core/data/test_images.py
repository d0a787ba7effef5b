import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from effnet_app.core.errors import ImageError
from effnet_app.core.data.images import open_image


def _save(img: Image.Image, path, **kw):
    img.save(path, **kw)
    return path


def test_modes_become_rgb(tmp_path):
    cases = {
        "grey.png": Image.new("L", (10, 8), 128),
        "alpha.png": Image.new("RGBA", (10, 8), (255, 0, 0, 0)),
        "palette.gif": Image.new("P", (10, 8), 3),
        "cmyk.jpg": Image.new("CMYK", (10, 8), (0, 255, 0, 0)),
        "wide.tiff": Image.fromarray(np.arange(80, dtype=np.uint16).reshape(8, 10) * 800),
        "bitmap.bmp": Image.new("1", (10, 8), 1),
        "photo.webp": Image.new("RGB", (10, 8), (1, 2, 3)),
    }
    for name, img in cases.items():
        out = open_image(_save(img, tmp_path / name))
        assert out.mode == "RGB" and out.size == (10, 8), name
    # transparent pixels are shown on white, as a viewer would
    assert open_image(tmp_path / "alpha.png").getpixel((0, 0)) == (255, 255, 255)
    # 16-bit range is scaled, not clipped to white
    arr = np.asarray(open_image(tmp_path / "wide.tiff"))
    assert arr.min() == 0 and arr.max() == 255


def test_exif_orientation_is_applied(tmp_path):
    img = Image.new("RGB", (40, 20), (0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when shown
    img.save(tmp_path / "rot.jpg", exif=exif)
    assert open_image(tmp_path / "rot.jpg").size == (20, 40)


def test_unicode_path(tmp_path):
    folder = tmp_path / "岩石 薄片"
    folder.mkdir()
    assert open_image(_save(Image.new("RGB", (5, 5)), folder / "样本 1.png")).size == (5, 5)


def test_corrupt_and_fake_files_raise_sentence(tmp_path, rocks_dir):
    real = next((rocks_dir / "Chert").iterdir()).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(real[: len(real) // 3])
    (tmp_path / "text.jpg").write_text("this is not a picture")
    with pytest.raises(ImageError, match="damaged"):
        open_image(tmp_path / "cut.jpg")
    with pytest.raises(ImageError, match="not an image"):
        open_image(tmp_path / "text.jpg")
    with pytest.raises(ImageError, match="does not exist"):
        open_image(tmp_path / "missing.png")


def huge_png_bytes(width: int = 30000, height: int = 30000) -> bytes:
    """A valid PNG header declaring width x height, with almost no pixel data."""
    buf = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = 8  # after the signature: length(4) type(4) data(13) crc(4)
    data[ihdr + 8 : ihdr + 16] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 21])) & 0xFFFFFFFF
    data[ihdr + 21 : ihdr + 25] = struct.pack(">I", crc)
    return bytes(data)


def test_decompression_bomb_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(huge_png_bytes())
    with pytest.raises(ImageError, match="too large"):
        open_image(path)
