"""Find user-visible strings that are not wrapped for translation.

``pyside6-lupdate`` only sees strings inside ``tr``/``translate``; this finds the ones
outside. A string literal counts as text for people when it reads like words (a space
between letters, a capitalised word, or an ellipsis) and is not passed to a call that
takes names rather than prose (style sheets, object names, fonts...). A deliberate
exception carries ``# i18n: ignore`` on its line, ideally with the reason; a file meant
only for developers (the screenshot script) carries ``# i18n: ignore-file``.

    python -m tools.i18n_lint            # the app: effnet_app/
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

TRANSLATING = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}
# Calls whose string arguments are identifiers, code or data, never shown as prose.
NOT_PROSE_CALLS = {
    "setObjectName", "setStyleSheet", "setStyle", "setProperty", "property", "setOrganizationName",
    "setApplicationName", "setDesktopFileName", "setFamilies", "setFamily", "QFont", "QColor",
    "Signal", "Slot", "getLogger", "debug", "info", "warning", "error", "exception", "critical",
    "get", "set", "value", "setValue", "startswith", "endswith", "join", "split", "replace", "format",
    "strftime", "findChild", "findChildren", "emit", "event", "isinstance", "getattr", "hasattr",
    "open", "Path", "with_suffix", "encode", "decode", "QUrl", "fromLocalFile", "icon", "load_icon",
    "QKeySequence", "setShortcut", "Formatter", "setDefaultSuffix", "save", "mimeData", "hasFormat", "setData",
}
DEVELOPER_ERRORS = {"ValueError", "TypeError", "RuntimeError", "AssertionError", "KeyError", "NotImplementedError"}
WORDS = re.compile(r"[A-Za-z]{2,}")
PROSE = re.compile(r"[A-Za-z]{2,}[^\n]*\s[^\n]*[A-Za-z]{2,}|^[A-Z][a-z]+\b|…")
KEYS = re.compile(r"^(Ctrl|Shift|Alt|Meta)\+")  # shortcuts: Qt shows them in the platform's words
IGNORE = "# i18n: ignore"
IGNORE_FILE = "# i18n: ignore-file"


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r} is not wrapped in tr()"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _shielded(tree: ast.AST) -> set[int]:
    """Constants inside translating calls, non-prose calls, subscripts (dict keys),
    comparisons (event kinds, setting values) and dict keys."""
    shielded: set[int] = set()

    def shield(node: ast.AST) -> None:
        for sub in ast.walk(node):
            shielded.add(id(sub))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in TRANSLATING or name in NOT_PROSE_CALLS:
                for arg in node.args:
                    shield(arg)
                for kw in node.keywords:
                    shield(kw.value)
            if name in TRANSLATING or name == "format":
                shield(node.func)  # "…".format(...) is checked via the literal it formats
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations = [a.annotation for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs]
            for ann in annotations + [node.returns]:
                if ann is not None:
                    shield(ann)
        elif isinstance(node, ast.AnnAssign):
            shield(node.annotation)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and _name(node.exc.func) in DEVELOPER_ERRORS:
            shield(node.exc)  # a programming error, never shown as a sentence for people
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            shield(node.value)
        elif isinstance(node, ast.Subscript):
            shield(node.slice)
        elif isinstance(node, ast.Compare):
            shield(node)
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    shield(key)
    return shielded


def check_source(source: str, path: Path = Path("<string>")) -> list[Finding]:
    if IGNORE_FILE in source:
        return []
    tree = ast.parse(source)
    lines = source.splitlines()
    skip = _docstrings(tree) | _shielded(tree)
    findings = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        text = node.value
        if not WORDS.search(text) or not PROSE.search(text) or KEYS.match(text):
            continue
        if IGNORE in lines[node.lineno - 1] or (node.end_lineno and IGNORE in lines[node.end_lineno - 1]):
            continue
        findings.append(Finding(path, node.lineno, text))
    return sorted(findings, key=lambda f: f.line)


def check_paths(paths: list[Path]) -> list[Finding]:
    files = [f for p in paths for f in (sorted(p.rglob("*.py")) if p.is_dir() else [p])]
    return [finding for f in files for finding in check_source(f.read_text(encoding="utf-8"), f)]


def main(argv: list[str]) -> int:
    findings = check_paths([Path(a) for a in argv] or [Path("effnet_app")])
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
