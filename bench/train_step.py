"""Full mode's training step on a CPU, one setting per process (images/s, peak RSS):
what a plain loop does, against the app's Stepper with each of its choices, so that
every one of them is measured side by side with the plain step in the same run.

* ``plain``: eager Lite0, BatchNorm in training mode, the whole batch at once;
* ``app``: the app's Stepper as the app runs it -- channels-last, frozen BatchNorm,
  the batch in parts of a few pictures (training.loop.cpu_parts), glibc's threshold
  fixed at start (core.memory) and lifted while fine-tuning (``memory.blocks_kept``);
* ``app_whole_batch``: the same, the batch at once;
* ``app_threshold_fixed``: the same, without lifting glibc's threshold;
* ``app_bf16``: the same, with bfloat16 autocast (``--precision amp``; on a CPU
  without bfloat16 in hardware the app uses fp32, and so does this row).

The pictures are random tensors of the size the app trains at (320 px, batch 16), so
decoding and augmentation (7 ms a picture) are left out of every row alike.

    python -m bench.train_step [--variant lite0] [--size 320] [--rounds 2]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time

from bench.common import emit, machine, median, run_child

SETTINGS = ("plain", "app", "app_whole_batch", "app_threshold_fixed", "app_bf16")
STEPS = 6


def one(setting: str, variant: str, size: int, batch: int) -> dict:
    """Images/s of ``STEPS`` steps after two warm-up steps, in this process."""
    from effnet_app.core import memory

    if setting.startswith("app"):
        memory.keep_large_blocks_returnable()  # as the app's start does
    import torch

    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.training.loop import Stepper, freeze_batchnorm

    torch.manual_seed(0)
    net = build_net(get_variant(variant), 11, pretrained=variant == "lite0").train()
    x, y = torch.randn(batch, 3, size, size), torch.randint(0, 11, (batch,))
    if setting == "plain":
        opt = torch.optim.AdamW(net.parameters(), lr=1e-4)

        def step() -> None:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        parts, kept = 1, contextlib.nullcontext()
    else:
        cfg = TrainConfig(mode="full", variant=variant, image_size=size, batch_size=batch,
                          precision="amp" if setting == "app_bf16" else "fp32")
        freeze_batchnorm(net)
        stepper = Stepper(net, cfg, torch.device("cpu"), _Quiet())
        if setting == "app_whole_batch":
            stepper.parts = 1

        def step() -> None:
            stepper.step(x, y)
        parts = stepper.parts
        kept = contextlib.nullcontext() if setting == "app_threshold_fixed" else memory.blocks_kept()
    with kept:
        step()
        step()
        t = time.perf_counter()
        for _ in range(STEPS):
            step()
        seconds = time.perf_counter() - t
    return {"images_per_s": batch * STEPS / seconds, "parts": parts}


class _Quiet:
    def progress(self, fraction: float, message: str = "") -> None:
        pass

    def event(self, event) -> None:
        pass


def run(variant: str, size: int, batch: int, rounds: int, settings: tuple[str, ...] = SETTINGS) -> dict:
    speeds: dict[str, list[float]] = {s: [] for s in settings}
    peaks = {s: 0.0 for s in settings}
    parts = {}
    for _ in range(rounds):  # interleaved, so the machine's drift hits every setting alike
        for setting in settings:
            out, _wall, rss = run_child(["-m", "bench.train_step", "--one", setting, "--variant", variant,
                                         "--size", str(size), "--batch", str(batch)])
            speeds[setting].append(out["images_per_s"])
            peaks[setting] = max(peaks[setting], rss)
            parts[setting] = out["parts"]
    rows = {s: {"images_per_s": round(median(v), 2), "peak_rss_mb": round(peaks[s]), "parts": parts[s]}
            for s, v in speeds.items()}
    plain = rows["plain"]["images_per_s"]
    for row in rows.values():
        row["vs_plain"] = round(row["images_per_s"] / plain, 2)
    return {"benchmark": "train_step", "machine": machine(), "variant": variant, "image_size": size,
            "batch_size": batch, "rounds": rounds, "settings": rows,
            "targets": {"app vs_plain": ">= 2", "app peak_rss_mb": "< 3000"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", default="lite0")
    parser.add_argument("--size", type=int, default=320)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", choices=SETTINGS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.variant, args.size, args.batch)))
        return 0
    emit(run(args.variant, args.size, args.batch, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
