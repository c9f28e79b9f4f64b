"""Property-based tests: whatever the input, the loaders, assembler, renderer and importers either work
or raise InputError (one clear line); a saved project loads back equal."""

from __future__ import annotations

import copy
import datetime as dt
import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy import formats, jsonio, sandbox, templates
from socialpolicy.assembly import assemble
from socialpolicy.errors import InputError
from socialpolicy.importers.markdown import project_from_markdown
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection, Question, Term
from socialpolicy.project import load_project, project_from_data, save_project
from socialpolicy.render import render
from socialpolicy.typography import plain_quotes
from tests.conftest import TEMPLATE_IDS
from tests.robustness.make_corpus import LIBRARY, PROJECT

PROFILE = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
FIELD_NAMES = [
    "format",
    "format_version",
    "template",
    "id",
    "version",
    "metadata",
    "title",
    "answers",
    "sections",
    "clauses",
    "clause",
    "library",
    "custom_clauses",
    "body",
    "topic",
    "rationale",
    "defines",
    "term",
    "definition",
    "condition",
    "included",
    "intro",
    "accepted_risks",
    "revisions",
    "history",
]
envelope_like = st.recursive(
    json_scalars
    | st.sampled_from(["socialpolicy.project", "socialpolicy.clauses", "project", "builtin", "x"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=6)
    ),
    max_leaves=25,
)


def _catalog() -> Catalog:
    return Catalog.default()


# --- Loaders ----------------------------------------------------------------------------------------


@PROFILE
@given(st.text(max_size=300) | json_values.map(json.dumps).map(lambda s: s[: len(s) * 2 // 3]))
def test_parse_json_text_gives_data_or_input_error(text: str) -> None:
    try:
        jsonio.parse_json_text(text, "fuzz.json")
    except InputError as exc:
        assert exc.line().startswith("fuzz.json") and "\n" not in exc.message


@PROFILE
@given(json_values)
def test_parse_json_text_reads_back_what_dumps_wrote(value: Any) -> None:
    assert jsonio.parse_json_text(jsonio.dumps(value), "x.json") == value


@PROFILE
@given(envelope_like, st.sampled_from([formats.PROJECT, formats.CLAUSES, formats.TEMPLATE]))
def test_upgrade_gives_valid_data_or_input_error(data: Any, fmt: formats.Format) -> None:
    try:
        out = formats.upgrade(data, fmt, "fuzz.json")
    except InputError as exc:
        assert "\n" not in exc.line()
        return
    assert out["format_version"] == fmt.current


def _mutate(base: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """Replace one randomly chosen part of ``base`` with a random JSON value, or delete it."""
    doc = copy.deepcopy(base)
    node: Any = doc
    for _ in range(data.draw(st.integers(0, 5))):
        keys = (
            list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
        )
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list) or data.draw(st.booleans()):
            if data.draw(st.booleans()) and isinstance(node, dict):
                del node[key]
            else:
                node[key] = data.draw(envelope_like)
            return doc
        node = node[key]
    return doc


@PROFILE
@given(st.data())
def test_project_from_mutated_data_loads_and_renders_or_says_why(data: st.DataObject) -> None:
    mutated = _mutate(PROJECT, data)
    try:
        project = project_from_data(mutated, "fuzz.policy.json")
        render(project, _catalog(), None, source="fuzz.policy.json")
    except InputError as exc:
        assert exc.line().startswith("fuzz.policy.json") and "\n" not in exc.line()


@PROFILE
@given(st.data())
def test_library_from_mutated_data_is_valid_or_input_error(data: st.DataObject) -> None:
    mutated = _mutate(LIBRARY, data)
    try:
        formats.upgrade(mutated, formats.CLAUSES, "fuzz.clauses.json")
    except InputError as exc:
        assert "\n" not in exc.line()


# --- Save and load ----------------------------------------------------------------------------------

ident = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)
words = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\n{}%#*_[]<>&"),
    min_size=1,
    max_size=80,
)


short_words = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("{}%#*_[]"),
    min_size=1,
    max_size=30,
)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """Valid projects: any text, with template delimiters escaped as an editor or importer would."""
    clause_ids = draw(st.lists(ident, min_size=1, max_size=6, unique=True))
    clauses = tuple(
        Clause(
            id=cid,
            version=draw(st.integers(1, 5)),
            title=sandbox.literal(draw(short_words)),
            topic=draw(ident),
            body=sandbox.literal(draw(words)),
            rationale=draw(words),
            defines=tuple(
                Term(draw(short_words).strip() or "Term", sandbox.literal(draw(words)))
                for _ in range(draw(st.integers(0, 1)))
            ),
            library=PROJECT_LIBRARY,
        )
        for cid in clause_ids
    )
    section_ids = draw(st.lists(ident, min_size=1, max_size=3, unique=True))
    sections = tuple(
        ProjectSection(
            sid,
            draw(words),
            tuple(
                ClauseRef(
                    c,
                    PROJECT_LIBRARY,
                    1,
                    included=draw(st.booleans()),
                    body=draw(st.none() | words.map(sandbox.literal)),
                )
                for c in draw(st.lists(st.sampled_from(clause_ids), max_size=4))
            ),
        )
        for sid in section_ids
    )
    answers = draw(st.dictionaries(ident, json_scalars, max_size=5))
    return Project(
        template_id=draw(ident),
        template_version="1",
        metadata={"title": draw(words)},
        answers=answers,
        sections=sections,
        custom_clauses=clauses,
    )


