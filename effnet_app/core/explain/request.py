"""What the live view asks the analyser for besides the prediction: its own small
module, without PyTorch, because the window builds requests before PyTorch is loaded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    """Which extras to compute besides the prediction (the visible panels). Immutable:
    the live view swaps in a new one while the inference thread reads the current."""

    gates: bool = True
    stage: int | None = None  # feature maps of this stage (index into Analyzer.stages)
    maps: int = 16  # how many of its most active channels
    gradcam: bool = False
    cam_class: int | None = None  # None: the predicted class
    se_block: int | None = None  # SE detail for this block
    se_channel: int | None = None  # None: its most excited channel
    top_channels: int = 8
