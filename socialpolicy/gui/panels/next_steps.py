"""Next steps: what the organisation still has to decide or do, ticked off as it is settled. The list is
made by :func:`socialpolicy.app.next_steps.next_steps`; this panel only shows it and says which place
the author wants to go to (``linkRequested``)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app.next_steps import Step
from socialpolicy.gui.widgets import named, wrapped_label

ROLE_INDEX = Qt.ItemDataRole.UserRole
DONE, OPEN = "✔", "○"
NO_DOCUMENT = "Open or build a document to see what your organisation still has to decide."


class NextStepsPanel(QWidget):
    linkRequested = Signal(object)  # Link

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("next-steps")
        self.steps: tuple[Step, ...] = ()
        self.summary = wrapped_label(NO_DOCUMENT)
        self.list = QListWidget()
        self.list.setObjectName("next-steps-list")
        self.list.setAccessibleName("Next steps")
        self.list.setWordWrap(True)
        self.detail = wrapped_label("")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setMinimumHeight(90)
        self.go_button = named(QPushButton("Go there"), "Go to the place that settles this step")
        go_row = QHBoxLayout()
        go_row.addStretch(1)
        go_row.addWidget(self.go_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.detail)
        lay.addLayout(go_row)
        self.list.currentRowChanged.connect(self._selected)
        self.list.itemActivated.connect(lambda _item: self._go())
        self.go_button.clicked.connect(self._go)
        self._selected(-1)

    def set_steps(self, steps: tuple[Step, ...] | None) -> None:
        """Show ``steps`` (``None``: no document), keeping the selected step selected."""
        current = self.current()
        self.steps = steps or ()
        self.list.blockSignals(True)
        self.list.clear()
        row = -1
        for i, step in enumerate(self.steps):
            item = QListWidgetItem(f"{DONE if step.done else OPEN}  {step.title}")
            item.setData(ROLE_INDEX, i)
            item.setToolTip(step.why)
            if step.done:
                item.setForeground(QBrush(QColor("#1a7f37")))
            else:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
            if current is not None and step.id == current.id:
                row = i
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        if steps is None:
            self.summary.setText(NO_DOCUMENT)
        else:
            left = sum(1 for s in self.steps if not s.done)
            self.summary.setText(
                "Everything on this list is settled. Have a lawyer review the document before you use it."
                if not left
                else f"{left} of {len(self.steps)} still to decide or do. Select one to see why it matters."
            )
        self._selected(row)

    def current(self) -> Step | None:
        item = self.list.currentItem()
        return self.steps[int(item.data(ROLE_INDEX))] if item is not None else None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def select(self, step_id: str) -> bool:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                self.list.setCurrentRow(i)
                return True
        return False

    def _selected(self, _row: int) -> None:
        step = self.current()
        self.go_button.setEnabled(step is not None and step.link is not None)
        self.go_button.setText(step.link.label if step is not None and step.link is not None else "Go there")
        if step is None:
            self.detail.setText("")
            return
        state = "Done" if step.done else "Still to do"
        colour = "#1a7f37" if step.done else "#9a6700"
        self.detail.setText(
            f"<p><b>{html.escape(step.title)}</b> <span style='color:{colour}'>({state})</span></p>"
            f"<p>{html.escape(step.why)}</p>"
            + (f"<p><i>{html.escape(step.detail)}</i></p>" if step.detail else "")
        )

    def _go(self) -> None:
        step = self.current()
        if step is not None and step.link is not None:
            self.linkRequested.emit(step.link)
