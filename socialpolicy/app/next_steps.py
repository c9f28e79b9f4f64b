"""Next steps: what the organisation still has to decide or do before the document can work, each with
the place in the app that settles it, and ticked off once it is settled.

A document is only the written half of a social media programme. The source articles of the product
name the other half: a senior sponsor, a lead with a team, a council across levels, objectives with
measures, progress reported, training over weeks, and staff hearing about campaigns before customers.
The list is read from the wizard's answers, the checker's readiness findings and the coverage report;
nothing here needs a window (tested in ``tests/app/test_next_steps.py``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from socialpolicy.checks import Finding, Report
from socialpolicy.document import Document
from socialpolicy.model import Template

# Where a step is settled: a wizard question, a clause of the document, or a library clause to add.
QUESTION, CLAUSE, INSERT = "question", "clause", "insert"
LINK_LABELS = {QUESTION: "Answer the question", CLAUSE: "Go to the clause", INSERT: "Add the clause"}

_PLACEHOLDER = re.compile(
    r"^\s*(?:\[.*\]|\{\{.*\}\}|tbd|tbc|xx+|to be (?:decided|confirmed)|n/?a|-+|\?+)\s*$", re.I
)


@dataclass(frozen=True, slots=True)
class Link:
    """Where a step is settled: ``kind`` is QUESTION (``ref`` a question id), CLAUSE (a clause of the
    document) or INSERT (a library clause id to add)."""

    kind: str
    ref: str
    label: str


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    title: str  # what to decide or do, as an instruction
    why: str  # one or two plain sentences
    done: bool
    link: Link | None = None
    detail: str = ""  # what the document says now, or what is still missing


@dataclass(frozen=True, slots=True)
class Need:
    """One thing a working programme needs, and how to tell that the document settles it."""

    id: str
    title: str
    why: str
    kinds: tuple[str, ...]
    questions: tuple[str, ...] = ()  # wizard questions that settle it (all must be answered)
    topics: tuple[str, ...] = ()  # coverage topics that must be covered (those the document must cover)
    rules: tuple[str, ...] = ()  # checker rules whose findings say it is not settled yet
    enough: Enough | None = None  # an answer that must be more than given


@dataclass(frozen=True, slots=True)
class Enough:
    """An answer that must pass ``test`` to settle the need; ``short`` says what is wrong when it does not."""

    question: str
    test: Callable[[Any], bool]
    short: str

    def problem(self, answers: Mapping[str, Any]) -> str:
        return "" if self.test(answers.get(self.question)) else self.short


def _at_least(least: int) -> Callable[[Any], bool]:
    def test(value: Any) -> bool:
        try:
            return int(value or 0) >= least
        except (TypeError, ValueError):
            return False

    return test


NEEDS_FILE = Path(__file__).with_name("next_steps.toml")
_NEED_KEYS = {"id", "title", "why", "kinds", "questions", "topics", "rules", "enough"}


def _equal_to(expected: Any) -> Callable[[Any], bool]:
    def test(value: Any) -> bool:
        return type(value) is type(expected) and value == expected

    return test


def _need(entry: dict[str, Any]) -> Need:
    where = f"{NEEDS_FILE.name} [need {entry.get('id', '?')}]"
    if unknown := set(entry) - _NEED_KEYS:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if missing := {"id", "title", "why", "kinds"} - set(entry):
        raise ValueError(f"{where}: no {', '.join(sorted(missing))}")
    enough = None
    if (e := entry.get("enough")) is not None:
        if set(e) not in ({"question", "at_least", "short"}, {"question", "equals", "short"}):
            raise ValueError(f"{where}: enough has a question, at_least or equals, and short")
        test = _at_least(e["at_least"]) if "at_least" in e else _equal_to(e["equals"])
        enough = Enough(e["question"], test, e["short"])
    return Need(
        entry["id"],
        entry["title"],
        entry["why"],
        tuple(entry["kinds"]),
        tuple(entry.get("questions", ())),
        tuple(entry.get("topics", ())),
        tuple(entry.get("rules", ())),
        enough,
    )


# What a working programme needs, in the order the panel lists it: the steps' words and what settles each
# are in next_steps.toml, so they can be reviewed (and translated) without reading code.
NEEDS: tuple[Need, ...] = tuple(
    _need(entry) for entry in tomllib.loads(NEEDS_FILE.read_text(encoding="utf-8"))["need"]
)


def answered(value: Any) -> bool:
    """Whether an answer settles its question: given, and not a placeholder such as "[Name]" or "TBD"."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and not _PLACEHOLDER.match(value)
    if isinstance(value, list | tuple | set | frozenset):
        return bool(value)
    return True


