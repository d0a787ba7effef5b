"""Words of Qt's own dialogs that Qt's Chinese catalogue (qtbase_zh_CN) leaves in
English: the file dialog's "Look in:", "Files of type:", and its type column. Listed
here so that lupdate puts them, under Qt's own contexts, into the app's catalogue,
which is consulted first. Nothing imports this module; it exists to be read by lupdate."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_WORDS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
)
