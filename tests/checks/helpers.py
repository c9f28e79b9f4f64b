"""Building documents for the checker tests: free text as a document checked as found, and
fixture projects edited to seed defects."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from socialpolicy import checks, templates
from socialpolicy.assembly import assemble
from socialpolicy.document import Document
from socialpolicy.importers.markdown import project_from_markdown
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection, Term
from socialpolicy.workspace import document_as_found, render_project
from tests.conftest import ANSWERS

ALL = ("us", "uk", "eu")


def catalog() -> Catalog:
    return Catalog.default()


def found_document(markdown: str, name: str = "policy.md") -> Document:
    """Markdown as ``socialpolicy check FILE.md`` sees it."""
    return document_as_found(project_from_markdown(markdown, name), markdown, catalog(), name, "markdown")


def check_text(
    markdown: str,
    jurisdictions: tuple[str, ...] = ALL,
    sector: str | None = None,
    standard: str = "stericycle",
) -> checks.Report:
    doc = found_document(markdown)
    return checks.run(
        doc,
        checks.Options(jurisdictions=jurisdictions, sector=sector, standard=standard),
        catalog=catalog(),
        source="policy.md",
    )


def rules_of(report: checks.Report, severity: str | None = None) -> set[str]:
    return {f.rule for f in report.findings if severity is None or f.severity == severity}


def fixture_project(template_id: str, fixture: str) -> Project:
    template = templates.get(template_id)
    answers: dict[str, Any] = json.loads(
        (ANSWERS / template_id / f"{fixture}.json").read_text(encoding="utf-8")
    )
    return assemble(template, answers, catalog())


def add_custom(
    project: Project,
    section_id: str,
    clause_id: str,
    title: str,
    body: str,
    *,
    stances: dict[str, str] | None = None,
    defines: tuple[Term, ...] = (),
    topic: str = "general",
) -> Project:
    """Add a custom clause at the end of a section."""
    clause = Clause(
        id=clause_id,
        version=1,
        title=title,
        topic=topic,
        body=body,
        rationale="Seeded for a test.",
        stances=dict(stances or {}),
        defines=defines,
        library=PROJECT_LIBRARY,
    )
    sections = tuple(
        replace(s, clauses=(*s.clauses, ClauseRef(clause_id, PROJECT_LIBRARY, 1)))
        if s.id == section_id
        else s
        for s in project.sections
    )
    assert sections != project.sections, f"no section {section_id}"
    return replace(project, sections=sections, custom_clauses=(*project.custom_clauses, clause))


def drop_clauses(project: Project, predicate: Any) -> Project:
    """Exclude every clause reference for which ``predicate(clause)`` holds."""
    cat = catalog()
    out: list[ProjectSection] = []
    for s in project.sections:
        refs = []
        for ref in s.clauses:
            clause = (
                cat.get(ref.library, ref.clause)
                if ref.library != PROJECT_LIBRARY
                else project.custom(ref.clause)
            )
            refs.append(replace(ref, included=False) if clause is not None and predicate(clause) else ref)
        out.append(replace(s, clauses=tuple(refs)))
    return replace(project, sections=tuple(out))


def render_doc(project: Project) -> Document:
    return render_project(project, catalog())


def run(
    doc: Document,
    jurisdictions: tuple[str, ...] | None = None,
    standard: str = "stericycle",
    sector: str | None = None,
) -> checks.Report:
    return checks.run(
        doc,
        checks.Options(jurisdictions=jurisdictions, sector=sector, standard=standard),
        catalog=catalog(),
        source="test",
    )
