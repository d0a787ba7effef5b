"""What the network attends to, for one picture: the prediction, every
Squeeze-and-Excitation block's gate vector, a stage's feature maps, a Grad-CAM heat
map, and one SE block in detail (a channel's map before and after its gate).

One :class:`Analyzer` serves the live view (a frame at a time), still pictures and
the class profile. With the ONNX engine everything except the SE detail comes out of
the single pass that classifies (``engine.onnx_runner(what="live")``); with PyTorch,
forward hooks catch the same tensors. Grad-CAM's target is the variant's
``gradcam_layer``, the last convolutional feature map, so its backward pass runs
through the pooling and the linear head only -- the heat map refreshes at the full
frame rate.
"""

from __future__ import annotations

import copy
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

from effnet_app.core.explain.colormaps import normalize
from effnet_app.core.data.dataset import scan_folder, stratified_split
from effnet_app.core.inference.engine import choose, onnx_runner
from effnet_app.core.errors import EffNetError, ImageError
from effnet_app.core.i18n import translate
from effnet_app.core.data.images import open_image
from effnet_app.core.models.network import Net, Tapped, feature_stages, live_taps, se_blocks
from effnet_app.core.data.preprocess import eval_array
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.store.metadata import ModelMeta
from effnet_app.core.models.variants import Preprocess, Variant


@dataclass
class Request:
    """Which extras to compute besides the prediction (the visible panels)."""

    gates: bool = True
    stage: int | None = None  # feature maps of this stage (index into Analyzer.stages)
    maps: int = 16  # how many of its most active channels
    gradcam: bool = False
    cam_class: int | None = None  # None: the predicted class
    se_block: int | None = None  # SE detail for this block
    se_channel: int | None = None  # None: its most excited channel
    top_channels: int = 8


@dataclass
class FeatureMaps:
    stage: int
    label: str
    channels: list[int]  # the most active channels, most active first
    activity: list[float]  # their mean activation
    maps: np.ndarray  # N x h x w, each normalised to [0, 1]
    total: int  # channels in the stage


@dataclass
class SEDetail:
    block: int
    name: str
    top: list[tuple[int, float]]  # (channel, gate), most excited first
    channel: int
    gate: float
    before: np.ndarray  # h x w: the channel's map entering the gate
    after: np.ndarray  # the same map scaled by the gate
    low: float  # one value range for both maps, so the gate's dimming is visible
    high: float


@dataclass
class Analysis:
    probs: np.ndarray
    size: tuple[int, int]  # width, height of the picture analysed
    box: tuple[float, float, float, float]  # the part of the picture the network saw
    gates: list[np.ndarray] = field(default_factory=list)  # per SE block, C values in (0, 1)
    features: FeatureMaps | None = None
    cam: np.ndarray | None = None  # h x w in [0, 1] over ``box``
    cam_class: int | None = None
    se: SEDetail | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def label(self) -> int:
        return int(np.argmax(self.probs))


def view_box(width: int, height: int, pp: Preprocess) -> tuple[float, float, float, float]:
    """The rectangle of a ``width`` x ``height`` picture that the preprocessing keeps
    (left, top, right, bottom in picture pixels): the centre crop, or all of it."""
    if not pp.crop:
        return 0.0, 0.0, float(width), float(height)
    side = min(width, height) * pp.size / pp.resize
    left, top = (width - side) / 2, (height - side) / 2
    return left, top, left + side, top + side


@contextmanager
def _torch_threads(n: int | None):
    """PyTorch's small ops next to ONNX Runtime run on one thread: with more, OpenMP's
    workers keep spinning after each op and take the cores ONNX Runtime needs (Grad-CAM's
    tail cost 9 ms instead of 1, and slowed the next frame's pass by 6 ms)."""
    if n is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class _Stop(Exception):
    """Ends a forward pass early, once the tensor wanted has been caught."""


