"""The dataset commands: ``check`` (and, later, ``sort``)."""

from __future__ import annotations

from pathlib import Path

from effnet_app.cli.output import TextReporter, emit
from effnet_app.core.i18n import translate


def _relative(path: str, root: str) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return path


def cmd_check(args) -> int:
    from effnet_app.core.curation.check import check_dataset
    from effnet_app.core.progress import CancelToken

    reporter = TextReporter(enabled=not args.json)
    report = check_dataset(args.data, device=args.device, reporter=reporter, cancel=CancelToken())
    reporter.clear()
    emit(args, report.to_dict(), "\n".join(_check_lines(report, args.top)))
    return 0


def _check_lines(report, top: int) -> list[str]:
    def rel(path: str) -> str:
        return _relative(path, report.root)

    lines = [translate("cli", "Checked {n} pictures in {k} classes ({s:.0f} s).").format(
        n=report.pictures, k=len(report.classes), s=report.seconds)]
    sections = [
        (report.near_duplicates, translate("cli", "Near-copies (the same picture resized, re-saved or cropped): {n}"),
         lambda p: f"  {rel(p[0])}  =  {rel(p[1])}  ({p[2]:.0%})"),
        (report.overlapping, translate("cli", "Overlapping views of one scene (keep each group on one side of the "
                                              "validation split): {n}"),
         lambda p: f"  {rel(p[0])}  ~  {rel(p[1])}  ({p[2]:.0%})"),
        (report.suspected_mislabels, translate("cli", "Probably filed under the wrong class, most suspicious first: {n}"),
         lambda s: "  " + translate("cli", "{path}: filed under {label}, looks like {suggested} ({p:.0%})").format(
             path=rel(s.path), label=s.label, suggested=s.suggested, p=s.confidence)),
        (report.similar_classes, translate("cli", "Classes that look alike: {n}"),
         lambda c: "  " + translate("cli", "{a} and {b}: {share:.0%} of their pictures taken for each other").format(
             a=c[0], b=c[1], share=c[2])),
    ]
    for rows, title, line in sections:
        lines += ["", title.format(n=len(rows))]
        lines += [line(r) for r in rows[:top]]
        if len(rows) > top:
            lines.append("  " + translate("cli", "… and {n} more (--top, or --json for all)").format(n=len(rows) - top))
    return lines


def cmd_sort(args) -> int:
    from effnet_app.core.curation.sort import apply_sort, plan_sort, predict_folder, undo_sort
    from effnet_app.core.errors import ConfigError
    from effnet_app.core.progress import CancelToken

    if args.undo:
        restored = undo_sort(args.undo)
        emit(args, {"undone": str(args.undo), "restored": restored},
             translate("cli", "Undone: {n} pictures are back where they were.").format(n=restored))
        return 0
    if not (args.model and args.folder and args.into):
        raise ConfigError(translate("cli", "Give a model, a folder and --into DATASET (or --undo LOG)."))
    reporter = TextReporter(enabled=not args.json)
    placements = predict_folder(args.model, args.folder, args.device, reporter, CancelToken())
    plan = plan_sort(placements, args.into, args.min_confidence)
    log = None if args.dry_run else apply_sort(plan, args.into, args.move, reporter=reporter)
    reporter.clear()
    placed = {str(s): str(d) for s, d in plan}
    rows = [{"source": p.source, "class": p.label, "confidence": round(p.confidence, 4), "unknown": p.unknown,
             "dest": placed.get(p.source), "error": p.error or None} for p in placements]
    emit(args, {"log": str(log.path) if log else None, "moved": args.move, "dry_run": args.dry_run, "pictures": rows},
         "\n".join(_sort_lines(args, placements, plan, log)))
    return 0


def _sort_lines(args, placements, plan, log) -> list[str]:
    counts: dict[str, int] = {}
    for _source, dest in plan:
        counts[dest.parent.name] = counts.get(dest.parent.name, 0) + 1
    left = len(placements) - len(plan)
    head = (translate("cli", "Would file {n} of {total} pictures in {dataset}:") if args.dry_run else
            translate("cli", "Moved {n} of {total} pictures into {dataset}:") if args.move else
            translate("cli", "Copied {n} of {total} pictures into {dataset}:"))
    lines = [head.format(n=len(plan), total=len(placements), dataset=args.into)]
    lines += [f"  {name}: {n}" for name, n in sorted(counts.items())]
    if left:
        lines.append(translate("cli", "{n} left where they are (“None of these”, unreadable, or less sure than "
                                      "--min-confidence).").format(n=left))
    if log is not None:
        lines.append(translate("cli", "To undo: effnet-app sort --undo \"{log}\"").format(log=log.path))
    return lines
