"""Export a classifier to ONNX and prove the export agrees with torch.

The ONNX file carries the preprocessing contract (size, resize/crop, mean, std,
interpolation) and the class names in its metadata, so another program can feed it
exactly as this app does.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from effnet_app.core.errors import EffNetError
from effnet_app.core.i18n import translate
from effnet_app.core.data.images import open_image
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
    import onnx

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    net = clf.net.to("cpu").eval()
    size = clf.preprocess.size
    dummy = torch.zeros(1, 3, size, size)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                net, (dummy,), tmp, input_names=["image"], output_names=["logits"],
                dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
                opset_version=17, dynamo=False,
            )
        model = onnx.load(tmp)
        meta = {
            "effnet_studio.variant": clf.variant.name,
            "effnet_studio.classes": json.dumps(clf.classes, ensure_ascii=False),
            "effnet_studio.preprocess": json.dumps(clf.preprocess.to_dict()),
            "effnet_studio.input": "float32 NCHW RGB, (pixel/255 - mean) / std; output: logits (softmax for probabilities)",  # i18n: ignore (metadata for programmers)
        }
        for k, v in meta.items():
            entry = model.metadata_props.add()
            entry.key, entry.value = k, v
        onnx.save(model, tmp)
        check = verify_onnx(clf, Path(tmp), sample_images or [], tolerance)
        os.replace(tmp, out)
        return check
    finally:
        Path(tmp).unlink(missing_ok=True)


def verify_onnx(clf: Classifier, path: Path, sample_images: list[Path], tolerance: float) -> ExportCheck:
    """Run torch and ONNX Runtime on the same inputs; refuse the export if they differ."""
    import onnxruntime as ort

    from effnet_app.core.data.preprocess import eval_transform

    tf = eval_transform(clf.preprocess)
    inputs = [tf(open_image(p)) for p in sample_images[:8]]
    gen = torch.Generator().manual_seed(0)
    while len(inputs) < 2:  # no images given: random inputs still exercise every layer
        inputs.append(torch.randn(3, clf.preprocess.size, clf.preprocess.size, generator=gen))
    x = torch.stack(inputs)
    with torch.inference_mode():
        ref = clf.net.to("cpu").eval()(x).numpy()
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = sess.run(["logits"], {"image": x.numpy()})[0]
    diff = float(np.abs(ref - got).max())
    agree = float((ref.argmax(1) == got.argmax(1)).mean())
    if diff > tolerance or agree < 1.0:
        raise EffNetError(translate("export", "The ONNX export does not agree with the original model (difference {diff}); nothing was saved.")
                          .format(diff=f"{diff:.2g}"))
    return ExportCheck(len(inputs), diff, agree)
