"""The clause editor: the selected clause's text, its variables as labelled chips and its conditional
parts as labelled regions (template code on request), why the clause is there, and a word diff of the
author's edit against the library text. Text that cannot be used is marked where it is wrong."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app import clause_text
from socialpolicy.document import Block
from socialpolicy.edits import AuthorText
from socialpolicy.gui.clause_text_edit import ClauseTextBox
from socialpolicy.gui.panels.review import REVIEW_CSS
from socialpolicy.gui.rich import rationale_html, text_diff_html
from socialpolicy.gui.widgets import named, wrapped_label
from socialpolicy.model import Template

DEBOUNCE_MS = 10  # one clause re-renders in ~16 ms, so the preview keeps up with typing


@dataclass(frozen=True)
class Draft:
    """Text the author typed that could not be applied, kept while its clause stays as it was."""

    base: str  # the clause's stored body when the text was refused
    title: str
    body: str
    message: str


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
        self._sent = self._title_sent = ""  # last loaded or sent: a view change (hiding a part) sends nothing
        self._template_id: str | None = None
        self._base = self._base_title = self._origin = ""  # the clause as the document has it
        self.details = False  # the clause id beside its title, for people who keep the library
        self.drafts: dict[str, Draft] = {}  # clause id -> refused text, shown again when it comes back
        self.tabs = named(QTabWidget(self), "Clause panels")

        text_page = QWidget()
        self.heading = wrapped_label("Select a clause in the outline to edit it.")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Clause title")
        self.title_edit.setAccessibleName("Clause title")
        self.body = ClauseTextBox()
        self.body_edit = self.body.writer  # the writer's view; self.body.raw holds the template code
        self.body.writer.setMinimumHeight(90)
        self.reset_button = named(QPushButton("Reset to library text"), "Reset to library text")
        self.reset_button.setToolTip("Drop your edits of this clause and use the library text again")
        self.state_label = wrapped_label("")
        self.state_label.setAccessibleName("State of this clause")
        self.reset_button.setMinimumWidth(24)
        self.body.bar.addWidget(self.reset_button)
        lay = QVBoxLayout(text_page)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        lay.addWidget(self.heading)
        lay.addWidget(self.title_edit)
        lay.addWidget(self.body, 1)
        lay.addWidget(self.state_label)

        self.why = named(QTextBrowser(), "Why this clause")
        self.diff = named(QTextBrowser(), "Changes from the library text")
        self.tabs.addTab(text_page, "&Text")
        self.tabs.addTab(self.why, "&Why this clause")
        self.tabs.addTab(self.diff, "Changes from &library")
        self.review = named(QTextBrowser(), "The legal review of this clause")
        self.review.document().setDefaultStyleSheet(REVIEW_CSS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._emit)
        self.body.textChanged.connect(self._changed)
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
            self.body.setEnabled(enabled)
            self.body.mark_problem(None)
            if block is None:
                self.clause_id = ""
                self.heading.setText("Select a clause in the outline to edit it.")
                self.title_edit.clear()
                self.body.clear()
                self._sent = ""
                self.why.setHtml("<p>Select a clause to see why it is in the document.</p>")
                self.diff.clear()
                self.reset_button.setEnabled(False)
                self.state_label.clear()
                return
            same = block.clause_id == self.clause_id
            self.clause_id = block.clause_id
            self._base, self._base_title, self._origin = source_body, source_title, block.origin
            draft = self.drafts.get(block.clause_id)
            if draft is not None and draft.base != source_body:  # the clause changed since: drop it
                del self.drafts[block.clause_id]
                draft = None
            if draft is not None:
                source_title, source_body = draft.title, draft.body
            self._custom = block.origin == "custom"
            self._library_body = library_body or ""
            clause_id = f" <span style='color:#5a6b7d'>({html.escape(block.clause_id)})</span>"
            self.heading.setText(
                f"<b>{html.escape(block.number)} {html.escape(block.title)}</b>{clause_id if self.details else ''}"
            )
            if self.title_edit.text() != source_title:
                self.title_edit.setText(source_title)
            if self.body.template_text() != source_body:
                offset = self.body.cursor_offset() if same else 0
                self.body.set_template_text(source_body)
                if same:
                    self.body.set_cursor_offset(min(offset, len(source_body)))
            self._sent, self._title_sent = source_body, source_title
            self.why.setHtml(rationale_html(block))
            self._show_state(block.origin)
            if draft is not None:
                self.refuse(draft.message, clause_text.problem(draft.body))
                self.reset_button.setEnabled(True)
        finally:
            self._loading = False

    def _show_state(self, origin: str) -> None:
        self.reset_button.setEnabled(origin == "edited")
        self.state_label.setStyleSheet("")
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
                f"<div style='font-family:monospace'>{text_diff_html(self._library_body, self.body.template_text())}</div>"
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
        """Mark characters ``start:end`` of the stored clause text (a finding's sentence) and bring them
        into view, in whichever view is shown; the mark goes when the text is replaced. ``start == end``
        only clears the mark."""
        self.body.show_found(start, end)
        if end > start:
            self.tabs.setCurrentIndex(self.TEXT)

    def show_excluded(self) -> None:
        self.set_block(None)
        self.heading.setText(
            "This clause is excluded from the document. Tick it in the outline to include and edit it."
        )

    def refuse(self, message: str, problem: clause_text.Problem | None = None) -> None:
        """Say why the typed text was not applied; ``problem`` marks the spot. The text stays in the
        editor, and comes back with its clause if the author looks at another one meanwhile."""
        body, title = self.body.template_text(), self.title_edit.text()
        if self.clause_id and (body != self._base or title != self._base_title):
            self.drafts[self.clause_id] = Draft(self._base, title, body, message)
            self.reset_button.setEnabled(True)
        if problem is not None:
            message += " (underlined in the text; hover over it to see this again)"
        self.state_label.setText(message)
        self.state_label.setStyleSheet("color:#b3261e" if message.startswith("Not applied") else "")
        self.body.mark_problem(problem)

    def set_template(self, template: Template | None) -> None:
        """Name variables and conditions after the questions of ``template`` (the document's)."""
        template_id = template.id if template is not None else ""
        if template_id == self._template_id:
            return
        self._template_id = template_id
        self.body.set_labels(clause_text.Labels.of([template] if template is not None else []))
        if self.clause_id:
            offset = self.body.cursor_offset()
            self._loading = True
            try:
                self.body.set_template_text(self.body.template_text())
            finally:
                self._loading = False
            self.body.set_cursor_offset(offset)

    def highlight_range(self, start: int, end: int) -> tuple[int, int]:
        """Where stored-text offsets ``start``..``end`` of the body are in the view shown now."""
        if self.body.is_advanced:
            return start, end
        return self.body.writer.shown_range(start, end)

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
        if not self.clause_id:
            return
        body = self.body.template_text()
        title_changed = self.title_edit.text() != self._title_sent
        if body == self._sent and not title_changed and not self.body.writer.problem_range:
            return  # only the view changed (a part hidden or shown)
        self._sent, self._title_sent = body, self.title_edit.text()
        self.drafts.pop(self.clause_id, None)  # refused again, it comes back through refuse()
        self.body.mark_problem(None)
        self.textEdited.emit(self.clause_id, self.title_edit.text(), body)

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def _reset(self) -> None:
        if not self.clause_id:
            return
        if self.drafts.pop(self.clause_id, None) is not None and self._origin != "edited":
            self._show_stored()  # the document has the library text: only the refused typing goes
            return
        self.resetRequested.emit(self.clause_id)

    def _show_stored(self) -> None:
        self.timer.stop()
        self._loading = True
        try:
            self.title_edit.setText(self._base_title)
            self.body.set_template_text(self._base)
            self._sent, self._title_sent = self._base, self._base_title
            self.body.mark_problem(None)
            self._show_state(self._origin)
        finally:
            self._loading = False

    def forget_drafts(self) -> None:
        """The document closed: its refused typing goes with it."""
        self.drafts.clear()
