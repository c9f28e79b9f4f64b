"""Structure and consistency: what makes a document incomplete or self-contradictory."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from zlib import crc32

from socialpolicy.checks import Context, Finding, Fix, FixKind, listing, rule
from socialpolicy.checks.fixes import clause_title, insert_clause, switch_to
from socialpolicy.checks.text import block_of, keyed, sentence_span
from socialpolicy.checks.text import words as text_words
from socialpolicy.document import Block, Document, Section
from socialpolicy.model import Clause
from socialpolicy.sandbox import placeholder

_UNFILLED_IN_CLAUSES = listing("structure.unfilled-variable", "missing", placeholder)


@rule("structure.unfilled-variable")
def unfilled_variable(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _UNFILLED_IN_CLAUSES(doc, ctx)
    for d in doc.definitions:
        if "[to be completed:" in d.text:
            yield ctx.finding(
                "structure.unfilled-variable",
                f"The definition of '{d.term}' has an unanswered variable.",
                block=block_of(doc, ctx.cache, d.clause_id),
                excerpt=d.text[:120],
                clause=d.clause_id,
            )


# Placeholders as real templates write them: "{{ contact_email }}", "[Company Name]", "[insert date]", "TBD",
# "XX", a blank to fill in. "[to be completed: x]" is our own placeholder for a missing answer (unfilled-variable).
_PLACEHOLDER = keyed(
    r"\{\{\s*[A-Za-z_][\w.]*\s*\}\}|"
    r"\[(?!to be completed:)(?:(?:insert|enter|add|type|fill in|your|the)\s+[^\]\n]{1,50}|"
    r"[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,4}|(?:company|organi[sz]ation|employer|name|date|contact|email|phone|"
    r"address|department|title)[^\]\n]{0,40}|x{2,}|tb[dc]|\.{3})\]|"
    r"(?<![\w-])(?:TBD|TBC|XX+|X{3,})(?![\w-])|_{4,}",
    0,
)


@rule("structure.leftover-placeholder")
def leftover_placeholder(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        for word, (start, end) in _placeholders(block.text):
            yield ctx.finding(
                "structure.leftover-placeholder",
                f"'{word}' is a placeholder left in the text.",
                section,
                block,
                span=sentence_span(block.text, start, end),
            )


# The blanks of a form the reader signs ("Name: ________ Signature: ________ Date: ______"): a policy's
# acknowledgement asks the employee (and a witness, HR, a manager) to fill them in, so they are not leftovers of
# a template. A blank after a short label and a colon is a form's field when the text around it is signed.
_FORM_LABEL = re.compile(
    r"(?:^|[\s_|])[A-Z][\w'’&/.-]*(?:[ -][\w'’&/.-]+){0,4}\s*(?:\([^()\n]{1,40}\))?\s*:\s*$"
)
_SIGNED = re.compile(
    r"\b(?:sign(?:ed|ing|atures?)?|acknowledg\w*|receipt|received|witness|I (?:have read|understand|agree))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _placeholders(text: str) -> tuple[tuple[str, tuple[int, int]], ...]:
    if not any(c in text for c in "{[_") and "TB" not in text and "XX" not in text:
        return ()
    return tuple(
        (m.group(0), m.span())
        for m in _PLACEHOLDER.finditer(text)
        if not (
            m.group(0).startswith("_")
            and _FORM_LABEL.search(text, max(0, m.start() - 60), m.start())
            and _SIGNED.search(text)
        )
    )


def _sample_answers(template_id: str) -> tuple[dict[str, tuple[str, str]], tuple[tuple[str, str], ...]]:
    """The built-in templates' sample answers: by question id for ``template_id`` (label, example), and
    the distinctive ones of every template ("Example Organisation Ltd", "policy@example.org"), which are
    looked for in the text of any document, imported ones included. A one-word sample ("Example") is too
    common a word to look for in text: it is caught through the answers."""
    from socialpolicy import templates

    by_question: dict[str, tuple[str, str]] = {}
    distinctive: dict[str, str] = {}
    for template in templates.available():
        for q in template.questions:
            if not q.example:
                continue
            if template.id == template_id:
                by_question[q.id] = (q.label, q.example)
            if " " in q.example or "@" in q.example:
                distinctive.setdefault(q.example, q.label)
    return by_question, tuple(distinctive.items())


@rule("structure.sample-answer")
def sample_answer(doc: Document, ctx: Context) -> Iterator[Finding]:
    by_question, distinctive = _sample_answers(doc.template_id)
    seen: set[str] = set()
    for section, block in doc.blocks():
        for example, label in distinctive:
            start = block.text.find(example)
            if start >= 0:
                seen.add(example)
                yield ctx.finding(
                    "structure.sample-answer",
                    f"'{example}' is the wizard's sample answer for '{label}', not a real one.",
                    section,
                    block,
                    span=sentence_span(block.text, start, start + len(example)),
                )
    for qid, (label, example) in by_question.items():
        if doc.answers.get(qid) == example and example not in seen:
            where = next(
                ((s, b) for s, b in doc.blocks() if re.search(rf"\b{re.escape(example)}\b", b.text)), None
            )
            yield ctx.finding(
                "structure.sample-answer",
                f"The answer to '{label}' is still the sample '{example}'.",
                where[0] if where else None,
                where[1] if where else None,
                excerpt=example if where else None,
            )


@rule("structure.missing-required")
def missing_required(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = {b.clause_id for _, b in doc.blocks()}
    for section, block in doc.blocks():
        for needed in block.requires:
            if needed not in present:
                fix = insert_clause(ctx, needed, after=block.clause_id)
                yield ctx.finding(
                    "structure.missing-required",
                    f"Clause '{block.title}' needs the clause '{clause_title(ctx, needed)}', which is not in "
                    "the document.",
                    section,
                    block,
                    fix=fix,
                )


@rule("structure.excluded-pair")
def excluded_pair(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = {b.clause_id: b for _, b in doc.blocks()}
    reported: set[frozenset[str]] = set()
    for section, block in doc.blocks():
        for other in block.excludes:
            pair = frozenset((block.clause_id, other))
            if other in present and pair not in reported:
                reported.add(pair)
                fix = Fix(FixKind.REMOVE_CLAUSE, f"Remove clause {other}", {"clause": other})
                yield ctx.finding(
                    "structure.excluded-pair",
                    f"Clauses '{block.title}' and '{present[other].title}' exclude each other.",
                    section,
                    block,
                    fix=fix,
                )


# --------------------------------------------------------------------------- stances

_BLOCKED = keyed(
    r"\b(?:we|the company|the organi[sz]ation|it)\s+(?:\w+\s+)?block\w*\s+(?:access to\s+)?(?:all\s+)?(?:social media|"
    r"social networking|these sites|such sites)|\b(?:social media|social networking) (?:sites?|apps?|platforms?)?\s*"
    r"(?:are|is|will be|remain)\s+blocked\b|\b(?:may|must) not (?:access|use) (?:personal )?social media\s+"
    r"(?:\w+\s+){0,3}?(?:at work|during working hours|during work time|on (?:company|our) (?:devices|equipment|networks?))|"
    r"\bno personal (?:use of )?social media (?:is allowed|at work|during)"
)
_NOT_BLOCKED = keyed(r"\b(?:do not|don't|never|will not|won't)\s+block|\bnot blocked\b")
_OPEN = keyed(
    r"\byou (?:may|can|are free to|are welcome to) use social media\b.{0,60}\b(?:at work|during the "
    r"working day|during working hours|on (?:our|company) devices|for personal reasons)"
)


# Guest access: a general ban, or guests let in. A ban on guests in some spaces only ("never invite Guests
# into an Open Space") is a condition of letting them in, not a ban.
_NO_GUESTS = keyed(
    r"\b(?:guests?|external users|people from outside(?: \w+){0,3}) (?:are|is) not (?:allowed|permitted)\b"
    r"(?! (?:in|into|to) (?:an? |the |our )?(?:open|confidential|private|restricted|sensitive))|"
    r"\bno guests?\b(?! (?:in|into) (?:an? |the )?(?:open|confidential|private|restricted))"
)
_GUESTS = keyed(
    r"\b(?:you|members?|owners?|space owners?) (?:may|can) (?:invite|add) guests?\b|"
    r"\bguests? (?:are|is) (?:allowed|welcome|permitted)\b|\bguests? (?:may|can) (?:join|be invited)\b"
)
# Employee advocacy: no programme, or a programme (a text rarely says whether it is voluntary or rewarded
# in a way that could be told apart reliably, so a programme agrees with either).
_NO_ADVOCACY = keyed(
    r"\b(?:do not|don't|does not|doesn't|will not|won't) (?:run|have|operate|offer) an? "
    r"(?:employee )?(?:advocacy|ambassador) (?:programme|program|scheme)\b|"
    r"\bthere is no (?:employee )?(?:advocacy|ambassador) (?:programme|program|scheme)\b"
)
_ADVOCACY = keyed(
    r"\b(?:our|the|this|an?) (?:employee )?(?:advocacy|ambassador) (?:programme|program|scheme)\b"
)


def text_stances(text: str) -> dict[str, str]:
    """Stances that plain text takes, for clauses that do not declare theirs (custom and imported)."""
    return dict(_text_stances(text))


@lru_cache(maxsize=16384)
def _text_stances(text: str) -> tuple[tuple[str, str], ...]:
    found = []
    low = text.lower()
    if (
        any(k in low for k in ("block", "not access", "not use", "no personal"))
        and _BLOCKED.search(text)
        and not _NOT_BLOCKED.search(text)
    ):
        found.append(("personal-use-at-work", "blocked"))
    elif "social media" in low and _OPEN.search(text):
        found.append(("personal-use-at-work", "allowed"))
    no_guests, guests = bool(_NO_GUESTS.search(text)), bool(_GUESTS.search(text))
    if no_guests != guests:  # a text that says both is read as saying neither
        found.append(("guest-access", "not-allowed" if no_guests else "allowed"))
    if _NO_ADVOCACY.search(text):
        found.append(("employee-advocacy", "none"))
    elif _ADVOCACY.search(text):
        found.append(("employee-advocacy", "programme"))
    return tuple(found)


def stances_of(block: Block) -> Mapping[str, str]:
    return block.stances or (text_stances(block.text) if block.origin != "library" else {})


@rule("structure.contradictory-stances")
def contradictory_stances(doc: Document, ctx: Context) -> Iterator[Finding]:
    first: dict[str, tuple[str, Section, Block]] = {}
    for section, block in doc.blocks():
        for question, answer in stances_of(block).items():
            if question not in first:
                first[question] = (answer, section, block)
                continue
            answer0, _, block0 = first[question]
            if _compatible(question, answer0, answer):
                continue
            fix = switch_to(ctx, block, _takes(question, answer0))
            if fix is not None and fix.args.get("to") == block0.clause_id:
                fix = None  # the alternative is already in the document: one of the two should go
            if fix is None and block.slot and block.slot == block0.slot:
                fix = Fix(
                    FixKind.REMOVE_CLAUSE, f"Remove clause {block.clause_id}", {"clause": block.clause_id}
                )
            yield ctx.finding(
                "structure.contradictory-stances",
                f"'{block.title}' says {question.replace('-', ' ')} is '{answer}', but '{block0.title}' "
                f"({block0.number}) says '{answer0}'.",
                section,
                block,
                fix=fix,
            )


def _takes(question: str, answer: str) -> Callable[[Clause], bool]:
    def accept(clause: Clause) -> bool:
        return clause.stances.get(question) == answer

    return accept


def _compatible(question: str, a: str, b: str) -> bool:
    """Whether two answers to ``question`` agree. Stances read from text are broader than declared ones:
    personal use "allowed" agrees with any declared answer but "blocked"; an advocacy "programme" with
    any but "none"."""
    if a == b:
        return True
    if question == "personal-use-at-work":
        return "allowed" in (a, b) and "blocked" not in (a, b)
    if question == "employee-advocacy":
        return "programme" in (a, b) and "none" not in (a, b)
    return False


# --------------------------------------------------------------------------- duplicates

SKETCH = 8  # shingles kept per text: the smallest hashes (a bottom-k sketch)


@lru_cache(maxsize=16384)
def _shingle_hash(shingle: tuple[str, str, str]) -> int:
    """A hash of three words that is the same in every run: Python's own ``hash`` of strings changes from
    one process to the next, and with it which texts the sketches pair up (a gate must not flicker). A
    collision only makes two texts candidates, which the ratio then judges."""
    return crc32("\x1f".join(shingle).encode("utf-8"))


@lru_cache(maxsize=65536)
def _sketch(text: str) -> tuple[frozenset[int], int]:
    """The ``SKETCH`` smallest word 3-shingle hashes of ``text``, and how many shingles it has (cached: the
    dry runs that try each fix check documents that differ from the first in one clause)."""
    words = text_words(text)
    shingles = set(map(_shingle_hash, zip(words, words[1:], words[2:], strict=False)))
    return frozenset(sorted(shingles)[:SKETCH]), len(shingles)


CROWDED = 32  # a shingle hash shared by more texts than this is boilerplate, not evidence of a copy


def near_duplicate_pairs(texts: list[str], threshold: float = 90.0) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, score)`` of texts that are the same or nearly so (rapidfuzz ratio >= threshold).

    Texts with the same words in the same order pair up through a dictionary. For the rest, texts that
    are 90% alike share most of the smallest hashes of their word 3-shingles, so only texts whose
    sketches share at least two hashes (one for very short texts) are compared, hashes shared by many
    texts are ignored as boilerplate, and each text is reported against its first near-duplicate only.
    The work grows linearly with the number of texts.
    """
    from rapidfuzz import fuzz

    pairs: list[tuple[int, int, float]] = []
    first: dict[str, int] = {}
    unique: list[int] = []
    keys: dict[str, str] = {}
    for i, t in enumerate(texts):
        key = keys.get(t)
        if key is None:  # the same words in the same order: the same wording
            key = keys[t] = " ".join(text_words(t))
        if key in first:
            pairs.append((first[key], i, 100.0))
        else:
            first[key] = i
            unique.append(i)
    index: dict[int, list[int]] = {}
    shared: dict[tuple[int, int], int] = {}
    sketches = {i: _sketch(texts[i])[0] for i in unique}
    for i in unique:
        for h in sketches[i]:
            bucket = index.setdefault(h, [])
            if len(bucket) <= CROWDED:
                for j in bucket:
                    shared[j, i] = shared.get((j, i), 0) + 1
            bucket.append(i)
    matched: set[int] = set()
    for (i, j), n in sorted(shared.items()):
        if j in matched or n < min(2, len(sketches[i]), len(sketches[j])):
            continue
        a, b = texts[i], texts[j]
        if min(len(a), len(b)) < threshold / 100 * max(len(a), len(b)):
            continue
        score = fuzz.ratio(a, b, score_cutoff=threshold)
        if score:
            pairs.append((i, j, score))
            matched.add(j)
    return sorted(pairs)


