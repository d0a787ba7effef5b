"""int8 graphs: static post-training quantisation of a saved model's graph, kept only
where it answers as the float graph does.

ONNX Runtime's QDQ format with per-channel weights, calibrated on training pictures
(min-max ranges). The convolutions are quantised; the pooling and the classifier stay
float: quantised too, they cost agreement and (on the rocks) speed. The int8 graph is
checked on the held-out pictures against the float graph and kept only when their top-1
answers agree on at least :data:`AGREEMENT` of them, its accuracy is not lower and, for
a model that can answer "None of these", that answer agrees on at least
:data:`UNKNOWN_AGREEMENT` of them (it is a threshold on a continuous score: pictures
close to it change sides under any change of arithmetic). The verdict, with its
figures, is written beside the graphs (:func:`verdict_file`), so a refusal is said
once, at save, and never tried again. The reasons are for the log and the CLI's JSON
summary, in English like the rest of the log.
No PyTorch here.
"""

from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from effnet_app.core.data.framing import frame
from effnet_app.core.files import atomic_write_bytes
from effnet_app.core.inference.calibration import Calibration, softmax
from effnet_app.core.inference.session import open_session
from effnet_app.core.models.variants import Preprocess

AGREEMENT = 0.99  # of held-out pictures whose answer the int8 graph must share with the float one
UNKNOWN_AGREEMENT = 0.95  # the same for the "None of these" answer
CALIBRATION_PICTURES = 64  # training pictures that set the activation ranges
# Operators left in float (names of ONNX operators).
FLOAT_TAIL = ("GlobalAveragePool", "ReduceMean", "Flatten", "Gemm", "MatMul")  # i18n: ignore
BATCH = 16
log = logging.getLogger("effnet_app")


@dataclass(frozen=True)
class Int8Check:
    """How the int8 graph answered the held-out pictures, against the float graph."""

    used: bool
    pictures: int
    top1_agreement: float
    accuracy_float: float
    accuracy_int8: float
    unknown_agreement: float | None  # None: the model has no "None of these" answer
    reason: str = ""  # why it is not used ("" when it is)

    def to_dict(self) -> dict:
        return asdict(self)


def int8_file(graph: Path) -> Path:
    return graph.with_name(graph.stem + "-int8.onnx")


def verdict_file(graph: Path) -> Path:
    return graph.with_name(graph.stem + "-int8.json")


def usable_int8(graph: Path) -> Path | None:
    """The int8 graph of ``graph`` when its check kept it, else None."""
    try:
        used = json.loads(verdict_file(graph).read_text(encoding="utf-8")).get("used") is True
    except (OSError, ValueError, AttributeError):
        return None
    q = int8_file(graph)
    return q if used and q.is_file() else None


def _run(session, x: np.ndarray) -> list[np.ndarray]:
    parts = [session.run(None, {"image": x[i:i + BATCH]}) for i in range(0, len(x), BATCH)]
    return [np.concatenate([p[k] for p in parts]) for k in range(len(parts[0]))]


def _answers(outs: list[np.ndarray], calibration: Calibration) -> tuple[np.ndarray, np.ndarray | None]:
    """Top-1 classes and, with an unknown score, the "None of these" answers."""
    probs = softmax(outs[0], calibration.temperature)
    if not calibration.has_unknown:
        return probs.argmax(1), None
    return probs.argmax(1), calibration.score(outs[1]) > calibration.threshold()


def quantize_graph(graph: Path, calibration_inputs: np.ndarray, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter(calibration_inputs[i:i + 1] for i in range(len(calibration_inputs)))

        def get_next(self):
            x = next(self.batches, None)
            return None if x is None else {"image": x}

    with tempfile.TemporaryDirectory() as tmp:
        prepared = Path(tmp) / "prepared.onnx"
        quant_pre_process(str(graph), str(prepared), skip_symbolic_shape=True)
        tail = [n.name for n in onnx.load(str(prepared)).graph.node if n.op_type in FLOAT_TAIL]
        quantize_static(str(prepared), str(Path(tmp) / "int8.onnx"), Reader(), quant_format=QuantFormat.QDQ,
                        per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        nodes_to_exclude=tail)
        atomic_write_bytes(out, (Path(tmp) / "int8.onnx").read_bytes())


def check_int8(graph: Path, pp: Preprocess, calibration: Calibration, training: list[Image.Image],
               held_out: list[Image.Image], labels: list[int]) -> Int8Check:
    """Quantise ``graph`` (a float graph from :func:`graph.graph_file`) on a spread of the
    ``training`` pictures, check it on the ``held_out`` ones (true classes ``labels``),
    and keep the int8 graph only if it passes. The verdict is written and logged."""
    if not held_out:
        check = Int8Check(False, 0, 0.0, 0.0, 0.0, None, "no held-out pictures to check it on")  # i18n: ignore
    else:
        step = max(1, len(training) // CALIBRATION_PICTURES)
        spread = training[::step][:CALIBRATION_PICTURES]
        quantize_graph(graph, np.stack([frame(im, pp) for im in spread]), int8_file(graph))
        x = np.stack([frame(im, pp) for im in held_out])
        (top_f, unk_f), (top_q, unk_q) = (_answers(_run(open_session(g), x), calibration) for g in (graph, int8_file(graph)))
        y = np.asarray(labels)
        agree, acc_f, acc_q = float((top_f == top_q).mean()), float((top_f == y).mean()), float((top_q == y).mean())
        unknown = None if unk_f is None else float((unk_f == unk_q).mean())
        reasons = []
        if agree < AGREEMENT:
            reasons.append(f"top-1 answers agree on {agree:.1%} of {len(y)} held-out pictures"  # i18n: ignore
                           f" (at least {AGREEMENT:.0%} needed)")  # i18n: ignore
        if acc_q < acc_f:
            reasons.append(f"accuracy {acc_q:.1%} against {acc_f:.1%}")
        if unknown is not None and unknown < UNKNOWN_AGREEMENT:
            reasons.append(f"'None of these' answers agree on {unknown:.1%}"  # i18n: ignore
                           f" (at least {UNKNOWN_AGREEMENT:.0%} needed)")  # i18n: ignore
        check = Int8Check(not reasons, len(y), agree, acc_f, acc_q, unknown, "; ".join(reasons))
    if not check.used:
        int8_file(graph).unlink(missing_ok=True)
        log.info("The int8 graph is not used for %s: %s; predictions use the float graph.", graph.name, check.reason)
    atomic_write_bytes(verdict_file(graph), json.dumps(check.to_dict()).encode("utf-8"))
    return check
