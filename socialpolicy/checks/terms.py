"""Terms and references: the checks a legal proofreader makes.

Defined terms never used, used but not defined, defined twice, used with inconsistent capitals;
cross-references to sections that are not there; roles, bodies and platforms named as if they
were defined ("the Council") but never defined.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
from typing import Any

from socialpolicy.checks import Context, Finding, Fix, FixKind, listing, rule
from socialpolicy.checks.text import (
    AnyPattern,
    block_of,
    excerpt,
    keyed,
    masked_blocks,
    sentence_span,
)
from socialpolicy.document import Block, Document, Section

# Last words that make a capitalised phrase look like a defined term, and those that name a role,
# body, team or platform.
_TERM_HEADS = (
    "Account",
    "Accounts",
    "Information",
    "Connection",
    "Connections",
    "Content",
    "Channel",
    "Channels",
    "Programme",
    "Program",
    "Platform",
    "Platforms",
    "Register",
    "Level",
    "Levels",
    "Rules",
    "Data",
    "Material",
    "Materials",
    "Post",
    "Posts",
    "Space",
    "Spaces",
    "Community",
    "Communities",
    "Tool",
    "Tools",
    "Device",
    "Devices",
    "Period",
    "Date",
    "Site",
    "Sites",
    "System",
    "Systems",
    "Event",
    "Events",
    "Incident",
    "Incidents",
    "Network",
)
# The last word of a name for a role, a body or a service ("the Social Media Council", "the Content Approver"),
# by what it names (``edits.draft_definition`` words a first definition from these).
ROLE_GROUPS = ("Council", "Committee", "Team", "Panel", "Forum", "Group")
ROLE_PEOPLE = (
    "Lead",
    "Sponsor",
    "Owner",
    "Owners",
    "Contact",
    "Contacts",
    "Spokesperson",
    "Approver",
    "Advocate",
    "Advocates",
    "Champion",
    "Champions",
    "Ambassador",
    "Ambassadors",
    "Administrator",
    "Moderator",
    "Moderators",
)
ROLE_SERVICES = ("Hub", "Portal", "Desk", "Centre", "Center", "Unit")
_ROLE_HEADS = (*ROLE_GROUPS, *ROLE_PEOPLE, *ROLE_SERVICES)
# Words that mark a phrase as the proper name of an outside body, law or product.
_PROPER = keyed(
    r"\b(?:National|Federal|Securities|Exchange|Commissioner|European|Equality|Labor|Labour|Health|Safety|Financial|"
    r"Conduct|Authority|Commission|Administration|Department|Ministry|Court|Tribunal|Agency|Act|Code|Regulation|"
    r"Directive|Guides?|Microsoft|Google|Apple|Meta|Slack|Teams|Viva|Engage|Yammer|Workplace|LinkedIn|Facebook|"
    r"Instagram|TikTok|YouTube|Reddit|Bluesky|WhatsApp|Signal|Zoom|Outlook|Office 365|SharePoint|Confluence|Jira|"
    r"Works|Data Protection Officer|Privacy Officer|Human Resources|Information Security|Customer Service|Legal|"
    r"Compliance|Marketing|Sales|Finance|Communications|People|IT|HR|Investor Relations|Service Desk|Chief|Head|"
    r"Director|Vice|President|Counsel|Secretary|Executive Team|Leadership Team|Senior)\b",
    0,
)
_CAP = r"[A-Z][a-z]+(?:-[A-Za-z]+)?"
# The first capital comes first and the look-behind after it ("not after a word character or a full
# stop"): a pattern that starts with a character class is scanned for much faster than one that starts
# with a look-behind.
_PHRASE = keyed(
    rf"(?P<phrase>[A-Z](?<![\w.][A-Z])[a-z]+(?:-[A-Za-z]+)?(?:\s+(?:of\s+|and\s+)?{_CAP}){{1,3}})\b", 0
)
_ROLE = keyed(
    rf"\b(?:[Tt]he|[Oo]ur|an?|An?|[Ee]ach|[Ee]very|[Aa]ny|[Tt]his|[Tt]hat|[Yy]our)\s+(?P<phrase>(?:{_CAP}\s+){{0,2}}"
    rf"(?:{'|'.join(_ROLE_HEADS)}))\b(?!\s+of\b|-|\s+[A-Z])",
    0,
)
# A role head as written (capitalised) somewhere in the text: _ROLE, which is slow to search for, runs only
# on text that has one. Without word boundaries this pattern starts with a letter and is quick to scan.
_ROLE_HEAD = re.compile("|".join(_ROLE_HEADS))
_TERM_HEAD_SET, _ROLE_HEAD_SET = frozenset(_TERM_HEADS), frozenset(_ROLE_HEADS)
_SENTENCE_START = keyed(r"(?:^|[.!?:;]\s+|\n\s*|[\"“(]\s*)$", 0)


_INLINE_DEFINITION = keyed(
    r"[\"“](?P<a>[A-Z][\w' -]{1,60}?)[\"”]\s+(?:means|refers to|is|are|includes)\b|"
    r"\((?:the\s+|each\s+a\s+|together\s+the\s+)?[\"“](?P<b>[A-Z][\w' -]{1,60}?)[\"”]\)",
    0,
)


def defined_terms(doc: Document) -> set[str]:
    """Defined terms, lower case, with plurals: from the definitions, and for text written elsewhere also
    terms defined in the running text ('"Council" means ...', '... (the "Council")')."""
    out: set[str] = set()
    terms = [d.term for d in doc.definitions]
    for text in dict.fromkeys(b.text for _, b in doc.blocks()):
        terms += inline_terms(text)
    for term in terms:
        t = term.casefold()
        out |= {t, t + "s", t + "es"}
    return out


def inline_terms(text: str) -> tuple[str, ...]:
    """The terms ``text`` defines in quotes ('"Confidential Information" means ...')."""
    return tuple(term for term, _ in _inline_places(text))


_BROKEN_IN_CLAUSES = listing("terms.broken-reference", "broken_refs", "[missing section: {}]".format)


# "see section 14", "Section 7.4.2"; not a section of another text ("Section 7 of the National Labor Relations
# Act", "section 2 of the Handbook", "Section 230 of the Communications Decency Act").
_SECTION_REF = re.compile(
    r"\b(?:section|clause|paragraph)\s+(\d+(?:\.\d+)*)\b(?!\.\d)(?!,?\s+of\s+(?:the\s+|our\s+)?(?-i:[A-Z]))",
    re.IGNORECASE,
)


@rule("terms.broken-reference")
def broken_reference(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _BROKEN_IN_CLAUSES(doc, ctx)
    if doc.source_kind == "project" and doc.template_id != "imported":
        return
    # A document checked as found keeps its own "see section 14" references: check their numbers, against the
    # numbering the exporters give and the numbers its headings carry as written ("9.2 Your rights"), where a
    # written number's parents count too (a chapter numbered 7.4.1, 7.4.2 ... is section 7.4).
    numbers = {s.number for s in doc.sections} | {b.number for _, b in doc.blocks()}
    for _, written, _ in doc.numbering:
        parts = written.rstrip(".").split(".")
        numbers |= {".".join(parts[:n]) for n in range(1, len(parts) + 1)}
    for section, block in doc.blocks():
        for m in _SECTION_REF.finditer(block.text):
            if m.group(1) not in numbers:
                yield ctx.finding(
                    "terms.broken-reference",
                    f"Clause '{block.title}' refers to {m.group(0)}, which the document does not have.",
                    section,
                    block,
                    excerpt=excerpt(block.text[max(0, m.start() - 60) : m.end() + 40]),
                    severity="warning",
                )


def _masked_blocks(doc: Document, ctx: Context) -> list[tuple[Section, Block, str]]:
    return masked_blocks(doc, ctx.cache)


def _terms(doc: Document) -> tuple[str, ...]:
    return tuple(sorted({d.term for d in doc.definitions}, key=lambda t: (-len(t), t)))


@lru_cache(maxsize=32768)
def term_uses(text: str, terms: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Where each term (or its plural) appears in ``text``, in any case: ``(term, start, end)``.

    Longer terms are found first and shorter ones inside them are skipped ("Official Account" is not
    also a use of "Account"). Every term is found in one pass over the lower-case text (an
    Aho-Corasick automaton of the document's terms), so it stays fast for long documents.
    """
    if not terms:
        return ()
    low = text.lower()
    places: dict[str, list[int]] = {}
    for last, found in _terms_automaton(terms).iter(low):
        for term in found:
            places.setdefault(term, []).append(last + 1 - len(term))
    if not places:
        return ()
    taken: set[int] = set()  # every position inside a use already found
    out: list[tuple[str, int, int]] = []
    size = len(low)
    for term in terms:
        for pos in places.get(term, ()):
            end = pos + len(term)
            for suffix in ("es", "s"):
                if low.startswith(suffix, end) and not (
                    end + len(suffix) < size and _word_char(low[end + len(suffix)])
                ):
                    end += len(suffix)
                    break
            if (
                (pos == 0 or not _word_char(low[pos - 1]))
                and (end >= size or not _word_char(low[end]))
                and pos not in taken
            ):
                out.append((term, pos, end))
                taken.update(range(pos, end))
    return tuple(sorted(out, key=_START))


