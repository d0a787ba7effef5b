"""Help → Quick start: the whole path from a folder to a classified picture on one
page, in the app's language, opened inside the app (no browser, no internet)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class QuickStartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quick start"))
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setHtml("".join(self.sections()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.resize(600, 560)

    def sections(self) -> list[str]:
        return [
            self.tr("<h2>From your folder to an answer, in four steps</h2>"),
            self.tr("<h3>1 · Your pictures</h3><p>Put your pictures in one folder with a sub-folder per kind, for "
                    "example <i>rocks/Chert</i> and <i>rocks/Bauxite</i>. Ten or more pictures of each kind is a good "
                    "start. On the <b>Data</b> page press <b>Choose folder…</b>, or drop the folder on the window. The "
                    "page counts the pictures and lists any it cannot use, with the reason.</p>"),
            self.tr("<h3>2 · Train</h3><p>On the <b>Train</b> page keep <b>EfficientNet-Lite0</b> and <b>Quick</b>, "
                    "and press <b>Start training</b>. A quick training takes seconds to a few minutes and needs no "
                    "internet. <b>Full</b> training takes longer and is often a little more accurate. The finished "
                    "model goes into the <b>model library</b> on the left.</p>"),
            self.tr("<h3>3 · Check it</h3><p>The <b>Evaluate</b> page shows how often the model was right on "
                    "pictures it did not learn from, and which kinds it mixes up. Click a cell of the table to see "
                    "those pictures, and <b>Look inside…</b> to see what the network saw in one.</p>"),
            self.tr("<h3>4 · Use it</h3><p>Drop pictures or a whole folder on the <b>Classify</b> page. Each "
                    "answer comes with a percentage you can trust: 80 % means right about 8 times in 10. A picture "
                    "unlike every kind it knows is answered <b>None of these</b>. <b>Export predictions to CSV…</b> "
                    "saves the answers as a table.</p>"),
            self.tr("<h3>And then: see what it looks at</h3><p>The <b>Live</b> page shows a camera, a video or a "
                    "picture, with the places that decided the answer painted over it (red: where the network "
                    "looked most).</p>"),
            self.tr("<p><b>Tips.</b> Everything stays on this computer. Language, look and the use of a graphics "
                    "card are under <b>File → Settings…</b>. Keyboard: Ctrl+1 … Ctrl+5 switch pages, F1 opens this "
                    "page.</p>"),
        ]
