"""The user guide window: the guide's pages (package data, :mod:`socialpolicy.help`) in a QTextBrowser,
with the contents on the left and Back, Forward and Contents buttons. Links between pages stay in the
window; links to the web open in the browser."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy import help as guide
from socialpolicy.gui.widgets import named

GUIDE_CSS = (
    "body { font-size: 11pt; } h1 { font-size: 17pt; color: #14304d; } h2 { font-size: 13pt; color: #14304d; }"
    " code { background-color: #eef1f4; } .notice { background-color: #fff8e1; padding: 6px; }"
)


class GuideWindow(QWidget):
    """One window for the whole guide; :meth:`show_page` opens a page and brings the window up."""

    def __init__(
        self, shortcuts: list[tuple[str, str, str]] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guide-window")
        self.setWindowTitle("User guide — Social Policy Studio")
        self.shortcuts = shortcuts or []  # (menu, command, keys), for the shortcuts page
        self.page = ""
        self._back: list[str] = []
        self._forward: list[str] = []
        self.contents = named(QListWidget(), "Guide contents")
        for title in guide.PAGES.values():
            self.contents.addItem(title)
        self.contents.setMaximumWidth(240)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide-browser")
        self.browser.setAccessibleName("Guide page")
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(GUIDE_CSS)
        self.browser.document().setDocumentMargin(16)
        self.back_button = QPushButton("◀ &Back")
        self.forward_button = QPushButton("&Forward ▶")
        self.home_button = QPushButton("&Contents")
        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addStretch(1)
        split = QSplitter()
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.browser.anchorClicked.connect(self._follow)
        self.contents.currentRowChanged.connect(self._chosen)
        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.home_button.clicked.connect(lambda: self.show_page("index"))
        self.resize(900, 640)

    def show_page(self, name: str) -> None:
        """Show page ``name`` (the contents for a name the guide does not have) and raise the window."""
        name = name if name in guide.PAGES else "index"
        if self.page and name != self.page:
            self._back.append(self.page)
            self._forward.clear()
        self._load(name)
        self.show()
        self.raise_()
        self.activateWindow()

    def _load(self, name: str) -> None:
        self.page = name
        text = guide.page_html(name)
        if name == "shortcuts":
            text = text.replace(guide.SHORTCUTS_MARK, shortcuts_table(self.shortcuts))
        self.browser.setHtml(text)
        self.contents.blockSignals(True)
        self.contents.setCurrentRow(list(guide.PAGES).index(name))
        self.contents.blockSignals(False)
        self.back_button.setEnabled(bool(self._back))
        self.forward_button.setEnabled(bool(self._forward))
        self.setWindowTitle(f"{guide.PAGES[name]} — User guide")

    def back(self) -> None:
        if self._back:
            self._forward.append(self.page)
            self._load(self._back.pop())

    def forward(self) -> None:
        if self._forward:
            self._back.append(self.page)
            self._load(self._forward.pop())

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(guide.PAGES):
            self.show_page(list(guide.PAGES)[row])

    def _follow(self, url: QUrl) -> None:
        name = guide.page_of(url.toString())
        if name is not None:
            self.show_page(name)
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def shortcuts_table(rows: list[tuple[str, str, str]]) -> str:
    """The app's shortcuts as an HTML table: menu, command, keys."""
    if not rows:
        return "<p>No shortcuts are defined.</p>"
    body = "".join(
        f"<tr><td>{html.escape(menu)}</td><td>{html.escape(command)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for menu, command, keys in rows
    )
    return (
        '<table cellspacing="0" cellpadding="4" border="1" style="border-collapse: collapse">'
        f"<tr><th align='left'>Menu</th><th align='left'>Command</th><th align='left'>Keys</th></tr>{body}</table>"
    )
