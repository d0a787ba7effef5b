"""What every training does first, with or without PyTorch: its settings and shared
record (:class:`Run`), the folder scanned, and the pictures read and split (whole
groups of copies and views on one side)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from effnet_app.core.data.dataset import DatasetIndex, Problem, scan_folder, stratified_split
from effnet_app.core.data.groups import grouped_split, picture_groups, searches, shared_groups
from effnet_app.core.errors import DatasetError
from effnet_app.core.i18n import translate
from effnet_app.core.memory import blocks_kept
from effnet_app.core.models.variants import Preprocess
from effnet_app.core.progress import CancelToken, Reporter, SubReporter
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.images import LoadedImages, load_images, subset


@dataclass
class Run:
    """One training's settings and what its phases share."""

    config: TrainConfig
    reporter: Reporter
    cancel: CancelToken | None
    device: Any  # torch.device, or "cpu" where PyTorch is not loaded
    pp: Preprocess
    problems: list[Problem] = field(default_factory=list)
    times: dict[str, float] = field(default_factory=dict)
    groups: int = 0  # groups of pictures kept on one side of the validation split

    def bar(self, start: float, end: float) -> SubReporter:
        return SubReporter(self.reporter, start, end)


def scan(run: Run, data: Path | str | DatasetIndex, resumed=None, base=None) -> DatasetIndex:
    """The folder's index (or ``data`` itself), with the classes of ``base`` (training on) first."""
    index = data if isinstance(data, DatasetIndex) else scan_folder(data, run.bar(0, 0.02), run.cancel)
    run.problems.extend(index.problems)
    if base is not None:
        from effnet_app.core.training.base import merged  # training on: PyTorch is loaded

        index = merged(index, base)
    if resumed is not None and resumed.classes != index.classes:
        raise DatasetError(translate("training", "The folder's classes changed since the checkpoint was written; start a new training."))
    return index


def read_images(run: Run, index: DatasetIndex, known: Callable[[Path], bool] | None = None,
                alongside: Callable[[LoadedImages], object] | None = None) -> tuple[LoadedImages, LoadedImages]:
    """The training and validation pictures; those ``known`` to decode are decoded when
    first used (core.training.images.Pictures). ``alongside``: work on all the pictures
    that runs, on one core, while the groups of views are searched on another (quick
    mode: their features); not called when there is no search."""
    t = time.perf_counter()
    config = run.config
    keep_side = max(run.pp.resize, run.pp.size) * (2 if config.mode == "full" else 1)
    if config.split == "random" or config.val_fraction == 0:
        train_s, val_s = stratified_split(index.samples, config.val_fraction, config.seed)
        train_set = load_images(train_s, keep_side, run.bar(0.05, 0.15), run.cancel, run.problems, known)
        val_set = load_images(val_s, keep_side, run.bar(0.15, 0.2), run.cancel, run.problems, known)
    else:
        train_set, val_set = grouped_sets(run, index, keep_side, known, alongside)
    if len(set(train_set.labels)) < 2:
        raise DatasetError(translate("training", "Fewer than 2 classes have readable images; nothing to learn from."))
    run.times["read_images"] = time.perf_counter() - t
    return train_set, val_set


def grouped_sets(run: Run, index: DatasetIndex, keep_side: int, known: Callable[[Path], bool] | None = None,
                 alongside: Callable[[LoadedImages], object] | None = None) -> tuple[LoadedImages, LoadedImages]:
    """Every picture read, grouped (copies and views of one scene, or specimens), and
    split with whole groups on one side. The search for views (OpenCV) and ``alongside``
    (ONNX Runtime) both let go of Python's lock, so each has a core (docs/benchmarks.md)."""
    config = run.config
    everything = load_images(index.samples, keep_side, run.bar(0.05, 0.12), run.cancel, run.problems, known)
    samples = list(zip(everything.paths, everything.labels))
    run.bar(0.12, 0.2).progress(0.0, translate("training", "Looking for pictures that show the same scene"))
    beside = alongside is not None and searches(config.split, samples, everything.images, keep_side)
    # Blocks kept in the heap (core.memory): OpenCV's and the framing's per-picture
    # buffers, each mapped and unmapped again otherwise, cost 0.7 s of the rocks' 3.5 s.
    with blocks_kept(), ThreadPoolExecutor(max_workers=1) as pool:
        side_work = pool.submit(alongside, everything) if beside else None
        groups = picture_groups(config.split, samples, index.root, everything.images, run.bar(0.12, 0.2), run.cancel,
                                side=keep_side)
        if side_work is not None:
            side_work.result()  # its errors (a cancel) are this training's
    run.groups = shared_groups(groups)
    train_i, val_i = grouped_split(samples, groups, config.val_fraction, config.seed)
    return subset(everything, train_i), subset(everything, val_i)
