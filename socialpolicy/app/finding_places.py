"""Where a finding is, in the words the author sees, and what it says, in parts a drafter can act on.

A finding points into the rendered Document (``span`` into ``Block.text``, ``markdown_span`` into
``Block.markdown``), but the clause editor shows the author's own text, with its variables
(``{{ org_short }}``) and conditions still in it, and the preview shows the laid-out page. This module
turns a finding into offsets in each of them. No Qt here: the panels only apply the offsets.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from socialpolicy.checks import Finding
from socialpolicy.document import Document
from socialpolicy.edits import AuthorText

# Characters Word and the renderer swap for each other: one class each, so either form matches.
_LIKE = {
    "'": "['‘’`´]",
    "‘": "['‘’`´]",
    "’": "['‘’`´]",
    '"': '["“”„]',
    "“": '["“”„]',
    "”": '["“”„]',
    "-": "[-‐‑‒–—]",
    "–": "[-‐‑‒–—]",
    "—": "[-‐‑‒–—]",
}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Place:
    """Where to show a finding: its clause, the sentence as rendered, and where that sentence is in the
    author's text (``editor_span``, ``None`` when it cannot be told, e.g. a sentence made by a variable)."""

    clause: str
    excerpt: str
    editor_span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Parts:
    """A finding in the parts the panel shows, each plain text ("" when the finding has none)."""

    headline: str
    sentence: str
    reason: str
    suggestion: str
    fix: str
    citation: str
    where: str


def parts(finding: Finding) -> Parts:
    sentence = " ".join((finding.excerpt or "").split())
    return Parts(
        headline=finding.message,
        sentence=sentence,
        reason=finding.reason or "",
        suggestion=finding.suggestion or "",
        fix=finding.fix.label if finding.fix is not None else "",
        citation=finding.citation or "",
        where=finding.section or "",
    )


def pattern(excerpt: str) -> re.Pattern[str] | None:
    """A pattern that finds ``excerpt`` in laid-out text: any run of white space (line and paragraph breaks
    included) stands for any other, and straight or curly quotes and hyphens or dashes for each other."""
    words = excerpt.split()
    if not words:
        return None
    return re.compile(r"\s+".join("".join(_LIKE.get(ch, re.escape(ch)) for ch in w) for w in words))


def find_in(text: str, excerpt: str) -> tuple[int, int] | None:
    """Where ``excerpt`` is in ``text`` (a panel's plain text), ignoring how white space and quotes differ."""
    pat = pattern(excerpt)
    m = pat.search(text) if pat is not None else None
    return m.span() if m else None


def map_span(rendered: str, source: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The part of ``source`` (the author's text) that became ``rendered[span[0]:span[1]]``.

    The two texts are aligned word by word; a position inside a filled-in variable maps to the whole
    variable, so a highlight never cuts ``{{ org_short }}`` in half."""
    start, end = span
    if not 0 <= start < end <= len(rendered):
        return None
    if rendered == source:
        return span
    piece = rendered[start:end]
    at = source.find(piece)
    if at >= 0 and source.find(piece, at + 1) < 0:  # the sentence has no variable in it: found as it is
        return at, at + len(piece)
    ops = difflib.SequenceMatcher(None, rendered, source, autojunk=False).get_opcodes()
    s = e = None
    for tag, i1, i2, j1, j2 in ops:
        if s is None and i1 <= start < i2:
            s = j1 + (start - i1) if tag == "equal" else j1
        if e is None and i1 < end <= i2:
            e = j1 + (end - i1) if tag == "equal" else j2
    if s is None or e is None or e <= s:
        return None
    for m in _TAG.finditer(source):  # never cut a variable or a condition in half
        if m.start() < s < m.end():
            s = m.start()
        if m.start() < e < m.end():
            e = m.end()
    return s, e


def place(finding: Finding, document: Document, text: AuthorText | None) -> Place | None:
    """Where ``finding`` is shown: ``None`` for a finding about the whole document or an excluded clause."""
    if not finding.clause:
        return None
    block = document.block(finding.clause)
    if block is None:
        return None
    excerpt = finding.excerpt or ""
    editor_span = None
    if text is not None:
        if finding.markdown_span is not None:
            editor_span = map_span(block.markdown, text.body, finding.markdown_span)
        if editor_span is None and excerpt:
            editor_span = find_in(text.body, excerpt)
    return Place(finding.clause, excerpt, editor_span)
