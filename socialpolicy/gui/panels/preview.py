"""The document preview: the HTML exporter's output shown in a QTextBrowser.

The page is split into fragments (title and contents, each section heading, each clause),
each produced by the HTML exporter and held in its own text frame. When the document
changes, only fragments whose HTML changed are replaced, so typing in a 300-clause document
re-lays out one clause, not the whole page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QTextCursor, QTextFrame, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from socialpolicy.app.finding_places import find_in
from socialpolicy.document import Document
from socialpolicy.export.html import block_html, cover, section_html, stylesheet, toc
from socialpolicy.gui.highlight import marked

# Qt's rich text ignores margins on inline elements, so the number gets a real space.
_NUMBER = re.compile(r'(<span class="num">[^<]*)</span>')
# ... and draws the cover's background as an empty strip: the cover is a plain table here.
PREVIEW_CSS = (
    ".cover { background: transparent; border: none; margin: 0; padding: 0; }\n"
    ".review-box { background-color: #fff8e1; margin: 4px 0 12px 24px; padding: 6px; }\n"
    ".review-head { font-weight: bold; color: #8a5300; }\n"
    ".review-ins { color: #1a7f37; text-decoration: underline; }\n"
    ".review-del { color: #b3261e; text-decoration: line-through; }\n"
)


def _qt(fragment: str) -> str:
    return _NUMBER.sub(r"\1&nbsp;</span>", fragment)


def fragments(
    doc: Document,
    cache: dict[tuple[object, ...], str] | None = None,
    annotations: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """The page as (key, html) pieces, in reading order, all made by the HTML exporter.

    ``cache`` maps what a piece is made of to its HTML, so unchanged clauses cost a lookup.
    ``annotations`` (clause id -> HTML) are shown in a box under their clause: a legal review's changes.
    """
    notes = annotations or {}
    memo: dict[tuple[object, ...], str] = {} if cache is None else cache
    out = [("head", _qt(f"<h1>{html.escape(doc.title)}</h1>{cover(doc)}{toc(doc)}"))]
    for section in doc.sections:
        skey = (
            "sec",
            section.id,
            section.number,
            section.title,
            section.anchor,
            section.intro,
            section.definitions,
            doc.definitions if section.definitions else (),
        )
        piece = memo.get(skey)
        if piece is None:
            piece = memo[skey] = _qt(section_html(doc, replace(section, blocks=())))
        out.append((f"sec:{section.id}", piece))
        for block in section.blocks:
            note = notes.get(block.clause_id, "")
            bkey = ("cl", block.clause_id, block.anchor, block.number, block.title, block.html, note)
            piece = memo.get(bkey)
            if piece is None:
                box = (
                    f'<div class="review-box"><p class="review-head">Legal review</p>{note}</div>'
                    if note
                    else ""
                )
                piece = memo[bkey] = _qt(block_html(block) + box)
            out.append((f"cl:{block.clause_id}", piece))
    return out


class Preview(QTextBrowser):
    """Read-only rendered document; ``clauseClicked`` when the reader follows a clause link."""

    clauseClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAccessibleName("Document preview")
        self.setOpenLinks(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDefaultStyleSheet(stylesheet() + PREVIEW_CSS)
        self.document().setDocumentMargin(24)
        self._keys: list[str] = []
        self._html: list[str] = []
        self._frames: list[QTextFrame] = []
        self._cache: dict[tuple[object, ...], str] = {}
        self._annotations: dict[str, str] = {}
        self._doc: Document | None = None
        self.full_renders = 0  # how many times the whole page was rebuilt (for tests and the benchmark)
        self.partial_renders = 0
        self.anchorClicked.connect(self._follow)

    def clear_document(self) -> None:
        self._keys, self._html, self._frames = [], [], []
        self._doc = None
        self.clear()

    def show_document(self, doc: Document) -> int:
        """Show ``doc``; return how many fragments were (re)laid out."""
        if len(self._cache) > 4 * len(self._keys) + 1000:
            self._cache.clear()
        self._doc = doc
        pieces = fragments(doc, self._cache, self._annotations)
        keys = [k for k, _ in pieces]
        if keys != self._keys:
            self._rebuild(pieces)
            return len(pieces)
        changed = [i for i, (_, h) in enumerate(pieces) if h != self._html[i]]
        if not changed:
            return 0
        bar = self.verticalScrollBar()
        keep = bar.value()
        for i in changed:
            frame = self._frames[i]
            cursor = QTextCursor(self.document())
            cursor.setPosition(frame.firstPosition())
            cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertHtml(pieces[i][1])
            self._html[i] = pieces[i][1]
        bar.setValue(keep)
        self.partial_renders += 1
        return len(changed)

    def set_annotations(self, annotations: Mapping[str, str]) -> None:
        """Boxes under clauses (a legal review's changes), shown until replaced; re-lays out only those."""
        if dict(annotations) == self._annotations:
            return
        self._annotations = dict(annotations)
        if self._doc is not None:
            self.show_document(self._doc)

    def _rebuild(self, pieces: list[tuple[str, str]]) -> None:
        bar = self.verticalScrollBar()
        keep = bar.value()
        doc = self.document()
        doc.clear()
        fmt = QTextFrameFormat()
        fmt.setBorder(0)
        fmt.setMargin(0)
        fmt.setPadding(0)
        cursor = QTextCursor(doc)
        frames = []
        for _, fragment in pieces:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            frame = cursor.insertFrame(fmt)
            cursor.insertHtml(fragment)
            frames.append(frame)
        self._keys = [k for k, _ in pieces]
        self._html = [h for _, h in pieces]
        self._frames = frames
        self.full_renders += 1
        bar.setValue(keep)

    def fragment_html(self, key: str) -> str:
        return self._html[self._keys.index(key)] if key in self._keys else ""

    def scroll_to_clause(self, clause_id: str) -> None:
        key = f"cl:{clause_id}"
        if key not in self._keys:
            return
        frame = self._frames[self._keys.index(key)]
        cursor = QTextCursor(self.document())
        cursor.setPosition(frame.firstPosition())
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 12)

    def highlight(self, clause_id: str, excerpt: str) -> bool:
        """Mark ``excerpt`` in the clause's text (a finding's sentence) and scroll to it; say whether it was
        found. An empty ``excerpt`` clears the mark."""
        key = f"cl:{clause_id}"
        span = None
        if excerpt and key in self._keys:
            frame = self._frames[self._keys.index(key)]
            cursor = QTextCursor(self.document())
            cursor.setPosition(frame.firstPosition())
            cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
            span = find_in(cursor.selectedText(), excerpt)
            if span is not None:
                span = (span[0] + frame.firstPosition(), span[1] + frame.firstPosition())
        self.setExtraSelections(marked(self.textCursor(), *span) if span else [])
        if span is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        return True

    def marked_text(self) -> str:
        """The text under the finding mark ("" when there is none)."""
        marks = self.extraSelections()
        return marks[0].cursor.selectedText() if marks else ""

    def clause_at(self, position: int) -> str:
        """The clause whose text holds document ``position`` ("" outside any clause)."""
        for key, frame in zip(self._keys, self._frames, strict=True):
            if frame.firstPosition() <= position <= frame.lastPosition():
                return key[3:] if key.startswith("cl:") else ""
        return ""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and not self.anchorAt(point)
        ):
            clause = self.clause_at(self.cursorForPosition(point).position())
            if clause:
                self.clauseClicked.emit(clause)

    def _follow(self, url: object) -> None:
        fragment = url.fragment() if hasattr(url, "fragment") else ""
        if fragment.startswith("cl-"):
            for key in self._keys:
                if key.startswith("cl:") and fragment == "cl-" + key[3:].replace(".", "-"):
                    self.clauseClicked.emit(key[3:])
                    return
        if fragment:
            self.scrollToAnchor(fragment)
