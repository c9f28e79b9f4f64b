"""Where a finding is: the exact words of the clause it quotes, as offsets into the clause's text
(``Block.text``) and, when they can be found there, into its Markdown (``Block.markdown``).

The rules read a normalised copy of the document (typography as ASCII, invisible characters dropped:
:func:`socialpolicy.checks.text.normalised`). Here each excerpt is found in the clause's normalised text,
widened to whole words, and mapped back to the author's own characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from socialpolicy.checks.text import normalised


@lru_cache(maxsize=65536)
def place(
    read: str, text: str, markdown: str, excerpt: str, span: tuple[int, int] | None = None
) -> tuple[str, tuple[int, int], tuple[int, int] | None] | None:
    """The author's words, their span in ``text`` and their span in ``markdown``, for an ``excerpt`` (or a
    ``span``) of ``read``, the normalised form of ``text``; ``None`` when the excerpt is not in the text."""
    span = span or find(read, excerpt)
    if span is None:
        return None
    start, end = whole_words(read, *span)
    if read is not text and read != text:
        start, end = normalised(text).span(start, end)
    quoted = text[start:end]
    return quoted, (start, end), markdown_span(markdown, quoted)


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


def markdown_span(md: str, quoted: str) -> tuple[int, int] | None:
    """Where the words of ``quoted`` (from a clause's text) are in its Markdown ``md``, markup allowed
    between them; ``None`` when they cannot be found there."""
    at = md.find(quoted)
    if at >= 0:
        return at, at + len(quoted)
    words = quoted.split()
    if not words or len(words) > 200:
        return None
    pattern = _BETWEEN.join(re.escape(w) for w in words)
    m = re.search(pattern, md)
    return m.span() if m else None
