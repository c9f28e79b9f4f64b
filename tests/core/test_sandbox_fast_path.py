"""The fast path (filling in without compiling, sandbox._render_forms) must give exactly what the template
engine gives."""

from __future__ import annotations

import json

import pytest

from socialpolicy import sandbox, templates
from socialpolicy.answers import context
from socialpolicy.library import builtin
from tests.conftest import TEMPLATE_IDS, fixtures_for


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
