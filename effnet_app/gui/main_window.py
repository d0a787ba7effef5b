"""The main window: Data → Train → Evaluate → Classify as tabs, the model library
docked beside them, menus, toolbar, status bar, drops anywhere, state restored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QTabWidget, QToolBar

from effnet_app import APP_NAME, __version__, languages
from effnet_app.core.preload import Found, preload
from effnet_app.core.paths import log_dir
from effnet_app.core.store.library import builtin_entry
from effnet_app.gui import restart, theme
from effnet_app.gui.dialogs.quick_start import QuickStartDialog
from effnet_app.gui.dialogs.settings_dialog import SettingsDialog
from effnet_app.gui.dialogs.welcome import WelcomeDialog
from effnet_app.gui.icons import app_icon, icon
from effnet_app.gui.pages.classify_page import ClassifyPage
from effnet_app.gui.pages.data_page import DataPage
from effnet_app.gui.pages.evaluate_page import EvaluatePage
from effnet_app.gui.pages.live_page import LivePage
from effnet_app.gui.pages.train_page import TrainPage
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.library_panel import LibraryPanel
from effnet_app.gui.workers import TaskSlot, stop_all


class MainWindow(QMainWindow):
    def __init__(self, state: AppState | None = None) -> None:
        super().__init__()
        self.state = state or AppState()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.data_page = DataPage(self.state)
        self.train_page = TrainPage(self.state)
        self.evaluate_page = EvaluatePage(self.state)
        self.classify_page = ClassifyPage(self.state)
        self.live_page = LivePage(self.state)
        self.pages = [
            (self.data_page, "data", self.tr("1 Data")),
            (self.train_page, "train", self.tr("2 Train")),
            (self.evaluate_page, "evaluate", self.tr("3 Evaluate")),
            (self.classify_page, "classify", self.tr("4 Classify")),
            (self.live_page, "live", self.tr("5 Live")),
        ]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page, icon_name, label in self.pages:
            self.tabs.addTab(page, icon(icon_name), label)
        self.setCentralWidget(self.tabs)

        self.library = LibraryPanel(self.state)
        self.library.setMinimumWidth(320)  # a restored narrow dock must still show names and buttons
        self.library_dock = QDockWidget(self.tr("Model library"), self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library)
        self.library_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                      | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.resizeDocks([self.library_dock], [430], Qt.Orientation.Horizontal)

        self._make_actions()
        self.model_label = QLabel()
        self.statusBar().addPermanentWidget(self.model_label)
        # PyTorch is loaded in the background once the window is up; it also finds the device.
        self.device_label = QLabel(self.tr("Loading PyTorch…"))
        self.statusBar().addPermanentWidget(self.device_label)
        self._preload = TaskSlot(self, failed=self.device_label.setText)
        QTimer.singleShot(0, lambda: self._preload.start(preload, self.state.settings.device,
                                                         result=self._device_found))
        self.state.modelChanged.connect(self._model_changed)
        self.state.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.data_page.scanned.connect(lambda idx: self.statusBar().showMessage(
            self.tr("{n} classes, {m} images").format(n=len(idx.classes), m=len(idx.samples)), 8000))
        self.classify_page.inspectRequested.connect(lambda path: self.inspect(Path(path)))
        self.evaluate_page.inspectRequested.connect(lambda path: self.inspect(Path(path)))
        for page in (self.data_page, self.train_page):
            page.nextRequested.connect(self.go_to)
        self.train_page.trainingStarted.connect(lambda: self._training(True))
        self.train_page.trainingFinished.connect(self._training_finished)
        self._restore()

    def _device_found(self, found: Found) -> None:
        self.device_label.setText(found.words)
        if found.gpu:
            self.train_page.advanced.add_gpu(found.gpu)
        if found.kind == "cpu" and self.state.settings.device == "auto":
            # The same program uses CUDA where a suitable GPU and driver are present.
            note = self.tr("No usable GPU was found (an NVIDIA GPU needs a recent driver), so training and the "
                           "live view run on the CPU.")
            self.device_label.setToolTip(note)
            self.statusBar().showMessage(note, 15000)

    # menus and toolbar -------------------------------------------------------------
    def _action(self, icon_name: str | None, text: str, slot, shortcut=None) -> QAction:
        # Not QAction(None, text): PySide then drops the text (a menu entry showing only "Ctrl+Q").
        act = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        return act

    def _make_actions(self) -> None:
        Std = QKeySequence.StandardKey
        data, train, classify = self.data_page, self.train_page, self.classify_page
        self.open_folder_action = self._action("folder", self.tr("Open image folder…"),
                                               self._on_page(data, data.choose_folder), Std.Open)
        self.open_images_action = self._action("images", self.tr("Classify images…"),
                                               self._on_page(classify, classify.choose_images), "Ctrl+Shift+O")
        self.paste_action = self._action("paste", self.tr("Paste image to classify"),
                                         self._on_page(classify, classify.paste), Std.Paste)
        self.import_action = self._action("import", self.tr("Import model…"), self.library.choose_import, "Ctrl+I")
        self.export_action = self._action("export", self.tr("Export model to ONNX…"), self.library.export_selected, "Ctrl+E")
        self.csv_action = self._action("csv", self.tr("Export predictions to CSV…"), self.classify_page.choose_csv, "Ctrl+Shift+E")
        self.settings_action = self._action("settings", self.tr("Settings…"), self.show_settings, Std.Preferences)
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action(None, self.tr("Quit"), self.close, Std.Quit)
        self.train_action = self._action("train", self.tr("Start training"), self._on_page(train, train.start), "Ctrl+R")
        self.stop_action = self._action("stop", self.tr("Stop"), self._stop, "Ctrl+.")
        self.stop_action.setEnabled(False)
        self.details_action = self._action("info", self.tr("Model details…"), self.train_page.show_details, "Ctrl+D")

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for a in (self.open_folder_action, self.open_images_action, self.paste_action, None, self.import_action,
                  self.export_action, self.csv_action, None, self.settings_action, None, self.quit_action):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        model_menu = self.menuBar().addMenu(self.tr("&Model"))
        for a in (self.train_action, self.stop_action, None, self.details_action):
            model_menu.addSeparator() if a is None else model_menu.addAction(a)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for i, (_page, icon_name, label) in enumerate(self.pages):
            act = self._action(icon_name, label.split(" ", 1)[1], lambda _=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.library_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.quick_start_action = self._action("info", self.tr("Quick start"), self.show_quick_start, Std.HelpContents)
        help_menu.addAction(self.quick_start_action)
        help_menu.addAction(self._action(None, self.tr("Welcome…"), self.show_welcome))
        help_menu.addSeparator()
        help_menu.addAction(self._action(None, self.tr("Open the log folder"),
                                         lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))))
        help_menu.addAction(self._action(None, self.tr("About EffNet Studio"), self.show_about))

        tb = QToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.open_folder_action, self.train_action, self.stop_action, self.open_images_action, self.csv_action):
            tb.addAction(a)
        self.addToolBar(tb)

    # actions --------------------------------------------------------------------------
    def _on_page(self, page, action):
        """A slot that shows ``page`` and then runs its ``action`` (menu and toolbar)."""
        def run(*_args) -> None:
            self.tabs.setCurrentWidget(page)
            action()
        return run

    def go_to(self, step: str) -> None:
        """Follow a page's call to action: show the next page, and open what it needs."""
        if step == "data":
            self.tabs.setCurrentWidget(self.data_page)
            self.data_page.choose_folder()
        elif step == "train":
            self.tabs.setCurrentWidget(self.train_page)
        elif step == "evaluate":
            self.tabs.setCurrentWidget(self.evaluate_page)
        elif step == "classify":
            self.tabs.setCurrentWidget(self.classify_page)
            self.classify_page.choose_images()

    def _stop(self) -> None:
        self.train_page.stop()
        self.classify_page.stop()
        self.live_page.stop()

    def inspect(self, picture) -> None:
        """Show a picture (a path or a PIL image) with the live view's panels."""
        self.tabs.setCurrentWidget(self.live_page)
        self.live_page.show_still(picture)

    def _training(self, running: bool) -> None:
        self.train_action.setEnabled(not running)
        self.stop_action.setEnabled(running)

    def _training_finished(self, entry) -> None:
        self._training(False)
        if entry is not None:
            self.statusBar().showMessage(self.tr("Model “{name}” saved in the library.").format(name=entry.name), 10000)

    def _model_changed(self, entry) -> None:
        self.model_label.setText(self.tr("Model: {name}").format(name=entry.name))

    def show_settings(self) -> SettingsDialog:
        dlg = SettingsDialog(self.state.settings, str(self.state.library.root), self)
        dlg.accepted.connect(lambda: theme.apply(QApplication.instance(), self.state.settings.theme))
        dlg.accepted.connect(self.state.settings_changed)
        dlg.accepted.connect(self._language_note)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _language_note(self) -> QMessageBox | None:
        """A new language needs a new start (every page translates as it is built):
        offer it at once rather than leave a status-bar line."""
        chosen = languages.resolve(self.state.settings.language)
        if chosen == languages.active():
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Language"), self.tr(
            "EffNet Studio speaks the new language after a restart. Restart now? Your folder, models and "
            "settings are kept."), QMessageBox.StandardButton.NoButton, self)
        self.restart_button = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda b: b is self.restart_button and self.restart())
        box.open()
        return box

    def restart(self) -> None:
        if self.train_page.running:  # never throw away a training in progress
            self.statusBar().showMessage(self.tr("Restart EffNet Studio after the training to use the new language."))
            return
        self.close()
        restart.start_again()

    def show_quick_start(self) -> QuickStartDialog:
        dlg = QuickStartDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()  # not modal: it can stay open beside the pages it describes
        return dlg

    def show_welcome(self) -> WelcomeDialog:
        dlg = WelcomeDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.chosen.connect(self._welcome_chosen)
        dlg.open()
        return dlg

    def welcome_if_first_run(self) -> WelcomeDialog | None:
        """The welcome, once: at the first start (the app calls this after showing the window)."""
        if self.state.settings.welcomed:
            return None
        self.state.settings.change(welcomed=True)
        return self.show_welcome()

    def _welcome_chosen(self, choice: str) -> None:
        if choice == "help":
            self.show_quick_start()
        elif choice == "sample":  # the ready-made ImageNet model answers a picture of anything
            self.state.set_model(builtin_entry())
            self.go_to("classify")
        else:
            self.go_to("data")

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About EffNet Studio"), self.tr(
            "<b>EffNet Studio {v}</b><br>Train and use EfficientNet image classifiers on your own folders, "
            "without programming.").format(v=__version__))

    # drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, e) -> None:  # noqa: N802
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dragMoveEvent(self, e) -> None:  # noqa: N802
        self.dragEnterEvent(e)

    def dropEvent(self, e) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        e.acceptProposedAction()
        self.open_paths(paths)

    def open_paths(self, paths: list[Path]) -> None:
        """A single folder dropped on the Data page (or before any dataset) becomes the
        dataset; everything else is classified."""
        on_data = self.tabs.currentWidget() is self.data_page
        if self.tabs.currentWidget() is self.live_page and self.live_page.open_paths(paths):
            return
        if len(paths) == 1 and paths[0].is_dir() and (on_data or self.state.dataset is None and self.state.model.builtin):
            self.tabs.setCurrentWidget(self.data_page)
            self.data_page.open_folder(paths[0])
        else:
            self.tabs.setCurrentWidget(self.classify_page)
            self.classify_page.classify(paths)

    # state ----------------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.state.settings
        if s.geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.geometry.encode("ascii")))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        self.tabs.setCurrentIndex(s.page if s.page < self.tabs.count() else 0)
        self.state.restore_model(s.last_model)
        if s.last_folder and Path(s.last_folder).is_dir():
            self.data_page.open_folder(Path(s.last_folder))

    def save_state(self) -> None:
        self.state.settings.change(geometry=bytes(self.saveGeometry().toBase64()).decode("ascii"),
                                   window_state=bytes(self.saveState().toBase64()).decode("ascii"),
                                   page=self.tabs.currentIndex())

    def closeEvent(self, e) -> None:  # noqa: N802
        self.save_state()
        for page, _i, _l in self.pages:
            page.shutdown()
        self.library.shutdown()
        self.state.shutdown()
        stop_all(10_000)
        super().closeEvent(e)
