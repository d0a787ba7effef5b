"""Settings: language, look, device, weights mirror, number of classes shown per image."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from effnet_app import languages
from effnet_app.core.paths import log_dir
from effnet_app.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, models_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        system = languages.LANGUAGES[languages.system_language()]
        self.language.addItem(self.tr("Follow the system ({language})").format(language=system), "system")
        for code, name in languages.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme = QComboBox()
        for key, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.device = QComboBox()
        for key, label in (("auto", self.tr("Automatic (GPU if there is one)")), ("cpu", self.tr("CPU only"))):
            self.device.addItem(label, key)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))
        self.engine = QComboBox()
        for key, label in (("auto", self.tr("Automatic: the faster one for this computer")),
                           ("onnx", self.tr("ONNX Runtime: fast on a processor")),
                           ("torch", self.tr("PyTorch: the library that trains the models"))):
            self.engine.addItem(label, key)
        self.engine.setCurrentIndex(max(0, self.engine.findData(settings.engine)))
        self.mirror = QLineEdit(settings.mirror)
        self.mirror.setPlaceholderText("https://download.pytorch.org/models/")
        self.top_k = QSpinBox(minimum=1, maximum=10)
        self.top_k.setValue(settings.top_k)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", QLabel(self.tr("A new language applies at the next start.")))
        form.addRow(self.tr("Look"), self.theme)
        form.addRow("", QLabel(self.tr("Colours change at once; icons follow at the next start.")))
        form.addRow(self.tr("Device for training and classifying"), self.device)
        form.addRow(self.tr("Engine for classifying"), self.engine)
        engine_hint = QLabel(self.tr("Both give the same answers; only the speed differs. Keep Automatic unless "
                                     "support asks otherwise."))
        engine_hint.setWordWrap(True)
        form.addRow("", engine_hint)
        form.addRow(self.tr("Download weights from (mirror)"), self.mirror)
        form.addRow(self.tr("Classes shown per image"), self.top_k)
        form.addRow(self.tr("Models folder"), QLabel(models_folder))
        form.addRow(self.tr("Log files"), QLabel(str(log_dir())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.change(language=self.language.currentData(), theme=self.theme.currentData(),
                             device=self.device.currentData(), engine=self.engine.currentData(),
                             mirror=self.mirror.text().strip(), top_k=self.top_k.value())
        super().accept()
