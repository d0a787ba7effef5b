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

import copy
import math
import random
import time
from dataclasses import asdict, dataclass, field, fields
from functools import partial
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

from effnet_app.core.store import model_file as bundle_io
from effnet_app.core.data.dataset import DatasetIndex, Problem, scan_folder, stratified_split
from effnet_app.core.inference.engine import choose, onnx_runner, weights_key
from effnet_app.core.devices import (amp_dtype, describe_device, is_out_of_memory, pick_device, release_memory,
                                     too_little_memory, use_amp)
from effnet_app.core.errors import Cancelled, ConfigError, DatasetError, ImageError, StorageError
from effnet_app.core.i18n import translate
from effnet_app.core.data.images import open_image
from effnet_app.core.inference.metrics import Evaluation, evaluate_predictions
from effnet_app.core.models.network import Net, build_net
from effnet_app.core.data.preprocess import eval_array, map_views, train_transform
from effnet_app.core.progress import CancelToken, NullReporter, Reporter, SubReporter
from effnet_app.core.models.variants import Preprocess, get_variant

MODES = ("quick", "full")
# What each mode does best by default (measured by cross-validation, README): full
# mode can afford more pixels, the whole picture and averaging 8 rotated/flipped views.
MODE_DEFAULTS: dict[str, dict[str, Any]] = {
    "quick": {},
    "full": {"image_size": 320, "framing": "whole", "tta_views": 8},
}
QUICK_SHARE = 0.2  # of the progress bar taken by the head phase in full mode


