"""``effnet-app``: no arguments opens the desktop app; sub-commands run the core headless.

Exit codes: 0 success, 2 a problem the user can fix (one sentence on stderr, no
traceback), 130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Sequence

from effnet_app import APP_NAME, __version__
from effnet_app.core.events import Epoch, Event, Notice
from effnet_app.core.i18n import translate
from effnet_app.settings import Settings

EXIT_USER_ERROR = 2
EXIT_CANCELLED = 130


def cell(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns; CJK characters take two, so
    f-string padding would misalign Chinese headings and class names."""
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out, used = out + ch, used + w
    pad = " " * (width - used)
    return pad + out if right else out + pad


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


# argparse's own sentences, listed here for lupdate; argparse looks each one up
# through its module-level ``_`` (gettext), which _speak_the_chosen_language points
# at the catalogues. One it does not list stays in English.
ARGPARSE_SENTENCES = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
)


def _speak_the_chosen_language() -> None:
    """Messages in the language the app is set to (or the system's); English if Qt's
    core library cannot load here."""
    try:
        from effnet_app import languages
    except ImportError:
        return
    languages.activate(languages.resolve())
    argparse._ = lambda text: translate("argparse", text)


def _engine_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("auto", "onnx", "torch"), default="auto",
                   help=translate("cli", "auto: ONNX Runtime on a CPU (faster, checked against PyTorch), else PyTorch"))


class TextReporter:
    """One updating progress line on a terminal; epoch summaries as plain lines."""

    def __init__(self, stream=sys.stderr, enabled: bool = True) -> None:
        self.stream = stream
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.enabled = enabled
        self._last = 0.0
        self._width = 0

    def progress(self, fraction: float, message: str = "") -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        bar = "#" * int(fraction * 20)
        line = f"[{bar:<20}] {fraction * 100:5.1f}% {message}"[:110]
        self.stream.write("\r" + line.ljust(self._width))
        self._width = len(line)
        self.stream.flush()

    def event(self, event: Event) -> None:
        if isinstance(event, Notice):  # something the user must know (out of memory, no checkpoint), even with --quiet
            self.clear()
            self.stream.write(event.text + "\n")
            self.stream.flush()
            return
        if not isinstance(event, Epoch) or not self.enabled:
            return
        self.clear()
        self.stream.write(translate("cli", "epoch {epoch}: train loss {train_loss} acc {train_acc}, "
                                    "val loss {val_loss} acc {val_acc}, {speed} img/s").format(
            epoch=event.epoch, train_loss=f"{event.train_loss:.3f}", train_acc=f"{event.train_acc:.1%}",
            val_loss=f"{event.val_loss:.3f}", val_acc=f"{event.val_acc:.1%}", speed=f"{event.images_per_s:.1f}")
            + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


# ------------------------------------------------------------------ parsers

def _common_parent() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--device", default="auto", help=translate("cli", "auto (GPU if present), cpu, cuda or mps"))
    p.add_argument("--json", action="store_true", help=translate("cli", "machine-readable output on stdout"))
    p.add_argument("--mirror", default=Settings.load().mirror or None,
                   help=translate("cli", "base URL to download pretrained weights from (file names are kept; also "
                                  "EFFNET_WEIGHTS_MIRROR; default: the mirror set in the app's Settings)"))
    return p


def get_parser() -> argparse.ArgumentParser:
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.models.variants import DEFAULT_VARIANT, VARIANTS

    common = _common_parent()
    defaults = TrainConfig()
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

    p = sub.add_parser("train", parents=[common], help=translate("cli", "train a classifier on a class-per-folder image folder"))
    p.add_argument("data", type=Path, help=translate("cli", "folder with one sub-folder of images per class"))
    p.add_argument("--variant", default=DEFAULT_VARIANT, choices=list(VARIANTS))
    p.add_argument("--mode", default=defaults.mode, choices=["quick", "full"],
                   help=translate("cli", "quick: frozen backbone, seconds; full: fine-tune everything, minutes"))
    p.add_argument("--epochs", type=int, default=defaults.epochs, help=translate("cli", "full mode: at most this many epochs"))
    p.add_argument("--batch-size", type=int, default=defaults.batch_size)
    p.add_argument("--lr", type=float, default=defaults.lr, help=translate("cli", "full mode: learning rate (AdamW, warm-up then cosine)"))
    p.add_argument("--val-fraction", type=float, default=defaults.val_fraction)
    p.add_argument("--seed", type=int, default=defaults.seed)
    p.add_argument("--tta", type=int, default=None, metavar="VIEWS",
                   help=translate("cli", "average predictions over 1-8 rotated/flipped views (default: 1 quick, 8 full)"))
    p.add_argument("--image-size", type=int, default=None, metavar="PX",
                   help=translate("cli", "network input size (default: the variant's own; full mode 320)"))
    p.add_argument("--framing", choices=["crop", "whole"], default=None,
                   help=translate("cli", "crop: centre crop as on ImageNet; whole: the whole picture (default in full mode)"))
    p.add_argument("--no-augment", action="store_true", help=translate("cli", "full mode: no random crops/flips/colour"))
    p.add_argument("--no-pretrained", action="store_true", help=translate("cli", "start from random weights (much less accurate)"))
    p.add_argument("--precision", default="auto", choices=["auto", "fp32", "amp"])
    p.add_argument("--out", type=Path, required=True, help=translate("cli", "model file to write (.effnet)"))
    p.add_argument("--resume", action="store_true", help=translate("cli", "continue from OUT's checkpoint (OUT.ckpt)"))

    p = sub.add_parser("predict", parents=[common], help=translate("cli", "classify an image or every image in a folder"))
    p.add_argument("model", help=translate("cli", "a .effnet model file, or imagenet:VARIANT"))
    p.add_argument("target", type=Path, help=translate("cli", "an image file or a folder"))
    p.add_argument("--top-k", type=int, default=3)
    p.add_argument("--csv", type=Path, help=translate("cli", "also write the predictions to this CSV file"))
    p.add_argument("--tiles", action="store_true", help=translate("cli", "classify overlapping tiles and average them "
                   "(large images such as micrographs)"))
    _engine_option(p)

    p = sub.add_parser("evaluate", parents=[common], help=translate("cli", "measure a model on a labelled class-per-folder folder"))
    p.add_argument("model")
    p.add_argument("data", type=Path)
    p.add_argument("--tiles", action="store_true")
    _engine_option(p)

    p = sub.add_parser("export", parents=[common], help=translate("cli", "export a model to ONNX (checked against torch)"))
    p.add_argument("model")
    p.add_argument("--format", default="onnx", choices=["onnx"])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--check-images", type=Path, help=translate("cli", "folder or image used to check the export (default: random inputs)"))

    p = sub.add_parser("info", parents=[common], help=translate("cli", "describe a model file"))
    p.add_argument("model", type=Path)

    p = sub.add_parser("weights", parents=[common], help=translate("cli", "pretrained weights: status, download, import"))
    wsub = p.add_subparsers(dest="weights_command", metavar="ACTION", required=True)
    w = wsub.add_parser("status", parents=[common], help=translate("cli", "which variants' weights are on this computer"))
    w = wsub.add_parser("download", parents=[common], help=translate("cli", "download a variant's ImageNet weights"))
    w.add_argument("variant", choices=list(VARIANTS))
    w = wsub.add_parser("import", parents=[common], help=translate("cli", "use a weights file you already have"))
    w.add_argument("variant", choices=list(VARIANTS))
    w.add_argument("file", type=Path)
    w.add_argument("--unverified", action="store_true", help=translate("cli", "accept a file whose checksum is not the official one"))
    return parser


# ------------------------------------------------------------------ commands

def _print(args, data: Any, text: str) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False) if getattr(args, "json", False) else text)


