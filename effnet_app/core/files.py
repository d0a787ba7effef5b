"""Writing files so that a crash, a cancel or a full disk never leaves half a file."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
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