@dataclass
class TrainConfig:
    variant: str = "lite0"
    mode: str = "quick"
    epochs: int = 15  # full mode: upper bound, early stopping may end sooner
    batch_size: int = 16
    lr: float = 3e-4  # full mode, whole network
    weight_decay: float = 1e-4
    head_l2: float = 1.0  # quick head: inverse regularisation strength (C)
    val_fraction: float = 0.2
    seed: int = 0
    augment: bool = True
    label_smoothing: float = 0.1
    patience: int = 6  # epochs without a better validation loss before stopping
    warmup_epochs: float = 1.0
    tta_views: int = 1  # dihedral views averaged at prediction (1 = off, up to 8)
    refit_all: bool = True  # quick mode: after validating, refit the head on every image
    pretrained: bool = True
    device: str = "auto"
    precision: str = "auto"  # auto | fp32 | amp
    mirror: str | None = None
    image_size: int = 0  # 0: the variant's native size
    framing: str = "crop"  # "crop": ImageNet's centre crop; "whole": the whole picture, squeezed square

    def validate(self) -> None:
        get_variant(self.variant)
        if self.mode not in MODES:
            raise ConfigError(translate("training", "Unknown training mode '{name}'; use quick or full.").format(name=self.mode))
        if self.epochs < 1:
            raise ConfigError(translate("training", "The number of epochs must be at least 1."))
        if self.batch_size < 1:
            raise ConfigError(translate("training", "The batch size must be at least 1."))
        if not 0.0 <= self.val_fraction < 0.9:
            raise ConfigError(translate("training", "The validation fraction must be between 0 and 0.9."))
        if not self.lr > 0:
            raise ConfigError(translate("training", "The learning rate must be positive."))
        if not 1 <= self.tta_views <= 8:
            raise ConfigError(translate("training", "Test-time views must be between 1 and 8."))
        if self.framing not in ("crop", "whole"):
            raise ConfigError(translate("training", "Framing must be 'crop' or 'whole'."))

    def preprocess(self) -> Preprocess:
        pp = get_variant(self.variant).preprocess
        size = self.image_size or pp.size
        if self.framing == "whole":
            return Preprocess(size, size, False, pp.mean, pp.std, pp.interpolation)
        if size != pp.size:
            pp = Preprocess(size, round(size * pp.resize / pp.size), True, pp.mean, pp.std, pp.interpolation)
        return pp

    @classmethod
    def for_mode(cls, mode: str, **overrides: Any) -> "TrainConfig":
        """The recommended settings for ``mode``; ``None`` overrides are ignored."""
        values = {**MODE_DEFAULTS.get(mode, {}), **{k: v for k, v in overrides.items() if v is not None}}
        return cls(mode=mode, **values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainConfig":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class TrainResult:
    net: Net
    classes: list[str]
    preprocess: Preprocess
    config: TrainConfig
    evaluation: Evaluation | None
    history: list[dict[str, float]] = field(default_factory=list)
    status: str = "completed"  # completed | early_stopped | cancelled
    best_epoch: int = 0
    device: str = "cpu"
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    data_root: str = ""  # the folder trained on (the feedback action adds images there)
    save_error: str = ""  # why the library could not save it (the model is still here)

    def bundle_meta(self) -> dict[str, Any]:
        return {
            "variant": self.config.variant,
            "classes": self.classes,
            "preprocess": self.preprocess.to_dict(),
            "tta_views": self.config.tta_views,
            "pretrained": self.config.pretrained,
            "train_config": self.config.to_dict(),
            "metrics": self.evaluation.to_dict() if self.evaluation else None,
            "history": self.history,
            "status": self.status,
            "best_epoch": self.best_epoch,
            "device": self.device,
            "seconds": self.seconds,
            "dataset": self.data_root,
        }

    def save(self, path: Path | str) -> Path:
        return bundle_io.save(path, self.net.state_dict(), self.bundle_meta())


# ---------------------------------------------------------------- images and features

@dataclass
class LoadedImages:
    images: list[Image.Image]
    labels: list[int]
    paths: list[Path]


def load_images(
    samples: list[tuple[Path, int]],
    short_side: int,
    reporter: Reporter,
    cancel: CancelToken | None,
    problems: list[Problem],
) -> LoadedImages:
    """Decode every sample once, shrunk so the short side is ``short_side`` (memory
    stays ~ N x short_side^2 x 3 bytes). Undecodable files are reported and skipped."""
    out = LoadedImages([], [], [])
    for i, (path, label) in enumerate(samples):
        if cancel is not None:
            cancel.check()
        try:
            img = open_image(path, draft=short_side)  # as the Classifier decodes (see Preprocess.min_side)
        except ImageError as e:
            problems.append(Problem(str(path), translate("training", "{reason} Skipped.").format(reason=e)))
            continue
        scale = short_side / min(img.size)
        if scale < 1:
            img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.Resampling.BICUBIC)
        out.images.append(img)
        out.labels.append(label)
        out.paths.append(path)
        reporter.progress((i + 1) / len(samples), translate("training", "Reading images {done}/{total}").format(done=i + 1, total=len(samples)))
    return out


_FEATURE_CACHE: dict[tuple, torch.Tensor] = {}
_FEATURE_CACHE_LIMIT = 100_000


def _feature_key(backbone: tuple, pp: Preprocess, views: int, path: Path) -> tuple:
    st = path.stat()
    return (backbone, pp, views, str(path), st.st_mtime_ns, st.st_size)


@torch.inference_mode()
def embed(
    net: Net,
    images: list[Image.Image],
    pp: Preprocess,
    device: torch.device,
    batch_size: int = 32,
    views: int = 1,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    variant=None,
) -> torch.Tensor:
    """Pooled backbone features (N x width), averaged over ``views`` dihedral views.
    With ``variant`` the frozen backbone may run in ONNX Runtime (see core.engine)."""
    net.eval()
    if not images:
        return torch.zeros(0, net.width)
    fn = _embed_function(net, variant, pp, device) if variant is not None else net.embed
    return map_views(fn, images, partial(eval_array, pp=pp), device, views, batch_size, cancel,
                     reporter or NullReporter(), translate("training", "Computing features"))


def _embed_function(net: Net, variant, pp: Preprocess, device: torch.device):
    """ONNX Runtime on a CPU (about 3x faster for these networks), checked against
    PyTorch; PyTorch itself otherwise."""
    if choose("auto", device) == "onnx":
        runner = onnx_runner(net, variant, pp.size, what="embed", key=weights_key(net.features))
        if runner is not None:
            return runner
    return net.embed


