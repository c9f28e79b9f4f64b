"""The writer's view of clause text (:class:`WriterEdit`): chips for tags, tinted regions for the
conditional parts, folding, copy and paste of the stored text, and the marks (a problem, a finding)."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QTextEdit,
    QToolTip,
    QWidget,
)

from socialpolicy.app import clause_text as ct
from socialpolicy.gui.chips import (
    CHIP,
    HIDDEN,
    KIND,
    LABEL,
    MIME,
    OBJECT,
    RAW,
    REGION_KINDS,
    REGION_TINTS,
    Chip,
    ChipPainter,
    chip_format,
)
from socialpolicy.gui.highlight import marked


def _clipboard_changed() -> None:
    """What a copy or cut from the writer's view puts on the clipboard is a QMimeData made in Python; at
    the program's exit Python and the clipboard would each delete it (a crash on quitting). Put the same
    text back as Qt's own data at once: paste reads the text, tags included."""
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(MIME):
        clipboard.setText(data.text())


def _keep_clipboard_in_qt() -> None:
    app = QApplication.instance()
    if app is not None and not app.property("socialpolicy-clipboard"):
        app.setProperty("socialpolicy-clipboard", True)
        QApplication.clipboard().dataChanged.connect(_clipboard_changed)


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
        self.found_range: tuple[int, int] | None = None  # a finding's sentence, in stored-text offsets
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
        _keep_clipboard_in_qt()

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
        self.found_range = None  # the mark of a finding goes with the text it was on
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
            fmt.setBackground(QColor(REGION_TINTS[min(depth, len(REGION_TINTS) - 1)]))
            sel.format = fmt  # type: ignore[misc]
            selections.append(sel)
        if self.found_range is not None:
            selections += marked(self.textCursor(), *self.shown_range(*self.found_range))
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

    def show_found(self, start: int, end: int) -> None:
        """Mark stored-text offsets ``start:end`` (a finding's sentence) and centre them in view."""
        self.found_range = (start, end) if end > start else None
        self.refresh_marks()
        if self.found_range is None:
            return
        a, _ = self.shown_range(start, end)
        cursor = self.textCursor()
        cursor.setPosition(a)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect().center().y() - self.viewport().height() // 2)

    def stored_text(self, start: int, end: int) -> str:
        """The stored text of shown positions ``start:end`` (a mark's text, as the author wrote it)."""
        return self._stored_text(start, end)

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
