"""Importers: an existing policy (Markdown or Word) becomes a project of custom clauses."""

from __future__ import annotations

from pathlib import Path

from socialpolicy.errors import InputError
from socialpolicy.model import Project

SUFFIXES = (".md", ".markdown", ".txt", ".docx")


def import_file(path: str | Path) -> Project:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from socialpolicy.importers.docx import import_docx

        return import_docx(p)
    if suffix in (".md", ".markdown", ".txt"):
        from socialpolicy.importers.markdown import import_markdown

        return import_markdown(p)
    raise InputError(p, "can only import .md or .docx files")
