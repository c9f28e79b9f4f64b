"""Accepting a finding's risk: who accepts it, and why."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.checks import Finding
from socialpolicy.gui.dialogs import ok_cancel
from socialpolicy.gui.widgets import named, wrapped_label


class AcceptRiskDialog(QDialog):
    """Asks who accepts a finding's risk and why. A reason is required."""

    def __init__(self, finding: Finding, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Accept risk")
        intro = wrapped_label(
            f"<b>{html.escape(finding.rule)}</b>: {html.escape(finding.message)}<br><br>"
            "Accepting a risk keeps the finding in the report, marked as accepted, with your reason. "
            "Reviewers will see who accepted it and why."
        )
        self.by = named(QLineEdit(author), "Accepted by")
        self.reason = named(QPlainTextEdit(), "Reason for accepting the risk")
        self.reason.setPlaceholderText("Why is this acceptable for your organisation?")
        form = QFormLayout()
        form.addRow("Accepted &by", self.by)
        form.addRow("&Reason", self.reason)
        self.buttons = ok_cancel(self)
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
