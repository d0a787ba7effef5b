"""One function per sub-command: arguments in, an exit code out, the result printed
(as text, or as JSON with ``--json``)."""

from __future__ import annotations

import signal
from pathlib import Path

from effnet_app import APP_NAME
from effnet_app.cli.curation import cmd_check, cmd_sort
from effnet_app.cli.output import TextReporter, cell, emit, warn
from effnet_app.core.i18n import translate

EXIT_USER_ERROR = 2
EXIT_CANCELLED = 130


def _with_sigint(cancel):
    """Ctrl+C sets the cancel token once (the core then stops between batches)."""
    def handler(signum, frame):
        cancel.cancel()
    return signal.signal(signal.SIGINT, handler)


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
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_train(args) -> int:
    from effnet_app.core.progress import CancelToken
    from effnet_app.core.training.config import TrainConfig
    from effnet_app.core.training.quick_run import train_quick

    out = args.out if args.out.suffix else args.out.with_suffix(".effnet")
    ckpt = out.with_name(out.name + ".ckpt")
    data, plan = args.data, None
    if args.budget:
        data, plan = _budget_plan(args)
        cfg = plan.config
        if not args.json:
            print(plan.reason, flush=True)
    else:
        cfg = TrainConfig.for_mode(
            args.mode or "quick", variant=_train_variant(args), base=str(args.base) if args.base else None,
            balance=not args.no_balance, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
            val_fraction=args.val_fraction, seed=args.seed, tta_views=args.tta, image_size=args.image_size,
            framing=args.framing, augment=not args.no_augment, pretrained=not args.no_pretrained, split=args.split,
            device=args.device, precision=args.precision, mirror=args.mirror, time_limit=60 * args.time_limit,
        )
    reporter = TextReporter(enabled=not args.json)
    cancel = CancelToken()
    previous = _with_sigint(cancel)
    try:
        result = None if args.resume else train_quick(cfg, data, reporter, cancel)  # no PyTorch when it can
        if result is None:
            from effnet_app.core.training.run import train

            result = train(cfg, data, reporter, cancel, checkpoint=ckpt if cfg.mode == "full" else None,
                           resume=args.resume)
    finally:
        signal.signal(signal.SIGINT, previous)
        reporter.clear()
    for p in result.problems:
        where = Path(p.path).name + ": " if p.path else ""
        warn(translate("cli", "note: {text}").format(text=where + p.message))
    if result.status == "cancelled":
        if ckpt.exists():
            text = translate("cli", "Training stopped; no model was written. The checkpoint {name} is kept: "
                                    "add --resume to continue.").format(name=ckpt.name)
        else:
            text = translate("cli", "Training stopped; no model was written.")
        warn(text)
        return EXIT_CANCELLED
    result.save(out, int8=args.int8)
    ckpt.unlink(missing_ok=True)
    summary, text = _trained(cfg, result, out)
    if plan is not None:
        summary["budget"] = {"name": plan.budget, "reason": plan.reason, "estimate_seconds": round(plan.estimate_s)}
    emit(args, summary, text)
    return 0


def _budget_plan(args):
    """The folder's index and the training that fits ``--budget`` (core.training.budget):
    it picks the network, the mode and the epochs, so those options may not be given."""
    from effnet_app.core.data.dataset import scan_folder
    from effnet_app.core.devices import gpu_apparent
    from effnet_app.core.errors import ConfigError
    from effnet_app.core.training.budget import plan

    if args.variant or args.mode or args.base or args.resume:
        raise ConfigError(translate("cli", "--budget picks the network and the mode itself: leave out --variant, "
                                           "--mode, --from and --resume, or leave out --budget."))
    index = scan_folder(args.data)
    gpu = args.device not in ("auto", "cpu") or (args.device == "auto" and gpu_apparent())
    return index, plan(args.budget, len(index.samples), gpu, seed=args.seed, split=args.split,
                       balance=not args.no_balance, val_fraction=args.val_fraction, device=args.device,
                       precision=args.precision, mirror=args.mirror)


def _train_variant(args) -> str | None:
    """The network: asked for, else the base model's (training on), else the default."""
    from effnet_app.core.errors import ConfigError
    from effnet_app.core.models.variants import DEFAULT_VARIANT
    from effnet_app.core.store.model_file import read_model_meta

    if args.base is None:
        return args.variant or DEFAULT_VARIANT
    variant = read_model_meta(args.base).variant
    if args.variant and args.variant != variant:
        raise ConfigError(translate("cli", "The model is a {model} network; training on from it keeps that network "
                                           "(leave out --variant).").format(model=variant))
    return variant


