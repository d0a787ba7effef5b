"""Sort a folder of unlabelled pictures into a dataset's class folders with a model.

The model predicts every picture; the user (or a confidence limit) decides; the
pictures are copied or moved into ``DATASET/<class>/``. Nothing is overwritten: a
name that is taken gets " (2)". Every sort writes a log (``sort_logs_dir()``) that
``undo_sort`` replays backwards: moved pictures go back, copies and the class folders
the sort made are removed, so both folders are byte for byte as before. A log is
checked before anything is undone: it may only touch the files it names, with the
contents it recorded."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from effnet_app.core.data.dataset import inside, is_plain_class_name
from effnet_app.core.errors import DatasetError, StorageError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.inference.results import list_images
from effnet_app.core.paths import sort_logs_dir
from effnet_app.core.progress import CancelToken, NullReporter, Reporter

if TYPE_CHECKING:  # the window imports this module before PyTorch
    from effnet_app.core.inference.predict import Classifier

LOG_VERSION = 1


@dataclass(frozen=True)
class Placement:
    """What the model says of one picture."""
    source: str
    label: str | None  # the closest class; None when the picture could not be read
    confidence: float
    unknown: bool = False  # answered "None of these"
    error: str = ""


@dataclass
class SortLog:
    path: Path
    dataset: str
    moved: bool
    entries: list[dict] = field(default_factory=list)  # {"source", "dest", "sha256"}, in the order done
    made_folders: list[str] = field(default_factory=list)  # class folders the sort created

    def to_dict(self) -> dict:
        return {"version": LOG_VERSION, "dataset": self.dataset, "moved": self.moved, "entries": self.entries,
                "made_folders": self.made_folders}


def predict_folder(model: str | Path | Classifier, folder: Path, device: str = "auto",
                   reporter: Reporter | None = None, cancel: CancelToken | None = None) -> list[Placement]:
    """Every picture under ``folder`` with its predicted class, least sure first (the
    review starts where the user's eye helps most). ``model``: a model file, or a
    classifier already loaded (the window's, with the user's "None of these" share)."""
    if isinstance(model, (str, Path)):
        from effnet_app.core.inference.predict import Classifier

        model = Classifier.load(model, device)
    paths = list_images(Path(folder))
    out = []
    for p in model.predict_paths(paths, 1, reporter=reporter, cancel=cancel):
        if p.error:
            out.append(Placement(p.source, None, 0.0, error=p.error))
        else:
            out.append(Placement(p.source, p.top[0][0], float(p.top[0][1]), bool(p.unknown)))
    return sorted(out, key=lambda p: (p.error == "", p.confidence))


def plan_sort(placements: list[Placement], dataset: Path, min_confidence: float = 0.0) -> list[tuple[Path, Path]]:
    """(source, destination) for every picture that goes: readable, not "None of these",
    at least ``min_confidence`` sure. Destinations never name an existing file."""
    return plan_choices([(p.source, p.label) for p in placements
                         if not (p.error or p.unknown or p.label is None or p.confidence < min_confidence)], dataset)


def plan_choices(choices: list[tuple[str, str]], dataset: Path) -> list[tuple[Path, Path]]:
    """(source, destination) for pictures whose class has been decided (by the model
    or by the user's review). Destinations never name an existing file."""
    dataset = Path(dataset)
    taken: set[Path] = set()
    plan = []
    for source, label in choices:
        if not is_plain_class_name(label):
            raise DatasetError(translate("curation", "The model's class '{name}' cannot be a folder name.").format(name=label))
        source = Path(source)
        dest = _free_name(dataset / label / source.name, taken)
        taken.add(dest)
        plan.append((source, dest))
    return plan


def _free_name(dest: Path, taken: set[Path]) -> Path:
    n, candidate = 2, dest
    while candidate.exists() or candidate in taken:
        candidate = dest.with_name(f"{dest.stem} ({n}){dest.suffix}")
        n += 1
    return candidate


def apply_sort(plan: list[tuple[Path, Path]], dataset: Path, move: bool = False, log_folder: Path | None = None,
               reporter: Reporter | None = None, cancel: CancelToken | None = None) -> SortLog:
    """Copy (or move) as planned and write the log, also when it stops half-way (an
    error, or ``cancel`` between two pictures): then the log lists what was done, and
    undo restores that."""
    reporter = reporter or NullReporter()
    folder = log_folder or sort_logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log = SortLog(folder / time.strftime("sort-%Y%m%d-%H%M%S.json"), str(Path(dataset).resolve()), move)
    n = 2
    while log.path.exists():
        log.path = folder / time.strftime(f"sort-%Y%m%d-%H%M%S-{n}.json")
        n += 1
    try:
        for i, (source, dest) in enumerate(plan):
            if cancel is not None:
                cancel.check()
            if not dest.parent.is_dir():
                dest.parent.mkdir(parents=True)
                log.made_folders.append(str(dest.parent))
            digest = _place(source, dest, move)
            log.entries.append({"source": str(source), "dest": str(dest), "sha256": digest})
            reporter.progress((i + 1) / len(plan), translate("curation", "Sorting {done}/{total}").format(
                done=i + 1, total=len(plan)))
    except OSError as e:
        raise StorageError(translate("curation", "Sorting stopped at '{name}': {reason}. What was done so far is "
                                                 "in {log} and can be undone.").format(
            name=getattr(e, "filename", "") or "", reason=e.strerror or e, log=log.path)) from None
    finally:
        atomic_write_bytes(log.path, json.dumps(log.to_dict(), ensure_ascii=False, indent=1).encode("utf-8"))
    return log


def _place(source: Path, dest: Path, move: bool) -> str:
    """Copy (never over an existing file: exclusive create) or move; the content's SHA-256."""
    digest = _copy(source, dest)
    if move:
        os.unlink(source)
    return digest


def _copy(source: Path, dest: Path) -> str:
    """Stream ``source`` into a new file ``dest`` (in pieces: any size), times kept."""
    sha = hashlib.sha256()
    with open(source, "rb") as src, open(dest, "xb") as out:  # "x": an existing file is never touched
        try:
            while chunk := src.read(1 << 20):
                sha.update(chunk)
                out.write(chunk)
        except BaseException:
            out.close()
            dest.unlink()  # ours, half-written (disk full, a stop): no half picture is left
            raise
    shutil.copystat(source, dest)
    return sha.hexdigest()


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def undo_sort(log_path: Path, reporter: Reporter | None = None, cancel: CancelToken | None = None) -> int:
    """Undo a sort from its log, last step first; the number of pictures restored. (It
    runs to the end: a half-undone sort would need a log of its own.)"""
    log = _read_log(Path(log_path))
    dataset = Path(log["dataset"])
    done = 0
    for entry in reversed(log["entries"]):
        source, dest = Path(entry["source"]), Path(entry["dest"])
        if not inside(dataset, dest) or not dest.is_file():
            continue  # the log names a file outside its dataset, or it is gone: not ours to touch
        if _digest(dest) != entry["sha256"]:
            continue  # changed since the sort: keep the user's version
        if log["moved"]:
            if source.exists():
                continue
            source.parent.mkdir(parents=True, exist_ok=True)
            _copy(dest, source)
        os.unlink(dest)
        done += 1
    for folder in reversed(log["made_folders"]):
        path = Path(folder)
        if inside(dataset, path) and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    os.replace(log_path, Path(log_path).with_suffix(".undone.json"))  # a second undo finds nothing to do
    return done


def _read_log(path: Path) -> dict:
    try:
        log = json.loads(path.read_text(encoding="utf-8"))
        ok = (log.get("version") == LOG_VERSION and isinstance(log.get("dataset"), str)
              and isinstance(log.get("moved"), bool) and isinstance(log.get("made_folders"), list)
              and all(isinstance(f, str) for f in log["made_folders"]) and isinstance(log.get("entries"), list)
              and all(isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("source", "dest", "sha256"))
                      for e in log["entries"]))
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        ok = False
    if not ok:
        raise DatasetError(translate("curation", "'{name}' is not a sort log of this app, or it is damaged.").format(
            name=path.name))
    return log
