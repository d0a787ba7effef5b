"""A training's result and how it is saved: the model file and its ONNX graph, for
predictions that start without PyTorch.

A result from PyTorch's training holds the network (``net``); one from a quick
training without PyTorch (core.training.quick_run) holds the head and the pretrained
backbone's files instead, and is saved without PyTorch: the backbone's tensors with
the head, and the backbone's graph with the head added (core.inference.compose).
Either way the graph is checked before it is kept, and the files are the same.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from effnet_app.core.data.dataset import Problem
from effnet_app.core.data.framing import frame
from effnet_app.core.errors import StorageError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.inference.graph import graph_file
from effnet_app.core.inference.quantize import Int8Check, check_int8
from effnet_app.core.metrics import Evaluation
from effnet_app.core.models.variants import Preprocess, get_variant
from effnet_app.core.store.metadata import ModelMeta
from effnet_app.core.store.model_file import save_model, unknown_tensors
from effnet_app.core.training.backbone import Backbone
from effnet_app.core.training.config import TrainConfig

if TYPE_CHECKING:
    from effnet_app.core.models.network import Net

log = logging.getLogger("effnet_app")
HEAD_WEIGHT, HEAD_BIAS = "classifier.1.weight", "classifier.1.bias"  # the network's names for the head
CHECK_PICTURES = 2  # training pictures a composed graph is checked on


@dataclass
class TrainResult:
    net: Net | None  # None from a quick training without PyTorch (then ``head`` and ``backbone``)
    classes: list[str]
    preprocess: Preprocess
    config: TrainConfig
    evaluation: Evaluation | None
    history: list[dict[str, float]] = field(default_factory=list)
    status: str = "completed"  # completed | early_stopped | time_up | cancelled
    best_epoch: int = 0
    device: str = "cpu"
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    data_root: str = ""  # the folder trained on (the feedback action adds images there)
    save_error: str = ""  # why the library could not save it (the model is still here)
    calibration: Calibration | None = None  # temperature and "None of these" (None when cancelled)
    groups: int = 0  # groups of pictures (copies, views of one scene, specimens) kept on one side of the split
    # (training pictures, held-out pictures, their classes): what an int8 graph is made and checked on at save
    int8_inputs: tuple[list[Image.Image], list[Image.Image], list[int]] | None = field(default=None, repr=False)
    int8: Int8Check | None = None  # the int8 graph's check, when one was made
    precision: str = "fp32"  # what full mode's fine-tuning computed in: fp32, bf16 or fp16
    head: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)  # without PyTorch: weights, bias
    backbone: Backbone | None = None  # without PyTorch: the pretrained backbone's files

    def model_meta(self) -> ModelMeta:
        c = self.calibration
        return ModelMeta(
            variant=self.config.variant, classes=tuple(self.classes), preprocess=self.preprocess,
            tta_views=self.config.tta_views, pretrained=self.config.pretrained, train_config=self.config.to_dict(),
            evaluation=self.evaluation, history=tuple(self.history), status=self.status,
            best_epoch=self.best_epoch, device=self.device, seconds=dict(self.seconds), dataset=self.data_root,
            temperature=c.temperature if c else 1.0, unknown_quantiles=c.quantiles if c and c.has_unknown else (),
        )

    def save(self, path: Path | str, int8: bool = False) -> Path:
        """The model file, and its ONNX graph for predictions that start without PyTorch;
        with ``int8``, also an int8 graph, kept if it answers as the float one does."""
        scored = self.calibration is not None and self.calibration.has_unknown
        unknown = unknown_tensors(self.calibration.score.arrays()) if scored else {}
        if self.net is None:
            path = save_model(path, {**self.backbone.state(), HEAD_WEIGHT: self.head[0], HEAD_BIAS: self.head[1],
                                     **unknown}, self.model_meta())
            kept = self._compose_graph(graph_file(path, scored), scored)
        else:
            path = save_model(path, {**self.net.state_dict(), **unknown}, self.model_meta())
            kept = self._export_graph(graph_file(path, scored), scored)
        if int8 and kept and self.int8_inputs is not None:
            try:
                self.int8 = check_int8(graph_file(path, scored), self.preprocess, self.calibration or Calibration(),
                                       *self.int8_inputs)
            except Exception:  # noqa: BLE001 -- the quantiser failing costs the speed-up, never the model
                log.exception("No int8 graph for %s; predictions use the float graph.", path.name)
        self.int8_inputs = None  # the pictures are let go once saved
        return path

    def _export_graph(self, graph: Path, scored: bool) -> bool:
        """Exported from PyTorch and checked against it (about a second for Lite0); a graph
        that disagrees is not kept, and predictions then run through PyTorch."""
        from effnet_app.core.inference.engine import onnx_runner

        net = self.net if next(self.net.parameters()).device.type == "cpu" else copy.deepcopy(self.net).cpu()
        return onnx_runner(net, get_variant(self.config.variant), self.preprocess.size,
                           "scored" if scored else "logits", path=graph) is not None

    def _compose_graph(self, graph: Path, scored: bool) -> bool:
        """The backbone's graph with the head, checked on a few training pictures against
        the backbone's own graph and the head in NumPy; not kept if they disagree."""
        from effnet_app.core.inference.compose import agrees, with_head
        from effnet_app.core.inference.session import open_session

        weight, bias = self.head
        pictures = (self.int8_inputs[0] if self.int8_inputs else [])[:CHECK_PICTURES]
        x = np.stack([frame(p, self.preprocess) for p in pictures]) if pictures else \
            np.zeros((1, 3, self.preprocess.size, self.preprocess.size), np.float32)
        try:
            data = with_head(self.backbone.graph.read_bytes(), weight, bias, scored)
            if not agrees(open_session(data), self.backbone.session(), x, weight, bias):
                log.warning("The composed graph disagreed with its parts; predictions will load PyTorch.")
                return False
        except Exception:  # noqa: BLE001 -- a graph that cannot be made costs the fast start, never the model
            log.exception("No graph composed for %s; predictions will load PyTorch.", graph.name)
            return False
        try:
            atomic_write_bytes(graph, data)
        except StorageError:  # a full or read-only cache: predictions load PyTorch
            return False
        return True
