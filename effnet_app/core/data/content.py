"""Work remembered by a picture's contents, on disk: a second training on the same
folder (another setting, a class added, the next day) does not compute again what
depends only on the pictures (their features, which of them show one scene).

Keys are content digests, so a renamed or copied picture is still known and an edited
one is not. Entries are written whole (atomically) and read defensively: a damaged
entry is a miss, computed again. The folder is pruned, oldest first, above a size limit."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from effnet_app.core.paths import cache_dir

DISK_LIMIT = 2 << 30  # bytes for all remembered work; features are 5 KB a picture (Lite0)
_digests: dict[tuple[str, int, int], str] = {}  # (path, mtime, size) -> digest, for this process


def content_digest(path: Path) -> str:
    """BLAKE2b-128 of the file's bytes (remembered per path, modification time and size)."""
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size)
    digest = _digests.get(key)
    if digest is None:
        h = hashlib.blake2b(digest_size=16)
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        digest = _digests[key] = h.hexdigest()
    return digest


def name_of(*parts: object) -> str:
    """A short folder name for what a kind of entry depends on besides the picture."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


class DiskCache:
    """Bytes by (kind, key) under ``root`` (default: the app's cache folder), or nothing
    when ``enabled`` is off (benchmarks measuring a first run)."""

    def __init__(self, root: Path | None = None, limit: int = DISK_LIMIT) -> None:
        self._root, self.limit, self.enabled = root, limit, True

    @property
    def root(self) -> Path:
        return self._root or cache_dir() / "remembered"

    def get(self, kind: str, key: str) -> bytes | None:
        if not self.enabled:
            return None
        try:
            return (self.root / kind / key).read_bytes()
        except OSError:
            return None

    def has(self, kind: str, key: str) -> bool:
        return self.enabled and (self.root / kind / key).is_file()

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Remember ``data``, written whole (a temporary file renamed; no fsync: a lost
        entry is only computed again). A full or read-only disk means it is not remembered."""
        if not self.enabled:
            return
        path = self.root / kind / key
        tmp = path.with_name(f".{key}.{os.getpid()}.partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)

    def prune(self) -> None:
        """Oldest entries out until the folder is under its limit."""
        entries = []
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                entries.append((st.st_mtime, st.st_size, os.path.join(folder, name)))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            try:
                os.unlink(path)
                total -= size
            except OSError:
                pass


REMEMBERED = DiskCache()  # one per process; its folder follows the app's cache folder
