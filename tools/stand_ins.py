"""Stand-ins for what these machines lack, for tests, benchmarks and screenshots only
(never shipped): a video file as the camera, and B0 weights with live SE gates where
its ImageNet checkpoint cannot be downloaded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch.nn.modules.batchnorm import _BatchNorm

from effnet_app.core.models.network import Net


def write_video(pictures: list[Path], path: Path, frames: int, fps: float = 30.0,
                size: tuple[int, int] = (640, 480), hold: int = 1) -> Path:
    """A Motion-JPEG ``.avi`` of ``frames`` frames cycling through ``pictures`` (each held
    for ``hold`` frames), resized to ``size``: a stand-in camera for tests, benchmarks
    and screenshots."""
    import cv2

    images = []
    for p in pictures:
        img = cv2.imdecode(np.fromfile(str(p), np.uint8), cv2.IMREAD_COLOR)  # non-ASCII paths too
        if img is not None:
            images.append(cv2.resize(img, size, interpolation=cv2.INTER_AREA))
    if not images:
        raise ValueError("none of the pictures for the video could be read")
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    try:
        for i in range(frames):
            writer.write(images[(i // max(1, hold)) % len(images)])
    finally:
        writer.release()
    return path


def calibrate_batchnorm(net: Net, batch: torch.Tensor) -> Net:
    """Set every BatchNorm layer's statistics to those of ``batch`` (dropout and
    stochastic depth off), then eval mode. For a network without trained weights:
    torchvision's initialisation lets B0's activations fade to ~1e-13 over 16 blocks,
    so every SE gate would be 0.5; measured statistics keep them alive. Used where
    B0's ImageNet weights cannot be had (tests, the screenshots' build machine)."""
    net.train()
    for m in net.modules():
        if isinstance(m, _BatchNorm):
            m.reset_running_stats()
            m.momentum = None  # a plain average over what it sees
        elif m is not net and not list(m.children()):
            m.eval()
    with torch.no_grad():
        net(batch)
    return net.eval()
