"""Memory that stays flat over long runs.

glibc's malloc serves large blocks from mmap and hands them back when freed, but after
the first such block is freed it raises that threshold (up to 32 MB) and serves later
blocks from the heap, which it rarely gives back. A folder run allocates a few large
per-batch buffers (decoded pictures, tensors, ONNX Runtime's inputs) thousands of
times: measured, 5,000 pictures peaked at 1.75 GB and a 6,000-picture quick training
at 4.0 GB, against 1.17 and 1.33 GB with the threshold fixed at 128 KB. Fixing it is
what MALLOC_MMAP_THRESHOLD_=131072 does, done from inside the process.

Fine-tuning is the exception (:func:`blocks_kept`): every step allocates and frees the
same activation blocks, and served by mmap each one is mapped, page-faulted in and
unmapped again, step after step -- the CPU then spent its time in the kernel: Lite0's
full-mode steps ran at 1 image/s instead of 14.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

M_MMAP_THRESHOLD, M_TRIM_THRESHOLD = -3, -1  # glibc's mallopt parameters
THRESHOLD = 128 * 1024  # for both, as glibc starts
KEPT_MMAP = 32 * 1024 * 1024  # the largest mmap threshold glibc accepts on 64-bit
KEPT_TRIM = 256 * 1024 * 1024
_fixed = False  # whether keep_large_blocks_returnable set the threshold
_kept = 0  # blocks_kept contexts open (they nest, and may be in several threads)
_lock = threading.Lock()


def keep_large_blocks_returnable() -> bool:
    """Fix glibc's mmap threshold (Linux only; elsewhere nothing to do). True if set."""
    global _fixed
    libc = _libc()
    _fixed = libc is not None and bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    return _fixed


@contextmanager
def blocks_kept() -> Iterator[None]:
    """Within: large blocks come from the heap and stay there (fine-tuning's steps
    reuse them); after: the fixed threshold again, and the heap's free top given back."""
    global _kept
    libc = _libc() if _fixed else None
    if libc is None:
        yield
        return
    with _lock:
        _kept += 1
        libc.mallopt(M_MMAP_THRESHOLD, KEPT_MMAP)
        libc.mallopt(M_TRIM_THRESHOLD, KEPT_TRIM)
    try:
        yield
    finally:
        with _lock:
            _kept -= 1
            if not _kept:
                libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD)
                libc.mallopt(M_TRIM_THRESHOLD, THRESHOLD)
                libc.malloc_trim(0)


def _libc():
    """glibc, or None (not Linux; musl and other C libraries without mallopt)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt, libc.malloc_trim  # noqa: B018 -- both must exist
    except (OSError, AttributeError):
        return None
    return libc