@rule("structure.near-duplicate")
def near_duplicate(doc: Document, ctx: Context) -> Iterator[Finding]:
    items = [(s, b) for s, b in doc.blocks() if len(b.text) >= 60]
    for i, j, score in near_duplicate_pairs([b.text for _, b in items]):
        (_, b1), (s2, b2) = items[i], items[j]
        same = "the same wording as" if score >= 100 else f"nearly the same text ({score:.0f}% alike) as"
        yield ctx.finding(
            "structure.near-duplicate",
            f"'{b2.title}' ({b2.number}) has {same} '{b1.title}' ({b1.number}).",
            s2,
            b2,
            excerpt=b2.text[:120],
            fix=Fix(FixKind.REMOVE_CLAUSE, f"Remove clause {b2.clause_id}", {"clause": b2.clause_id}),
        )


_DIGITS = re.compile(r"\d+")


@rule("structure.numbering-gap")
def numbering_gap(doc: Document, ctx: Context) -> Iterator[Finding]:
    last: dict[tuple[int, ...], int] = {}
    for _, number, heading in doc.numbering:
        parts = tuple(int(p) for p in _DIGITS.findall(number))
        if not parts:
            continue
        parent, n = parts[:-1], parts[-1]
        before = last.get(parent)
        last[parent] = n
        if (before is None and n <= 1) or (before is not None and n == before + 1):
            continue
        label = ".".join(map(str, parts))
        if before is not None and n <= before:
            message = (
                f"Heading {label} ('{heading}') comes after {'.'.join(map(str, (*parent, before)))}: "
                "the number is repeated or goes back."
            )
        else:
            first = (before or 0) + 1
            missing = ".".join(map(str, (*parent, first)))
            if n - first > 1:
                missing += f" to {'.'.join(map(str, (*parent, n - 1)))}"
            message = f"Heading {label} ('{heading}') skips {missing}."
        section, block = _heading_place(doc, heading)
        yield ctx.finding("structure.numbering-gap", message, section, block, excerpt=f"{number} {heading}")


