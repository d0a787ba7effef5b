"""The model file: safetensors tensors + JSON metadata in the safetensors header.

A ``.effnet`` file is a plain safetensors file, so loading it parses a JSON header and
raw tensor bytes and never unpickles anything. Writes go to a temporary file in the
same folder, are fsynced, then renamed over the target: a crash or a full disk leaves
the previous file untouched. Training checkpoints (for resume) use the same format
with their own ``kind`` and free-form metadata.

PyTorch is imported only where tensors are read or written as torch tensors: the
header and the "None of these" arrays read without it (:func:`read_model_meta`,
:func:`read_unknown_arrays`), which is all the fast prediction path needs.

One writer (:func:`_write`) and one header reader (:func:`_parse_header`, with one
size limit) serve both kinds; a model's metadata is then checked by
:meth:`ModelMeta.from_dict`, so nothing reads raw keys.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

import numpy as np
from safetensors import SafetensorError, safe_open

if TYPE_CHECKING:
    import torch

from effnet_app import __version__
from effnet_app.core.errors import BundleError, ConfigError
from effnet_app.core.files import atomic_write_bytes, file_mode
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import Preprocess, Variant
from effnet_app.core.store.metadata import MetaError, ModelMeta

FORMAT = "effnet-studio"
FORMAT_VERSION = 1
MODEL_KIND = "model"
CHECKPOINT_KIND = "checkpoint"
META_KEY = "effnet_studio"
MODEL_SUFFIX = ".effnet"
MAX_HEADER = 16 << 20  # bytes of JSON header: far above any real model's, far below a memory problem
UNKNOWN_PREFIX = "unknown."  # the "None of these" score's arrays (core.inference.unknown), beside the network's
_ENVELOPE = ("format", "format_version", "kind")


@dataclass
class ModelFile:
    """A model as read from disk: validated metadata and the network's tensors."""

    meta: ModelMeta
    tensors: dict[str, torch.Tensor]

    @property
    def variant(self) -> Variant:
        return self.meta.variant_info

    @property
    def classes(self) -> list[str]:
        return list(self.meta.classes)

    @property
    def preprocess(self) -> Preprocess:
        return self.meta.preprocess

    @property
    def tta_views(self) -> int:
        return self.meta.tta_views

    @property
    def network_tensors(self) -> dict[str, torch.Tensor]:
        return {k: v for k, v in self.tensors.items() if not k.startswith(UNKNOWN_PREFIX)}

    @property
    def unknown_arrays(self) -> dict[str, np.ndarray] | None:
        """The unknown score's arrays (checked on load); None for a model without them."""
        if not self.meta.has_unknown:
            return None
        return {k[len(UNKNOWN_PREFIX):]: v.numpy().copy() for k, v in self.tensors.items() if k.startswith(UNKNOWN_PREFIX)}


@dataclass
class Checkpoint:
    """A training checkpoint: its free-form progress record and tensors."""

    meta: dict[str, Any]
    tensors: dict[str, torch.Tensor]


# ---------------------------------------------------------------- writing

def save_model(path: Path | str, tensors: dict[str, torch.Tensor | np.ndarray], meta: ModelMeta) -> Path:
    meta = replace(meta, app_version=__version__,
                   created=meta.created or datetime.now(timezone.utc).isoformat(timespec="seconds"))
    return _write(Path(path), tensors, meta.to_dict(), MODEL_KIND)


def unknown_tensors(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The unknown score's arrays (``UnknownScore.arrays()``) under the model file's names."""
    return {UNKNOWN_PREFIX + k: _contiguous(v) for k, v in arrays.items()}


def _contiguous(a: np.ndarray) -> np.ndarray:
    """``a`` in C order, keeping its shape (``np.ascontiguousarray`` makes a scalar 1-D)."""
    return a if a.flags.c_contiguous else np.copy(a, order="C")


def save_checkpoint(path: Path | str, tensors: dict[str, torch.Tensor], meta: dict[str, Any]) -> Path:
    return _write(Path(path), tensors, meta, CHECKPOINT_KIND)


def _write(path: Path, tensors: dict[str, torch.Tensor | np.ndarray], meta: dict[str, Any], kind: str) -> Path:
    """Tensors may be PyTorch's or NumPy arrays (NumPy's alone from a quick training
    without PyTorch): the same bytes either way."""
    header = {**meta, "format": FORMAT, "format_version": FORMAT_VERSION, "kind": kind}
    metadata = {META_KEY: json.dumps(header, ensure_ascii=False)}
    if all(isinstance(v, np.ndarray) for v in tensors.values()):
        from safetensors.numpy import save as np_save

        atomic_write_bytes(path, np_save({k: _contiguous(v) for k, v in tensors.items()}, metadata=metadata))
    else:  # PyTorch's writer: it also knows bfloat16, which NumPy does not
        import torch
        from safetensors.torch import save as st_save

        as_torch = {k: torch.from_numpy(_contiguous(v)) if isinstance(v, np.ndarray) else v
                    for k, v in tensors.items()}
        tensors = {k: v.detach().to("cpu").contiguous() for k, v in as_torch.items()}
        atomic_write_bytes(path, st_save(tensors, metadata=metadata))
    return path


# ---------------------------------------------------------------- reading

def load_model(path: Path | str) -> ModelFile:
    """The whole model file, checked: metadata, tensors and their agreement. The
    metadata is checked before any tensor is read; the tensors are read through a
    memory map, so the file is held once, not twice."""
    path = Path(path)
    meta = read_model_meta(path)
    model = ModelFile(meta, _mapped_tensors(path))
    _check_tensors(model, path.name)
    return model


def read_model_meta(path: Path | str) -> ModelMeta:
    """A model's metadata from the header alone (a few KB read, no tensors), checked."""
    path = Path(path)
    _check_regular(path)
    try:
        with open(path, "rb") as f:
            prefix = f.read(8)
            n = int.from_bytes(prefix, "little") if len(prefix) == 8 else 0
            data = prefix + f.read(n) if 0 < n <= MAX_HEADER else prefix
    except OSError:
        raise BundleError(_not_a(path.name, MODEL_KIND)) from None
    return _model_meta(_parse_header(data, path.name, MODEL_KIND), path.name)


