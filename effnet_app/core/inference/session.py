"""The one place where ONNX Runtime sessions are opened (CPU), so that every graph --
the engine's, a saved model's, its int8 form -- runs with the same options. No PyTorch."""

from __future__ import annotations

from pathlib import Path


def open_session(model: bytes | str | Path, threads: int = 0, spinning: bool = True):
    """An ``onnxruntime.InferenceSession`` on the CPU for ``model`` (a file or its bytes).
    ``threads``: 0 lets ONNX Runtime pick, one per physical core. ``spinning=False`` when
    the calling thread does other work between runs (decoding the next pictures): idle
    workers that spin for work would take the cores it needs."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = threads
    if not spinning:
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 3
    return ort.InferenceSession(model if isinstance(model, bytes) else str(model), opts,
                                providers=["CPUExecutionProvider"])
