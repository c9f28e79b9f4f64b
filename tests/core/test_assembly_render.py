"""Assembly and rendering of the built-in templates, with assertions on produced text and structure."""

import re

import pytest

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.document import Document
from socialpolicy.export.markdown import to_markdown
from socialpolicy.library import Catalog
from socialpolicy.model import ClauseRef
from socialpolicy.render import render
from tests.conftest import TEMPLATE_IDS


def _doc(template_id: str, **overrides: object) -> Document:
    t = templates.get(template_id)
    answers = {**t.defaults(), **overrides}
    catalog = Catalog.default()
    return render(assemble(t, answers, catalog), catalog, t)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_defaults_assemble_to_a_numbered_complete_document(template_id: str) -> None:
    doc = _doc(template_id)
    assert [s.number for s in doc.sections] == [str(i) for i in range(1, len(doc.sections) + 1)]
    blocks = [b for _, b in doc.blocks()]
    assert len(blocks) >= 10
    for section in doc.sections:
        assert [b.number for b in section.blocks] == [
            f"{section.number}.{i}" for i in range(1, len(section.blocks) + 1)
        ]
    assert all(not b.missing for b in blocks), [b.clause_id for b in blocks if b.missing]
    assert all(b.rationale for b in blocks)
    assert all(len(b.text_hash) == 16 for b in blocks)
    required = {t.id for t in doc.coverage}
    assert required and required <= doc.topics()
    md = to_markdown(doc, "pandoc")
    assert "{{" not in md and "{%" not in md and "[to be completed" not in md
    for section in doc.sections:
        assert f"## {section.number}. {section.title} {{#{section.anchor}}}" in md
    gfm = to_markdown(doc)
    for section in doc.sections:
        assert f"\n## {section.number}. {section.title}\n" in gfm


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_definitions_section_is_built_from_included_clauses(template_id: str) -> None:
    doc = _doc(template_id)
    defs_sections = [s for s in doc.sections if s.definitions]
    assert len(defs_sections) == 1
    terms = [d.term for d in doc.definitions]
    assert terms == sorted(terms, key=str.lower)
    defining = {b.clause_id for _, b in doc.blocks() if b.defines}
    assert {d.clause_id for d in doc.definitions} <= defining | {d.clause_id for d in doc.definitions}
    assert all(d.text and "{{" not in d.text for d in doc.definitions)


def test_spelling_follows_the_answer_but_answers_keep_theirs() -> None:
    uk = _doc("social-media-policy", spelling="uk", organisation_name="Colour Organisation Ltd")
    us = _doc("social-media-policy", spelling="us", organisation_name="Colour Organisation Ltd")
    uk_text = "\n".join(b.markdown for _, b in uk.blocks())
    us_text = "\n".join(b.markdown for _, b in us.blocks())
    assert re.search(r"\borganisation\b", uk_text, re.I)
    us_without_name = us_text.replace("Colour Organisation Ltd", "")
    assert not re.search(r"\b(organisation|behaviour|recognise)\b", us_without_name, re.I)
    assert "Colour Organisation Ltd" in us_text


def test_missing_answer_leaves_placeholder_and_is_recorded() -> None:
    t = templates.get("social-media-policy")
    answers = t.defaults()
    del answers["org_short"]
    catalog = Catalog.default()
    doc = render(assemble(t, answers, catalog), catalog, t)
    missing = [b for _, b in doc.blocks() if "org_short" in b.missing]
    assert missing
    assert "[to be completed: org_short]" in missing[0].markdown


def test_cross_reference_and_broken_reference() -> None:
    t = templates.get("social-media-policy")
    catalog = Catalog.default()
    project = assemble(t, t.defaults(), catalog)
    first = project.sections[0].clauses[0]
    target = project.sections[-1]
    edited = ClauseRef(
        first.clause,
        first.library,
        first.version,
        body="See {{ ref('" + target.id + "') }} and {{ ref('nowhere') }}.",
    )
    sections = (
        project.sections[0].__class__(
            project.sections[0].id, project.sections[0].title, (edited, *project.sections[0].clauses[1:])
        ),
        *project.sections[1:],
    )
    doc = render(
        project.__class__(
            **{**{f: getattr(project, f) for f in project.__dataclass_fields__}, "sections": sections}
        ),
        catalog,
        t,
    )
    block = doc.sections[0].blocks[0]
    last = doc.sections[-1]
    assert f"[section {last.number}](#{last.anchor}) ({last.title})" in block.markdown
    assert "[missing section: nowhere]" in block.markdown
    assert block.broken_refs == ("nowhere",)
    assert block.origin == "edited" and block.library_markdown


def test_slot_alternatives_follow_answers() -> None:
    t = templates.get("social-media-policy")
    q = t.question("personal_use")
    assert q is not None and len(q.choices) >= 2
    chosen = set()
    for choice in q.choices:
        doc = _doc("social-media-policy", personal_use=choice.value)
        stances = {
            b.stances.get("personal-use-at-work")
            for _, b in doc.blocks()
            if "personal-use-at-work" in b.stances
        }
        assert len(stances) == 1
        chosen |= stances
    assert len(chosen) == len(q.choices)


def test_titles_with_newlines_become_one_line_headings() -> None:
    from dataclasses import replace

    t = templates.get("governance-charter")
    catalog = Catalog.default()
    project = assemble(t, t.defaults(), catalog)
    first = project.sections[0]
    ref = replace(first.clauses[0], title="Two\nlines")
    project = replace(
        project,
        metadata={**project.metadata, "title": "A\n# title"},
        sections=(
            replace(first, title="Split\nsection", clauses=(ref, *first.clauses[1:])),
            *project.sections[1:],
        ),
    )
    doc = render(project, catalog, t)
    assert doc.title == "A # title" and doc.sections[0].title == "Split section"
    assert doc.sections[0].blocks[0].title == "Two lines"
    md = to_markdown(doc, "pandoc")
    assert "\n# A # title\n" in md and "## 1. Split section {#" in md and "### 1.1 Two lines {#" in md