def cached_embed(net, backbone: tuple, loaded: LoadedImages, pp, device, views, reporter, cancel) -> torch.Tensor:
    """:func:`embed` with a per-process cache; ``backbone`` identifies the frozen
    weights (variant, pretrained or not), the file's mtime and size its content."""
    keys = [_feature_key(backbone, pp, views, p) for p in loaded.paths]
    missing = [i for i, k in enumerate(keys) if k not in _FEATURE_CACHE]
    if missing:
        feats = embed(net, [loaded.images[i] for i in missing], pp, device, views=views, reporter=reporter,
                      cancel=cancel, variant=get_variant(backbone[0]))
        if len(_FEATURE_CACHE) + len(missing) > _FEATURE_CACHE_LIMIT:
            _FEATURE_CACHE.clear()
        for i, f in zip(missing, feats):
            _FEATURE_CACHE[keys[i]] = f
    reporter.progress(1.0, translate("training", "Features ready ({cached} of {total} from cache)").format(cached=len(keys) - len(missing), total=len(keys)))
    return torch.stack([_FEATURE_CACHE[k] for k in keys]) if keys else torch.zeros(0, net.width)


def fit_linear_head(x: torch.Tensor, y: torch.Tensor, num_classes: int, c: float = 1.0, max_iter: int = 300) -> tuple[torch.Tensor, torch.Tensor]:
    """Multinomial logistic regression (L2, strength 1/C) on standardised features,
    returned as weights for the *raw* features so it drops into ``nn.Linear``."""
    x = x.double()
    mu, sd = x.mean(0), x.std(0, unbiased=False) + 1e-6
    z = (x - mu) / sd
    w = torch.zeros(x.shape[1], num_classes, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(num_classes, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=max_iter, line_search_fn="strong_wolfe", tolerance_grad=1e-9)
    n = len(z)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(z @ w + b, y) + (w**2).sum() / (2 * c * n)
        loss.backward()
        return loss

    with torch.enable_grad():
        opt.step(closure)
    w_raw = (w.detach() / sd[:, None]).T  # num_classes x width
    b_raw = b.detach() - (mu / sd) @ w.detach()
    return w_raw.float(), b_raw.float()


# ---------------------------------------------------------------- evaluation

@torch.inference_mode()
def predict_probs(
    net: Net, images: list[Image.Image], pp: Preprocess, device: torch.device,
    views: int = 1, batch_size: int = 32, cancel: CancelToken | None = None,
) -> torch.Tensor:
    net.eval()
    if not images:
        return torch.zeros(0, net.num_classes)
    return map_views(lambda x: F.softmax(net(x), dim=1), images, partial(eval_array, pp=pp), device, views,
                     batch_size, cancel)


def evaluate_loaded(net, loaded: LoadedImages, classes, pp, device, views=1, cancel=None) -> tuple[Evaluation, float]:
    probs = predict_probs(net, loaded.images, pp, device, views, cancel=cancel)
    y = torch.tensor(loaded.labels)
    loss = float(F.nll_loss(torch.log(probs.clamp_min(1e-8)), y)) if len(y) else float("nan")
    ev = evaluate_predictions(
        y.numpy(), probs.argmax(1).numpy(), classes, [str(p) for p in loaded.paths], probs.numpy()
    )
    return ev, loss


# ---------------------------------------------------------------- full fine-tuning

class _ImageSet(torch.utils.data.Dataset):
    def __init__(self, loaded: LoadedImages, transform) -> None:
        self.loaded, self.transform = loaded, transform

    def __len__(self) -> int:
        return len(self.loaded.images)

    def __getitem__(self, i: int):
        return self.transform(self.loaded.images[i]), self.loaded.labels[i]


def _freeze_batchnorm(net: nn.Module) -> None:
    """Small datasets give noisy batch statistics: keep ImageNet's running stats."""
    for m in net.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.eval()


def _lr_factor(step: int, warmup: int, total: int) -> float:
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))


