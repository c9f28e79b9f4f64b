"""Language: plain words for staff, one spelling variant, one name for each party, clean characters."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from socialpolicy import spelling
from socialpolicy.checks import Context, Finding, rule
from socialpolicy.checks.text import TYPESET as _TYPESET
from socialpolicy.checks.text import excerpt, keyed, keywords, keywords_in, masked_blocks, plain_blocks, words
from socialpolicy.document import Document

HARD = 30.0  # Flesch reading ease below this reads like an academic paper
MIN_WORDS = 30

_WORD = keyed(r"[A-Za-z]+(?:['’][A-Za-z]+)?", 0)
_SENTENCE_END = keyed(r"[.!?:;]+(?:\s|$)|\n", 0)


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    import textstat

    return max(1, int(textstat.syllable_count(word)))


# Letters and apostrophes to "a", everything else to a space: the words of the estimate are the runs of "a".
_WORD_RUNS = str.maketrans(
    {
        c: "a" if (c.isascii() and c.isalpha()) or c in "'\u2019" else " "
        for c in [*map(chr, range(128)), *_TYPESET]
    }
)
# Vowels to "a", everything else to a space: the vowel groups of a text are the runs of "a".
_VOWEL_GROUPS = str.maketrans(
    {c: "a" if c in "aeiouyAEIOUY" else " " for c in [*map(chr, range(128)), *_TYPESET]}
)
# (Each branch starts with its own mark rather than a class of marks: the regex engine then finds the
# marks with a quick scan, about three times faster.)
_STARTS_WITH_LETTER = re.compile(
    r"(?:\.[.!?:;]*(?:\s|$)|![.!?:;]*(?:\s|$)|\?[.!?:;]*(?:\s|$)|:[.!?:;]*(?:\s|$)|"
    r";[.!?:;]*(?:\s|$)|\n)[ \t\"'“‘(*#0-9-]*[A-Za-z]"
)
_FIRST_LETTER = re.compile(r"[ \t\"'“‘(*#0-9-]*[A-Za-z]")


def _runs(text: str, table: dict[int, str]) -> int:
    """How many runs of "a" ``text`` has once translated with ``table`` (counted, not split out, when
    every character is in the table)."""
    mapped = text.translate(table)
    if not text.isascii():
        return len(mapped.split())  # characters outside the table stay inside words, as they were
    return mapped.count(" a") + mapped.startswith("a")


@lru_cache(maxsize=8192)
def reading_ease(text: str) -> tuple[float, int]:
    """Flesch reading ease of ``text`` and its word count (syllables counted by textstat, per word)."""
    return _flesch(text, _syllables)


def _flesch(text: str, syllables_of: object) -> tuple[float, int]:
    assert callable(syllables_of)
    words = _WORD.findall(text)
    if not words:
        return 100.0, 0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    syllables = sum(syllables_of(w.lower()) for w in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words)), len(words)


@lru_cache(maxsize=8192)
def clearly_readable(text: str) -> bool:
    """A quick estimate (vowel groups for syllables) that is safely above the threshold: no need for textstat.
    Vowel groups overcount syllables, so the estimate errs towards 'hard': over the 657 clauses of the
    fixtures it is 9 points below textstat on average and never more than 3 points above it."""
    count = _runs(text, _WORD_RUNS)
    if not count:
        return True
    # Sentences: those whose first letter comes before any other character than spaces, quotes, bullets
    # and digits. At most the true count, which keeps the estimate on the hard side.
    sentences = max(1, len(_STARTS_WITH_LETTER.findall(text)) + bool(_FIRST_LETTER.match(text)))
    syllables = max(count, _runs(text, _VOWEL_GROUPS))
    score = 206.835 - 1.015 * (count / sentences) - 84.6 * (syllables / count)
    return score >= HARD + 6


@rule("language.readability")
def readability(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block, text in plain_blocks(doc, ctx.cache):
        if clearly_readable(text):
            continue
        score, words = reading_ease(text)
        if words >= MIN_WORDS and score < HARD:
            yield ctx.finding(
                "language.readability",
                f"Clause '{block.title}' is hard to read (reading ease {score:.0f}; aim for 50 or more).",
                section,
                block,
                excerpt=excerpt(block.text, 100),
            )


_NAMES_OF_BODIES = keyed(rf"\b(?:{spelling.PROPER_NAMES})\b|https?://\S+|\S+@\S+", 0)


# Words the spelling lists treat as one variant's although both spell them so.
_BOTH = frozenset(
    {
        "install",
        "installs",
        "installed",
        "installing",
        "judgment",
        "judgments",
        "judgement",
        "judgements",
        "ageing",
        "aging",
        "inquiry",
        "inquiries",
        "enquiry",
        "enquiries",
        "dialog",
        "dialogue",
        "disk",
        "practice",
        "practices",
    }
)


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_STARTS_SENTENCE = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“(]\s*)\Z")


@lru_cache(maxsize=16384)
def foreign(text: str, variant: str) -> tuple[str, ...]:
    """Words of ``text`` spelled in the other variant (words both variants use are left out)."""
    table = spelling.us_to_uk() if variant == "uk" else spelling.uk_to_us()
    low = text.lower()
    if not _spelled_otherwise(low, variant):
        return ()  # not even inside a longer word: most texts
    candidates = {w for w in words(text) if w in table and w not in _BOTH}
    if not candidates:
        return ()
    found = []
    for start, end in sorted(
        _places(low, candidates) if len(low) == len(text) else _places_by_pattern(text, candidates)
    ):
        word = text[start:end]
        # Look only just before the word: searching from the start made this quadratic in long texts.
        if word[0].isupper() and not _STARTS_SENTENCE.search(text, max(0, start - 40), start):
            continue  # part of a name, such as "Example Organisation Ltd" or "Labour Party"
        found.append(word)
    return tuple(found)


def _places(low: str, candidates: set[str]) -> list[tuple[int, int]]:
    """Where each of ``candidates`` stands in ``low`` as a whole word (not next to another ASCII letter)."""
    places = []
    for w in candidates:
        start = low.find(w)
        while start >= 0:
            end = start + len(w)
            if (start == 0 or low[start - 1] not in _ASCII_LETTERS) and (
                end == len(low) or low[end] not in _ASCII_LETTERS
            ):
                places.append((start, end))
            start = low.find(w, start + 1)
    return places


def _places_by_pattern(text: str, candidates: set[str]) -> list[tuple[int, int]]:
    """:func:`_places` for a text whose lower case has another length (a pattern does the case folding)."""
    words = "|".join(sorted(map(re.escape, candidates), key=len, reverse=True))
    return [m.span() for m in re.finditer(rf"(?<![A-Za-z])(?:{words})(?![A-Za-z])", text, re.IGNORECASE)]


def _spelled_otherwise(low: str, variant: str) -> bool:
    """Whether lower-case ``low`` holds a word of the other spelling anywhere, even inside a longer word."""
    return next(_other_spellings(variant).iter(low), None) is not None


_SPELLING_FINDERS: dict[str, Any] = {}  # built once, like a compiled pattern


def _other_spellings(variant: str) -> Any:
    """An automaton of the words spelled the other way from ``variant``, to rule out most texts in one pass."""
    automaton = _SPELLING_FINDERS.get(variant)
    if automaton is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in spelling.us_to_uk() if variant == "uk" else spelling.uk_to_us():
            automaton.add_word(word, word)
        automaton.make_automaton()
        _SPELLING_FINDERS[variant] = automaton
    return automaton


@lru_cache(maxsize=16384)
def _foreign_outside_names(text: str, variant: str) -> tuple[str, ...]:
    """:func:`foreign` on ``text`` with the names of bodies and addresses taken out (taking them out
    is left until a word of the other spelling is in the text at all)."""
    if not _spelled_otherwise(text.lower(), variant):
        return ()
    return foreign(_without_names(text), variant)


@lru_cache(maxsize=16384)
def _without_names(text: str) -> str:
    # (A chain of tests rather than any() over a generator: this runs for most clauses.)
    if (
        "Labo" in text
        or "Cent" in text
        or "Defen" in text
        or "Organization" in text
        or "Harbor" in text
        or "http" in text
        or "@" in text
        or "Commission" in text
    ):
        return _NAMES_OF_BODIES.sub(" ", text)
    return text


def detect_variant(text: str) -> str:
    """``us`` or ``uk``: the variant most words are spelled in (``us`` when nothing tells)."""
    uk = len(foreign(text, "us"))
    us = len(foreign(text, "uk"))
    return "uk" if uk > us else "us"


@rule("language.mixed-spelling")
def mixed_spelling(doc: Document, ctx: Context) -> Iterator[Finding]:
    texts = masked_blocks(doc, ctx.cache)
    variant = (
        doc.spelling
        if doc.spelling in ("us", "uk")
        else detect_variant("\n".join(_without_names(t) for t in dict.fromkeys(t for _, _, t in texts)))
    )
    for section, block, text in texts:
        words = _foreign_outside_names(text, variant)
        if words:
            shown = ", ".join(dict.fromkeys(w.lower() for w in words))
            yield ctx.finding(
                "language.mixed-spelling",
                f"'{block.title}' uses {'UK' if variant == 'us' else 'US'} spelling in a "
                f"{variant.upper()} document: {shown}.",
                section,
                block,
                excerpt=excerpt(shown, 120),
            )


# The names a policy gives the people it covers, and the word sequences that count for each.
_PARTY_WORDS = {
    "staff": ("staff",),
    "employees": ("employee", "employees"),
    "team members": ("team member", "team members"),
    "associates": ("associates",),
    "personnel": ("personnel",),
    "workers": ("worker", "workers"),
    "colleagues (as the party)": ("all colleagues", "our colleagues"),
}
_PARTY_NEEDLES = tuple((name, tuple(f" {w} " for w in forms)) for name, forms in _PARTY_WORDS.items())
_PARTY_KEYWORDS = keywords(w for forms in _PARTY_WORDS.values() for w in forms)
_PARTY_MIN = 2


@lru_cache(maxsize=16384)
def party_counts(text: str) -> tuple[tuple[str, int], ...]:
    """How often ``text`` names the people a policy covers, by name ("members of staff" counts as "staff")."""
    if _PARTY_KEYWORDS.isdisjoint(keywords_in(text)):
        return ()
    joined = f" {' '.join(words(text))} "
    counts = ((name, sum(map(joined.count, needles))) for name, needles in _PARTY_NEEDLES)
    return tuple((name, n) for name, n in counts if n)


@rule("language.party-naming")
def party_naming(doc: Document, ctx: Context) -> Iterator[Finding]:
    counts: Counter[str] = Counter()
    for _, _, text in plain_blocks(doc, ctx.cache):
        for name, n in party_counts(text):
            counts[name] += n
    used = [(n, c) for n, c in counts.most_common() if c >= _PARTY_MIN]
    if len(used) >= 3:
        listing = ", ".join(f"'{n}' ({c} times)" for n, c in used)
        yield ctx.finding("language.party-naming", f"The people the policy covers are called {listing}.")


_STRAY = keyed(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e"
    r"\u2060\ufeff\ufffd]|&(?:nbsp|amp|quot|lt|gt|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip|#\d+|"
    r"#x[0-9a-f]+);|\\u[0-9a-f]{4}|</?(?:span|div|br|p|font)\b[^>]*>"
)
_MOJIBAKE_HINT = keyed(r"[ÃÂâÅÐÑ€™œ]", 0)
# The tail that Windows-1252 leaves of a curly quote, dash or ellipsis decoded twice ("â€™" for "’"), even
# when the first character was later turned back into a quote ("’€™"): ftfy's test does not see that form.
_MOJIBAKE_TAIL = re.compile("\u20ac[\u2122\u0153\u009d\u201c\u201d\u00a6\u02dc\u00a2]")
# The single characters either pattern looks for, and the ASCII marks that start the rest (entities,
# escapes, tags): a text with none of them needs neither pattern.
_SUSPECT_CHARS = frozenset(
    [
        *map(
            chr,
            [
                *range(0x09),
                0x0B,
                0x0C,
                *range(0x0E, 0x20),
                *range(0x7F, 0xA0),
                *range(0x200B, 0x2010),
                0x2028,
                0x2029,
                *range(0x202A, 0x202F),
                0x2060,
                0xFEFF,
                0xFFFD,
            ],
        ),
        *"ÃÂâÅÐÑ€™œ&\\<",
    ]
)


@lru_cache(maxsize=16384)
def bad_characters(text: str) -> tuple[str, ...]:
    """Stray characters and mojibake in ``text``, as short descriptions."""
    if _SUSPECT_CHARS.isdisjoint(text):
        return ()  # most texts
    import ftfy

    found = [
        f"U+{ord(m.group(0)):04X}" if len(m.group(0)) == 1 else m.group(0) for m in _STRAY.finditer(text)
    ]
    if _MOJIBAKE_TAIL.search(text):
        found += [w for w in text.split() if _MOJIBAKE_TAIL.search(w)][:5]
    elif _MOJIBAKE_HINT.search(text):
        from ftfy.badness import is_bad

        if is_bad(text):
            fixed = ftfy.fix_encoding(text).split()
            words = text.split()
            bad = (
                [w for w, f in zip(words, fixed, strict=False) if w != f] if len(fixed) == len(words) else []
            )
            found += (bad or [w for w in words if _MOJIBAKE_HINT.search(w)] or ["mis-decoded text"])[:5]
    return tuple(dict.fromkeys(found))


@rule("language.stray-characters")
def stray_characters(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        found = tuple(dict.fromkeys(bad_characters(block.title) + bad_characters(block.markdown)))
        if found:
            yield ctx.finding(
                "language.stray-characters",
                f"'{block.title}' has stray or mis-decoded characters: {', '.join(found[:6])}.",
                section,
                block,
                excerpt=excerpt(", ".join(found), 100),
            )
