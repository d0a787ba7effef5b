"""The whole window in Simplified Chinese: no English left in what a person reads.

lupdate and the .ts checks (tests/test_translations.py) prove every wrapped string
is translated; this walks the real widgets after real work (a folder, a model,
predictions, an evaluation, a still in the Live view, the dialogs), so text built at
run time -- sentences from the core, units, headers, combo items -- is covered too.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox,
                               QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget)

from effnet_app import languages

# Names that stay as they are in Chinese text: products, formats, units, the paper's notation.
KEPT = {"EffNet", "Studio", "EfficientNet", "Lite0", "ImageNet", "ONNX", "Runtime", "PyTorch", "SE", "GPU", "CPU", "NVIDIA",
        "CUDA", "CSV", "PNG", "FLOPs", "MBConv", "MBConv1", "MBConv6", "Conv", "FC", "Pooling", "ReLU6", "F1", "fps",
        "ms", "MB", "px", "effnet", "onnx", "csv", "rtsp", "http", "mjpg", "stream", "video", "AdamW", "English",
        "png", "jpg", "jpeg", "tif", "tiff", "webp", "bmp", "gif", "mp4", "avi", "mov", "mkv", "webm", "wmv", "m4v"}
PHRASES = ("Squeeze-and-Excitation", "Grad-CAM", "EfficientNet-Lite", "B0…B7", "B0...B7")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def english_left(text: str, names: set[str]) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths and URLs
    text = re.sub(r"\b\w+(\.\w+)+\b", " ", text)  # file and layer names (features.head)
    text = re.sub(r"\b(MB)?Conv\d+(x\d+)?\b|\bk\dx\d\b", " ", text)  # the paper's operators
    for phrase in PHRASES:
        text = text.replace(phrase, " ")
    return [w for w in WORD.findall(text) if w not in KEPT and w not in names and not re.fullmatch(r"B[0-7]", w)]


def visible_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything a person reads on ``widget`` and its children."""
    out = []
    for w in [widget, *widget.findChildren(QWidget)]:
        where = type(w).__name__ + (f" {w.objectName()}" if w.objectName() else "")
        texts = [w.toolTip(), w.windowTitle() if w.isWindow() else ""]
        if isinstance(w, QLabel):
            texts.append(w.text())
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractSpinBox):
            texts += [getattr(w, "suffix", lambda: "")(), getattr(w, "prefix", lambda: "")(), w.specialValueText()]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model, top = w.model(), QModelIndex()
            try:
                columns = model.columnCount(top)
            except TypeError:  # Qt's internal models (a combo's list) keep it private
                columns = 0
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
            for r in range(min(model.rowCount(top), 50)):  # rows: sentences from the core, statuses
                texts += [str(model.data(model.index(r, c, top)) or "") for c in range(columns)]
        for action in w.actions():
            texts += [action.text(), action.toolTip()]
        out += [(where, t) for t in texts if t]
    return out


def clipped_texts(top: QWidget) -> list[str]:
    """Visible buttons and one-line labels narrower than their text: cut off."""
    out = []
    for w in top.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QAbstractButton) and w.text():
            need = w.sizeHint().width()
        elif isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.textFormat() != Qt.TextFormat.RichText \
                and "<" not in w.text():
            need = w.fontMetrics().horizontalAdvance(w.text().split("\n")[0]) + 2 * w.margin()
        else:
            continue
        if w.width() + 1 < need:
            out.append(f"{type(w).__name__} {w.text()!r}: {w.width()} px for {need} px")
    return out


def cut_off_on_every_page(qtbot, window) -> list[str]:
    """:func:`clipped_texts` of each page in turn, the window at a laptop's size."""
    window.resize(1280, 800)
    clipped = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        clipped += clipped_texts(window)
    return clipped


@pytest.fixture
def chinese_window(qtbot):
    from effnet_app.gui.main_window import MainWindow

    languages.activate("zh_CN", QApplication.instance())
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    languages.activate("en", QApplication.instance())


def test_every_page_and_dialog_reads_in_chinese(qtbot, chinese_window, small_rocks):
    window = chinese_window
    assert window.tabs.tabText(0) == "1 数据"
    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        window.data_page.open_folder(small_rocks)
    progress: list[str] = []  # the core's progress lines, as the Train page shows them
    with qtbot.waitSignal(window.train_page.trainingFinished, timeout=300_000):
        window.train_page.start_button.click()
        window.train_page.task.worker.progress.connect(lambda _f, message: progress.append(message))
    assert "已在模型库中" in window.train_page.next_step.text() and "完成" in window.train_page.status_text.text()
    assert any(m.startswith("正在读取图片") for m in progress), progress
    files = sorted((small_rocks / "Chert").iterdir())[:2]
    window.classify_page.classify(files)
    qtbot.waitUntil(lambda: len(window.classify_page.predictions) == 2 and not window.classify_page.task.busy,
                    timeout=60_000)
    window.classify_page.show_detail(0)
    window.evaluate_page.evaluate_folder(small_rocks)
    qtbot.waitUntil(lambda: not window.evaluate_page.task.busy and window.evaluate_page.evaluation is not None,
                    timeout=60_000)
    with qtbot.waitSignal(window.live_page.stillAnalysed, timeout=60_000):
        window.live_page.show_still(files[0])
    clipped = cut_off_on_every_page(qtbot, window)
    assert not clipped, "Text cut off in Chinese:\n" + "\n".join(clipped)
    settings = window.show_settings()
    details = window.train_page.show_details()
    qtbot.waitUntil(lambda: details.arch is not None, timeout=60_000)

    names = set(window.state.dataset.classes) | set(WORD.findall(str(small_rocks)))
    names |= {w for p in small_rocks.rglob("*") for w in WORD.findall(p.stem)}
    names |= {w for e in window.library.entries() for w in WORD.findall(e.name)}
    texts = [where_text for top in (window, settings, details) for where_text in visible_texts(top)]
    texts += [("progress", m) for m in set(progress)]
    left = [(where, text, english_left(text, names)) for where, text in texts]
    left = [x for x in left if x[2]]
    settings.close()
    details.close()
    assert not left, "English in the Chinese window:\n" + "\n".join(f"{w}: {t!r} -> {e}" for w, t, e in left)
    # Sentences from the core arrive translated too.
    assert "张图片" in window.data_page.summary.text()


def test_unwrapped_english_is_caught():
    """The walk's own check fails on English (so the test above can fail)."""
    assert english_left("开始训练", set()) == []
    assert english_left("<b>Start</b> 训练 EfficientNet-B0", set()) == ["Start"]
    assert english_left("类别 Bauxite · /tmp/rocks/x.jpg left", {"Bauxite"}) == ["left"]


def test_english_window_has_no_cut_off_text(qtbot, window, small_rocks):
    """The same layout check in English, whose strings are mostly longer."""
    with qtbot.waitSignal(window.data_page.scanned, timeout=60_000):
        window.data_page.open_folder(small_rocks)
    clipped = cut_off_on_every_page(qtbot, window)
    assert not clipped, "Text cut off:\n" + "\n".join(clipped)


def test_cut_off_text_is_caught(qtbot):
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    button, label = QPushButton("在有标注的文件夹上检验…"), QLabel("正在用验证图片测量准确率")
    for w in (button, label):
        w.setFixedWidth(40)
    lay = QVBoxLayout(box)
    lay.addWidget(button)
    lay.addWidget(label)
    box.show()
    assert len(clipped_texts(box)) == 2
    button.setFixedWidth(button.sizeHint().width())
    label.setFixedWidth(400)
    assert clipped_texts(box) == []
