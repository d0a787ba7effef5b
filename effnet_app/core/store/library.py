"""The model library: trained models as ``.effnet`` files in one folder.

Listing reads only each file's JSON header (a few KB), so a library of large
models opens instantly. Names are file names; renames and deletes are plain file
operations, imports are validated copies. The ImageNet classifier of every variant
is always available too, as the model reference ``imagenet:<variant>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from effnet_app.core.store.metadata import DEFAULT_SHARE
from effnet_app.core.store.model_file import MODEL_SUFFIX, load_model, read_model_meta
from effnet_app.core.errors import BundleError, StorageError
from effnet_app.core.files import atomic_copy
from effnet_app.core.i18n import translate
from effnet_app.core.paths import models_dir
from effnet_app.core.models.variants import DEFAULT_VARIANT, get_variant

_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
MAX_NAME = 120


@dataclass(frozen=True)
class ModelEntry:
    ref: str  # a bundle path, or "imagenet:<variant>"
    name: str
    variant: str
    classes: tuple[str, ...]
    accuracy: float | None  # validation accuracy when trained, if measured
    created: str  # ISO time, "" for the built-in model
    status: str = "completed"
    builtin: bool = False
    unknown_quantiles: tuple[float, ...] = ()  # "None of these" (ModelMeta); () for the ImageNet and older models
    unknown_share: float = DEFAULT_SHARE
    mode: str = ""  # "quick" or "full"; shown in the list in the current language, not in the name

    @property
    def has_unknown(self) -> bool:
        return bool(self.unknown_quantiles)

    @property
    def path(self) -> Path | None:
        return None if self.builtin else Path(self.ref)

    @property
    def variant_label(self) -> str:
        return get_variant(self.variant).label

    @property
    def variant_short(self) -> str:
        return get_variant(self.variant).label.replace("EfficientNet-", "")

    @property
    def created_local(self) -> str:
        if not self.created:
            return ""
        try:
            # With the time of day: two trainings of one folder on one day must be told apart.
            return datetime.fromisoformat(self.created).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.created


def builtin_entry(variant: str = DEFAULT_VARIANT) -> ModelEntry:
    v = get_variant(variant)
    return ModelEntry(f"imagenet:{v.name}", translate("library", "ImageNet, 1000 classes"), v.name, (), None, "", builtin=True)


def entry_for(path: Path) -> ModelEntry:
    """The library's line for a model file, from its checked header (BundleError if unusable)."""
    meta = read_model_meta(path)
    return ModelEntry(ref=str(path), name=path.stem, variant=meta.variant, classes=meta.classes,
                      accuracy=meta.accuracy, created=meta.created, status=meta.status,
                      unknown_quantiles=meta.unknown_quantiles, unknown_share=meta.unknown_share, mode=meta.mode)


class Library:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else models_dir()

    def entries(self) -> tuple[list[ModelEntry], list[str]]:
        """Trained models newest first, and one sentence per file that is not a model."""
        found, problems = [], []
        if self.root.is_dir():
            for p in self.root.glob(f"*{MODEL_SUFFIX}"):
                try:
                    found.append(entry_for(p))
                except BundleError as e:
                    problems.append(str(e))
        found.sort(key=lambda e: e.created, reverse=True)
        return found, problems

    def path_for(self, name: str) -> Path:
        return self.root / f"{clean_name(name)}{MODEL_SUFFIX}"

    def unique_path(self, name: str) -> Path:
        base = clean_name(name)
        path, n = self.path_for(base), 2
        while path.exists():
            path, n = self.path_for(f"{base} ({n})"), n + 1
        return path

    def suggest_name(self, variant: str, data_root: Path | None) -> str:
        """"<folder> <network>", e.g. "rocks Lite0": no words of the language of the day
        in a file name (the list shows the mode and the time in the current language);
        a second training of the folder becomes "rocks Lite0 (2)" (``unique_path``)."""
        folder = Path(data_root).name if data_root else translate("library", "model")
        return f"{folder} {get_variant(variant).label.replace('EfficientNet-', '')}"

    def rename(self, entry: ModelEntry, new_name: str) -> ModelEntry:
        if entry.builtin:
            raise StorageError(translate("library", "The built-in ImageNet model cannot be renamed."))
        target = self.path_for(new_name)
        if target.exists():
            raise StorageError(translate("library", "A model named '{name}' already exists.").format(name=target.stem))
        try:
            Path(entry.ref).rename(target)
        except OSError as e:
            raise StorageError(translate("library", "Could not rename '{name}': {reason}.")
                                   .format(name=entry.name, reason=e.strerror or e)) from None
        return entry_for(target)

    def delete(self, entry: ModelEntry) -> None:
        if entry.builtin:
            raise StorageError(translate("library", "The built-in ImageNet model cannot be deleted."))
        try:
            Path(entry.ref).unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            raise StorageError(translate("library", "Could not delete '{name}': {reason}.")
                               .format(name=entry.name, reason=e.strerror or e)) from None

    def import_file(self, source: Path) -> ModelEntry:
        """Copy a model file into the library after checking it fully (never unpickled)."""
        source = Path(source)
        load_model(source)  # raises BundleError with a sentence if unusable
        target = self.unique_path(source.stem)
        atomic_copy(source, target)
        return entry_for(target)


def clean_name(name: str) -> str:
    """A model name that is a safe file name on every system (Unicode kept)."""
    text = _BAD_CHARS.sub("_", name).strip().strip(".")
    if not text:
        raise StorageError(translate("library", "A model name cannot be empty."))
    return text[:MAX_NAME]
