"""Prediction from a saved model's exported ONNX graph, with ONNX Runtime, NumPy and
Pillow alone: a process that only predicts never imports PyTorch (about 2 s of every
start on a small CPU), so one picture is answered in a fraction of a second.

The graph is exported when the model is saved, and again whenever PyTorch predicts
with a file that has none (:meth:`Classifier.load`); the export is kept only after it
gave PyTorch's answers on a test batch. It is cached under the model file's content
digest (:func:`graph_file`), so a graph serves exactly the bytes it was made from: a
changed or replaced model file finds no graph and goes through PyTorch again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from effnet_app.core.data.content import content_digest
from effnet_app.core.data.framing import dihedral, frame
from effnet_app.core.data.images import open_image
from effnet_app.core.errors import ImageError
from effnet_app.core.inference.calibration import Calibration, softmax
from effnet_app.core.inference.quantize import usable_int8
from effnet_app.core.inference.session import open_session
from effnet_app.core.inference.results import Calibrated, Prediction, answer, evaluate_on_folder, predict_in_batches
from effnet_app.core.metrics import Evaluation
from effnet_app.core.paths import cache_dir
from effnet_app.core.progress import CancelToken, Reporter
from effnet_app.core.store.metadata import ModelMeta
from effnet_app.core.store.model_file import read_model_meta, read_unknown_arrays


def graph_file(model: Path, scored: bool) -> Path:
    """Where the graph exported from the model file ``model`` is cached. ``scored``: the
    graph also gives the pooled features the "None of these" score needs."""
    what = "scored" if scored else "logits"
    return cache_dir() / "onnx" / f"model-{content_digest(Path(model))}-{what}.onnx"


class GraphClassifier(Calibrated):
    """A saved model's classes, preprocessing and calibration around its exported graph;
    answers as :class:`~effnet_app.core.inference.predict.Classifier` does (without tiles)."""

    engine = "onnx"

    def __init__(self, session, meta: ModelMeta, calibration: Calibration, precision: str = "float32") -> None:
        self.session = session
        self.precision = precision  # "int8" when the checked int8 graph runs (inference.quantize)
        self.meta = meta
        self.calibration = calibration
        self.classes = list(meta.classes)
        self.preprocess = meta.preprocess
        self.tta_views = meta.tta_views

    @classmethod
    def open(cls, model: Path | str, threads: int = 0, int8: bool = True) -> GraphClassifier | None:
        """The model file ``model`` (checked as :func:`read_model_meta` checks it) run from
        its cached graph -- the int8 one if ``int8`` and its check at save kept it; None when there is none yet, ONNX Runtime is missing or the
        cached graph does not load or fit: the caller then uses the PyTorch Classifier."""
        path = Path(model)
        meta = read_model_meta(path)
        calibration = Calibration.of_model(meta, read_unknown_arrays(path, meta))
        graph = graph_file(path, calibration.has_unknown)
        if not graph.is_file():
            return None
        quantized = usable_int8(graph) if int8 else None
        try:
            session = open_session(quantized or graph, threads, spinning=False)
        except Exception:  # noqa: BLE001 -- no ONNX Runtime, or a damaged cache file: PyTorch will export again
            return None
        outputs = session.get_outputs()
        if len(outputs) != (2 if calibration.has_unknown else 1) or outputs[0].shape[-1] != len(meta.classes):
            return None
        return cls(session, meta, calibration, "int8" if quantized else "float32")

    def _outputs(self, x: np.ndarray) -> np.ndarray:
        outs = self.session.run(None, {"image": x})
        probs = softmax(outs[0], self.calibration.temperature).astype(np.float32)
        return np.concatenate([probs, outs[1]], 1) if self.has_unknown else probs

    def _rows(self, images: list[Image.Image]) -> np.ndarray:
        """Per picture: calibrated probabilities (then pooled features), averaged over views."""
        x = np.stack([frame(im, self.preprocess) for im in images])
        return np.mean([self._outputs(v) for v in dihedral(x, self.tta_views)], axis=0)

    def predict_image(self, img: Image.Image, top_k: int = 5, source: str = "") -> Prediction:
        return answer(source, self._rows([img])[0], self.classes, self.calibration, top_k)

    def predict_file(self, path: Path | str, top_k: int = 5) -> Prediction:
        try:
            img = open_image(Path(path), draft=self.preprocess.min_side)
        except ImageError as e:
            return Prediction(str(path), [], None, str(e))
        return self.predict_image(img, top_k, str(path))

    def predict_paths(self, paths: list[Path], top_k: int = 5, tiled: bool = False,
                      reporter: Reporter | None = None, cancel: CancelToken | None = None,
                      batch_size: int = 16) -> list[Prediction]:
        """As :meth:`Classifier.predict_paths`; tiles are PyTorch's (``tiled`` must be False)."""
        if tiled:
            raise ValueError("tiles need the PyTorch Classifier")
        return predict_in_batches(paths, self._rows,
                                  lambda source, row: answer(source, row, self.classes, self.calibration, top_k),
                                  self.preprocess.min_side, batch_size, reporter, cancel)

    def evaluate_folder(self, root: Path | str, tiled: bool = False, reporter: Reporter | None = None,
                        cancel: CancelToken | None = None) -> tuple[Evaluation, list]:
        return evaluate_on_folder(self, root, tiled, reporter, cancel)
