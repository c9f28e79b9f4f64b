"""Text analysis shared by the rules: rule units, prohibitions and duties, masked answers.

A *unit* is one sentence as a reader meets it. A list item that follows a lead-in ending in a
colon ("Don't post or send:") is read together with its lead-in, so that the prohibition in the
lead-in reaches every item of the list. Everything here is pure and cached by text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from socialpolicy.document import Block, Document, Section

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘(#*])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@lru_cache(maxsize=16384)
def units(text: str) -> tuple[str, ...]:
    """Sentences of ``text``; list items keep the lead-in that introduces them."""
    out: list[str] = []
    lead = ""
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            lead = ""
            continue
        sentences = [s for s in _SENTENCE.split(line) if s.strip()]
        if lead and len(sentences) <= 2:
            out.extend(f"{lead} {s}" for s in sentences)
            continue
        out.extend(sentences)
        last = sentences[-1] if sentences else ""
        lead = last if last.endswith(":") else ""
    return tuple(out)


def plain(text: str) -> str:
    """Markdown links reduced to their text."""
    return _LINK.sub(r"\1", text)


# --------------------------------------------------------------------------- prohibitions and duties

# Words after a negation that turn it into a permission or a promise rather than a rule for staff.
_RELIEF = (r"(?:need|needs|have to|has to|hesitate|worry|mind|stop you|stops you|prevent you|prevents you|limit|"
           r"limits|restrict|restricts|apply|applies|mean|means|require|requires|include|includes|cover|covers|count|"
           r"counts|affect|affects|interfere|interferes|expect|expects|change|changes)\b")
_NEG = r"(?:do not|don't|does not|doesn't|must not|mustn't|may not|cannot|can't|can not|should not|shouldn't|" \
       r"shall not|will not|won't|are not to|is not to|never|not)"
_IMPERATIVE_NEG = re.compile(
    rf"(?:^|[:;,]\s*|\b(?:you|employees?|staff|workers?|associates?|team members?|members of staff|personnel|"
    rf"everyone|anyone|no one|colleagues|users|people|individuals)\s+(?:\w+ly\s+)?(?:(?:must|should|shall)\s+)?)"
    rf"(?:(?:please|also|simply|and|or|so)\s+)?(?P<neg>{_NEG})\s+(?:ever\s+|be\s+(?:allowed|permitted)\s+to\s+)?"
    rf"(?P<rest>.*)", re.IGNORECASE)
_START_NEG = re.compile(rf"^(?:please\s+|and\s+|also\s+)?(?P<neg>{_NEG}|avoid|refrain from)\b\s*(?P<rest>.*)",
                        re.IGNORECASE)
_AVOID = re.compile(r"\b(?:you|employees?|staff)\s+(?:should|must|shall|are (?:expected|asked) to)\s+"
                    r"(?P<neg>avoid|refrain from|not|never)\b\s*(?P<rest>.*)", re.IGNORECASE)
_PASSIVE = re.compile(r"^(?P<rest>.*?)\b(?:will not be (?:tolerated|accepted|permitted|allowed)|"
                      r"(?:is|are|will be)\s+(?:strictly\s+|absolutely\s+)?"
                      r"(?P<neg>prohibited|forbidden|banned|not (?:permitted|allowed|tolerated|acceptable)|"
                      r"unacceptable|not to be (?:posted|shared|discussed|disclosed|taken|used|published))|"
                      r"(?:must|may|should|shall|can|will)\s+(?:not|never)\s+be\s+(?:posted|shared|published|disclosed|"
                      r"discussed|uploaded|used|taken|made|released|revealed|mentioned|repeated|communicated))\b", re.IGNORECASE)
_CONSEQUENCE = re.compile(r"^(?P<rest>.*?)\b(?:may|will|could|can|might)\s+(?:\w+\s+)?(?:lead to|result in|be subject "
                          r"to|be grounds for|make you subject to)\s+(?:\w+\s+){0,2}?(?:discipline|disciplinary|"
                          r"dismissal|termination|sanctions?)\b", re.IGNORECASE)
_PROHIBITED_FROM = re.compile(r"\b(?:(?:prohibited|forbidden|banned|barred) from|not (?:permitted|allowed|authori[sz]ed) "
                              r"to)\s+(?P<rest>.*)", re.IGNORECASE)
_NO_NOUN = re.compile(r"^(?:no|zero)\s+(?P<rest>(?:\w+\s+){0,3}?(?:posts?|postings?|comments?|photos?|photographs?|"
                      r"pictures?|images?|videos?|recordings?|statements?|discussion|disparagement|criticism|use)\b.*)",
                      re.IGNORECASE)
_RELIEF_AFTER = re.compile(rf"^(?:\w+\s+)?{_RELIEF}", re.IGNORECASE)


_PROHIBITION_WORDS = ("not", "never", "n't", "avoid", "refrain", "prohibit", "forbid", "ban", "barred", "no ",
                      "zero ", "unacceptable", "disciplin", "dismissal", "termination", "sanction")


# Literal words each prohibition pattern needs, checked before the pattern runs.
_PROHIBITION_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_START_NEG, ()),
    (_IMPERATIVE_NEG, ("not", "n't", "never", "cannot")),
    (_AVOID, ("avoid", "refrain", "not", "never")),
    (_PROHIBITED_FROM, ("prohibited", "forbidden", "banned", "barred", "not permitted", "not allowed",
                        "not authori")),
)
_PASSIVE_WORDS = ("prohibited", "forbidden", "banned", "not permitted", "not allowed", "not tolerated",
                  "not acceptable", "unacceptable", "not to be", "not be", "never be")
_CONSEQUENCE_WORDS = ("disciplin", "dismissal", "termination", "sanction")


@lru_cache(maxsize=16384)
def prohibited(unit: str) -> str | None:
    """What ``unit`` forbids staff to do (the text in the scope of the prohibition), or ``None``.

    "Do not post X", "Employees may not post X", "X is prohibited", "avoid X" forbid X;
    "you do not need to ...", "this does not stop you ...", "we will never ask ..." do not.
    """
    low = unit.lower()
    if not any(w in low for w in _PROHIBITION_WORDS):
        return None
    found: list[str] = []
    for pattern, words in _PROHIBITION_PATTERNS:
        if words and not any(w in low for w in words):
            continue
        matches = [pattern.match(unit)] if pattern is _START_NEG else list(pattern.finditer(unit))
        for m in matches:
            if m is None:
                continue
            rest = m.group("rest")
            neg = (m.groupdict().get("neg") or "").lower()
            if neg == "not" and pattern is not _AVOID:
                continue  # bare "not" only counts as "should not"/"must not" (handled above)
            if _RELIEF_AFTER.match(rest):
                continue
            found.append(rest)
    for pattern, words in ((_PASSIVE, _PASSIVE_WORDS), (_CONSEQUENCE, _CONSEQUENCE_WORDS), (_NO_NOUN, ("no ", "zero "))):
        if any(w in low for w in words):
            m = pattern.match(unit)
            if m:
                found.append(m.group("rest"))
    return " ".join(found) if found else None


_DUTY = re.compile(r"\b(?:you|employees?|staff|everyone|all (?:staff|employees|team members)|workers?|team members?)\s+"
                   r"(?:must|shall|are required to|is required to|will be required to|have a duty to|has a duty to|"
                   r"are obliged to|are expected to|need to|should always|should)\s+(?P<rest>.*)"
                   r"|^(?:please\s+|always\s+)?(?P<imp>(?:report|tell|notify|inform|get|obtain|seek|ask|check|submit|"
                   r"include|add|use|clear|run|keep|treat|maintain|hold)\b.*)"
                   r"|\b(?:must|shall)\s+(?:be|first be|always be)\s+(?P<pass>.*)"
                   r"|\b(?:required|mandatory|compulsory)\b(?P<req>.*)", re.IGNORECASE)
_NOT_DUTY = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}(?:required|expected|obliged|need|have to|has to|duty)\b|"
                       r"\b(?:do not|don't|does not|doesn't|need not|needn't)\s+(?:need|have)\s+to\b|"
                       r"\bnot (?:your job|up to you)\b|\boptional\b|\bif you (?:wish|want|like|choose)\b|"
                       r"\byou (?:may|can|are welcome to|are free to)\b", re.IGNORECASE)


_DUTY_WORDS = ("must", "shall", "required", "duty", "obliged", "expected", "need", "should", "report", "tell",
               "notify", "inform", "get", "obtain", "seek", "ask", "check", "submit", "include", "add", "use", "clear",
               "run", "keep", "treat", "maintain", "hold", "mandatory", "compulsory")


@lru_cache(maxsize=16384)
def duty(unit: str) -> str | None:
    """What ``unit`` obliges staff to do, or ``None`` (also when the duty is expressly lifted)."""
    low = unit.lower()
    if not any(w in low for w in _DUTY_WORDS):
        return None
    if _NOT_DUTY.search(unit):
        return None
    m = _DUTY.search(unit)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


# --------------------------------------------------------------------------- iterating a document


@dataclass(frozen=True, slots=True)
class Unit:
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


# Unit detectors by key: the function (unit[, arg]) -> bool, and lower-case trigger words at least one
# of which a unit must contain for the detector to be worth running (a cheap filter before the regexes).
DETECTORS: dict[str, tuple[Callable[..., bool], tuple[str, ...]]] = {}


def detector(key: str, triggers: tuple[str, ...] = ()) -> Callable[[Callable[..., bool]], Callable[..., bool]]:
    def register(func: Callable[..., bool]) -> Callable[..., bool]:
        DETECTORS[key] = (func, triggers)
        return func

    return register


@lru_cache(maxsize=65536)
def hits(key: str, text: str, arg: Hashable = None) -> tuple[str, ...]:
    """The units of ``text`` that detector ``key`` flags (cached by text). Trigger words are checked
    with plain substring tests first (much cheaper than the detector's regexes), per clause and per unit."""
    func, triggers = DETECTORS[key]
    if triggers and not _any_in(triggers, text.lower()):
        return ()
    out = []
    for u in units(text):
        if triggers and not _any_in(triggers, u.lower()):
            continue
        if func(u) if arg is None else func(u, arg):
            out.append(u)
    return tuple(out)


def _any_in(words: tuple[str, ...], low: str) -> bool:
    return any(w in low for w in words)


def scan(doc: Document, cache: dict[str, Any], key: str, arg: Hashable = None) -> list[Unit]:
    """Every unit of the document that detector ``key`` flags, in order."""
    return [Unit(s, b, u) for s, b, text in plain_blocks(doc, cache) for u in hits(key, text, arg)]


def doc_units(doc: Document, cache: dict[str, object]) -> list[Unit]:
    """Every unit of every clause, in order (computed once per check run)."""
    found = cache.get("units")
    if found is None:
        found = [Unit(s, b, u) for s, b, text in plain_blocks(doc, cache) for u in units(text)]
        cache["units"] = found
    return found  # type: ignore[return-value]


@lru_cache(maxsize=131072)
def has(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text)``, cached: the same clause text is checked once across rules and runs."""
    return pattern.search(text) is not None


def any_block(doc: Document, pattern: re.Pattern[str], titles: bool = True) -> bool:
    """Whether any clause's text (or title) matches ``pattern``."""
    return any(has(pattern, b.text) or (titles and has(pattern, b.title)) for _, b in doc.blocks())


def excerpt(text: str, limit: int = 160) -> str:
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
    return masked(text, list(answers))


def masked(text: str, answers: list[str]) -> str:
    """``text`` with answer values blanked out, so that names in them are not read as terms."""
    for value in answers:
        if value in text:
            text = text.replace(value, " " * len(value))
    return text
