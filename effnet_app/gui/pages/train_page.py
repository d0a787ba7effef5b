"""Train: pick a variant (explained in words) and a mode, see which folder it trains
on, start, watch progress and curves, stop at any time. The finished (or best-so-far)
model lands in the library, and the page offers the next step: try it on a picture."""

from __future__ import annotations

from dataclasses import replace

import time
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from effnet_app.core.errors import EffNetError
from effnet_app.core.events import Batch, Epoch, Event, Notice, Probe
from effnet_app.core.paths import cache_dir
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.devices import gpu_apparent
from effnet_app.gui.widgets.budget_box import MYSELF, BudgetBox
from effnet_app.gui.widgets.mode_box import ModeBox
from effnet_app.gui.widgets.train_on_box import TrainOnBox
from effnet_app.core.models.variants import get_variant
from effnet_app.core.models.weights import cached_weights
from effnet_app.gui.dialogs.download import DownloadDialog
from effnet_app.gui.dialogs.model_details import ModelDetailsDialog
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.charts import LineChart
from effnet_app.gui.widgets.next_step import NextStep
from effnet_app.gui.widgets.probe_box import ProbeBox
from effnet_app.gui.widgets.common import NoteBar, human_seconds
from effnet_app.gui.widgets.training_options import AdvancedToggle, TrainingOptions
from effnet_app.gui.widgets.variant_box import VariantBox
from effnet_app.gui.workers import TaskSlot


