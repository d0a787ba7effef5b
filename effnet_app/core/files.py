"""Writing files so that a crash, a cancel or a full disk never leaves half a file."""

from __future__ import annotations

import errno
import os
import queue
import shutil
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from effnet_app.core.errors import StorageError
from effnet_app.core.i18n import translate


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside ``path``; on success it is fsynced and renamed
    over ``path``, on any failure it is removed and ``path`` is left as it was.

    A process killed mid-write (SIGKILL, power cut) cannot remove its temporary file;
    the name carries the writer's process id, and the next write of ``path`` removes
    such leftovers of writers that are gone."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(path)
        tmp = tempfile.NamedTemporaryFile(prefix=f".{path.name}.{os.getpid()}.", suffix=".partial", dir=path.parent,
                                          delete=False)
    except OSError as e:  # a read-only or full folder, before anything was written
        raise _not_saved(path, e) from None
    try:
        try:
            with tmp:
                yield tmp
                tmp.flush()
                os.chmod(tmp.name, _mode_for(path))
                os.fsync(tmp.fileno())
            os.replace(tmp.name, path)
        except OSError as e:
            raise _not_saved(path, e) from None
    finally:
        Path(tmp.name).unlink(missing_ok=True)


STAT_TIMEOUT = 5.0  # seconds a file system may take to say what a file is


class _Stat:
    """``os.stat`` on a worker thread, with a time-out: a network share that stopped
    answering hangs stat for minutes, and the window would hang with it. A worker stuck
    on such a share is abandoned (it is a daemon) and the next call gets a fresh one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue | None = None

    def __call__(self, path: Path, timeout: float) -> os.stat_result:
        box: dict = {}
        done = threading.Event()
        with self._lock:
            if self._queue is None:
                self._queue = queue.SimpleQueue()
                threading.Thread(target=self._work, args=(self._queue,), name="stat", daemon=True).start()
            jobs = self._queue
        jobs.put((path, box, done))
        if not done.wait(timeout):
            with self._lock:
                if self._queue is jobs:
                    self._queue = None
            raise TimeoutError(errno.ETIMEDOUT, translate("files", "the file system did not answer within {s} s")
                               .format(s=f"{timeout:g}"), str(path))
        if "error" in box:
            raise box["error"]
        return box["result"]

    @staticmethod
    def _work(jobs: queue.SimpleQueue) -> None:
        while True:
            path, box, done = jobs.get()
            try:
                box["result"] = os.stat(path)
            except OSError as e:
                box["error"] = e
            done.set()


_stat = _Stat()


def file_mode(path: Path, timeout: float | None = None) -> int:
    """``os.stat(path).st_mode`` (links followed, the file never opened), or
    TimeoutError (an OSError) when the file system does not answer within ``timeout``
    seconds (default ``STAT_TIMEOUT``)."""
    return _stat(Path(path), STAT_TIMEOUT if timeout is None else timeout).st_mode


def _umask() -> int:
    """The process's umask, read once at start (setting it to read it is not thread-safe)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()


def _mode_for(path: Path) -> int:
    """A new file gets the usual mode (0666 less the umask; a temporary file would be
    0600); a replaced file keeps its own."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~UMASK


def _not_saved(path: Path, e: OSError) -> StorageError:
    return StorageError(translate("files", "Could not save '{name}': {reason}. The previous file, if any, is unchanged.")
                        .format(name=path.name, reason=e.strerror or e))


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files of interrupted writes of ``path`` whose writer has
    exited; returns what was removed."""
    removed = []
    for tmp in Path(path).parent.glob(f".{Path(path).name}.*.partial"):
        pid = tmp.name[len(Path(path).name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would terminate it there; keep the file, it is hidden
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_output(path) as f:
        f.write(data)


def atomic_copy(source: Path, dest: Path) -> None:
    with atomic_output(dest) as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
