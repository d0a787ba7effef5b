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
