"""Scores on the validation pictures: probabilities, loss and the evaluation."""

from __future__ import annotations

from functools import partial

import torch
import torch.nn.functional as F
from PIL import Image

from effnet_app.core.data.preprocess import eval_array, map_views
from effnet_app.core.metrics import Evaluation, evaluate_predictions
from effnet_app.core.models.network import Net
from effnet_app.core.models.variants import Preprocess
from effnet_app.core.progress import CancelToken
from effnet_app.core.training.images import LoadedImages


@torch.inference_mode()
def predict_probs(
    net: Net, images: list[Image.Image], pp: Preprocess, device: torch.device,
    views: int = 1, batch_size: int = 32, cancel: CancelToken | None = None,
) -> torch.Tensor:
    net.eval()
    if not images:
        return torch.zeros(0, net.num_classes)
    return map_views(lambda x: F.softmax(net(x), dim=1), images, partial(eval_array, pp=pp), device, views,
                     batch_size, cancel)


def evaluate_loaded(net, loaded: LoadedImages, classes, pp, device, views=1, cancel=None) -> tuple[Evaluation, float]:
    probs = predict_probs(net, loaded.images, pp, device, views, cancel=cancel)
    y = torch.tensor(loaded.labels)
    loss = float(F.nll_loss(torch.log(probs.clamp_min(1e-8)), y)) if len(y) else float("nan")
    ev = evaluate_predictions(
        y.numpy(), probs.argmax(1).numpy(), classes, [str(p) for p in loaded.paths], probs.numpy()
    )
    return ev, loss
