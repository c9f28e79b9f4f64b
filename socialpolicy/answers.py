"""Wizard answers: checking them against the template's questions and deriving shared values."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from socialpolicy import sandbox
from socialpolicy.errors import InputError
from socialpolicy.model import Question, Template

# Unambiguous (dots only between parts), so a long non-address fails in linear time.
EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
MAX_REVIEW_MONTHS = 1200
MAX_ANSWER_CHARS = 20_000  # one text answer; longer text belongs in a clause, not an answer


def problem(question: Question, value: Any) -> str | None:
    """What is wrong with ``value`` as an answer to ``question``, or ``None``."""
    v = question.validation
    kind = question.type
    if kind in ("text", "longtext", "email", "date"):
        if not isinstance(value, str):
            return "expected text"
        if len(value) > MAX_ANSWER_CHARS:
            return f"is longer than {MAX_ANSWER_CHARS:,} characters"
        if kind == "email" and value and not EMAIL.match(value):
            return "not an email address"
        if kind == "date" and value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return "not a date in the form YYYY-MM-DD"
        if "min_length" in v and len(value.strip()) < v["min_length"]:
            return v.get("message") or f"needs at least {v['min_length']} characters"
        if "max_length" in v and len(value) > v["max_length"]:
            return v.get("message") or f"is longer than {v['max_length']} characters"
        if "pattern" in v:
            try:
                if not re.fullmatch(v["pattern"], value):
                    return v.get("message") or "is not in the expected form"
            except re.error:
                return "the template's validation pattern is invalid"
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "expected a number"
        if "min" in v and value < v["min"]:
            return v.get("message") or f"must be at least {v['min']}"
        if "max" in v and value > v["max"]:
            return v.get("message") or f"must be at most {v['max']}"
    elif kind == "yesno":
        if not isinstance(value, bool):
            return "expected true or false"
    elif kind == "choice":
        allowed = [c.value for c in question.choices]
        if value not in allowed:
            return "must be one of " + ", ".join(repr(a) for a in allowed)
    elif kind == "multichoice":
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            return "expected a list of choices"
        choices = {c.value for c in question.choices}
        bad = [x for x in value if x not in choices]
        if bad:
            return f"{bad[0]!r} is not one of the choices"
        if len(set(value)) != len(value):
            return "a choice is listed twice"
        if "min_items" in v and len(value) < v["min_items"]:
            return v.get("message") or f"choose at least {v['min_items']}"
    return None


def applies(question: Question, answers: dict[str, Any]) -> bool:
    return not question.when or sandbox.evaluate(
        question.when, answers, where=f"question {question.id} /when"
    )


def validate(template: Template, answers: Any, source: str | Path | None) -> dict[str, Any]:
    """Check an answers object; raise :class:`InputError` with a JSON pointer for the first problem."""
    if not isinstance(answers, dict):
        raise InputError(source, "answers must be a JSON object of question id -> answer")
    known = {q.id: q for q in template.questions}
    for key in answers:
        if key not in known:
            raise InputError(source, f"no question {key!r} in template {template.id!r}", f"/{key}")
    for q in template.questions:
        if q.id in answers and answers[q.id] is not None:
            issue = problem(q, answers[q.id])
            if issue:
                raise InputError(source, f"{q.label}: {issue}", f"/{q.id}")
    return dict(answers)


def missing_required(template: Template, answers: dict[str, Any]) -> list[Question]:
    return [
        q
        for q in template.questions
        if q.required and applies(q, answers) and answers.get(q.id) in (None, "", [])
    ]


def review_date(answers: dict[str, Any]) -> str:
    """Effective date plus the review period, or '' when either is missing."""
    try:
        start = dt.date.fromisoformat(str(answers.get("effective_date", "")))
        months = int(answers.get("review_months") or 0)
    except (ValueError, TypeError, OverflowError):
        return ""
    if not 0 < months <= MAX_REVIEW_MONTHS:
        return ""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


def context(answers: dict[str, Any]) -> dict[str, Any]:
    """Variables a clause can use: the answers plus values derived from them."""
    variables = dict(answers)
    variables.setdefault("review_date", review_date(answers) or None)
    return {k: v for k, v in variables.items() if v is not None}