_START = itemgetter(1)


@lru_cache(maxsize=64)
def _terms_automaton(terms: tuple[str, ...]) -> Any:
    """An automaton that finds the lower-case form of each term and gives the terms spelled so."""
    import ahocorasick

    spelled: dict[str, list[str]] = {}
    for term in terms:
        spelled.setdefault(term.lower(), []).append(term)
    automaton = ahocorasick.Automaton()
    for needle, same in spelled.items():
        automaton.add_word(needle, tuple(same))
    automaton.make_automaton()
    return automaton


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "-_"


@rule("terms.unused")
def unused(doc: Document, ctx: Context) -> Iterator[Finding]:
    terms = _terms(doc)
    # The text with answers blanked out, as for capitals: a term inside the organisation's name is no use of it.
    used = {
        t
        for text in dict.fromkeys(t for _, _, t in _masked_blocks(doc, ctx))
        for t, _, _ in term_uses(text, terms)
    }
    for d in doc.definitions:  # a term used in another term's definition is used too
        used |= {t for t, _, _ in term_uses(d.text, terms) if t != d.term}
    for d in doc.definitions:
        if d.term not in used:
            yield ctx.finding(
                "terms.unused",
                f"'{d.term}' is defined but never used.",
                block=block_of(doc, ctx.cache, d.clause_id),
                excerpt=excerpt(f"{d.term} means {d.text}"),
                clause=d.clause_id,
            )
    yield from _inline_unused(doc, ctx, {d.term.casefold() for d in doc.definitions})


