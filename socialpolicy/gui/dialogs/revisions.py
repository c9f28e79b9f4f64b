"""The document's revisions: the saved states listed in its version history, a new one saved, and a
redline (Word tracked changes) against one of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.gui.widgets import wrapped_label

COLUMNS = ("Version", "Date", "By", "Note", "Saved copy")


class RevisionsDialog(QDialog):
    saveRequested = Signal(str)  # the note of a new revision
    redlineRequested = Signal(str)  # the version to compare with

    def __init__(self, rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Revisions")
        self.setObjectName("revisions-dialog")
        intro = wrapped_label(
            "A revision keeps a copy of the document as it is now, under a version number, in its version "
            "history. Save one before you send the document out; later, a redline shows in Word, as tracked "
            "changes, what changed since."
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Revisions of the document")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.save_button = QPushButton("&Save a revision\u2026")
        self.redline_button = QPushButton("Export &redline against it\u2026")
        self.redline_button.setToolTip(
            "A Word file of the document now, with what changed since the selected revision"
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.redline_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.save_button.clicked.connect(self._save)
        self.redline_button.clicked.connect(self._redline)
        self.table.itemSelectionChanged.connect(self._enable)
        self.set_rows(rows)
        self.resize(720, 360)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (
                row["version"],
                row["date"],
                row["author"],
                row["note"],
                "yes" if row["saved"] else "no",
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        saved = [r for r, row in enumerate(rows) if row["saved"]]
        if saved:
            self.table.selectRow(saved[-1])
        self._enable()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        row = self.selected()
        self.redline_button.setEnabled(bool(row and row["saved"]))

    def _save(self) -> None:
        note, ok = QInputDialog.getText(
            self,
            "Save a revision",
            "What is this revision? (for example: Sent to legal for review)",
            QLineEdit.EchoMode.Normal,
            "Sent to legal for review",
        )
        if ok and note.strip():
            self.saveRequested.emit(note.strip())

    def _redline(self) -> None:
        row = self.selected()
        if row and row["saved"]:
            self.redlineRequested.emit(str(row["version"]))
