"""Export: pick a format and a file, export in the background, then offer to open the file.

The export is an :class:`~socialpolicy.app.export_job.ExportJob` made when the author presses Export:
its Document, format, file and findings are fixed then, so changing the format or the file name while
it runs changes nothing about it, and the dialog reports the file that was really written. An
existing file is replaced only when the author says so. PDF is made by LibreOffice from the Word file
when it is installed, else the HTML exporter's page is printed by Qt; the dialog says which.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QMarginsF, QUrl, Signal
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

from socialpolicy.app.export_job import (
    BY_KEY,
    ENGINE_QT,
    FORMATS,
    ExportJob,
    ExportResult,
    failure_message,
    with_format,
)
from socialpolicy.gui.ask import yes
from socialpolicy.gui.panels.preview import PREVIEW_CSS, _qt
from socialpolicy.gui.widgets import named, push_button, wrapped_label
from socialpolicy.gui.workers import Outcome, Worker
from socialpolicy.help import NOT_LEGAL_ADVICE

ENGINE_TEXT = {
    "LibreOffice": "The PDF is made by LibreOffice from the Word file, so it looks like the Word export.",
    "Qt": (
        "LibreOffice is not installed, so the PDF is laid out by this program from the HTML page; "
        "install LibreOffice for a PDF that matches the Word file."
    ),
}


def print_pdf(html_text: str, out: Path) -> None:
    """Lay out the HTML exporter's page with Qt and print it to PDF (A4, 2 cm margins), with the
    preview's adjustments for Qt's rich text (a real space after each number, the cover as a plain table)."""
    document = QTextDocument()
    document.setHtml(_qt(html_text).replace("</style>", PREVIEW_CSS + "</style>", 1))
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


class ExportDialog(QDialog):
    """``exported(ok, message)`` when an export has finished; ``finished_job`` is what it did."""

    exported = Signal(bool, str)  # ok, message (not 'done': that is QDialog's own method)

    def __init__(
        self,
        make_job: Callable[[str, Path], ExportJob],
        worker: Worker,
        default_path: Path,
        parent: QWidget | None = None,
        *,
        warning: str = "",
        pdf_engine: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("export-dialog")
        self.make_job = make_job
        self.worker = worker
        self.default_path = default_path
        self.job: ExportJob | None = None  # the export running now
        self.finished_job: ExportJob | None = None
        self.last_ok = False
        self.last_message = ""
        self.report_ready: Callable[[ExportResult], None] | None = None
        self.buttons: dict[str, QRadioButton] = {}
        self.pdf_engine = pdf_engine
        self.confirmed: Path | None = None
        lay = QVBoxLayout(self)
        self.warning = QLabel(warning)
        self.warning.setObjectName("export-warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background:#fff8c5; border:1px solid #d4a72c; border-radius:4px; padding:6px; color:#3b2300"
        )
        self.warning.setVisible(bool(warning))
        lay.addWidget(self.warning)
        lay.addWidget(QLabel("Format:"))
        for fmt in FORMATS:
            button = named(QRadioButton(fmt.label), f"Export as {fmt.label}")
            button.toggled.connect(self._format_changed)
            self.buttons[fmt.key] = button
            lay.addWidget(button)
        self.path = named(QLineEdit(), "File to write")
        browse = push_button("&Browse…", self._browse)
        row = QHBoxLayout()
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        row.addWidget(file_label)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        self.engine = QLabel("")
        self.engine.setObjectName("export-engine")
        self.engine.setWordWrap(True)
        self.engine.setStyleSheet("color:#57606a")
        self.engine.hide()
        lay.addWidget(self.engine)
        self.progress = named(QProgressBar(), "Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # (a "0%" before anything is exported reads as stuck)
        self.progress.hide()  # shown from the start of an export
        self.status = wrapped_label("")
        self.status.setObjectName("export-status")
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(QLabel(NOT_LEGAL_ADVICE, wordWrap=True))
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
        current = Path(self.path.text()) if self.path.text() else self.default_path
        key = self.format_key()
        self.path.setText(str(with_format(current, key)))
        pdf = key == "pdf" and self.pdf_engine is not None
        if pdf and self.pdf_engine is not None:
            self.engine.setText(ENGINE_TEXT.get(self.pdf_engine(), ""))
        self.engine.setVisible(pdf)

    def _browse(self) -> None:
        fmt = BY_KEY[self.format_key()]
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), fmt.filter)
        if chosen:
            self.path.setText(chosen if chosen.endswith(fmt.suffix) else chosen + fmt.suffix)
            self.confirmed = Path(self.path.text())  # the file dialog asked about replacing it

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        if self.running or not self.path.text().strip():
            return
        target = Path(self.path.text().strip())
        if (
            target.exists()
            and target != self.confirmed
            and not yes(
                self,
                "Replace the file?",
                f"{target.name} already exists in {target.parent}. Replace it with this export?",
                default_yes=False,
            )
        ):
            self.status.setText("Not exported: the file is still as it was. Choose another file name.")
            return
        self.job = job = self.make_job(self.format_key(), target)
        self.open_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy
        self.progress.show()
        self.status.setText(f"Exporting to {job.path.name}…")
        self.worker.submit(_run(job), self._finished)

    def _finished(self, outcome: Outcome[ExportResult]) -> None:
        job = self.job
        assert job is not None
        if outcome.error is not None:
            result = ExportResult(job, False, failure_message(outcome.error, job.key))
        else:
            result = outcome.get()
        ok, message = result.ok, result.message
        if ok and job.key == "pdf" and result.engine == ENGINE_QT:
            try:
                print_pdf(result.html, job.path)
                ok = job.path.is_file() and job.path.stat().st_size > 0
                message = "" if ok else "Qt could not write the PDF file."
            except OSError as exc:
                ok, message = False, failure_message(exc, "pdf")
        self.job, self.finished_job = None, job
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if ok else 0)
        self.export_button.setEnabled(True)
        self.last_ok, self.last_message = ok, message
        if ok:
            made_by = f" (PDF made by {result.engine})" if job.key == "pdf" else ""
            notes = "".join(f"\nNote: {n}" for n in result.notes)
            self.status.setText(f"Exported to {job.path}{made_by}{notes}")
            self.open_button.setEnabled(True)
        else:
            self.status.setText(message)
        if self.report_ready is not None:
            self.report_ready(result)
        self.exported.emit(ok, message)

    def open_file(self) -> None:
        if self.finished_job is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.finished_job.path)))

    def wait(self) -> None:
        """Let a running export finish and report (it must not outlive the dialog)."""
        while self.job is not None:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def reject(self) -> None:
        self.wait()
        super().reject()


def _run(job: ExportJob) -> Callable[[object], ExportResult]:
    def run(_progress: object) -> ExportResult:
        return job.run()

    return run
