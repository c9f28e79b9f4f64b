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

from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app import clause_text as ct
from socialpolicy.gui.highlight import MARKDOWN_RULES, TEMPLATE_RULES, TextHighlighter

CHIP = QTextFormat.ObjectTypes.UserObject + 1
RAW = QTextFormat.Property.UserProperty + 1
LABEL = QTextFormat.Property.UserProperty + 2
KIND = QTextFormat.Property.UserProperty + 3
OBJECT = "\ufffc"
HIDDEN = "hidden"  # a conditional part folded into one chip
MIME = "application/x-socialpolicy-clause-text"
MAX_LABEL = 60

# kind -> (background, border, text)
_COLOURS = {
    ct.VARIABLE: ("#dcebfc", "#6f9fd8", "#0b3d73"),
    ct.REFERENCE: ("#dcf3ee", "#5fae9c", "#0c4a3e"),
    ct.IF: ("#efe6ff", "#9c7ad6", "#47207f"),
    ct.ELIF: ("#efe6ff", "#9c7ad6", "#47207f"),
    ct.ELSE: ("#efe6ff", "#9c7ad6", "#47207f"),
    ct.ENDIF: ("#f6f1ff", "#c3aee8", "#6a4fa0"),
    HIDDEN: ("#e4d7fb", "#7d55c7", "#3a1670"),
}
_OTHER = ("#eceff2", "#9aa4ae", "#3b4550")
_REGION_TINTS = ("#f1e8ff", "#e6d9fc", "#dccbf8")
REGION_KINDS = frozenset({ct.IF, ct.ELIF, ct.ELSE, ct.ENDIF})


def _shown_label(kind: str, label: str) -> str:
    if kind == ct.IF:
        return f"▾ {label}"
    if kind == HIDDEN:
        return f"▸ {label} (hidden)"
    if kind == ct.ENDIF:
        return "end"
    return label