def _optimizer(net: Net, cfg: TrainConfig) -> torch.optim.Optimizer:
    # One learning rate for all: the head already fits (L-BFGS phase), and a faster
    # head only undoes that fit in the first epochs (measured: train accuracy fell
    # from 94 % to 83 % after the first epoch with a 10x head rate).
    return torch.optim.AdamW(
        [{"params": list(net.parameters()), "lr": cfg.lr, "base_lr": cfg.lr}],
        weight_decay=cfg.weight_decay,
    )


def _optimizer_tensors(opt: torch.optim.Optimizer) -> tuple[dict[str, torch.Tensor], dict]:
    sd = opt.state_dict()
    tensors = {}
    for pid, st in sd["state"].items():
        for k, v in st.items():
            tensors[f"optim.{pid}.{k}"] = v if isinstance(v, torch.Tensor) else torch.tensor(v)
    return tensors, {"param_groups": sd["param_groups"]}


def _optimizer_state(tensors: dict[str, torch.Tensor], groups: dict) -> dict:
    state: dict[int, dict[str, torch.Tensor]] = {}
    for key, v in tensors.items():
        if key.startswith("optim."):
            _, pid, k = key.split(".", 2)
            state.setdefault(int(pid), {})[k] = v
    return {"state": state, "param_groups": groups["param_groups"]}