def cmd_variants(args) -> int:
    from effnet_app.core.models.variants import VARIANTS

    rows = [v.describe() for v in VARIANTS.values()]
    lines = [" ".join((cell(translate("cli", "name"), 6), cell(translate("cli", "model"), 19), cell(translate("cli", "input"), 5, True),
                       cell(translate("cli", "params"), 7, True), cell("ImageNet", 8, True), " " + translate("cli", "weights")))]
    for r in rows:
        if r["works_offline"]:
            where = translate("cli", "installed (works offline)")
        else:
            where = translate("cli", "downloads {mb} MB on first use").format(mb=f"{r['weights_mb']:.0f}")
        if not r["has_se"]:
            where = translate("cli", "{weights}; no SE blocks").format(weights=where)
        lines.append(f"{r['name']:<6} {r['label']:<19} {r['input_size']:>5} {r['num_params'] / 1e6:>6.1f}M "
                     f"{r['imagenet_top1']:>7.1f}%  {where}")
    _print(args, rows, "\n".join(lines))
    return 0


def _with_sigint(cancel):
    """Ctrl+C sets the cancel token once (the core then stops between batches)."""
    def handler(signum, frame):
        cancel.cancel()
    return signal.signal(signal.SIGINT, handler)


def cmd_train(args) -> int:
    from effnet_app.core.progress import CancelToken
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.training.run import train

    out = args.out if args.out.suffix else args.out.with_suffix(".effnet")
    ckpt = out.with_name(out.name + ".ckpt")
    cfg = TrainConfig.for_mode(
        args.mode, variant=args.variant, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
        val_fraction=args.val_fraction, seed=args.seed, tta_views=args.tta, image_size=args.image_size,
        framing=args.framing, augment=not args.no_augment, pretrained=not args.no_pretrained,
        device=args.device, precision=args.precision, mirror=args.mirror,
    )
    reporter = TextReporter(enabled=not args.json)
    cancel = CancelToken()
    previous = _with_sigint(cancel)
    try:
        result = train(cfg, args.data, reporter, cancel, checkpoint=ckpt if cfg.mode == "full" else None,
                       resume=args.resume)
    finally:
        signal.signal(signal.SIGINT, previous)
        reporter.clear()
    for p in result.problems:
        where = Path(p.path).name + ": " if p.path else ""
        print(translate("cli", "note: {text}").format(text=where + p.message), file=sys.stderr)
    if result.status == "cancelled":
        if ckpt.exists():
            text = translate("cli", "Training stopped; no model was written. The checkpoint {name} is kept: "
                                    "add --resume to continue.").format(name=ckpt.name)
        else:
            text = translate("cli", "Training stopped; no model was written.")
        print(text, file=sys.stderr)
        return EXIT_CANCELLED
    result.save(out)
    ckpt.unlink(missing_ok=True)
    ev = result.evaluation
    summary = {
        "model": str(out), "variant": cfg.variant, "mode": cfg.mode, "pretrained": cfg.pretrained,
        "classes": result.classes, "status": result.status, "best_epoch": result.best_epoch,
        "epochs_run": len(result.history), "device": result.device,
        "validation_accuracy": ev.accuracy if ev else None, "validation_images": ev.count if ev else 0,
        "seconds": {k: round(v, 2) for k, v in result.seconds.items()},
        "history": result.history,
    }
    if ev:
        acc = translate("cli", "validation accuracy {acc} on {n} images").format(acc=f"{ev.accuracy:.1%}", n=ev.count)
    else:
        acc = translate("cli", "no validation images")
    weights = translate("cli", "ImageNet-pretrained") if cfg.pretrained else translate("cli", "random initial weights (not pretrained)")
    _print(args, summary, translate("cli", "Saved {path} ({variant}, {mode} mode, {weights}): {accuracy}, {n} classes, "
                                    "{seconds} s on {device}.").format(
        path=out, variant=cfg.variant, mode=cfg.mode, weights=weights, accuracy=acc, n=len(result.classes),
        seconds=f"{result.seconds['total']:.1f}", device=result.device))
    return 0


