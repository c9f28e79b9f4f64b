"""Text analysis shared by the rules: rule units, keywords, prohibitions and duties, masked answers.

A *unit* is one sentence as a reader meets it. A list item that follows a lead-in ending in a
colon ("Don't post or send:") is read together with its lead-in, so that the prohibition in the
lead-in reaches every item of the list. Everything here is pure and cached by text.

Speed comes from not running regexes: every pattern made with :func:`keyed` runs only on text that
holds one of the words its matches need (read off the pattern itself), and every detector only on
sentences holding its trigger words. Those words are found for a whole clause in one Aho-Corasick
pass (:func:`analysed`), shared out among its sentences. Figures: ``docs/BENCHMARKS.md``, "The checker".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from socialpolicy.document import Block, Document, Section

# The end of a sentence: its mark (kept with the sentence), a closing quote (dropped) and white space
# before a capital. The mark comes first so that the regex engine can scan for it quickly.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“‘(#*])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@lru_cache(maxsize=16384)
def units(text: str) -> tuple[str, ...]:
    """Sentences of ``text``; list items keep the lead-in that introduces them."""
    return tuple(u for u, _ in analysed(text))


def plain(text: str) -> str:
    """Markdown links reduced to their text."""
    return _LINK.sub(r"\1", text) if "](" in text else text


# --------------------------------------------------------------------------- typography

# Word and web typography, read as the ASCII a rule is written for: curly quotes and apostrophes, primes,
# Unicode hyphens and dashes, non-breaking and thin spaces, the ellipsis. Each is one character for one, so
# offsets stay put; zero-width characters and soft hyphens are dropped (see :func:`normalised`).
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u205f\u3000", " "),
        "\u2026": ".",
    }
)
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


class Normalised(NamedTuple):
    """A text as the rules read it, and where each of its characters came from (``None``: the same place)."""

    text: str
    origin: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` was read from."""
        if self.origin is None or start >= end:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=16384)
def normalised(text: str) -> Normalised:
    """``text`` with its typography read as ASCII, once, before any rule (see ``_TYPOGRAPHY``)."""
    if text.isascii():
        return Normalised(text, None)
    out = text.translate(_TYPOGRAPHY)
    if _INVISIBLE.isdisjoint(out):
        return Normalised(out, None)
    kept = [i for i, c in enumerate(out) if c not in _INVISIBLE]
    return Normalised("".join(out[i] for i in kept), tuple(kept))


def normalise(text: str) -> str:
    return normalised(text).text


# --------------------------------------------------------------------------- keywords

# A regex search costs far more than looking for a few words, and most of the rules' patterns can only
# match text that holds one of a few words (every match of "train\w*|induction|course" holds "train",
# "induction" or "course"). Those words are read off each pattern when it is compiled (:func:`keyed`),
# and every registered word is looked up in one Aho-Corasick pass (pyahocorasick) over the case-folded
# text, cached by text and shared by every rule. A pattern runs only on text that holds one of its words.
_KEYWORDS: set[str] = set()
_automaton: Any = None


def keywords(words: Iterable[str]) -> frozenset[str]:
    """Register ``words`` for :func:`keywords_in` (case-folded) and return them as a set."""
    global _automaton
    found = frozenset(w.casefold() for w in words)
    if "" in found:
        raise ValueError("a keyword must not be empty")
    if any("\n" in w for w in found):
        raise ValueError("a keyword must not hold a line break")
    if not found <= _KEYWORDS:
        _KEYWORDS.update(found)
        _automaton = None
        _clear_keyword_caches()
    return found


@lru_cache(maxsize=1)
def _join_keywords() -> tuple[frozenset[str], frozenset[str]]:
    """The keywords that start with a space, and those that hold a colon."""
    return frozenset(w for w in _KEYWORDS if w.startswith(" ")), frozenset(w for w in _KEYWORDS if ":" in w)