def _fine_tune(
    net: Net, train_set: LoadedImages, val_set: LoadedImages, classes: list[str], pp: Preprocess,
    cfg: TrainConfig, device: torch.device, reporter: Reporter, cancel: CancelToken | None,
    checkpoint: Path | None, resume_state: bundle_io.Bundle | None, on_epoch: Callable[[int], None] | None = None,
) -> tuple[list[dict], str, int, dict[str, torch.Tensor]]:
    """Returns (history, status, best_epoch, best_state)."""
    amp = use_amp(device, cfg.precision)
    # channels-last: tensor cores on CUDA, and 1.8x the images/s on this project's CPU
    # (oneDNN's depthwise and 1x1 kernels); MPS support is uneven, so not there.
    channels_last = device.type in ("cuda", "cpu")
    if channels_last:
        net.to(memory_format=torch.channels_last)
    opt = _optimizer(net, cfg)
    scaler = torch.amp.GradScaler("cuda", enabled=amp and amp_dtype(device) == torch.float16)
    steps_per_epoch = math.ceil(len(train_set.images) / cfg.batch_size)
    total_steps = steps_per_epoch * cfg.epochs
    warmup = int(cfg.warmup_epochs * steps_per_epoch)

    history: list[dict] = []
    best_loss, best_epoch, bad_epochs, start_epoch = float("inf"), 0, 0, 0
    parts = 1  # each batch goes through the network in this many parts (more after out-of-memory)
    best_state = copy.deepcopy(net.state_dict())
    if resume_state is not None:
        t, m = resume_state.tensors, resume_state.meta
        net.load_state_dict({k[6:]: v for k, v in t.items() if k.startswith("model.")})
        best_state = {k[5:]: v for k, v in t.items() if k.startswith("best.")}
        opt.load_state_dict(_optimizer_state(t, m["optimizer"]))
        history, best_loss, best_epoch = m["history"], m["best_loss"], m["best_epoch"]
        bad_epochs, start_epoch = m["bad_epochs"], m["epoch"] + 1
        reporter.progress(start_epoch / cfg.epochs, translate("training", "Resuming at epoch {n}").format(n=start_epoch + 1))

    loader_tf = train_transform(pp, cfg.augment)
    status = "completed"
    for epoch in range(start_epoch, cfg.epochs):
        # Seed per epoch so a resumed run draws the same batches and augmentations.
        torch.manual_seed(cfg.seed * 1000 + epoch)
        gen = torch.Generator().manual_seed(cfg.seed * 1000 + epoch)
        loader = torch.utils.data.DataLoader(
            _ImageSet(train_set, loader_tf), batch_size=cfg.batch_size, shuffle=True, generator=gen,
            drop_last=len(train_set.images) > cfg.batch_size, pin_memory=device.type == "cuda",
        )
        net.train()
        _freeze_batchnorm(net)
        t0, seen, loss_sum, correct = time.perf_counter(), 0, 0.0, 0
        for i, (x, y) in enumerate(loader):
            if cancel is not None and cancel.cancelled:
                return history, "cancelled", best_epoch, best_state
            step = epoch * steps_per_epoch + i
            for g in opt.param_groups:
                g["lr"] = g["base_lr"] * _lr_factor(step, warmup, total_steps)
            while True:
                try:
                    batch_loss, batch_correct = _train_step(net, opt, scaler, x, y, parts, cfg, device, amp,
                                                            channels_last)
                    break
                except Exception as e:  # noqa: BLE001 -- only out-of-memory is handled
                    if not is_out_of_memory(e):
                        raise
                # Out of memory. Out here the error and the tensors its frames held are gone.
                opt.zero_grad(set_to_none=True)
                release_memory(device)
                parts = _split_further(parts, len(y), cfg.batch_size, reporter)
            seen += len(y)
            loss_sum += batch_loss * len(y)
            correct += batch_correct
            frac = (epoch + (i + 1) / steps_per_epoch) / cfg.epochs
            elapsed = time.perf_counter() - t0
            reporter.progress(frac, translate("training", "Epoch {epoch}/{epochs}, batch {batch}/{batches}, loss {loss}").format(
                epoch=epoch + 1, epochs=cfg.epochs, batch=i + 1, batches=steps_per_epoch, loss=f"{loss_sum / seen:.3f}"))
            reporter.event("batch", {"epoch": epoch + 1, "batch": i + 1, "batches": steps_per_epoch,
                                     "loss": batch_loss, "images_per_s": seen / max(elapsed, 1e-9)})
        train_seconds = time.perf_counter() - t0
        if val_set.images:
            ev, val_loss = evaluate_loaded(net, val_set, classes, pp, device, cancel=cancel)
            val_acc = ev.accuracy
        else:
            val_loss, val_acc = loss_sum / max(seen, 1), float("nan")
        row = {"epoch": epoch + 1, "train_loss": loss_sum / max(seen, 1), "train_acc": correct / max(seen, 1),
               "val_loss": val_loss, "val_acc": val_acc, "seconds": train_seconds,
               "images_per_s": seen / max(train_seconds, 1e-9)}
        history.append(row)
        reporter.event("epoch", row)
        if on_epoch is not None:
            on_epoch(epoch + 1)
        if val_loss < best_loss - 1e-4:
            best_loss, best_epoch, bad_epochs = val_loss, epoch + 1, 0
            best_state = copy.deepcopy(net.state_dict())
        else:
            bad_epochs += 1
        if checkpoint is not None:
            try:
                _save_checkpoint(checkpoint, net, best_state, opt, cfg, classes, {
                    "epoch": epoch, "history": history, "best_loss": best_loss,
                    "best_epoch": best_epoch, "bad_epochs": bad_epochs})
            except StorageError as e:  # a convenience, not a reason to stop: warn once, go on
                reporter.event("notice", {"text": translate(
                    "training", "{reason} Training goes on, but an interruption could not be resumed from here.")
                    .format(reason=e)})
                checkpoint = None
        if val_set.images and bad_epochs >= cfg.patience:
            status = "early_stopped"
            break
    return history, status, best_epoch, best_state