def cmd_predict(args) -> int:
    from effnet_app.core.errors import EffNetError
    from effnet_app.core.inference.predict import Classifier, list_images, write_csv

    if not args.target.exists():
        raise EffNetError(translate("cli", "There is no file or folder '{path}'.").format(path=args.target))
    paths = list_images(args.target)
    if not paths:
        raise EffNetError(translate("cli", "The folder '{path}' holds no images.").format(path=args.target))
    reporter = TextReporter(enabled=not args.json)
    clf = Classifier.load(args.model, args.device, reporter, mirror=args.mirror, engine=args.engine)
    preds = clf.predict_paths(paths, args.top_k, args.tiles, reporter)
    reporter.clear()
    if args.csv:
        write_csv(preds, args.csv, args.top_k)
    lines = []
    for p in preds:
        if p.error:
            lines.append(f"{p.source}: {p.error}")
        else:
            lines.append(f"{p.source}: " + ", ".join(f"{c} {v:.1%}" for c, v in p.top))
    _print(args, [p.to_dict() for p in preds], "\n".join(lines))
    failed = sum(1 for p in preds if p.error)
    if failed and not args.json:
        print(translate("cli", "{failed} of {total} files could not be read.").format(failed=failed, total=len(preds)),
              file=sys.stderr)
    return 0 if failed < len(preds) else EXIT_USER_ERROR


def cmd_evaluate(args) -> int:
    from effnet_app.core.inference.predict import Classifier

    reporter = TextReporter(enabled=not args.json)
    clf = Classifier.load(args.model, args.device, reporter, mirror=args.mirror, engine=args.engine)
    ev, problems = clf.evaluate_folder(args.data, args.tiles, reporter)
    reporter.clear()
    lines = [translate("cli", "accuracy {acc} on {n} images").format(acc=f"{ev.accuracy:.1%}", n=ev.count), "",
             " ".join((cell(translate("cli", "class"), 32), cell(translate("cli", "precision"), 9, True), cell(translate("cli", "recall"), 7, True),
                       cell("F1", 6, True), cell("n", 5, True)))]
    for c in ev.per_class:
        lines.append(" ".join((cell(c.name, 32), f"{c.precision:>9.1%} {c.recall:>7.1%} {c.f1:>6.1%} {c.support:>5}")))
    lines += ["", translate("cli", "confusion matrix (rows: true, columns: predicted):")]
    lines += [" ".join(f"{v:>3}" for v in row) for row in ev.confusion]
    if ev.misclassified:
        lines += ["", translate("cli", "misclassified:")]
        lines += [f"  {m['file']}: {m['true']} -> {m['predicted']} ({m.get('confidence', 0):.0%})" for m in ev.misclassified]
    _print(args, ev.to_dict(), "\n".join(lines))
    return 0


