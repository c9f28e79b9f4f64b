"""Colouring clause text as it is typed: ``{{ variables }}``, ``{% tags %}``, ``{# comments #}``, and in
the document editor Markdown headings and bold too. One highlighter, two sets of rules. And the mark over
a finding's sentence (:func:`marked`), the same in the editor and the preview."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

Rule = tuple[str, str, bool, bool]  # pattern, colour, bold, shaded
TEMPLATE_RULES: tuple[Rule, ...] = (
    (r"\{\{.*?(\}\}|$)", "#0b5cad", True, True),
    (r"\{%.*?(%\}|$)", "#8a3ffc", True, True),
    (r"\{#.*?(#\}|$)", "#6e7781", False, True),
)
MARKDOWN_RULES: tuple[Rule, ...] = (
    (r"^#{1,6} .*$", "#14304d", True, False),
    (r"\*\*[^*]+\*\*", "#1d1d1f", True, False),
)


class TextHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, rules: tuple[Rule, ...] = TEMPLATE_RULES) -> None:
        super().__init__(document)
        self._formats: list[tuple[re.Pattern[str], QTextCharFormat]] = []
        for pattern, colour, bold, shaded in rules:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if shaded:
                fmt.setBackground(QColor("#eef4fb"))
            self._formats.append((re.compile(pattern), fmt))

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self._formats:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)


HIGHLIGHT = QColor("#ffe58f")  # a finding's sentence, in the editor and the preview


def marked(cursor: QTextCursor, start: int, end: int) -> list[QTextEdit.ExtraSelection]:
    """An extra selection over ``start:end`` of ``cursor``'s document (none when the range is empty)."""
    size = cursor.document().characterCount() - 1
    start, end = max(0, min(start, size)), max(0, min(end, size))
    if end <= start:
        return []
    mark = QTextEdit.ExtraSelection()
    mark.cursor = QTextCursor(cursor.document())
    mark.cursor.setPosition(start)
    mark.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    mark.format.setBackground(HIGHLIGHT)
    return [mark]
