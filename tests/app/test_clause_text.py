"""Clause text as chips and regions: cut and joined back byte for byte, labelled in plain words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy import templates
from socialpolicy.app import clause_text as ct
from socialpolicy.library import builtin

LABELS = ct.Labels.of(templates.available())
CLAUSES = sorted(builtin().clauses.values(), key=lambda c: c.id)


@pytest.mark.parametrize("clause", CLAUSES, ids=[c.id for c in CLAUSES])
def test_every_library_clause_round_trips(clause: object) -> None:
    body = clause.body  # type: ignore[attr-defined]
    toks = ct.tokens(body, LABELS)
    assert "".join(t.raw for t in toks) == body
    assert all(body[t.start : t.end] == t.raw for t in toks)
    tree = ct.parse(body, LABELS)
    assert ct.serialise(tree) == body
    # Every library clause pairs its conditions, so each if/endif is inside a Region, not left flat.
    assert not any(isinstance(s, ct.Token) and s.kind in (ct.IF, ct.ENDIF) for s in tree)
    for tok in toks:
        if tok.is_chip:
            assert tok.label and "{" not in tok.label and "_" not in tok.label, tok


# Text made of the pieces clause text is made of, valid or not: hypothesis joins them at random.
PIECES = st.sampled_from(
    [
        "{{ org_short }}",
        "{{ ref('information') }}",
        "{% if sector == 'healthcare' %}",
        "{% elif 'eu' in jurisdictions %}",
        "{% else %}",
        "{% endif %}",
        "{%- if listed -%}",
        "{# a note #}",
        "{{ 'a' if x else 'b' }}",
        "{{ '}}' }}",
        "{{",
        "{%",
        "}}",
        "%}",
        "{#",
        "\n",
        "\r\n",
        "\u00a0",
        "'",
        '"',
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_parse_then_serialise_is_identity(text: str) -> None:
    toks = ct.tokens(text, LABELS)
    assert "".join(t.raw for t in toks) == text
    assert ct.serialise(ct.parse(text, LABELS)) == text
    assert all(not t.is_chip or t.raw[:2] in ("{{", "{%", "{#") for t in toks)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_problem_is_a_span_of_the_text(text: str) -> None:
    found = ct.problem(text)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)
        assert found.message


def test_chips_and_regions_are_labelled_for_a_drafter() -> None:
    text = (
        "{{ org_short }} staff{% if sector == 'healthcare' %} on wards{% elif 'eu' in jurisdictions %}"
        " in Europe{% else %} everywhere{% endif %}, see {{ ref('information') }}."
    )
    tree = ct.parse(text, LABELS)
    variable, _, region, _, ref, _ = tree
    assert isinstance(variable, ct.Token) and variable.label == "Organisation short name"
    assert variable.name == "org_short"
    assert isinstance(region, ct.Region)
    assert [b.tag.label for b in region.branches] == [
        "Only for healthcare",
        "Otherwise, only where staff work in the European Union",
        "Otherwise",
    ]
    assert [ct.serialise(b.body) for b in region.branches] == [" on wards", " in Europe", " everywhere"]
    assert isinstance(ref, ct.Token) and ref.kind == ct.REFERENCE
    assert ref.label == "Section number: Protecting information"


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        ("listed", "Only if: shares publicly traded"),
        ("sector == 'public'", "Only for the public sector"),
        ("sector != 'general'", "Only outside the general sector"),
        ("'us' in jurisdictions", "Only where staff work in the United States"),
        ("'us' not in jurisdictions", "Only where no staff work in the United States"),
        ("advocacy != 'none'", "Only if advocacy programme is not “No advocacy programme”"),
        (
            "sector == 'finance' or monitoring == 'regulated'",
            "Only for financial services or if monitoring is",
        ),
        ("social_team_size < 2", "Only if size of the social team is less than 2"),
        ("loop.revindex == 2", "Only in some cases"),
        ("(((", "Only in some cases"),
    ],
)
def test_conditions_in_words(condition: str, words: str) -> None:
    assert ct.describe(condition, LABELS).startswith(words)


def test_unknown_variables_get_a_readable_name() -> None:
    (tok,) = ct.tokens("{{ team_lead_name }}", ct.Labels())
    assert tok.label == "Team lead name"


def test_unpaired_tags_stay_chips_and_the_text_is_kept() -> None:
    text = "Before {% if listed %} after"
    tree = ct.parse(text, LABELS)
    assert [s.kind for s in tree if isinstance(s, ct.Token)] == [ct.TEXT, ct.IF, ct.TEXT]
    assert ct.serialise(tree) == text
    found = ct.problem(text)
    assert found is not None and text[found.start : found.end] == "{% if listed %}"
    assert "endif" in found.message


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Ask {{ org_short first.", "{{ org_short first."),
        ("Ask {% endif %} first.", "{% endif %}"),
        ("One.\nTwo {{ a b }}.\nThree.", "Two {{ a b }}."),
        ("{{ ''.__class__ }}", "{{ ''.__class__ }}"),
    ],
)
def test_the_problem_marks_the_spot(text: str, marked: str) -> None:
    found = ct.problem(text)
    assert found is not None
    assert text[found.start : found.end] == marked


def test_valid_text_has_no_problem() -> None:
    assert ct.problem("Plain text, no code.") is None
    assert ct.problem("{% if listed %}Yes{% endif %}") is None


def test_insertable_variables_follow_the_wizard() -> None:
    labels = ct.Labels.of([templates.get("social-media-policy")])
    names = [name for name, _ in labels.insertable()]
    assert names[:2] == ["organisation_name", "org_short"]
    assert dict(labels.insertable())["org_short"] == "Organisation short name"
    assert ct.variable_tag("org_short") == "{{ org_short }}"


def test_a_condition_on_one_answer_can_be_moved_to_another_choice() -> None:
    options = ct.other_conditions("{% if sector == 'healthcare' %}", LABELS)
    assert ("Only for financial services", "{% if sector == 'finance' %}") in options
    assert all("healthcare" not in raw for _, raw in options)
    options = ct.other_conditions("{%- elif 'eu' in jurisdictions -%}", LABELS)
    assert [raw for _, raw in options] == [
        "{%- elif 'us' in jurisdictions -%}",
        "{%- elif 'uk' in jurisdictions -%}",
    ]
    assert options[0][0] == "Otherwise, only where staff work in the United States"
    assert ct.other_conditions("{% if listed %}", LABELS) == []
    assert ct.other_conditions("{% if sector == 'a' and listed %}", LABELS) == []


@pytest.mark.parametrize(
    "hostile",
    ["{{" * 50_000, "{% if a" * 15_000, "{{ '" + " }}" * 30_000, "{{ x }} {% if y %}" * 8_000],
    ids=["unclosed-variables", "unclosed-blocks", "an-open-quote", "many-tags"],
)
def test_hostile_text_is_cut_in_one_bounded_pass_and_joins_back(hostile: str) -> None:
    """100 KB of unclosed delimiters once took minutes (each opener read to the end of the text); a tag
    that does not close within MAX_TAG characters is plain text, so the reading stays linear."""
    found = ct.tokens(hostile)
    assert "".join(t.raw for t in found) == hostile
    if hostile.startswith(("{{{{", "{% if a{%")):
        assert [t.kind for t in found] == [ct.TEXT]


def test_a_tag_longer_than_any_clause_writes_is_plain_text() -> None:
    long_tag = "{% set x = '" + "a" * ct.MAX_TAG + "' %}"
    assert [t.kind for t in ct.tokens(long_tag)] == [ct.TEXT]
    assert [t.kind for t in ct.tokens("{% set x = 'a}}' %}")] != [ct.TEXT]
