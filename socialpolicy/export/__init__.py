"""Exporters: each writes one rendered :class:`~socialpolicy.document.Document` to a format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from socialpolicy import jsonio

if TYPE_CHECKING:
    from socialpolicy.checks import Finding
    from socialpolicy.document import Document

FORMATS = ("docx", "md", "html")


def export(
    doc: Document,
    fmt: str,
    out: str | Path,
    *,
    review: bool = False,
    findings: Sequence[Finding] = (),
    reference: str | Path | None = None,
) -> None:
    """Write ``doc`` as ``fmt`` to ``out`` atomically. ``reference`` is a house-style .docx for Word."""
    if fmt == "md":
        from socialpolicy.export.markdown import to_markdown

        jsonio.atomic_write_text(out, to_markdown(doc), backup=False)
    elif fmt == "html":
        from socialpolicy.export.html import to_html

        jsonio.atomic_write_text(out, to_html(doc, review=review, findings=findings), backup=False)
    elif fmt == "docx":
        from socialpolicy.export.docx import write_docx

        write_docx(doc, out, review=review, findings=findings, reference=reference)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