def _train_step(net: Net, opt, scaler, x: torch.Tensor, y: torch.Tensor, parts: int, cfg: TrainConfig,
                device: torch.device, amp: bool, channels_last: bool) -> tuple[float, int]:
    """One optimiser step on the batch, sent through the network in ``parts`` parts with
    their gradients added up: the same step as in one part (BatchNorm is frozen), with
    a fraction of the memory. Returns (mean loss, correct predictions)."""
    opt.zero_grad(set_to_none=True)
    loss_sum, correct = 0.0, 0
    for xs, ys in zip(x.tensor_split(parts), y.tensor_split(parts)):
        if not len(ys):
            continue
        xs = xs.to(device, non_blocking=True)
        ys = ys.to(device, non_blocking=True)
        if channels_last:
            xs = xs.contiguous(memory_format=torch.channels_last)
        with torch.autocast(device.type, dtype=amp_dtype(device), enabled=amp):
            logits = net(xs)
            loss = F.cross_entropy(logits, ys, label_smoothing=cfg.label_smoothing)
        scaler.scale(loss * (len(ys) / len(y))).backward()
        loss_sum += loss.item() * len(ys)
        correct += int((logits.argmax(1) == ys).sum())
    scaler.step(opt)
    scaler.update()
    return loss_sum / len(y), correct


def _split_further(parts: int, batch: int, batch_size: int, reporter: Reporter) -> int:
    """After an out-of-memory error: twice the parts, so half the images at a time,
    and say so; an error sentence when even one image at a time does not fit."""
    if parts >= batch:
        raise too_little_memory()
    parts = min(parts * 2, batch)
    per_part = math.ceil(batch_size / parts)
    reporter.event("notice", {"text": translate(
        "training", "The GPU ran out of memory: batches now go through it {n} images at a time (the training "
        "itself is unchanged) and training goes on.").format(n=per_part), "images_at_once": per_part})
    return parts


def _save_checkpoint(path: Path, net: Net, best_state, opt, cfg: TrainConfig, classes, progress: dict) -> None:
    tensors = {f"model.{k}": v for k, v in net.state_dict().items()}
    tensors.update({f"best.{k}": v for k, v in best_state.items()})
    opt_tensors, opt_meta = _optimizer_tensors(opt)
    tensors.update(opt_tensors)
    meta = {"train_config": cfg.to_dict(), "classes": classes, "optimizer": opt_meta, **progress}
    bundle_io.save(path, tensors, meta, kind=bundle_io.CHECKPOINT_KIND)


# ---------------------------------------------------------------- entry point

