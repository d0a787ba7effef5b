"""Checking the Data page's folder through the real window: a planted mislabel is
listed with a one-click move, the move puts it where it belongs, Undo puts it back;
a planted near-copy is listed."""

from __future__ import annotations

import shutil

from PIL import Image


def test_check_finds_a_planted_mislabel_and_moves_it_with_one_click(qtbot, window, small_rocks_copy):
    chert = sorted((small_rocks_copy / "Chert").iterdir())
    wrong = small_rocks_copy / "Bauxite" / chert[0].name
    shutil.move(chert[0], wrong)  # a Chert picture filed under Bauxite
    with Image.open(chert[1]) as img:  # and a near-copy: resized to 80 %, re-saved
        img.resize((256, 205)).save(small_rocks_copy / "Chert" / "copy.jpg", quality=70)
    planted = wrong.read_bytes()
    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        window.data_page.open_folder(small_rocks_copy)
    with qtbot.waitSignal(window.data_page.check_button.clicked, timeout=1000):
        window.data_page.check_button.click()
    dialog = window.data_page.check_dialog
    with qtbot.waitSignal(dialog.checked, timeout=180_000) as checked:
        pass
    report = checked.args[0]
    assert report.pictures == 25
    suspects = [s.path for s in report.suspected_mislabels]
    assert str(wrong) in suspects[:3], suspects
    assert any({a, b} == {str(chert[1]), str(small_rocks_copy / "Chert" / "copy.jpg")}
               for a, b, _ in report.near_duplicates)
    button = dialog._move_buttons[str(wrong)]
    assert button.text() == "Move to Chert"
    qtbot.waitUntil(button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(dialog.moved, timeout=30_000):
        button.click()  # one click
    assert not wrong.exists() and (small_rocks_copy / "Chert" / chert[0].name).read_bytes() == planted
    assert button.text() == "moved" and not button.isEnabled()
    qtbot.waitUntil(lambda: window.state.dataset.counts()["Chert"] == 8, timeout=20_000)  # the Data page scanned again
    qtbot.waitUntil(dialog.undo_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(dialog.undone, timeout=30_000):
        dialog.undo_button.click()
    assert wrong.read_bytes() == planted and not (small_rocks_copy / "Chert" / chert[0].name).exists()
    assert button.text() == "Move to Chert"
    dialog.close()
