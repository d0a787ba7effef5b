"""Hostile names, arguments and files at the command line, each built here: every one
ends in one sentence (or a harmless cell), never a traceback, a hang or raw escapes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat

import pytest

from effnet_app.cli import main
from tests.cli.running import run
from effnet_app.cli.output import finite, printable
from effnet_app.core.files import UMASK, atomic_write_bytes
from effnet_app.core.inference.results import spreadsheet_text
from effnet_app.core.store.library import Library

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


@pytest.fixture(scope="module")
def formula_model(tmp_path_factory, small_rocks):
    """A model whose class names a spreadsheet would run as formulas."""
    data = tmp_path_factory.mktemp("formulas")
    for source, name in zip(("Chert", "Bauxite", "鲕粒灰岩"), ("=HYPERLINK(1)", "+1", "@SUM(A1)")):
        shutil.copytree(small_rocks / source, data / name)
    out = data.parent / "formulas.effnet"
    assert main(["train", str(data), "--out", str(out), "--val-fraction", "0.25"]) == 0
    return out, data


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(formula_model, tmp_path, capsys, monkeypatch):
    model, data = formula_model
    shutil.copy(next((data / "+1").iterdir()), tmp_path / "=cmd().jpg")
    monkeypatch.chdir(tmp_path)  # the file given as it is named, so its cell starts with "="
    code, _, _ = run(capsys, "predict", model, "=cmd().jpg", "--csv", tmp_path / "p.csv", "--top-k", "3")
    row = next(csv.DictReader(open(tmp_path / "p.csv", encoding="utf-8")))
    assert code == 0 and row["file"] == "'=cmd().jpg"
    assert {row["class_1"], row["class_2"], row["class_3"]} == {"'=HYPERLINK(1)", "'+1", "'@SUM(A1)"}
    assert spreadsheet_text("\tx\x00y") == "'\txy" and spreadsheet_text("-5 %") == "'-5 %"


def test_escape_codes_in_a_file_name_are_shown_not_sent_to_the_terminal(formula_model, tmp_path, capsys):
    model, data = formula_model
    odd = tmp_path / "\x1b[2Jclear.jpg"
    shutil.copy(next((data / "+1").iterdir()), odd)
    code, out, _ = run(capsys, "predict", model, odd)
    assert code == 0 and "\x1b" not in out and "\\x1b[2Jclear.jpg" in out
    assert printable("a\tb\nc\x07") == "a\tb\nc\\x07"


@pytest.mark.parametrize("args, sentence", [
    (["predict", "imagenet:lite0", "{img}", "--top-k", "100000000"], "give a whole number from 1 to 100"),
    (["train", "{tmp}", "--out", "{tmp}/m.effnet", "--image-size", "-5"], "give a whole number from 32 to 1024"),
    (["predict", "imagenet:lite0", "{img}", "--unknown-share", "80"], "give a percentage from 0 to 50"),
])
def test_out_of_range_arguments_are_one_sentence(args, sentence, tmp_path, rocks_dir, capsys):
    img = next((rocks_dir / "Chert").iterdir())
    with pytest.raises(SystemExit) as stop:
        main([a.format(tmp=tmp_path, img=img) for a in args])
    assert stop.value.code == 2 and sentence in capsys.readouterr().err


def test_json_never_holds_nan():
    assert json.loads(json.dumps(finite({"a": float("nan"), "b": [1.0, float("inf")], "c": "x"}),
                                 allow_nan=False)) == {"a": None, "b": [1.0, None], "c": "x"}


@pytest.mark.parametrize("error, code, sentence", [
    (RuntimeError("a bug"), 1, "something unexpected went wrong (RuntimeError: a bug). The details are in"),
    (PermissionError(13, "Permission denied", "/data/locked"), 2, "could not read or write '/data/locked': "
                                                                   "Permission denied."),
    (MemoryError(), 2, "ran out of memory"),
])
def test_any_other_error_is_one_sentence_and_a_bug_goes_to_the_log(monkeypatch, capsys, error, code, sentence):
    from effnet_app.cli import commands
    from effnet_app.logs import log, log_file

    def broken(args):
        raise error
    monkeypatch.setitem(commands.COMMANDS, "variants", broken)
    result, _, err = run(capsys, "variants")
    assert result == code and sentence in err and "Traceback" not in err and err.count("\n") == 1
    if code == 1:
        for handler in log.handlers:
            handler.flush()
        assert "RuntimeError: a bug" in log_file().read_text(encoding="utf-8")


@needs_fifo
def test_a_pipe_named_like_a_model_is_refused_and_does_not_block_the_library(tmp_path, capsys, rocks_dir):
    library = Library(tmp_path / "models")
    library.root.mkdir()
    os.mkfifo(library.root / "x.effnet")
    entries, problems = library.entries()
    assert entries == [] and "not a regular file" in problems[0]
    code, _, err = run(capsys, "predict", library.root / "x.effnet", next((rocks_dir / "Chert").iterdir()))
    assert code == 2 and "not a regular file" in err


def test_written_files_get_the_usual_mode_and_a_replaced_file_keeps_its_own(tmp_path):
    new = tmp_path / "new.csv"
    atomic_write_bytes(new, b"a")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~UMASK
    private = tmp_path / "private.csv"
    private.write_bytes(b"old")
    private.chmod(0o640)
    atomic_write_bytes(private, b"new")
    assert stat.S_IMODE(private.stat().st_mode) == 0o640 and private.read_bytes() == b"new"


def _peak_mb(model, folder) -> int:
    """Peak memory of a fresh `effnet-app predict` process over ``folder``, in MB."""
    import subprocess
    import sys

    code = ("import resource, sys\nfrom effnet_app.cli import main\n"
            f"main(['predict', {str(model)!r}, {str(folder)!r}, '--json'])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    return int(proc.stderr.strip().splitlines()[-1])


@pytest.mark.skipif(not os.uname().sysname == "Linux", reason="glibc's allocator is what is measured")
def test_folder_prediction_memory_stays_flat(trained_model, rocks_dir, tmp_path):
    """400 full-size micrographs need little more memory than 40: freed per-batch
    buffers go back to the system (core.memory). Without it the 400 took 84 MB more
    here, 5,000 pictures 1.75 GB against 1.15 GB."""
    pictures = sorted(rocks_dir.rglob("*.jpg"))[:24]
    for n in (40, 400):
        (tmp_path / str(n)).mkdir()
        for i in range(n):
            (tmp_path / str(n) / f"{i:04d}.jpg").symlink_to(pictures[i % len(pictures)])
    # Both on the path a saved model takes: the first prediction in this test's home
    # exports the graph when the shared model was trained under another home.
    _peak_mb(trained_model, pictures[0])
    assert _peak_mb(trained_model, tmp_path / "400") - _peak_mb(trained_model, tmp_path / "40") < 50
