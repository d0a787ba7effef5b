"""Colour maps for feature maps, SE gates and heat maps: values in [0, 1] -> RGB uint8.

Perceptually ordered maps (matplotlib's viridis and inferno, sampled at 9 anchors and
interpolated to 256 entries) so a brighter colour always means a larger value.
"""

from __future__ import annotations

import numpy as np

_ANCHORS = {
    "viridis": [(68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
                (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37)],
    "inferno": [(0, 0, 4), (31, 12, 72), (85, 15, 109), (136, 34, 106), (186, 54, 85),
                (227, 89, 51), (249, 140, 10), (249, 201, 50), (252, 255, 164)],
}


def _lut(name: str) -> np.ndarray:
    anchors = np.asarray(_ANCHORS[name], np.float32)
    x = np.linspace(0, len(anchors) - 1, 256)
    lo = np.floor(x).astype(int).clip(0, len(anchors) - 2)
    t = (x - lo)[:, None]
    return np.round(anchors[lo] * (1 - t) + anchors[lo + 1] * t).astype(np.uint8)


LUTS = {name: _lut(name) for name in _ANCHORS}


def colorize(values: np.ndarray, name: str = "viridis") -> np.ndarray:
    """``values`` (any shape, expected in [0, 1]) -> the same shape + 3, RGB uint8."""
    idx = np.clip(np.nan_to_num(values) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return LUTS[name][idx]


def normalize(a: np.ndarray) -> np.ndarray:
    """Min-max to [0, 1]; a constant map becomes 0."""
    a = a.astype(np.float32)
    lo, hi = float(a.min()), float(a.max())
    return (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)
