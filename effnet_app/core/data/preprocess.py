"""Image -> tensor, exactly as recorded in a :class:`Preprocess` (bundle, ONNX, CLI).

Evaluation and training transforms, the dihedral views used for test-time
augmentation, and tiles for large images all live here, so there is one place
that defines what the network sees.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch
from PIL import Image
from torchvision.transforms import v2 as T
from torchvision.transforms.functional import InterpolationMode

from effnet_app.core.data.framing import DIHEDRAL, frame
from effnet_app.core.devices import is_out_of_memory, release_memory, too_little_memory
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import Preprocess


def _interp(pp: Preprocess) -> InterpolationMode:
    return InterpolationMode(pp.interpolation)


def _to_tensor(pp: Preprocess) -> list:
    return [T.ToImage(), T.ToDtype(torch.float32, scale=True), T.Normalize(pp.mean, pp.std)]


def eval_transform(pp: Preprocess) -> T.Compose:
    """PIL RGB image -> normalised float tensor C x size x size."""
    if pp.crop:
        geometry = [T.Resize(pp.resize, interpolation=_interp(pp), antialias=True), T.CenterCrop(pp.size)]
    else:
        geometry = [T.Resize((pp.size, pp.size), interpolation=_interp(pp), antialias=True)]
    return T.Compose(geometry + _to_tensor(pp))


def eval_array(img: Image.Image, pp: Preprocess) -> torch.Tensor:
    """The same tensor as :func:`eval_transform`, made with PIL and NumPy only
    (:func:`framing.frame`).

    For the ONNX Runtime engine: torch's parallel ops on one small image cost more in
    thread hand-over (OpenMP workers spinning on the two cores ONNX Runtime needs)
    than they compute, which doubled the latency of a single prediction."""
    return torch.from_numpy(frame(img, pp))


def train_transform(pp: Preprocess, augment: bool = True) -> T.Compose:
    """Augmentation for microscope-like pictures: no 'up', colour shifts between slides."""
    if not augment:
        return eval_transform(pp)
    scale = (0.35, 1.0) if pp.crop else (0.5, 1.0)
    return T.Compose(
        [
            T.RandomResizedCrop(pp.size, scale=scale, ratio=(0.75, 1.333), interpolation=_interp(pp), antialias=True),
            T.RandomHorizontalFlip(),
            T.RandomVerticalFlip(),
            RandomRot90(),
            T.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.15, hue=0.02),
        ]
        + _to_tensor(pp)
    )


class RandomRot90(torch.nn.Module):
    """Rotate by a random multiple of 90 degrees (exact, no interpolation)."""

    def forward(self, img):
        k = int(torch.randint(0, 4, ()).item())
        if isinstance(img, Image.Image):
            return img if k == 0 else img.transpose([None, Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270][k])
        return torch.rot90(img, k, dims=(-2, -1))


def dihedral_views(batch: torch.Tensor, n: int) -> list[torch.Tensor]:
    """Up to 8 exact rotations/flips of a batch (N x C x H x W) for test-time augmentation,
    in :data:`framing.DIHEDRAL`'s order (only the ``n`` asked for are made: with n = 1
    the batch itself, no copy)."""
    views = []
    for flip, k in DIHEDRAL[: max(1, min(n, 8))]:
        b = torch.flip(batch, dims=(-1,)) if flip else batch
        views.append(torch.rot90(b, k, dims=(-2, -1)) if k else b)
    return views


def map_views(
    fn: Callable[[torch.Tensor], torch.Tensor],
    images: list[Image.Image],
    transform: Callable[[Image.Image], torch.Tensor],
    device: torch.device,
    views: int = 1,
    batch_size: int = 32,
    cancel: Any = None,
    reporter: Any = None,
    what: str = "",
) -> torch.Tensor:
    """``fn`` over ``images`` in batches, averaged over ``views`` dihedral views: the
    one loop behind feature extraction, validation and prediction (N x ...). A batch
    the accelerator has no memory for is tried again in halves."""
    out = []
    start = 0
    while start < len(images):
        if cancel is not None:
            cancel.check()
        try:
            batch = torch.stack([transform(im) for im in images[start : start + batch_size]]).to(device)
            out.append(torch.stack([fn(v).float() for v in dihedral_views(batch, views)]).mean(0).cpu())
        except Exception as e:  # noqa: BLE001 -- only out-of-memory is handled
            if not is_out_of_memory(e):
                raise
            if batch_size == 1:
                raise too_little_memory() from None
            out_of_memory = True
        else:
            out_of_memory = False
        if out_of_memory:  # out here the error's frames and the tensors they held are gone
            release_memory(device)
            batch_size //= 2
            continue
        start = min(start + batch_size, len(images))
        if reporter is not None:
            reporter.progress(start / len(images), "{what} {done}/{total}".format(
                what=what or translate("preprocess", "Processing images"), done=start, total=len(images)))
    return torch.cat(out) if out else torch.zeros(0)


def tile_boxes(width: int, height: int, tile: int, grid: int = 0) -> list[tuple[int, int, int, int]]:
    """Square, overlapping boxes covering the picture; their side is the short side / 2
    (so each tile has about the detail of a native-size crop) unless ``tile`` is given."""
    side = min(width, height) // 2 if tile <= 0 else min(tile, width, height)
    side = max(side, 1)
    nx = grid or max(1, int(np.ceil(width / side)) + (1 if width > side else 0) - 1)
    ny = grid or max(1, int(np.ceil(height / side)) + (1 if height > side else 0) - 1)
    nx, ny = max(nx, 1), max(ny, 1)
    xs = np.linspace(0, width - side, nx).round().astype(int) if nx > 1 else [(width - side) // 2]
    ys = np.linspace(0, height - side, ny).round().astype(int) if ny > 1 else [(height - side) // 2]
    return [(int(x), int(y), int(x) + side, int(y) + side) for y in ys for x in xs]


def tiles(img: Image.Image, pp: Preprocess, tile: int = 0) -> torch.Tensor:
    """The picture cut into overlapping square tiles, each preprocessed: T x C x H x W."""
    square = Preprocess(pp.size, pp.size, False, pp.mean, pp.std, pp.interpolation)
    tf = eval_transform(square)
    return torch.stack([tf(img.crop(box)) for box in tile_boxes(img.width, img.height, tile)])
