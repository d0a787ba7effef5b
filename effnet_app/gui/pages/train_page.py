"""Train: pick a variant (explained in words) and a mode, start, watch progress and
curves, stop at any time. The finished (or best-so-far) model lands in the library."""

from __future__ import annotations

import math
import time
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QRadioButton, QSpinBox,
                               QToolButton, QVBoxLayout, QWidget)

from effnet_app.core.devices import describe_device, pick_device
from effnet_app.core.errors import EffNetError
from effnet_app.core.events import Batch, Epoch, Event, Notice, Probe
from effnet_app.core.training.into_library import save_result, train_into_library
from effnet_app.core.paths import cache_dir
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.models.variants import VARIANTS, get_variant
from effnet_app.core.models.weights import cached_weights
from effnet_app.gui.dialogs.download import DownloadDialog
from effnet_app.gui.dialogs.model_details import ModelDetailsDialog
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.charts import LineChart
from effnet_app.gui.widgets.probe_box import ProbeBox
from effnet_app.gui.widgets.common import NoteBar, human_count, human_seconds
from effnet_app.gui.workers import TaskSlot

# Words for the cost of one image in GFLOPs (B0: 0.39, B7: 38): what a person can compare.
_SPEED = [(0.5, "fastest"), (1.2, "fast"), (5.0, "moderate"), (20.0, "slow"), (math.inf, "very slow")]  # i18n: ignore (keys)


def _gpu_name() -> str | None:
    import torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


