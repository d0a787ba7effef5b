"""Keep the translation catalogues in step with the code.

    python -m tools.translations update    # pyside6-lupdate: new strings into the .ts files
    python -m tools.translations release   # pyside6-lrelease: .ts -> .qm (committed, see below)
    python -m tools.translations check     # what the test checks, as a report

Translate with Qt Linguist (``pyside6-linguist effnet_app/resources/translations/effnet_zh_CN.ts``)
or any .ts editor, then ``release``. The ``.qm`` files are committed next to their
sources so that ``pip install`` and the installer need no Qt tools;
``tests/test_translations.py`` fails when a ``.qm`` is older than its ``.ts``.

The .ts files record no source locations: line numbers would change the catalogue on
every edit of the code. Contexts (class names; module names for the core) say where
a string belongs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "effnet_app"
FOLDER = SOURCES / "resources" / "translations"
#: Catalogue -> lupdate options. English holds only plural forms ("%n image(s)").
CATALOGUES = {"effnet_zh_CN.ts": ["-target-language", "zh_CN"],
              "effnet_en.ts": ["-target-language", "en", "-pluralonly"]}
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%n|%\d|%\([a-z_]+\)[sr]|%[sr]")
TAG = re.compile(r"</?[a-z]+\b[^>]*>")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: install the app's dependencies (PySide6) first")
    return found


def source_files() -> list[str]:
    return [str(p) for p in sorted(SOURCES.rglob("*.py"))]


def lupdate(targets: list[Path], extra: list[str]) -> None:
    cmd = [tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-locations", "none",
           "-source-language", "en", "-silent", *extra, "-ts", *map(str, targets)]
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)


@dataclass
class Message:
    context: str
    source: str
    numerus: bool
    forms: list[str]  # the translation (one form, or one per plural form)
    unfinished: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.source


def read(ts: Path) -> list[Message]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            numerus = msg.get("numerus") == "yes"
            forms = ([f.text or "" for f in tr.iter("numerusform")] if numerus else [tr.text or ""]) if tr is not None else []
            out.append(Message(name, msg.findtext("source") or "", numerus, forms,
                               kind in ("unfinished", "vanished", "obsolete") or not all(forms)))
    return out


def extract() -> set[tuple[str, str]]:
    """Every (context, source text) the code asks to translate, by lupdate itself."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "all.ts"
        lupdate([ts], ["-target-language", "zh_CN"])
        return {m.key for m in read(ts)}


def problems() -> list[str]:
    """Everything that would make a language incomplete or wrong, as sentences."""
    found = []
    wanted = extract()
    for name in CATALOGUES:
        ts = FOLDER / name
        if not ts.exists():
            found.append(f"{name} is missing: run python -m tools.translations update")
            continue
        messages = read(ts)
        have = {m.key for m in messages}
        plural_only = "-pluralonly" in CATALOGUES[name]
        for ctx, src in sorted(wanted - have):
            if not plural_only:
                found.append(f"{name}: not in the catalogue: [{ctx}] {src!r} (run update)")
        for ctx, src in sorted(have - wanted):
            found.append(f"{name}: no longer in the code: [{ctx}] {src!r} (run update)")
        for m in messages:
            if m.unfinished:
                found.append(f"{name}: unfinished: [{m.context}] {m.source!r}")
                continue
            for form in m.forms:
                if _placeholders(form, m.numerus) != _placeholders(m.source, m.numerus):
                    found.append(f"{name}: placeholders differ: [{m.context}] {m.source!r} -> {form!r}")
                if sorted(TAG.findall(form)) != sorted(TAG.findall(m.source)):
                    found.append(f"{name}: HTML tags differ: [{m.context}] {m.source!r} -> {form!r}")
        qm = ts.with_suffix(".qm")
        if not qm.exists() or _stale(ts, qm):
            found.append(f"{qm.name} is older than {name}: run python -m tools.translations release")
    return found


def _placeholders(text: str, numerus: bool) -> list[str]:
    """The placeholders a translation must keep; a plural form may spell the count
    out ("one file") instead of writing %n."""
    return sorted(p for p in PLACEHOLDER.findall(text) if not (numerus and p == "%n"))


def _stale(ts: Path, qm: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / qm.name
        lrelease(ts, fresh)
        return fresh.read_bytes() != qm.read_bytes()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for name, extra in CATALOGUES.items():
            lupdate([FOLDER / name], extra)
        return 0
    if command == "release":
        for name in CATALOGUES:
            lrelease(FOLDER / name, (FOLDER / name).with_suffix(".qm"))
        return 0
    if command == "check":
        found = problems()
        print("\n".join(found) or "translations complete")
        return 1 if found else 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
