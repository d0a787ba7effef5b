"""Full fine-tuning: the whole network, epoch by epoch, with augmentation, label
smoothing, warm-up + cosine learning rate, early stopping on the validation loss, the
best epoch's weights kept, a checkpoint after every epoch, and batches split into
parts: on a CPU always (faster, and a third of the memory), on a GPU when it runs out
of memory."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from effnet_app.core.data.preprocess import train_transform
from effnet_app.core.devices import (TRAIN_PIXELS, amp_dtype, is_out_of_memory, pictures_at_once, release_memory,
                                     too_little_memory, use_amp)
from effnet_app.core.errors import StorageError
from effnet_app.core.events import Batch, Epoch, Notice
from effnet_app.core.i18n import translate
from effnet_app.core.memory import blocks_kept
from effnet_app.core.models.network import Net
from effnet_app.core.models.variants import Preprocess
from effnet_app.core.progress import CancelToken, Reporter
from effnet_app.core.training import state as checkpoints
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.deadline import Deadline
from effnet_app.core.training.head import class_weights
from effnet_app.core.training.images import LoadedImages
from effnet_app.core.training.state import FineTuneState, Resume
from effnet_app.core.training.validation import evaluate_loaded


@dataclass
class Data:
    train: LoadedImages
    val: LoadedImages
    classes: list[str]
    pp: Preprocess


class _ImageSet(torch.utils.data.Dataset):
    def __init__(self, loaded: LoadedImages, transform) -> None:
        self.loaded, self.transform = loaded, transform

    def __len__(self) -> int:
        return len(self.loaded.images)

    def __getitem__(self, i: int):
        return self.transform(self.loaded.images[i]), self.loaded.labels[i]


def freeze_batchnorm(net: nn.Module) -> None:
    """Small datasets give noisy batch statistics: keep ImageNet's running stats."""
    for m in net.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.eval()


def lr_factor(step: int, warmup: int, total: int) -> float:
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))


def optimizer(net: Net, cfg: TrainConfig) -> torch.optim.Optimizer:
    # The head's rate is the backbone's last layer's: the head already fits (L-BFGS
    # phase), and a faster head only undoes that fit in the first epochs (measured:
    # train accuracy fell from 94 % to 83 % after the first epoch with a 10x head rate).
    groups = []
    units = layers(net)
    for depth, unit in enumerate(units):
        lr = cfg.lr * cfg.layer_decay ** ((len(units) - 1 - depth) / max(1, len(units) - 1))
        params = [p for p in unit.parameters() if p.requires_grad]
        if params:
            groups.append({"params": params, "lr": lr, "base_lr": lr})
    groups.append({"params": list(net.classifier.parameters()), "lr": cfg.lr, "base_lr": cfg.lr})
    return torch.optim.AdamW(groups, weight_decay=cfg.weight_decay)


def layers(net: Net) -> list[nn.Module]:
    """The backbone's layers from the input on: each part of the trunk (stem, stage,
    head), its blocks taken one by one."""
    units: list[nn.Module] = []
    for part in net.features.children():
        children = list(part.children())
        units.extend(children if isinstance(part, (nn.Sequential, nn.ModuleList)) and children else [part])
    return units


def cpu_parts(batch: int, size: int) -> int:
    """How many parts a CPU batch of ``batch`` pictures of ``size`` px goes through in:
    the same step (BatchNorm is frozen; gradients added up), in a third of the memory
    and faster (devices.TRAIN_PIXELS)."""
    return max(1, min(batch, math.ceil(batch / pictures_at_once(TRAIN_PIXELS, size))))