def cmd_export(args) -> int:
    from effnet_app.core.inference.export import export_onnx
    from effnet_app.core.inference.predict import Classifier, list_images

    clf = Classifier.load(args.model, "cpu", mirror=args.mirror)
    samples = list_images(args.check_images) if args.check_images else []
    check = export_onnx(clf, args.out, samples)
    _print(args, {"out": str(args.out), "format": args.format, "check": check.to_dict()},
           translate("cli", "Exported {path}; checked on {n} inputs: max difference {diff}, top-1 agreement {agree}.").format(
               path=args.out, n=check.images, diff=f"{check.max_abs_diff:.2g}", agree=f"{check.top1_agreement:.0%}"))
    return 0


def cmd_info(args) -> int:
    from effnet_app.core.store.model_file import load_model

    b = load_model(args.model)
    acc = b.meta.accuracy
    text = translate("cli", "{path}: {model}, {n} classes ({classes}), input {size} px, validation accuracy {acc}, "
                            "made by {app} {version} on {created}").format(
        path=args.model, model=b.variant.label, n=len(b.classes), classes=", ".join(b.classes),
        size=b.preprocess.size, acc=translate("cli", "n/a") if acc is None else f"{acc:.1%}", app=APP_NAME,
        version=b.meta.app_version, created=b.meta.created)
    _print(args, b.meta.summary(), text)
    return 0


def cmd_weights(args) -> int:
    from effnet_app.core.models import weights
    from effnet_app.core.models.variants import VARIANTS, get_variant

    if args.weights_command == "status":
        rows = [{"variant": v.name, "file": v.weights_file, "present": weights.cached_weights(v) is not None,
                 "path": str(weights.cached_weights(v) or weights.checkpoints_dir() / v.weights_file)}
                for v in VARIANTS.values()]
        present, missing = translate("cli", "present"), translate("cli", "missing")
        _print(args, rows, "\n".join(f"{r['variant']:<6} {cell(present if r['present'] else missing, 8)} {r['path']}"
                                     for r in rows))
        return 0
    variant = get_variant(args.variant)
    if args.weights_command == "download":
        from effnet_app.core.progress import CancelToken

        reporter, cancel = TextReporter(enabled=not args.json), CancelToken()
        previous = _with_sigint(cancel)
        try:
            path = weights.ensure_weights(variant, reporter, cancel, args.mirror)
        finally:
            signal.signal(signal.SIGINT, previous)
            reporter.clear()
    else:
        path = weights.import_weights(variant, args.file, args.unverified)
    _print(args, {"variant": variant.name, "path": str(path)},
           translate("cli", "{model} weights: {path}").format(model=variant.label, path=path))
    return 0


def cmd_open(args) -> int:
    return launch_gui(args.paths)


COMMANDS = {
    "variants": cmd_variants, "train": cmd_train, "predict": cmd_predict, "evaluate": cmd_evaluate,
    "export": cmd_export, "info": cmd_info, "weights": cmd_weights, "open": cmd_open,
}


def main(argv: Sequence[str] | None = None) -> int:
    _speak_the_chosen_language()
    parser = get_parser()
    args = parser.parse_args(argv)
    if args.selftest:
        from effnet_app import selftest

        return selftest.run()
    if args.command is None:
        return launch_gui()
    from effnet_app.core.errors import Cancelled, EffNetError

    try:
        return COMMANDS[args.command](args)
    except Cancelled:
        print(translate("cli", "Cancelled."), file=sys.stderr)
        return EXIT_CANCELLED
    except EffNetError as e:
        print(translate("cli", "error: {message}").format(message=e), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(translate("cli", "Cancelled."), file=sys.stderr)
        return EXIT_CANCELLED


def launch_gui(paths: list[Path] | None = None) -> int:
    try:
        from effnet_app.gui.app import run
    except ImportError as e:  # e.g. Qt's system libraries missing on a server
        print(translate("cli", "The {app} window cannot open here ({reason}). The commands still work: effnet-app --help")
              .format(app=APP_NAME, reason=e), file=sys.stderr)
        return 1
    return run(paths=paths)


if __name__ == "__main__":
    raise SystemExit(main())
