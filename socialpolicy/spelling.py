"""UK and US spelling: clauses are written in UK English and converted word by word.

The word lists come from ``breame``; a few legal-drafting words are corrected here because a
word-for-word swap gets them wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

# Words the lists convert that must stay as they are in both variants, or convert differently.
_KEEP = {
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "enquire": "inquire",
    "authorisation": "authorization",
    "authorisations": "authorizations",
    "anonymise": "anonymize",
    "anonymised": "anonymized",
    "anonymising": "anonymizing",
    "pseudonymise": "pseudonymize",
    "pseudonymised": "pseudonymized",
}
_NEVER = {
    "program",
    "programs",
    "disc",
    "discs",
    "check",
    "checks",
    "tire",
    "tires",
    "story",
    "stories",
    "meter",
    "meters",
    "draft",
    "drafts",
    "license",
    "connection",
    "connections",
}

# Names of bodies, laws and places keep their own spelling in both variants (shared with the checker).
PROPER_NAMES = (
    r"National Labor Relations (?:Act|Board)|Department of Labor|Labor Code|Labour Party|"
    r"Labour Relations Agency|Ministry of Defen[cs]e|Cent(?:er|re) for [A-Z]\w+|[A-Z]\w+ (?:Center|Centre)|"
    r"Federal Trade Commission|Pearl Harbor|World Health Organization"
)
_NAMES = re.compile(rf"\b(?:{PROPER_NAMES})\b")
_URL = re.compile(r"https?://\S+")
_RUN = re.compile(r"\S+")
# Pieces of text kept as written, as (opening, closing) pairs: template tags, inline code, link targets.
_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"), ("`", "`"), ("](", ")"))
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@cache
def uk_to_us() -> dict[str, str]:
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS  # (a UK document never needs it)

    table = {uk: us for uk, us in BRITISH_ENGLISH_SPELLINGS.items() if uk not in _NEVER and uk != us}
    table.update(_KEEP)
    return table


@cache
def us_to_uk() -> dict[str, str]:
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

    table = {us: uk for us, uk in AMERICAN_ENGLISH_SPELLINGS.items() if us not in _NEVER and us != uk}
    for us in _KEEP.values():
        table.pop(us, None)
    return table


def _match_case(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _converter(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    """Respell one word of ``_WORD`` (``_WORD.sub`` over every word: what :func:`_respelled` is held to)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = table.get(word.lower())
        return _match_case(word, new) if new else word

    return swap


