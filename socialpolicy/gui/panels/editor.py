"""The clause editor: the selected clause's Markdown with variables highlighted, why the clause
is there, and a word diff of the author's edit against the library text."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.document import Block
from socialpolicy.edits import AuthorText
from socialpolicy.gui.highlight import MARKDOWN_RULES, TEMPLATE_RULES, TextHighlighter, marked
from socialpolicy.gui.panels.review import REVIEW_CSS
from socialpolicy.gui.rich import rationale_html, text_diff_html

DEBOUNCE_MS = 10  # one clause re-renders in ~16 ms, so the preview keeps up with typing


class ClauseEditor(QWidget):
    """Edits one clause. ``textEdited(clause_id, title, body)`` fires ~10 ms after typing pauses."""

    textEdited = Signal(str, str, str)
    resetRequested = Signal(str)

    TEXT, WHY, DIFF = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clause_id = ""
        self._loading = False
        self._library_body = ""
        self._custom = False
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Clause panels")

        text_page = QWidget()
        self.heading = QLabel("Select a clause in the outline to edit it.")
        self.heading.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Clause title")
        self.title_edit.setAccessibleName("Clause title")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("clause-body")
        self.body_edit.setAccessibleName("Clause text (Markdown)")
        self.body_edit.setTabChangesFocus(True)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.body_edit.setFont(mono)
        self.highlighter = TextHighlighter(self.body_edit.document(), TEMPLATE_RULES + MARKDOWN_RULES)
        self.reset_button = QPushButton("Reset to library text")
        self.reset_button.setAccessibleName("Reset to library text")
        self.reset_button.setToolTip("Drop your edits of this clause and use the library text again")
        self.state_label = QLabel("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.reset_button)
        lay = QVBoxLayout(text_page)
        lay.addWidget(self.heading)
        lay.addWidget(self.title_edit)
        lay.addWidget(self.body_edit, 1)
        lay.addLayout(buttons)

        self.why = QTextBrowser()
        self.why.setAccessibleName("Why this clause")
        self.diff = QTextBrowser()
        self.diff.setAccessibleName("Changes from the library text")
        self.tabs.addTab(text_page, "&Text")
        self.tabs.addTab(self.why, "&Why this clause")
        self.tabs.addTab(self.diff, "Changes from &library")
        self.review = QTextBrowser()
        self.review.setAccessibleName("The legal review of this clause")
        self.review.document().setDefaultStyleSheet(REVIEW_CSS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._emit)
        self.body_edit.textChanged.connect(self._changed)
        self.title_edit.textEdited.connect(self._changed)
        self.reset_button.clicked.connect(self._reset)
        self.set_block(None)

    # ---------------------------------------------------------------- showing a clause

    def set_block(self, block: Block | None, text: AuthorText | None = None) -> None:
        """Show ``block`` for editing; ``text`` is what the author wrote (with variables)."""
        source_title, source_body = (text.title, text.body) if text else ("", "")
        library_body = text.library_body if text else None
        if block is not None and block.clause_id == self.clause_id and self.timer.isActive():
            # The author is still typing in this clause: keep their text, it is sent at the pause.
            self.why.setHtml(rationale_html(block))
            return
        self.timer.stop()
        self._loading = True
        try:
            enabled = block is not None
            self.title_edit.setEnabled(enabled)
            self.body_edit.setEnabled(enabled)
            if block is None:
                self.clause_id = ""
                self.heading.setText("Select a clause in the outline to edit it.")
                self.title_edit.clear()
                self.body_edit.clear()
                self.why.setHtml("<p>Select a clause to see why it is in the document.</p>")
                self.diff.clear()
                self.reset_button.setEnabled(False)
                self.state_label.clear()
                return
            same = block.clause_id == self.clause_id
            self.clause_id = block.clause_id
            self._custom = block.origin == "custom"
            self._library_body = library_body or ""
            self.heading.setText(
                f"<b>{html.escape(block.number)} {html.escape(block.title)}</b>"
                f" <span style='color:#5a6b7d'>({html.escape(block.clause_id)})</span>"
            )
            if self.title_edit.text() != source_title:
                self.title_edit.setText(source_title)
            if self.body_edit.toPlainText() != source_body:
                if same:
                    cursor = self.body_edit.textCursor()
                    pos = cursor.position()
                    self.body_edit.setPlainText(source_body)
                    cursor = self.body_edit.textCursor()
                    cursor.setPosition(min(pos, len(source_body)))
                    self.body_edit.setTextCursor(cursor)
                else:
                    self.body_edit.setPlainText(source_body)
            self.why.setHtml(rationale_html(block))
            self._show_state(block.origin)
        finally:
            self._loading = False

    def _show_state(self, origin: str) -> None:
        self.reset_button.setEnabled(origin == "edited")
        self.state_label.setText(
            {
                "library": "Library text",
                "edited": "Edited: differs from the library text",
                "custom": "Custom clause (written for this document)",
            }[origin]
        )
        if origin == "custom":
            self.diff.setHtml("<p>This is a custom clause: there is no library text to compare with.</p>")
        elif origin == "edited":
            self.diff.setHtml(
                "<p><span style='background:#d7f5dd'>Added</span> and "
                "<span style='background:#fde2e1'>removed</span> words compared with the library text.</p>"
                f"<div style='font-family:monospace'>{text_diff_html(self._library_body, self.body_edit.toPlainText())}</div>"
            )
        else:
            self.diff.setHtml("<p>No changes: this clause uses the library text.</p>")

    def set_review(self, html: str) -> None:
        """The legal review's changes and comments on this clause, in a tab of their own while there are any."""
        index = self.tabs.indexOf(self.review)
        if html:
            self.review.setHtml(html)
            if index < 0:
                self.tabs.addTab(self.review, "Legal re&view")
        elif index >= 0:
            self.tabs.removeTab(index)

    def show_review(self) -> None:
        if self.tabs.indexOf(self.review) >= 0:
            self.tabs.setCurrentWidget(self.review)

    def show_why(self) -> None:
        self.tabs.setCurrentIndex(self.WHY)

    def highlight(self, start: int, end: int) -> None:
        """Mark characters ``start:end`` of the clause text (a finding's sentence) and bring them into view;
        the mark goes when the text is replaced. ``start == end`` only clears the mark."""
        self.body_edit.setExtraSelections(marked(self.body_edit.textCursor(), start, end))
        if end > start:
            self.tabs.setCurrentIndex(self.TEXT)
            cursor = self.body_edit.textCursor()
            cursor.setPosition(min(start, len(self.body_edit.toPlainText())))
            self.body_edit.setTextCursor(cursor)
            self.body_edit.centerCursor()

    def show_excluded(self) -> None:
        self.set_block(None)
        self.heading.setText(
            "This clause is excluded from the document. Tick it in the outline to include and edit it."
        )

    def refuse(self, message: str) -> None:
        """Say why the typed text was not applied (it stays in the editor)."""
        self.state_label.setText(message)

    # ---------------------------------------------------------------- editing

    def _changed(self, *_: object) -> None:
        if not self._loading and self.clause_id:
            self.timer.start()

    def flush(self) -> None:
        """Send typing that is still waiting for the pause (Save, autosave and selection call this)."""
        if self.timer.isActive():
            self.timer.stop()
            self._emit()

    def _emit(self) -> None:
        if self.clause_id:
            self.textEdited.emit(self.clause_id, self.title_edit.text(), self.body_edit.toPlainText())

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def _reset(self) -> None:
        if self.clause_id:
            self.resetRequested.emit(self.clause_id)
