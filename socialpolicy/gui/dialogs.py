"""Small dialogs. Each returns its result through a class method, so tests can drive it."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from socialpolicy import __version__ as VERSION
from socialpolicy.checks import Finding


class AcceptRiskDialog(QDialog):
    """Asks who accepts a finding's risk and why. A reason is required."""

    def __init__(self, finding: Finding, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Accept risk")
        intro = QLabel(
            f"<b>{html.escape(finding.rule)}</b>: {html.escape(finding.message)}<br><br>"
            "Accepting a risk keeps the finding in the report, marked as accepted, with your reason. "
            "Reviewers will see who accepted it and why."
        )
        intro.setWordWrap(True)
        self.by = QLineEdit(author)
        self.by.setAccessibleName("Accepted by")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for accepting the risk")
        self.reason.setPlaceholderText("Why is this acceptable for your organisation?")
        form = QFormLayout()
        form.addRow("Accepted &by", self.by)
        form.addRow("&Reason", self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        self.by.textChanged.connect(self._update)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip() and self.by.text().strip()))

    @classmethod
    def get_reason(cls, parent: QWidget, finding: Finding, author: str) -> tuple[str, str, bool]:
        dialog = cls(finding, author, parent)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.by.text().strip(), dialog.reason.toPlainText().strip(), ok
        finally:
            dialog.deleteLater()


class ChangesDialog(QDialog):
    """Lists what re-assembly changed."""

    def __init__(self, changes: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What changed")
        label = QLabel(
            "The document was re-assembled from your new answers. Your edits and custom clauses "
            "were kept. These are the changes (Undo reverts them all):"
        )
        label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Changes made by re-assembly")
        self.list.setWordWrap(True)
        self.list.addItems(list(changes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.list)
        lay.addWidget(buttons)
        self.resize(640, 360)


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Social Policy Studio",
        f"<h3>Social Policy Studio {html.escape(VERSION)}</h3>"
        "<p>Build employee social media policies, internal collaboration guidelines and social media "
        "governance charters from a library of modular clauses; check them; send them to Word for legal "
        "review and to Markdown or HTML for the intranet.</p>"
        "<p>Clauses are guidance, not legal advice: have a lawyer review the final document.</p>",
    )
