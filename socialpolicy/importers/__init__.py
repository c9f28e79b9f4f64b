"""Importers: an existing policy (Markdown or Word) becomes a project of custom clauses."""

from __future__ import annotations

from pathlib import Path

from socialpolicy.errors import InputError
from socialpolicy.model import Project

SUFFIXES = (".md", ".markdown", ".txt", ".docx")


def read_as_markdown(path: str | Path) -> str:
    """The text of an existing policy as Markdown: a Markdown file as it is, a Word file converted."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from socialpolicy.importers.docx import docx_to_markdown, inspect_archive

        inspect_archive(p)
        return docx_to_markdown(p)
    if suffix in (".md", ".markdown", ".txt"):
        from socialpolicy.importers.markdown import read_markdown

        return read_markdown(p)
    raise InputError(p, "can only import .md or .docx files")


def import_file(path: str | Path) -> Project:
    from socialpolicy.importers.markdown import project_from_markdown

    return project_from_markdown(read_as_markdown(path), path)
