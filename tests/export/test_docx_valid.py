"""Every Word file we write passes an Open XML schema validator (openxml-audit, offline): Word answers
schema errors with "unreadable content". Over every fixture and default project, normal and review, plus
redlines and house-style exports: more than thirty files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from socialpolicy import revisions, templates
from socialpolicy.assembly import assemble
from socialpolicy.export.docx import write_docx
from socialpolicy.library import Catalog
from socialpolicy.model import Project
from socialpolicy.render import render
from tests.conftest import TEMPLATE_IDS, fixtures_for

openxml_audit = pytest.importorskip("openxml_audit", reason="pip install -e '.[test]' installs openxml-audit")

TODAY = date(2026, 11, 1)


def projects() -> list[tuple[str, str]]:
    cases = [(t, "defaults") for t in TEMPLATE_IDS]
    cases += [(t, path.stem) for t in TEMPLATE_IDS for path in fixtures_for(t)]
    return cases


@cache
def project_for(template_id: str, name: str) -> Project:
    template = templates.get(template_id)
    if name == "defaults":
        answers = template.defaults()
    else:
        answers = json.loads(
            next(p for p in fixtures_for(template_id) if p.stem == name).read_text(encoding="utf-8")
        )
    return assemble(template, answers, Catalog.default(), today=TODAY)


@cache
def validator() -> object:
    return openxml_audit.OpenXmlValidator()


def assert_valid(path: Path) -> None:
    result = validator().validate(str(path))  # type: ignore[attr-defined]
    assert result.is_valid, f"{path.name}: " + "; ".join(str(e) for e in result.errors[:10])


@pytest.mark.parametrize("review", [False, True], ids=["normal", "review"])
@pytest.mark.parametrize(("template_id", "name"), projects())
def test_every_export_is_valid_open_xml(template_id: str, name: str, review: bool, tmp_path: Path) -> None:
    from socialpolicy import checks

    project = project_for(template_id, name)
    catalog = Catalog.default()
    doc = render(project, catalog, templates.get(template_id))
    findings = checks.run(doc, catalog=catalog).findings if review else []
    out = tmp_path / f"{template_id}-{name}.docx"
    write_docx(doc, out, review=review, findings=findings, project=project)
    assert_valid(out)


def edited(project: Project) -> Project:
    """The project after a round of edits: a clause excluded, one rewritten, one retitled."""
    from socialpolicy import edits

    refs = [ref for s in project.sections for ref in s.clauses]
    project = edits.set_included(project, refs[1].clause, False).project
    catalog = Catalog.default()
    project = edits.edit_clause(
        project, refs[2].clause, catalog, body="A shorter clause, rewritten for **this** test."
    ).project
    return edits.edit_clause(project, refs[4].clause, catalog, title="A new title").project


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_redlines_are_valid_open_xml(template_id: str, tmp_path: Path) -> None:
    catalog = Catalog.default()
    template = templates.get(template_id)
    saved = revisions.add(project_for(template_id, "defaults"), "Sent to legal", date=TODAY)
    earlier, label = revisions.project_at(saved, "0.2")
    now = edited(saved)
    out = tmp_path / "redline.docx"
    write_docx(
        render(now, catalog, template),
        out,
        base=render(earlier, catalog, template),
        base_label=label,
        project=now,
        review=True,
    )
    assert_valid(out)


def test_house_style_exports_are_valid_open_xml(tmp_path: Path) -> None:
    from tests.export.test_docx_reference import house_reference

    reference = house_reference(tmp_path / "house.docx")
    project = project_for("social-media-policy", "defaults")
    doc = render(replace(project), Catalog.default(), templates.get("social-media-policy"))
    for review in (False, True):
        out = tmp_path / f"house-{review}.docx"
        write_docx(doc, out, review=review, reference=reference, project=project)
        assert_valid(out)


def test_a_reference_with_its_elements_out_of_order_still_gives_a_valid_export(tmp_path: Path) -> None:
    """A hand-edited reference may break the schema's element order; the export puts it right."""
    import docx
    from docx.oxml.parser import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    sloppy = docx.Document()
    ppr = sloppy.styles["Heading 1"].element.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{w}"><w:numId w:val="0"/></w:numPr>'))  # before keepNext
    numbering = sloppy.part.numbering_part.element
    numbering.append(
        parse_xml(f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="77"><w:lvl w:ilvl="0"/></w:abstractNum>')
    )  # after the num elements
    reference = tmp_path / "sloppy.docx"
    sloppy.save(str(reference))
    project = project_for("internal-collaboration", "defaults")
    out = tmp_path / "out.docx"
    write_docx(
        render(project, Catalog.default(), templates.get("internal-collaboration")), out, reference=reference
    )
    assert_valid(out)
