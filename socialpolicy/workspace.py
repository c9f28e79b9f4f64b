"""Opening what a user points at: a project, or an existing policy in Markdown or Word, as a
rendered Document with the libraries it needs. Shared by the command line and the app."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from socialpolicy import templates
from socialpolicy.document import Document
from socialpolicy.errors import InputError
from socialpolicy.importers import SUFFIXES, read_as_markdown
from socialpolicy.library import Catalog
from socialpolicy.model import Project, Template
from socialpolicy.project import load_project
from socialpolicy.render import render

ALL_JURISDICTIONS = ("us", "uk", "eu")
NOTE_ALL = "no jurisdiction was given, so the rules of every jurisdiction (us, uk, eu) apply"


@dataclass
class Loaded:
    """A loaded document: the rendered document, its project, catalog and template."""

    document: Document
    project: Project
    catalog: Catalog
    template: Template | None
    note: str = ""
    default_jurisdictions: tuple[str, ...] | None = None


def template_for(project: Project) -> Template | None:
    if project.template_id in templates.TEMPLATE_IDS:
        return templates.get(project.template_id)
    return None


def render_project(project: Project, catalog: Catalog, source: str | Path = "project") -> Document:
    return render(project, catalog, template_for(project), source=source)


def document_as_found(
    project: Project, markdown: str, catalog: Catalog, source: str | Path, kind: str
) -> Document:
    """An existing policy (imported from ``markdown``) rendered for checking, with its own heading numbers."""
    from socialpolicy.importers.markdown import heading_numbers  # (read only for existing policies)

    doc = render(project, catalog, None, source=source)
    return replace(doc, source_kind=kind, numbering=heading_numbers(markdown))


def load_document(path: str | Path, catalog: Catalog | None = None, *, projects_only: bool = False) -> Loaded:
    """Open a project, or an existing policy (.md/.docx), rendered with ``catalog``.

    The caller decides which libraries apply; without one, the built-in library and those named in
    the settings and the environment (:meth:`Catalog.configured`).
    """
    p = Path(path)
    catalog = catalog if catalog is not None else Catalog.configured()
    suffix = p.suffix.lower()
    if suffix in SUFFIXES and not p.name.endswith(".json"):
        if projects_only:
            raise InputError(
                p, "expected a project (.policy.json); import the document first with 'socialpolicy import'"
            )
        from socialpolicy.importers.markdown import project_from_markdown

        text = read_as_markdown(p)
        project = project_from_markdown(text, p)
        doc = document_as_found(project, text, catalog, p, "docx" if suffix == ".docx" else "markdown")
        return Loaded(doc, project, catalog, None, NOTE_ALL, ALL_JURISDICTIONS)
    if not p.name.endswith(".json"):
        raise InputError(p, "expected a .policy.json project, or a .md or .docx policy")
    project = load_project(p)
    return Loaded(render_project(project, catalog, p), project, catalog, template_for(project))
