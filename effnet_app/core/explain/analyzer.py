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

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from effnet_app.core.explain.colormaps import normalize
from effnet_app.core.explain.request import Request
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.inference.engine import choose, onnx_runner
from effnet_app.core.i18n import translate
from effnet_app.core.models.hooks import hooked
from effnet_app.core.models.network import Net, Tapped, feature_stages, live_taps, se_blocks
from effnet_app.core.data.preprocess import eval_array
from effnet_app.core.metrics import top_classes
from effnet_app.core.models.variants import Preprocess, Variant


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
    unknown_score: float | None = None  # how unlike the training pictures (None: the model has no such score)

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
                 engine: str = "auto", device: torch.device | str = "cpu", threads: int = 0,
                 calibration: Calibration | None = None) -> None:
        self.calibration = calibration or Calibration()  # shared with the classifier: one threshold
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
        return cls(clf.net, clf.variant, clf.preprocess, clf.classes, clf.engine, clf.device, threads, clf.calibration)

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

        try:
            with hooked(pre=[(self.blocks[block][1], catch)]), torch.no_grad():
                self.net(x.to(self.device))
        except _Stop:
            pass
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
        probs = F.softmax(logits.float() / self.calibration.temperature, dim=1)[0].cpu().numpy()
        out = Analysis(probs, pil.size, view_box(*pil.size, self.preprocess))
        if self.calibration.has_unknown:  # the last feature map, pooled, is what the head sees
            pooled = stages[-1].float().mean((2, 3)).cpu().numpy()
            out.unknown_score = float(self.calibration.score(pooled)[0])
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
    return {"top": top_classes(probs, classes, k), "probs": probs,
            "gates": [g[0].float().cpu().numpy() for g in gates]}