def _heading_place(doc: Document, heading: str) -> tuple[Section | None, Block | None]:
    """The section, or the clause and its section, that a heading of the source became."""
    for section in doc.sections:
        if section.title == heading:
            return section, None
        for block in section.blocks:
            if block.title == heading:
                return section, block
    return None, None


@rule("structure.duplicate-heading")
def duplicate_heading(doc: Document, ctx: Context) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for section in doc.sections:
        key = section.title.strip().casefold()
        if key in seen:
            yield ctx.finding(
                "structure.duplicate-heading",
                f"Section {section.number} has the same heading as section {seen[key]}: '{section.title}'.",
                section=section,
            )
        else:
            seen[key] = section.number
    clauses: dict[str, str] = {}
    for section, block in doc.blocks():
        key = block.title.strip().casefold()
        if key in clauses and key != section.title.strip().casefold():
            yield ctx.finding(
                "structure.duplicate-heading",
                f"Clause {block.number} has the same heading as clause {clauses[key]}: '{block.title}'.",
                section,
                block,
            )
        clauses.setdefault(key, block.number)


@rule("structure.empty-clause")
def empty_clause(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        if not block.text.strip() or block.text.strip() == "(This clause had no text.)":
            yield ctx.finding(
                "structure.empty-clause",
                f"Clause '{block.title}' has no text.",
                section,
                block,
                fix=Fix(
                    FixKind.REMOVE_CLAUSE, f"Remove clause {block.clause_id}", {"clause": block.clause_id}
                ),
            )
