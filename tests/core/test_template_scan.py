"""The fast reader of clause templates (socialpolicy/template_scan.py) agrees with Jinja: what it accepts,
Jinja parses and the sandbox's parse-time checks pass, with the same number of template tokens; what it
cannot read goes to Jinja, which gives today's messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SecurityError

from socialpolicy import sandbox, template_scan
from socialpolicy.errors import InputError
from socialpolicy.library import builtin


def jinja_tokens(text: str) -> int | None:
    """Jinja's own verdict: its token count when it parses ``text`` and the sandbox's checks pass."""
    env = sandbox._BODY_ENV
    try:
        sandbox._refuse_unsafe(env.parse(text), body=True)
    except (TemplateSyntaxError, SecurityError, RecursionError):
        return None
    return sum(1 for _ in env.lexer.tokenize(text))


def test_every_library_clause_reads_the_same_fast_and_with_jinja() -> None:
    bodies = {c.body for c in builtin()}
    read = 0
    for body in bodies:
        fast = template_scan.scan(body)
        if fast is not None:
            read += 1
            assert fast == jinja_tokens(body), body[:200]
    assert read >= 0.9 * len(bodies), "the fast reader takes nearly every clause the library holds"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Plain words.", 1),
        ("Hello {{ org_name }}.", 5),
        ("{{ org_name }}\n", 3),  # Jinja drops the one newline that ends a template
        ("See {{ ref('gov.crisis') }}", 7),
        (
            "{% if sector == 'healthcare' %}Patients.{% elif sector != 'x' %}Other.{% else %}None.{% endif %}",
            21,
        ),
        ("{% if 'us' in jurisdictions and not public %}A{% endif %}", 13),
        ("{{ 'an' if size == 'large' else 'a' }} team", 10),
        ("{% if (a or b) and c not in d %}x{% endif %}", 17),
    ],
)
def test_the_forms_clauses_use_are_read_fast(text: str, tokens: int) -> None:
    assert template_scan.scan(text) == tokens == jinja_tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "{{ x.y }}",  # attributes: Jinja decides
        "{{ x | upper }}",
        "{# a comment #}",
        "{%- if x %}a{% endif %}",
        "{% for x in y %}{{ x }}{% endfor %}",
        "{% if x %}a",  # unclosed: Jinja gives the message
        "{% endif %}",
        "{% if x %}a{% else %}b{% else %}c{% endif %}",
        "{% if x %}a{% else %}b{% elif y %}c{% endif %}",
        "{{ }}",
        "{{ __class__ }}",
        "{{ ref(x) }}",
        "{{ open('f') }}",
        "{{ '}}' }}",
        "{% if x %}{{ y %}{% endif %}",
        "{{ 1_000 }}",
        "{{ x if }}",
        "{{ if }}",
    ],
)
def test_other_forms_go_to_jinja(text: str) -> None:
    assert template_scan.scan(text) is None


def test_a_mistake_still_gets_jinjas_message() -> None:
    with pytest.raises(InputError) as caught:
        sandbox.check_syntax("{% if sector == 'x' %}Unclosed", "lib.clauses.json", "/clauses/0/body")
    assert "template syntax error" in caught.value.message
    assert "endif" in caught.value.message


def test_fast_texts_are_charged_to_the_file_being_read() -> None:
    sandbox.clear_caches()
    text = "{% if a == 'b' %}" + "{{ x }}" * 300 + "{% endif %}"
    assert template_scan.scan(text) is not None
    with pytest.raises(InputError) as caught, sandbox.document_budget():
        for i in range(sandbox.MAX_DOCUMENT_TOKENS // 900 + 2):
            sandbox.check_syntax(text + f" {i}", "big.clauses.json", f"/clauses/{i}/body")
    assert "template tokens altogether" in caught.value.message


_PARTS = [
    "{{ a }}",
    "{{ ref('s') }}",
    "{% if a == 'b' %}",
    "{% if not c %}",
    "{% elif d in e %}",
    "{% else %}",
    "{% endif %}",
    "{{ 'x' if a else 'y' }}",
    "{% if (a or b) and c %}",
    "{{ a.b }}",
    "{#",
    "#}",
    "{{",
    "}}",
    "{%",
    "%}",
    "text ",
    "\n",
    "'",
    "(",
    ")",
    " and ",
    "{% if %}",
    "{{ 1 }}",
    "{{ a == 2 }}",
    "{%- if a %}",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=10).map("".join))
def test_on_generated_text_what_is_read_fast_jinja_reads_the_same(text: str) -> None:
    fast = template_scan.scan(text)
    if fast is not None:
        assert fast == jinja_tokens(text), text


def jinja_render(text: str, variables: dict[str, object], functions: dict[str, object]) -> object:
    """What the compiled template gives (the fast paths bypassed), or the error's message."""
    try:
        template = sandbox._compile_body(text)
    except Exception as exc:
        return ("error", type(exc).__name__)
    found: list[str] = []
    token = sandbox._missing.set(found)
    budget = sandbox.Budget(functions.values(), None)
    running = sandbox._budget.set(budget)
    try:
        out = "".join(template.generate({**variables, **functions}))
    except Exception as exc:
        return ("error", type(exc).__name__)
    finally:
        sandbox._budget.reset(running)
        sandbox._missing.reset(token)
    return out, list(dict.fromkeys(found))


