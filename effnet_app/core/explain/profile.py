"""The class profile: each SE block's gates averaged over pictures of each class,
and how much of the gates' variation the class explains (the SE panel's "profile")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from effnet_app.core.data.dataset import scan_folder, stratified_split
from effnet_app.core.data.images import open_image
from effnet_app.core.errors import EffNetError, ImageError
from effnet_app.core.i18n import translate
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.store.metadata import ModelMeta

if TYPE_CHECKING:  # the window imports profiles before PyTorch; the analyser comes loaded
    from effnet_app.core.explain.analyzer import Analyzer


@dataclass
class ClassProfile:
    """Average SE excitation per class, for every block."""

    classes: list[str]
    counts: list[int]  # images per class
    means: list[np.ndarray]  # per block: classes x channels
    specificity: list[float]  # per block: share of gate variance explained by the class (eta squared)
    source: str = ""  # which images: "validation images of <folder>" ...


def class_profile(analyzer: Analyzer, samples: list[tuple[Path, int]], source: str = "",
                  reporter: Reporter | None = None, cancel: CancelToken | None = None) -> ClassProfile:
    """Gates of every block for each image in ``samples`` (path, index into the
    analyzer's classes), averaged per class. Unreadable images are skipped."""
    if not analyzer.has_se:
        raise EffNetError(translate("introspect", "{model} has no Squeeze-and-Excitation blocks, so there is no SE profile.")
                          .format(model=analyzer.variant.label))
    reporter = reporter or NullReporter()
    rows: list[list[np.ndarray]] = []
    labels: list[int] = []
    for i, (path, label) in enumerate(samples):
        if cancel is not None:
            cancel.check()
        try:
            img = open_image(path, draft=analyzer.preprocess.min_side)
        except ImageError:
            continue
        _, _, gates = analyzer.forward(analyzer.tensor(img))
        rows.append([g[0].cpu().numpy() for g in gates])
        labels.append(label)
        reporter.progress((i + 1) / len(samples), translate("introspect", "SE profile {done}/{total}").format(done=i + 1, total=len(samples)))
    if not rows:
        raise EffNetError(translate("introspect", "None of the images for the class profile could be read."))
    y = np.asarray(labels)
    n_classes = len(analyzer.classes)
    counts = [int((y == c).sum()) for c in range(n_classes)]
    means, spec = [], []
    for b in range(len(rows[0])):
        g = np.stack([r[b] for r in rows])  # images x channels
        m = np.stack([g[y == c].mean(0) if counts[c] else np.full(g.shape[1], np.nan) for c in range(n_classes)])
        means.append(m)
        total = ((g - g.mean(0)) ** 2).sum(0)
        between = sum(counts[c] * (m[c] - g.mean(0)) ** 2 for c in range(n_classes) if counts[c])
        spec.append(float(np.mean(between / np.maximum(total, 1e-12))))
    return ClassProfile(list(analyzer.classes), counts, means, spec, source)


def validation_samples(meta: ModelMeta | None, classes: list[str]) -> tuple[list[tuple[Path, int]], str]:
    """The validation images a model was measured on (its training folder split again
    with its recorded seed and share), as (path, index into ``classes``)."""
    root = meta.dataset if meta is not None else ""
    if not root or not Path(root).is_dir():
        raise EffNetError(translate("introspect", "The folder this model was trained on is not available; "
                                      "choose a labelled folder on the Data page."))
    index = scan_folder(root)
    _, val = stratified_split(index.samples, meta.val_fraction, meta.seed)
    names = index.classes
    picked = [(p, classes.index(names[lab])) for p, lab in val if names[lab] in classes]
    if not picked:
        raise EffNetError(translate("introspect", "The training folder has no validation images for this model's classes."))
    return picked, translate("introspect", "{n} validation images of '{folder}'").format(n=len(picked), folder=Path(root).name)


def folder_samples(root: Path, classes: list[str], per_class: int = 20) -> tuple[list[tuple[Path, int]], str]:
    """Up to ``per_class`` images of each class the model knows, from a labelled folder."""
    index = scan_folder(root)
    seen: dict[int, int] = {}
    picked = []
    for p, lab in index.samples:
        name = index.classes[lab]
        if name in classes and seen.get(lab, 0) < per_class:
            seen[lab] = seen.get(lab, 0) + 1
            picked.append((p, classes.index(name)))
    if not picked:
        raise EffNetError(translate("introspect", "That folder has no images of the model's classes."))
    return picked, translate("introspect", "{n} images of '{folder}'").format(n=len(picked), folder=Path(root).name)


def profile_for(analyzer: Analyzer, meta: ModelMeta | None, folder: Path | None,
                reporter: Reporter | None = None, cancel: CancelToken | None = None) -> ClassProfile:
    """The class profile over the model's validation pictures, else over ``folder``
    (the Data page's labelled folder)."""
    try:
        samples, source = validation_samples(meta, analyzer.classes)
    except EffNetError:
        if folder is None:
            raise
        samples, source = folder_samples(folder, analyzer.classes)
    return class_profile(analyzer, samples, source, reporter, cancel)