class Stepper:
    """Optimiser steps on whole batches; each batch goes through the network in
    ``parts`` parts with their gradients added up (more parts after out-of-memory)."""

    def __init__(self, net: Net, cfg: TrainConfig, device: torch.device, reporter: Reporter,
                 class_weight: torch.Tensor | None = None) -> None:
        self.net, self.cfg, self.device, self.reporter = net, cfg, device, reporter
        self.class_weight = None if class_weight is None else class_weight.float().to(device)
        self.amp = use_amp(device, cfg.precision)
        # channels-last: tensor cores on CUDA, and 1.8x the images/s on this project's CPU
        # (oneDNN's depthwise and 1x1 kernels); MPS support is uneven, so not there.
        self.channels_last = device.type in ("cuda", "cpu")
        if self.channels_last:
            net.to(memory_format=torch.channels_last)
        self.opt = optimizer(net, cfg)
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.amp and amp_dtype(device) == torch.float16)
        self.parts = cpu_parts(cfg.batch_size, cfg.preprocess().size) if device.type == "cpu" else 1

    def step(self, x: torch.Tensor, y: torch.Tensor) -> tuple[float, int]:
        """One step on the batch, retried in smaller parts after out-of-memory."""
        while True:
            try:
                return self._step(x, y)
            except Exception as e:  # noqa: BLE001 -- only out-of-memory is handled
                if not is_out_of_memory(e):
                    raise
            # Out of memory. Out here the error and the tensors its frames held are gone.
            self.opt.zero_grad(set_to_none=True)
            release_memory(self.device)
            self._split_further(len(y))

    def _step(self, x: torch.Tensor, y: torch.Tensor) -> tuple[float, int]:
        """The same step as in one part (BatchNorm is frozen, and each part's loss is
        divided by the whole batch's weight), with a fraction of the memory. Returns
        (mean loss, correct predictions)."""
        self.opt.zero_grad(set_to_none=True)
        loss_sum, correct = 0.0, 0
        # What cross-entropy's mean divides by: the batch's class weights, or its size.
        whole = float(self.class_weight[y.to(self.device)].sum()) if self.class_weight is not None else len(y)
        for xs, ys in zip(x.tensor_split(self.parts), y.tensor_split(self.parts)):
            if not len(ys):
                continue
            xs = xs.to(self.device, non_blocking=True)
            ys = ys.to(self.device, non_blocking=True)
            if self.channels_last:
                xs = xs.contiguous(memory_format=torch.channels_last)
            with torch.autocast(self.device.type, dtype=amp_dtype(self.device), enabled=self.amp):
                logits = self.net(xs)
                loss = F.cross_entropy(logits, ys, weight=self.class_weight, label_smoothing=self.cfg.label_smoothing,
                                       reduction="sum") / whole
            self.scaler.scale(loss).backward()
            loss_sum += loss.item()
            correct += int((logits.argmax(1) == ys).sum())
        self.scaler.step(self.opt)
        self.scaler.update()
        return loss_sum, correct

    def _split_further(self, batch: int) -> None:
        """Twice the parts, so half the images at a time, and say so; an error sentence
        when even one image at a time does not fit."""
        if self.parts >= batch:
            raise too_little_memory()
        self.parts = min(self.parts * 2, batch)
        per_part = math.ceil(self.cfg.batch_size / self.parts)
        self.reporter.event(Notice(translate(
            "training", "The GPU ran out of memory: batches now go through it {n} images at a time (the training "
            "itself is unchanged) and training goes on.").format(n=per_part), images_at_once=per_part))


def fine_tune(net: Net, data: Data, cfg: TrainConfig, device: torch.device, reporter: Reporter,
              cancel: CancelToken | None, checkpoint: Path | None, resume: Resume | None,
              on_epoch: Callable[[int], None] | None = None,
              deadline: Deadline | None = None) -> tuple[FineTuneState, str]:
    """Fine-tune ``net`` in place; returns the final state and the status
    (completed | early_stopped | time_up | cancelled). The best weights are in the
    state. With a ``deadline``, the epochs are fitted to the time left."""
    weight = torch.from_numpy(class_weights(np.asarray(data.train.labels), len(data.classes))) if cfg.balance else None
    stepper = Stepper(net, cfg, device, reporter, weight)
    state = FineTuneState.start(net)
    if resume is not None:
        state = checkpoints.restore(resume, net, stepper.opt)
        reporter.progress((state.epoch + 1) / cfg.epochs,
                          translate("training", "Resuming at epoch {n}").format(n=state.epoch + 2))
    transform = train_transform(data.pp, cfg.augment)
    epoch = state.epoch + 1
    while epoch < stepper.cfg.epochs:
        with blocks_kept():  # each step reuses the last one's blocks (core.memory)
            row = _train_epoch(stepper, data.train, transform, epoch, reporter, cancel, deadline)
        if row is None:
            return state, "cancelled" if cancel is not None and cancel.cancelled else "time_up"
        t = time.perf_counter()
        _validate(net, data, row, device, cancel)
        if deadline is not None:
            _keep_time(deadline, stepper, data, row["seconds"], time.perf_counter() - t, epoch + 1, cfg.epochs)
        state.end_epoch(row, net)
        reporter.event(Epoch(**row))
        if on_epoch is not None:
            on_epoch(epoch + 1)
        checkpoint = _write_checkpoint(checkpoint, net, stepper.opt, state, stepper.cfg, data.classes, reporter)
        if data.val.images and state.bad_epochs >= cfg.patience:
            return state, "early_stopped"
        epoch += 1
    return state, "time_up" if stepper.cfg.epochs < cfg.epochs else "completed"


