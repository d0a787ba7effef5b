"""The training pictures, decoded once and kept small (memory ~ N x side^2 x 3 bytes)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image

from effnet_app.core.data.dataset import Problem
from effnet_app.core.data.images import open_image
from effnet_app.core.errors import ImageError
from effnet_app.core.i18n import translate
from effnet_app.core.progress import CancelToken, Reporter


DECODERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class _Deferred:
    path: Path
    short_side: int


class Pictures(list):
    """A list of pictures of which some are decoded only when first looked at (then
    kept): a second quick training of a folder needs none of the pixels whose features
    it remembers. Indexing, slicing, iterating and ``+`` decode as they go."""

    def __getitem__(self, i):
        if isinstance(i, slice):  # still deferred: decoded when looked at
            return Pictures(super().__getitem__(i))
        item = super().__getitem__(i)
        if isinstance(item, _Deferred):
            img, error = _decode(item.path, item.short_side)
            if error is not None:  # changed on disk since it was remembered
                raise error
            super().__setitem__(i, img)
            item = img
        return item

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __add__(self, other):
        return Pictures([*_items(self), *_items(other)])

    def decoded(self) -> int:
        """How many are decoded so far."""
        return sum(not isinstance(item, _Deferred) for item in list.__iter__(self))


@dataclass
class LoadedImages:
    images: list[Image.Image]  # a Pictures list where some may be decoded later
    labels: list[int]
    paths: list[Path]


def load_images(
    samples: list[tuple[Path, int]],
    short_side: int,
    reporter: Reporter,
    cancel: CancelToken | None,
    problems: list[Problem],
    known: Callable[[Path], bool] | None = None,
) -> LoadedImages:
    """Decode every sample once, shrunk so the short side is ``short_side`` (memory
    stays ~ N x short_side^2 x 3 bytes). Undecodable files are reported and skipped.
    Pictures are decoded on a few threads (Pillow lets go of the GIL while decoding:
    0.5 -> 0.3 s for the 234 rocks on 2 cores); the order is the samples'. A picture
    ``known`` to decode (its contents were decoded before) is decoded when first used."""
    out = LoadedImages(Pictures(), [], [])

    def decode(sample: tuple[Path, int]):
        if known is not None and known(sample[0]):
            return _Deferred(sample[0], short_side), None
        return _decode(sample[0], short_side)

    with ThreadPoolExecutor(max_workers=DECODERS) as pool:
        decoded = pool.map(decode, samples)
        for i, ((path, label), (img, error)) in enumerate(zip(samples, decoded)):
            if cancel is not None and cancel.cancelled:
                pool.shutdown(cancel_futures=True)
                cancel.check()
            if error is not None:
                problems.append(Problem(str(path), translate("training", "{reason} Skipped.").format(reason=error)))
                continue
            out.images.append(img)
            out.labels.append(label)
            out.paths.append(path)
            reporter.progress((i + 1) / len(samples), translate("training", "Reading images {done}/{total}").format(
                done=i + 1, total=len(samples)))
    return out


def _decode(path: Path, short_side: int) -> tuple[Image.Image | None, ImageError | None]:
    try:
        img = open_image(path, draft=short_side)  # as the Classifier decodes (see Preprocess.min_side)
    except ImageError as e:
        return None, e
    scale = short_side / min(img.size)
    if scale < 1:
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.Resampling.BICUBIC)
    return img, None


def _items(pictures: list) -> list:
    """The entries as stored, deferred ones not decoded."""
    return list(list.__iter__(pictures)) if isinstance(pictures, Pictures) else list(pictures)


def joined(a: LoadedImages, b: LoadedImages) -> LoadedImages:
    return LoadedImages(Pictures(_items(a.images) + _items(b.images)), a.labels + b.labels, a.paths + b.paths)


def subset(loaded: LoadedImages, indices: list[int]) -> LoadedImages:
    items = _items(loaded.images)
    return LoadedImages(Pictures(items[i] for i in indices), [loaded.labels[i] for i in indices],
                        [loaded.paths[i] for i in indices])
