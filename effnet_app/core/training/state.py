"""Where a fine-tuning stands after an epoch -- exactly what a checkpoint stores, and
the checkpoint file written from it and read back into it (for ``--resume``)."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from effnet_app.core.errors import BundleError
from effnet_app.core.i18n import translate
from effnet_app.core.models.network import Net
from effnet_app.core.store.model_file import Checkpoint, load_checkpoint, save_checkpoint
from effnet_app.core.training.config import TrainConfig


@dataclass
class FineTuneState:
    best_state: dict[str, torch.Tensor]  # the weights of the best epoch so far
    epoch: int = -1  # the last finished epoch, counted from 0
    history: list[dict[str, float]] = field(default_factory=list)
    best_loss: float = math.inf
    best_epoch: int = 0  # counted from 1; 0: the head-only start
    bad_epochs: int = 0  # epochs since the validation loss last improved

    @classmethod
    def start(cls, net: Net) -> "FineTuneState":
        return cls(best_state=copy.deepcopy(net.state_dict()))

    def end_epoch(self, row: dict[str, float], net: Net) -> None:
        """Record the epoch; its weights become the best when the validation loss fell."""
        self.epoch = int(row["epoch"]) - 1
        self.history.append(row)
        if row["val_loss"] < self.best_loss - 1e-4:
            self.best_loss, self.best_epoch, self.bad_epochs = row["val_loss"], self.epoch + 1, 0
            self.best_state = copy.deepcopy(net.state_dict())
        else:
            self.bad_epochs += 1


def write(path: Path, net: Net, opt: torch.optim.Optimizer, state: FineTuneState, cfg: TrainConfig,
          classes: list[str]) -> None:
    tensors = {f"model.{k}": v for k, v in net.state_dict().items()}
    tensors.update({f"best.{k}": v for k, v in state.best_state.items()})
    sd = opt.state_dict()
    for pid, st in sd["state"].items():
        for k, v in st.items():
            tensors[f"optim.{pid}.{k}"] = v if isinstance(v, torch.Tensor) else torch.tensor(v)
    meta = {"train_config": cfg.to_dict(), "classes": classes, "optimizer": {"param_groups": sd["param_groups"]},
            "epoch": state.epoch, "history": state.history, "best_loss": state.best_loss,
            "best_epoch": state.best_epoch, "bad_epochs": state.bad_epochs}
    save_checkpoint(path, tensors, meta)


@dataclass
class Resume:
    """A checkpoint read back: its settings and classes, and what :func:`restore` needs."""

    config: TrainConfig
    classes: list[str]
    checkpoint: Checkpoint


def read(path: Path) -> Resume:
    ckpt = load_checkpoint(path)
    m = ckpt.meta
    try:
        config = TrainConfig.from_dict(m["train_config"])
        classes = [str(c) for c in m["classes"]]
        int(m["epoch"]), list(m["history"]), float(m["best_loss"]), int(m["best_epoch"]), int(m["bad_epochs"])
        list(m["optimizer"]["param_groups"])
    except (KeyError, TypeError, ValueError):
        raise BundleError(translate("bundle", "'{name}' is damaged: its description has a missing or invalid '{field}'.")
                          .format(name=Path(path).name, field="train_config")) from None
    return Resume(config, classes, ckpt)


def restore(resume: Resume, net: Net, opt: torch.optim.Optimizer) -> FineTuneState:
    """Put the network and optimiser back where the checkpoint left them."""
    t, m = resume.checkpoint.tensors, resume.checkpoint.meta
    net.load_state_dict({k[6:]: v for k, v in t.items() if k.startswith("model.")})
    state: dict[int, dict[str, Any]] = {}
    for key, v in t.items():
        if key.startswith("optim."):
            _, pid, k = key.split(".", 2)
            state.setdefault(int(pid), {})[k] = v
    opt.load_state_dict({"state": state, "param_groups": m["optimizer"]["param_groups"]})
    return FineTuneState(best_state={k[5:]: v for k, v in t.items() if k.startswith("best.")},
                         epoch=int(m["epoch"]), history=list(m["history"]), best_loss=float(m["best_loss"]),
                         best_epoch=int(m["best_epoch"]), bad_epochs=int(m["bad_epochs"]))
