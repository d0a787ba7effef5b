"""``effnet-app --selftest``, as the installer's smoke test runs it: a fresh process,
no network needed, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys


def test_selftest_passes_and_leaves_the_users_folder_alone(studio_home):
    before = sorted(p.relative_to(studio_home) for p in studio_home.rglob("*"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "effnet_app", "--selftest"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and "self-test passed" in lines[0]
    assert "Lite0 (ImageNet) on the sample: coil" in lines[0] and "window opened and closed" in lines[0]
    assert sorted(p.relative_to(studio_home) for p in studio_home.rglob("*")) == before
