"""Export a classifier to ONNX and prove the export agrees with torch.

The ONNX file carries the preprocessing contract (size, resize/crop, mean, std,
interpolation) and the class names in its metadata, so another program can feed it
exactly as this app does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch

from effnet_app.core.data.images import open_image
from effnet_app.core.data.preprocess import eval_transform
from effnet_app.core.errors import EffNetError
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.i18n import translate
from effnet_app.core.inference.engine import OnnxRunner, export_graph, smooth_probe
from effnet_app.core.inference.predict import Classifier

FORMATS = ("onnx",)


@dataclass
class ExportCheck:
    images: int
    max_abs_diff: float
    top1_agreement: float

    def to_dict(self) -> dict:
        return {"images": self.images, "max_abs_diff": self.max_abs_diff, "top1_agreement": self.top1_agreement}


def export_onnx(clf: Classifier, out: Path, sample_images: list[Path] | None = None,
                tolerance: float = 1e-3) -> ExportCheck:
    """Write ``clf`` as an ONNX file with its preprocessing and class names in the
    metadata, after checking that ONNX Runtime gives the same answers as PyTorch on
    up to 8 of ``sample_images`` (smooth noise when none are given). A graph that
    disagrees is refused and nothing is written."""
    import onnx

    net = clf.net.to("cpu").eval()
    model = onnx.load_from_string(export_graph(net, clf.preprocess.size, output_names=["logits"]))
    meta = {
        "effnet_studio.variant": clf.variant.name,
        "effnet_studio.classes": json.dumps(clf.classes, ensure_ascii=False),
        "effnet_studio.preprocess": json.dumps(clf.preprocess.to_dict()),
        "effnet_studio.input": "float32 NCHW RGB, (pixel/255 - mean) / std; output: logits (softmax for probabilities)",  # i18n: ignore (metadata for programmers)
    }
    for k, v in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    data = model.SerializeToString()
    check = _agreement(clf, data, sample_images or [], tolerance)
    atomic_write_bytes(Path(out), data)
    return check


def _agreement(clf: Classifier, graph: bytes, sample_images: list[Path], tolerance: float) -> ExportCheck:
    """Run PyTorch and ONNX Runtime on the same inputs; refuse the export if they differ."""
    tf = eval_transform(clf.preprocess)
    pictures = [tf(open_image(p)) for p in sample_images[:8]]
    x = torch.stack(pictures) if len(pictures) >= 2 else smooth_probe(clf.preprocess.size)
    with torch.inference_mode():
        ref = clf.net.to("cpu").eval()(x)
    got = OnnxRunner(graph)(x)
    diff = float((ref - got).abs().max())
    agree = float((ref.argmax(1) == got.argmax(1)).float().mean())
    if diff > tolerance or agree < 1.0:
        raise EffNetError(translate("export", "The ONNX export does not agree with the original model (difference {diff}); nothing was saved.")
                          .format(diff=f"{diff:.2g}"))
    return ExportCheck(len(x), diff, agree)
