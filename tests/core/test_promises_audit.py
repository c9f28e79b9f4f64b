"""The absolute-promise audit: no promise in the library is broken by a clause that can share a document
with it, for any answers.

The answer space is too large to assemble every document (tens of thousands per template), but a
conflict needs only two clauses, and each clause's text and reach depend on a handful of answers. So:

1. every clause is rendered under every combination of the answers its reach and text depend on, and
   the promises and breaking statements in each rendering are collected;
2. every promise is paired with every breaking statement of the same kind in another clause, under
   merged answers that agree with both;
3. each such document is assembled and rendered in full and the real ``promises.contradiction`` rule
   runs on it. Zero findings is the result.

The same audit over the library as it was before this review (every clause's first version) finds the
conflicts the lawyer's review reported, so it is not a check that cannot fail.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from socialpolicy import answers as answers_mod
from socialpolicy import checks, sandbox, templates
from socialpolicy.assembly import assemble
from socialpolicy.checks.promises import statements
from socialpolicy.library import Catalog, Library, builtin
from socialpolicy.model import Clause, Template
from socialpolicy.render import parse_markdown, render
from tests.conftest import TEMPLATE_IDS
from tests.core import answer_space as space


@dataclass
class Audit:
    renderings: int = 0  # clause texts rendered
    promises: int = 0  # unqualified promises found in them
    breaking: int = 0  # statements found in them that would break a promise of the same kind
    candidates: int = 0  # promise and breaking statement pairs that can share a document
    documents: int = 0  # full documents assembled, rendered and checked
    findings: list[str] = field(default_factory=list)


def _text(clause: Clause, answers: dict[str, Any]) -> str:
    body, _ = sandbox.render(
        clause.body, answers_mod.context(answers), functions={"ref": lambda *_: "section 9"}
    )
    return parse_markdown(body).text


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    if any(a[k] != b[k] for k in a.keys() & b.keys()):
        return None
    return {**a, **b}


def audit(template: Template, library: Library) -> Audit:
    """Run the audit over ``template`` with the clauses of ``library``."""
    result = Audit()
    clauses = {c.id: c for c in library if c.id in space.places(template)}
    space.register_conditions(clauses.values())
    promises: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    breaches: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for clause in clauses.values():
        names = space.relevant_names(template, clause, text=True)
        for assignment in space.assignments(template, names):
            answers = space.answers_for(template, assignment)
            if not space.selected(template, clause, answers):
                continue
            result.renderings += 1
            kept = {k: answers[k] for k in assignment if k in answers}
            for s in statements(_text(clause, answers)):
                target = promises if s.kind == "promise" else breaches
                result.promises += s.kind == "promise"
                result.breaking += s.kind == "breach"
                target.setdefault(s.topic.id, []).append((clause.id, kept))
    merged: dict[str, dict[str, Any]] = {}
    for topic, made in promises.items():
        for (pc, pa), (bc, ba) in ((p, b) for p in made for b in breaches.get(topic, ()) if p[0] != b[0]):
            both = _merge(pa, ba)
            if both is None:
                continue
            answers = space.answers_for(template, both)
            if space.selected(template, clauses[pc], answers) and space.selected(
                template, clauses[bc], answers
            ):
                result.candidates += 1
                merged.setdefault(json.dumps(answers, sort_keys=True), answers)
    catalog = Catalog([library])
    for answers in merged.values():
        doc = render(assemble(template, answers, catalog), catalog, template)
        result.documents += 1
        for f in checks.run(doc, catalog=catalog, only=["promises.contradiction"]).findings:
            result.findings.append(f"{f.clause}: {f.message} [answers: {_brief(answers)}]")
    space.register_conditions(builtin())
    return result


def _brief(answers: dict[str, Any]) -> str:
    keys = ("jurisdictions", "sector", "public_employer", "listed", "monitoring", "advocacy", "share_news")
    return ", ".join(f"{k}={answers[k]}" for k in keys if k in answers)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_no_promise_is_broken_for_any_answers(template_id: str) -> None:
    result = audit(templates.get(template_id), builtin())
    assert result.renderings > 300 and result.promises > 0 and result.breaking > 20, result
    assert result.findings == [], "\n".join(sorted(set(result.findings)))


def _first_versions(library: Library) -> Library:
    return library.with_clauses(replace(c, body=c.history[-1].body) for c in library if c.history)


# Conflicts the review found in the first versions, as (promising clause, topic words in the message).
REPORTED: dict[str, Iterable[tuple[str, str]]] = {
    "social-media-policy": (
        ("smp.access.passwords", "never to ask for access to a personal account"),
        ("smp.questions.contact", "never need approval before posting"),
        ("smp.monitoring.us", "not to watch or record protected activity"),
        ("smp.rights.us", "does not apply"),
        ("smp.patient.core", "never to post patient information"),
    ),
    "internal-collaboration": (
        ("icg.reporting.how", "reporting is the employee's choice"),
        ("icg.external.listed", "never to share the information outside"),
    ),
    "governance-charter": (("gov.moderation.finance", "not asked to share"),),
}


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_the_audit_finds_the_conflicts_of_the_first_versions(template_id: str) -> None:
    result = audit(templates.get(template_id), _first_versions(builtin()))
    assert result.documents >= 1
    for clause_id, words in REPORTED[template_id]:
        assert any(f.startswith(f"{clause_id}:") and words in f for f in result.findings), (clause_id, words)
