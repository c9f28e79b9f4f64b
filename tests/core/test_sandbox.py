import pytest

from socialpolicy import sandbox
from socialpolicy.errors import InputError, SandboxError

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ 'a' * 100000000 }}",
    "{% for a in range(100) %}{% for b in range(100) %}x{% endfor %}{% endfor %}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% include '/etc/passwd' %}",
    "{% for i in range(99999) %}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa{% endfor %}",
]


@pytest.mark.parametrize("body", ESCAPES)
def test_escape_attempts_are_refused_or_harmless(body: str) -> None:
    try:
        out, _ = sandbox.render(body, {"org_short": "Acme"})
    except (SandboxError, InputError) as exc:
        assert "\n" not in exc.line()
        return
    # Anything that renders must not have reached Python internals.
    assert "subclasses" not in out and "uid=" not in out and "root:" not in out


def test_missing_answer_is_a_visible_placeholder() -> None:
    out, missing = sandbox.render("Ask {{ comms_contact }} or {{ org_short }}.", {"org_short": "Acme"})
    assert out == "Ask [to be completed: comms_contact] or Acme."
    assert missing == ["comms_contact"]


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (
            "'eu' in jurisdictions and sector == 'finance'",
            {"jurisdictions": ["eu"], "sector": "finance"},
            True,
        ),
        (
            "'eu' in jurisdictions and sector == 'finance'",
            {"jurisdictions": ["us"], "sector": "finance"},
            False,
        ),
        ("'eu' in jurisdictions", {}, False),
        ("listed", {"listed": True}, True),
        ("", {}, True),
    ],
)
def test_conditions(condition: str, answers: dict, expected: bool) -> None:
    assert sandbox.evaluate(condition, answers) is expected


def test_condition_syntax_error_is_input_error() -> None:
    with pytest.raises(InputError, match="condition syntax error"):
        sandbox.evaluate("'eu' in (", {})


def test_a_render_after_a_check_reuses_its_parse_and_charges_the_same_tokens() -> None:
    from socialpolicy import sandbox_engine

    text = "{% set names = {'a': 'Alpha'} %}{% for x in items %}{{ names[x] }}{% endfor %}"
    spent = {}
    for reuse in (True, False):
        sandbox.clear_caches()
        with sandbox.document_budget():
            scope = sandbox._document.get()
            assert scope is not None
            start = scope.tokens
            sandbox.check_syntax(text, "t", "/body")
            assert text in sandbox_engine._VETTED
            if not reuse:
                sandbox_engine._VETTED.clear()
            assert sandbox.render(text, {"items": ["a"]}) == ("Alpha", [])
            assert text not in sandbox_engine._VETTED
            spent[reuse] = start - scope.tokens
    assert spent[True] == spent[False] > 0
