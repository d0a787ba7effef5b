"""Answers: the ONNX export and engines, the classifier, export for other tools, metrics."""
