"""Fine-tune a variant on a class-per-folder dataset.

Two modes share one entry point, :func:`train`:

* ``quick``: the ImageNet backbone stays frozen; every image is embedded once (cached
  per process) and a linear head is fitted on the embeddings with L-BFGS. Seconds on
  a CPU.
* ``full``: the quick head first (a good start at no cost), then the whole network is
  fine-tuned with augmentation, label smoothing, warm-up + cosine learning rate,
  early stopping on validation loss and the best epoch's weights kept. Resumable
  from a checkpoint written after every epoch.

Progress goes to a :class:`Reporter`; a :class:`CancelToken` is checked every batch.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from effnet_app.core.data.dataset import DatasetIndex, Problem
from effnet_app.core.data.images import open_image
from effnet_app.core.devices import describe_training, pick_device, training_precision
from effnet_app.core.events import Probe
from effnet_app.core.errors import Cancelled, ConfigError, ImageError
from effnet_app.core.i18n import translate
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.metrics import Evaluation
from effnet_app.core.models.network import Net, build_net
from effnet_app.core.models.variants import get_variant
from effnet_app.core.progress import CancelToken, NullReporter, Reporter, SubReporter
from effnet_app.core.training import state as checkpoints
from effnet_app.core.training.base import Base, adopt, base_network, read_base
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.calibrate import cross_fitted, held_out
from effnet_app.core.training.deadline import Deadline
from effnet_app.core.training.feature_cache import FEATURES
from effnet_app.core.training.features import backbone_identity, fit_head, frozen_features, prepare_backbone
from effnet_app.core.training.images import LoadedImages
from effnet_app.core.training.loop import Data, fine_tune
from effnet_app.core.training.reading import Run, read_images, scan
from effnet_app.core.training.result import TrainResult
from effnet_app.core.training.state import Resume
from effnet_app.core.training.quick import Head, fit_quick
from effnet_app.core.training.validation import evaluate_loaded, logits_of, probs_and_features

log = logging.getLogger("effnet_app")
QUICK_SHARE = 0.2  # of the progress bar taken by the head phase in full mode
FULL_TUNE_END = 0.9  # where the bar stands when full mode's calibration and validation begin


def train(
    config: TrainConfig,
    data: Path | str | DatasetIndex,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    checkpoint: Path | str | None = None,
    resume: bool = False,
    probe_image: Path | str | None = None,
) -> TrainResult:
    """Train as ``config`` says on ``data``; on cancel, returns the best model so far
    with ``status == "cancelled"`` (the caller decides whether to keep it).

    With ``probe_image``, a ``probe`` event carries that picture's prediction and SE
    gates after the head is fitted (epoch 0) and after every fine-tuning epoch."""
    config.validate()
    t_start = time.perf_counter()
    deadline = Deadline(config.time_limit) if config.time_limit else None
    _seed(config.seed)
    checkpoint = Path(checkpoint) if checkpoint else None
    config, resumed = _resume_from(checkpoint, config) if resume else (config, None)
    base = read_base(config.base) if config.base else None
    config = adopt(config, base) if base else config
    run = Run(config, reporter or NullReporter(), cancel, pick_device(config.device), config.preprocess())
    index = scan(run, data, resumed, base)
    run.times["scan"] = time.perf_counter() - t_start
    probe = _probe(run, probe_image, index.classes)
    net = _prepare_network(run, len(index.classes), base)
    train_set, val_set = _read(run, net, index)
    history, status, best_epoch = [], "completed", 0
    if config.mode == "quick":
        evaluation, calibration, views = _quick(run, net, train_set, val_set, index.classes)
        config = replace(config, tta_views=views)  # as chosen, when the training chose
        probe(net, 0)
    else:
        t = time.perf_counter()
        if resumed is None:  # a resumed run restores its fine-tuned head instead
            fit_head(net, config, train_set, run.pp, run.device, run.bar(0.2, 0.2 + 0.75 * QUICK_SHARE), cancel,
                     run.times)
        run.times["head"] = time.perf_counter() - t
        probe(net, 0)
        t = time.perf_counter()
        state, status = fine_tune(net, Data(train_set, val_set, index.classes, run.pp), config, run.device,
                                  run.bar(QUICK_SHARE, FULL_TUNE_END), cancel, checkpoint, resumed, lambda e: probe(net, e),
                                  deadline)
        net.load_state_dict(state.best_state)
        history, best_epoch = state.history, state.best_epoch
        run.times["fine_tune"] = time.perf_counter() - t
        evaluation, calibration = _finish(run, net, train_set, val_set, index.classes, status)
    run.times["total"] = time.perf_counter() - t_start
    return TrainResult(
        net=net, classes=index.classes, preprocess=run.pp, config=config, evaluation=evaluation,
        history=history, status=status, best_epoch=best_epoch, problems=run.problems, seconds=run.times,
        data_root=str(index.root), calibration=calibration,
        groups=run.groups, int8_inputs=(train_set.images, val_set.images, val_set.labels),
        device=describe_training(run.device, config.mode, config.precision),
        precision=training_precision(run.device, config.mode, config.precision),
    )


def _read(run: Run, net: Net, index: DatasetIndex) -> tuple[LoadedImages, LoadedImages]:
    """The pictures. Quick mode decodes those whose features are remembered only if
    looked at, and computes the others' features while views are searched."""
    config = run.config
    if config.mode != "quick":
        return read_images(run, index)
    prepare_backbone(net, config, run.pp, run.device)
    known = FEATURES.remembered(backbone_identity(net, config), run.pp, config.views_looked_at)
    return read_images(run, index, known, lambda everything: [frozen_features(
        net, config, everything, run.pp, run.device, NullReporter(), run.cancel, v)
        for v in range(config.views_looked_at)])


