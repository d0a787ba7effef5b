"""Sorting new pictures through the real window: the Data page's "Sort new pictures…",
the model predicting in a worker, a correction with the keyboard, a move, and Undo
bringing both folders back byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from effnet_app.core.store.library import entry_for
from effnet_app.gui.widgets.review_grid import KEYS, UNREADABLE
from tests.conftest import ROCKS, SMALL_CLASSES


def snapshot(*folders: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folders``."""
    return {str(p): (p.read_bytes() if p.is_file() else None) for f in folders for p in sorted(f.rglob("*"))}


def new_pictures(folder: Path) -> Path:
    """Two unseen micrographs of each small class, loose in one folder, and a damaged file."""
    folder.mkdir()
    for source in SMALL_CLASSES.values():
        for f in sorted((ROCKS / source).iterdir())[10:12]:
            shutil.copy(f, folder / f"{source}-{f.name}")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8 not a picture")
    return folder


def test_sort_correct_with_a_key_move_and_undo(qtbot, window, trained_model, small_rocks_copy, tmp_path):
    unsorted = new_pictures(tmp_path / "unsorted")
    window.state.set_model(entry_for(trained_model))
    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        window.data_page.open_folder(small_rocks_copy)
    before = snapshot(small_rocks_copy, unsorted)
    dialog = window.data_page.open_sorting()
    with qtbot.waitSignal(dialog.predicted, timeout=120_000):
        dialog.open_folder(unsorted)
    review = dialog.review
    assert len(review.items) == 7 and [r.placement.source for r in review.members(UNREADABLE)] == [str(unsorted / "broken.jpg")]
    # The group on show starts with the least sure picture the model placed in a class.
    placed = sorted((r for r in review.items if not r.placement.error and not r.placement.unknown),
                    key=lambda r: r.placement.confidence)
    assert placed and review.grid.item(0).data(Qt.ItemDataRole.UserRole) == placed[0].placement.source
    sure = placed[:1] + [r for r in review.items if not r.placement.error and r is not placed[0]]
    # Correct it with the keyboard: the key of another class.
    first = sure[0]
    target = next(c for c in review.classes if c != first.choice)
    review.grid.setFocus()
    qtbot.keyClick(review.grid, KEYS[review.classes.index(target)])
    assert first.choice == target and first.group == target
    # Leave the next one out with 0.
    review.groups.setCurrentRow([review.groups.item(i).data(Qt.ItemDataRole.UserRole)
                                 for i in range(review.groups.count())].index(sure[1].group))
    review.grid.clearSelection()
    next(review.grid.item(i) for i in range(review.grid.count())
         if review.grid.item(i).data(Qt.ItemDataRole.UserRole) == sure[1].placement.source).setSelected(True)
    qtbot.keyClick(review.grid, "0")
    assert sure[1].choice is None and sure[1].left_out
    qtbot.waitUntil(dialog.move_button.isEnabled, timeout=10_000)  # once the prediction's worker has ended
    going = review.choices()  # what the model and the user decided; "None of these" stays unless given a class
    staying = sorted(Path(r.placement.source).name for r in review.items if r.choice is None)
    assert (first.placement.source, target) in going and len(going) + len(staying) == 7 and len(staying) >= 2
    with qtbot.waitSignal(dialog.sorted, timeout=30_000) as moved:
        dialog.move_button.click()
    log = moved.args[0]
    assert len(log.entries) == len(going) and log.moved
    name = Path(first.placement.source).name
    assert (small_rocks_copy / target / name).is_file() and not Path(first.placement.source).exists()
    assert sorted(p.name for p in unsorted.iterdir()) == staying
    assert len(review.items) == len(staying)
    qtbot.waitUntil(lambda: window.state.dataset is not None and len(window.state.dataset.samples) == 24 + len(going),
                    timeout=20_000)  # the Data page scanned again
    with qtbot.waitSignal(dialog.undone, timeout=30_000) as undone:
        dialog.undo_button.click()
    assert undone.args == [len(going)]
    assert snapshot(small_rocks_copy, unsorted) == before
    assert len(review.items) == 7 and not dialog.undo_button.isEnabled()
    dialog.close()
