"""Findings from the checker, grouped by severity, with "Apply fix" and "Accept risk…"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.checks import SEVERITIES, Finding, Report
from socialpolicy.checks.report import counted

ROLE_INDEX = Qt.ItemDataRole.UserRole
GROUPS = {"error": "Errors", "warning": "Warnings", "info": "Information", "accepted": "Accepted risks"}
COLOURS = {"error": "#a4161a", "warning": "#9a6700", "info": "#1f6feb", "accepted": "#57606a"}


class FindingsPanel(QWidget):
    clauseRequested = Signal(str)
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
        self.tree.setColumnWidth(0, 520)
        self.tree.setColumnWidth(1, 220)
        self.set_details(False)
        self.summary = QLabel("No document.")
        self.fix_button = QPushButton("Apply &fix")
        self.fix_button.setAccessibleName("Apply the suggested fix")
        self.accept_button = QPushButton("Accept &risk…")
        self.accept_button.setAccessibleName("Accept this risk with a reason")
        self.explain = QLabel("")
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.accept_button)
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.explain)
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.fix_button.clicked.connect(self._fix)
        self.accept_button.clicked.connect(self._accept)
        self._selected(None, None)

    def set_details(self, shown: bool) -> None:
        """The rule ids (a column) only for people who asked for technical details."""
        self.tree.setColumnHidden(1, not shown)

    def set_report(self, report: Report | None) -> None:
        current = self.current()
        key = (current.rule, current.clause, current.excerpt) if current else None
        self.tree.clear()
        self.findings = list(report.findings) if report else []
        if report is None:
            self.summary.setText("No document.")
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
            self.explain.setText("")
        elif f.accepted is not None:
            self.explain.setText(f"Accepted by {f.accepted.by} on {f.accepted.date}: {f.accepted.reason}")
        else:
            self.explain.setText((f.citation or "") + (f"  Suggested fix: {f.fix.label}" if f.fix else ""))

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