def _automaton_now() -> Any:
    global _automaton
    if _automaton is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in _KEYWORDS:
            automaton.add_word(word, word)
        automaton.make_automaton()
        _automaton = automaton
    return _automaton


_NONE: frozenset[str] = frozenset()
_WORD_OF_MATCH = itemgetter(1)  # the automaton yields (last index, word)
_SEEN: dict[str, frozenset[str]] = {}  # keywords_in's cache, also filled by analysed()
_SEEN_MAX = 65536


def keywords_in(text: str) -> frozenset[str]:
    """The registered keywords that occur in ``text`` (case-insensitively, anywhere in it)."""
    found = _SEEN.get(text)
    if found is None:
        found = (
            frozenset(map(_WORD_OF_MATCH, _automaton_now().iter(text.casefold())))
            if _KEYWORDS
            else frozenset()
        )
        _remember(text, found)
    return found


def _remember(text: str, found: frozenset[str]) -> None:
    if len(_SEEN) >= _SEEN_MAX:
        _SEEN.clear()
    _SEEN[text] = found


def _clear_keyword_caches() -> None:
    _SEEN.clear()
    analysed.cache_clear()
    _join_keywords.cache_clear()


keywords_in.cache_clear = _clear_keyword_caches  # type: ignore[attr-defined]  # cleared like the lru caches


# How a policy answers a question it asks, as a rule: "Not sure whether a post is OK? Then hold off until ..."
# (RULE_ANSWER), or an FAQ's "Can I post about my pay? No - ..." (NO_ANSWER). reading.read interprets the two.
RULE_ANSWER = (
    r"(?:then|if so|if yes|if not|if (?:the answer is|it does|it is|you are)\b[^,]{0,20},)\b,?\s*|"
    r"(?:don't|do not|never|hold off|wait|ask|check|talk to|speak to|get|run it|keep)\b"
)
NO_ANSWER = r"no\b[ .,:;-]*"
# "Can I talk to a reporter? Only if the company has approved it." and "Do I need approval to post? Yes.": the
# answer makes the act conditional on the employer's say-so.
ONLY_ANSWER = r"(?:only (?:if|when|with|after|once|where)|not (?:without|unless|until))\b"
YES_ANSWER = r"yes\b[ .,:;!-]*"
_ANSWER = re.compile(f"{RULE_ANSWER}|{NO_ANSWER}|{ONLY_ANSWER}|{YES_ANSWER}", re.I)


