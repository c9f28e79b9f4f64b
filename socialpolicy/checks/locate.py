"""Where a finding is: the exact words of the clause it quotes, as offsets into the clause's text
(``Block.text``) and, when they can be found there, into its Markdown (``Block.markdown``).

The rules read a normalised copy of the document (typography as ASCII, invisible characters dropped:
:func:`socialpolicy.checks.text.normalised`). Here each excerpt is found in the clause's normalised text,
widened to whole words, and mapped back to the author's own characters.
"""

from __future__ import annotations

import re
from dataclasses import replace

from socialpolicy.checks import Finding
from socialpolicy.checks.text import normalised
from socialpolicy.document import Block, Document


def placed(findings: list[Finding], read: Document, original: Document) -> list[Finding]:
    """``findings`` (made over ``read``) with spans and excerpts in the words of ``original``."""
    blocks = {b.clause_id: b for _, b in read.blocks()}
    originals = {b.clause_id: b for _, b in original.blocks()} if read is not original else blocks
    out = []
    for f in findings:
        block = blocks.get(f.clause or "")
        if block is None or (f.excerpt is None and f.span is None):
            out.append(f)
            continue
        span = f.span or find(block.text, f.excerpt or "")
        if span is None:
            out.append(f)
            continue
        first = originals[block.clause_id]
        start, end = (
            normalised(first.text).span(*whole_words(block.text, *span))
            if first is not block
            else (whole_words(block.text, *span))
        )
        quoted = first.text[start:end]
        out.append(replace(f, excerpt=quoted, span=(start, end), markdown_span=markdown_span(first, quoted)))
    return out


def find(text: str, excerpt: str) -> tuple[int, int] | None:
    """Where ``excerpt`` (as a rule quoted it: maybe shortened with an ellipsis, or a list item read with
    the lead-in that introduces it) is in ``text``."""
    core = excerpt[:-1].rstrip() if excerpt.endswith("…") else excerpt
    if not core:
        return None
    at = text.find(core)
    if at >= 0:
        return at, at + len(core)
    _, sep, item = core.rpartition(": ")
    if sep and item:
        at = text.find(item)
        if at >= 0:
            return at, at + len(item)
    spaced = re.escape(core).replace("\\ ", r"\s+")
    m = re.search(spaced, text)
    return m.span() if m else None


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved out to the edges of the words they cut, and in past white space."""
    while start > 0 and _word(text[start - 1]) and _word(text[start]):
        start -= 1
    while end < len(text) and end > 0 and _word(text[end - 1]) and _word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word(c: str) -> bool:
    return c.isalnum() or c in "'’-_"


_BETWEEN = r"(?:[\s*_`~>#|\\]|\[|\]\([^)\n]*\)|\]|<[^>\n]*>)+"


def markdown_span(block: Block, quoted: str) -> tuple[int, int] | None:
    """Where the words of ``quoted`` (from ``block.text``) are in ``block.markdown``, markup allowed
    between them; ``None`` when they cannot be found there."""
    md = block.markdown
    at = md.find(quoted)
    if at >= 0:
        return at, at + len(quoted)
    words = quoted.split()
    if not words or len(words) > 200:
        return None
    pattern = _BETWEEN.join(re.escape(w) for w in words)
    m = re.search(pattern, md)
    return m.span() if m else None
