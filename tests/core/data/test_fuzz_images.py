"""Image decoding fuzzed with hypothesis over mutated real files.

Seeds are a real micrograph saved as JPEG, PNG, TIFF, WebP, GIF and BMP (small, so
each decode takes milliseconds). Mutations: bytes overwritten, inserted, deleted,
a chunk repeated, header fields set to extreme values, truncation. Every input must
either decode to an upright RGB picture or raise the app's own ``ImageError`` -- no
other exception, no example slower than 2 s (hypothesis' deadline), no picture larger
than the pixel limit, and no runaway memory. ``EFFNET_FUZZ_EXAMPLES`` runs a longer
campaign (the CI run tries 600 inputs per entry point).
"""

from __future__ import annotations

import io
import os
import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from effnet_app.core.data.dataset import check_readable
from effnet_app.core.errors import ImageError
from effnet_app.core.data.images import MAX_PIXELS, open_image, thumbnail

EXAMPLES = int(os.environ.get("EFFNET_FUZZ_EXAMPLES", "600"))
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "WEBP": ".webp", "GIF": ".gif", "BMP": ".bmp"}
FUZZ = settings(max_examples=EXAMPLES, deadline=2000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TRIED: dict[str, int] = {}


def _seeds() -> dict[str, bytes]:
    rocks = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "rocks"
    rocks = Path(os.environ.get("EFFNET_ROCKS", rocks))
    picture = Image.open(sorted((rocks / "Bauxite").iterdir())[0]).convert("RGB")
    picture.thumbnail((48, 48))
    out = {}
    for fmt in FORMATS:
        buf = io.BytesIO()
        (picture.convert("P") if fmt == "GIF" else picture).save(buf, fmt)
        out[fmt] = buf.getvalue()
    return out


SEEDS = _seeds()


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "extreme", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            chunk = data[at:at + draw(st.integers(1, 256))]
            data[at:at] = chunk * draw(st.integers(1, 8))
        elif kind == "extreme":  # sizes, offsets and counts in headers become huge or zero
            data[at:at + 4] = draw(st.sampled_from([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff"]))
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _must_be_picture_or_sentence(fn, what: str) -> None:
    TRIED[what] = TRIED.get(what, 0) + 1
    try:
        result = fn()
    except ImageError as e:
        assert str(e).strip(), "an ImageError must carry a sentence"
        return
    if isinstance(result, Image.Image):
        assert result.mode == "RGB" and result.width * result.height <= MAX_PIXELS
        assert result.width > 0 and result.height > 0


@pytest.fixture(scope="module", autouse=True)
def _memory_stays_bounded():
    before = _peak_rss_mb()
    yield
    grown = _peak_rss_mb() - before
    print(f"fuzzed inputs: {TRIED}, peak RSS grew {grown:.0f} MB")
    assert grown < 400, f"decoding mutated files raised peak memory by {grown:.0f} MB"


def test_seeds_decode():
    for fmt, data in SEEDS.items():
        assert open_image(data).size[0] > 0, fmt


@FUZZ
@given(data=mutated())
def test_decoding_bytes(data):
    _must_be_picture_or_sentence(lambda: open_image(data), "bytes")


@FUZZ
@given(data=mutated(), suffix=st.sampled_from(sorted(set(FORMATS.values()))), side=st.sampled_from([None, 64, 224]))
def test_decoding_files_and_thumbnails(tmp_path_factory, data, suffix, side):
    path = tmp_path_factory.mktemp("fuzz") / f"mutated{suffix}"
    path.write_bytes(data)
    _must_be_picture_or_sentence(lambda: check_readable(path), "header check")
    _must_be_picture_or_sentence(lambda: open_image(path, draft=side), "file")
    _must_be_picture_or_sentence(lambda: thumbnail(path, 96), "thumbnail")
