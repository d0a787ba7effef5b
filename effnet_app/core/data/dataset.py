"""A class-per-folder image tree: scan, report problems, split, load.

``root/<class name>/**/<image>``: every direct sub-folder is a class (nested folders
inside a class belong to it). Problems are collected, never raised one by one: a
corrupt file is reported and skipped; only a folder that cannot be used at all raises
:class:`DatasetError`.
"""

from __future__ import annotations

import hashlib
import os
import random
import stat
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from PIL import Image

from effnet_app.core.errors import DatasetError, ImageError, StorageError
from effnet_app.core.files import atomic_copy, atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.data.images import MAX_PIXELS, is_image_name, quiet
from effnet_app.core.progress import CancelToken, NullReporter, Reporter

MIN_CLASSES = 2
MAX_CLASS_NAME = 200  # characters: a class name is also a folder name
MIN_PER_CLASS_FOR_SPLIT = 2  # one to train on, one to validate
FEW_IMAGES_WARNING = 5
IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    severity: str = "error"  # "error": the file is skipped; "warning": informational

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message, "severity": self.severity}


@dataclass
class DatasetIndex:
    root: Path
    classes: list[str]
    samples: list[tuple[Path, int]]
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = {name: 0 for name in self.classes}
        for _, label in self.samples:
            c[self.classes[label]] += 1
        return c

    def summary(self) -> dict:
        return {
            "root": str(self.root),
            "classes": self.counts(),
            "images": len(self.samples),
            "problems": [p.to_dict() for p in self.problems],
        }

    def without(self, bad: set[Path]) -> "DatasetIndex":
        return DatasetIndex(
            self.root, self.classes, [s for s in self.samples if s[0] not in bad], self.problems
        )


def is_plain_class_name(name: object) -> bool:
    """A class name that is safe as a folder name inside the dataset: text, not blank,
    one level (no separator), not "." or "..", no control character, not absolute or a
    drive. The one rule for folders found by a scan and names read from a model file."""
    return (isinstance(name, str) and bool(name.strip()) and len(name) <= MAX_CLASS_NAME
            and not set(name) <= {"."} and not any(c in name for c in "/\\")
            and not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name)
            and not PureWindowsPath(name).drive and not PureWindowsPath(name).is_absolute())


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, links resolved, lies inside ``root`` (links resolved)."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _check_header(path: Path) -> str | None:
    """A reason the file is not a usable image, judged from its header; None if fine."""
    try:
        with quiet(), Image.open(path) as img:
            w, h = img.size
            if w * h > MAX_PIXELS:
                return translate("dataset", "too large ({w} x {h} pixels)").format(w=w, h=h)
            if w == 0 or h == 0:
                return translate("dataset", "has no pixels")
            img.verify()
    except Image.DecompressionBombError:
        return translate("dataset", "too large to open safely")
    except OSError as e:
        if "cannot identify image file" in str(e):
            return translate("dataset", "not an image (or a format that cannot be read)")
        return translate("dataset", "damaged ({detail})").format(detail=e)
    except Exception as e:  # any parser failure means the file cannot be used
        return translate("dataset", "damaged ({detail})").format(detail=type(e).__name__)
    return None


def _file_digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def scan_folder(
    root: Path | str,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
) -> DatasetIndex:
    """The labelled pictures under ``root`` (one sub-folder per class), each checked,
    with every problem found: files that are not pictures, damaged pictures,
    duplicates, classes too small to validate, imbalance."""
    reporter = reporter or NullReporter()
    root = Path(root).expanduser()
    if not root.exists():
        raise DatasetError(translate("dataset", "The folder '{folder}' does not exist.").format(folder=root))
    if not root.is_dir():
        raise DatasetError(
            translate("dataset", "'{path}' is a file; choose a folder that holds one sub-folder per class.").format(path=root)
        )
    class_dirs, problems = _class_dirs(root)
    candidates, more = _candidates(root, class_dirs)
    problems += more
    good: dict[str, list[Path]] = defaultdict(list)
    by_size: dict[int, list[Path]] = defaultdict(list)
    for i, (f, cls) in enumerate(candidates):
        if cancel is not None:
            cancel.check()
        reason = _check_header(f)
        if reason:
            problems.append(Problem(str(f), translate("dataset", "{reason}; skipped").format(reason=reason)))
        else:
            good[cls].append(f)
            by_size[f.stat().st_size].append(f)
        reporter.progress((i + 1) / max(len(candidates), 1),
                          translate("dataset", "Checking images {done}/{total}").format(done=i + 1, total=len(candidates)))
    problems.extend(_duplicates(by_size, root))
    classes = _classes(root, class_dirs, good, problems)
    samples = [(f, classes.index(c)) for c in classes for f in good[c]]
    return DatasetIndex(root, classes, samples, problems)


