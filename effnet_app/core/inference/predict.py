"""Classify images with a trained bundle or with the ImageNet head of a variant."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from effnet_app.core.store.metadata import ModelMeta
from effnet_app.core.store.model_file import load_model
from effnet_app.core.devices import pick_device
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.inference.engine import choose, onnx_runner, torch_runner
from effnet_app.core.inference.graph import graph_file
from effnet_app.core.inference.results import IMAGENET_PREFIX, Calibrated, Prediction, answer, evaluate_on_folder, predict_in_batches
from effnet_app.core.errors import BundleError, ConfigError, ImageError
from effnet_app.core.i18n import translate
from effnet_app.core.data.images import open_image
from effnet_app.core.metrics import Evaluation
from effnet_app.core.models.network import Net, build_net, imagenet_categories
from effnet_app.core.data.preprocess import dihedral_views, eval_array, map_views, tiles
from effnet_app.core.progress import CancelToken, Reporter
from effnet_app.core.models.variants import Preprocess, Variant, get_variant

class Classifier(Calibrated):
    """A network plus everything needed to feed it: classes and preprocessing."""

    def __init__(self, net: Net, classes: list[str], preprocess: Preprocess, variant: Variant,
                 tta_views: int = 1, device: str = "auto", meta: ModelMeta | None = None, engine: str = "auto",
                 calibration: Calibration | None = None) -> None:
        self.calibration = calibration or Calibration()  # temperature 1, no "None of these": ImageNet, older models
        self.device = pick_device(device)
        self.net = net.to(self.device).eval()
        self.classes = classes
        self.preprocess = preprocess
        self.variant = variant
        self.tta_views = tta_views
        self.meta = meta  # None for the built-in ImageNet classifiers
        self._transform = partial(eval_array, pp=preprocess)
        self.engine = choose(engine, self.device)  # "onnx" or "torch"; see core.engine
        self._explicit = engine != "auto"
        self._runner = None
        self.graph: Path | None = None  # a saved model's graph cache file (inference.graph); None: by weights

    def runner(self):
        """The function from a preprocessed batch to the graph's outputs: the logits, and
        the pooled features when the model has an unknown score (built on first use: an
        ONNX export, when not cached yet, takes about a second)."""
        if self._runner is None:
            what = "scored" if self.has_unknown else "logits"
            if self.engine == "onnx":
                onnx = onnx_runner(self.net, self.variant, self.preprocess.size, what=what, path=self.graph)
                if onnx is None:
                    if self._explicit:
                        raise ConfigError(translate("predict", "ONNX Runtime is not installed or does not agree with "
                                                          "PyTorch for this model; use the torch engine."))
                    self.engine = "torch"
                else:
                    self._runner = onnx.run_all
            if self._runner is None:
                self._runner = torch_runner(self.net, self.device, what)
        return self._runner

    @classmethod
    def load(cls, model: str | Path, device: str = "auto", reporter: Reporter | None = None,
             cancel: CancelToken | None = None, mirror: str | None = None, engine: str = "auto") -> "Classifier":
        """``model`` is a bundle path or ``imagenet:<variant>``."""
        text = str(model)
        if text.lower().startswith(IMAGENET_PREFIX):
            variant = get_variant(text[len(IMAGENET_PREFIX):])
            net = build_net(variant, pretrained=True, reporter=reporter, cancel=cancel, mirror=mirror)
            return cls(net, imagenet_categories(), variant.preprocess, variant, 1, device, None, engine)
        b = load_model(Path(model))
        net = build_net(b.variant, len(b.classes), pretrained=False)
        try:
            net.load_state_dict(b.network_tensors)
        except RuntimeError:
            raise BundleError(translate("predict", "'{name}' does not match the {model} architecture it names.")
                              .format(name=Path(model).name, model=b.variant.label)) from None
        calibration = Calibration.of_model(b.meta, b.unknown_arrays)
        clf = cls(net, b.classes, b.preprocess, b.variant, b.tta_views, device, b.meta, engine, calibration)
        clf.graph = graph_file(Path(model), calibration.has_unknown)  # where a later start finds it
        return clf

    def _draft(self, tiled: bool) -> int | None:
        return None if tiled else self.preprocess.min_side  # tiles need the full resolution

    # -- single images -------------------------------------------------------
    @torch.inference_mode()
    def _single(self, img: Image.Image, tiled: bool) -> np.ndarray:
        """The picture's row of :meth:`_outputs`, averaged over tiles and views."""
        x = tiles(img, self.preprocess) if tiled else self._transform(img).unsqueeze(0)
        x = x.to(self.device)
        rows = [self._outputs(v) for v in dihedral_views(x, self.tta_views)]
        return torch.stack(rows).mean(0).mean(0).cpu().numpy()

    def probabilities(self, img: Image.Image, tiled: bool = False) -> np.ndarray:
        return self._single(img, tiled)[: len(self.classes)]

    def _prediction(self, source: str, row: np.ndarray, k: int) -> Prediction:
        """A Prediction from a row of :meth:`_outputs`: the top ``k`` and, with an unknown
        score, the answer "None of these" or not."""
        return answer(source, row, self.classes, self.calibration, k)

    def predict_image(self, img: Image.Image, top_k: int = 5, tiled: bool = False, source: str = "") -> Prediction:
        return self._prediction(source, self._single(img, tiled), top_k)

    def predict_file(self, path: Path | str | bytes, top_k: int = 5, tiled: bool = False) -> Prediction:
        source = "<bytes>" if isinstance(path, bytes) else str(path)
        try:
            img = open_image(path if isinstance(path, bytes) else Path(path), draft=self._draft(tiled))
        except ImageError as e:
            return Prediction(source, [], None, str(e))
        return self.predict_image(img, top_k, tiled, source)

    # -- many images ---------------------------------------------------------
    @torch.inference_mode()
    def _rows(self, images: list[Image.Image], batch_size: int = 16) -> np.ndarray:
        if not images:
            return np.zeros((0, len(self.classes)))
        return map_views(self._outputs, images, self._transform, self.device, self.tta_views, batch_size).numpy()

    def predict_batch(self, images: list[Image.Image], batch_size: int = 16) -> np.ndarray:
        """Calibrated probabilities (N x classes)."""
        return self._rows(images, batch_size)[:, : len(self.classes)]

    def _outputs(self, x: torch.Tensor) -> torch.Tensor:
        """Per picture: the calibrated probabilities, then (for the unknown score) the
        pooled features; views and tiles average these rows."""
        outs = self.runner()(x)
        probs = F.softmax(outs[0].float() / self.calibration.temperature, dim=1)
        return torch.cat([probs, outs[1].float()], 1) if self.has_unknown else probs

    def predict_paths(self, paths: list[Path], top_k: int = 5, tiled: bool = False,
                      reporter: Reporter | None = None, cancel: CancelToken | None = None,
                      batch_size: int = 16) -> list[Prediction]:
        """Every path gets a Prediction; unreadable ones carry ``error`` instead of ``top``."""
        single = (lambda img, source: self.predict_image(img, top_k, True, source)) if tiled else None
        return predict_in_batches(paths, lambda images: self._rows(images, batch_size),
                                  lambda source, row: self._prediction(source, row, top_k), self._draft(tiled),
                                  batch_size, reporter, cancel, single)

    def evaluate_folder(self, root: Path | str, tiled: bool = False, reporter: Reporter | None = None,
                        cancel: CancelToken | None = None) -> tuple[Evaluation, list]:
        """Accuracy on a labelled class-per-folder tree whose classes the model knows."""
        return evaluate_on_folder(self, root, tiled, reporter, cancel)
