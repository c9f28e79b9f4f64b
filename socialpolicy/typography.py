"""Typographic quotes and apostrophes in clause Markdown, as Word writes them.

Rendering calls :func:`smarten` once on every filled-in text, so the Markdown, HTML and Word exports,
the preview and the checker all see the same characters. Python-Markdown's ``smarty`` extension does
the same job but only on the HTML it builds; the Markdown export needs the converted Markdown itself, so
this works on the source and leaves alone what Markdown treats as code or as an address: code spans,
fenced code, link destinations and autolinks. Text that already has curly quotes is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Opening and closing double and single quotes, and the apostrophe, by language.
QUOTES = {
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
APOSTROPHE = "\u2019"

# What Markdown does not treat as prose: fenced code blocks, code spans, link destinations "](...)"
# and autolinks "<https://...>".
_VERBATIM = re.compile(
    r"(?ms)^[ \t]*(?P<fence>```|~~~).*?(?:^[ \t]*(?P=fence)[ \t]*$|\Z)"
    r"|(?P<ticks>`+).+?(?P=ticks)"
    r"|\]\([^)\]\n]*\)"  # no "]" inside, so "](" repeated is read once, not once per "]("
    r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*>"
)
_OPENING_CONTEXT = set(" \t\n\r([{<\u2014\u2013-/\u00a0*_~")  # emphasis marks open too: **"Term"**


def _quotes_for(locale: str) -> tuple[str, str, str, str]:
    return QUOTES.get(locale.split("-")[0].lower(), QUOTES["en"])


_QUOTE = re.compile("['\"]")


def _prose(text: str, locale: str) -> str:
    if "'" not in text and '"' not in text:
        return text
    ldq, rdq, lsq, rsq = _quotes_for(locale)
    n = len(text)

    def curl(m: re.Match[str]) -> str:
        i = m.start()
        ch = m.group(0)
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < n else ""
        if before == "\\":  # an escaped quote is meant literally
            return ch
        opening = (
            (not before or before in _OPENING_CONTEXT or before in (ldq, lsq))
            and bool(after)
            and not after.isspace()
        )
        if ch == '"':
            return ldq if opening else rdq
        if before.isalnum():
            return APOSTROPHE  # don't, organisation's, employees', and a closing quote after a word
        if after.isdigit():
            return APOSTROPHE  # '90s
        return lsq if opening else rsq

    return _QUOTE.sub(curl, text)


@lru_cache(maxsize=16384)
def smarten(text: str, locale: str = "en") -> str:
    """``text`` (Markdown) with straight quotes and apostrophes made typographic, outside code and
    addresses. Idempotent: curly quotes already there are kept."""
    if "'" not in text and '"' not in text:
        return text
    parts: list[str] = []
    pos = 0
    for m in _VERBATIM.finditer(text):
        parts.append(_prose(text[pos : m.start()], locale))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_prose(text[pos:], locale))
    return "".join(parts)


def plain_quotes(text: str) -> str:
    """Curly quotes and apostrophes folded back to straight ones, character for character (offsets
    stay the same), for comparing a text with what a user typed."""
    return text.translate(_FOLD)


_FOLD = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u201e": '"', "\u201a": "'"}
)
