"""The clause editor: the selected clause's Markdown with variables highlighted, why the clause
is there, and a word diff of the author's edit against the library text."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
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
from socialpolicy.gui.clause_form import diff_html as parts_html
from socialpolicy.library_tools import word_diff

DEBOUNCE_MS = 10  # one clause re-renders in ~16 ms, so the preview keeps up with typing


class TemplateHighlighter(QSyntaxHighlighter):
    """Colours ``{{ variables }}``, ``{% tags %}`` and Markdown headings and emphasis markers."""

    RULES = (
        (re.compile(r"\{\{.*?\}\}"), "#0b5cad", True),
        (re.compile(r"\{%.*?%\}"), "#8a3ffc", True),
        (re.compile(r"\{#.*?#\}"), "#6e7781", False),
        (re.compile(r"^#{1,6} .*$"), "#14304d", True),
        (re.compile(r"\*\*[^*]+\*\*"), "#1d1d1f", True),
    )

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = []
        for pattern, colour, bold in self.RULES:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if pattern.pattern.startswith(r"\{"):
                fmt.setBackground(QColor("#eef4fb"))
            self._formats.append((pattern, fmt))

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self._formats:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)


def diff_html(library: str, edited: str) -> str:
    """The author's text against the library text, word by word, as HTML."""
    return parts_html(word_diff(library, edited))


def rationale_html(block: Block) -> str:
    parts = [
        f"<h3>{html.escape(block.title)}</h3>",
        f"<p style='color:#5a6b7d'>{html.escape(block.library)}:{html.escape(block.clause_id)} "
        f"v{block.version} · topic {html.escape(block.topic)} · {html.escape(block.origin)}</p>",
    ]
    parts.append(f"<p><b>Why this clause:</b> {html.escape(block.rationale or 'No rationale recorded.')}</p>")
    if block.sources:
        items = "".join(
            f"<li>{html.escape(s.citation)}{' (law in flux)' if s.in_flux else ''}"
            f"{' &mdash; ' + html.escape(s.note) if s.note else ''}</li>"
            for s in block.sources
        )
        parts.append(f"<p><b>Sources</b></p><ul>{items}</ul>")
    if block.stances:
        items = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in block.stances.items())
        parts.append(f"<p><b>Stance</b></p><ul>{items}</ul>")
    if block.requires:
        parts.append(f"<p><b>Needs:</b> {html.escape(', '.join(block.requires))}</p>")
    return "".join(parts)


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
        self.highlighter = TemplateHighlighter(self.body_edit.document())
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

    def set_block(
        self,
        block: Block | None,
        source_title: str = "",
        source_body: str = "",
        library_body: str | None = None,
    ) -> None:
        """Show ``block`` for editing; ``source_*`` is the unrendered text (with variables)."""
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
                f"<div style='font-family:monospace'>{diff_html(self._library_body, self.body_edit.toPlainText())}</div>"
            )
        else:
            self.diff.setHtml("<p>No changes: this clause uses the library text.</p>")

    def show_why(self) -> None:
        self.tabs.setCurrentIndex(self.WHY)

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
