"""The library forms' checks answer with a pointer, a field and a message, not English to take apart."""

from __future__ import annotations

from socialpolicy.app.validation import (
    FieldProblem,
    clause_problem,
    details_problem,
    parse_stances,
    split_ids,
    unclosed_hint,
)
from socialpolicy.library import builtin

GOOD = {
    "id": "acme.a",
    "version": 1,
    "title": "T",
    "topic": "purpose-scope",
    "body": "Text.",
    "rationale": "Why.",
}


def test_clause_problems_name_the_field() -> None:
    assert clause_problem(GOOD) is None
    assert clause_problem(GOOD, {"acme.a"}) == FieldProblem(
        "/id", "id", "the id 'acme.a' is already used by another clause in this library"
    )
    assert clause_problem({**GOOD, "title": ""}) == FieldProblem(
        "/title", "title", "Title: must not be empty"
    )
    assert clause_problem({**GOOD, "topic": "Bad Topic"}).field == "topic"
    got = clause_problem({**GOOD, "defines": [{"term": "Staff", "definition": ""}]})
    assert got == FieldProblem(
        "/defines/0/definition", "defines", "Defined terms (item 1): must not be empty"
    )
    got = clause_problem({**GOOD, "requires": ["Not An Id"]})
    assert got.pointer == "/requires/0" and got.message.startswith(
        "Requires (item 1): use lower-case letters"
    )
    got = clause_problem({**GOOD, "body": "Hello {{ name"})
    assert got.field == "body" and got.message.endswith("(the '{{' on line 1 is not closed with '}}')")
    assert clause_problem({**GOOD, "condition": "sector =="}).field == "condition"
    assert clause_problem({**GOOD, "sources": [{"citation": "x", "url": 5}]}).message.startswith(
        "Sources (item 1):"
    )


def test_every_builtin_clause_is_valid() -> None:
    assert [c.id for c in builtin() if clause_problem(c.to_dict()) is not None] == []


def test_library_details_and_helpers() -> None:
    assert details_problem({"id": "acme", "title": "A", "version": "1"}) is None
    assert details_problem({"id": "Acme", "title": "A", "version": "1"}) == FieldProblem(
        "/id", "id", "Id: use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
    )
    assert details_problem({"id": "acme", "title": "", "version": "1"}).message == "Title: must not be empty"
    assert parse_stances("tone = open\n\nuse = work") == ({"tone": "open", "use": "work"}, None)
    assert parse_stances("tone")[1].message == "Stances, line 1: write each stance as key = value"
    assert "given twice" in parse_stances("a = 1\na = 2")[1].message
    assert split_ids("a, b  c") == ["a", "b", "c"]
    assert unclosed_hint("ok {{ x }} then {% if") == " (the '{%' on line 1 is not closed with '%}')"
    assert unclosed_hint("{{ x }}") == ""
