"""Scores on the validation pictures: probabilities, features, loss and the evaluation."""

from __future__ import annotations

from functools import partial

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from effnet_app.core.data.preprocess import eval_array, map_views
from effnet_app.core.devices import INFER_PIXELS, pictures_at_once
from effnet_app.core.inference.calibration import Calibration
from effnet_app.core.memory import blocks_kept
from effnet_app.core.metrics import Evaluation, evaluate_predictions
from effnet_app.core.models.network import Net
from effnet_app.core.models.variants import Preprocess
from effnet_app.core.progress import CancelToken
from effnet_app.core.training.images import LoadedImages


@torch.inference_mode()
def probs_and_features(
    net: Net, images: list[Image.Image], pp: Preprocess, device: torch.device,
    views: int = 1, temperature: float = 1.0, batch_size: int = 32, cancel: CancelToken | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Softmax of logits / ``temperature`` (N x classes) and pooled features (N x width),
    each averaged over ``views`` dihedral views, in one pass."""
    net.eval()
    if not images:
        return torch.zeros(0, net.num_classes), torch.zeros(0, net.width)

    def both(x: torch.Tensor) -> torch.Tensor:
        f = net.embed(x)
        return torch.cat([F.softmax(net.classifier(f).float() / temperature, dim=1), f.float()], 1)

    if device.type == "cpu":
        batch_size = min(batch_size, pictures_at_once(INFER_PIXELS, pp.size))
    with blocks_kept():  # the batches' blocks reused, not mapped and unmapped (core.memory)
        out = map_views(both, images, partial(eval_array, pp=pp), device, views, batch_size, cancel)
    return out[:, :net.num_classes], out[:, net.num_classes:]


def logits_of(net: Net, features: torch.Tensor) -> np.ndarray:
    """The head's logits for pooled features (the head is linear after the dropout)."""
    head = net.eval().classifier
    with torch.inference_mode():
        return head(features.float().to(next(head.parameters()).device)).double().cpu().numpy()


def evaluate_loaded(net, loaded: LoadedImages, classes, pp, device, views=1, cancel=None,
                    calibration: Calibration | None = None) -> tuple[Evaluation, float]:
    """The evaluation of ``loaded`` (with the calibration: calibrated probabilities and
    how many are answered "None of these") and its loss."""
    calibration = calibration or Calibration()
    probs, feats = probs_and_features(net, loaded.images, pp, device, views, calibration.temperature, cancel=cancel)
    y = torch.tensor(loaded.labels)
    loss = float(F.nll_loss(torch.log(probs.clamp_min(1e-8)), y)) if len(y) else float("nan")
    scores = unknown = None
    if calibration.has_unknown and len(y):
        scores = calibration.score(feats.numpy())
        unknown = scores > calibration.threshold()
    ev = evaluate_predictions(y.numpy(), probs.argmax(1).numpy(), classes, [str(p) for p in loaded.paths],
                              probs.numpy(), unknown_scores=scores, unknown=unknown)
    return ev, loss