def _trained(cfg, result, out: Path) -> tuple[dict, str]:
    """What ``train`` prints: the JSON summary, and the sentence."""
    ev = result.evaluation
    summary = {
        "model": str(out), "variant": cfg.variant, "mode": cfg.mode, "pretrained": cfg.pretrained,
        "classes": result.classes, "status": result.status, "best_epoch": result.best_epoch,
        "epochs_run": len(result.history), "device": result.device, "precision": result.precision,
        "validation_accuracy": ev.accuracy if ev else None, "validation_images": ev.count if ev else 0,
        "validation_balanced_accuracy": ev.balanced_accuracy if ev else None, "balance": cfg.balance,
        "trained_on_from": cfg.base or None,
        "validation_ece": ev.ece if ev else None, "validation_unknown_rate": ev.unknown_rate if ev else None,
        "temperature": result.calibration.temperature if result.calibration else 1.0,
        "views": result.config.tta_views, "split": cfg.split, "split_groups": result.groups, "int8": result.int8.to_dict() if result.int8 else None,
        "seconds": {k: round(v, 2) for k, v in result.seconds.items()},
        "history": result.history,
    }
    if ev:
        acc = translate("cli", "validation accuracy {acc} on {n} images (balanced {balanced})").format(
            acc=f"{ev.accuracy:.1%}", n=ev.count, balanced=f"{ev.balanced_accuracy:.1%}")
        if ev.ece is not None:
            acc += translate("cli", ", calibration error {ece}").format(ece=f"{ev.ece:.1%}")
    else:
        acc = translate("cli", "no validation images")
    if result.groups:
        acc += translate("cli", " ({n} groups of pictures of one scene or specimen kept on one side of the split)").format(
            n=result.groups)
    weights = translate("cli", "ImageNet-pretrained") if cfg.pretrained else translate("cli", "random initial weights (not pretrained)")
    return summary, translate("cli", "Saved {path} ({variant}, {mode} mode, {weights}): {accuracy}, {n} classes, "
                                     "{seconds} s on {device}.").format(
        path=out, variant=cfg.variant, mode=cfg.mode, weights=weights, accuracy=acc, n=len(result.classes),
        seconds=f"{result.seconds['total']:.1f}", device=result.device)


def cmd_predict(args) -> int:
    from effnet_app.core.errors import EffNetError
    from effnet_app.core.inference.results import list_images, write_csv

    if not args.target.exists():
        raise EffNetError(translate("cli", "There is no file or folder '{path}'.").format(path=args.target))
    paths = list_images(args.target)
    if not paths:
        raise EffNetError(translate("cli", "The folder '{path}' holds no images.").format(path=args.target))
    reporter = TextReporter(enabled=not args.json)
    clf = _classifier(args, reporter, len(paths))
    preds = clf.predict_paths(paths, args.top_k, args.tiles, reporter)
    reporter.clear()
    if args.csv:
        write_csv(preds, args.csv, args.top_k)
    lines = []
    for p in preds:
        if p.error:
            lines.append(f"{p.source}: {p.error}")
            continue
        top = ", ".join(f"{c} {v:.1%}" for c, v in p.top)
        lines.append(f"{p.source}: " + (translate("cli", "None of these (closest: {top})").format(top=top)
                                        if p.unknown else top))
    emit(args, [p.to_dict() for p in preds], "\n".join(lines))
    failed = sum(1 for p in preds if p.error)
    if failed and not args.json:
        warn(translate("cli", "{failed} of {total} files could not be read.").format(failed=failed, total=len(preds)))
    return 0 if failed < len(preds) else EXIT_USER_ERROR


# Up to this many pictures, a model with a saved graph predicts without PyTorch when
# no device is asked for: the ~2 s import is most of such a run. Above it a GPU, if
# there is one, is worth that import; on a CPU both paths run the same graph.
GRAPH_PATH_LIMIT = 1000


def _classifier(args, reporter: TextReporter, pictures: int = 0):
    """The model of ``predict`` and ``evaluate``, with the share asked for; a model made
    before "None of these" existed is said once."""
    clf = _graph_classifier(args, pictures)
    if clf is None:
        from effnet_app.core.inference.predict import Classifier

        clf = Classifier.load(args.model, args.device, reporter, mirror=args.mirror, engine=args.engine)
    if clf.meta is not None and not clf.has_unknown:
        warn(translate("cli", "note: this model was made before “None of these” existed, so every picture gets "
                              "one of its classes; train it again to have that answer."))
    if args.unknown_share is not None:
        clf.set_unknown_share(args.unknown_share)
    return clf


def _graph_classifier(args, pictures: int):
    """The saved model's exported graph, run without PyTorch, where it gives what was
    asked for (no tiles, no device or engine named, few pictures); else None."""
    import os

    from effnet_app.core.inference.results import IMAGENET_PREFIX

    if (args.tiles or args.device not in ("auto", "cpu") or args.engine == "torch" or os.environ.get("EFFNET_NO_ONNX")
            or str(args.model).lower().startswith(IMAGENET_PREFIX) or (args.device == "auto" and pictures > GRAPH_PATH_LIMIT)):
        return None
    from effnet_app.core.inference.graph import GraphClassifier

    return GraphClassifier.open(args.model, int8=args.engine == "auto")


