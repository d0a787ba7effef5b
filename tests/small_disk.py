"""A folder on a file system that a test can fill up.

Where this process may mount (root, as on the project's machines) the folder is a
real tmpfs of a few megabytes and filling it leaves no room: writes fail with "No
space left on device". Elsewhere the fallback is a limit on the size of any file
the process writes (RLIMIT_FSIZE, with SIGXFSZ ignored): writes past it fail with
"File too large". ``read_only()`` remounts it read-only (else takes the write
permissions away). All are the operating system refusing a write, which is the
path the app has to survive.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

FILE_LIMIT = 2 << 20  # the fallback: no file over 2 MB (models are ~15 MB; logs stay far below)


class SmallDisk:
    def __init__(self, path: Path, size_mb: int = 64) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.mounted = False
        if os.geteuid() == 0 and shutil.which("mount"):
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(self.path)],
                                  capture_output=True)
            self.mounted = done.returncode == 0
        self.kind = "tmpfs" if self.mounted else "file-size limit"

    @contextmanager
    def full(self) -> Iterator[None]:
        """Inside, writing a file of more than a few kilobytes into the folder fails."""
        if self.mounted:
            filler = self.path / "filler"
            with open(filler, "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * (1 << 20))
                        f.flush()
                except OSError:
                    pass
            try:
                yield
            finally:
                filler.unlink()
        else:
            old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, old_limit[1]))
            try:
                yield
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
                signal.signal(signal.SIGXFSZ, old_handler)

    @contextmanager
    def read_only(self) -> Iterator[None]:
        """Inside, nothing in the folder can be created, changed or removed: a read-only
        mount (root), else permissions (which do not stop root: check ``can_be_read_only``)."""
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)
            try:
                yield
            finally:
                subprocess.run(["mount", "-o", "remount,rw", str(self.path)], check=True)
            return
        folders = [self.path, *(p for p in self.path.rglob("*") if p.is_dir())]
        files = [p for p in self.path.rglob("*") if p.is_file()]
        for p in files:
            p.chmod(0o444)
        for p in folders:
            p.chmod(0o555)
        try:
            yield
        finally:
            for p in folders:
                p.chmod(0o755)
            for p in files:
                p.chmod(0o644)

    @property
    def can_be_read_only(self) -> bool:
        return self.mounted or os.geteuid() != 0

    def remove(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True)
            self.mounted = False
