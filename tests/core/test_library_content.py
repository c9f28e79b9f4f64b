"""The built-in library and templates, walked clause by clause and fixture by fixture."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import meta

from socialpolicy import answers as answers_mod
from socialpolicy import formats, jsonio, markup, sandbox, templates
from socialpolicy.assembly import assemble
from socialpolicy.checks.language import reading_ease
from socialpolicy.library import Catalog, builtin
from socialpolicy.model import Clause
from socialpolicy.render import render
from tests.conftest import ROOT, TEMPLATE_IDS, fixtures_for

LIBRARY_DIR = ROOT / "templates" / "library"
MIN_READING_EASE = 50
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
DERIVED = {"review_date", "ref"}


def _clauses() -> list[Clause]:
    return list(builtin())


def _readable_text(body: str) -> str:
    """The clause as a reader meets it: variables filled with a word, Markdown parsed the way the renderer
    parses it (list items and table rows on lines of their own)."""
    return markup.parse(_JINJA.sub("Example", body)).text


def _template_of(clause: Clause) -> str:
    return {"smp": "social-media-policy", "icg": "internal-collaboration", "gov": "governance-charter"}[
        clause.id.split(".")[0]
    ]


def test_library_files_validate_and_are_stably_written() -> None:
    files = sorted(LIBRARY_DIR.glob("*.clauses.json"))
    assert len(files) >= 3
    for path in files:
        data = formats.load(path, formats.CLAUSES)
        assert data["library"]["id"] == "builtin"
        assert path.read_text(encoding="utf-8") == jsonio.dumps(jsonio.load_json(path)), (
            f"{path.name} is not in stable form"
        )


def test_shipped_templates_validate() -> None:
    """Start-up trusts the shipped files; this is where they are validated."""
    files = sorted((ROOT / "templates").glob("*.json"))
    assert len(files) == 4
    for path in files:
        formats.load(path, formats.TEMPLATE)
    for template_id in TEMPLATE_IDS:
        templates.load_template_file(ROOT / "templates" / f"{template_id}.json")
    for clause in _clauses():
        from socialpolicy.library import check_clause_syntax

        check_clause_syntax(clause, "builtin", clause.id)


def test_library_size_and_slots() -> None:
    clauses = _clauses()
    assert len(clauses) >= 120
    slots: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.slot:
            slots.setdefault(c.slot, []).append(c)
    real = {s: cs for s, cs in slots.items() if 2 <= len(cs) <= 3}
    assert len(real) >= 12, sorted(slots)
    for slot, members in real.items():
        keys = {frozenset(c.stances) for c in members}
        assert len(keys) == 1 and next(iter(keys)), (
            f"slot {slot}: alternatives must assert the same stance questions"
        )
        values = [tuple(sorted(c.stances.items())) for c in members]
        assert len(set(values)) == len(values), f"slot {slot}: alternatives must differ in stance"


@pytest.mark.parametrize("clause", _clauses(), ids=lambda c: c.id)
def test_every_clause(clause: Clause) -> None:
    assert clause.rationale.strip() and len(clause.rationale) > 60
    template = templates.get(_template_of(clause))
    known = {q.id for q in template.questions} | DERIVED
    for text in (clause.body, clause.title, *(t.definition for t in clause.defines)):
        used = meta.find_undeclared_variables(sandbox._BODY_ENV.parse(text))
        assert used <= known, f"{clause.id} uses variables no question provides: {sorted(used - known)}"
    score, _ = reading_ease(_readable_text(clause.body))  # the checker's own measure
    assert score >= MIN_READING_EASE, f"{clause.id} reads at {score:.1f}"
    for answers in [template.defaults(), *(json.loads(p.read_text()) for p in fixtures_for(template.id))]:
        sandbox.evaluate(clause.condition, answers_mod.context(answers))  # raises if it cannot be evaluated
    legal = any(
        w in clause.rationale.lower()
        for w in ("law", "regulation", "act ", "rule ", "nlrb", "gdpr", "hipaa", "finra")
    )
    if legal and clause.jurisdictions:
        assert clause.sources, f"{clause.id} rests on law but cites no source"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_at_least_four_fixtures_answer_every_question(template_id: str) -> None:
    template = templates.get(template_id)
    paths = fixtures_for(template_id)
    assert len(paths) >= 4
    for path in paths:
        answers = answers_mod.validate(template, jsonio.load_json(path), path)
        assert not answers_mod.missing_required(template, answers), path.name


def _documents(template_id: str) -> list[tuple[str, object]]:
    template = templates.get(template_id)
    catalog = Catalog.default()
    sets = [("defaults", template.defaults())] + [
        (p.stem, json.loads(p.read_text())) for p in fixtures_for(template_id)
    ]
    return [(name, render(assemble(template, a, catalog), catalog, template)) for name, a in sets]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_answer_set_gives_a_complete_clean_document(template_id: str) -> None:
    from socialpolicy import checks

    catalog = Catalog.default()
    for name, doc in _documents(template_id):
        blocks = [b for _, b in doc.blocks()]  # type: ignore[attr-defined]
        assert not [b.clause_id for b in blocks if b.missing], name
        report = checks.run(doc, catalog=catalog, source=name)  # type: ignore[arg-type]
        assert report.missing == [], f"{name}: missing topics {report.missing}"
        samples = [f for f in report.findings if f.rule == "structure.sample-answer"]
        assert bool(samples) == (name == "defaults"), name  # the defaults are sample answers, and say so
        errors = [
            f"{f.rule}: {f.message} ({f.clause})"
            for f in report.findings
            if f.severity == "error" and f not in samples
        ]
        assert errors == [], f"{name}: {errors}"


US_RIGHTS = re.compile(
    r"\b(pay|wages)\b.*\b(conditions|hours)\b|\b(conditions|hours)\b.*\b(pay|wages)\b", re.I | re.S
)


@pytest.mark.parametrize("template_id", ["social-media-policy", "internal-collaboration"])
def test_us_documents_state_rights_next_to_the_rules(template_id: str) -> None:
    for name, doc in _documents(template_id):
        if "us" not in doc.jurisdictions:  # type: ignore[attr-defined]
            continue
        rights = [(s, b) for s, b in doc.blocks() if b.topic == "employee-rights"]  # type: ignore[attr-defined]
        assert rights, f"{name}: no employee-rights clause"
        assert any(US_RIGHTS.search(b.text) for _, b in rights), (
            f"{name}: rights clause does not name pay and conditions"
        )


def test_golden_markdown_is_current() -> None:
    from tests.core.golden_md import GOLDEN_DIR, render_golden

    mismatches = []
    for template_id in TEMPLATE_IDS:
        for path in fixtures_for(template_id):
            expected = GOLDEN_DIR / template_id / f"{path.stem}.md"
            actual = render_golden(template_id, path)
            if not expected.exists() or expected.read_text(encoding="utf-8") != actual:
                mismatches.append(str(expected.relative_to(ROOT)))
    assert not mismatches, (
        "golden Markdown differs (review the wording change, then refresh with "
        f"`python -m tests.core.golden_md`): {mismatches}"
    )


def test_golden_dir_exists() -> None:
    from tests.core.golden_md import GOLDEN_DIR

    assert Path(GOLDEN_DIR).is_dir()
