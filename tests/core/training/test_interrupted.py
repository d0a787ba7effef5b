"""Interrupted work: a training process killed with SIGKILL at random moments (one of
them while a checkpoint is being written) leaves no corrupt or half-written file,
and ``--resume`` finishes the run from the last checkpoint."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from effnet_app.core.store import model_file as bundle
from effnet_app.core.files import atomic_write_bytes, remove_leftovers

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")


def _broken_files(folder: Path) -> list[str]:
    """Every file a person or the app would read loads completely."""
    bad = []
    for f in folder.iterdir():
        if f.name.startswith("."):
            continue  # an interrupted write's hidden temporary file: never read, removed later
        try:
            (bundle.load_checkpoint if f.name.endswith(".ckpt") else bundle.load_model)(f)
        except Exception as e:  # noqa: BLE001 - any failure is a corrupt file
            bad.append(f"{f.name}: {e}")
    return bad


def _wait_for_partial(folder: Path, proc: subprocess.Popen, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if any(folder.glob(".*.partial")):
            return True
        time.sleep(0.0005)
    return False


def _wait_for_checkpoints(ckpt: Path, proc: subprocess.Popen, n: int, timeout: float) -> None:
    """Until ``ckpt`` has been replaced ``n`` times (one per finished epoch)."""
    last, seen, end = ckpt.stat().st_mtime_ns if ckpt.exists() else 0, 0, time.monotonic() + timeout
    while seen < n and time.monotonic() < end and proc.poll() is None:
        now = ckpt.stat().st_mtime_ns if ckpt.exists() else last
        if now != last:
            last, seen = now, seen + 1
        time.sleep(0.005)


def test_sigkill_at_random_points_then_resume(small_rocks, tmp_path, studio_home):
    folder = tmp_path / "models"
    out = folder / "rocks.effnet"
    ckpt = folder / "rocks.effnet.ckpt"
    cmd = [sys.executable, "-m", "effnet_app.cli", "train", str(small_rocks), "--mode", "full", "--epochs", "6",
           "--batch-size", "8", "--image-size", "96", "--val-fraction", "0.25", "--out", str(out), "--json"]
    env = {**os.environ, "EFFNET_STUDIO_HOME": str(studio_home)}
    rng = random.Random(2026)
    kills = []
    # 1: while the first checkpoint is being written; 2-3: resumed, then killed at a
    # random moment 1-2 epochs later (6 epochs: the final run still has work left).
    for attempt in range(3):
        resume = ckpt.exists()
        started = time.monotonic()
        proc = subprocess.Popen(cmd + (["--resume"] if resume else []), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        folder.mkdir(parents=True, exist_ok=True)
        if attempt == 0:
            caught = _wait_for_partial(folder, proc, timeout=240)
            kills.append("mid-write" if caught else "no write seen")
        else:  # after 1 or 2 more epochs, at a random moment of the next one
            epochs, delay = rng.randint(1, 2), rng.uniform(0.0, 0.4)
            _wait_for_checkpoints(ckpt, proc, epochs, timeout=240)
            time.sleep(delay)
            kills.append(f"{'resumed, ' if resume else ''}{epochs} epoch(s) + {delay:.2f} s")
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"the run ended before the kill ({time.monotonic() - started:.1f} s)"
        broken = _broken_files(folder)  # a model saved just before the kill must be whole too
        assert not broken, broken
    assert kills[0] == "mid-write" and any("resumed" in k for k in kills), kills

    final = subprocess.run(cmd + (["--resume"] if ckpt.exists() else []), env=env, capture_output=True, text=True,
                           timeout=600)
    assert final.returncode == 0, final.stderr
    summary = json.loads(final.stdout)
    assert [h["epoch"] for h in summary["history"]] == [1, 2, 3, 4, 5, 6]
    assert bundle.load_model(out).classes == ["Bauxite", "Chert", "鲕粒灰岩"]
    assert not ckpt.exists(), "the checkpoint is removed once the model is saved"
    assert not list(folder.glob(".*.partial")), "the next write cleared the killed writes' leftovers"


def test_leftovers_of_dead_writers_only_are_removed(tmp_path):
    target = tmp_path / "m.effnet"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".m.effnet.{dead.pid}.abc.partial"
    mine = tmp_path / f".m.effnet.{os.getpid()}.def.partial"
    other = tmp_path / f".other.effnet.{dead.pid}.ghi.partial"
    for f in (stale, mine, other):
        f.write_bytes(b"half")
    assert remove_leftovers(target) == [stale]
    atomic_write_bytes(target, b"whole")
    assert target.read_bytes() == b"whole" and mine.exists() and other.exists()
