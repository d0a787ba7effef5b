"""Shared by the benchmarks: the machine, medians, child processes with their peak RSS."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "rocks"


def machine() -> dict:
    import torch

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
            "python": platform.python_version(), "torch": torch.__version__}


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def run_child(args: list[str], env: dict | None = None, timeout: float = 3600) -> tuple[dict, float, float]:
    """Run ``python -m ...`` args; return (its JSON output, wall seconds, peak RSS in MB).
    Its output goes to files, not pipes: a child that prints more than a pipe holds
    would otherwise wait forever on a parent that waits for it to end."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=out, stderr=err,
                                env={**os.environ, **(env or {})}, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return json.loads(stdout), wall, usage.ru_maxrss / 1024  # Linux: ru_maxrss is in KB


def sample_images(data: Path, n: int) -> list[Path]:
    """``n`` images spread over the classes (deterministic)."""
    per_class = [sorted(p for p in d.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
                 for d in sorted(data.iterdir()) if d.is_dir()]
    out: list[Path] = []
    for i in range(max((len(f) for f in per_class), default=0)):
        out += [files[i] for files in per_class if i < len(files)]
    return out[:n]


def emit(result: dict) -> None:
    print(json.dumps(result, indent=2, ensure_ascii=False))


def outer_folds(index, how: str, k: int, seed: int) -> list[list[int]]:
    """Held-out folds of a scanned folder: picture by picture ("random"), or whole groups
    of copies and overlapping views of one scene ("views"), so that no held-out picture
    has a twin in training."""
    from effnet_app.core.data.dataset import stratified_folds
    from effnet_app.core.data.groups import grouped_folds, picture_groups
    from effnet_app.core.data.images import open_image

    if how == "random":
        return stratified_folds(index.samples, k, seed)
    images = [open_image(p, draft=256) for p, _ in index.samples]
    groups = picture_groups(how, index.samples, index.root, images)
    return grouped_folds([label for _, label in index.samples], groups, k, seed)
