"""A saved model's graph composed without PyTorch: the pretrained backbone's graph
(picture -> pooled features, core.training.backbone) with the fitted linear head
added as one ``Gemm``, giving the outputs an export from PyTorch gives ("out": the
logits; with ``scored``, "out1": the pooled features for the "None of these" score).
Checked on pictures before it is kept (:func:`agrees`)."""

from __future__ import annotations

import numpy as np

FEATURES_OUT, LOGITS_OUT = "out1", "out"


def with_head(backbone: bytes, weight: np.ndarray, bias: np.ndarray, scored: bool) -> bytes:
    """The backbone graph's bytes with the head ``weight`` (classes x width), ``bias``."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load_from_string(backbone)
    graph = model.graph
    (features,) = graph.output
    old = features.name
    for node in graph.node:  # the pooled features get the scored graph's name for them
        node.output[:] = [FEATURES_OUT if o == old else o for o in node.output]
        node.input[:] = [FEATURES_OUT if i == old else i for i in node.input]
    features.name = FEATURES_OUT
    graph.initializer.extend([numpy_helper.from_array(np.ascontiguousarray(weight, dtype=np.float32), "head.weight"),
                              numpy_helper.from_array(np.ascontiguousarray(bias, dtype=np.float32), "head.bias")])
    graph.node.append(helper.make_node("Gemm", [FEATURES_OUT, "head.weight", "head.bias"], [LOGITS_OUT], transB=1))  # i18n: ignore
    batch = features.type.tensor_type.shape.dim[0]
    logits = helper.make_tensor_value_info(LOGITS_OUT, TensorProto.FLOAT, [batch.dim_param or None, len(bias)])
    outputs = [logits, features] if scored else [logits]
    del graph.output[:]
    graph.output.extend(outputs)
    onnx.checker.check_model(model)
    return model.SerializeToString()


def agrees(session, backbone_session, pictures: np.ndarray, weight: np.ndarray, bias: np.ndarray,
           tolerance: float = 1e-3) -> bool:
    """The composed graph gives, on ``pictures`` (framed, N x 3 x H x W), the backbone's
    features and the head's logits on them, within ``tolerance`` of each output's scale."""
    got = session.run(None, {"image": pictures})
    features = backbone_session.run(None, {"image": pictures})[0].astype(np.float64)
    expected = [features @ weight.T.astype(np.float64) + bias.astype(np.float64), features][:len(got)]
    return all(g.shape == e.shape and float(np.abs(g - e).max()) <= tolerance * max(1.0, float(np.abs(e).max()))
               for g, e in zip(got, expected))
