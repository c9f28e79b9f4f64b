"""Exporters: each writes one rendered :class:`~socialpolicy.document.Document` to a format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from socialpolicy import jsonio
from socialpolicy.errors import InputError

if TYPE_CHECKING:
    from socialpolicy.checks import Finding
    from socialpolicy.document import Document
    from socialpolicy.export.docx import WordOptions
    from socialpolicy.model import Project

FORMATS = ("docx", "md", "html", "pdf")
PDF_ENGINE = "LibreOffice, from the Word export"


def export(
    doc: Document,
    fmt: str,
    out: str | Path,
    *,
    review: bool = False,
    findings: Sequence[Finding] = (),
    reference: str | Path | None = None,
    project: Project | None = None,
    base: Document | None = None,
    base_label: str = "",
    layout: bool = False,
    md_flavor: str | None = None,
) -> list[str]:
    """Write ``doc`` as ``fmt`` to ``out`` atomically; returns notes for the user on what the export had
    to leave out or could not do (empty when there is nothing to say).

    Word: ``reference`` is a house-style .docx; ``project`` is stored in the file so a reviewed copy can be
    read back; ``base`` (an earlier revision's Document) makes a redline; ``layout`` fills in page numbers
    through LibreOffice when it is installed. PDF is made from the Word file by LibreOffice. Markdown:
    ``md_flavor`` is gfm (the default), commonmark or pandoc (see :mod:`socialpolicy.export.markdown`).
    """
    if fmt == "md":
        from socialpolicy.export.markdown import DEFAULT_FLAVOR, to_markdown

        jsonio.atomic_write_text(out, to_markdown(doc, md_flavor or DEFAULT_FLAVOR), backup=False)
        return []
    if fmt == "html":
        from socialpolicy.export.html import to_html

        jsonio.atomic_write_text(out, to_html(doc, review=review, findings=findings), backup=False)
        return []
    word: WordOptions = {
        "review": review,
        "findings": findings,
        "reference": reference,
        "project": project,
        "base": base,
        "base_label": base_label,
    }
    if fmt == "docx":
        from socialpolicy.export.docx import write_docx

        return write_docx(doc, out, layout=layout, **word)
    if fmt == "pdf":
        import tempfile

        from socialpolicy import office
        from socialpolicy.export.docx import write_docx

        if not office.available():
            raise InputError(
                out,
                "PDF export needs LibreOffice (with its Python scripting, python3-uno on Debian and Ubuntu)",
            )
        with tempfile.TemporaryDirectory(prefix="socialpolicy-pdf-") as folder:
            word_file = Path(folder) / "document.docx"
            notes = write_docx(doc, word_file, layout=True, **word)
            office.convert(word_file, out, "writer_pdf_Export")
        return notes
    raise ValueError(f"unknown export format {fmt!r}")