def _calibration_lines(ev) -> list[str]:
    lines = []
    if ev.ece is not None:
        lines.append(translate("cli", "calibration error (ECE, 15 bins) {ece}").format(ece=f"{ev.ece:.1%}"))
    if ev.unknown_count is not None:
        lines.append(translate("cli", "answered “None of these”: {n} of {total} ({rate})").format(
            n=ev.unknown_count, total=ev.count, rate=f"{ev.unknown_rate:.1%}"))
    return lines


def cmd_evaluate(args) -> int:
    reporter = TextReporter(enabled=not args.json)
    clf = _classifier(args, reporter)
    ev, problems = clf.evaluate_folder(args.data, args.tiles, reporter)
    reporter.clear()
    lines = [translate("cli", "accuracy {acc} on {n} images (balanced accuracy {balanced})").format(
        acc=f"{ev.accuracy:.1%}", n=ev.count, balanced=f"{ev.balanced_accuracy:.1%}"),
             *_calibration_lines(ev), "",
             " ".join((cell(translate("cli", "class"), 32), cell(translate("cli", "precision"), 9, True), cell(translate("cli", "recall"), 7, True),
                       cell("F1", 6, True), cell("n", 5, True)))]
    for c in ev.per_class:
        lines.append(" ".join((cell(c.name, 32), f"{c.precision:>9.1%} {c.recall:>7.1%} {c.f1:>6.1%} {c.support:>5}")))
    lines += ["", translate("cli", "confusion matrix (rows: true, columns: predicted):")]
    lines += [" ".join(f"{v:>3}" for v in row) for row in ev.confusion]
    if ev.misclassified:
        lines += ["", translate("cli", "misclassified:")]
        lines += [f"  {m['file']}: {m['true']} -> {m['predicted']} ({m.get('confidence', 0):.0%})" for m in ev.misclassified]
    emit(args, ev.to_dict(), "\n".join(lines))
    return 0


def cmd_export(args) -> int:
    from effnet_app.core.inference.export import export_onnx
    from effnet_app.core.inference.predict import Classifier
    from effnet_app.core.inference.results import list_images

    clf = Classifier.load(args.model, "cpu", mirror=args.mirror)
    samples = list_images(args.check_images) if args.check_images else []
    check = export_onnx(clf, args.out, samples)
    emit(args, {"out": str(args.out), "format": args.format, "check": check.to_dict()},
           translate("cli", "Exported {path}; checked on {n} inputs: max difference {diff}, top-1 agreement {agree}.").format(
               path=args.out, n=check.images, diff=f"{check.max_abs_diff:.2g}", agree=f"{check.top1_agreement:.0%}"))
    return 0


def cmd_info(args) -> int:
    from effnet_app.core.store.model_file import read_model_meta

    meta = read_model_meta(args.model)  # the header alone: a 5 GB model file is described from a few KB
    acc = meta.accuracy
    text = translate("cli", "{path}: {model}, {n} classes ({classes}), input {size} px, validation accuracy {acc}, "
                            "made by {app} {version} on {created}").format(
        path=args.model, model=meta.variant_info.label, n=len(meta.classes), classes=", ".join(meta.classes),
        size=meta.preprocess.size, acc=translate("cli", "n/a") if acc is None else f"{acc:.1%}", app=APP_NAME,
        version=meta.app_version, created=meta.created)
    emit(args, meta.summary(), text)
    return 0


def cmd_weights(args) -> int:
    from effnet_app.core.models import weights
    from effnet_app.core.models.variants import VARIANTS, get_variant

    if args.weights_command == "status":
        rows = [{"variant": v.name, "file": v.weights_file, "present": weights.cached_weights(v) is not None,
                 "path": str(weights.cached_weights(v) or weights.checkpoints_dir() / v.weights_file)}
                for v in VARIANTS.values()]
        present, missing = translate("cli", "present"), translate("cli", "missing")
        emit(args, rows, "\n".join(f"{r['variant']:<6} {cell(present if r['present'] else missing, 8)} {r['path']}"
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
    emit(args, {"variant": variant.name, "path": str(path)},
           translate("cli", "{model} weights: {path}").format(model=variant.label, path=path))
    return 0


def cmd_open(args) -> int:
    return launch_gui(args.paths)


def launch_gui(paths: list[Path] | None = None) -> int:
    try:
        from effnet_app.gui.app import run
    except ImportError as e:  # e.g. Qt's system libraries missing on a server
        warn(translate("cli", "The {app} window cannot open here ({reason}). The commands still work: effnet-app --help")
             .format(app=APP_NAME, reason=e))
        return 1
    return run(paths=paths)


COMMANDS = {
    "variants": cmd_variants, "train": cmd_train, "predict": cmd_predict, "evaluate": cmd_evaluate,
    "export": cmd_export, "info": cmd_info, "weights": cmd_weights, "open": cmd_open, "check": cmd_check,
    "sort": cmd_sort,
}

