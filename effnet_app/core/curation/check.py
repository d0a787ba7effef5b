"""Check a labelled folder before training on it: near-copies and overlapping views
(core.data.duplicates), pictures that are probably filed under the wrong class,
and classes that look like one class.

Mislabels are judged out of fold: the folder's pictures are split in five, and each
fifth is predicted by a quick head (frozen Lite0 features, as quick training fits it)
that learned from the other four. A picture the other pictures of its class do not
support, and that another class claims confidently, is suspect; the list is ranked by
how unlikely its own label is under the calibrated probabilities."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from effnet_app.core.data.duplicates import Match, find_matches
from effnet_app.core.data.dataset import DatasetIndex, Problem, scan_folder
from effnet_app.core.devices import pick_device
from effnet_app.core.errors import DatasetError
from effnet_app.core.i18n import translate
from effnet_app.core.inference.calibration import fit_temperature
from effnet_app.core.models.network import build_net
from effnet_app.core.models.variants import DEFAULT_VARIANT, get_variant
from effnet_app.core.progress import CancelToken, NullReporter, Reporter, SubReporter
from effnet_app.core.training.calibrate import out_of_fold
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.features import frozen_features
from effnet_app.core.training.images import LoadedImages, load_images

SIMILAR_CLASSES = 0.15  # share of two classes' pictures taken for each other, out of fold


@dataclass(frozen=True)
class Suspect:
    path: str
    label: str
    suggested: str
    confidence: float  # calibrated out-of-fold probability of the suggested class
    label_probability: float  # ... and of the class it is filed under

    def to_dict(self) -> dict:
        return {"path": self.path, "label": self.label, "suggested": self.suggested,
                "confidence": round(self.confidence, 4), "label_probability": round(self.label_probability, 4)}


@dataclass
class CheckReport:
    root: str
    pictures: int
    classes: list[str]
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # copies: (path, path, cover)
    overlapping: list[tuple[str, str, float]] = field(default_factory=list)  # partial views of one scene
    suspected_mislabels: list[Suspect] = field(default_factory=list)  # most suspicious first
    similar_classes: list[tuple[str, str, float]] = field(default_factory=list)  # (class, class, share confused)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"root": self.root, "pictures": self.pictures, "classes": self.classes,
                "near_duplicates": [list(p) for p in self.near_duplicates],
                "overlapping": [list(p) for p in self.overlapping],
                "suspected_mislabels": [s.to_dict() for s in self.suspected_mislabels],
                "similar_classes": [list(p) for p in self.similar_classes],
                "problems": [p.to_dict() for p in self.problems], "seconds": round(self.seconds, 2)}


def check_dataset(data: Path | str | DatasetIndex, variant: str = DEFAULT_VARIANT, device: str = "auto",
                  reporter: Reporter | None = None, cancel: CancelToken | None = None) -> CheckReport:
    t0 = time.perf_counter()
    reporter = reporter or NullReporter()
    index = data if isinstance(data, DatasetIndex) else scan_folder(data, SubReporter(reporter, 0, 0.05), cancel)
    if len(index.classes) < 2:
        raise DatasetError(translate("curation", "A check needs at least 2 classes with pictures."))
    config = TrainConfig.for_mode("quick", variant=variant, device=device)
    pp = config.preprocess()
    problems = list(index.problems)
    loaded = load_images(index.samples, pp.resize, SubReporter(reporter, 0.05, 0.25), cancel, problems)
    report = CheckReport(str(index.root), len(loaded.paths), list(index.classes), problems=problems)
    reporter.progress(0.25, translate("curation", "Looking for pictures that show the same thing"))
    _duplicates(report, loaded, SubReporter(reporter, 0.25, 0.6), cancel)
    net = build_net(get_variant(variant), None, True, None, cancel, config.mirror).to(pick_device(device))
    feats = frozen_features(net, config, loaded, pp, pick_device(device), SubReporter(reporter, 0.6, 0.85), cancel)
    _mislabels(report, loaded, feats.numpy(), config, SubReporter(reporter, 0.85, 1.0))
    report.seconds = time.perf_counter() - t0
    reporter.progress(1.0, translate("curation", "Checked {n} pictures").format(n=report.pictures))
    return report


def _duplicates(report: CheckReport, loaded: LoadedImages, reporter: Reporter, cancel: CancelToken | None) -> None:
    def row(m: Match) -> tuple[str, str, float]:
        return str(loaded.paths[m.a]), str(loaded.paths[m.b]), m.similarity
    matches = find_matches(loaded.images, reporter, cancel)
    report.near_duplicates = [row(m) for m in matches if m.copy]
    report.overlapping = [row(m) for m in matches if not m.copy]


def _mislabels(report: CheckReport, loaded: LoadedImages, feats: np.ndarray, config: TrainConfig,
               reporter: Reporter) -> None:
    y = np.asarray(loaded.labels)
    classes = report.classes
    logits, _ = out_of_fold(feats, y, len(classes), config.head_l2, config.seed, reporter, scores=False)
    t = fit_temperature(logits, y)
    probs = torch.softmax(torch.from_numpy(logits / t), dim=1).numpy()
    suggested = probs.argmax(1)
    suspects = [Suspect(str(loaded.paths[i]), classes[y[i]], classes[suggested[i]], float(probs[i, suggested[i]]),
                        float(probs[i, y[i]])) for i in np.flatnonzero(suggested != y)]
    report.suspected_mislabels = sorted(suspects, key=lambda s: (s.label_probability, -s.confidence))
    confusion = np.zeros((len(classes), len(classes)))
    np.add.at(confusion, (y, suggested), 1)
    counts = confusion.sum(1)
    pairs = []
    for a in range(len(classes)):
        for b in range(a + 1, len(classes)):
            share = (confusion[a, b] + confusion[b, a]) / max(1.0, counts[a] + counts[b])
            if share >= SIMILAR_CLASSES:
                pairs.append((classes[a], classes[b], round(float(share), 3)))
    report.similar_classes = sorted(pairs, key=lambda p: -p[2])