def _answered(units: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """A question and the sentence that answers it, read as one rule."""
    out: list[tuple[str, frozenset[str]]] = []
    for unit, words in units:
        if out and out[-1][0].endswith("?") and _ANSWER.match(unit):
            question, asked = out.pop()
            out.append((f"{question} {unit}", asked | words))
        else:
            out.append((unit, words))
    return out


@lru_cache(maxsize=16384)
def analysed(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The units of ``text``, each with the registered keywords it holds (see :func:`units`).

    One keyword pass over the whole text gives the text's keywords, and each sentence those of its
    matches that lie wholly inside it (a text with irregular white space, which is normalised first,
    gets a pass per sentence instead). All are remembered for :func:`keywords_in`."""
    out: list[tuple[str, frozenset[str]]] = []
    lead, lead_words = "", _NONE
    automaton = _automaton_now() if _KEYWORDS else None
    spaced, colon = _join_keywords()
    folded = text.casefold()
    matches = list(automaton.iter(folded)) if automaton is not None else []
    every = frozenset(map(_WORD_OF_MATCH, matches))
    tidy = (
        automaton is not None
        and len(folded) == len(text)
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and text.replace("\n", " ").isprintable()
    )
    ends = ""  # how the items under the current lead-in have ended, one character each
    for sentences in _tidy_lines(text, matches) if tidy else _lines(text, automaton):
        if not sentences:
            lead = ""
            continue
        if lead and ends[-1:] == "." and ";" in ends[:-1]:
            lead = ""  # "a;" "b;" "c." and the list is over: what follows is a paragraph of its own
        if lead and len(sentences) <= 2:
            ends += sentences[-1][0].rstrip()[-1:]
            for s, found_in_s in sentences:
                # A keyword in "lead sentence" is in the lead, in the sentence, or holds the joining space:
                # it starts with it, or holds the colon that ends every lead.
                found = lead_words | found_in_s
                if spaced or colon:
                    joined = f" {s}".casefold()
                    extra = [w for w in spaced if joined.startswith(w)]
                    if colon:
                        whole = f"{lead} {s}".casefold()
                        extra += [w for w in colon if w in whole]
                    if extra:
                        found = found.union(extra)
                out.append((f"{lead} {s}", found))
            continue
        out.extend(sentences)
        last, lead_words = sentences[-1]
        lead, ends = (last if last.endswith(":") else ""), ""
    if "?" in text:
        out = _answered(out)
    if len(_SEEN) + len(out) >= _SEEN_MAX:
        _SEEN.clear()
    _SEEN.update(out)
    if automaton is not None:
        _SEEN[text] = every
    return tuple(out)


def _tidy_lines(text: str, matches: list[tuple[int, str]]) -> Iterator[list[tuple[str, frozenset[str]]]]:
    """The sentences of each line of a text whose lines are already single-spaced, each with the keywords
    of ``matches`` (the text's, case-folded to the same length, in order of their last character) that lie
    wholly inside it."""
    start, size, i, count = 0, len(text), 0, len(matches)
    while start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        bounds = []
        a = start
        for m in _SENTENCE_END.finditer(text, start, end):
            bounds.append((a, m.start() + 1))
            a = m.end()
        if a < end:
            bounds.append((a, end))
        sentences = []
        for a, b in bounds:
            found = []
            while i < count and matches[i][0] < b:
                last, word = matches[i]
                if last - len(word) + 1 >= a:
                    found.append(word)
                i += 1
            sentences.append((text[a:b], frozenset(found)))
        yield sentences
        start = end + 1


def _lines(text: str, automaton: Any) -> Iterator[list[tuple[str, frozenset[str]]]]:
    """The sentences of each line of any text (white space normalised), each with its keywords."""
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        spans = _sentence_spans(line)
        yield [(line[a:b], keywords_in(line[a:b]) if automaton is not None else _NONE) for a, b in spans]


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    """Where the sentences of ``line`` are (its non-blank pieces between sentence ends)."""
    ends = _SENTENCE_END.finditer(line)
    m = next(ends, None)
    if m is None:
        return [(0, len(line))] if line else []
    spans = []
    start = 0
    while m is not None:
        spans.append((start, m.start() + 1))
        start = m.end()
        m = next(ends, None)
    spans.append((start, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


def required_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Words at least one of which every match of ``pattern`` contains (case-folded), or ``None``
    when no such words can be read off it (the pattern must then run on every text)."""
    from re import _parser  # type: ignore[attr-defined]  # the parser re itself uses, stable since 3.11

    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    words = _sequence(parsed, _parser)
    return frozenset(w.casefold().strip() for w in words) if words else None


# Shorter words ("a ", "us", "you") are in nearly every text: looking them up costs more than it saves.
MIN_KEYWORD = 4


def _sequence(items: Any, p: Any) -> set[str] | None:
    """Required words of a sequence of parsed items: the best of what each item requires, where a
    run of literal characters requires itself."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is p.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        if op is p.SUBPATTERN:
            options.append(_sequence(av[-1], p) or set())
        elif op is p.BRANCH:
            branches = [_sequence(b, p) for b in av[1]]
            options.append(set().union(*branches) if all(branches) else set())  # type: ignore[arg-type]
        elif op in (p.MAX_REPEAT, p.MIN_REPEAT, getattr(p, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            options.append(_sequence(av[2], p) or set())
    if run:
        options.append({"".join(run)})
    options = [o for o in options if o and min(len(w.strip()) for w in o) >= MIN_KEYWORD]
    # The most selective option: the longest shortest word, then the fewest words.
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


_ESCAPE = re.compile(r"\\.")


class Folded:
    """A regex whose searches on ASCII text run case-sensitively on the text in lower case, when that
    means the same (an ASCII pattern, case-insensitive, in lower case outside its escapes): Python's regex
    engine cannot skip ahead for the first letters of a case-insensitive pattern, and compares each letter
    slower, so the same search on the lower-cased text is several times faster. Every match returned is
    the pattern's own match on the text as given (found again where the fast search found it), so nothing a
    caller reads from it changes.

    The pattern is compiled when it is first used: the rules define hundreds, and a check of an ordinary
    policy runs few of them (most are gated out by their keywords), so compiling them all when the rules
    load would be most of a short command's time. :func:`all_patterns` lists them for the tests."""

    __slots__ = ("_lower", "_regex", "_searches", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._regex: re.Pattern[str] | None = None
        self._lower: re.Pattern[str] | bool | None = False  # False: not worked out yet
        self._searches = 0
        _MADE.append(self)

    @property
    def regex(self) -> re.Pattern[str]:
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(self.pattern, self.flags)
        return regex

    @property
    def lower(self) -> re.Pattern[str] | None:
        """The case-sensitive twin for lower-case ASCII text, or ``None`` when there is none."""
        lower = self._lower
        if lower is False:
            lower = self._lower = _lower_twin(self.regex)
        return lower  # type: ignore[return-value]

    def fast(self) -> re.Pattern[str] | None:
        """The twin, once the pattern has been searched often enough to repay compiling a second regex
        (a short command searches most patterns a few times); ``None`` until then, or when there is none."""
        if self._lower is False:
            self._searches += 1
            if self._searches <= TWIN_AFTER:
                return None
        return self.lower

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        lower = self.fast()
        if lower is None or not text.isascii():
            return self.regex.search(text, pos)
        m = lower.search(text.lower(), pos)
        if m is None:
            return None
        # Where the twin first matches, the pattern first matches (the same match: a search is a match at
        # the first position where one succeeds).
        return self.regex.match(text, m.start()) or self.regex.search(text, pos)

    def match(self, text: str, *bounds: int) -> re.Match[str] | None:
        return self.regex.match(text, *bounds)

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match[str]]:
        lower = self.fast()
        if lower is None or bounds or not text.isascii():
            yield from self.regex.finditer(text, *bounds)
            return
        low, pos = text.lower(), 0
        while True:
            m = lower.search(low, pos)
            if m is None:
                return
            if m.end() == m.start():  # an empty match: the engine's own rules for what follows one
                yield from self.regex.finditer(text, pos)
                return
            found = self.regex.match(text, m.start())
            if found is None or found.span() != m.span():  # (cannot happen; the engine's answer if it did)
                yield from self.regex.finditer(text, pos)
                return
            yield found
            pos = m.end()

    def findall(self, text: str, *bounds: int) -> list[Any]:
        return self.regex.findall(text, *bounds)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)  # the rest of re.Pattern

    def __repr__(self) -> str:
        return f"folded({self.pattern!r})"


_MADE: list[Folded] = []
TWIN_AFTER = 16


def all_patterns() -> tuple[Folded, ...]:
    """Every :class:`Folded` and :class:`Keyed` pattern made so far (the rules' own, once they are loaded)."""
    return tuple(_MADE)


def _lower_twin(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """``regex`` without IGNORECASE, for lower-case ASCII text, when that finds the same matches there: an
    ASCII pattern in lower case outside its escapes (see :class:`Folded`); ``None`` otherwise."""
    pattern = regex.pattern
    if (
        not regex.flags & re.IGNORECASE
        or not pattern.isascii()
        or any(c.isupper() for c in _ESCAPE.sub("", pattern))
    ):
        return None
    return re.compile(pattern, regex.flags & ~re.IGNORECASE)


def folded(pattern: str, flags: int = re.IGNORECASE) -> Folded:
    """``re.compile(pattern, flags)`` whose searches take the lower-case fast path (see :class:`Folded`),
    compiled when first used."""
    return Folded(pattern, flags)


class Keyed(Folded):
    """A regex that runs only on text holding one of its required words (see :func:`keyed`)."""

    __slots__ = ("words",)

    def __init__(self, pattern: str, flags: int, words: frozenset[str]) -> None:
        super().__init__(pattern, flags)
        self.words = words

    def _absent(self, text: str) -> bool:
        return bool(self.words) and self.words.isdisjoint(keywords_in(text))

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return None if self._absent(text) else Folded.search(self, text, pos)

    def match(self, text: str, *bounds: int) -> re.Match[str] | None:
        return None if self._absent(text) else self.regex.match(text, *bounds)

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(text) else Folded.finditer(self, text, *bounds)

    def findall(self, text: str, *bounds: int) -> list[Any]:
        return [] if self._absent(text) else self.regex.findall(text, *bounds)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return text if self._absent(text) else self.regex.sub(repl, text, count)

    def __repr__(self) -> str:
        return f"keyed({self.pattern!r}, words={sorted(self.words)})"


def tokens_of(pattern: AnyPattern) -> tuple[str, ...]:
    """Words without spaces that any text holding a match of ``pattern`` holds: its required words,
    each reduced to its longest space-free part. Unlike the words themselves, these are also in the
    sentence that a piece of text was cut from (joining pieces adds spaces, never a space-free word)."""
    if not isinstance(pattern, Keyed) or not pattern.words:
        raise ValueError(f"{pattern.pattern!r} has no required words")
    return tuple(sorted({max(w.split(), key=len) for w in pattern.words}))


# The required words of every pattern the rules gate, read off once by ``python -m tools.keywords`` (reading
# them means parsing each pattern, which costs more than a short command's whole check); a pattern not in
# the file has its words read when it is made. tests/checks/test_keywords.py holds the file to the patterns.
KEYWORDS_FILE = Path(__file__).with_name("keywords.json")


@lru_cache(maxsize=1)
def _known_words() -> dict[tuple[str, int], frozenset[str]]:
    try:
        rows = json.loads(KEYWORDS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {(pattern, flags): frozenset(words) for pattern, flags, words in rows}


def keyed(pattern: str, flags: int = re.IGNORECASE) -> Keyed:
    """``re.compile(pattern, flags)``, gated on the words every match must hold when there are any (without
    any, it runs on every text), and searched on lower-cased text where that is faster (:class:`Folded`);
    compiled when first used."""
    words = _known_words().get((pattern, flags))
    if words is None:
        words = required_words(pattern, flags) or frozenset()
    return Keyed(pattern, flags, keywords(words) if words else frozenset())


def keyword_rows() -> list[tuple[str, int, list[str]]]:
    """What :data:`KEYWORDS_FILE` should hold for the patterns made so far."""
    rows = {
        (p.pattern, p.flags): sorted(required_words(p.pattern, p.flags) or ())
        for p in _MADE
        if isinstance(p, Keyed)
    }
    return [(pattern, flags, words) for (pattern, flags), words in sorted(rows.items())]


AnyPattern = Folded | re.Pattern[str]  # (a Keyed pattern is a Folded one)


# Apostrophes, quotes, dashes and spaces as typeset: they separate words like their ASCII forms.
TYPESET = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0"
# Everything but ASCII letters and digits to a space: a text's words are then its ``split()``.
_NOT_ALNUM = str.maketrans(
    {c: " " for c in [*map(chr, range(128)), *TYPESET] if not (c.isascii() and c.isalnum())}
)


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """The lower-case runs of letters and digits of ``text`` ("Don't" gives "don", "t")."""
    return tuple(text.lower().translate(_NOT_ALNUM).split())


# --------------------------------------------------------------------------- iterating a document


class Unit(NamedTuple):
    """A sentence of a clause (a named tuple: rules make hundreds of these in a run)."""

    section: Section
    block: Block
    text: str


def plain_blocks(doc: Document, cache: dict[str, Any]) -> list[tuple[Section, Block, str]]:
    """Every clause with its plain text (links reduced to their words), computed once per run."""
    found = cache.get("plain-blocks")
    if found is None:
        found = [(s, b, plain(b.text)) for s, b in doc.blocks()]
        cache["plain-blocks"] = found
    return found  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- detectors


def block_of(doc: Document, cache: dict[str, Any], clause_id: str) -> Block | None:
    """The document's clause ``clause_id`` (an index built once per run)."""
    index = cache.get("blocks-by-id")
    if index is None:
        index = {}
        for _, b in doc.blocks():
            index.setdefault(b.clause_id, b)
        cache["blocks-by-id"] = index
    return index.get(clause_id)  # type: ignore[no-any-return]


# Unit detectors by key: the function (unit[, arg]) whose true result flags the unit (``True``, or the kind of
# rule it found, such as ``"agency"``), and sets of lower-case trigger words. A unit must hold a word of every
# set for the detector to be worth running (a cheap filter before the regexes): each set is what one necessary
# part of the detector looks for.
DETECTORS: dict[str, tuple[Callable[..., object], tuple[frozenset[str], ...]]] = {}
_Detect = TypeVar("_Detect", bound=Callable[..., object])


def detector(key: str, *triggers: Iterable[str]) -> Callable[[_Detect], _Detect]:
    sets = tuple(keywords(words) for words in triggers)
    if not sets or not all(sets):
        raise ValueError(f"detector {key!r} needs at least one set of trigger words, none of them empty")

    def register(func: _Detect) -> _Detect:
        DETECTORS[key] = (func, sets)
        return func

    return register


@lru_cache(maxsize=65536)
def hits(key: str, text: str, arg: Hashable = None) -> tuple[str, ...]:
    """The units of ``text`` that detector ``key`` flags (cached by text). The detector runs only on
    units holding a word of each of its sets of trigger words."""
    func, triggers = DETECTORS[key]
    found = analysed(text)  # before keywords_in(text): it finds the text's keywords on the way
    in_text = keywords_in(text)
    for words in triggers:
        if words.isdisjoint(in_text):
            return ()
    out = []
    first, *rest = triggers
    for u, present in found:
        if first.isdisjoint(present):
            continue  # (plain loops: a generator per sentence would cost more than the tests save)
        for words in rest:
            if words.isdisjoint(present):
                break
        else:
            if func(u) if arg is None else func(u, arg):
                out.append(u)
    return tuple(out)


def scan(doc: Document, cache: dict[str, Any], key: str, arg: Hashable = None) -> list[Unit]:
    """Every unit of the document that detector ``key`` flags, in order."""
    flagged = {text: hits(key, text, arg) for text in distinct_texts(doc, cache)}
    return [Unit(s, b, u) for s, b, text in plain_blocks(doc, cache) for u in flagged[text]]


# What a rule says of one flagged sentence: its message and the other arguments of ``Context.finding`` (severity,
# fix, suggestion ...), or ``None`` for no finding.
Judged = tuple[str, dict[str, Any]] | None


def flagged(
    doc: Document, ctx: Any, key: str, judge: Callable[[Unit], Judged], arg: Hashable = None
) -> Iterator[Any]:
    """A finding of rule ``key`` (``ctx``: its ``checks.Context``) quoting each sentence its detector flags, as
    ``judge`` words it."""
    for u in scan(doc, ctx.cache, key, arg):
        judged = judge(u)
        if judged is not None:
            message, options = judged
            yield ctx.at(key, message, u, **options)


def distinct_texts(doc: Document, cache: dict[str, Any]) -> list[str]:
    """The different plain texts of the document's clauses, in order (clauses often repeat one another)."""
    found = cache.get("distinct-texts")
    if found is None:
        found = list(dict.fromkeys(text for _, _, text in plain_blocks(doc, cache)))
        cache["distinct-texts"] = found
    return found  # type: ignore[no-any-return]


def doc_units(doc: Document, cache: dict[str, object]) -> list[Unit]:
    """Every unit of every clause, in order (computed once per check run)."""
    found = cache.get("units")
    if found is None:
        found = [Unit(s, b, u) for s, b, text in plain_blocks(doc, cache) for u in units(text)]
        cache["units"] = found
    return found  # type: ignore[return-value]


def has(pattern: re.Pattern[str] | Folded, text: str) -> bool:
    """``pattern.search(text)``, cached: the same clause text is checked once across rules and runs.
    A gated pattern whose words the text lacks is answered at once, without a place in the cache."""
    if isinstance(pattern, Keyed) and pattern.words and pattern.words.isdisjoint(keywords_in(text)):
        return False
    return _has(pattern, text)


@lru_cache(maxsize=131072)
def _has(pattern: re.Pattern[str] | Folded, text: str) -> bool:
    folded = pattern.fast() if isinstance(pattern, Folded) else _folded(pattern)
    if folded is not None and text.isascii():
        return folded.search(text.lower()) is not None
    return pattern.search(text) is not None


@lru_cache(maxsize=1024)
def _folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A compiled pattern's case-sensitive twin for lower-case ASCII text (see :class:`Folded`), or ``None``."""
    return _lower_twin(pattern)


def any_block(doc: Document, pattern: AnyPattern, titles: bool = True) -> bool:
    """Whether any clause's text (or title) matches ``pattern``."""
    return any(has(pattern, b.text) or (titles and has(pattern, b.title)) for _, b in doc.blocks())


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence of ``text`` that holds ``text[start:end]`` (within its line)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    for m in _SENTENCE_END.finditer(text, a, b):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start() + 1
            break
    return a, b


def excerpt(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_strings(doc: Document) -> list[str]:
    """Text answers as they may appear in clauses (organisation name, contacts ...), longest first."""
    values: set[str] = set()
    for value in doc.answers.values():
        if isinstance(value, str) and 2 < len(value) < 200 and "\n" not in value:
            values.add(value)
            if value.lower().startswith("the "):
                values.add(value[4:])
    return sorted(values, key=len, reverse=True)


def masked_blocks(doc: Document, cache: dict[str, Any]) -> list[tuple[Section, Block, str]]:
    """Every clause's plain text with answer values blanked out (computed once per run)."""
    found = cache.get("masked-blocks")
    if found is None:
        answers = tuple(answer_strings(doc))
        found = [(s, b, _masked(text, answers)) for s, b, text in plain_blocks(doc, cache)]
        cache["masked-blocks"] = found
    return found  # type: ignore[no-any-return]


@lru_cache(maxsize=16384)
def _masked(text: str, answers: tuple[str, ...]) -> str:
    finder = _answer_finder(answers)
    if finder is None:
        return masked(text, list(answers))
    present = frozenset(map(_WORD_OF_MATCH, finder.iter(text)))
    return masked(text, [a for a in answers if a in present]) if present else text


@lru_cache(maxsize=64)
def _answer_finder(answers: tuple[str, ...]) -> Any:
    """An automaton that finds every answer value in one pass, or ``None`` when blanking one value could
    make another appear (a value with runs of spaces, or spaces at its ends), so each must be tried."""
    if not answers or any("  " in a or a != a.strip() for a in answers):
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for value in answers:
        automaton.add_word(value, value)
    automaton.make_automaton()
    return automaton


def masked(text: str, answers: list[str]) -> str:
    """``text`` with answer values blanked out, so that names in them are not read as terms."""
    for value in answers:
        if value in text:
            text = text.replace(value, " " * len(value))
    return text
