"""The live view's background work, as plain functions with ``reporter`` and ``cancel``
(see ``gui.workers``): loading a model as an :class:`Analyzer`, and analysing one
picture with every panel's extras. PyTorch is imported in the worker that runs them,
not where the window imports them (core.preload)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from effnet_app.core.explain.request import Request
from effnet_app.core.i18n import translate
from effnet_app.core.inference.cache import ClassifierCache
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.store.metadata import ModelMeta

if TYPE_CHECKING:
    from effnet_app.core.explain.analyzer import Analysis, Analyzer


def load_analyzer(models: ClassifierCache, ref: str, threads: int = 0, reporter: Reporter | None = None,
                  cancel: CancelToken | None = None) -> tuple[Analyzer, ModelMeta | None]:
    """The model ``ref`` ready for the live view (its ONNX graph with every tap), and
    its description (None for the built-in ImageNet models)."""
    from effnet_app.core.explain.analyzer import Analyzer

    clf = models.get(ref, reporter=reporter, cancel=cancel)
    (reporter or NullReporter()).progress(0.6, translate("live", "Preparing the live view"))
    return Analyzer.from_classifier(clf, threads=threads), clf.meta


def analyze_picture(analyzer: Analyzer, image: np.ndarray, request: Request, reporter: Reporter | None = None,
                    cancel: CancelToken | None = None) -> Analysis:
    return analyzer.analyze(image, request)
