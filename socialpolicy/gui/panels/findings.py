"""Findings from the checker, grouped by severity, with "Apply fix" and "Accept risk…"; beside the list, the
selected finding in parts a drafter can act on: the sentence, why it matters, what to write instead, the
source."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app.finding_places import Parts, parts
from socialpolicy.checks import SEVERITIES, Finding, Report
from socialpolicy.checks.report import counted
from socialpolicy.gui.widgets import named, wrapped_label

ROLE_INDEX = Qt.ItemDataRole.UserRole
GROUPS = {"error": "Errors", "warning": "Warnings", "info": "Information", "accepted": "Accepted risks"}
COLOURS = {"error": "#a4161a", "warning": "#9a6700", "info": "#1f6feb", "accepted": "#57606a"}
# The parts of the selected finding, in reading order: (Parts field, caption).
CAPTIONS = (
    ("headline", ""),  # the finding itself, in bold, without a caption
    ("reason", "Why it matters"),
    ("suggestion", "What to write instead"),
    ("sentence", "The sentence"),
    ("fix", "The app can fix it"),
    ("citation", "Source"),
)
NOTHING_SELECTED = (
    "Select a finding to see the sentence it is about, why it matters and what to write instead."
)


class FindingsPanel(QWidget):
    clauseRequested = Signal(str)
    findingSelected = Signal(object)  # Finding, when the author selects one (not when a new report arrives)
    fixRequested = Signal(object)  # Finding
    acceptRequested = Signal(object)  # Finding
    withdrawRequested = Signal(object)  # Finding (an accepted one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("findings")
        self.tree.setAccessibleName("Findings")
        self.tree.setHeaderLabels(["Finding", "Rule", "Where"])
        self.tree.setColumnWidth(0, 360)
        self.tree.setColumnWidth(1, 160)
        self._filling = False
        self.set_details(False)
        self.summary = QLabel("No document.")
        self.fix_button = named(QPushButton("Apply &fix"), "Apply the suggested fix")
        self.accept_button = named(QPushButton("Accept &risk…"), "Accept this risk with a reason")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.accept_button)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.tree)
        self.split.addWidget(self._build_details())
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addWidget(self.split, 1)
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.fix_button.clicked.connect(self._fix)
        self.accept_button.clicked.connect(self._accept)
        self._selected(None, None)

    def _build_details(self) -> QScrollArea:
        """One caption and one text per part of the selected finding; empty parts are hidden."""
        body = QWidget()
        body.setObjectName("finding-details")
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(4)
        form.setContentsMargins(8, 4, 8, 4)
        self.hint = wrapped_label(NOTHING_SELECTED)
        form.addRow(self.hint)
        self.captions: dict[str, QLabel] = {}
        self.part_labels: dict[str, QLabel] = {}
        for key, caption in CAPTIONS:
            head = QLabel(f"<b>{caption}</b>" if caption else "", body)
            text = wrapped_label("")
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(caption or "Finding")
            if caption:
                form.addRow(head, text)
            else:
                font = text.font()
                font.setBold(True)
                text.setFont(font)
                form.addRow(text)
            self.captions[key], self.part_labels[key] = head, text
        self.details = QScrollArea()
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setWidget(body)
        self.details.setMinimumWidth(280)
        return self.details

    def _show_parts(self, shown: Parts | None, accepted: str = "") -> None:
        self.hint.setVisible(shown is None)
        for key, _ in CAPTIONS:
            value = getattr(shown, key) if shown is not None else ""
            if key == "sentence" and value:
                value = f"“{value}”"
            if key == "fix" and accepted:
                value = accepted
            self.part_labels[key].setText(value)
            self.part_labels[key].setVisible(bool(value))
            self.captions[key].setVisible(bool(value) and bool(self.captions[key].text()))
        self.captions["fix"].setText("<b>Accepted risk</b>" if accepted else "<b>The app can fix it</b>")

    def part(self, key: str) -> str:
        """The text shown for one part of the selected finding ("" when hidden)."""
        label = self.part_labels[key]
        return label.text() if not label.isHidden() else ""

    def set_details(self, shown: bool) -> None:
        """The rule ids (a column) only for people who asked for technical details."""
        self.tree.setColumnHidden(1, not shown)

    def set_report(self, report: Report | None) -> None:
        self._filling = True
        try:
            self._fill(report)
        finally:
            self._filling = False

    def _fill(self, report: Report | None) -> None:
        current = self.current()
        key = (current.rule, current.clause, current.excerpt) if current else None
        self.tree.clear()
        self.findings = list(report.findings) if report else []
        if report is None:
            self.summary.setText("No document.")
            self._selected(None, None)
            return
        counts = report.counts()
        self.summary.setText(
            ", ".join(counted(report, SEVERITIES, ("error", "warning", "note")))
            + f", {counts['accepted']} accepted"
        )
        groups: dict[str, QTreeWidgetItem] = {}
        for i, f in enumerate(self.findings):
            group = "accepted" if f.accepted is not None else f.severity
            if group not in groups:
                top = QTreeWidgetItem([GROUPS[group]])
                top.setForeground(0, QBrush(QColor(COLOURS[group])))
                top.setFirstColumnSpanned(False)
                groups[group] = top
            item = QTreeWidgetItem([f.message, f.rule, f.section or ""])
            item.setData(0, ROLE_INDEX, i)
            item.setToolTip(0, f.message + (f"\n{f.citation}" if f.citation else ""))
            groups[group].addChild(item)
            if key == (f.rule, f.clause, f.excerpt):
                current_item = item
        for group in ("error", "warning", "info", "accepted"):
            if group in groups:
                top = groups[group]
                top.setText(0, f"{GROUPS[group]} ({top.childCount()})")
                self.tree.addTopLevelItem(top)
                top.setExpanded(group != "accepted")
        if key is not None and "current_item" in locals():
            self.tree.setCurrentItem(current_item)
        if not self.findings:
            self.tree.addTopLevelItem(QTreeWidgetItem(["No findings: the checker found nothing to report."]))
        self._selected(self.tree.currentItem(), None)

    def set_checking(self) -> None:
        """A document is open and its first check is running."""
        self.set_report(None)
        self.summary.setText("Checking the document…")

    def current(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, ROLE_INDEX) is None:
            return None
        return self.findings[int(item.data(0, ROLE_INDEX))]

    def select(self, finding: Finding) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            children = [top.child(j) for j in range(top.childCount())] if top is not None else []
            for child in children:
                if child is None or child.data(0, ROLE_INDEX) is None:
                    continue
                if self.findings[int(child.data(0, ROLE_INDEX))] == finding:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _selected(self, _item: QTreeWidgetItem | None, _previous: object) -> None:
        f = self.current()
        self.fix_button.setEnabled(f is not None and f.fix is not None and f.accepted is None)
        self.fix_button.setToolTip(f.fix.label if f is not None and f.fix is not None else "")
        self.accept_button.setEnabled(f is not None)
        self.accept_button.setText(
            "&Withdraw acceptance" if f is not None and f.accepted is not None else "Accept &risk…"
        )
        if f is None:
            self._show_parts(None)
            return
        accepted = (
            f"Accepted by {f.accepted.by} on {f.accepted.date}: {f.accepted.reason}"
            if f.accepted is not None
            else ""
        )
        self._show_parts(parts(f), accepted)
        if not self._filling:
            self.findingSelected.emit(f)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        f = self.current()
        if f is not None and f.clause:
            self.clauseRequested.emit(f.clause)

    def _fix(self) -> None:
        f = self.current()
        if f is not None and f.fix is not None:
            self.fixRequested.emit(f)

    def _accept(self) -> None:
        f = self.current()
        if f is not None:
            (self.withdrawRequested if f.accepted is not None else self.acceptRequested).emit(f)
