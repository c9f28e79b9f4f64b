"""Exports: the formats the app offers, and one export fixed when it starts.

An :class:`ExportJob` holds the Document, the format, the file and the findings as they were when the
author pressed Export, so switching the format or editing the file name while it runs changes
nothing about it: the result names the file that was really written. PDF is the HTML exporter's page
laid out and printed by Qt, so :meth:`ExportJob.run` returns that page for the GUI to print.
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

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    key: str  # "docx", "docx-review", "md", "html", "pdf"
    label: str
    suffix: str
    filter: str


FORMATS = (
    ExportFormat("docx", "Word document", ".docx", "Word documents (*.docx)"),
    ExportFormat(
        "docx-review",
        "Word document for legal review (rationale and findings as comments)",
        ".docx",
        "Word documents (*.docx)",
    ),
    ExportFormat("md", "Markdown (intranet, wiki, git)", ".md", "Markdown (*.md)"),
    ExportFormat("html", "HTML page (intranet)", ".html", "HTML pages (*.html)"),
    ExportFormat("pdf", "PDF", ".pdf", "PDF files (*.pdf)"),
)
BY_KEY = {f.key: f for f in FORMATS}


def with_format(path: Path, key: str) -> Path:
    """``path`` with the suffix of format ``key`` in place of any export suffix it has."""
    name = path.name
    for f in FORMATS:
        if name.endswith(f.suffix):
            name = name[: -len(f.suffix)]
            break
    return path.with_name(name + BY_KEY[key].suffix)


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
    html: str = ""  # for PDF: the page to print to job.path
    report: Report | None = None  # the check this export ran, when it had no current report

    @property
    def path(self) -> Path:
        return self.job.path


@dataclass(frozen=True, slots=True)
class ExportJob:
    """One export, fixed when it starts. ``findings`` is ``None`` when the document has no current
    report and the format needs one (Word for review): the job checks the document first."""

    document: Document
    key: str
    path: Path
    findings: tuple[Finding, ...] | None
    catalog: Catalog | None = None
    source: str = ""

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
            if self.key == "pdf":
                from socialpolicy.export.html import to_html

                return ExportResult(self, True, "", to_html(self.document), report)
            fmt = "docx" if self.key.startswith("docx") else self.key
            core_export.export(
                self.document, fmt, self.path, review=self.key == "docx-review", findings=findings
            )
        except Exception as exc:  # every failure is shown to the author as a message
            return ExportResult(self, False, failure_message(exc, self.key), "", report)
        log.info("exported %s to %s", self.key, self.path)
        return ExportResult(self, True, "", "", report)
