"""Structure and consistency: what makes a document incomplete or self-contradictory."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, Fix, rule
from socialpolicy.document import Block, Document, Section
from socialpolicy.sandbox import placeholder


@rule("structure.unfilled-variable", "error",
      "A clause uses an answer that was never given, so the document shows a placeholder instead of text. "
      "Answer the question in the wizard, or edit the clause.")
def unfilled_variable(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        for name in block.missing:
            yield ctx.finding("structure.unfilled-variable", f"'{name}' has no answer; the text shows a placeholder.",
                              section=section, block=block, excerpt=placeholder(name))
    for d in doc.definitions:
        if "[to be completed:" in d.text:
            yield ctx.finding("structure.unfilled-variable", f"The definition of '{d.term}' has an unanswered variable.",
                              block=doc.block(d.clause_id), excerpt=d.text[:120], clause=d.clause_id)


@rule("structure.missing-required", "error",
      "A clause depends on another clause that is not in the document, so it refers to rules or terms "
      "the reader cannot find.")
def missing_required(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = {b.clause_id for _, b in doc.blocks()}
    for section, block in doc.blocks():
        for needed in block.requires:
            if needed not in present:
                fix = Fix("insert-clause", f"Insert clause {needed}", {"clause": needed, "after": block.clause_id})
                yield ctx.finding("structure.missing-required",
                                  f"Clause '{block.title}' needs clause '{needed}', which is not in the document.",
                                  section=section, block=block, fix=fix)


@rule("structure.excluded-pair", "error",
      "Two clauses that cannot stand together are both in the document: one replaces or contradicts the other.")
def excluded_pair(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = {b.clause_id: b for _, b in doc.blocks()}
    reported: set[frozenset[str]] = set()
    for section, block in doc.blocks():
        for other in block.excludes:
            pair = frozenset((block.clause_id, other))
            if other in present and pair not in reported:
                reported.add(pair)
                fix = Fix("remove-clause", f"Remove clause {other}", {"clause": other})
                yield ctx.finding("structure.excluded-pair",
                                  f"Clauses '{block.title}' and '{present[other].title}' exclude each other.",
                                  section=section, block=block, fix=fix)


# --------------------------------------------------------------------------- stances

_BLOCKED = re.compile(
    r"\b(?:we|the company|the organi[sz]ation|it)\s+(?:\w+\s+)?block\w*\s+(?:access to\s+)?(?:all\s+)?(?:social media|"
    r"social networking|these sites|such sites)|\b(?:social media|social networking) (?:sites?|apps?|platforms?)?\s*"
    r"(?:are|is|will be|remain)\s+blocked\b|\b(?:may|must) not (?:access|use) (?:personal )?social media\s+"
    r"(?:\w+\s+){0,3}?(?:at work|during working hours|during work time|on (?:company|our) (?:devices|equipment|networks?))|"
    r"\bno personal (?:use of )?social media (?:is allowed|at work|during)", re.IGNORECASE)
_NOT_BLOCKED = re.compile(r"\b(?:do not|don't|never|will not|won't)\s+block|\bnot blocked\b", re.IGNORECASE)
_OPEN = re.compile(r"\byou (?:may|can|are free to|are welcome to) use social media\b.{0,60}\b(?:at work|during the "
                   r"working day|during working hours|on (?:our|company) devices|for personal reasons)", re.IGNORECASE)


def text_stances(text: str) -> dict[str, str]:
    """Stances that plain text takes, for clauses that do not declare theirs (custom and imported)."""
    if _BLOCKED.search(text) and not _NOT_BLOCKED.search(text):
        return {"personal-use-at-work": "blocked"}
    if _OPEN.search(text):
        return {"personal-use-at-work": "allowed"}
    return {}


def stances_of(block: Block) -> dict[str, str]:
    return block.stances or (text_stances(block.text) if block.origin != "library" else {})


@rule("structure.contradictory-stances", "error",
      "Two clauses answer the same question differently (for example, personal use at work is allowed in one "
      "and blocked in another). Readers will follow whichever suits them; keep one answer.")
def contradictory_stances(doc: Document, ctx: Context) -> Iterator[Finding]:
    first: dict[str, tuple[str, Section, Block]] = {}
    for section, block in doc.blocks():
        for question, answer in stances_of(block).items():
            if question not in first:
                first[question] = (answer, section, block)
                continue
            answer0, _, block0 = first[question]
            if _compatible(answer0, answer):
                continue
            fix = None
            if block.slot and block.slot == block0.slot:
                fix = Fix("remove-clause", f"Remove clause {block.clause_id}", {"clause": block.clause_id})
            yield ctx.finding(
                "structure.contradictory-stances",
                f"'{block.title}' says {question.replace('-', ' ')} is '{answer}', but '{block0.title}' "
                f"({block0.number}) says '{answer0}'.",
                section=section, block=block, fix=fix)


def _compatible(a: str, b: str) -> bool:
    # Text-inferred "allowed" agrees with any declared stance other than "blocked".
    return a == b or ("allowed" in (a, b) and "blocked" not in (a, b))


# --------------------------------------------------------------------------- duplicates

_WORDS = re.compile(r"[a-z0-9]+")


def _shingles(text: str) -> set[int]:
    words = _WORDS.findall(text.lower())
    return {hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)}


def near_duplicate_pairs(texts: list[str], threshold: float = 90.0) -> list[tuple[int, int, float]]:
    """Pairs of texts that are the same or nearly so.

    Candidates come from an inverted index of word 3-shingles (shingles shared by many texts are
    ignored), so only texts that share a good part of their wording are compared with rapidfuzz.
    """
    from rapidfuzz import fuzz

    shingles = [_shingles(t) for t in texts]
    index: dict[int, list[int]] = {}
    for i, sh in enumerate(shingles):
        for h in sh:
            index.setdefault(h, []).append(i)
    common = max(8, len(texts) // 10)
    shared: dict[tuple[int, int], int] = {}
    for members in index.values():
        if len(members) < 2 or len(members) > common:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                key = (members[x], members[y])
                shared[key] = shared.get(key, 0) + 1
    exact: dict[str, int] = {}
    pairs: list[tuple[int, int, float]] = []
    seen: set[tuple[int, int]] = set()
    for i, t in enumerate(texts):
        norm = " ".join(t.lower().split())
        if norm and norm in exact:
            pairs.append((exact[norm], i, 100.0))
            seen.add((exact[norm], i))
        else:
            exact.setdefault(norm, i)
    for (i, j), n in shared.items():
        if (i, j) in seen or texts[i].strip().lower() == texts[j].strip().lower():
            continue
        smaller = min(len(shingles[i]), len(shingles[j])) or 1
        if n / smaller < 0.5:
            continue
        score = fuzz.ratio(texts[i], texts[j], score_cutoff=threshold)
        if score:
            pairs.append((i, j, score))
    return sorted(pairs)


@rule("structure.near-duplicate", "warning",
      "Two clauses say the same thing in (nearly) the same words. Duplicates drift apart when one is edited "
      "and leave readers unsure which one applies; keep one.")
def near_duplicate(doc: Document, ctx: Context) -> Iterator[Finding]:
    items = [(s, b) for s, b in doc.blocks() if len(b.text) >= 60]
    for i, j, score in near_duplicate_pairs([b.text for _, b in items]):
        (_, b1), (s2, b2) = items[i], items[j]
        same = "the same text as" if score >= 100 else f"nearly the same text ({score:.0f}% alike) as"
        yield ctx.finding("structure.near-duplicate", f"'{b2.title}' ({b2.number}) has {same} '{b1.title}' ({b1.number}).",
                          section=s2, block=b2, excerpt=b2.text[:120],
                          fix=Fix("remove-clause", f"Remove clause {b2.clause_id}", {"clause": b2.clause_id}))


@rule("structure.duplicate-heading", "warning",
      "Two sections or two clauses have the same heading, so the outline, cross-references and the reader "
      "cannot tell them apart.")
def duplicate_heading(doc: Document, ctx: Context) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for section in doc.sections:
        key = section.title.strip().casefold()
        if key in seen:
            yield ctx.finding("structure.duplicate-heading",
                              f"Section {section.number} has the same heading as section {seen[key]}: '{section.title}'.",
                              section=section)
        else:
            seen[key] = section.number
    clauses: dict[str, str] = {}
    for section, block in doc.blocks():
        key = block.title.strip().casefold()
        if key in clauses and key != section.title.strip().casefold():
            yield ctx.finding("structure.duplicate-heading",
                              f"Clause {block.number} has the same heading as clause {clauses[key]}: '{block.title}'.",
                              section=section, block=block)
        clauses.setdefault(key, block.number)


@rule("structure.empty-clause", "warning",
      "A clause has no text (only a heading), so the document promises something it does not say.")
def empty_clause(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        if not block.text.strip() or block.text.strip() == "(This clause had no text.)":
            yield ctx.finding("structure.empty-clause", f"Clause '{block.title}' has no text.", section=section,
                              block=block, fix=Fix("remove-clause", f"Remove clause {block.clause_id}",
                                                   {"clause": block.clause_id}))
