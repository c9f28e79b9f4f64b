"""Exports: the formats the app offers, and one export fixed when it starts.

An :class:`ExportJob` holds the Document, the format, the file and the findings as they were when the
author pressed Export, so switching the format or editing the file name while it runs changes
nothing about it: the result names the file that was really written. PDF is made by LibreOffice from
the Word file when LibreOffice is installed; otherwise it is the HTML exporter's page laid out and
printed by Qt, so :meth:`ExportJob.run` returns that page for the GUI to print (``ExportResult.engine``
says which).

Each format has its own default file name (``policy.docx``, ``policy-for-review.docx``, ``policy.pdf``),
so a review copy never lands on the clean copy's file.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from socialpolicy import logs
from socialpolicy.checks import Finding, Report
from socialpolicy.document import Document
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog
from socialpolicy.model import Project

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    key: str  # "docx", "docx-review", "md", "html", "pdf"
    label: str
    suffix: str
    filter: str
    tail: str = ""  # added to the file name so this format's default file differs from the others

    @property
    def ending(self) -> str:
        return self.tail + self.suffix


FORMATS = (
    ExportFormat("docx", "Word document", ".docx", "Word documents (*.docx)"),
    ExportFormat(
        "docx-review",
        "Word document for legal review (rationale and findings as comments)",
        ".docx",
        "Word documents (*.docx)",
        "-for-review",
    ),
    ExportFormat("md", "Markdown (intranet, wiki, git)", ".md", "Markdown (*.md)"),
    ExportFormat("html", "HTML page (intranet)", ".html", "HTML pages (*.html)"),
    ExportFormat("pdf", "PDF", ".pdf", "PDF files (*.pdf)"),
)
BY_KEY = {f.key: f for f in FORMATS}
REDLINE_TAIL = "-changes-since-"
ENGINE_OFFICE = "LibreOffice"
ENGINE_QT = "Qt"


def with_format(path: Path, key: str) -> Path:
    """``path`` with the ending of format ``key`` (``-for-review.docx``, ``.pdf``) in place of any export
    ending it has, so each format's default file is a different file."""
    name = path.name
    for f in sorted(FORMATS, key=lambda f: len(f.ending), reverse=True):
        if name.endswith(f.ending):
            name = name[: -len(f.ending)]
            break
    return path.with_name(name + BY_KEY[key].ending)


def pdf_engine(choice: str = "auto") -> str:
    """Which program lays out a PDF: LibreOffice (from the Word file) when it is installed, else Qt;
    ``choice`` "office" or "qt" forces one."""
    if choice == "qt":
        return ENGINE_QT
    if choice == "office":
        return ENGINE_OFFICE
    from socialpolicy import office

    return ENGINE_OFFICE if office.available() else ENGINE_QT


def redline_path(base: Path, version: str) -> Path:
    """The default file of a redline against revision ``version``: beside the others, never one of them."""
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "-" for ch in version) or "revision"
    return base.with_name(base.name + REDLINE_TAIL + safe + ".docx")


def failure_message(exc: BaseException, key: str) -> str:
    if isinstance(exc, ModuleNotFoundError | ImportError) and key.startswith("docx"):
        return (
            "Word export is not available in this installation yet (the Word exporter could not be loaded)."
        )
    if isinstance(exc, InputError):
        return exc.line()
    if isinstance(exc, OSError):
        return f"Could not write the file: {exc.strerror or exc}"
    where = logs.log_unexpected(exc, f"exporting {key}")
    return f"The export failed: {exc}" + (f" (details in {where})" if where else "")


@dataclass(frozen=True, slots=True)
class ExportResult:
    job: ExportJob
    ok: bool
    message: str
    html: str = ""  # for PDF laid out by Qt: the page to print to job.path
    report: Report | None = None  # the check this export ran, when it had no current report
    engine: str = ""  # for PDF: ENGINE_OFFICE (written) or ENGINE_QT (the GUI prints ``html``)
    notes: tuple[str, ...] = ()  # what the exporter had to leave out or could not do

    @property
    def path(self) -> Path:
        return self.job.path


@dataclass(frozen=True, slots=True)
class ExportJob:
    """One export, fixed when it starts. ``findings`` is ``None`` when the document has no current
    report and the format needs one (Word for review): the job checks the document first. ``project``
    goes into Word files, so a reviewed copy can be read back clause by clause. ``pdf_engine`` is
    "auto" (LibreOffice when installed, else Qt), "office" or "qt"."""

    document: Document
    key: str
    path: Path
    findings: tuple[Finding, ...] | None
    catalog: Catalog | None = None
    source: str = ""
    project: Project | None = None
    pdf_engine: str = "auto"

    @property
    def format(self) -> ExportFormat:
        return BY_KEY[self.key]

    def run(self) -> ExportResult:
        from socialpolicy import checks
        from socialpolicy import export as core_export

        report: Report | None = None
        try:
            findings: Sequence[Finding] = self.findings if self.findings is not None else ()
            if self.findings is None:
                report = checks.run(self.document, catalog=self.catalog, source=self.source)
                findings = report.findings
            engine = ""
            if self.key == "pdf":
                engine = self.engine()
                if engine == ENGINE_QT:
                    from socialpolicy.export.html import to_html

                    return ExportResult(self, True, "", to_html(self.document), report, ENGINE_QT)
            fmt = "docx" if self.key.startswith("docx") else self.key
            notes = core_export.export(
                self.document,
                fmt,
                self.path,
                review=self.key == "docx-review",
                findings=findings,
                project=self.project if fmt in ("docx", "pdf") else None,
            )
        except Exception as exc:  # every failure is shown to the author as a message
            return ExportResult(self, False, failure_message(exc, self.key), "", report)
        log.info("exported %s to %s", self.key, self.path)
        return ExportResult(self, True, "", "", report, engine, tuple(notes))

    def engine(self) -> str:
        return pdf_engine(self.pdf_engine)
