"""The space of answers a template can be given, walked question by question.

A clause's reach depends only on a few answers: its own condition, the ``when`` of its section and of
its entry, and, in a slot, the conditions of the choices before it. :func:`assignments` enumerates
every combination of the answers a set of questions can take (choices, yes/no, every non-empty set of
jurisdictions; numbers at their bounds and default; text at its default), and :func:`answers_for`
turns one into a full answer set the way the wizard would: defaults for everything else, and no
answer to a question whose ``when`` does not hold.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import meta

from socialpolicy import answers as answers_mod
from socialpolicy import sandbox
from socialpolicy.model import Entry, Question, Template

JURISDICTION_SETS = tuple(list(c) for n in (1, 2, 3) for c in itertools.combinations(("us", "uk", "eu"), n))


@cache
def names_in(text: str, *, expression: bool = False) -> frozenset[str]:
    """The answer names a clause text or a condition refers to."""
    if not text:
        return frozenset()
    source = f"{{{{ ({text}) }}}}" if expression else text
    return frozenset(meta.find_undeclared_variables(sandbox._BODY_ENV.parse(source))) - {"ref"}


def domain(question: Question) -> list[Any]:
    """The answers worth trying for a question."""
    if question.id == "jurisdictions":
        return [list(j) for j in JURISDICTION_SETS]
    if question.type in ("choice",):
        return [c.value for c in question.choices]
    if question.type == "yesno":
        return [True, False]
    if question.type == "multichoice":
        return [question.default, [c.value for c in question.choices]]
    if question.type == "number":
        v = question.validation
        return sorted({x for x in (v.get("min"), question.default, v.get("max")) if x is not None})
    return [question.default]


@dataclass(frozen=True)
class Place:
    """Where a clause sits in a template: its section's and entry's conditions, and the slot choices before it."""

    clause: str
    section_when: str
    entry_when: str
    before: tuple[str, ...]  # slot choices tried before this one
    slot_default: str
    choices: tuple[str, ...] = ()  # every choice of the slot


def places(template: Template) -> dict[str, list[Place]]:
    found: dict[str, list[Place]] = {}
    for spec in template.sections:
        for entry in spec.entries:
            for place in _places_of(spec.when, entry):
                found.setdefault(place.clause, []).append(place)
    return found


def _places_of(section_when: str, entry: Entry) -> Iterator[Place]:
    if entry.clause:
        yield Place(entry.clause, section_when, entry.when, (), "")
        return
    for i, choice in enumerate(entry.choices):
        yield Place(choice, section_when, entry.when, entry.choices[:i], entry.default, entry.choices)


def relevant_names(template: Template, clause: Any, *, text: bool = False) -> frozenset[str]:
    """The answers that decide whether ``clause`` is in a document (and, with ``text``, what it says)."""
    known = {q.id for q in template.questions}
    found = set(names_in(clause.condition, expression=True))
    for place in places(template).get(clause.id, ()):
        found |= names_in(place.section_when, expression=True) | names_in(place.entry_when, expression=True)
        for other in place.choices if place.slot_default == clause.id else place.before:
            found |= _condition_names(other)
    if text:
        for part in (clause.body, clause.title, *(t.definition for t in clause.defines)):
            found |= names_in(part)
    return frozenset(found & known)


_CONDITIONS: dict[str, str] = {}


def register_conditions(clauses: Iterable[Any]) -> None:
    for c in clauses:
        _CONDITIONS[c.id] = c.condition


def _condition_names(clause_id: str) -> frozenset[str]:
    return names_in(_CONDITIONS.get(clause_id, ""), expression=True)


def answers_for(template: Template, assignment: dict[str, Any]) -> dict[str, Any]:
    """Defaults with ``assignment`` on top, without answers to questions that do not apply."""
    answers = {**template.defaults(), **assignment}
    for _ in range(3):  # a question's ``when`` may depend on another that was just dropped
        for q in template.questions:
            if q.id in answers and q.when and not answers_mod.applies(q, answers):
                del answers[q.id]
    return answers


def assignments(template: Template, names: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Every combination of the answers the named questions can take."""
    questions = [q for q in template.questions if q.id in set(names)]
    for values in itertools.product(*(domain(q) for q in questions)):
        yield {q.id: v for q, v in zip(questions, values, strict=True)}


def reachable(place: Place, variables: dict[str, Any], condition: str, *, own: bool = False) -> bool:
    """Whether the clause at ``place`` is in a document assembled from ``variables`` (with ``own``: whether
    its own condition and its section's hold, whichever choice of its slot wins)."""
    ev = sandbox.evaluate
    if place.section_when and not ev(place.section_when, variables):
        return False
    if place.entry_when and not ev(place.entry_when, variables):
        return False
    if own:
        return ev(condition, variables)
    if ev(condition, variables) and not any(ev(_CONDITIONS.get(o, ""), variables) for o in place.before):
        return True
    # A slot whose choices all fail falls back to its default.
    if place.slot_default == place.clause:
        return not any(ev(_CONDITIONS.get(o, ""), variables) for o in place.choices)
    return False


def selected(template: Template, clause: Any, answers: dict[str, Any], *, own: bool = False) -> bool:
    variables = answers_mod.context(answers)
    return any(
        reachable(p, variables, clause.condition, own=own) for p in places(template).get(clause.id, ())
    )
