"""Training by time budget: "how long may it take" in, the network, mode and settings
that fit it out, with the sentence that says what was picked and why.

The recipes are ranked by their repeated, stratified 5-fold cross-validated accuracy
on the three shared folders (rocks, steel, photos; docs/quality.md); the plan takes the
best one whose estimated time fits. Full mode is not among them: fine-tuning the whole
network measured less accurate than quick mode's recipes (docs/quality.md), so longer
budgets do not spend their time on it. The time estimates are this project's 2-core
CPU's; they only choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from effnet_app.core.i18n import translate
from effnet_app.core.models.variants import get_variant
from effnet_app.core.training.config import AUTO_VIEWS, TrainConfig, views_looked_at

BUDGETS: dict[str, float | None] = {"minute": 60.0, "ten-minutes": 600.0, "hour": 3600.0, "until-stopped": None}


@dataclass(frozen=True)
class Recipe:
    variant: str
    views: int  # quick mode's tta_views: 1, or AUTO_VIEWS (8 turned and mirrored views where they help)
    accuracy: float  # the cross-validated mean over the three shared folders (docs/quality.md)

    @property
    def views_looked_at(self) -> int:
        return views_looked_at(self.views)


# Best first (docs/quality.md, "Learned views"): the mean of rocks, photos and steel.
# Lite0 with learned views (97.7 %) is left out: Lite2 alone is as fast and more accurate.
RECIPES = (
    Recipe("lite2", AUTO_VIEWS, 0.9864),
    Recipe("lite2", 1, 0.9807),
    Recipe("lite0", 1, 0.9733),
)
# This project's 2-core CPU, a first training of the folder, the backbone's files kept
# by an earlier training (python -m bench.recipes: rocks 234 and steel 1,259 pictures,
# docs/quality.md): seconds per picture and view for its features (computed beside the
# search for views, which they outlast), per picture for the fits and the calibration
# (three times that when the views are chosen), and what every training costs besides.
FEATURE_S = {"lite0": 0.008, "lite1": 0.012, "lite2": 0.018}
FIT_S = 0.002
START_S = 3.0
# A GPU's speed-up of the features: not measured here (no GPU); it only decides
# whether the more accurate recipes fit.
GPU_SPEEDUP = 10.0


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
    limit = BUDGETS[budget]
    times = [seconds(r, pictures, gpu) for r in RECIPES]
    fitting = [i for i, t in enumerate(times) if limit is None or t <= limit]
    chosen = fitting[0] if fitting else len(RECIPES) - 1
    recipe, estimate = RECIPES[chosen], times[chosen]
    config = TrainConfig.for_mode("quick", variant=recipe.variant, tta_views=recipe.views, **settings)
    return Plan(budget, config, estimate, _reason(recipe, estimate, pictures, chosen, times[0], bool(fitting), limit))


def seconds(recipe: Recipe, pictures: int, gpu: bool = False) -> float:
    """A quick training's estimated time with ``recipe`` on ``pictures`` pictures."""
    features = pictures * recipe.views_looked_at * FEATURE_S[recipe.variant] / (GPU_SPEEDUP if gpu else 1.0)
    fits = pictures * FIT_S * (3 if recipe.views == AUTO_VIEWS else 1)  # the choice's fits too
    return START_S + features + fits


def _reason(recipe: Recipe, estimate: float, pictures: int, rank: int, best_s: float, fits: bool,
            limit: float | None) -> str:
    what = (translate("training", "Quick mode with {model}, each picture learnt in its 8 turned and mirrored views "
                                  "if that helps (pictures with no “up”, such as micrographs)")
            if recipe.views == AUTO_VIEWS else translate("training", "Quick mode with {model}")).format(
        model=get_variant(recipe.variant).label)
    if not fits:
        return translate("training", "{what}, the fastest way: {n} pictures take about {time}, more than the time "
                                     "you gave.").format(what=what, n=pictures, time=duration(estimate))
    text = translate("training", "{what}: about {time} for {n} pictures.").format(
        what=what, time=duration(estimate), n=pictures)
    if rank:
        return text + " " + translate("training", "The most accurate way in our tests would take about {time}.").format(
            time=duration(best_s))
    text += " " + translate("training", "The most accurate way in our tests.")
    if limit is None or limit > BUDGETS["minute"]:
        text += " " + translate("training", "Fine-tuning the whole network (full mode) was not more accurate there, "
                                            "so the rest of the time is not spent.")
    return text


def duration(seconds: float) -> str:
    """Seconds in words: "40 s", "4 min", "1.5 h"."""
    if seconds < 90:
        return translate("training", "{n} s").format(n=max(1, round(seconds)))
    if seconds < 90 * 60:
        return translate("training", "{n} min").format(n=round(seconds / 60))
    return translate("training", "{n} h").format(n=f"{seconds / 3600:.1f}")
