"""The classifier the window works with, loaded once and shared by its pages and
their worker threads. One is kept: a model can be hundreds of megabytes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from effnet_app.core.progress import CancelToken, Reporter

if TYPE_CHECKING:  # PyTorch is imported on the first load, not when the window opens
    from effnet_app.core.inference.predict import Classifier


@dataclass(frozen=True)
class LoadOptions:
    """How a model is loaded: the user's device, engine and weights mirror settings."""

    device: str = "auto"
    engine: str = "auto"
    mirror: str | None = None


class ClassifierCache:
    def __init__(self, options: LoadOptions | None = None, shares: dict[str, float] | None = None) -> None:
        self.options = options or LoadOptions()
        self._loaded: dict[str, Classifier] = {}
        self._shares = dict(shares or {})  # "None of these": the share the user chose, per model
        self._lock = threading.Lock()

    def get(self, ref: str, reporter: Reporter | None = None, cancel: CancelToken | None = None) -> Classifier:
        """The classifier for ``ref`` (a model file or "imagenet:VARIANT"), loading it
        the first time (safe to call from several threads)."""
        with self._lock:
            clf, options = self._loaded.get(ref), self.options
        if clf is None:
            from effnet_app.core.inference.predict import Classifier

            clf = Classifier.load(ref, device=options.device, reporter=reporter, cancel=cancel,
                                  mirror=options.mirror, engine=options.engine)
            with self._lock:
                if ref in self._shares:
                    clf.set_unknown_share(self._shares[ref])
                if options == self.options:  # not loaded with options that changed meanwhile
                    self._loaded = {ref: clf}
        return clf

    def set_unknown_share(self, ref: str, share: float) -> None:
        """The user moved the "None of these" slider: the loaded classifier (and the live
        view's analyser, which shares its calibration) answers with ``share`` now."""
        with self._lock:
            self._shares[ref] = share
            clf = self._loaded.get(ref)
            if clf is not None:
                clf.set_unknown_share(share)

    def configure(self, options: LoadOptions) -> None:
        """New settings: what was loaded with the old ones is dropped."""
        with self._lock:
            if options != self.options:
                self.options, self._loaded = options, {}

    def forget(self, ref: str | None = None) -> None:
        """Drop ``ref`` (a model file that was deleted or replaced), or everything."""
        with self._lock:
            if ref is None:
                self._loaded = {}
            else:
                self._loaded.pop(ref, None)