@PROFILE
@given(projects())
def test_save_then_load_gives_an_equal_project(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "round.policy.json"
    save_project(path, project)
    assert load_project(path) == project
    save_project(path, load_project(path))  # and saving again changes nothing
    assert jsonio.parse_json_text(path.read_text(encoding="utf-8"), path) == project.to_dict()


@PROFILE
@given(projects())
def test_render_of_any_valid_project_works(project: Project) -> None:
    doc = render(project, _catalog(), None, source="p")
    shown = {b.clause_id for s in doc.sections for b in s.blocks}
    included = {r.clause for s in project.sections for r in s.clauses if r.included}
    assert shown == included


# --- Assembler ---------------------------------------------------------------------------------------


def _answer(question: Question) -> st.SearchStrategy[Any]:
    v = question.validation
    if question.type in ("text", "longtext"):
        return st.text(
            alphabet=string.ascii_letters + " {}%#'\"&<>*_",
            min_size=v.get("min_length", 0) + 2,
            max_size=min(v.get("max_length", 200), 200),
        ).filter(lambda s: len(s.strip()) >= v.get("min_length", 0))
    if question.type == "email":
        return st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(org|com|uk)", fullmatch=True)
    if question.type == "date":
        return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
    if question.type == "number":
        return st.integers(int(v.get("min", 0)), int(v.get("max", 1000)))
    if question.type == "yesno":
        return st.booleans()
    values = [c.value for c in question.choices]
    if question.type == "choice":
        return st.sampled_from(values)
    return st.lists(st.sampled_from(values), min_size=min(v.get("min_items", 1), len(values)), unique=True)


@st.composite
def answers_for(draw: st.DrawFn, template_id: str) -> dict[str, Any]:
    template = templates.get(template_id)
    return {q.id: draw(_answer(q)) for q in template.questions}


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_assembly_and_rendering_of_random_valid_answers(template_id: str) -> None:
    from socialpolicy import answers as answers_mod

    template = templates.get(template_id)
    catalog = _catalog()

    @PROFILE
    @given(answers_for(template_id))
    def check(answers: dict[str, Any]) -> None:
        answers_mod.validate(template, answers, "answers.json")
        project = assemble(template, answers, catalog, today=dt.date(2027, 1, 1))
        doc = render(project, catalog, template, source="p")
        assert doc.sections and all(b.markdown for s in doc.sections for b in s.blocks)
        # Answers are data: braces in an answer show as written, and no template code is left unrendered.
        # (Quotes are set typographically in the rendered text, so compare with straight quotes.)
        text = plain_quotes("\n".join(b.markdown + "\n" + b.title for s in doc.sections for b in s.blocks))
        for value in sorted((v for v in answers.values() if isinstance(v, str)), key=len, reverse=True):
            text = text.replace(plain_quotes(value), "")
        assert "{{" not in text and "{%" not in text

    check()


# --- Importers -----------------------------------------------------------------------------------------

md_lines = st.one_of(
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), st.text(max_size=30)),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 4), st.text(min_size=150, max_size=450)),
    st.builds(
        lambda k, v: f"---\n{k}: {v}\n---",
        st.sampled_from(["title", "version", "template", "status"]),
        st.text(alphabet=string.ascii_letters + "{} ", max_size=200),
    ),
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "",
            "---",
            "===",
            "- item",
            "1. first",
            "| a | b |",
            "|---|---|",
            "```",
            "    code",
            "**Term** means a thing.",
            "{{ 7*7 }}",
            "{% if x %}",
            "{#",
            "<script>alert(1)</script>",
            "[link](javascript:alert(1))",
            "![img](http://x/y.png)",
            "title: X",
            "...",
            "> quote",
            "## Definitions",
            "# Title {#id}",
            "### 1.2 Numbered",
            "Heading\n=====",
            "\t",
            "\r",
        ]
    ),
)
markdown_docs = st.lists(md_lines, max_size=40).map("\n".join)