class TrainPage(QWidget):
    trainingStarted = Signal()
    trainingFinished = Signal(object)  # ModelEntry or None

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.task = TaskSlot(self, failed=lambda msg: self.note.show_note(msg, "error"))
        self._download: DownloadDialog | None = None
        self._t0 = 0.0
        self.last_result = None
        self.last_entry = None
        self._advanced_box()
        self._run_controls()
        self._lay_out()
        index = self.variant.findData(self.state.settings.variant)
        self.variant.setCurrentIndex(max(0, index))
        (self.full if self.state.settings.mode == "full" else self.quick).setChecked(True)
        self._mode_changed()
        self._variant_changed()
        dev = self.device.findData(self.state.settings.device)
        self.device.setCurrentIndex(max(0, dev))

    # building ------------------------------------------------------------
    def _network_box(self) -> QGroupBox:
        """The variant chooser and what it says about the chosen network."""
        self.variant = QComboBox()
        for v in VARIANTS.values():
            self.variant.addItem(v.label, v.name)
        self.variant.currentIndexChanged.connect(self._variant_changed)
        self.details_button = QPushButton(icon("info"), self.tr("Model details…"))
        self.details_button.clicked.connect(self.show_details)
        self.variant_text = QLabel()
        self.variant_text.setWordWrap(True)
        self.variant_text.setMinimumHeight(64)
        vrow = QHBoxLayout()
        vrow.addWidget(self.variant, 1)
        vrow.addWidget(self.details_button)
        vbox = QGroupBox(self.tr("Network"))
        vl = QVBoxLayout(vbox)
        vl.addLayout(vrow)
        vl.addWidget(self.variant_text)
        return vbox

    def _mode_box(self) -> QGroupBox:
        """Quick or full, each with a sentence on what it costs."""
        self.quick = QRadioButton(self.tr("Quick"))
        self.full = QRadioButton(self.tr("Full"))
        quick_text = QLabel(self.tr("Teaches only the last layer. Seconds to a few minutes; a good first try."))
        full_text = QLabel(self.tr("Fine-tunes the whole network at a larger image size. Minutes to hours; "
                                   "usually a little more accurate."))
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.quick)
        self.modes.addButton(self.full)
        self.quick.setChecked(True)
        self.quick.toggled.connect(self._mode_changed)
        mbox = QGroupBox(self.tr("How to train"))
        ml = QVBoxLayout(mbox)
        for button, text in ((self.quick, quick_text), (self.full, full_text)):
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            text.setWordWrap(True)
            text.setContentsMargins(24, 0, 0, 4)
            ml.addWidget(button)
            ml.addWidget(text)
        return mbox

    def _advanced_box(self) -> None:
        """Every knob of the training, hidden until asked for."""
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(self.tr("Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        self.advanced = QGroupBox()
        form = QFormLayout(self.advanced)
        self.epochs = QSpinBox(minimum=1, maximum=500)
        self.batch = QSpinBox(minimum=1, maximum=512)
        self.lr = QDoubleSpinBox(decimals=5, minimum=1e-5, maximum=0.1, singleStep=1e-4)
        self.val = QSpinBox(minimum=0, maximum=50, suffix=" %")
        self.augment = QCheckBox(self.tr("Flip, rotate and colour-jitter training images (full mode)"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.size = QSpinBox(minimum=0, maximum=1024, singleStep=32, specialValueText=self.tr("network's own"))
        self.views = QSpinBox(minimum=1, maximum=8)
        self.device = QComboBox()
        self.device.addItem(self.tr("Automatic (GPU if there is one)"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        if gpu := _gpu_name():
            self.device.addItem(self.tr("GPU: {name}").format(name=gpu), "cuda")
        form.addRow(self.tr("Epochs (full mode, at most)"), self.epochs)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Images kept for validation"), self.val)
        form.addRow(self.augment)
        form.addRow(self.tr("Image size (pixels)"), self.size)
        form.addRow(self.tr("Views averaged per prediction"), self.views)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.tr("Device"), self.device)
        self.advanced.hide()

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
        self.status_text = QLabel(self.tr("Choose your images on the Data page, then start."))
        self.status_text.setWordWrap(True)  # the finish sentence is long; it must not widen the window
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
        left.addWidget(self._network_box())
        left.addWidget(self._mode_box())
        left.addWidget(self.advanced_toggle)
        left.addWidget(self.advanced)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.bar)
        right.addWidget(self.status_text)
        right.addWidget(self.device_text)
        right.addWidget(self.note)
        charts = QGridLayout()
        charts.addWidget(self.loss_chart, 0, 0)
        charts.addWidget(self.acc_chart, 1, 0)
        right.addLayout(charts, 1)
        self.probe = ProbeBox()
        right.addWidget(self.probe)
        lay = QHBoxLayout(self)
        lw = QWidget()
        lw.setLayout(left)
        lw.setMaximumWidth(460)
        lay.addWidget(lw)
        lay.addLayout(right, 1)

    # form ----------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "full" if self.full.isChecked() else "quick"

    def _mode_changed(self) -> None:
        cfg = TrainConfig.for_mode(self.mode)
        self.epochs.setValue(cfg.epochs)
        self.batch.setValue(cfg.batch_size)
        self.lr.setValue(cfg.lr)
        self.val.setValue(round(cfg.val_fraction * 100))
        self.augment.setChecked(cfg.augment)
        self.seed.setValue(cfg.seed)
        self.size.setValue(cfg.image_size)
        self.views.setValue(cfg.tta_views)
        for w in (self.epochs, self.lr, self.augment):
            w.setEnabled(self.mode == "full")

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def _variant_changed(self) -> None:
        v = get_variant(self.variant.currentData())
        # ~GFLOPs from input size and parameters, scaled to B0 (within 10 % of the
        # measured figures of core.architecture, without building a network here).
        cost = (v.input_size / 224) ** 2 * v.num_params / 5.3e6 * 0.39
        speed = next(word for limit, word in _SPEED if cost < limit)
        words = {"fastest": self.tr("fastest"), "fast": self.tr("fast"), "moderate": self.tr("moderate"),
                 "slow": self.tr("slow"), "very slow": self.tr("very slow")}[speed]
        memory = self.tr("low") if cost < 1.5 else self.tr("medium") if cost < 6 else self.tr("high")
        weights = (self.tr("Works offline: its weights come with the app.") if v.works_offline else
                   self.tr("Downloads {mb:.0f} MB on first use.").format(mb=v.weights_mb)
                   if cached_weights(v) is None else self.tr("Weights already downloaded."))
        self.variant_text.setText(self.tr(
            "Speed: {speed} · memory: {memory} · input {size}×{size} px · {params} parameters · "
            "ImageNet accuracy {acc:.1f} %. {weights}").format(
                speed=words, memory=memory, size=v.input_size, params=human_count(v.num_params),
                acc=v.imagenet_top1, weights=weights))

    def config(self) -> TrainConfig:
        return TrainConfig.for_mode(
            self.mode, variant=self.variant.currentData(), epochs=self.epochs.value(),
            batch_size=self.batch.value(), lr=self.lr.value(), val_fraction=self.val.value() / 100,
            augment=self.augment.isChecked(), seed=self.seed.value(), device=self.device.currentData(),
            image_size=self.size.value() or None, tta_views=self.views.value(),
            mirror=self.state.settings.mirror or None)

    def show_details(self) -> ModelDetailsDialog:
        dlg = ModelDetailsDialog(self.variant.currentData(), self)
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
            return
        cfg = self.config()
        self.state.settings.change(variant=cfg.variant, mode=cfg.mode)
        v = get_variant(cfg.variant)
        if not v.works_offline and cached_weights(v) is None:
            self._download = DownloadDialog(cfg.variant, cfg.mirror, self)
            self._download.succeeded.connect(lambda: self._start_training(cfg))
            self._download.finished.connect(self._download_closed)
            self._download.start()
            return
        self._start_training(cfg)

    def _download_closed(self, _code: int) -> None:
        dlg, self._download = self._download, None
        if dlg is not None and dlg.error:
            self.note.show_note(dlg.error, "error")
        self._variant_changed()

    def _start_training(self, cfg: TrainConfig) -> None:
        for chart in (self.loss_chart, self.acc_chart):
            chart.clear()
        self.note.clear()
        self.save_button.hide()  # a model that could not be saved is given up now
        self.bar.setValue(0)
        self.device_text.setText(self.tr("Running on: {device}").format(device=describe_device(pick_device(cfg.device))))
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
        for w in (self.variant, self.quick, self.full, self.advanced, self.probe.choose_button, self.probe.clear_button):
            w.setEnabled(not on)

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
        acc = (self.tr(" Validation accuracy: {acc:.1f} % on {n} images.").format(
            acc=ev.accuracy * 100, n=ev.count) if ev else "")
        if ev is not None and ev.ece is not None:
            acc += self.tr(" Calibration error: {ece:.1f} %.").format(ece=ev.ece * 100)
        if result.status == "cancelled":
            text = self.tr("Stopped after {t}. The best model so far (epoch {e}) is saved as “{name}”.").format(
                t=took, e=result.best_epoch, name=entry.name)
        else:
            text = self.tr("Finished in {t}.{acc} Saved as “{name}” in your model library.").format(
                t=took, acc=acc, name=entry.name)
        self.note.show_note(text, "ok")
        self.status_text.setText(text)
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
        try:
            entry = save_result(self.state.library, result)
        except EffNetError as e:
            result.save_error = str(e)
            self._unsaved(result)
            return False
        self.last_entry = entry
        self.save_button.hide()
        text = self.tr("Saved as “{name}” in your model library.").format(name=entry.name)
        self.note.show_note(text, "ok")
        self.status_text.setText(text)
        self.state.model_added(entry.path)
        return True

    def _cancelled(self) -> None:
        self.note.show_note(self.tr("Stopped. No model was ready yet, so nothing was saved."), "warning")

    def _finished(self) -> None:
        self._set_running(False)
        self.trainingFinished.emit(self._run_entry)

    def shutdown(self) -> None:
        self.task.shutdown()