def _class_dirs(root: Path) -> tuple[list[Path], list[Problem]]:
    """The class folders: direct sub-folders that are not hidden, whose names are plain
    and which do not lead outside ``root`` (a link to "/" is not a class)."""
    problems: list[Problem] = []
    try:
        entries = sorted(root.iterdir(), key=lambda d: d.name)
    except OSError as e:
        raise DatasetError(translate("dataset", "The folder '{folder}' cannot be read ({reason}).")
                           .format(folder=root, reason=e.strerror or e)) from None
    dirs = []
    for d in entries:
        if not _is_dir(d) or (d.name.startswith(".") and not set(d.name) <= {"."}):
            continue  # files, and hidden folders (.git, .thumbnails)
        if not is_plain_class_name(d.name):
            problems.append(Problem(str(d), translate("dataset", "a folder named '{name}' cannot be a class; left out")
                                    .format(name=d.name.encode("unicode_escape").decode()), "warning"))
        elif not inside(root, d):
            problems.append(Problem(str(d), translate("dataset", "class '{name}' is a link to a folder outside this "
                                                                 "one; left out").format(name=d.name), "warning"))
        else:
            dirs.append(d)
    return dirs, problems


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _files(folder: Path, problems: list[Problem]) -> list[Path]:
    """Every regular file under ``folder``; links to folders are not followed (no
    loops), unreadable folders and special files (pipes, devices: reading one can
    block for ever) are reported and skipped."""
    def unreadable(e: OSError) -> None:
        problems.append(Problem(str(e.filename), translate("dataset", "cannot be read ({reason}); skipped")
                                .format(reason=e.strerror or e), "warning"))

    found = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if name.startswith(".") or name.lower() in IGNORED_NAMES:
                continue
            try:
                regular = stat.S_ISREG(f.stat().st_mode)
            except OSError as e:
                unreadable(e)
                continue
            if regular:
                found.append(f)
            else:
                problems.append(Problem(str(f), translate("dataset", "not a regular file (a pipe, socket or device); "
                                                                     "skipped"), "warning"))
    return found