def _fit_head(net: Net, config: TrainConfig, loaded: LoadedImages, pp: Preprocess, device: torch.device,
              reporter: Reporter, cancel: CancelToken | None, times: dict | None = None) -> None:
    """Replace the linear head by the L-BFGS fit on the backbone's features. Only for the
    untouched (pretrained or initial) backbone: the features are cached under that identity."""
    t = time.perf_counter()
    feats = cached_embed(net, (config.variant, config.pretrained), loaded, pp, device, 1, reporter, cancel)
    t_fit = time.perf_counter()
    w, b = fit_linear_head(feats, torch.tensor(loaded.labels), net.num_classes, config.head_l2)
    if times is not None:
        times["features"] = times.get("features", 0.0) + t_fit - t
        times["head_fit"] = times.get("head_fit", 0.0) + time.perf_counter() - t_fit
    with torch.no_grad():
        net.classifier[1].weight.copy_(w.to(device))
        net.classifier[1].bias.copy_(b.to(device))


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
    reporter = reporter or NullReporter()
    times: dict[str, float] = {}
    t_start = time.perf_counter()
    random.seed(config.seed)
    np.random.seed(config.seed % (2**32))
    torch.manual_seed(config.seed)

    checkpoint = Path(checkpoint) if checkpoint else None
    resume_state = None
    if resume:
        if checkpoint is None or not checkpoint.exists():
            raise ConfigError(translate("training", "There is no checkpoint to resume from; start a new training instead."))
        resume_state = bundle_io.load(checkpoint, kind=bundle_io.CHECKPOINT_KIND)
        saved = TrainConfig.from_dict(resume_state.meta["train_config"])
        saved.device, saved.epochs = config.device, max(config.epochs, saved.epochs)
        config = saved

    variant = get_variant(config.variant)
    device = pick_device(config.device)
    pp = config.preprocess()
    index = data if isinstance(data, DatasetIndex) else scan_folder(data, SubReporter(reporter, 0, 0.02), cancel)
    problems = list(index.problems)
    if resume_state is not None and resume_state.meta["classes"] != index.classes:
        raise DatasetError(translate("training", "The folder's classes changed since the checkpoint was written; start a new training."))
    train_s, val_s = stratified_split(index.samples, config.val_fraction, config.seed)
    times["scan"] = time.perf_counter() - t_start

    probe_picture = None
    if probe_image:
        try:
            probe_picture = open_image(Path(probe_image), draft=pp.min_side)
        except ImageError as e:
            problems.append(Problem(str(probe_image), translate("training", "The probe image is left out: {reason}").format(reason=e), "warning"))

    reporter.progress(0.02, translate("training", "Preparing {model}").format(model=variant.label))
    net = build_net(variant, None, config.pretrained, SubReporter(reporter, 0.02, 0.05), cancel, config.mirror)
    if not config.pretrained:
        problems.append(Problem("", translate("training", "{model} starts from random weights (no ImageNet pretraining): "
                                              "expect much lower accuracy.").format(model=variant.label), "warning"))
    net.replace_head(len(index.classes))
    net.to(device)

    t = time.perf_counter()
    keep_side = max(pp.resize, pp.size) * (2 if config.mode == "full" else 1)
    train_set = load_images(train_s, keep_side, SubReporter(reporter, 0.05, 0.15), cancel, problems)
    val_set = load_images(val_s, keep_side, SubReporter(reporter, 0.15, 0.2), cancel, problems)
    if len(set(train_set.labels)) < 2:
        raise DatasetError(translate("training", "Fewer than 2 classes have readable images; nothing to learn from."))
    times["read_images"] = time.perf_counter() - t

    t = time.perf_counter()
    head_end = 1.0 if config.mode == "quick" else QUICK_SHARE
    if resume_state is None:  # a resumed run restores its fine-tuned head instead
        _fit_head(net, config, train_set, pp, device, SubReporter(reporter, 0.2, 0.2 + 0.75 * head_end), cancel, times)
    times["head"] = time.perf_counter() - t

    def report_probe(epoch: int) -> None:
        if probe_picture is not None:
            from effnet_app.core.explain.analyzer import probe

            reporter.event("probe", {"epoch": epoch, **probe(net, pp, probe_picture, index.classes)})

    report_probe(0)

    history, status, best_epoch = [], "completed", 0
    if config.mode == "full":
        t = time.perf_counter()
        history, status, best_epoch, best_state = _fine_tune(
            net, train_set, val_set, index.classes, pp, config, device,
            SubReporter(reporter, QUICK_SHARE, 0.97), cancel, checkpoint, resume_state, report_probe)
        net.load_state_dict(best_state)
        times["fine_tune"] = time.perf_counter() - t

    evaluation = None
    if val_set.images and status != "cancelled":
        reporter.progress(0.97, translate("training", "Measuring accuracy on the validation images"))
        evaluation, _ = evaluate_loaded(net, val_set, index.classes, pp, device, config.tta_views, cancel)
    if config.mode == "quick" and config.refit_all and val_set.images and status != "cancelled":
        # The validation figures above describe a head fitted without these images;
        # the delivered head learns from all of them (seconds: features are cached).
        all_set = LoadedImages(train_set.images + val_set.images, train_set.labels + val_set.labels,
                               train_set.paths + val_set.paths)
        _fit_head(net, config, all_set, pp, device, NullReporter(), cancel, times)
    net.to("cpu", memory_format=torch.contiguous_format).eval()
    times["total"] = time.perf_counter() - t_start
    reporter.progress(1.0, translate("training", "Finished") if status != "cancelled"
                      else translate("training", "Stopped; the best model so far is kept"))
    return TrainResult(
        net=net, classes=index.classes, preprocess=pp, config=config, evaluation=evaluation,
        history=history, status=status, best_epoch=best_epoch, device=describe_device(device),
        problems=problems, seconds=times, data_root=str(index.root),
    )


__all__ = ["TrainConfig", "TrainResult", "train", "Cancelled"]