class TrainPage(QWidget):
    trainingStarted = Signal()
    trainingFinished = Signal(object)  # ModelEntry or None
    nextRequested = Signal(str)  # the page the user asked to go to next ("data", "classify", "evaluate")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.task = TaskSlot(self, failed=lambda msg: self.note.show_note(msg, "error"))
        self._download: DownloadDialog | None = None
        self._t0 = 0.0
        self.last_result = None
        self.last_entry = None
        self.budget = BudgetBox()
        self.modes = ModeBox()
        self.quick, self.full = self.modes.quick, self.modes.full
        self.quick.toggled.connect(self._mode_changed)
        self.networks = VariantBox()
        self.networks.detailsRequested.connect(self.show_details)
        self.train_on = TrainOnBox(state)
        self.train_on.check.toggled.connect(self._budget_changed)  # training on keeps the model's network
        self.advanced = TrainingOptions()  # every knob, hidden until asked for
        self.advanced_toggle = AdvancedToggle(self.advanced)
        self._run_controls()
        self._lay_out()
        self.networks.choose(self.state.settings.variant)
        (self.full if self.state.settings.mode == "full" else self.quick).setChecked(True)
        self._mode_changed()
        self.advanced.choose_device(self.state.settings.device)
        self.budget.choose(self.state.settings.budget)
        self.budget.changed.connect(self._budget_chosen)
        state.datasetChanged.connect(self._dataset_changed)
        self._dataset_changed(state.dataset)

    # building ------------------------------------------------------------
    def _run_controls(self) -> None:
        """Start, stop, progress, the charts."""
        self.start_button = QPushButton(icon("train"), self.tr("Start training"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(icon("stop"), self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        # Shown only when the library could not take a finished model (disk full).
        self.save_button = QPushButton(icon("models"), self.tr("Save the model again"))
        self.save_button.clicked.connect(self.save_again)
        self.save_button.hide()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p %")
        self.status_text = QLabel()
        self.status_text.setWordWrap(True)  # the finish sentence is long; it must not widen the window
        self.status_text.setMinimumHeight(3 * self.fontMetrics().lineSpacing())  # no jump when it grows
        self.folder_text = QLabel()
        self.folder_text.setWordWrap(True)
        self.folder_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_step = NextStep()
        self.device_text = QLabel()
        self.note = NoteBar()
        self.loss_chart = LineChart(self.tr("Loss (lower is better)"), x_label=self.tr("epoch"), integer_x=True)
        self.acc_chart = LineChart(self.tr("Accuracy"), y_range=(0.0, 1.0), x_label=self.tr("epoch"), integer_x=True)
        for chart in (self.loss_chart, self.acc_chart):
            chart.empty_text = self.tr("Curves appear here during full training, one point per epoch.")
        self.loss_chart.add_series(self.tr("batch"), "#8c959f", faint=True)
        self.loss_chart.add_series(self.tr("training"), "#1f77b4")
        self.loss_chart.add_series(self.tr("validation"), "#ff7f0e")
        self.acc_chart.add_series(self.tr("training"), "#1f77b4")
        self.acc_chart.add_series(self.tr("validation"), "#ff7f0e")

    def _lay_out(self) -> None:
        """The form on the left, progress and curves on the right."""
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<h2>2 · Train</h2>")))
        left.addWidget(self.folder_text)
        left.addWidget(self.budget)
        left.addWidget(self.networks)
        left.addWidget(self.train_on)
        left.addWidget(self.modes)
        left.addWidget(self.advanced_toggle)
        left.addWidget(self.advanced)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.next_step)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.bar)
        right.addWidget(self.status_text)
        right.addWidget(self.device_text)
        right.addWidget(self.note)
        self.charts = QWidget()  # hidden in quick mode, which has no epochs to draw
        charts = QGridLayout(self.charts)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.loss_chart, 0, 0)
        charts.addWidget(self.acc_chart, 1, 0)
        right.addWidget(self.charts, 1)
        self.probe = ProbeBox()
        right.addWidget(self.probe)
        self.filler = QWidget()  # takes the charts' room in quick mode, so the probe box keeps its size
        right.addWidget(self.filler, 1)
        lay = QHBoxLayout(self)
        scroll = QScrollArea()  # a low screen scrolls the form rather than squeezing its sentences
        lw = QWidget()
        lw.setLayout(left)
        lw.setFixedWidth(460 - scroll.verticalScrollBar().sizeHint().width())
        scroll.setWidget(lw)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(460)  # the call to action appearing below must not narrow the curves
        lay.addWidget(scroll)
        lay.addLayout(right, 1)

    # form ----------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "full" if self.full.isChecked() else "quick"

    def _mode_changed(self) -> None:
        self.advanced.set_mode(self.mode)
        self.charts.setVisible(self.mode == "full")
        self.filler.setVisible(self.mode != "full")

    def _budget_changed(self, *_) -> None:
        """A time budget picks the network and the mode: shown, not editable. Training
        on from a model keeps that model's network, so no budget applies then."""
        on = not self.train_on.check.isChecked()
        self.budget.setEnabled(on)
        chosen = self.budget.plan() if on else None
        for w in (self.networks, self.modes, self.advanced_toggle):
            w.setEnabled(chosen is None and (w is not self.networks or on))
        if chosen is not None:
            self.advanced_toggle.setChecked(False)
            self._show_choice(chosen.config)

    def _budget_chosen(self, name: str) -> None:
        if name == MYSELF:  # the user's own last choice back
            self._show_choice(self.state.settings)
        self._budget_changed()

    def _show_choice(self, chosen) -> None:
        self.networks.choose(chosen.variant)
        (self.full if chosen.mode == "full" else self.quick).setChecked(True)

    def _dataset_changed(self, index) -> None:
        """The folder training will use, named; the status line follows it."""
        if index is None:
            self.folder_text.setText(self.tr("<b>No folder of pictures yet.</b> Choose one on the Data page."))
        else:
            self.folder_text.setText(self.tr("Trains on <b>{name}</b>: %n picture(s) in {classes} classes<br>"
                                             "<small>{root}</small>", "", len(index.samples)).format(
                name=index.root.name, classes=len(index.classes), root=index.root))
        self.budget.set_pictures(None if index is None else len(index.samples), self._gpu())
        if not self.running:
            self._budget_changed()
            self._say_ready()

    def _say_ready(self) -> None:
        self.status_text.setText(self.tr("Ready: press “Start training”.") if self.state.dataset is not None
                                 else self.tr("Choose your pictures on the Data page first."))

    def _gpu(self) -> bool:
        device = self.advanced.device.currentData()
        return device != "cpu" and (device != "auto" or gpu_apparent())

    def config(self) -> TrainConfig:
        base, mirror = self.train_on.base, self.state.settings.mirror or None
        chosen = None if base else self.budget.plan(device=self.advanced.device.currentData(), mirror=mirror)
        if chosen is not None:
            return chosen.config
        cfg = self.advanced.config(self.mode, self.networks.name, mirror)
        return replace(cfg, base=base.ref, variant=base.variant) if base else cfg

    def show_details(self) -> ModelDetailsDialog:
        dlg = ModelDetailsDialog(self.networks.name, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    # run -----------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.task.busy or self._download is not None

    def start(self) -> None:
        if self.running:
            return
        if self.state.dataset is None:
            self.note.show_note(self.tr("Choose your images on the Data page first."), "warning")
            self.next_step.offer(self.tr("Training needs a folder with one sub-folder of pictures per class."),
                                 (self.tr("Go to the Data page"), "folder", lambda: self.nextRequested.emit("data")))
            return
        cfg = self.config()
        v = get_variant(cfg.variant)
        if not v.works_offline and cached_weights(v) is None:
            self._download = DownloadDialog(cfg.variant, cfg.mirror, self)
            self._download.succeeded.connect(lambda: self._start_training(cfg))
            self._download.useInstead.connect(self._use_instead)
            self._download.finished.connect(self._download_closed)
            self._download.start()
            return
        self._start_training(cfg)

    def _use_instead(self, variant: str) -> None:
        """The download failed and the user chose a network that works offline: train that."""
        self.networks.choose(variant)
        self._download = None
        self.start()

    def _download_closed(self, _code: int) -> None:
        dlg, self._download = self._download, None
        if dlg is not None and dlg.error:
            self.bar.setValue(0)
            self.status_text.setText(self.tr("Not started: the network's weights could not be had."))
            self.note.show_note(dlg.error, "error")
        self.networks.refresh()

    def _start_training(self, cfg: TrainConfig) -> None:
        manual = self.budget.name == MYSELF or cfg.base
        self.state.settings.change(budget=self.budget.name,  # remembered once it can run
                                   **({"variant": cfg.variant, "mode": cfg.mode} if manual else {}))
        for chart in (self.loss_chart, self.acc_chart):
            chart.clear()
        self.note.clear()
        self.next_step.hide()
        self.save_button.hide()  # a model that could not be saved is given up now
        self.bar.setValue(0)
        # PyTorch, loaded in the background since the window opened (core.preload)
        from effnet_app.core.devices import describe_training, pick_device
        from effnet_app.core.training.into_library import train_into_library

        self.device_text.setText(self.tr("Running on: {device}").format(
            device=describe_training(pick_device(cfg.device), cfg.mode, cfg.precision)))
        self.status_text.setText(self.tr("Starting…"))
        checkpoint = cache_dir() / "training-checkpoint.effnet"
        self.probe.set_path(self.probe.path)  # forget the last run's epochs
        self._stopping = False
        self._run_entry = None
        self._t0 = time.monotonic()
        self._set_running(True)
        self.task.start(partial(train_into_library, checkpoint=checkpoint, probe_image=self.probe.path),
                        self.state.library, cfg, self.state.dataset, progress=self._progress, event=self._event,
                        result=self._result, cancelled=self._cancelled, finished=self._finished)
        self.trainingStarted.emit()

    def stop(self) -> None:
        if self.task.busy:
            self._stopping = True
            self.task.stop()
            self.stop_button.setEnabled(False)
            self.status_text.setText(self.tr("Stopping after the current batch…"))

    def _set_running(self, on: bool) -> None:
        self.start_button.setEnabled(not on)
        self.stop_button.setEnabled(on)
        for w in (self.budget, self.networks, self.quick, self.full, self.advanced, self.probe.choose_button,
                  self.probe.clear_button):
            w.setEnabled(not on)
        if not on:
            self._budget_changed()

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        elapsed = time.monotonic() - self._t0
        left = ""
        if 0.05 < fraction < 1 and elapsed > 3:
            left = self.tr(" · about {t} left").format(t=human_seconds(elapsed / fraction * (1 - fraction)))
        if message and not self._stopping:
            self.status_text.setText(f"{message}{left}")

    def _event(self, event: Event) -> None:
        match event:
            case Notice():
                self.note.show_note(event.text, "warning")
            case Probe():
                self.probe.show_probe(event)
            case Batch():
                self.loss_chart.append(self.tr("batch"), event.epoch - 1 + event.batch / event.batches, event.loss)
            case Epoch():
                self.charts.show()
                self.filler.hide()
                e = event.epoch
                self.loss_chart.append(self.tr("training"), e, event.train_loss)
                self.loss_chart.append(self.tr("validation"), e, event.val_loss)
                self.acc_chart.append(self.tr("training"), e, event.train_acc)
                self.acc_chart.append(self.tr("validation"), e, event.val_acc)

    def _result(self, value) -> None:
        result, entry = value
        self.last_result, self.last_entry = result, entry
        self._run_entry = entry
        if entry is None:  # trained, but the library could not take the file
            self._unsaved(result)
            return
        took = human_seconds(time.monotonic() - self._t0)
        ev = result.evaluation
        acc = (self.tr(" Validation accuracy: {acc:.1f} % on {n} images (balanced over the classes: {balanced:.1f} %).")
               .format(acc=ev.accuracy * 100, n=ev.count, balanced=ev.balanced_accuracy * 100) if ev else "")
        if ev is not None and ev.ece is not None:
            acc += self.tr(" Calibration error: {ece:.1f} %.").format(ece=ev.ece * 100)
        if ev is not None and result.groups:
            acc += self.tr(" %n group(s) of pictures of one scene were kept on one side of the validation split, so "
                           "the figure is not flattered by near-copies.", "", result.groups)
        if result.status == "cancelled":
            text = self.tr("Stopped after {t}. The best model so far (epoch {e}) is saved as “{name}”.").format(
                t=took, e=result.best_epoch, name=entry.name)
        else:
            text = self.tr("Finished in {t}.{acc}").format(t=took, acc=acc)
        if result.status == "time_up":
            text += self.tr(" The time was up after epoch {n}; the best epoch ({e}) is kept.").format(
                n=len(result.history), e=result.best_epoch)
        self.status_text.setText(text)
        self._offer_next(entry)

    def _offer_next(self, entry) -> None:
        self.next_step.offer(
            self.tr("“{name}” is in your model library. <b>Next: try it on a picture</b> of your own, or see "
                    "where it goes wrong.").format(name=entry.name),
            (self.tr("Classify a picture…"), "images", lambda: self.nextRequested.emit("classify")),
            (self.tr("See the results"), "evaluate", lambda: self.nextRequested.emit("evaluate")))
        self.state.model_added(entry.path)

    def _unsaved(self, result) -> None:
        text = self.tr("{reason} The trained model is kept until you train again or close EffNet Studio: make "
                       "room, then press “Save the model again”.").format(reason=result.save_error)
        self.note.show_note(text, "error")
        self.status_text.setText(self.tr("Trained, not saved."))
        self.save_button.show()

    def save_again(self) -> bool:
        result = self.last_result
        if result is None or not result.save_error:
            return False
        from effnet_app.core.training.into_library import save_result

        try:
            entry = save_result(self.state.library, result)
        except EffNetError as e:
            result.save_error = str(e)
            self._unsaved(result)
            return False
        self.last_entry = entry
        self.save_button.hide()
        self.note.clear()
        self.status_text.setText(self.tr("Saved as “{name}” in your model library.").format(name=entry.name))
        self._offer_next(entry)
        return True

    def _cancelled(self) -> None:
        self.bar.setValue(0)
        self.status_text.setText(self.tr("Stopped. No model was ready yet, so nothing was saved."))

    def _finished(self) -> None:
        self._set_running(False)
        self.trainingFinished.emit(self._run_entry)

    def shutdown(self) -> None:
        self.task.shutdown()