class Analyzer:
    """Analyses pictures with its own copy of a network (so hooks and autograd never
    touch a network another thread is using)."""

    def __init__(self, net: Net, variant: Variant, preprocess: Preprocess, classes: list[str],
                 engine: str = "auto", device: torch.device | str = "cpu", threads: int = 0) -> None:
        self.variant = variant
        self.preprocess = preprocess
        self.classes = list(classes)
        self.device = torch.device(device)
        self.net = copy.deepcopy(net).to(self.device).eval()
        for p in self.net.parameters():
            p.requires_grad_(False)
        self.stages = feature_stages(self.net, variant)
        if self.stages[-1][2] is not list(self.net.features.children())[-1]:
            # Grad-CAM's backward runs through the part after this layer: pooling + head.
            raise ValueError(f"{variant.name}: gradcam_layer must be the trunk's last module")
        self.blocks = se_blocks(self.net)
        self._tapped = live_taps(self.net, variant)  # the PyTorch path's pass with its taps
        self._lock = threading.RLock()
        self.engine = choose(engine, self.device)
        self._onnx = None
        if self.engine == "onnx":
            self._onnx = onnx_runner(self.net, variant, preprocess.size, what="live", threads=threads)
            if self._onnx is None:
                self.engine = "torch"

    @classmethod
    def from_classifier(cls, clf, threads: int = 0) -> "Analyzer":
        return cls(clf.net, clf.variant, clf.preprocess, clf.classes, clf.engine, clf.device, threads)

    @property
    def has_se(self) -> bool:
        return bool(self.blocks)

    @property
    def stage_labels(self) -> list[str]:
        return [label for _, label, _ in self.stages]

    @property
    def block_channels(self) -> list[int]:
        return [m.fc2.out_channels for _, m in self.blocks]

    def block_label(self, i: int) -> str:
        return translate("introspect", "SE block {n} ({channels} channels)").format(n=i + 1, channels=self.block_channels[i])

    # -- passes -------------------------------------------------------------
    def tensor(self, image: Image.Image | np.ndarray) -> torch.Tensor:
        pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
        return eval_array(pil.convert("RGB") if pil.mode != "RGB" else pil, self.preprocess).unsqueeze(0)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor], list[torch.Tensor]]:
        """(logits, stage outputs, SE gates) for a preprocessed batch."""
        with self._lock:  # hooks are per network, not per thread
            return self._forward(x)

    def _forward(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor], list[torch.Tensor]]:
        if self._onnx is not None:
            outs = self._onnx.run_all(x)
            s = len(self.stages)
            return outs[0], outs[1 : 1 + s], outs[1 + s :]
        with torch.no_grad():
            out = [t.float() for t in self._tapped(x.to(self.device))]
        s = len(self.stages)
        return out[0], out[1 : 1 + s], out[1 + s :]

    def _tail(self, a: torch.Tensor) -> torch.Tensor:
        """From the last feature map to the logits (what follows ``gradcam_layer``)."""
        return self.net.classifier(torch.flatten(self.net.avgpool(a), 1))

    def grad_cam(self, activation: torch.Tensor, cls: int) -> np.ndarray:
        """Grad-CAM (Selvaraju et al.): channel weights are the spatial mean of the class
        score's gradient; the map is ReLU of the weighted sum, scaled to [0, 1]."""
        a = activation[:1].detach().to(self.device, torch.float32).requires_grad_(True)
        with torch.enable_grad():
            score = self._tail(a)[0, cls]
            (grad,) = torch.autograd.grad(score, a)
        cam = F.relu((grad.mean((2, 3), keepdim=True) * a).sum(1))[0].detach().cpu().numpy()
        top = float(cam.max())
        return cam / top if top > 0 else np.zeros_like(cam)

    def se_input(self, x: torch.Tensor, block: int) -> torch.Tensor:
        """The feature maps entering SE block ``block`` (C x h x w): a PyTorch pass that
        stops at that block."""
        got: dict[str, torch.Tensor] = {}

        def catch(_m, args):
            got["x"] = args[0]
            raise _Stop

        handle = self.blocks[block][1].register_forward_pre_hook(catch)
        try:
            with torch.no_grad():
                self.net(x.to(self.device))
        except _Stop:
            pass
        finally:
            handle.remove()
        return got["x"][0].float().cpu()

    # -- one picture ---------------------------------------------------------
    def analyze(self, image: Image.Image | np.ndarray, req: Request | None = None) -> Analysis:
        # One analysis at a time: the SE detail's hook on the shared network would fire
        # in another thread's pass (the live loop and a paused frame's analysis).
        with self._lock:
            return self._analyze(image, req or Request())

    def _analyze(self, image: Image.Image | np.ndarray, req: Request) -> Analysis:
        t0 = time.perf_counter()
        pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
        x = self.tensor(pil)
        logits, stages, gates = self.forward(x)
        probs = F.softmax(logits.float(), dim=1)[0].cpu().numpy()
        out = Analysis(probs, pil.size, view_box(*pil.size, self.preprocess))
        t1 = time.perf_counter()
        out.seconds["forward"] = t1 - t0
        if req.gates and gates:
            out.gates = [g[0].cpu().numpy() for g in gates]
        if req.stage is not None:
            out.features = self.feature_maps(stages, req.stage, req.maps)
        with _torch_threads(1 if self._onnx is not None else None):
            if req.gradcam:
                cls = out.label if req.cam_class is None or not 0 <= req.cam_class < len(probs) else req.cam_class
                out.cam, out.cam_class = self.grad_cam(stages[-1], cls), cls
            if req.se_block is not None and self.blocks and 0 <= req.se_block < len(self.blocks):
                gate = gates[req.se_block][0].cpu().numpy()
                out.se = self.se_detail(x, req.se_block, gate, req.se_channel, req.top_channels)
        out.seconds["extras"] = time.perf_counter() - t1
        return out

    def feature_maps(self, stages: list[torch.Tensor], stage: int, n: int) -> FeatureMaps:
        stage = max(0, min(stage, len(self.stages) - 1))
        fm = stages[stage][0].float().cpu().numpy()  # C x h x w
        activity = fm.mean(axis=(1, 2))
        order = np.argsort(-activity)[: max(1, n)]
        maps = np.stack([normalize(fm[c]) for c in order])
        return FeatureMaps(stage, self.stages[stage][1], [int(c) for c in order],
                           [float(activity[c]) for c in order], maps, fm.shape[0])

    def se_detail(self, x: torch.Tensor, block: int, gate: np.ndarray, channel: int | None, k: int) -> SEDetail:
        order = np.argsort(-gate)[: max(1, k)]
        c = int(order[0]) if channel is None or not 0 <= channel < len(gate) else int(channel)
        before = self.se_input(x, block)[c].numpy()
        after = before * float(gate[c])
        low, high = min(float(before.min()), float(after.min())), max(float(before.max()), float(after.max()))
        return SEDetail(block, self.blocks[block][0], [(int(i), float(gate[i])) for i in order], c,
                        float(gate[c]), before, after, low, high)


# ---------------------------------------------------------------- class profile

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


# ---------------------------------------------------------------- probe image

def probe(net: Net, pp: Preprocess, image: Image.Image, classes: list[str], k: int = 3) -> dict:
    """The probe image's prediction and SE gates under the network as it is now (the
    trainer calls this after every epoch; the network is left in eval mode)."""
    net.eval()
    device = next(net.parameters()).device
    x = eval_array(image, pp).unsqueeze(0).to(device)
    with torch.no_grad():
        logits, *gates = Tapped(net, [], [m.scale_activation for _, m in se_blocks(net)])(x)
    probs = F.softmax(logits.float(), dim=1)[0].cpu().numpy()
    order = np.argsort(-probs)[:k]
    return {"top": [(classes[i], float(probs[i])) for i in order], "probs": probs,
            "gates": [g[0].float().cpu().numpy() for g in gates]}