def next_steps(
    document: Document, report: Report | None, template: Template | None = None
) -> tuple[Step, ...]:
    """What is still to decide or do for ``document``, in a sensible order, each ``done`` or not.

    ``report`` is the checker's report on this document (``None`` while the first check runs: then only
    the answers count); ``template`` gives the wizard's questions (``None`` for an imported document)."""
    kind = document.template_id if document.source_kind == "project" else ""
    findings = [f for f in (report.findings if report else ()) if f.accepted is None]
    covered = set(report.covered) if report else set()
    missing = set(report.missing) if report else set()
    required = {t.id for t in document.coverage} | covered | missing
    gaps = _topic_findings(document, report)
    steps: list[Step] = []
    used_rules: set[str] = set()
    used_topics: set[str] = set()
    for need in NEEDS:
        if kind not in need.kinds:
            continue
        questions = tuple(
            q for q in need.questions if template is not None and template.question(q) is not None
        )
        topics = tuple(t for t in need.topics if t in required)
        used_rules.update(need.rules)
        used_topics.update(topics)
        found = [f for f in findings if f.rule in need.rules]
        found += [gaps[t] for t in topics if t in gaps]
        steps.append(_step(need, document, questions, topics, missing, found))
    steps += _other_findings(findings, used_rules)
    steps += _missing_topics(document, report, used_topics, gaps)
    return tuple(sorted(steps, key=lambda s: s.done))  # stable: open steps first, in the table's order


def _step(
    need: Need,
    document: Document,
    questions: tuple[str, ...],
    topics: tuple[str, ...],
    missing: set[str],
    found: list[Finding],
) -> Step:
    """``found``: the findings that say this need is not settled yet (its rules', its missing topics')."""
    answers = document.answers
    unanswered = [q for q in questions if not answered(answers.get(q))]
    check = need.enough if need.enough is not None and need.enough.question in questions else None
    short = check.problem(answers) if check is not None and not unanswered else ""
    gaps = [t for t in topics if t in missing]
    problem = ""
    if unanswered:
        problem = "Not answered yet."
    elif short:
        problem = short
    elif found:
        problem = found[0].message
    elif gaps:
        problem = "No clause of the document covers it yet."
    link = _link(
        need,
        questions,
        unanswered or ([check.question] if short and check is not None else []),
        found,
        document,
    )
    return Step(
        need.id, need.title, need.why, not problem, link, problem or _settled(document, questions, topics)
    )


def _settled(document: Document, questions: tuple[str, ...], topics: tuple[str, ...]) -> str:
    """What settles a done step: the answer given, or the clause that covers it."""
    values = [_shown(document.answers.get(q)) for q in questions if answered(document.answers.get(q))]
    if values:
        return "Answered: " + "; ".join(values)
    clause = _clause_of(document, topics)
    return f"Covered by the clause '{clause[1]}'." if clause else "Settled."


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def _clause_of(document: Document, topics: tuple[str, ...]) -> tuple[str, str] | None:
    for _, block in document.blocks():
        if block.topic in topics:
            return block.clause_id, block.title
    return None


def _link(
    need: Need,
    questions: tuple[str, ...],
    to_answer: list[str],
    found: list[Finding],
    document: Document,
) -> Link | None:
    """The one place to go: the first question to answer, else the clause to add or to change, else the
    question or clause that settled it (so a done step can still be revisited)."""
    if to_answer:
        return Link(QUESTION, to_answer[0], LINK_LABELS[QUESTION])
    for f in found:
        link = _finding_link(f)
        if link is not None:
            return link
    clause = _clause_of(document, need.topics)
    if clause is not None:
        return Link(CLAUSE, clause[0], LINK_LABELS[CLAUSE])
    if questions:
        return Link(QUESTION, questions[0], "Change the answer")
    return None


def _finding_link(f: Finding) -> Link | None:
    if f.fix is not None and f.fix.kind == "insert-clause" and f.fix.args.get("clause"):
        return Link(INSERT, str(f.fix.args["clause"]), LINK_LABELS[INSERT])
    if f.clause:
        return Link(CLAUSE, f.clause, LINK_LABELS[CLAUSE])
    return None


def _other_findings(findings: list[Finding], used: set[str]) -> list[Step]:
    """Readiness findings no step of the table speaks for (blocking access, for one), each a step."""
    return [
        Step(f"finding:{f.rule}:{f.clause or ''}", f.message, f.reason or "", False, _finding_link(f))
        for f in findings
        if f.rule.startswith("readiness.") and f.rule not in used
    ]


def _topic_findings(document: Document, report: Report | None) -> dict[str, Finding]:
    """The coverage finding of each missing topic (it may carry the clause to add)."""
    if report is None:
        return {}
    labels = {t.id: t.label for t in document.coverage}
    out: dict[str, Finding] = {}
    for f in report.findings:
        if f.rule != "coverage.missing-topic":
            continue
        for topic in report.missing:
            if f"'{labels.get(topic, topic)}'" in f.message:
                out.setdefault(topic, f)
    return out


def _missing_topics(
    document: Document, report: Report | None, used: set[str], gaps: dict[str, Finding]
) -> list[Step]:
    """One step per topic the document should cover and does not, and one that ticks off when all are."""
    if report is None or not (report.covered or report.missing):
        return []
    labels = {t.id: t.label for t in document.coverage}
    steps = []
    for topic in report.missing:
        if topic in used:
            continue
        f = gaps.get(topic)
        steps.append(
            Step(
                f"topic:{topic}",
                f"Add a part on '{labels.get(topic, topic.replace('-', ' '))}'",
                f.reason if f is not None and f.reason else "A complete document of this kind covers it.",
                False,
                _finding_link(f) if f is not None else None,
            )
        )
    total = len(report.covered) + len(report.missing)
    steps.append(
        Step(
            "coverage",
            "Cover every topic a complete document of this kind needs",
            "Reviewers and lawyers will ask about any topic left out.",
            not report.missing,
            None,
            f"{len(report.covered)} of {total} topics covered.",
        )
    )
    return steps