class ChipPainter(QPyTextObject):
    """Draws a chip: its label on a rounded tint; the stored text is never shown here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each layout of a line asks every chip on it its size: measured once per label and width.
        self._sizes: dict[tuple[str, str, str, float], QSizeF] = {}

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        key = (str(fmt.property(KIND)), str(fmt.property(LABEL)), doc.defaultFont().key(), doc.textWidth())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 2000:
                self._sizes.clear()
            metrics = QFontMetricsF(self._font(doc, fmt))
            text = self._text(doc, fmt, metrics)
            size = self._sizes[key] = QSizeF(metrics.horizontalAdvance(text) + 14, metrics.height() + 2)
        return QSizeF(size)

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        rect = QRectF(rect)
        kind = str(fmt.property(KIND))
        back, border, fore = _COLOURS.get(kind, _OTHER)
        font = self._font(doc, fmt)
        metrics = QFontMetricsF(font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = rect.adjusted(1, 1, -1, -1)
        pen = QPen(QColor(border))
        if kind == HIDDEN:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(back))
        painter.drawRoundedRect(box, 6, 6)
        painter.setFont(font)
        painter.setPen(QColor(fore))
        painter.drawText(
            box.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, self._text(doc, fmt, metrics)
        )
        painter.restore()

    @staticmethod
    def _font(doc: QTextDocument, fmt: QTextFormat) -> QFont:
        font = QFont(doc.defaultFont())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        if str(fmt.property(KIND)) in (ct.VARIABLE, ct.REFERENCE, ct.IF, HIDDEN):
            font.setWeight(QFont.Weight.DemiBold)
        return font

    @staticmethod
    def _text(doc: QTextDocument, fmt: QTextFormat, metrics: QFontMetricsF) -> str:
        text = _shown_label(str(fmt.property(KIND)), str(fmt.property(LABEL)))
        widest = min(metrics.averageCharWidth() * MAX_LABEL, max(80.0, doc.textWidth() - 40))
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, widest)


@dataclass(frozen=True)
class Chip:
    """A chip in the document: where it is and what it holds."""

    pos: int
    kind: str
    raw: str
    label: str


def chip_format(kind: str, raw: str, label: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(CHIP)
    fmt.setProperty(RAW, raw)
    fmt.setProperty(LABEL, label)
    fmt.setProperty(KIND, kind)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
    tip = {
        ct.VARIABLE: "Filled in from the answer to this question. Backspace removes it.",
        ct.REFERENCE: "Becomes the number of that section.",
        ct.IF: "The text from here to “end” appears only in this case. Click to hide it.",
        HIDDEN: "A hidden conditional part. Click to show it.",
    }.get(kind, "")
    fmt.setToolTip(f"{label}\n{tip}".strip() if kind != ct.ENDIF else "End of the conditional part")
    return fmt


class WriterEdit(QTextEdit):
    """Clause text with chips. :meth:`template_text` is always the stored text."""

    chipClicked = Signal(int)
    bracesTyped = Signal()  # "{{" typed: the owner offers the variables

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.labels = ct.Labels()
        self.problem_range: tuple[int, int] | None = None  # in stored-text offsets
        self.problem_message = ""
        self._painter = ChipPainter(self)
        self._chips: list[Chip] | None = None
        # contentsChange comes before contentsChanged (and so before textChanged and its slots)
        self.document().contentsChange.connect(self._contents_changed)
        self.document().documentLayout().registerHandler(CHIP, self._painter)
        self._plain = QTextCharFormat()
        self._absorbing = QTimer(self)
        self._absorbing.setSingleShot(True)
        self._absorbing.setInterval(0)
        self._absorbing.timeout.connect(self.absorb_tags)
        self.textChanged.connect(self._text_changed)
        self.currentCharFormatChanged.connect(self._no_chip_format)

    # -- reading and writing the stored text ---------------------------------------------------------

    def chips(self) -> list[Chip]:
        """The chips shown, in order (kept until the text changes)."""
        if self._chips is None:
            self._chips = self._find_chips()
        return list(self._chips)

    def _contents_changed(self, *_: int) -> None:
        self._chips = None

    def _find_chips(self) -> list[Chip]:
        doc = self.document()
        text = doc.toRawText()
        cursor = QTextCursor(doc)
        out = []
        pos = text.find(OBJECT)
        while pos >= 0:
            cursor.setPosition(pos + 1)
            fmt = cursor.charFormat()
            if fmt.objectType() == CHIP:
                out.append(
                    Chip(pos, str(fmt.property(KIND)), str(fmt.property(RAW)), str(fmt.property(LABEL)))
                )
            pos = text.find(OBJECT, pos + 1)
        return out

    def _stored_text(self, start: int = 0, end: int | None = None) -> str:
        """The stored text of positions ``start``..``end``: each chip's tag, newlines as ``raw_text``."""
        text = self.document().toRawText()
        end = len(text) if end is None else end
        parts: list[str] = []
        last = start
        for chip in self.chips():
            if start <= chip.pos < end:
                parts += (text[last : chip.pos], chip.raw)
                last = chip.pos + 1
        parts.append(text[last:end])
        return "".join(parts).replace("\u2029", "\n").replace("\u2028", "\n")

    def _stored(self, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
        """The stored text of positions ``start``..``end`` and, for each position, its stored offset."""
        text = self.document().toRawText()
        end = len(text) if end is None else end
        chips = {c.pos: c.raw for c in self.chips()}
        parts: list[str] = []
        offsets: list[int] = []
        size = 0
        for pos in range(start, end):
            ch = text[pos]
            offsets.append(size)
            piece = chips.get(pos, "\n" if ch in "\u2029\u2028" else ch)  # as raw_text() does
            parts.append(piece)
            size += len(piece)
        offsets.append(size)
        return "".join(parts), offsets

    def template_text(self) -> str:
        return self._stored_text()

    def set_template_text(self, text: str) -> bool:
        """Show ``text`` as chips; ``False`` when the view cannot hold it exactly (then show it raw)."""
        self.blockSignals(True)
        try:
            self.clear()
            cursor = QTextCursor(self.document())
            self._insert(cursor, text)
            self.document().clearUndoRedoStacks()
            self.moveCursor(QTextCursor.MoveOperation.Start)
            self.setCurrentCharFormat(self._plain)
        finally:
            self.blockSignals(False)
        self.refresh_marks()
        self.textChanged.emit()
        return self.template_text() == text

    def _insert(self, cursor: QTextCursor, text: str) -> None:
        for tok in ct.tokens(text, self.labels):
            if tok.is_chip:
                cursor.insertText(OBJECT, chip_format(tok.kind, tok.raw, tok.label))
            else:
                cursor.insertText(tok.raw, self._plain)
        cursor.setCharFormat(self._plain)

    def insert_template(self, text: str) -> None:
        """Insert stored text at the cursor (replacing the selection), its tags as chips."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        self._insert(cursor, text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def cursor_offset(self) -> int:
        _, offsets = self._stored()
        return offsets[min(self.textCursor().position(), len(offsets) - 1)]

    def set_cursor_offset(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.shown_range(offset, offset)[0])
        self.setTextCursor(cursor)

    def shown_range(self, start: int, end: int) -> tuple[int, int]:
        """Positions in the shown text of stored offsets ``start``..``end`` (a chip counts whole)."""
        _, offsets = self._stored()

        def at(offset: int, after: bool) -> int:
            for pos in range(len(offsets) - 1):
                if offsets[pos + 1] > offset:
                    return pos + 1 if after and offsets[pos] < offset else pos
            return len(offsets) - 1

        a = at(start, False)
        return a, max(a, at(end, True)) if end > start else a

    # -- typing, copying and pasting -----------------------------------------------------------------

    def _no_chip_format(self, fmt: QTextCharFormat) -> None:
        if fmt.objectType() == CHIP:  # text typed after a chip must not inherit the chip's format
            self.setCurrentCharFormat(self._plain)

    def _text_changed(self) -> None:
        if "{" in self.document().toRawText():
            self._absorbing.start()
        self.refresh_marks()

    def absorb_tags(self) -> None:
        """Typed or pasted tags that are complete become chips (the stored text does not change)."""
        doc = self.document()
        block = doc.firstBlock()
        found: list[tuple[int, str]] = []
        while block.isValid():
            text = block.text()
            if "{" in text:
                for tok in ct.tokens(text, self.labels):
                    if tok.is_chip and OBJECT not in tok.raw:
                        found.append((block.position() + tok.start, tok.raw))
            block = block.next()
        if not found:
            return
        cursor = QTextCursor(doc)
        cursor.joinPreviousEditBlock()
        for pos, raw in reversed(found):
            tok = ct.tag_token(raw, 0, self.labels)
            cursor.setPosition(pos)
            cursor.setPosition(pos + len(raw), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(OBJECT, chip_format(tok.kind, tok.raw, tok.label))
        cursor.endEditBlock()
        self.setCurrentCharFormat(self._plain)

    def createMimeDataFromSelection(self) -> QMimeData:
        cursor = self.textCursor()
        text = self._stored_text(cursor.selectionStart(), cursor.selectionEnd())
        data = QMimeData()
        data.setText(text)
        data.setData(MIME, text.encode("utf-8"))
        return data

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasFormat(MIME) or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = bytes(source.data(MIME).data()).decode("utf-8") if source.hasFormat(MIME) else source.text()
        self.insert_template(text)
        self.ensureCursorVisible()

    # -- conditional parts -----------------------------------------------------------------------------

    def regions(self) -> list[tuple[Chip, list[Chip], Chip]]:
        """The conditional parts shown now: opening chip, branch chips, end chip."""
        marks = [c for c in self.chips() if c.kind in REGION_KINDS]
        paired = ct.blocks([c.kind for c in marks]) or []
        return [(marks[a], [marks[b] for b in branches], marks[z]) for a, branches, z in paired]

    def toggle_at(self, pos: int) -> bool:
        """Hide the conditional part that opens at ``pos``, or show the hidden one there."""
        chip = next((c for c in self.chips() if c.pos == pos), None)
        if chip is None:
            return False
        if chip.kind == HIDDEN:
            cursor = QTextCursor(self.document())
            cursor.setPosition(pos)
            cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            self._insert(cursor, chip.raw)
            cursor.endEditBlock()
            return True
        region = next((r for r in self.regions() if r[0].pos == pos), None)
        if region is None:
            return False
        opening, _, end = region
        raw = self._stored_text(opening.pos, end.pos + 1)
        cursor = QTextCursor(self.document())
        cursor.setPosition(opening.pos)
        cursor.setPosition(end.pos + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(OBJECT, chip_format(HIDDEN, raw, opening.label))
        return True

    def set_all_hidden(self, hidden: bool) -> None:
        """Hide every conditional part (outermost first) or show every hidden one."""
        while True:
            if hidden:
                targets = [r[0].pos for r in self.regions()]
            else:
                targets = [c.pos for c in self.chips() if c.kind == HIDDEN]
            if not targets:
                return
            self.toggle_at(targets[0] if hidden else targets[-1])

    def _chip_at(self, point: QPoint) -> Chip | None:
        """The chip drawn under ``point`` (viewport coordinates), if any."""
        scrolled = QPointF(
            point.x() + self.horizontalScrollBar().value(), point.y() + self.verticalScrollBar().value()
        )
        pos = self.document().documentLayout().hitTest(scrolled, Qt.HitTestAccuracy.ExactHit)
        if pos < 0:
            return None
        chips = {c.pos: c for c in self.chips()}
        for candidate in (pos, pos - 1):
            chip = chips.get(candidate)
            if chip is None:
                continue
            left = self.cursorRect(self._cursor_at(chip.pos))
            right = self.cursorRect(self._cursor_at(chip.pos + 1))
            on_line = left.top() <= point.y() <= left.bottom()
            if on_line and left.left() <= point.x() <= (
                right.left() if right.top() == left.top() else 1 << 30
            ):
                return chip
        return None

    def _chip_at_cursor(self) -> Chip | None:
        """A region's chip just before or after the text cursor (for the keyboard's context menu)."""
        pos = self.textCursor().position()
        chips = {c.pos: c for c in self.chips()}
        for candidate in (pos, pos - 1):
            chip = chips.get(candidate)
            if chip is not None and chip.kind in (ct.IF, ct.ELIF, HIDDEN):
                return chip
        return None

    def _cursor_at(self, pos: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        return cursor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.text() == "{":
            cursor = self.textCursor()
            block_text, at = cursor.block().text(), cursor.positionInBlock()
            if block_text[max(0, at - 2) : at] == "{{":
                self.bracesTyped.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        chip = (
            self._chip_at(event.position().toPoint()) if event.button() == Qt.MouseButton.LeftButton else None
        )
        if chip is not None and chip.kind in (ct.IF, HIDDEN):
            self.toggle_at(chip.pos)
            self.chipClicked.emit(chip.pos)
            return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        menu = self.context_menu(event.pos(), keyboard=keyboard)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, point: QPoint, *, keyboard: bool = False) -> QMenu:
        """The standard menu, and for a region's label: fold or unfold it, change its condition."""
        menu = self.createStandardContextMenu(point)
        chip = self._chip_at_cursor() if keyboard else self._chip_at(point)
        if chip is None:
            return menu
        if chip.kind in (ct.IF, HIDDEN):
            menu.addSeparator()
            text = "Show this part" if chip.kind == HIDDEN else "Hide this part"
            menu.addAction(text).triggered.connect(lambda: self.toggle_at(chip.pos))
        options = ct.other_conditions(chip.raw, self.labels)
        if options:
            change = menu.addMenu("Change the condition")
            for label, raw in options:
                change.addAction(label).triggered.connect(
                    lambda _=False, raw=raw: self.change_condition(chip.pos, raw)
                )
        return menu

    def change_condition(self, pos: int, raw: str) -> None:
        """Put the condition tag ``raw`` in place of the one at ``pos`` (one undoable step)."""
        tok = ct.tag_token(raw, 0, self.labels)
        cursor = self._cursor_at(pos)
        cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(OBJECT, chip_format(tok.kind, tok.raw, tok.label))

    # -- marks: region tints and the problem underline -------------------------------------------------

    def mark_problem(self, found: ct.Problem | None) -> None:
        if found is None and self.problem_range is None:
            return
        self.problem_range = (found.start, found.end) if found else None
        self.problem_message = found.message if found else ""
        self.refresh_marks()

    def refresh_marks(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        regions = self.regions()
        for opening, _, end in regions:
            depth = sum(1 for o, _, e in regions if o.pos < opening.pos and e.pos > end.pos)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor_at(opening.pos)  # type: ignore[misc]
            sel.cursor.setPosition(end.pos + 1, QTextCursor.MoveMode.KeepAnchor)  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(_REGION_TINTS[min(depth, len(_REGION_TINTS) - 1)]))
            sel.format = fmt  # type: ignore[misc]
            selections.append(sel)
        if self.problem_range is not None:
            a, b = self.shown_range(*self.problem_range)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor_at(a)  # type: ignore[misc]
            sel.cursor.setPosition(
                max(b, a + 1) if a < len(self.document().toRawText()) else a, QTextCursor.MoveMode.KeepAnchor
            )  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#c62828"))
            fmt.setBackground(QColor("#fdecea"))
            fmt.setToolTip(self.problem_message)
            sel.format = fmt  # type: ignore[misc]
            selections.append(sel)
        self.setExtraSelections(selections)

    def problem_positions(self) -> tuple[int, int] | None:
        return self.shown_range(*self.problem_range) if self.problem_range else None

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and self.problem_range is not None:
            pos = self.cursorForPosition(event.pos()).position()
            a, b = self.problem_positions() or (0, 0)
            if a <= pos <= max(b, a + 1):
                QToolTip.showText(event.globalPos(), self.problem_message, self)
                return True
        return super().event(event)


def raw_text(doc: QTextDocument) -> str:
    """A document's text with every character kept (``toPlainText`` turns no-break spaces into spaces)."""
    return doc.toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


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
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#5a6b7d")
        self.note.hide()
        self.bar = bar = QHBoxLayout()  # under the text; an owner may add its own buttons at the end
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.insert_button)
        bar.addWidget(self.hide_button)
        bar.addWidget(self.advanced)
        bar.addStretch(1)
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
