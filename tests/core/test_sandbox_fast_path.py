"""The fast path (filling in without compiling, sandbox._render_forms) must give exactly what the template
engine gives."""

from __future__ import annotations

import json

import pytest

from socialpolicy import sandbox, sandbox_engine, templates
from socialpolicy.answers import context
from socialpolicy.errors import InputError
from socialpolicy.library import builtin
from tests.conftest import ROOT, TEMPLATE_IDS, fixtures_for


def _engine(text: str, variables: dict, functions: dict) -> tuple[str, list[str]]:
    template = sandbox._compile_body(text)
    found: list[str] = []
    token = sandbox._missing.set(found)
    try:
        with sandbox._running(functions.values()):  # the engine runs only under a budget
            out = template.render({**variables, **functions})
    finally:
        sandbox._missing.reset(token)
    return out, list(dict.fromkeys(found))


FUNCTIONS = {"ref": lambda target: f"[section 9](#sec-{target}) (Somewhere)"}


@pytest.mark.parametrize(
    "text",
    [
        "Plain {{ org_short }} text.\n",
        "{{org_short}} and {{ missing_one }} and {{ missing_one }}.",
        "See {{ ref('reporting') }} or {{ ref( 'x' ) }}.",
        "Windows\r\nline endings {{ org_short }}\r\n",
        "Lists: {{ jurisdictions }}; flags: {{ listed }}; numbers: {{ review_months }}",
        "Stray }} and {{ org_short }}",
    ],
)
def test_fast_path_matches_engine(text: str) -> None:
    variables = {"org_short": "Acme", "jurisdictions": ["us", "uk"], "listed": True, "review_months": 12}
    fast = sandbox._render_forms(text, variables, FUNCTIONS)
    if fast is not None:
        assert fast == _engine(text, variables, FUNCTIONS)


def test_fast_path_declines_what_it_cannot_do() -> None:
    for text in (
        "{% for x in listed %}x{% endfor %}",
        "{{ org_short | upper }}",
        "{{ range }}",
        "{{ a.b }}",
        "{# c #}{{ a }}",
    ):
        assert sandbox._render_forms(text, {"a": 1}, FUNCTIONS) is None


def test_fast_path_takes_if_blocks_and_gives_what_the_engine_gives() -> None:
    text = "{% if listed %}x{% endif %}"
    for variables in ({"listed": True}, {"listed": False}, {}):
        assert sandbox._render_forms(text, variables, FUNCTIONS) == _engine(text, variables, FUNCTIONS)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_builtin_clause_renders_the_same_both_ways(template_id: str) -> None:
    template = templates.get(template_id)
    answer_sets = [template.defaults(), *(json.loads(p.read_text()) for p in fixtures_for(template_id))]
    used = 0
    for clause in builtin():
        for answers in answer_sets:
            variables = context(answers)
            for text in (clause.body, clause.title, *(t.definition for t in clause.defines)):
                fast = sandbox._render_forms(text, variables, FUNCTIONS)
                if fast is not None:
                    used += 1
                    assert fast == _engine(text, variables, FUNCTIONS), clause.id
    assert used > 100


def _conditions(data: object) -> set[str]:
    """Every condition ("when", "condition") in a template or library file."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("when", "condition") and isinstance(value, str) and value.strip():
                    found.add(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _builtin_conditions() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "templates").rglob("*.json"):
        found |= _conditions(json.loads(path.read_text(encoding="utf-8")))
    return found


def test_the_engine_defines_the_globals_the_fast_paths_leave_to_it() -> None:
    assert set(sandbox_engine._BODY_ENV.globals) == set(sandbox.ENGINE_GLOBALS)
    assert set(sandbox_engine._COND_ENV.globals) == set(sandbox.ENGINE_GLOBALS)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_builtin_condition_evaluates_the_same_both_ways(template_id: str) -> None:
    template = templates.get(template_id)
    answer_sets = [template.defaults(), {}, *(json.loads(p.read_text()) for p in fixtures_for(template_id))]
    conditions = _builtin_conditions()
    assert len(conditions) > 20
    for condition in conditions:
        for answers in answer_sets:
            variables = context(answers) if answers else {}
            fast = sandbox._evaluate_forms(condition, variables)
            assert fast is not None, condition  # built-in conditions never need Jinja
            assert fast == sandbox_engine.evaluate(condition, variables), condition


@pytest.mark.parametrize(
    "condition",
    [
        "x",
        "not x",
        "x == 'a'",
        "x != 'a'",
        "'eu' in x",
        "'eu' not in x",
        "x and y",
        "x or y",
        "not (x or y) and x == y",
        "x < 3",
        "1 < x < 3",
        "x == y",
        "x in y",
        "'a' if x else 'b'",
        "ref('x')",
        "range",
        "x.y",
        "x | length",
    ],
)
def test_fast_conditions_match_the_engine(condition: str) -> None:
    for variables in (
        {},
        {"x": "a"},
        {"x": ["eu", "uk"], "y": "eu"},
        {"x": 2, "y": [1, 2]},
        {"x": True, "y": False},
        {"x": 0, "y": ""},
        {"x": None, "y": {"eu": 1}},
    ):
        fast = sandbox._evaluate_forms(condition, variables)
        if fast is None:
            continue
        try:
            expected = sandbox_engine.evaluate(condition, variables)
        except InputError:
            raise AssertionError(f"fast path answered {fast} where the engine refuses: {condition}") from None
        assert fast == expected, (condition, variables)


def test_a_condition_is_vetted_without_jinja_when_the_fast_reader_takes_it() -> None:
    sandbox.check_syntax("'eu' in jurisdictions and sector == 'finance'", "t", "/when", expression=True)
    with pytest.raises(InputError):
        sandbox.check_syntax("x ==", "t", "/when", expression=True)  # (left to Jinja, which says why)
