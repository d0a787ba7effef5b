"""The model library: every trained model (name, network, classes, accuracy, date)
plus the built-in ImageNet model; use, rename, delete, export to ONNX, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QMessageBox, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from effnet_app.core.errors import EffNetError
from effnet_app.core.inference.tasks import export_model
from effnet_app.core.store.library import ModelEntry, builtin_entry
from effnet_app.gui.icons import icon
from effnet_app.gui.state import AppState
from effnet_app.gui.widgets.common import NoteBar
from effnet_app.gui.workers import TaskSlot
from effnet_app.gui import file_dialogs

EntryRole = Qt.ItemDataRole.UserRole + 10


class LibraryPanel(QWidget):
    exported = Signal(str)  # the ONNX file written

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.task = TaskSlot(self, failed=lambda msg: self.note.show_note(msg, "error"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Network"), self.tr("Classes"),
                                   self.tr("Accuracy"), self.tr("Date")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        for c in range(1, 5):
            self.tree.header().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.use(item.data(0, EntryRole)))
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.note = NoteBar()

        def button(name: str, text: str, slot) -> QToolButton:
            b = QToolButton()
            b.setIcon(icon(name))
            b.setToolTip(text)
            b.setText(text)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            return b

        self.use_button = button("classify", self.tr("Use this model"), lambda: self.use(self.selected()))
        self.rename_button = button("rename", self.tr("Rename…"), self.rename_selected)
        self.delete_button = button("delete", self.tr("Delete…"), self.delete_selected)
        self.export_button = button("export", self.tr("Export to ONNX…"), self.export_selected)
        self.import_button = button("import", self.tr("Import a model file…"), self.choose_import)
        bar = QHBoxLayout()
        for b in (self.use_button, self.rename_button, self.delete_button, self.export_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.note)
        lay.addWidget(self.where)
        state.libraryChanged.connect(self.refresh)
        state.modelChanged.connect(self._mark_current)
        self.refresh()

    # listing --------------------------------------------------------------------
    def refresh(self) -> None:
        entries, problems = self.state.library.entries()
        self.tree.clear()
        for e in [builtin_entry()] + entries:
            acc = f"{e.accuracy * 100:.1f} %" if e.accuracy is not None else "—"
            classes = str(len(e.classes)) if e.classes else "1000"
            name = e.name + (self.tr(" (stopped early)") if e.status == "cancelled" else "")
            mode = {"quick": self.tr("quick"), "full": self.tr("full")}.get(e.mode, "")
            item = QTreeWidgetItem([name, f"{e.variant_short} · {mode}" if mode else e.variant_short, classes, acc,
                                    e.created_local])
            item.setToolTip(1, e.variant_label)
            item.setToolTip(4, e.created)
            item.setData(0, EntryRole, e)
            item.setToolTip(0, f"{name}\n{e.ref}" if not e.builtin else self.tr("Always available: the 1000 ImageNet classes."))
            if e.classes:
                item.setToolTip(2, ", ".join(e.classes))
            self.tree.addTopLevelItem(item)
        self.where.setText(self.tr("Models are kept in {path}").format(path=self.state.library.root))
        if problems:
            self.note.show_note(self.tr("Some files in the library are not usable models:\n") + "\n".join(problems), "warning")
        else:
            self.note.clear()
        self._mark_current(self.state.model)

    def entries(self) -> list[ModelEntry]:
        return [self.tree.topLevelItem(i).data(0, EntryRole) for i in range(self.tree.topLevelItemCount())]

    def _mark_current(self, entry: ModelEntry) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            current = item.data(0, EntryRole).ref == entry.ref
            font = item.font(0)
            font.setBold(current)
            for c in range(5):
                item.setFont(c, font)
            if current:
                self.tree.setCurrentItem(item)
        self._update_buttons()

    def selected(self) -> ModelEntry | None:
        item = self.tree.currentItem()
        return item.data(0, EntryRole) if item else None

    def select(self, ref: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, EntryRole).ref == ref:
                self.tree.setCurrentItem(self.tree.topLevelItem(i))

    def _update_buttons(self, *_args) -> None:
        e = self.selected()
        own = e is not None and not e.builtin
        self.use_button.setEnabled(e is not None)
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.export_button.setEnabled(e is not None and not self.task.busy)

    # actions --------------------------------------------------------------------
    def use(self, entry: ModelEntry | None) -> None:
        if entry is not None:
            self.state.set_model(entry)

    def rename_selected(self) -> None:
        e = self.selected()
        if e is None or e.builtin:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename model"), self.tr("New name:"), text=e.name)
        if ok and name.strip():
            self.rename(e, name)

    def rename(self, entry: ModelEntry, name: str) -> ModelEntry | None:
        try:
            new = self.state.library.rename(entry, name)
        except EffNetError as err:
            self.note.show_note(str(err), "error")
            return None
        self.state.models.forget(entry.ref)
        self.refresh()
        if self.state.model.ref == entry.ref:
            self.state.set_model(new)
        return new

    def delete_selected(self) -> None:
        e = self.selected()
        if e is None or e.builtin:
            return
        answer = QMessageBox.question(self, self.tr("Delete model"),
                                      self.tr("Delete “{name}” for good? This cannot be undone.").format(name=e.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(e)

    def delete(self, entry: ModelEntry) -> bool:
        try:
            self.state.library.delete(entry)
        except EffNetError as err:
            self.note.show_note(str(err), "error")
            return False
        self.state.models.forget(entry.ref)
        if self.state.model.ref == entry.ref:
            self.state.set_model(builtin_entry())
        self.refresh()
        return True

    def choose_import(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Import a model"),
                                      self.tr("EffNet Studio models (*.effnet);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: Path) -> ModelEntry | None:
        try:
            entry = self.state.library.import_file(path)
        except EffNetError as err:
            self.note.show_note(str(err), "error")
            return None
        self.note.show_note(self.tr("Imported “{name}”.").format(name=entry.name), "ok")
        self.refresh()
        self.state.set_model(entry)
        return entry

    def export_selected(self) -> None:
        e = self.selected()
        if e is None:
            return
        path = file_dialogs.save_file(self, self.tr("Export to ONNX"), f"{e.name}.onnx", self.tr("ONNX models (*.onnx)"))
        if path:
            self.export(e, path)

    def export(self, entry: ModelEntry, out: Path) -> None:
        """Export in the background: the check against torch runs a few images."""
        self.note.show_note(self.tr("Exporting “{name}” to {path}…").format(name=entry.name, path=out), "info")
        self.task.start(export_model, self.state.models, entry.ref, out, result=lambda _check: self._exported(out),
                        finished=self._update_buttons)
        self._update_buttons()

    def _exported(self, out: Path) -> None:
        self.note.show_note(self.tr("Exported to {path}; it gives the same answers as the model.").format(path=out),
                            "ok")
        self.exported.emit(str(out))

    def shutdown(self) -> None:
        self.task.shutdown()
