"""Pooled backbone features remembered per (backbone, preprocessing, view, picture),
as NumPy arrays: a second training on the same folder (cross-validation, a changed
setting, a class added) embeds nothing again. In memory by path, modification time
and size; on disk by the picture's contents (core.data.content), so it lasts from one
run to the next. The backbone that computes missing features is the caller's (PyTorch,
or its exported graph without PyTorch): both fill and read the same entries."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from effnet_app.core.data.content import REMEMBERED, DiskCache, content_digest, name_of
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import Preprocess
from effnet_app.core.progress import Reporter
from effnet_app.core.training.images import LoadedImages

_log = logging.getLogger("effnet_app.core.training.features")

# Missing pictures -> their features (N x width, float32), reporting to the Reporter.
Embed = Callable[[list[Image.Image], Reporter], np.ndarray]


class FeatureCache:
    """``backbone`` identifies the frozen weights (variant, pretrained or not, or a
    trained model's digest)."""

    def __init__(self, limit: int = 100_000, disk: DiskCache = REMEMBERED) -> None:
        self.limit, self.disk = limit, disk
        self._store: dict[tuple, np.ndarray] = {}

    def clear(self) -> None:
        self._store.clear()

    def __len__(self) -> int:
        return len(self._store)

    def features(self, backbone: tuple, loaded: LoadedImages, pp: Preprocess, view: int, width: int,
                 embed: Embed, reporter: Reporter) -> np.ndarray:
        """N x width float32 features of ``loaded`` in dihedral view ``view`` (0: as they
        are; core.data.framing); ``embed`` computes those not remembered."""
        keys = [self._key(backbone, pp, view, p) for p in loaded.paths]
        missing = [i for i, k in enumerate(keys) if k not in self._store]
        kind = _kind(backbone, pp, view)
        remembered = self._from_disk(kind, loaded, missing, keys, width)
        missing = [i for i in missing if keys[i] not in self._store]
        if missing:
            feats = np.asarray(embed([loaded.images[i] for i in missing], reporter), dtype=np.float32)
            if len(self._store) + len(missing) > self.limit:
                self._store.clear()
            for i, f in zip(missing, feats):
                self._store[keys[i]] = f
                self.disk.put(kind, content_digest(loaded.paths[i]), _npy(f))
            self.disk.prune()
        reporter.progress(1.0, translate("training", "All {total} pictures looked at ({cached} remembered from an earlier training)").format(
            cached=len(keys) - len(missing), total=len(keys)))
        if remembered or missing:
            _log.info("features: %d pictures, %d from disk, %d computed", len(keys), remembered, len(missing))
        return np.stack([self._store[k] for k in keys]) if keys else np.zeros((0, width), np.float32)

    def remembered(self, backbone: tuple, pp: Preprocess, views: int) -> Callable[[Path], bool]:
        """Whether a picture's features in each of the first ``views`` views are
        remembered (so its contents decoded before): what ``load_images`` need not decode now."""
        kinds = [(v, _kind(backbone, pp, v)) for v in range(views)]
        return lambda path: all(self._key(backbone, pp, v, path) in self._store
                                or self.disk.has(kind, content_digest(path)) for v, kind in kinds)

    def _from_disk(self, kind: str, loaded: LoadedImages, missing: list[int], keys: list[tuple], width: int) -> int:
        """Fill the memory from the disk for ``missing``; how many were found."""
        found = 0
        for i in missing:
            data = self.disk.get(kind, content_digest(loaded.paths[i]))
            f = _from_npy(data, width) if data is not None else None
            if f is not None:
                self._store[keys[i]] = f
                found += 1
        return found

    @staticmethod
    def _key(backbone: tuple, pp: Preprocess, view: int, path: Path) -> tuple:
        st = path.stat()
        return (backbone, pp, view, str(path), st.st_mtime_ns, st.st_size)


def _kind(backbone: tuple, pp: Preprocess, view: int) -> str:
    """The disk's name for a view's features (view 0 keeps the name it had when it was
    the only one remembered, so those entries stay valid)."""
    return "features-" + (name_of(backbone, pp, 1) if view == 0 else name_of(backbone, pp, 1, "view", view))


def _npy(f: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(f, dtype=np.float32), allow_pickle=False)
    return buffer.getvalue()


def _from_npy(data: bytes, width: int) -> np.ndarray | None:
    """A remembered feature vector, or None when the entry is damaged or not of this width."""
    try:
        a = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError):
        return None
    if a.dtype != np.float32 or a.shape != (width,) or not np.isfinite(a).all():
        return None
    return a.copy()


FEATURES = FeatureCache()  # one per process: the app, the CLI and a benchmark each train many times