def _candidates(root: Path, class_dirs: list[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every picture file under the class folders, with its class; files that are not
    pictures and pictures that belong to no class are problems."""
    problems: list[Problem] = []
    candidates: list[tuple[Path, str]] = []
    for d in class_dirs:
        for f in _files(d, problems):
            if is_image_name(f):
                candidates.append((f, d.name))
            else:
                problems.append(Problem(str(f), translate("dataset", "not an image file; skipped"), "warning"))
    loose = [p for p in root.iterdir() if p.is_file() and is_image_name(p)]
    if loose:
        problems.append(
            Problem(str(root), (translate("dataset", "1 image directly in the folder belongs to no class; skipped") if len(loose) == 1
                                else translate("dataset", "{n} images directly in the folder belong to no class; skipped")
                                .format(n=len(loose))), "warning")
        )
    return candidates, problems


def _classes(root: Path, class_dirs: list[Path], good: dict[str, list[Path]], problems: list[Problem]) -> list[str]:
    """The classes with usable pictures (at least MIN_CLASSES of them, else the folder
    is refused); small classes and imbalance are added to ``problems``."""
    classes = []
    for d in class_dirs:
        n = len(good.get(d.name, []))
        if n == 0:
            problems.append(Problem(str(d), translate("dataset", "class '{name}' has no usable images; left out").format(name=d.name), "warning"))
        else:
            classes.append(d.name)
            if n < MIN_PER_CLASS_FOR_SPLIT:
                problems.append(Problem(str(d), translate("dataset", "class '{name}' has only 1 image: it is used for training but cannot be validated")
                                        .format(name=d.name), "warning"))
            elif n < FEW_IMAGES_WARNING:
                problems.append(Problem(str(d), translate("dataset", "class '{name}' has only {n} images; results for it will be unreliable")
                                        .format(name=d.name, n=n), "warning"))
    if len(classes) < MIN_CLASSES:
        if classes:
            found = translate("dataset", "only '{name}' found").format(name=classes[0])
        else:
            found = translate("dataset", "none found")
        raise DatasetError(translate("dataset", "The folder '{folder}' needs at least {n} sub-folders with images, one per class ({found}).")
                           .format(folder=root.name, n=MIN_CLASSES, found=found))
    problems.extend(_look_alike(root, classes))
    sizes = [len(good[c]) for c in classes]
    if max(sizes) >= 4 * min(sizes) and max(sizes) >= 20:
        problems.append(Problem(str(root), translate("dataset", "classes are imbalanced ({low} to {high} images)")
                                .format(low=min(sizes), high=max(sizes)), "warning"))
    return classes


def _look_alike(root: Path, classes: list[str]) -> list[Problem]:
    """Class names a person reads as one: the same letters in another Unicode form
    (é as one character or as e + accent), other capitals, spaces at the ends."""
    groups: dict[str, list[str]] = defaultdict(list)
    for c in classes:
        groups[unicodedata.normalize("NFC", c).strip().casefold()].append(c)
    return [Problem(str(root), translate("dataset", "classes {names} look the same but are separate folders "
                                                    "(different spaces, capitals or accent encoding); merge them "
                                                    "if they are one class").format(
        names=", ".join(f"'{n}'" for n in same)), "warning") for same in groups.values() if len(same) > 1]


def _duplicates(by_size: dict[int, list[Path]], root: Path) -> list[Problem]:
    problems = []
    for paths in by_size.values():
        if len(paths) < 2:
            continue
        by_digest: dict[str, list[Path]] = defaultdict(list)
        for p in paths:
            by_digest[_file_digest(p)].append(p)
        for same in by_digest.values():
            if len(same) > 1:
                names = ", ".join(str(p.relative_to(root)) for p in same)
                classes = {p.relative_to(root).parts[0] for p in same}
                what = (translate("dataset", "The same image is in different classes: {files}") if len(classes) > 1
                        else translate("dataset", "These files are the same image (duplicates): {files}"))
                problems.append(Problem(str(same[0]), what.format(files=names), "warning"))
    return problems


def stratified_split(
    samples: list[tuple[Path, int]], val_fraction: float, seed: int
) -> tuple[list[tuple[Path, int]], list[tuple[Path, int]]]:
    """Per-class shuffled split; each class with 2+ images gets at least one of each."""
    if not 0.0 <= val_fraction < 1.0:
        raise DatasetError(translate("dataset", "The validation fraction must be at least 0 and below 1."))
    by_class: dict[int, list[tuple[Path, int]]] = defaultdict(list)
    for s in samples:
        by_class[s[1]].append(s)
    rng = random.Random(seed)
    train, val = [], []
    for label in sorted(by_class):
        items = sorted(by_class[label], key=lambda s: str(s[0]))
        rng.shuffle(items)
        n_val = round(len(items) * val_fraction)
        if val_fraction > 0 and len(items) >= MIN_PER_CLASS_FOR_SPLIT:
            n_val = min(max(n_val, 1), len(items) - 1)
        else:
            n_val = 0 if len(items) < MIN_PER_CLASS_FOR_SPLIT else n_val
        val.extend(items[:n_val])
        train.extend(items[n_val:])
    return train, val


def stratified_folds(samples: list[tuple[Path, int]], k: int, seed: int) -> list[list[int]]:
    """Indices of ``samples`` in ``k`` folds with the class mix of the whole (for CV)."""
    by_class: dict[int, list[int]] = defaultdict(list)
    for i, (_, label) in enumerate(samples):
        by_class[label].append(i)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for label in sorted(by_class):
        idx = by_class[label]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[(j + offset) % k].append(i)
        offset += len(idx)  # rotate so small classes do not all start at fold 0
    return folds


def check_readable(path: Path) -> None:
    """Raise :class:`ImageError` if ``path`` is not a usable image (header check)."""
    reason = _check_header(path)
    if reason:
        raise ImageError(translate("dataset", "'{name}' is {reason}.").format(name=path.name, reason=reason))


def add_example(root: Path | str, class_name: str, source: Path | str | bytes, name: str = "") -> Path:
    """Copy an image into ``root/class_name`` (the "it's really X" feedback action).

    Never overwrites: a clashing name gets a numbered suffix. ``source`` may be the
    bytes of an encoded image (pasted from the clipboard) with ``name`` for the file."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(translate("dataset", "The image folder '{folder}' is not there any more.").format(folder=root))
    folder = root / class_name
    # The class name may come from a model file: it must name a folder inside the dataset.
    if not is_plain_class_name(class_name) or (folder.exists() and not inside(root, folder)):
        raise DatasetError(translate("dataset", "'{name}' cannot be a class folder inside '{folder}'; nothing was "
                                                "copied.").format(name=class_name, folder=root))
    src_name = name or (Path(source).name if not isinstance(source, bytes) else "pasted.png")
    stem, suffix = Path(src_name).stem, Path(src_name).suffix or ".png"
    try:
        folder.mkdir(exist_ok=True)
        target, n = folder / f"{stem}{suffix}", 2
        while target.exists():
            target, n = folder / f"{stem} ({n}){suffix}", n + 1
    except OSError as e:
        raise StorageError(translate("dataset", "Cannot add the image to '{name}': {reason}.")
                           .format(name=class_name, reason=e.strerror or e)) from None
    if isinstance(source, bytes):
        atomic_write_bytes(target, source)
    else:
        atomic_copy(Path(source), target)
    return target
