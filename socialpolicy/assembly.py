"""Assembly: template + answers + libraries -> a project of ordered clause references."""

from __future__ import annotations

import datetime as dt
from typing import Any

from socialpolicy import answers as answers_mod
from socialpolicy import paths, sandbox, spelling
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog
from socialpolicy.model import Clause, ClauseRef, Entry, Project, ProjectSection, Template


def _template_source(template: Template) -> str:
    return str(paths.templates_dir() / f"{template.id}.json")


def _applies(clause: Clause, variables: dict[str, Any], catalog: Catalog) -> bool:
    lib = catalog.library(clause.library)
    files = lib.files if lib is not None else []
    source = ", ".join(str(f) for f in files) if 0 < len(files) <= 3 else f"library {clause.library}"
    try:
        return sandbox.evaluate(clause.condition, variables, source=source, where="/condition")
    except InputError as exc:
        raise exc.in_clause(f"{clause.library}:{clause.id}") from None


def _pick(
    entry: Entry, catalog: Catalog, variables: dict[str, Any], source: str, where: str
) -> ClauseRef | None:
    if entry.when and not sandbox.evaluate(entry.when, variables, source=source, where=f"{where}/when"):
        return None
    if entry.clause:
        clause, note = catalog.resolve(entry.clause)
        if clause is None:
            if note:  # hidden on purpose by an organisation library
                return None
            raise InputError(source, f"clause {entry.clause!r} is not in the library", f"{where}/clause")
        if clause.retired or not _applies(clause, variables, catalog):
            return None
        return ClauseRef(clause.id, clause.library, clause.version)
    chosen: Clause | None = None
    for choice in entry.choices:
        clause, note = catalog.resolve(choice)
        if clause is None:
            if note:
                continue
            raise InputError(
                source, f"clause {choice!r} of slot {entry.slot!r} is not in the library", f"{where}/choices"
            )
        if not clause.retired and _applies(clause, variables, catalog):
            chosen = clause
            break
    if chosen is None and entry.default:
        chosen, _ = catalog.resolve(entry.default)
    if chosen is None:
        return None
    return ClauseRef(chosen.id, chosen.library, chosen.version, slot=entry.slot)


def assemble(
    template: Template, answers: dict[str, Any], catalog: Catalog, *, today: dt.date | None = None
) -> Project:
    """Pick and order the clauses the answers call for. Pure: no files are touched. All the conditions
    evaluated share one sandbox budget."""
    with sandbox.document_budget():
        return _assemble(template, answers, catalog, today=today)


def _assemble(
    template: Template, answers: dict[str, Any], catalog: Catalog, *, today: dt.date | None
) -> Project:
    source = _template_source(template)
    variables = answers_mod.context(answers)
    sections: list[ProjectSection] = []
    for si, spec in enumerate(template.sections):
        where = f"/sections/{si}"
        if spec.when and not sandbox.evaluate(spec.when, variables, source=source, where=f"{where}/when"):
            continue
        refs = []
        for ei, entry in enumerate(spec.entries):
            ref = _pick(entry, catalog, variables, source, f"{where}/clauses/{ei}")
            if ref is not None:
                refs.append(ref)
        sections.append(ProjectSection(spec.id, spec.title, tuple(refs), spec.intro, spec.definitions))
    title, _ = sandbox.render(template.document_title, variables, source=source, where="/document_title")
    variant = str(answers.get("spelling", "us"))
    stamp = (today or dt.date.today()).isoformat()
    metadata = {
        "title": spelling.convert(title, variant) if variant == "us" else title,
        "organisation": str(answers.get("organisation_name", "")),
        "version": "0.1",
        "status": "Draft",
        "effective_date": str(answers.get("effective_date", "")),
        "review_date": answers_mod.review_date(answers),
        "owner": str(answers.get("policy_owner", "")),
        "created": stamp,
        "modified": stamp,
    }
    used = sorted({ref.library for s in sections for ref in s.clauses})
    libraries = tuple({"id": lib.id, "version": lib.version} for lib in catalog.libraries if lib.id in used)
    return Project(
        template_id=template.id,
        template_version=template.version,
        metadata={k: v for k, v in metadata.items() if v},
        answers=dict(answers),
        sections=tuple(sections),
        libraries=libraries,
        revisions=({"version": "0.1", "date": stamp, "note": "Assembled from the template."},),
    )
