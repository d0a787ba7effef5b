"""The classifier cache the window's pages share: one load per model, dropped when the
settings it was loaded with change or the model file goes."""

from effnet_app.core.inference.cache import ClassifierCache, LoadOptions
from effnet_app.core.inference.tasks import classify_in_chunks
from effnet_app.core.events import Predictions
from effnet_app.core.progress import CancelToken


class _Events:
    def __init__(self):
        self.events, self.fractions = [], []

    def progress(self, fraction, message=""):
        self.fractions.append(fraction)

    def event(self, event):
        self.events.append(event)


def test_loaded_once_then_dropped_when_the_options_change():
    cache = ClassifierCache(LoadOptions(device="cpu", engine="torch"))
    first = cache.get("imagenet:lite0")
    assert cache.get("imagenet:lite0") is first and first.engine == "torch"
    cache.configure(LoadOptions(device="cpu", engine="torch"))  # the same settings: kept
    assert cache.get("imagenet:lite0") is first
    cache.configure(LoadOptions(device="cpu", engine="onnx"))
    again = cache.get("imagenet:lite0")
    assert again is not first and again.engine == "onnx"
    cache.forget("imagenet:lite0")
    assert cache.get("imagenet:lite0") is not again


def test_classify_in_chunks_reports_each_chunk(small_rocks):
    paths = sorted(p for p in small_rocks.rglob("*") if p.is_file())[:5]
    out = _Events()
    n = classify_in_chunks(ClassifierCache(LoadOptions(device="cpu")), "imagenet:lite0", paths, 3, out, CancelToken())
    assert n == len(paths) == sum(len(e.items) for e in out.events if isinstance(e, Predictions))
    assert out.fractions[-1] == 1.0 and all(len(p.top) == 3 for e in out.events for p in e.items)
