"""One of our own Word exports, imported: the project it was made from, with the reviewer's changes.

The export stores the project (:func:`socialpolicy.export.docx.payload`), so the clauses come back as
the same library clauses at the same versions and in the same order, not as copies; the generated front
and back matter (cover, document control, contents, definitions, review notes) is left out. Tracked
changes are then accepted, rejected or kept as marks, and edits made without tracking are taken as
they are (:mod:`socialpolicy.review`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialpolicy import sandbox
from socialpolicy.errors import InputError
from socialpolicy.model import BUILTIN_LIBRARY, PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection

if TYPE_CHECKING:
    from socialpolicy.importers import Imported
    from socialpolicy.library import Catalog


def _project_from_records(payload: dict[str, Any], source: Path) -> Project:
    """A project rebuilt from the clause records alone (when the export carried no project)."""
    sections: dict[str, list[ClauseRef]] = {}
    titles = {
        str(s["id"]): str(s.get("title", "")) for s in payload.get("sections", []) if isinstance(s, dict)
    }
    customs: list[Clause] = []
    for record in payload.get("clauses", []):
        section = str(record.get("section", ""))
        if record.get("origin") == "custom" or record.get("library") == PROJECT_LIBRARY:
            clause = Clause(
                id=str(record["id"]),
                version=1,
                title=sandbox.literal(str(record.get("title", ""))),
                topic="custom",
                body=sandbox.literal(str(record.get("markdown", ""))),
                rationale=f"Imported from {source.name}.",
                library=PROJECT_LIBRARY,
            )
            customs.append(clause)
            ref = ClauseRef(clause.id, PROJECT_LIBRARY, 1)
        else:
            ref = ClauseRef(
                str(record["id"]),
                str(record.get("library", BUILTIN_LIBRARY)),
                int(record.get("version", 1)),
                body=sandbox.literal(str(record["markdown"])) if record.get("origin") == "edited" else None,
            )
        sections.setdefault(section, []).append(ref)
    stamp = dt.date.today().isoformat()
    template: dict[str, Any] = payload["template"] if isinstance(payload.get("template"), dict) else {}
    return Project(
        template_id=str(template.get("id", "imported")),
        template_version=str(template.get("version", "0")),
        metadata={
            "title": str(payload.get("title") or source.stem)[:400],
            "created": stamp,
            "modified": stamp,
        },
        answers={"spelling": payload["spelling"]} if payload.get("spelling") else {},
        sections=tuple(
            ProjectSection(sid, titles.get(sid, sid) or sid, tuple(refs)) for sid, refs in sections.items()
        ),
        custom_clauses=tuple(customs),
    )


def project_from_export(path: Path, changes: str, catalog: Catalog | None) -> Imported:
    from socialpolicy import review as review_mod
    from socialpolicy.importers import Imported
    from socialpolicy.importers.docx import ImportReport
    from socialpolicy.library import Catalog
    from socialpolicy.project import project_from_data

    found = review_mod.read(path)
    payload = found.payload
    catalog = catalog if catalog is not None else Catalog.configured()
    if isinstance(payload.get("project"), dict):
        data = dict(payload["project"])
        try:
            project = project_from_data(data, f"{path} (the project stored in it)")
        except InputError:
            project = _project_from_records(payload, path)
    else:
        project = _project_from_records(payload, path)
    project = replace(project, metadata={**project.metadata, "source_file": path.name[:2000]})
    if changes == "accept":
        decision = review_mod.Decision.accept_all(found)
    else:
        # Rejecting tracked changes still keeps what the reviewer typed without tracking.
        decision = review_mod.Decision(
            accepted=frozenset(c.id for c in found.changes()) if changes == "keep" else frozenset(),
            untracked=frozenset(c.key for c in found.clauses if c.untracked),
            added=frozenset(
                c.key
                for c in found.clauses
                if c.added and (changes == "keep" or c.heading is None or c.heading.mark is None)
            ),
        )
    outcome = review_mod.apply(
        project, found, decision, catalog, check_hashes=False, marked=changes == "keep"
    )
    report = ImportReport(
        changes,
        found.changes(),
        found.comments(),
        found.unmapped,
        recognised=True,
        notes=[*outcome.applied, *outcome.conflicts],
    )
    lines = [
        f"recognised a Social Policy Studio export: {len(found.clauses)} clauses kept with their library ids and versions"
    ]
    lines += report.lines()
    for change, where in found.unplaced_changes:
        lines.append(f"not applied: a tracked {change.kind} by {change.author} in {where}")
    for comment, where in found.unplaced_comments:
        lines.append(f"comment by {comment.author} in {where} kept with the project but not on a clause")
    return Imported(outcome.edit.project, "", report, lines)