def _inline_unused(doc: Document, ctx: Context, listed: set[str]) -> Iterator[Finding]:
    """Terms defined in the running text ('"Council" means ...', '... (the "Council")') and never used
    anywhere else: how imported policies define their terms."""
    places: dict[str, tuple[Section, Block, tuple[int, int], tuple[int, int]]] = {}
    for section, block, text in _masked_blocks(doc, ctx):
        for term, where in _inline_places(text):
            if term.casefold() not in listed:
                places.setdefault(term, (section, block, where, sentence_span(text, *where)))
    if not places:
        return
    terms = tuple(sorted(places, key=lambda t: (-len(t), t)))
    uses: dict[str, int] = dict.fromkeys(terms, 0)
    for text in dict.fromkeys(t for _, _, t in _masked_blocks(doc, ctx)):  # (whether used, not how often)
        defined_at = [where for _, where in _inline_places(text)]
        for term, start, end in term_uses(text, terms):
            if not any(a <= start and end <= b for a, b in defined_at):
                uses[term] += 1
    for term in terms:
        if not uses[term]:
            section, block, _, sentence = places[term]
            yield ctx.finding(
                "terms.unused", f"'{term}' is defined but never used.", section, block, span=sentence
            )


@lru_cache(maxsize=16384)
def _inline_places(text: str) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Each term defined in the running text with the span of its quoted form (quotes included)."""
    if '"' not in text:
        return ()
    out = []
    for m in _INLINE_DEFINITION.finditer(text):
        group = "a" if m.group("a") else "b"
        out.append((m.group(group), (m.start(group) - 1, m.end(group) + 1)))
    return tuple(out)


@rule("terms.defined-twice")
def defined_twice(doc: Document, ctx: Context) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for d in doc.definitions:
        key = d.term.casefold()
        if key not in first:
            first[key] = d.text
            continue
        same = " ".join(first[key].split()).lower() == " ".join(d.text.split()).lower()
        yield ctx.finding(
            "terms.defined-twice",
            f"'{d.term}' is defined twice"
            + (" with the same text." if same else " with different meanings."),
            block=block_of(doc, ctx.cache, d.clause_id),
            excerpt=excerpt(d.text),
            severity="warning" if same else None,
            clause=d.clause_id,
        )


@rule("terms.capitalisation")
def capitalisation(doc: Document, ctx: Context) -> Iterator[Finding]:
    terms = tuple(t for t in _terms(doc))
    if not terms:
        return
    for section, block, text in _masked_blocks(doc, ctx):
        for term, start, end, count in _miscapitalised(text, terms):
            yield ctx.finding(
                "terms.capitalisation",
                f"'{text[start:end]}' is written for the defined term '{term}'"
                + (f" ({count} times)" if count > 1 else "")
                + ".",
                section,
                block,
                span=sentence_span(text, start, end),
            )


@lru_cache(maxsize=16384)
def _miscapitalised(text: str, terms: tuple[str, ...]) -> tuple[tuple[str, int, int, int], ...]:
    """Each term written in ``text`` with other capitals: ``(term, start, end, times)`` of its first such use."""
    bad: dict[str, list[tuple[int, int]]] = {}
    for term, start, end in term_uses(text, terms):
        word = text[start:end]
        if term.islower() or word in (term, term + "s", term + "es") or _excused(text, start, word):
            continue
        bad.setdefault(term, []).append((start, end))
    return tuple((term, *spans[0], len(spans)) for term, spans in bad.items())


def _excused(text: str, start: int, word: str) -> bool:
    """A lower-case use that is another word: "works council", or a term starting a sentence."""
    before = text[max(0, start - 12) : start].lower()
    if before.endswith(("works ", "town ", "city ", "county ", "staff ", "student ")):
        return True
    starts_sentence = bool(_SENTENCE_START.search(text[max(0, start - 3) : start])) or start == 0
    return starts_sentence and word[:1].isupper() and word[1:] == word[1:].lower()


# Where a candidate term is used: the clause and the span of the sentence around it.
Uses = list[tuple[Section, Block, tuple[int, int]]]


def _candidates(doc: Document, ctx: Context, pattern: AnyPattern, heads: frozenset[str]) -> dict[str, Uses]:
    key = f"terms.candidates.{pattern.pattern[:20]}"
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    defined = ctx.cache.get("terms.defined")
    if defined is None:
        defined = ctx.cache["terms.defined"] = frozenset(defined_terms(doc))
    title_words = frozenset(doc.title.split())
    found: dict[str, list[tuple[Section, Block, tuple[int, int]]]] = {}
    for section, block, text in _masked_blocks(doc, ctx):
        for phrase, around in _term_like(pattern, text, heads, defined, title_words):
            found.setdefault(phrase, []).append((section, block, around))
    ctx.cache[key] = found
    return found


@lru_cache(maxsize=16384)
def _term_like(
    pattern: re.Pattern[str],
    text: str,
    heads: frozenset[str],
    defined: frozenset[str],
    title_words: frozenset[str],
) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Capitalised phrases of ``text`` that end in one of ``heads`` and are not defined, a proper name or
    the title's words: ``(phrase, the span of the sentence it is in)``."""
    out = []
    if pattern is _ROLE and not _ROLE_HEAD.search(text):
        return ()
    for m in pattern.finditer(text):
        phrase, start, end = m.group("phrase"), m.start(), m.end()
        words = phrase.split()
        if words[-1] not in heads or _PROPER.search(phrase):
            continue
        if phrase.casefold() in defined or set(words) <= title_words:
            continue
        if pattern is _PHRASE and _SENTENCE_START.search(text[max(0, start - 3) : start]) is not None:
            words = words[1:]  # the first word may be capitalised only because it starts the sentence
            if len(words) < 2:
                continue
            phrase = " ".join(words)
            if phrase.casefold() in defined:
                continue
        out.append((phrase, sentence_span(text, start, end)))
    return tuple(out)


