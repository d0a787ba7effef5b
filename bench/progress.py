"""How honestly the training's progress bar moves: the longest time it stands still.

Trains with the real :func:`effnet_app.core.training.run.train` and records every
progress report. A bar that sits at one value for a third of the run ("97 % · about 0 s
left") tells the user nothing. Prints JSON: the longest stall in seconds and as a share
of the run, where it stood then, and the total.

    python -m bench.progress ../shared/data/rocks --mode quick
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from bench.common import DEFAULT_DATA, machine
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.run import train


class Recorder:
    """(seconds since start, fraction, message) for every report."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.reports: list[tuple[float, float, str]] = []

    def progress(self, fraction: float, message: str = "") -> None:
        self.reports.append((time.perf_counter() - self.t0, fraction, message))

    def event(self, _event) -> None:
        pass


def longest_stall(reports: list[tuple[float, float, str]], end: float) -> dict:
    """The longest time between the bar reaching a value and it next moving (or the end)."""
    moves = [(t, f, m) for i, (t, f, m) in enumerate(reports) if i == 0 or f > reports[i - 1][1]]
    times = [t for t, _f, _m in moves] + [end]
    gaps = [(times[i + 1] - t, f, m) for i, (t, f, m) in enumerate(moves)]
    seconds, fraction, message = max(gaps)
    return {"seconds": round(seconds, 2), "share_of_run": round(seconds / end, 3), "at": round(fraction, 3),
            "message": message}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder", nargs="?", default=str(DEFAULT_DATA))
    p.add_argument("--mode", choices=["quick", "full"], default="quick")
    p.add_argument("--variant", default="lite0")
    p.add_argument("--epochs", type=int, default=None)
    args = p.parse_args(argv)
    cfg = TrainConfig.for_mode(args.mode, variant=args.variant,
                               **({"epochs": args.epochs} if args.epochs else {}))
    rec = Recorder()
    result = train(cfg, args.folder, reporter=rec)
    total = time.perf_counter() - rec.t0
    json.dump({"machine": machine(), "folder": args.folder, "mode": args.mode, "variant": args.variant,
               "total_s": round(total, 2), "reports": len(rec.reports), "longest_stall": longest_stall(rec.reports, total),
               "phases_s": {k: round(v, 2) for k, v in result.seconds.items()}}, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
