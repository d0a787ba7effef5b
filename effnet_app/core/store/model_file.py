"""The model file: safetensors tensors + JSON metadata in the safetensors header.

A ``.effnet`` file is a plain safetensors file, so loading it parses a JSON header and
raw tensor bytes and never unpickles anything. Writes go to a temporary file in the
same folder, are fsynced, then renamed over the target: a crash or a full disk leaves
the previous file untouched. Training checkpoints (for resume) use the same format
with their own ``kind``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from effnet_app import __version__
from effnet_app.core.errors import BundleError, ConfigError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import Preprocess, Variant, get_variant

FORMAT = "effnet-studio"
FORMAT_VERSION = 1
MODEL_KIND = "model"
CHECKPOINT_KIND = "checkpoint"
META_KEY = "effnet_studio"
MODEL_SUFFIX = ".effnet"


@dataclass
class Bundle:
    meta: dict[str, Any]
    tensors: dict[str, torch.Tensor]

    @property
    def variant(self) -> Variant:
        return get_variant(self.meta["variant"])

    @property
    def classes(self) -> list[str]:
        return list(self.meta["classes"])

    @property
    def preprocess(self) -> Preprocess:
        return Preprocess.from_dict(self.meta["preprocess"])

    @property
    def tta_views(self) -> int:
        return int(self.meta.get("tta_views", 1))


def save(path: Path | str, tensors: dict[str, torch.Tensor], meta: dict[str, Any], kind: str = MODEL_KIND) -> Path:
    header = dict(meta)
    header.update(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        kind=kind,
        app_version=__version__,
        created=header.get("created") or datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    tensors = {k: v.detach().to("cpu").contiguous() for k, v in tensors.items()}
    data = st_save(tensors, metadata={META_KEY: json.dumps(header, ensure_ascii=False)})
    atomic_write_bytes(Path(path), data)
    return Path(path)


def load(path: Path | str, kind: str = MODEL_KIND) -> Bundle:
    path = Path(path)
    what = (translate("bundle", "an EffNet Studio model") if kind == MODEL_KIND
            else translate("bundle", "a training checkpoint"))
    if not path.exists():
        raise BundleError(translate("bundle", "There is no model file '{path}'.").format(path=path))
    if not path.is_file():
        raise BundleError(translate("bundle", "'{path}' is a folder, not a model file.").format(path=path))
    data = path.read_bytes()
    if len(data) < 8:
        raise BundleError(translate("bundle", "'{name}' is empty or truncated; it is not {what}.").format(name=path.name, what=what))
    try:
        header_len = int.from_bytes(data[:8], "little")
        if header_len <= 0 or header_len > len(data) - 8:
            raise ValueError("bad header length")
        header = json.loads(data[8 : 8 + header_len])
        meta_text = header.get("__metadata__", {}).get(META_KEY)
    except (ValueError, UnicodeDecodeError, AttributeError):
        raise BundleError(translate("bundle", "'{name}' is not {what} (unrecognised file format).")
                          .format(name=path.name, what=what)) from None
    if meta_text is None:
        raise BundleError(translate("bundle", "'{name}' is not {what} (no EffNet Studio description inside).")
                          .format(name=path.name, what=what))
    try:
        meta = json.loads(meta_text)
    except json.JSONDecodeError:
        raise BundleError(translate("bundle", "'{name}' is damaged: its description is not valid JSON.")
                          .format(name=path.name)) from None
    if meta.get("format") != FORMAT or meta.get("kind") != kind:
        raise BundleError(translate("bundle", "'{name}' is not {what}.").format(name=path.name, what=what))
    if int(meta.get("format_version", 0)) > FORMAT_VERSION:
        raise BundleError(translate("bundle", "'{name}' was made by a newer EffNet Studio; update the app to open it.")
                          .format(name=path.name))
    try:
        tensors = st_load(data)
    except (SafetensorError, ValueError, RuntimeError) as e:
        raise BundleError(translate("bundle", "'{name}' is damaged ({detail}).").format(name=path.name, detail=e)) from None
    bundle = Bundle(meta, tensors)
    if kind == MODEL_KIND:
        _validate_model(bundle, path.name)
    return bundle


def _validate_model(bundle: Bundle, name: str) -> None:
    try:
        bundle.variant, bundle.preprocess  # noqa: B018 - raise if unknown or malformed
        classes = bundle.classes
    except ConfigError as e:
        raise BundleError(translate("bundle", "'{name}' cannot be used: {reason}").format(name=name, reason=e)) from None
    except (KeyError, TypeError, ValueError) as e:
        raise BundleError(translate("bundle", "'{name}' is damaged: its description lacks {field}.").format(name=name, field=e)) from None
    weight = bundle.tensors.get("classifier.1.weight")
    if weight is None:
        raise BundleError(translate("bundle", "'{name}' is damaged: it has no classifier weights.").format(name=name))
    if len(classes) < 2 or len(set(classes)) != len(classes):
        raise BundleError(translate("bundle", "'{name}' is damaged: its class list is invalid.").format(name=name))
    if weight.shape[0] != len(classes):
        raise BundleError(translate("bundle", "'{name}' is inconsistent: it names {n} classes but its weights have {outputs} outputs.")
                          .format(name=name, n=len(classes), outputs=weight.shape[0]))


def model_meta(bundle: Bundle) -> dict[str, Any]:
    """The metadata without bulky parts, for listings and ``--json`` output."""
    keep = ("variant", "classes", "preprocess", "tta_views", "pretrained", "metrics", "app_version", "created", "train_config")
    return {k: bundle.meta[k] for k in keep if k in bundle.meta}