def _undefined(ctx: Context, rule_id: str, what: str, phrase: str, uses: Uses) -> Finding:
    """A phrase used as a term (``what`` says how) and never defined: at its first use, with a fix to define it."""
    section, block, around = uses[0]
    times = f" (used {len(uses)} times)." if len(uses) > 1 else "."
    fix = Fix(FixKind.DEFINE_TERM, f"Define '{phrase}'", {"term": phrase})
    return ctx.finding(rule_id, f"'{phrase}' {what}{times}", section, block, span=around, fix=fix)


@rule("terms.undefined")
def undefined(doc: Document, ctx: Context) -> Iterator[Finding]:
    roles = set(_candidates(doc, ctx, _ROLE, _ROLE_HEAD_SET))
    for phrase, uses in _candidates(doc, ctx, _PHRASE, _TERM_HEAD_SET).items():
        if phrase not in roles:
            yield _undefined(
                ctx, "terms.undefined", "is used as a defined term but is not defined", phrase, uses
            )


@rule("terms.undefined-role")
def undefined_role(doc: Document, ctx: Context) -> Iterator[Finding]:
    for phrase, uses in _candidates(doc, ctx, _ROLE, _ROLE_HEAD_SET).items():
        yield _undefined(ctx, "terms.undefined-role", "is named but never defined", phrase, uses)