@PROFILE
@given(markdown_docs)
def test_import_of_any_markdown_gives_a_loadable_renderable_project_or_input_error(text: str) -> None:
    try:
        project = project_from_markdown(text, "fuzz.md")
    except InputError as exc:
        assert exc.line().startswith("fuzz.md") and "\n" not in exc.line()
        return
    again = project_from_data(json.loads(jsonio.dumps(project.to_dict())), "fuzz.policy.json")
    assert again == project
    doc = render(project, _catalog(), None, source="fuzz.md")
    rendered = "\n".join(b.markdown for s in doc.sections for b in s.blocks)
    if "{{ 7*7 }}" in text:  # imported text is data: it is never evaluated
        assert "49" not in rendered or "49" in text


# --- The sandbox -------------------------------------------------------------------------------------

jinja_fragments = st.sampled_from(
    [
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        " ",
        "x",
        "'a'",
        "9",
        "99999",
        "10**9",
        "*",
        "**",
        "+",
        "~",
        "%",
        "(",
        ")",
        "[",
        "]",
        ".",
        "|",
        "join",
        "center",
        "format",
        "replace('a', 'bb')",
        "upper",
        "list",
        "batch(3)",
        "range(",
        "for i in ",
        "endfor",
        "if ",
        "endif",
        "set s = ",
        "macro m()",
        "endmacro",
        "__class__",
        "_private",
        "mro",
        "attr('x')",
        "ref('s')",
        "organisation_name",
        "self",
        "loop.index",
        "true",
        "none",
        "lipsum",
        "cycler",
        "namespace",
        "'%s'",
        "'{}'",
        ",",
        ":",
        "-",
        "\n",
    ]
)


@PROFILE
@given(st.lists(jinja_fragments, max_size=30).map("".join))
def test_sandbox_renders_or_refuses_any_template_text(text: str) -> None:
    try:
        sandbox.check_syntax(text, "fuzz", "/body")
        out, _ = sandbox.render(text, {"organisation_name": "Acme"}, functions={"ref": lambda s="": f"[{s}]"})
    except InputError as exc:  # SandboxError is an InputError
        assert "\n" not in exc.line()
        return
    assert len(out) <= sandbox.MAX_OUTPUT
    assert "<class" not in out and "<function" not in out and "<built-in" not in out


@PROFILE
@given(st.lists(jinja_fragments, max_size=20).map("".join))
def test_conditions_evaluate_or_refuse(text: str) -> None:
    try:
        value = sandbox.evaluate(text, {"jurisdictions": ["uk"], "listed": True})
    except InputError as exc:
        assert "\n" not in exc.line()
        return
    assert isinstance(value, bool)


@PROFILE
@given(st.lists(markdown_docs.map(sandbox.literal), min_size=1, max_size=4))
def test_render_of_random_markdown_bodies(bodies: list[str]) -> None:
    bodies = [b if b.strip() else "text" for b in bodies]
    clauses = tuple(
        Clause(
            id=f"c{i}",
            version=1,
            title=f"Clause {i}",
            topic="t",
            body=b,
            rationale="r",
            library=PROJECT_LIBRARY,
        )
        for i, b in enumerate(bodies)
    )
    project = Project(
        template_id="imported",
        template_version="0",
        metadata={"title": "T"},
        answers={},
        sections=(ProjectSection("s", "S", tuple(ClauseRef(c.id, PROJECT_LIBRARY, 1) for c in clauses)),),
        custom_clauses=clauses,
    )
    doc = render(project, _catalog(), None, source="p")
    blocks = doc.sections[0].blocks
    assert [b.clause_id for b in blocks] == [c.id for c in clauses]
    for block in blocks:
        assert block.tree.tag == "div"
        assert all(el.tag not in ("script", "img", "iframe") for el in block.tree.iter())
        assert "<script" not in block.html.lower()
