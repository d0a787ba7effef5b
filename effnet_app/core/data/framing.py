"""A picture framed as the network's input, with Pillow and NumPy alone.

The one definition of what the network sees at evaluation: resize, centre crop (or
squash) and normalise, as a :class:`Preprocess` records it, plus the exact dihedral
views of test-time augmentation. No PyTorch here, so the fast prediction path
(:mod:`effnet_app.core.inference.graph`) starts without importing it;
:mod:`effnet_app.core.data.preprocess` wraps these as tensors.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from effnet_app.core.models.variants import Preprocess

PIL_FILTERS = {"bilinear": Image.Resampling.BILINEAR, "bicubic": Image.Resampling.BICUBIC,
               "nearest": Image.Resampling.NEAREST, "lanczos": Image.Resampling.LANCZOS}

# identity, flip, 180, flip+180, then the 90s: (mirror left-right, quarter turns)
DIHEDRAL = ((False, 0), (True, 0), (False, 2), (True, 2), (False, 1), (True, 1), (False, 3), (True, 3))


def frame(img: Image.Image, pp: Preprocess) -> np.ndarray:
    """PIL RGB picture -> normalised float32 array C x size x size, equal to
    torchvision's Resize (+ CenterCrop), ToTensor and Normalize."""
    resample = PIL_FILTERS[pp.interpolation]
    if pp.crop:
        w, h = img.size
        # torchvision's Resize(int): the short side becomes ``resize``, the long side is truncated
        nw, nh = (pp.resize, int(pp.resize * h / w)) if w <= h else (int(pp.resize * w / h), pp.resize)
        left, top = int(round((nw - pp.size) / 2.0)), int(round((nh - pp.size) / 2.0))
        if nw <= w and nh <= h:
            # Shrinking: resample only the part the centre crop keeps (PIL's box, in
            # source pixels) -- the same pixels as resizing all and cropping, in half the time.
            sx, sy = w / nw, h / nh
            box = (left * sx, top * sy, (left + pp.size) * sx, (top + pp.size) * sy)
            img = img.resize((pp.size, pp.size), resample, box=box)
        else:
            img = img.resize((nw, nh), resample).crop((left, top, left + pp.size, top + pp.size))
    else:
        img = img.resize((pp.size, pp.size), resample)
    arr = np.asarray(img, dtype=np.float32) * (1.0 / 255.0)
    arr = (arr - np.asarray(pp.mean, np.float32)) / np.asarray(pp.std, np.float32)
    return np.ascontiguousarray(arr.transpose(2, 0, 1))


def dihedral(batch: np.ndarray, n: int) -> list[np.ndarray]:
    """The first ``n`` (1..8) exact rotations/flips of a batch N x C x H x W, in the
    order of :data:`DIHEDRAL` (with n = 1 the batch itself, no copy)."""
    return [one_view(batch, v) for v in range(max(1, min(n, 8)))]


def one_view(x: np.ndarray, view: int) -> np.ndarray:
    """View ``view`` (0..7, :data:`DIHEDRAL`'s order) of pictures ... x H x W (view 0:
    ``x`` itself)."""
    flip, k = DIHEDRAL[view]
    b = x[..., ::-1] if flip else x
    return np.ascontiguousarray(np.rot90(b, k, axes=(-2, -1)) if k else b)