def _seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % (2**32))
    torch.manual_seed(seed)


def _resume_from(checkpoint: Path | None, config: TrainConfig) -> tuple[TrainConfig, Resume]:
    """The checkpoint's own settings (this run's device, and its epochs if more)."""
    if checkpoint is None or not checkpoint.exists():
        raise ConfigError(translate("training", "There is no checkpoint to resume from; start a new training instead."))
    resumed = checkpoints.read(checkpoint)
    saved = resumed.config
    saved.device, saved.epochs = config.device, max(config.epochs, saved.epochs)
    return saved, resumed


def _probe(run: Run, probe_image: Path | str | None, classes: list[str]):
    """A function (net, epoch) that reports the probe picture's prediction and SE
    gates as a ``probe`` event; it does nothing without a readable probe picture."""
    picture: Image.Image | None = None
    if probe_image:
        try:
            picture = open_image(Path(probe_image), draft=run.pp.min_side)
        except ImageError as e:
            run.problems.append(Problem(str(probe_image), translate(
                "training", "The probe image is left out: {reason}").format(reason=e), "warning"))

    def report(net: Net, epoch: int) -> None:
        if picture is not None:
            from effnet_app.core.explain.analyzer import probe  # the explain code only when asked

            run.reporter.event(Probe(epoch=epoch, **probe(net, run.pp, picture, classes)))

    return report


def _prepare_network(run: Run, num_classes: int, base: Base | None) -> Net:
    config, variant = run.config, get_variant(run.config.variant)
    run.reporter.progress(0.02, translate("training", "Preparing {model}").format(model=variant.label))
    if base is not None:
        return base_network(base, num_classes).to(run.device)
    net = build_net(variant, None, config.pretrained, run.bar(0.02, 0.05), run.cancel, config.mirror)
    if not config.pretrained:
        run.problems.append(Problem("", translate("training", "{model} starts from random weights (no ImageNet pretraining): "
                                                  "expect much lower accuracy.").format(model=variant.label), "warning"))
    net.replace_head(num_classes)
    return net.to(run.device)


def _quick(run: Run, net: Net, train_set: LoadedImages, val_set: LoadedImages,
           classes: list[str]) -> tuple[Evaluation | None, Calibration, int]:
    """Quick mode's fit (core.training.quick) on this network's frozen features; its head
    then goes into the network, which ends on the CPU, in eval mode."""
    config = run.config

    def features(loaded: LoadedImages, part: Reporter, view: int) -> np.ndarray:
        return frozen_features(net, config, loaded, run.pp, run.device, part, run.cancel, view).numpy()

    layer = net.classifier[1]  # a model trained on: its head, where the fit starts
    init = (layer.weight.detach().cpu().numpy(), layer.bias.detach().cpu().numpy()) if config.base else None
    fit = fit_quick(run, features, train_set, val_set, classes, init=init)
    _load_head(net, fit.head)
    net.to("cpu", memory_format=torch.contiguous_format).eval()
    run.reporter.progress(1.0, translate("training", "Finished"))
    return fit.evaluation, fit.calibration, fit.views


def _load_head(net: Net, head: Head) -> None:
    with torch.no_grad():
        net.classifier[1].weight.copy_(torch.from_numpy(head[0]))
        net.classifier[1].bias.copy_(torch.from_numpy(head[1]))


def _finish(run: Run, net: Net, train_set: LoadedImages, val_set: LoadedImages, classes: list[str],
            status: str) -> tuple[Evaluation | None, Calibration | None]:
    """Full mode's calibration and measurement on the validation pictures. The network
    ends on the CPU, in eval mode. A cancelled run keeps its model uncalibrated (no
    "None of these" answer)."""
    evaluation = calibration = None
    if status != "cancelled":
        t = time.perf_counter()
        bar = run.bar(FULL_TUNE_END, 0.99)
        bar.progress(0.0, translate("training", "Measuring accuracy on the validation images"))
        evaluation, calibration = _finish_full(run, net, train_set, val_set, classes, bar)
        run.times["calibration"] = time.perf_counter() - t
    net.to("cpu", memory_format=torch.contiguous_format).eval()
    run.reporter.progress(1.0, translate("training", "Finished") if status != "cancelled"
                          else translate("training", "Stopped; the best model so far is kept"))
    return evaluation, calibration


def _finish_full(run: Run, net: Net, train_set: LoadedImages, val_set: LoadedImages, classes: list[str],
                 bar: Reporter):
    """The fine-tuned backbone's features: the score is fitted on the training pictures',
    the temperature and threshold on the validation pictures' (which it never learned from)."""
    config = run.config
    bar.progress(0.05, translate("training", "Looking at the pictures with the trained network"))
    _, train_x = probs_and_features(net, train_set.images, run.pp, run.device, cancel=run.cancel)
    train_y = np.asarray(train_set.labels)
    if not val_set.images:  # nothing held out: the quick mode's cross-fitting on these features
        return None, cross_fitted(train_x.numpy(), train_y, len(classes), config.head_l2, config.seed,
                                  SubReporter(bar, 0.6, 1.0), config.balance)
    bar.progress(0.6, translate("training", "Measuring accuracy on the validation images"))
    _, val_x = probs_and_features(net, val_set.images, run.pp, run.device, cancel=run.cancel)
    calibration = held_out(train_x.numpy(), train_y, logits_of(net, val_x), np.asarray(val_set.labels),
                           val_x.numpy(), config.seed)
    evaluation, _ = evaluate_loaded(net, val_set, classes, run.pp, run.device, config.tta_views, run.cancel,
                                    calibration)
    return evaluation, calibration


__all__ = ["TrainConfig", "TrainResult", "train", "Cancelled"]
