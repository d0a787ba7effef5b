"""Training by time budget: "how long may it take" in, the network, mode and settings
that fit it out, with the sentence that says what was picked and why.

The choice follows the cross-validated measurements of docs/quality.md; the time
estimates are this project's 2-core CPU's (below). They only choose: full mode then
fits its epochs to the time it measures on the machine it runs on
(``TrainConfig.time_limit``, core.training.deadline), so a slower machine trains fewer
epochs rather than overrunning.
"""

from __future__ import annotations

from dataclasses import dataclass

from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import get_variant
from effnet_app.core.training.config import TrainConfig

BUDGETS: dict[str, float | None] = {"minute": 60.0, "ten-minutes": 600.0, "hour": 3600.0, "until-stopped": None}
# This project's 2-core CPU: a quick training's seconds per picture, a first training
# of the folder (features, and the search for views; docs/quality.md), and what every
# training costs besides (reading, starting).
QUICK_S_PER_PICTURE = {"lite0": 0.016, "lite1": 0.020, "lite2": 0.026}
START_S = 5.0
# Full mode's training pictures a second at 320 px (docs/benchmarks.md: Lite0 12.96;
# Lite1 and Lite2 from the same step measured side by side, 0.79x and 0.72x Lite0's).
FULL_PICTURES_PER_S = {"lite0": 13.0, "lite1": 10.2, "lite2": 9.3}
# A GPU's speed-up over it: not measured here (no GPU); the epochs are fitted to the
# measured time anyway, so this only decides whether full mode is worth starting.
GPU_SPEEDUP = 10.0
MIN_FULL_EPOCHS = 5  # fewer fine-tuning epochs than this did not beat quick mode (README)
UNTIL_STOPPED_EPOCHS = 60  # "until I stop it": early stopping or the user ends it first


@dataclass(frozen=True)
class Plan:
    budget: str
    config: TrainConfig
    estimate_s: float  # this project's CPU's (or a GPU's guessed) time for the whole training
    reason: str  # what was picked, and why, in one or two sentences


def plan(budget: str, pictures: int, gpu: bool = False, **settings) -> Plan:
    """The training for ``budget`` (a key of BUDGETS) on ``pictures`` pictures; ``gpu``:
    whether a GPU will train. ``settings`` go into the config (device, mirror, seed)."""
    if budget not in BUDGETS:
        raise ValueError(budget)
    seconds = BUDGETS[budget]
    speed = GPU_SPEEDUP if gpu else 1.0
    quick = {v: START_S + pictures * s / speed for v, s in QUICK_S_PER_PICTURE.items()}
    if seconds is None:
        return _full(budget, "lite2", UNTIL_STOPPED_EPOCHS, 0.0, pictures, speed, settings)
    for variant in ("lite2", "lite0") if seconds > BUDGETS["minute"] else ():
        epochs = _epochs_that_fit(seconds, variant, pictures, speed)
        if epochs >= MIN_FULL_EPOCHS and (variant == "lite0" or seconds >= BUDGETS["hour"]):
            return _full(budget, variant, epochs, seconds, pictures, speed, settings)
    variant = "lite2" if quick["lite2"] <= (seconds or 0) else "lite0"
    return _quick(budget, variant, quick[variant], seconds, pictures, settings)


def _full_seconds(variant: str, epochs: int, pictures: int, speed: float) -> float:
    """Full mode on four fifths of the pictures, the other fifth validated every epoch
    (a third of a training step each) and 8 views of it at the end, after the quick head."""
    rate = FULL_PICTURES_PER_S[variant] * speed
    per_epoch = 0.8 * pictures / rate + 0.2 * pictures / (3 * rate)
    finish = (0.8 * pictures + 9 * 0.2 * pictures) / (3 * rate)
    return START_S + pictures * QUICK_S_PER_PICTURE[variant] / speed + epochs * per_epoch + finish


def _epochs_that_fit(seconds: float, variant: str, pictures: int, speed: float) -> int:
    most = TrainConfig.epochs
    fits = [e for e in range(1, most + 1) if _full_seconds(variant, e, pictures, speed) <= seconds]
    return max(fits, default=0)


def _full(budget: str, variant: str, epochs: int, seconds: float, pictures: int, speed: float,
          settings: dict) -> Plan:
    config = TrainConfig.for_mode("full", variant=variant, epochs=epochs, time_limit=seconds, **settings)
    estimate = _full_seconds(variant, epochs, pictures, speed)
    label = get_variant(variant).label
    if not seconds:
        reason = translate("training", "Full mode with {model}, the largest network that works offline: the whole "
                                       "network learns until the validation pictures stop improving, or until you "
                                       "press Stop (the best epoch so far is kept).").format(model=label)
    else:
        reason = translate("training", "Full mode with {model}: the whole network learns for as many epochs as fit "
                                       "in the time (up to {epochs}, about {time} for {n} pictures).").format(
            model=label, epochs=epochs, time=duration(estimate), n=pictures)
    return Plan(budget, config, estimate, reason)


def _quick(budget: str, variant: str, estimate: float, seconds: float, pictures: int, settings: dict) -> Plan:
    config = TrainConfig.for_mode("quick", variant=variant, **settings)
    label = get_variant(variant).label
    if estimate > seconds:
        reason = translate("training", "Quick mode with {model}, the fastest way: {n} pictures take about {time}, "
                                       "more than the time you gave.").format(
            model=label, n=pictures, time=duration(estimate))
    elif budget == "minute":
        reason = translate("training", "Quick mode with {model}: only the last layer learns, in about {time} for "
                                       "{n} pictures. In our tests {model} was the most accurate network in quick "
                                       "mode.").format(model=label, time=duration(estimate), n=pictures)
    else:
        reason = translate("training", "Quick mode with {model}: in the time you gave, full mode could train {n} "
                                       "pictures for fewer than {least} epochs, too few to pay.").format(
            model=label, least=MIN_FULL_EPOCHS, n=pictures)
    return Plan(budget, config, estimate, reason)


def duration(seconds: float) -> str:
    """Seconds in words: "40 s", "4 min", "1.5 h"."""
    if seconds < 90:
        return translate("training", "{n} s").format(n=max(1, round(seconds)))
    if seconds < 90 * 60:
        return translate("training", "{n} min").format(n=round(seconds / 60))
    return translate("training", "{n} h").format(n=f"{seconds / 3600:.1f}")
