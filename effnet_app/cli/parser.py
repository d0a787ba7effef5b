"""The command line's grammar: one small function per sub-command."""

from __future__ import annotations

import argparse
from pathlib import Path

from effnet_app import APP_NAME, __version__
from effnet_app.core.i18n import translate
from effnet_app.settings import Settings


def get_parser() -> argparse.ArgumentParser:
    common = _common_parent()
    parser = argparse.ArgumentParser(
        prog="effnet-app",
        description=translate("cli", "{app}: train and use EfficientNet image classifiers. "
                                     "Without a command, opens the desktop app.").format(app=APP_NAME),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--selftest", action="store_true",
                        help=translate("cli", "check this installation (model, sample picture, window) and print "
                                       "one line"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("open", help=translate("cli", "open the window with these images or folder (what "
                                              "“Open with EffNet Studio” runs)"))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p = sub.add_parser("variants", help=translate("cli", "list the supported EfficientNet variants"))
    p.add_argument("--json", action="store_true", help=translate("cli", "machine-readable output on stdout"))
    _train(sub, common)
    _predict_and_evaluate(sub, common)
    _export_and_info(sub, common)
    _weights(sub, common)
    _dataset_tools(sub, common)
    return parser


def _common_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--device", default="auto", help=translate("cli", "auto (GPU if present), cpu, cuda or mps"))
    p.add_argument("--json", action="store_true", help=translate("cli", "machine-readable output on stdout"))
    p.add_argument("--mirror", default=Settings.load().mirror or None,
                   help=translate("cli", "base URL to download pretrained weights from (file names are kept; also "
                                  "EFFNET_WEIGHTS_MIRROR; default: the mirror set in the app's Settings)"))
    return p


def _engine_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("auto", "onnx", "torch"), default="auto",
                   help=translate("cli", "auto: ONNX Runtime on a CPU (faster, checked against PyTorch; int8 where "
                                         "its check at training kept it), else PyTorch; onnx: never int8"))


def _train(sub, common: argparse.ArgumentParser) -> None:
    from effnet_app.core.models.variants import DEFAULT_VARIANT, VARIANTS
    from effnet_app.core.data.groups import SPLITS
    from effnet_app.core.training.budget import BUDGETS
    from effnet_app.core.training.config import MAX_IMAGE_SIZE, MIN_IMAGE_SIZE, TrainConfig

    defaults = TrainConfig()
    p = sub.add_parser("train", parents=[common], help=translate("cli", "train a classifier on a class-per-folder image folder"))
    p.add_argument("data", type=Path, help=translate("cli", "folder with one sub-folder of images per class"))
    p.add_argument("--variant", default=None, choices=list(VARIANTS),
                   help=translate("cli", "the network (default: {name}; with --from, the model's)").format(
                       name=DEFAULT_VARIANT))
    p.add_argument("--from", dest="base", type=Path, default=None, metavar="MODEL",
                   help=translate("cli", "train on from this model: its weights and classes (in their order) are the "
                                  "start; the folder may add pictures and classes"))
    p.add_argument("--budget", choices=list(BUDGETS), default=None,
                   help=translate("cli", "how long the training may take (about a minute, ten minutes, an hour, or "
                                         "until Ctrl+C): the network, mode and epochs that fit are picked and said"))
    p.add_argument("--mode", default=None, choices=["quick", "full"],
                   help=translate("cli", "quick: frozen backbone, seconds; full: fine-tune everything, minutes "
                                         "(default: quick)"))
    p.add_argument("--epochs", type=int, default=defaults.epochs, help=translate("cli", "full mode: at most this many epochs"))
    p.add_argument("--time-limit", type=float, default=0.0, metavar="MINUTES",
                   help=translate("cli", "full mode: end on time, with as many epochs as fit in this many minutes "
                                         "(the best epoch is kept; default: no limit)"))
    p.add_argument("--batch-size", type=int, default=defaults.batch_size)
    p.add_argument("--lr", type=float, default=defaults.lr, help=translate("cli", "full mode: learning rate (AdamW, warm-up then cosine)"))
    p.add_argument("--val-fraction", type=float, default=defaults.val_fraction)
    p.add_argument("--seed", type=int, default=defaults.seed)
    p.add_argument("--tta", type=int, default=None, metavar="VIEWS",
                   help=translate("cli", "average predictions over 1-8 rotated/flipped views; quick mode also learns "
                                         "each picture in those views (default: 1 quick, 8 full)"))
    p.add_argument("--image-size", type=_count(MIN_IMAGE_SIZE, MAX_IMAGE_SIZE), default=None, metavar="PX",
                   help=translate("cli", "network input size (default: the variant's own; full mode 320)"))
    p.add_argument("--framing", choices=["crop", "whole"], default=None,
                   help=translate("cli", "crop: centre crop as on ImageNet; whole: the whole picture (default in full mode)"))
    p.add_argument("--split", choices=list(SPLITS), default=defaults.split,
                   help=translate("cli", "what stays on one side of the validation split: views (copies and overlapping "
                                  "views of one scene), subfolders (a sub-folder of a class is one specimen), prefix "
                                  "(the file name up to its last _ or -: slide12_003 and slide12_007) or random"))
    p.add_argument("--no-balance", action="store_true",
                   help=translate("cli", "weigh classes by their number of pictures (default: every class the same)"))
    p.add_argument("--int8", action="store_true",
                   help=translate("cli", "also make an int8 graph for faster predictions, used only if it answers "
                                         "the held-out pictures as the float model does (a few seconds more)"))
    p.add_argument("--no-augment", action="store_true", help=translate("cli", "full mode: no random crops/flips/colour"))
    p.add_argument("--no-pretrained", action="store_true", help=translate("cli", "start from random weights (much less accurate)"))
    p.add_argument("--precision", default="auto", choices=["auto", "fp32", "amp"],
                   help=translate("cli", "full mode's arithmetic: amp computes in 16 bits where the device does so in "
                                         "hardware (a CUDA GPU, or a CPU with AVX-512 BF16 or AMX); auto: amp on a "
                                         "CUDA GPU, fp32 on a CPU"))
    p.add_argument("--out", type=Path, required=True, help=translate("cli", "model file to write (.effnet)"))
    p.add_argument("--resume", action="store_true", help=translate("cli", "continue from OUT's checkpoint (OUT.ckpt)"))


def _count(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(translate("cli", "give a whole number from {low} to {high}").format(
                low=low, high=high))
        return value
    return parse


def _share(text: str) -> float:
    """A percentage from 0 to 50, as a fraction."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 50.0:
        raise argparse.ArgumentTypeError(translate("cli", "give a percentage from 0 to 50"))
    return value / 100.0


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("cli", "give a percentage from 0 to 100")) from None
    if not 0.0 <= value <= 100.0:
        raise argparse.ArgumentTypeError(translate("cli", "give a percentage from 0 to 100"))
    return value / 100.0


def _unknown_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unknown-share", type=_share, default=None, metavar="PERCENT",
                   help=translate("cli", "“None of these”: the share of pictures like the training ones that may be "
                                  "called unknown (default: the model's own, 5; 0 turns the answer off)"))


def _predict_and_evaluate(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("predict", parents=[common], help=translate("cli", "classify an image or every image in a folder"))
    p.add_argument("model", help=translate("cli", "a .effnet model file, or imagenet:VARIANT"))
    p.add_argument("target", type=Path, help=translate("cli", "an image file or a folder"))
    p.add_argument("--top-k", type=_count(1, 100), default=3)
    p.add_argument("--csv", type=Path, help=translate("cli", "also write the predictions to this CSV file"))
    p.add_argument("--tiles", action="store_true", help=translate("cli", "classify overlapping tiles and average them "
                   "(large images such as micrographs)"))
    _engine_option(p)
    _unknown_option(p)

    p = sub.add_parser("evaluate", parents=[common], help=translate("cli", "measure a model on a labelled class-per-folder folder"))
    p.add_argument("model")
    p.add_argument("data", type=Path)
    p.add_argument("--tiles", action="store_true")
    _engine_option(p)
    _unknown_option(p)


def _export_and_info(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help=translate("cli", "export a model to ONNX (checked against torch)"))
    p.add_argument("model")
    p.add_argument("--format", default="onnx", choices=["onnx"])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--check-images", type=Path, help=translate("cli", "folder or image used to check the export (default: random inputs)"))

    p = sub.add_parser("info", parents=[common], help=translate("cli", "describe a model file"))
    p.add_argument("model", type=Path)


def _weights(sub, common: argparse.ArgumentParser) -> None:
    from effnet_app.core.models.variants import VARIANTS

    p = sub.add_parser("weights", parents=[common], help=translate("cli", "pretrained weights: status, download, import"))
    wsub = p.add_subparsers(dest="weights_command", metavar="ACTION", required=True)
    w = wsub.add_parser("status", parents=[common], help=translate("cli", "which variants' weights are on this computer"))
    w = wsub.add_parser("download", parents=[common], help=translate("cli", "download a variant's ImageNet weights"))
    w.add_argument("variant", choices=list(VARIANTS))
    w = wsub.add_parser("import", parents=[common], help=translate("cli", "use a weights file you already have"))
    w.add_argument("variant", choices=list(VARIANTS))
    w.add_argument("file", type=Path)
    w.add_argument("--unverified", action="store_true", help=translate("cli", "accept a file whose checksum is not the official one"))


def _dataset_tools(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[common], help=translate(
        "cli", "check a labelled folder: near-copies, overlapping views, probably misfiled pictures, look-alike classes"))
    p.add_argument("data", type=Path)
    p.add_argument("--top", type=_count(1, 10_000), default=20,
                   help=translate("cli", "show at most this many of each finding (the JSON has them all)"))
    p = sub.add_parser("sort", parents=[common], help=translate(
        "cli", "sort a folder of unlabelled pictures into a dataset's class folders with a model (undo with --undo LOG)"))
    p.add_argument("model", nargs="?", help=translate("cli", "a .effnet model file"))
    p.add_argument("folder", nargs="?", type=Path, help=translate("cli", "the unlabelled pictures"))
    p.add_argument("--into", type=Path, metavar="DATASET", help=translate("cli", "the class-per-folder dataset to file them in"))
    p.add_argument("--move", action="store_true", help=translate("cli", "move instead of copy"))
    p.add_argument("--min-confidence", type=_percent, default=0.0, metavar="PERCENT",
                   help=translate("cli", "leave pictures the model is less sure of than this (0-100)"))
    p.add_argument("--dry-run", action="store_true", help=translate("cli", "only say where each picture would go"))
    p.add_argument("--undo", type=Path, metavar="LOG", help=translate("cli", "undo the sort that wrote this log"))

