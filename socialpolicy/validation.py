"""What ``library validate`` checks beyond the schema and the syntax of each text.

Every clause's history must hold each earlier version once. Every body, title, definition and condition
is filled in, as a document would fill it in, with sample answers for each kind of document the clause
is for, under the sandbox's budget: a clause that would freeze or crash a document is found here, in the
library's own CI, with the file and the clause named.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from socialpolicy import answers as answers_mod
from socialpolicy import sandbox, templates
from socialpolicy.errors import InputError
from socialpolicy.library import Library
from socialpolicy.library_tools import history_problems
from socialpolicy.model import Clause, Question

# Steps all the sample renders of one library file may take together, beyond a floor per clause: a
# library of ordinary clauses uses a few hundred steps a clause; one that tries to exhaust the budget
# in every clause is stopped when the file's share runs out.
STEPS_PER_CLAUSE = 2_000


def _sample(question: Question, *, everything: bool) -> Any:
    """A plausible answer to ``question``: its default, or one made up from its type."""
    if question.type == "multichoice":
        return (
            [c.value for c in question.choices]
            if everything or question.default is None
            else question.default
        )
    if question.default is not None and not everything:
        return question.default
    if question.type == "yesno":
        return everything or bool(question.default)
    if question.type == "choice":
        values = [c.value for c in question.choices]
        if question.default is not None:
            return question.default if not everything or len(values) < 2 else values[-1]
        return values[0] if values else "sample"
    if question.type == "number":
        low = question.validation.get("minimum", 1)
        return question.default if question.default is not None else low
    if question.type == "date":
        return question.default or "2027-01-15"
    if question.type == "email":
        return question.default or "policy@example.org"
    return question.default if question.default is not None else f"Sample {question.id.replace('_', ' ')}"


@cache
def sample_answers(kinds: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
    """Two sets of answers for a clause of ``kinds`` (every kind when empty): the defaults, and one with
    every yes/no question true and every choice list full, so both sides of common conditions run."""
    chosen = [t for t in templates.available() if not kinds or t.id in kinds] or templates.available()
    out = []
    for everything in (False, True):
        answers: dict[str, Any] = {}
        for template in chosen:
            for question in template.questions:
                answers.setdefault(question.id, _sample(question, everything=everything))
        out.append(answers_mod.context(answers))
    return tuple(out)


def _ref(section_id: Any = "") -> str:
    return f"[section 1](#sec-{section_id}) (Sample)"


def _texts(clause: Clause, pointer: str) -> Iterator[tuple[str, str, bool]]:
    """(text, JSON pointer, is a condition) for everything of the clause that is filled in."""
    yield clause.body, f"{pointer}/body", False
    yield clause.title, f"{pointer}/title", False
    for i, term in enumerate(clause.defines):
        yield term.definition, f"{pointer}/defines/{i}/definition", False
    for h, old in enumerate(clause.history):
        yield old.body, f"{pointer}/history/{h}/body", False
    if clause.condition:
        yield clause.condition, f"{pointer}/condition", True


def library_problems(lib: Library, path: str | Path) -> list[InputError]:
    """Everything wrong with the clauses of one library file, in file order, each naming the file, the
    place in it and the clause."""
    problems: list[InputError] = []
    with sandbox.document_budget(steps=max(sandbox.MAX_DOCUMENT_STEPS, STEPS_PER_CLAUSE * len(lib))):
        for i, clause in enumerate(lib):
            pointer = f"/clauses/{i}"
            name = f"{lib.id}:{clause.id}"
            problems += [
                InputError(path, problem, f"{pointer}/history", clause=name)
                for problem in history_problems(clause)
            ]
            for answers in sample_answers(tuple(clause.kinds)):
                failure = _first_failure(clause, pointer, answers, str(path))
                if failure is not None:
                    problems.append(failure.in_clause(name))
                    break
    return problems


def _first_failure(clause: Clause, pointer: str, answers: dict[str, Any], path: str) -> InputError | None:
    for text, where, condition in _texts(clause, pointer):
        try:
            if condition:
                sandbox.evaluate(text, answers, source=path, where=where)
            else:
                sandbox.render(text, answers, functions={"ref": _ref}, source=path, where=where)
        except InputError as exc:
            return exc
    return None
