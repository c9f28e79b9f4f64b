"""Export: Word (normal or for review), Markdown, HTML, and PDF through Qt's printing of the
HTML exporter's output. The export runs in a worker thread with a progress indicator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.checks import Finding
from socialpolicy.document import Document
from socialpolicy.errors import InputError


@dataclass(frozen=True)
class Format:
    key: str  # "docx", "docx-review", "md", "html", "pdf"
    label: str
    suffix: str
    filter: str


FORMATS = (
    Format("docx", "Word document", ".docx", "Word documents (*.docx)"),
    Format(
        "docx-review",
        "Word document for legal review (rationale and findings as comments)",
        ".docx",
        "Word documents (*.docx)",
    ),
    Format("md", "Markdown (intranet, wiki, git)", ".md", "Markdown (*.md)"),
    Format("html", "HTML page (intranet)", ".html", "HTML pages (*.html)"),
    Format("pdf", "PDF", ".pdf", "PDF files (*.pdf)"),
)


def export_text(doc: Document, key: str, out: Path, findings: Sequence[Finding]) -> str:
    """Run a core exporter, or for PDF return the HTML to print. Raises what the exporter raises."""
    from socialpolicy import export as core_export

    if key == "pdf":
        from socialpolicy.export.html import to_html

        return to_html(doc)
    fmt = "docx" if key.startswith("docx") else key
    core_export.export(doc, fmt, out, review=key == "docx-review", findings=findings)
    return ""


def print_pdf(html_text: str, out: Path) -> None:
    """Lay out the HTML exporter's page with Qt and print it to PDF (A4, 2 cm margins)."""
    document = QTextDocument()
    document.setHtml(html_text)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setDocName(out.stem)
    document.print_(printer)


def failure_message(exc: BaseException, key: str) -> str:
    if isinstance(exc, ModuleNotFoundError | ImportError) and key.startswith("docx"):
        return (
            "Word export is not available in this installation yet (the Word exporter could not be loaded)."
        )
    if isinstance(exc, InputError):
        return exc.line()
    if isinstance(exc, OSError):
        return f"Could not write the file: {exc.strerror or exc}"
    return f"The export failed: {exc}"


class ExportWorker(QObject):
    finished = Signal(bool, str, str)  # ok, message, html to print (PDF)

    def __init__(self, doc: Document, key: str, out: Path, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.doc, self.key, self.out, self.findings = doc, key, out, list(findings)

    def run(self) -> None:
        try:
            html_text = export_text(self.doc, self.key, self.out, self.findings)
        except Exception as exc:  # every failure is shown to the user as a message
            self.finished.emit(False, failure_message(exc, self.key), "")
            return
        self.finished.emit(True, "", html_text)


class ExportDialog(QDialog):
    """Pick a format and a file; export; then offer to open the file."""

    exported = Signal(bool, str)  # ok, message (not 'done': that is QDialog's own method)

    def __init__(
        self, doc: Document, findings: Sequence[Finding], default_path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("export-dialog")
        self.doc = doc
        self.findings = list(findings)
        self.default_path = default_path
        self.worker_thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.last_ok = False
        self.last_message = ""
        self.buttons: dict[str, QRadioButton] = {}
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Format:"))
        for fmt in FORMATS:
            button = QRadioButton(fmt.label)
            button.setAccessibleName(f"Export as {fmt.label}")
            button.toggled.connect(self._format_changed)
            self.buttons[fmt.key] = button
            lay.addWidget(button)
        self.path = QLineEdit()
        self.path.setAccessibleName("File to write")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        row.addWidget(file_label)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("export-status")
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.open_button = QPushButton("&Open file")
        self.open_button.setEnabled(False)
        close = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_file)
        close.clicked.connect(self.reject)
        self.buttons["docx"].setChecked(True)
        self.resize(620, 360)

    def format_key(self) -> str:
        return next(k for k, b in self.buttons.items() if b.isChecked())

    def set_format(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def _format_changed(self) -> None:
        fmt = next(f for f in FORMATS if f.key == self.format_key())
        current = Path(self.path.text()) if self.path.text() else self.default_path
        name = current.name
        for f in FORMATS:
            if name.endswith(f.suffix):
                name = name[: -len(f.suffix)]
                break
        self.path.setText(str(current.with_name(name + fmt.suffix)))

    def _browse(self) -> None:
        fmt = next(f for f in FORMATS if f.key == self.format_key())
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), fmt.filter)
        if chosen:
            self.path.setText(chosen if chosen.endswith(fmt.suffix) else chosen + fmt.suffix)

    @property
    def running(self) -> bool:
        return self.worker_thread is not None

    def start(self) -> None:
        if self.running or not self.path.text().strip():
            return
        out = Path(self.path.text().strip())
        self.open_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy
        self.status.setText(f"Exporting to {out.name}…")
        self.worker_thread = QThread(self)
        self.worker = ExportWorker(self.doc, self.format_key(), out, self.findings)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker_thread.start()

    def _finished(self, ok: bool, message: str, html_text: str) -> None:
        out = Path(self.path.text().strip())
        if self.worker_thread is not None:
            self.worker_thread.quit()
            self.worker_thread.wait()
            self.worker_thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker_thread, self.worker = None, None
        if ok and self.format_key() == "pdf":
            try:
                print_pdf(html_text, out)
                ok = out.is_file() and out.stat().st_size > 0
                message = "" if ok else "Qt could not write the PDF file."
            except OSError as exc:
                ok, message = False, failure_message(exc, "pdf")
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if ok else 0)
        self.export_button.setEnabled(True)
        self.last_ok, self.last_message = ok, message
        if ok:
            self.status.setText(f"Exported to {out}")
            self.open_button.setEnabled(True)
        else:
            self.status.setText(message)
        self.exported.emit(ok, message)

    def open_file(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.path.text().strip()))

    def wait(self) -> None:
        """Let a running export finish (its thread must not outlive the dialog)."""
        if self.worker_thread is not None:
            self.worker_thread.quit()
            self.worker_thread.wait()

    def reject(self) -> None:
        self.wait()
        super().reject()
