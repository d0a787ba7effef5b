"""Classify images with a trained bundle or with the ImageNet head of a variant."""

from __future__ import annotations

import csv
import io
from functools import partial
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from effnet_app.core.store.metadata import MAX_SHARE, ModelMeta
from effnet_app.core.store.model_file import load_model
from effnet_app.core.data.dataset import scan_folder
from effnet_app.core.devices import pick_device
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.inference.engine import choose, onnx_runner, torch_runner
from effnet_app.core.inference.unknown import UnknownScore
from effnet_app.core.errors import BundleError, ConfigError, EffNetError, ImageError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.data.images import is_image_name, open_image
from effnet_app.core.metrics import Evaluation, evaluate_predictions, top_classes
from effnet_app.core.models.network import Net, build_net, imagenet_categories
from effnet_app.core.data.preprocess import dihedral_views, eval_array, map_views, tiles
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.models.variants import Preprocess, Variant, get_variant

IMAGENET_PREFIX = "imagenet:"


@dataclass
class Prediction:
    source: str
    top: list[tuple[str, float]]  # (class, probability), best first
    probs: np.ndarray | None = None
    error: str | None = None
    unknown_score: float | None = None  # higher = less like the training pictures; None: no such answer
    unknown: bool | None = None  # answered "None of these" (at the classifier's threshold when made)

    @property
    def label(self) -> str | None:
        """The closest class (also when the answer is "None of these")."""
        return self.top[0][0] if self.top else None

    def to_dict(self) -> dict:
        d = {"source": self.source, "top": [{"class": c, "probability": round(p, 6)} for c, p in self.top]}
        if self.error:
            d["error"] = self.error
        else:
            d["unknown"] = self.unknown
            d["unknown_score"] = None if self.unknown_score is None else round(self.unknown_score, 6)
        return d


class Classifier:
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

    @property
    def has_unknown(self) -> bool:
        """Whether this model can answer "None of these" (models trained before it cannot)."""
        return self.calibration.has_unknown

    @property
    def unknown_share(self) -> float:
        """Share of pictures like the training ones that are called "None of these"."""
        return self.calibration.share

    def set_unknown_share(self, share: float) -> None:
        self.calibration.share = min(max(float(share), 0.0), MAX_SHARE)

    def is_unknown(self, score: float | None) -> bool | None:
        return None if score is None else bool(score > self.calibration.threshold())

    def runner(self):
        """The function from a preprocessed batch to the graph's outputs: the logits, and
        the pooled features when the model has an unknown score (built on first use: an
        ONNX export, when not cached yet, takes about a second)."""
        if self._runner is None:
            what = "scored" if self.has_unknown else "logits"
            if self.engine == "onnx":
                onnx = onnx_runner(self.net, self.variant, self.preprocess.size, what=what)
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
        arrays = b.unknown_arrays
        calibration = Calibration(b.meta.temperature, UnknownScore.from_arrays(arrays) if arrays else None,
                                  b.meta.unknown_quantiles, b.meta.unknown_share)
        return cls(net, b.classes, b.preprocess, b.variant, b.tta_views, device, b.meta, engine, calibration)

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
        probs = row[: len(self.classes)]
        score = float(self.calibration.score(row[None, len(self.classes):])[0]) if self.has_unknown else None
        return Prediction(source, top_classes(probs, self.classes, k), probs, None, score, self.is_unknown(score))

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
        reporter = reporter or NullReporter()
        results: list[Prediction] = []
        pending: list[tuple[int, Image.Image]] = []

        def flush():
            rows = self._rows([im for _, im in pending], batch_size)
            for (i, _), row in zip(pending, rows):
                results[i] = self._prediction(str(paths[i]), row, top_k)
            pending.clear()

        for i, path in enumerate(paths):
            if cancel is not None:
                cancel.check()
            results.append(Prediction(str(path), []))
            try:
                img = open_image(path, draft=self._draft(tiled))
            except ImageError as e:
                results[i].error = str(e)
                continue
            if tiled:
                results[i] = self.predict_image(img, top_k, True, str(path))
            else:
                pending.append((i, img))
                if len(pending) >= batch_size:
                    flush()
            reporter.progress((i + 1) / max(len(paths), 1),
                              translate("predict", "Classifying {done}/{total}").format(done=i + 1, total=len(paths)))
        if pending:
            flush()
        return results

    def evaluate_folder(self, root: Path | str, tiled: bool = False, reporter: Reporter | None = None,
                        cancel: CancelToken | None = None) -> tuple[Evaluation, list]:
        """Accuracy on a labelled class-per-folder tree whose classes the model knows."""
        index = scan_folder(root)
        unknown = [c for c in index.classes if c not in self.classes]
        if unknown:
            raise EffNetError(translate("predict", "The folder has classes the model does not know: {unknown}. The model knows: {known}.")
                              .format(unknown=", ".join(unknown), known=", ".join(self.classes)))
        paths = [p for p, _ in index.samples]
        preds = self.predict_paths(paths, 1, tiled, reporter, cancel)
        keep = [(s, p) for s, p in zip(index.samples, preds) if p.error is None]
        y_true = np.array([self.classes.index(index.classes[label]) for (_, label), _ in keep], dtype=int)
        probs = np.stack([p.probs for _, p in keep]) if keep else np.zeros((0, len(self.classes)))
        scores = np.asarray([p.unknown_score for _, p in keep], dtype=float) if self.has_unknown else None
        ev = evaluate_predictions(y_true, probs.argmax(1) if len(keep) else np.zeros(0, int), self.classes,
                                  [str(s[0]) for s, _ in keep], probs, all_samples=True, unknown_scores=scores,
                                  unknown=None if scores is None else scores > self.calibration.threshold())
        problems = list(index.problems) + [p for p in preds if p.error]
        return ev, problems


def list_images(target: Path) -> list[Path]:
    """One image, or every image under a folder (recursively, sorted)."""
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.is_file() and is_image_name(p) and not p.name.startswith("."))
    return [target]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula


def spreadsheet_text(text: str) -> str:
    """A name (file, class, message) as a CSV cell a spreadsheet shows as text: a
    leading formula character gets a ' in front (OWASP's advice for CSV injection),
    NUL bytes go."""
    text = text.replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(predictions: list[Prediction], out: Path, top_k: int) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    header = ["file"]
    for i in range(1, top_k + 1):
        header += [f"class_{i}", f"probability_{i}"]
    w.writerow(header + ["unknown", "unknown_score", "error"])
    for p in predictions:
        row: list = [spreadsheet_text(p.source)]
        for i in range(top_k):
            row += [spreadsheet_text(p.top[i][0]), f"{p.top[i][1]:.6f}"] if i < len(p.top) else ["", ""]
        # Empty for a model without the "None of these" answer, and for unreadable files.
        unknown = "" if p.unknown is None else str(p.unknown).lower()
        score = "" if p.unknown_score is None else f"{p.unknown_score:.6f}"
        w.writerow(row + [unknown, score, spreadsheet_text(p.error or "")])
    atomic_write_bytes(out, buf.getvalue().encode("utf-8"))
    return out