def _mapped_tensors(path: Path) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file as st_load_file

    try:
        return st_load_file(str(path))
    except (SafetensorError, ValueError, RuntimeError, OSError) as e:
        raise BundleError(translate("bundle", "'{name}' is damaged ({detail}).").format(name=path.name, detail=e)) from None
    except MemoryError:
        raise BundleError(translate("bundle", "'{name}' is too large to read into this computer's memory.")
                          .format(name=path.name)) from None


def load_checkpoint(path: Path | str) -> Checkpoint:
    path = Path(path)
    data = _read_bytes(path, CHECKPOINT_KIND)
    meta = _parse_header(data, path.name, CHECKPOINT_KIND)
    return Checkpoint(meta, _tensors(data, path.name))


def _check_regular(path: Path) -> None:
    """A model file must be a regular file: reading a pipe named x.effnet would block
    (the library lists every *.effnet at start). stat never opens it."""
    try:
        mode = file_mode(path)  # with a time-out: the library lists every model when the window opens
    except FileNotFoundError:
        raise BundleError(translate("bundle", "There is no model file '{path}'.").format(path=path)) from None
    except OSError as e:
        raise BundleError(translate("bundle", "'{name}' cannot be read ({reason}).").format(
            name=path.name, reason=e.strerror or e)) from None
    if stat.S_ISDIR(mode):
        raise BundleError(translate("bundle", "'{path}' is a folder, not a model file.").format(path=path))
    if not stat.S_ISREG(mode):
        raise BundleError(translate("bundle", "'{name}' is not a regular file (a pipe, socket or device), so it is "
                                              "not a model file.").format(name=path.name))


