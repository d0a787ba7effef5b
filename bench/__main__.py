"""Run every benchmark and print one JSON document.

    python -m bench [DATA] [--only latency coldstart training live live_window gui_stall] [--out FILE]

About 6 minutes on a 2-core CPU. Cross-validated accuracy (``python -m bench.crossval``)
is separate: it measures quality, not speed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench import coldstart, latency, live, training
from bench.common import DEFAULT_DATA, machine, run_child

SUITE = {
    "latency": lambda data: latency.run(data, ["lite0", "b0"]),
    "coldstart": lambda data: coldstart.run(data, None, 3),
    "training": training.run,
    "live": lambda data: live.run(data, 150),
    # the live view in the real window, with a 60 fps camera and then a 120 fps one
    "live_window": lambda data: {f"camera_{fps}fps": run_child(["-m", "bench.live_window", str(data), "--seconds", "8",
                                                                 "--camera-fps", str(fps)])[0] for fps in (60, 120)},
    # its own process: it starts the Qt application
    "gui_stall": lambda data: run_child(["-m", "bench.gui_stall", str(data), "--full-epochs", "1"])[0],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--only", nargs="+", choices=list(SUITE))
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    results = {"machine": machine(), "data": str(args.data), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    for name in args.only or list(SUITE):
        t = time.perf_counter()
        print(f"running {name}...", file=sys.stderr)
        results[name] = SUITE[name](args.data)
        results[name]["bench_seconds"] = round(time.perf_counter() - t, 1)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