def _ref(target: object) -> str:
    return f"[section {target}](#sec-{target})"


ANSWERS = st.fixed_dictionaries(
    {},
    optional={
        "sector": st.sampled_from(["healthcare", "finance", "public", ""]),
        "jurisdictions": st.lists(st.sampled_from(["us", "uk", "eu"]), max_size=3),
        "size": st.sampled_from([1, 2, 50, 0]),
        "org": st.sampled_from(["Acme", "", "Café Ltd"]),
        "flag": st.booleans(),
    },
)
_EXPRS = [
    "sector == 'healthcare'",
    "sector != 'public'",
    "'us' in jurisdictions",
    "'uk' not in jurisdictions",
    "flag",
    "not flag",
    "size < 2",
    "size >= 50",
    "flag and sector == 'finance'",
    "org or flag",
    "missing",
    "missing == 'x'",
    "'x' in missing",
    "(flag or missing) and not size",
    "1 < size < 60",
    "size == 'x'",
    "org",
]
_OUTPUTS = [
    "{{ org }}",
    "{{ missing }}",
    "{{ size }}",
    "{{ ref('s1') }}",
    "{{ 'a' if flag else 'b' }}",
    "{{ org if flag else 'none' }}",
    "{{ 'x' if missing else org }}",
    "text\n",
    "more ",
    "\r\n",
]
_FORM_PARTS = [
    *(f"{{% if {e} %}}" for e in _EXPRS),
    *(f"{{% elif {e} %}}" for e in _EXPRS[:4]),
    "{% else %}",
    "{% endif %}",
    *_OUTPUTS,
]
_LEAVES = st.sampled_from([*_OUTPUTS, ""])


def _block(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    test = st.sampled_from(_EXPRS)
    elifs = st.lists(st.tuples(test, inner), max_size=2)
    return st.builds(
        lambda t, body, more, other: (
            f"{{% if {t} %}}{body}"
            + "".join(f"{{% elif {e} %}}{b}" for e, b in more)
            + ("" if other is None else f"{{% else %}}{other}")
            + "{% endif %}"
        ),
        test,
        inner,
        elifs,
        st.none() | inner,
    )


BODIES = st.recursive(
    _LEAVES, lambda inner: st.lists(inner | _block(inner), max_size=4).map("".join), max_leaves=12
)


@settings(max_examples=300, deadline=None)
@given(BODIES, ANSWERS)
def test_well_formed_bodies_fill_in_as_jinja_fills_them(text: str, answers: dict[str, object]) -> None:
    fast = sandbox._render_forms(text, answers, {"ref": _ref})
    if fast is not None:
        assert fast == jinja_render(text, answers, {"ref": _ref}), (text, answers)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FORM_PARTS), max_size=12).map("".join), ANSWERS)
def test_filled_in_without_compiling_the_output_is_jinjas(text: str, answers: dict[str, object]) -> None:
    fast = sandbox._render_forms(text, answers, {"ref": _ref})
    if fast is not None:
        assert fast == jinja_render(text, answers, {"ref": _ref}), (text, answers)


def test_library_clauses_fill_in_without_compiling_as_jinja_fills_them() -> None:
    from socialpolicy import answers as answers_mod
    from socialpolicy import templates

    variables = answers_mod.context(templates.get("social-media-policy").defaults())
    rendered = 0
    for clause in builtin():
        fast = sandbox._render_forms(clause.body, variables, {"ref": _ref})
        if fast is not None:
            rendered += 1
            assert fast == jinja_render(clause.body, variables, {"ref": _ref}), clause.id
    assert rendered >= 150