def _read_bytes(path: Path, kind: str) -> bytes:
    _check_regular(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BundleError(translate("bundle", "'{name}' cannot be read ({reason}).").format(
            name=path.name, reason=e.strerror or e)) from None
    except MemoryError:
        raise BundleError(translate("bundle", "'{name}' is too large to read into this computer's memory.")
                          .format(name=path.name)) from None
    if len(data) < 8:
        raise BundleError(translate("bundle", "'{name}' is empty or truncated; it is not {what}.")
                          .format(name=path.name, what=_what(kind)))
    return data


def _parse_header(data: bytes, name: str, kind: str) -> dict[str, Any]:
    """The EffNet Studio metadata inside a safetensors header, with its envelope checked."""
    what = _what(kind)
    try:
        n = int.from_bytes(data[:8], "little")
        if len(data) < 8 or n <= 0 or n > MAX_HEADER or (n > len(data) - 8):
            raise ValueError("bad header length")
        meta_text = json.loads(data[8: 8 + n]).get("__metadata__", {}).get(META_KEY)
    except (ValueError, UnicodeDecodeError, AttributeError):
        raise BundleError(translate("bundle", "'{name}' is not {what} (unrecognised file format).")
                          .format(name=name, what=what)) from None
    if meta_text is None:
        raise BundleError(translate("bundle", "'{name}' is not {what} (no EffNet Studio description inside).")
                          .format(name=name, what=what))
    try:
        meta = json.loads(meta_text)
    except json.JSONDecodeError:
        raise BundleError(translate("bundle", "'{name}' is damaged: its description is not valid JSON.")
                          .format(name=name)) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("kind") != kind:
        raise BundleError(translate("bundle", "'{name}' is not {what}.").format(name=name, what=what))
    version = meta.get("format_version", 0)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BundleError(translate("bundle", "'{name}' was made by a newer EffNet Studio; update the app to open it.")
                          .format(name=name))
    return {k: v for k, v in meta.items() if k not in _ENVELOPE}


def _model_meta(raw: dict[str, Any], name: str) -> ModelMeta:
    try:
        return ModelMeta.from_dict(raw)
    except ConfigError as e:
        raise BundleError(translate("bundle", "'{name}' cannot be used: {reason}").format(name=name, reason=e)) from None
    except MetaError as e:
        raise BundleError(translate("bundle", "'{name}' is damaged: its description has a missing or invalid '{field}'.")
                          .format(name=name, field=e.field)) from None


def _tensors(data: bytes, name: str) -> dict[str, torch.Tensor]:
    from safetensors.torch import load as st_load

    try:
        return st_load(data)
    except (SafetensorError, ValueError, RuntimeError) as e:
        raise BundleError(translate("bundle", "'{name}' is damaged ({detail}).").format(name=name, detail=e)) from None


def _check_tensors(model: ModelFile, name: str) -> None:
    weight = model.tensors.get("classifier.1.weight")
    _check_head(model.meta, None if weight is None else tuple(weight.shape), name)
    if model.meta.has_unknown:
        arrays = {k[len(UNKNOWN_PREFIX):]: v for k, v in model.tensors.items() if k.startswith(UNKNOWN_PREFIX)}
        _check_unknown(model.meta, arrays, weight.shape[1], name)


def _check_head(meta: ModelMeta, shape: tuple[int, ...] | None, name: str) -> None:
    if shape is None or len(shape) != 2:
        raise BundleError(translate("bundle", "'{name}' is damaged: it has no classifier weights.").format(name=name))
    if shape[0] != len(meta.classes):
        raise BundleError(translate("bundle", "'{name}' is inconsistent: it names {n} classes but its weights have {outputs} outputs.")
                          .format(name=name, n=len(meta.classes), outputs=shape[0]))


def read_unknown_arrays(path: Path | str, meta: ModelMeta) -> dict[str, np.ndarray] | None:
    """The "None of these" arrays of the model file whose checked metadata is ``meta``,
    read as NumPy arrays (no PyTorch, no network weights loaded) and checked against
    the classifier's shape; None for a model without them."""
    path = Path(path)
    try:
        with safe_open(str(path), framework="numpy") as f:
            shape = tuple(f.get_slice("classifier.1.weight").get_shape()) if "classifier.1.weight" in f.keys() else None
            _check_head(meta, shape, path.name)
            if not meta.has_unknown:
                return None
            arrays = {k[len(UNKNOWN_PREFIX):]: f.get_tensor(k) for k in f.keys() if k.startswith(UNKNOWN_PREFIX)}
    except (SafetensorError, ValueError, TypeError, OSError) as e:
        raise BundleError(translate("bundle", "'{name}' is damaged ({detail}).").format(name=path.name, detail=e)) from None
    _check_unknown(meta, arrays, shape[1], path.name)
    return {k: np.array(v) for k, v in arrays.items()}


def _check_unknown(meta: ModelMeta, arrays: dict[str, Any], width: int, name: str) -> None:
    """The "None of these" arrays agree with each other and the network, and are finite
    (``arrays``: torch tensors or NumPy arrays, by name without the prefix)."""
    a = {k: _floats(v) for k, v in arrays.items()}
    shapes = {k: tuple(v.shape) for k, v in a.items() if v is not None}
    k = shapes.get("basis", (0, 0))[0]
    ok = (set(shapes) == set(a) == {"reference", "mean", "basis", "class_means", "precision", "scales"}
          and len(shapes["reference"]) == 2 and shapes["reference"][0] >= 1 and shapes["reference"][1] == width
          and shapes["mean"] == (width,) and shapes["basis"] == (k, width) and k >= 1
          and len(shapes["class_means"]) == 2 and 1 <= shapes["class_means"][0] <= len(meta.classes)
          and shapes["class_means"][1] == k and shapes["precision"] == (k, k) and shapes["scales"] == (2,)
          and all(bool(np.isfinite(v).all()) for v in a.values()) and bool((a["scales"] > 0).all()))
    if not ok:
        raise BundleError(translate("bundle", "'{name}' is damaged: its \"None of these\" description does not fit the model.")
                          .format(name=name))


def _floats(v: Any) -> np.ndarray | None:
    """A tensor or array as a float64 NumPy array; None if it is not floating point."""
    if hasattr(v, "is_floating_point"):  # a torch tensor (torch is not imported for the check alone)
        return v.detach().cpu().double().numpy() if v.is_floating_point() else None
    v = np.asarray(v)
    return v.astype(np.float64) if np.issubdtype(v.dtype, np.floating) else None


def _what(kind: str) -> str:
    return (translate("bundle", "an EffNet Studio model") if kind == MODEL_KIND
            else translate("bundle", "a training checkpoint"))


def _not_a(name: str, kind: str) -> str:
    return translate("bundle", "'{name}' is not {what}.").format(name=name, what=_what(kind))