def _keep_time(deadline: Deadline, stepper: Stepper, data: Data, train_s: float, val_s: float, done: int,
               most: int) -> None:
    """After an epoch: the finish's time, from this epoch's validation speed, and the
    number of epochs that fit (the learning rate's schedule follows it)."""
    n_train, n_val = len(data.train.images), len(data.val.images)
    speed = n_val / val_s if n_val and val_s > 0 else 3 * n_train / max(train_s, 1e-6)
    deadline.expect_finish(_finish_pictures(stepper.cfg, n_train, n_val), speed)
    fitted = deadline.epochs(done, train_s + val_s, most)
    stepper.cfg = replace(stepper.cfg, epochs=fitted)


def _finish_pictures(cfg: TrainConfig, n_train: int, n_val: int) -> int:
    """The pictures the finish looks at (run._finish_full): the training pictures
    once, the validation pictures once and then in every test-time view."""
    return n_train + n_val * (1 + cfg.tta_views)


def _train_epoch(stepper: Stepper, train_set: LoadedImages, transform, epoch: int, reporter: Reporter,
                 cancel: CancelToken | None, deadline: Deadline | None = None) -> dict[str, float] | None:
    """One pass over the training pictures; the epoch's row, or None when cancelled
    or out of time."""
    cfg, device = stepper.cfg, stepper.device
    # Seed per epoch so a resumed run draws the same batches and augmentations.
    torch.manual_seed(cfg.seed * 1000 + epoch)
    gen = torch.Generator().manual_seed(cfg.seed * 1000 + epoch)
    loader = torch.utils.data.DataLoader(
        _ImageSet(train_set, transform), batch_size=cfg.batch_size, shuffle=True, generator=gen,
        drop_last=len(train_set.images) > cfg.batch_size, pin_memory=device.type == "cuda",
    )
    steps_per_epoch = math.ceil(len(train_set.images) / cfg.batch_size)
    total_steps, warmup = steps_per_epoch * cfg.epochs, int(cfg.warmup_epochs * steps_per_epoch)
    stepper.net.train()
    freeze_batchnorm(stepper.net)
    t0, seen, loss_sum, correct = time.perf_counter(), 0, 0.0, 0
    for i, (x, y) in enumerate(loader):
        if (cancel is not None and cancel.cancelled) or (deadline is not None and deadline.up()):
            return None
        for g in stepper.opt.param_groups:
            g["lr"] = g["base_lr"] * lr_factor(epoch * steps_per_epoch + i, warmup, total_steps)
        batch_loss, batch_correct = stepper.step(x, y)
        seen, loss_sum, correct = seen + len(y), loss_sum + batch_loss * len(y), correct + batch_correct
        reporter.progress((epoch + (i + 1) / steps_per_epoch) / cfg.epochs, translate(
            "training", "Epoch {epoch}/{epochs}, batch {batch}/{batches}, loss {loss}").format(
            epoch=epoch + 1, epochs=cfg.epochs, batch=i + 1, batches=steps_per_epoch, loss=f"{loss_sum / seen:.3f}"))
        speed = seen / max(time.perf_counter() - t0, 1e-9)
        reporter.event(Batch(epoch + 1, i + 1, steps_per_epoch, batch_loss, speed))
        if deadline is not None and deadline.finish_s is None:  # until a validation is timed: a forward
            # pass costs about a third of a training step
            deadline.expect_finish(_finish_pictures(cfg, len(train_set.images), 0), 3 * speed)
    seconds = time.perf_counter() - t0
    return {"epoch": epoch + 1, "train_loss": loss_sum / max(seen, 1), "train_acc": correct / max(seen, 1),
            "seconds": seconds, "images_per_s": seen / max(seconds, 1e-9)}


def _validate(net: Net, data: Data, row: dict[str, float], device: torch.device, cancel: CancelToken | None) -> None:
    """Add the validation loss and accuracy to the epoch's row (the training loss
    stands in for the loss when there are no validation pictures)."""
    if data.val.images:
        ev, val_loss = evaluate_loaded(net, data.val, data.classes, data.pp, device, cancel=cancel)
        val_acc = ev.accuracy
    else:
        val_loss, val_acc = row["train_loss"], float("nan")
    seconds, speed = row.pop("seconds"), row.pop("images_per_s")  # the history keeps its column order
    row.update(val_loss=val_loss, val_acc=val_acc, seconds=seconds, images_per_s=speed)


def _write_checkpoint(path: Path | None, net: Net, opt, state: FineTuneState, cfg: TrainConfig,
                      classes: list[str], reporter: Reporter) -> Path | None:
    """Write the checkpoint; one that cannot be written is a convenience lost, not a
    reason to stop: warn once and return None so no other write is tried."""
    if path is None:
        return None
    try:
        checkpoints.write(path, net, opt, state, cfg, classes)
    except StorageError as e:
        reporter.event(Notice(translate(
            "training", "{reason} Training goes on, but an interruption could not be resumed from here.")
            .format(reason=e)))
        return None
    return path
