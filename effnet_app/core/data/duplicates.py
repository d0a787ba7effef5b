"""Pictures that show the same thing: near-copies (resized, recompressed, cropped by a
few per cent) and overlapping views (two tiles of one micrograph, two frames of one
slide). Both leak between the training and validation pictures; copies across
classes also mean that one of them is filed wrongly.

How, chosen by measurement (docs/dataset-check.md): the network's pooled features do
not separate a copy from a genuine neighbour of the same kind (a copy resized to 60 %
scores 0.72-0.91 cosine against its original; two different pictures of one rock
score 0.91-0.98), and small thumbnails miss crops. Local keypoints do: ORB corners
of every picture go into one LSH index; each picture's corners vote for the pictures
they match, the few most-voted are checked geometrically (RANSAC similarity
transform), and the transform says how much of each picture the other covers. A
copy also looks the same once aligned (grey levels correlate); two photographs of
one field under another light, focus or polariser share the scene but not the look,
and are reported as overlapping views instead."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from effnet_app.core.progress import CancelToken, NullReporter, Reporter

SIDE = 320  # pictures are compared at this longest side (keypoints of a thumbnail-sized copy)
CORNERS = 300  # ORB corners per picture
CANDIDATES = 4  # most-voted pictures checked geometrically per picture
MIN_INLIERS = 40  # matched corners that one transform explains, for "the same scene"
COPY_COVER = 0.8  # both pictures at least this much inside each other, ...
COPY_LIKENESS = 0.9  # ... and their aligned grey levels correlating this well: a near-copy
LOOK_SIDE = 160  # the aligned comparison's scale


@dataclass(frozen=True)
class Match:
    a: int  # indices into the pictures given
    b: int
    inliers: int
    cover: float  # the smaller share of either picture that the other one covers (1.0: the same view)
    likeness: float  # correlation of the aligned grey levels where they overlap (1.0: the same look)

    @property
    def copy(self) -> bool:
        return self.cover >= COPY_COVER and self.likeness >= COPY_LIKENESS

    @property
    def similarity(self) -> float:
        """In [0, 1]: how much of the two pictures is one view (for sorting and reports)."""
        return round(self.cover, 3)


@dataclass
class _Corners:
    points: np.ndarray  # N x 2, in the SIDE-scaled picture
    descriptors: np.ndarray | None
    shape: tuple[int, int]  # (height, width) of the scaled picture
    look: np.ndarray  # the grey picture at half that scale, for the aligned comparison


def _corners(img: Image.Image, orb) -> _Corners:
    grey = np.asarray(img.convert("L"))
    scale = SIDE / max(grey.shape)
    h, w = max(8, round(grey.shape[0] * scale)), max(8, round(grey.shape[1] * scale))
    grey = cv2.resize(grey, (w, h), interpolation=cv2.INTER_AREA)
    keypoints, descriptors = orb.detectAndCompute(grey, None)
    points = np.float32([k.pt for k in keypoints]) if keypoints else np.zeros((0, 2), np.float32)
    look = cv2.resize(grey, (max(4, w * LOOK_SIDE // SIDE), max(4, h * LOOK_SIDE // SIDE)), interpolation=cv2.INTER_AREA)
    return _Corners(points, descriptors, (h, w), look)


def find_matches(images: list[Image.Image], reporter: Reporter | None = None,
                 cancel: CancelToken | None = None) -> list[Match]:
    """Pairs of ``images`` that show the same scene, most overlapping first."""
    reporter = reporter or NullReporter()
    cv2.setRNGSeed(0)  # RANSAC's samples: the same folder gives the same answer
    orb = cv2.ORB_create(nfeatures=CORNERS)
    corners = []
    for i, img in enumerate(images):
        if cancel is not None:
            cancel.check()
        corners.append(_corners(img, orb))
        reporter.progress(0.3 * (i + 1) / max(1, len(images)))
    candidates = _voted_pairs(corners, reporter, cancel)
    matches = []
    matcher = cv2.BFMatcher(cv2.NORM_HAMMING, crossCheck=True)  # one for every candidate pair
    for n, (i, j) in enumerate(sorted(candidates)):
        if cancel is not None:
            cancel.check()
        match = _verify(i, j, corners[i], corners[j], matcher)
        if match is not None:
            matches.append(match)
        reporter.progress(0.7 + 0.3 * (n + 1) / max(1, len(candidates)))
    return sorted(matches, key=lambda m: (-m.cover, -m.inliers, m.a, m.b))


def _voted_pairs(corners: list[_Corners], reporter: Reporter, cancel: CancelToken | None) -> set[tuple[int, int]]:
    """Each picture's corners look up their nearest corners among all pictures (LSH on
    the binary descriptors); the pictures they land on most are its candidates."""
    usable = [i for i, c in enumerate(corners) if c.descriptors is not None and len(c.points) >= 8]
    if len(usable) < 2:
        return set()
    owner = np.concatenate([np.full(len(corners[i].points), i) for i in usable])
    # LSH tables for binary descriptors. 4 tables of 20-bit keys: 1 s for the 234 rocks
    # (8 tables of 16 bits: 6 s) with every planted copy still found (bench.planted).
    index = cv2.FlannBasedMatcher(dict(algorithm=6, table_number=4, key_size=20, multi_probe_level=1),
                                  dict(checks=32))
    index.add([np.concatenate([corners[i].descriptors for i in usable])])
    index.train()
    pairs: set[tuple[int, int]] = set()
    for n, i in enumerate(usable):
        if cancel is not None:
            cancel.check()
        votes: dict[int, int] = {}
        for row in index.knnMatch(corners[i].descriptors, k=4):
            for m in row:
                j = int(owner[m.trainIdx])
                if j != i:
                    votes[j] = votes.get(j, 0) + 1
        for j, count in sorted(votes.items(), key=lambda v: -v[1])[:CANDIDATES]:
            if count >= MIN_INLIERS // 2:
                pairs.add((min(i, j), max(i, j)))
        reporter.progress(0.3 + 0.4 * (n + 1) / len(usable))
    return pairs


def _verify(i: int, j: int, a: _Corners, b: _Corners, matcher) -> Match | None:
    """A similarity transform (scale, turn, shift) that explains enough matched corners,
    and how much of each picture falls inside the other under it."""
    found = matcher.match(a.descriptors, b.descriptors)
    if len(found) < MIN_INLIERS:
        return None
    src = np.float32([a.points[m.queryIdx] for m in found])
    dst = np.float32([b.points[m.trainIdx] for m in found])
    transform, mask = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=4.0)
    if transform is None or mask is None or int(mask.sum()) < MIN_INLIERS:
        return None
    cover = min(_covered(transform, a.shape, b.shape), _covered(cv2.invertAffineTransform(transform), b.shape, a.shape))
    return Match(i, j, int(mask.sum()), cover, _likeness(transform, a.look, b.look))


def _likeness(transform: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of ``a`` warped onto ``b`` with ``b``, where they overlap."""
    t = transform.copy()
    t[:, 2] *= LOOK_SIDE / SIDE  # the same move at the smaller scale
    warped = cv2.warpAffine(a.astype(np.float32), t, (b.shape[1], b.shape[0]), flags=cv2.INTER_LINEAR, borderValue=-1.0)
    inside = cv2.erode((warped >= 0).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    if inside.sum() < 50:
        return 0.0
    x, y = warped[inside] - warped[inside].mean(), b[inside].astype(np.float32) - b[inside].mean()
    return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-6))


def _covered(transform: np.ndarray, src_shape: tuple[int, int], dst_shape: tuple[int, int]) -> float:
    """The share of the source picture that lands inside the destination picture."""
    h, w = src_shape
    ys, xs = np.mgrid[0:h:4, 0:w:4]
    points = np.stack([xs.ravel(), ys.ravel(), np.ones(xs.size)], axis=0)
    x, y = transform @ points
    inside = (x >= 0) & (x < dst_shape[1]) & (y >= 0) & (y < dst_shape[0])
    return float(inside.mean())
