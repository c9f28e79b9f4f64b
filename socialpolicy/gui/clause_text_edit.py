"""A writer's view of clause text: variables as labelled chips, conditional parts as labelled regions
that can be hidden and shown, and the template code kept underneath, byte for byte.

Why a ``QTextEdit`` with object characters: each chip is one character (U+FFFC) of the document whose
format carries the stored tag (``{{ org_short }}``) and its label, drawn by :class:`ChipPainter`. So
the cursor steps over a chip in one move, Backspace takes the whole chip, a chip can never be half
selected or typed into, and the editor's own undo, copy and paste keep working: copying puts the
template text on the clipboard and pasting turns tags back into chips. A hidden conditional part is
one chip too, carrying the whole part's stored text. The cutting and labelling is
:mod:`socialpolicy.app.clause_text`; this module only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app import clause_text as ct
from socialpolicy.gui.chips import HIDDEN, OBJECT, raw_text
from socialpolicy.gui.highlight import MARKDOWN_RULES, TEMPLATE_RULES, TextHighlighter, marked
from socialpolicy.gui.widgets import wrapped_label
from socialpolicy.gui.writer_edit import WriterEdit

__all__ = ["HIDDEN", "OBJECT", "ClauseTextBox", "WriterEdit"]


class ClauseTextBox(QWidget):
    """The writer's view and the raw template text, with a toolbar: insert a variable, hide or show
    conditional parts, and the "Show template code" (advanced) toggle. ``textChanged`` on any edit."""

    textChanged = Signal()
    advancedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, markdown: bool = True) -> None:
        super().__init__(parent)
        self.writer = WriterEdit()
        self.writer.setObjectName("clause-writer")
        self.writer.setAccessibleName("Clause text")
        self.raw = QPlainTextEdit()
        self.raw.setObjectName("clause-body")
        self.raw.setAccessibleName("Clause text with template code")
        self.raw.setTabChangesFocus(True)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.raw.setFont(mono)
        self.highlighter = TextHighlighter(
            self.raw.document(), TEMPLATE_RULES + MARKDOWN_RULES if markdown else TEMPLATE_RULES
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.writer)
        self.stack.addWidget(self.raw)

        self.insert_button = QToolButton()
        self.insert_button.setText("Insert &variable")
        self.insert_button.setAccessibleName("Insert a variable")
        self.insert_button.setToolTip("Insert a value filled in from the answers (Ctrl+Shift+I)")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.variables_menu = QMenu(self.insert_button)
        self.insert_button.setMenu(self.variables_menu)
        self.insert_action = QAction("Insert variable", self)
        self.insert_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.insert_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.insert_action.triggered.connect(self.popup_variables)
        self.addAction(self.insert_action)
        self.hide_button = QToolButton()
        self.hide_button.setText("Hide conditional parts")
        self.hide_button.setCheckable(True)
        self.hide_button.setToolTip("Fold every part that appears only in some cases, to read the rest")
        self.hide_button.toggled.connect(self._hide_all)
        self.advanced = QCheckBox("Show template &code")
        self.advanced.setToolTip(
            "Advanced: edit the text with its {{ variables }} and {% if %} conditions as code"
        )
        self.advanced.toggled.connect(self.set_advanced)
        self.note = wrapped_label("")
        self.note.setStyleSheet("color:#5a6b7d")
        self.note.hide()
        self.bar = bar = QHBoxLayout()  # under the text; an owner may add its own buttons at the end
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.insert_button)
        bar.addWidget(self.hide_button)
        bar.addWidget(self.advanced)
        bar.addStretch(1)
        for widget in (self.insert_button, self.hide_button, self.advanced):
            widget.setMinimumWidth(24)  # on a small screen they may be cut short, never widen the window
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.note)
        lay.addLayout(bar)
        self._loading = False
        self.setFocusProxy(self.writer)  # a form label's mnemonic lands in the text
        self._problem: ct.Problem | None = None
        self._after_braces = False  # the list was offered because "{{" was typed: a choice replaces it
        self.writer.bracesTyped.connect(self._braces_typed)
        self.variables_menu.aboutToHide.connect(self._menu_hidden)
        self.writer.textChanged.connect(self._edited)
        self.raw.textChanged.connect(self._edited)
        self.set_labels(ct.Labels())

    # -- what it shows -----------------------------------------------------------------------------

    def set_labels(self, labels: ct.Labels) -> None:
        self.writer.labels = labels
        self.variables_menu.clear()
        for name, label in labels.insertable():
            action = self.variables_menu.addAction(label)
            action.setData(name)
            action.setToolTip(name)
            action.triggered.connect(self._insert_chosen)
        if self.variables_menu.isEmpty():
            self.variables_menu.addAction("No variables: this text has no questions to fill it").setEnabled(
                False
            )

    def toPlainText(self) -> str:
        """The stored template text, as :meth:`template_text`."""
        return self.template_text()

    def setPlainText(self, text: str) -> None:
        """Show ``text`` and say it changed, as any text box does (:meth:`set_template_text` does not)."""
        self.set_template_text(text)
        self.textChanged.emit()

    @property
    def is_advanced(self) -> bool:
        return self.stack.currentWidget() is self.raw

    def current(self) -> QTextEdit | QPlainTextEdit:
        return self.raw if self.is_advanced else self.writer

    def template_text(self) -> str:
        return raw_text(self.raw.document()) if self.is_advanced else self.writer.template_text()

    def set_template_text(self, text: str) -> None:
        """Show ``text``; if the writer's view would change it, show the template code instead."""
        self._loading = True
        try:
            self.raw.setPlainText(text)
            self.writer.set_template_text(text)
            # Both views keep every character but carriage returns; if ever the writer's view would
            # keep less than the template code does, the code is shown instead.
            exact = self.writer.template_text() == raw_text(self.raw.document())
        finally:
            self._loading = False
        self.hide_button.setChecked(False)
        if not exact and not self.is_advanced:
            self.advanced.setChecked(True)
            self.note.setText(
                "This text holds characters the writer's view would change, so it is shown as template code."
            )
            self.note.show()
        elif exact:
            self.note.hide()

    def set_advanced(self, on: bool) -> None:
        if on == self.is_advanced:
            return
        text = self.template_text()
        self._loading = True
        try:
            if on:
                self.raw.setPlainText(text)
                self.stack.setCurrentWidget(self.raw)
            else:
                self.writer.set_template_text(text)
                self.stack.setCurrentWidget(self.writer)
                self.note.hide()
        finally:
            self._loading = False
        self.advanced.setChecked(on)
        self.setFocusProxy(self.current())
        self.mark_problem(self._problem)  # the other view marks the same spot
        self.hide_button.setEnabled(not on)
        self.advancedChanged.emit(on)

    def clear(self) -> None:
        self.set_template_text("")

    def cursor_offset(self) -> int:
        return self.raw.textCursor().position() if self.is_advanced else self.writer.cursor_offset()

    def set_cursor_offset(self, offset: int) -> None:
        if self.is_advanced:
            cursor = self.raw.textCursor()
            cursor.setPosition(min(offset, len(self.raw.toPlainText())))
            self.raw.setTextCursor(cursor)
        else:
            self.writer.set_cursor_offset(offset)

    def show_found(self, start: int, end: int) -> None:
        """Mark stored-text offsets ``start:end`` (a finding's sentence) in the view shown, in view."""
        self.writer.show_found(start, end)
        if self.is_advanced:
            self.raw.setExtraSelections(marked(self.raw.textCursor(), start, end))
            if end > start:
                cursor = self.raw.textCursor()
                cursor.setPosition(min(start, len(self.raw.toPlainText())))
                self.raw.setTextCursor(cursor)
                self.raw.centerCursor()

    def mark_problem(self, found: ct.Problem | None) -> None:
        """Underline where the text is wrong (``None``: nothing is)."""
        self._problem = found
        self.writer.mark_problem(found)
        selections = []
        if found is not None:
            sel = QTextEdit.ExtraSelection()
            cursor = self.raw.textCursor()
            size = len(self.raw.toPlainText())
            cursor.setPosition(min(found.start, size))
            cursor.setPosition(min(max(found.end, found.start + 1), size), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[misc]
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#c62828"))
            fmt.setBackground(QColor("#fdecea"))
            sel.format = fmt  # type: ignore[misc]
            selections.append(sel)
        self.raw.setExtraSelections(selections)
        self.raw.setToolTip(found.message if found else "")

    # -- inserting variables ---------------------------------------------------------------------------

    def popup_variables(self) -> None:
        edit = self.current()
        edit.setFocus()
        self.variables_menu.popup(edit.mapToGlobal(edit.cursorRect().bottomRight()))

    def _braces_typed(self) -> None:
        self._after_braces = True
        self.popup_variables()

    def _menu_hidden(self) -> None:
        QTimer.singleShot(0, self._forget_braces)  # after the chosen action, which comes after the hide

    def _forget_braces(self) -> None:
        self._after_braces = False

    def _insert_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.insert_variable(str(action.data()))

    def insert_variable(self, name: str) -> None:
        tag = ct.variable_tag(name)
        if self._after_braces and not self.is_advanced:
            self._after_braces = False
            cursor = self.writer.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 2)
            if cursor.selectedText() == "{{":
                self.writer.setTextCursor(cursor)  # the chip takes the place of the braces typed
        if self.is_advanced:
            self.raw.insertPlainText(tag)
            self.raw.setFocus()
        else:
            self.writer.insert_template(tag)
            self.writer.setFocus()

    def _hide_all(self, hidden: bool) -> None:
        self._loading, was = True, self._loading
        try:
            self.writer.set_all_hidden(hidden)
        finally:
            self._loading = was
        self.hide_button.setText("Show conditional parts" if hidden else "Hide conditional parts")

    def _edited(self) -> None:
        if not self._loading and self.sender() is self.current():
            self.textChanged.emit()
