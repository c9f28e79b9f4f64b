"""Importers: an existing policy (Markdown or Word) becomes a project of custom clauses, and one of
our own Word exports becomes again the project it came from (library clauses, versions and order)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from socialpolicy.errors import InputError
from socialpolicy.model import Note, Project

if TYPE_CHECKING:
    from socialpolicy.importers.docx import ImportReport
    from socialpolicy.library import Catalog

SUFFIXES = (".md", ".markdown", ".txt", ".docx")
CHANGE_MODES = ("accept", "reject", "keep")


@dataclass
class Imported:
    project: Project
    markdown: str = ""  # the text read, as Markdown (for a policy checked as found)
    report: ImportReport | None = None
    lines: list[str] = field(default_factory=list)  # what the import did, for the user


def read_as_markdown(path: str | Path, changes: str = "accept") -> str:
    """The text of an existing policy as Markdown: a Markdown file as it is, a Word file converted
    (its tracked changes accepted, rejected or kept as marks)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from socialpolicy.importers.docx import docx_to_markdown, inspect_archive

        inspect_archive(p)
        return docx_to_markdown(p, changes)[0]
    if suffix in (".md", ".markdown", ".txt"):
        from socialpolicy.importers.markdown import read_markdown

        return read_markdown(p)
    raise InputError(p, "can only import .md or .docx files")


def import_document(path: str | Path, changes: str = "accept", catalog: Catalog | None = None) -> Imported:
    """Import a policy. A Word file exported by this program comes back as its project, with the
    reviewer's changes taken as ``changes`` says; any other file becomes custom clauses."""
    from socialpolicy.importers.markdown import project_from_markdown

    if changes not in CHANGE_MODES:
        raise InputError(None, f"--changes must be one of {', '.join(CHANGE_MODES)}")
    p = Path(path)
    if p.suffix.lower() != ".docx":
        text = read_as_markdown(p)
        return Imported(project_from_markdown(text, p), text)
    from socialpolicy.export.docx_package import read_payload
    from socialpolicy.importers.docx import ImportReport, docx_to_markdown, inspect_archive

    inspect_archive(p)
    payload = read_payload(p)
    if payload is not None and isinstance(payload.get("clauses"), list):
        from socialpolicy.importers.exported import project_from_export

        return project_from_export(p, changes, catalog)
    text, word = docx_to_markdown(p, changes)
    project = project_from_markdown(text, p)
    report = ImportReport(changes, word.changes(), word.comments, word.unmapped)
    project = replace(project, comments=tuple(_place(c, project, p) for c in word.comments))
    return Imported(project, text, report, report.lines())


def _place(comment: object, project: Project, path: Path) -> Note:
    """A Word comment as a project note, on the custom clause whose text holds its anchor."""
    from socialpolicy.importers.wordml import Comment
    from socialpolicy.review import normalise, note_from

    assert isinstance(comment, Comment)
    anchor = normalise(comment.anchor)
    clause = None
    if anchor:
        clause = next((c.id for c in project.custom_clauses if anchor in normalise(c.body)), None)
        if clause is None:  # text a section opens with: the note goes on the section's first clause
            clause = next(
                (s.clauses[0].clause for s in project.sections if s.clauses and anchor in normalise(s.intro)),
                None,
            )
    return note_from(comment, clause, path)


def import_file(path: str | Path, changes: str = "accept") -> Project:
    return import_document(path, changes).project