def protected_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``text`` kept as written, in order: names of bodies and laws, template tags
    (``{{ }}``, ``{% %}``, ``{# #}``), inline code, link targets, web addresses and email addresses.

    The same spans as splitting on ``names|{{.*?}}|{%.*?%}|{#.*?#}|`[^`]*`|]\\([^)]*\\)|https?://\\S+|
    \\S+@\\S+``: the earliest piece wins, and of pieces starting at one place the first kind in that list.
    That expression took minutes on 100 KB of one word, or of unclosed "{{", since it tried every
    position again; here each kind remembers where its next candidate is, so the text is read a bounded
    number of times whatever it holds.
    """
    n = len(text)
    pos = 0
    names: re.Match[str] | None = _NAMES.search(text)
    url: re.Match[str] | None = _URL.search(text)
    pairs: list[tuple[int, int] | None] = []  # the next (opening, closing) of each kind, or None: no more
    for opening, closing in _PAIRS:
        start = text.find(opening)
        end = text.find(closing, start + len(opening)) if start != -1 else -1
        pairs.append((start, end) if end != -1 else None)
    emails = "@" in text  # (without one, no word is an email address: the words need not be read)
    runs = _RUN.finditer(text)
    run: tuple[int, int, int] | None = None  # a word: its start, its end, its last "@" before the end
    while pos < n:
        candidates: list[tuple[int, int, int]] = []  # start, rank, end
        if names is not None and names.start() < pos:
            names = _NAMES.search(text, pos)
        if names is not None:
            candidates.append((names.start(), 0, names.end()))
        for k, (opening, closing) in enumerate(_PAIRS):
            found = pairs[k]
            if found is not None and found[0] < pos:
                start = text.find(opening, pos)
                # The first closing after an earlier opening is also the first after a later one, as
                # long as it lies beyond the later opening; and with no closing after an opening,
                # there is none after any later one.
                end = (
                    found[1] if found[1] >= start + len(opening) else text.find(closing, start + len(opening))
                )
                found = pairs[k] = (start, end) if start != -1 and end != -1 else None
            if found is not None:
                candidates.append((found[0], 1 + k, found[1] + len(closing)))
        if url is not None and url.start() < pos:
            url = _URL.search(text, pos)
        if url is not None:
            candidates.append((url.start(), 1 + len(_PAIRS), url.end()))
        while emails:  # the first word at or after pos with an "@" that has text on both sides
            if run is None or run[1] <= pos:
                m = next(runs, None)
                if m is None:
                    run = None
                    break
                run = (m.start(), m.end(), text.rfind("@", m.start(), m.end() - 1))
                continue
            if run[2] > max(run[0], pos):
                candidates.append((max(run[0], pos), 2 + len(_PAIRS), run[1]))
                break
            run = (run[0], pos, -1)  # nothing more in this word: move on to the next one
        if not candidates:
            return
        start, _, end = min(candidates)
        yield start, end
        pos = end


def convert(text: str, variant: str) -> str:
    """Spell ``text`` in ``variant`` (``us`` or ``uk``). Link targets and code are left alone."""
    if variant not in ("us", "uk"):
        return text
    table = uk_to_us() if variant == "us" else us_to_uk()
    if "://" not in text and table.keys().isdisjoint(_WORD.findall(text.lower())):
        # No word to respell (most clauses): the protected pieces need not be found. Pieces start and end
        # at a non-letter, so they split no word, except a web address run into a word before it (hence
        # the "://" test).
        return text
    # Keep names of bodies and laws, template tags, URLs, inline code and link targets untouched.
    out: list[str] = []
    last = 0
    for start, end in protected_spans(text):
        out.append(_respelled(text[last:start], table))
        out.append(text[start:end])
        last = end
    out.append(_respelled(text[last:], table))
    return "".join(out)


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _respelled(piece: str, table: dict[str, str]) -> str:
    """``_WORD.sub`` of ``piece`` with each word in ``table`` respelled, finding only those words.

    A word of ``_WORD`` is a run of letters, with one more run after an apostrophe ("don't"); the table's
    words are letters only, so a word respelled is a whole run of letters that ``_WORD`` reads alone: not
    followed by an apostrophe and a letter, and not the second half of the word before it (in runs joined
    by single apostrophes, "a'b'c", ``_WORD`` reads pairs from the first: "a'b", then "c")."""
    hits = table.keys() & set(map(str.lower, _WORD.findall(piece)))
    if not hits:
        return piece
    low = piece.translate(_ASCII_LOWER)  # (as long as the piece: str.lower is not, for some letters)
    n = len(piece)
    found: list[tuple[int, int]] = []
    for word in hits:
        at = low.find(word)
        while at != -1:
            end = at + len(word)
            if (
                (at == 0 or piece[at - 1] not in _LETTERS)
                and (end == n or piece[end] not in _LETTERS)
                and not (end + 1 < n and piece[end] == "'" and piece[end + 1] in _LETTERS)
                and _starts_word(piece, at)
            ):
                found.append((at, end))
            at = low.find(word, end)
    out: list[str] = []
    last = 0
    for start, end in sorted(found):
        new = table[low[start:end]]
        if new:
            out.append(piece[last:start])
            out.append(_match_case(piece[start:end], new))
            last = end
    out.append(piece[last:])
    return "".join(out)


def _starts_word(piece: str, at: int) -> bool:
    """Whether the run of letters at ``at`` begins a word of ``_WORD``: an even number of runs joined to it by
    single apostrophes come before it."""
    joined = 0
    while at >= 2 and piece[at - 1] == "'" and piece[at - 2] in _LETTERS:
        at -= 2
        while at > 0 and piece[at - 1] in _LETTERS:
            at -= 1
        joined += 1
    return joined % 2 == 0
