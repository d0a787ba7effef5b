"""Which pictures belong together, so that a validation split never puts one of them
on each side: near-copies and overlapping views of one scene (found by
``core.data.duplicates``), or the user's own rule that a sub-folder inside a class
is one specimen. A split that ignores this measures how well the model remembers a
picture, not how well it recognises a new one."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from pathlib import Path

from PIL import Image

from effnet_app.core.data.content import REMEMBERED, content_digest, name_of
from effnet_app.core.errors import ConfigError
from effnet_app.core.i18n import translate
from effnet_app.core.progress import CancelToken, Reporter

SPLITS = ("views", "subfolders", "prefix", "random")  # how training keeps pictures together (TrainConfig.split)
MATCHER_VERSION = 1  # raise when core.data.duplicates finds other matches: remembered groups are then stale
MAX_VIEW_PICTURES = 5000  # above this, finding views costs more than the training: not done


def picture_groups(how: str, samples: list[tuple[Path, int]], root: Path, images: list[Image.Image] | None = None,
                   reporter: Reporter | None = None, cancel: CancelToken | None = None,
                   side: int | None = None) -> list[int]:
    """A group number per sample (equal numbers: keep together). ``side``: the short side
    ``images`` were decoded to, which names them as well as their sizes do: remembered
    groups are then found without looking at the pictures (they may be decoded lazily)."""
    if how == "random" or (how == "views" and (images is None or len(images) > MAX_VIEW_PICTURES)):
        return list(range(len(samples)))
    if how in ("subfolders", "prefix"):
        keys = [(_specimen if how == "subfolders" else _prefix)(path, root) for path, _ in samples]
        numbers: dict[str, int] = {}
        return [numbers.setdefault(k, len(numbers)) for k in keys]
    if how != "views":
        raise ConfigError(translate("dataset", "Unknown way to keep pictures together '{name}'; use one of: {names}.")
                          .format(name=how, names=", ".join(SPLITS)))
    groups = _remembered(samples, images, side)
    if groups is not None:
        return groups
    # OpenCV only here: the CLI's parser imports this module for SPLITS, and a prediction
    # should not pay for cv2.
    from effnet_app.core.data.duplicates import find_matches

    parent = list(range(len(samples)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for m in find_matches(images, reporter, cancel):
        parent[find(m.a)] = find(m.b)
    groups = [find(i) for i in range(len(samples))]
    REMEMBERED.put("views", _key(samples, images, side), json.dumps(groups).encode())
    return groups


def searches(how: str, samples: list[tuple[Path, int]], images: list[Image.Image] | None,
             side: int | None = None) -> bool:
    """Whether :func:`picture_groups` will search for views (seconds of OpenCV), rather
    than find them remembered or not look at all."""
    return (how == "views" and images is not None and len(images) <= MAX_VIEW_PICTURES
            and _remembered(samples, images, side) is None)


def _key(samples: list[tuple[Path, int]], images: list[Image.Image], side: int | None) -> str:
    """The search takes seconds: remembered by the pictures' contents and decoded sizes
    (or the short side they were all decoded to)."""
    sizes = [side] * len(samples) if side is not None else [img.size for img in images]
    return name_of(MATCHER_VERSION, [(content_digest(p), size) for (p, _), size in zip(samples, sizes)])


def _remembered(samples: list[tuple[Path, int]], images: list[Image.Image], side: int | None) -> list[int] | None:
    data = REMEMBERED.get("views", _key(samples, images, side))
    if data is None:
        return None
    try:
        groups = json.loads(data)
    except ValueError:
        return None
    ok = isinstance(groups, list) and len(groups) == len(samples) and all(isinstance(g, int) for g in groups)
    return groups if ok else None


def _specimen(path: Path, root: Path) -> str:
    """class/sub-folder for a picture in a sub-folder of its class; the file itself otherwise."""
    parts = path.relative_to(root).parts
    return "/".join(parts[:2]) if len(parts) > 2 else str(path)


def _prefix(path: Path, root: Path) -> str:
    """class + the file name up to its last "_", "-" or space ("slide12_003.jpg" and
    "slide12_007.jpg" are one slide); a name without one is a group of its own."""
    stem = path.stem
    cut = max(stem.rfind(c) for c in "_- ")
    folder = path.relative_to(root).parts[0]
    return f"{folder}/{stem[:cut]}" if cut > 0 else str(path)


def shared_groups(groups: list[int]) -> int:
    """How many groups hold more than one picture."""
    return sum(1 for n in Counter(groups).values() if n > 1)


def grouped_split(samples: list[tuple[Path, int]], groups: list[int], val_fraction: float,
                  seed: int) -> tuple[list[int], list[int]]:
    """Sample indices for training and validation; whole groups go to one side. Per
    class (a group counts for its most common class), groups in a seeded random order
    fill validation up to the class's share; every class keeps a training picture."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    by_class: dict[int, list[int]] = defaultdict(list)
    for g, idx in sorted(members.items()):
        by_class[Counter(samples[i][1] for i in idx).most_common(1)[0][0]].append(g)
    rng = random.Random(seed)
    val: list[int] = []
    for label in sorted(by_class):
        units = by_class[label]
        rng.shuffle(units)
        total = sum(len(members[g]) for g in units)
        target, taken = round(total * val_fraction), 0
        if val_fraction > 0 and len(units) >= 2:
            target = max(1, target)  # as the picture-by-picture split: every class is validated
        for g in units[:-1]:  # the last group always trains
            if taken >= target:
                break
            if taken + len(members[g]) <= target + len(members[g]) // 2:
                val += members[g]
                taken += len(members[g])
        if target and not taken and len(units) >= 2:  # only large groups: validate on the smallest
            val += members[min(units[:-1], key=lambda g: len(members[g]))]
    chosen = set(val)
    return [i for i in range(len(samples)) if i not in chosen], sorted(chosen)


def grouped_folds(labels: list[int], groups: list[int], k: int, seed: int) -> list[list[int]]:
    """Indices in ``k`` folds with whole groups in one fold, each class spread over the
    folds as evenly as its groups allow (a group counts for its most common class).
    ``bench.open_set --outer views`` holds out such folds: no held-out picture has a
    twin in training."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    by_class: dict[int, list[int]] = defaultdict(list)
    for g, idx in sorted(members.items()):
        by_class[Counter(labels[i] for i in idx).most_common(1)[0][0]].append(g)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for label in sorted(by_class):
        units = by_class[label]
        rng.shuffle(units)
        units.sort(key=lambda g: -len(members[g]))  # large groups first, ties in the shuffled order
        per_fold = [0] * k
        for g in units:
            f = min(range(k), key=lambda j: (per_fold[j], len(folds[j])))
            folds[f] += members[g]
            per_fold[f] += len(members[g])
    return [sorted(f) for f in folds]
