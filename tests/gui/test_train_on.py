"""Training on from a model through the window: the Train page offers it for a model
of the user's, says which classes are new, and the new model keeps the old classes
in their order."""

from __future__ import annotations

import shutil

from effnet_app.core.store.library import entry_for
from tests.conftest import make_small_rocks
from tests.gui.test_main_window import TRAIN_TIMEOUT, open_dataset


def test_train_on_from_the_chosen_model_adds_a_class(qtbot, window, small_rocks, trained_model, tmp_path):
    grown = tmp_path / "grown"
    shutil.copytree(small_rocks, grown)
    make_small_rocks(grown, {"Anhydrite": "AnhydriteRock"}, 8)
    page = window.train_page
    assert not page.train_on.usable  # the built-in ImageNet model is no start for your classes
    old = entry_for(trained_model)
    window.state.set_model(old)
    open_dataset(qtbot, window, grown)
    assert page.train_on.usable and "small rocks" in page.train_on.check.text()
    page.train_on.check.setChecked(True)
    assert "Anhydrite" in page.train_on.hint.text() and not page.networks.isEnabled()
    assert page.config().base == old.ref
    with qtbot.waitSignal(page.trainingFinished, timeout=TRAIN_TIMEOUT) as done:
        page.start_button.click()
    entry = done.args[0]
    assert list(entry.classes) == list(old.classes) + ["Anhydrite"]
    assert "balanced over the classes" in page.status_text.text()
