"""The legal review panel: a reviewed Word file's changes and comments, clause by clause, each change
with Accept and Reject (and for all), each comment resolvable. It shows what the review session gives it
and says what the author asks for through signals; the controller makes the session calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.gui.widgets import named, push_button, wrapped_label
from socialpolicy.model import Note

if TYPE_CHECKING:  # (the review session reads Word files: loaded when a review is first imported)
    from socialpolicy.app.review_session import Change, ReviewSession

KEY, CHANGE, NOTE = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2
REVIEW_CSS = (
    ".review-ins { color: #1a7f37; text-decoration: underline; }"
    ".review-del { color: #b3261e; text-decoration: line-through; }"
)
RESOLVED = "\u2713 resolved  "
MARKS = {"open": "\u25cb", "accepted": "\u2713 accepted", "rejected": "\u2717 rejected"}


def change_line(change: Change) -> str:
    if change.index is None:
        return f"{MARKS[change.state]}  Edited without tracked changes"
    verb = "Inserted" if change.kind == "insertion" else "Deleted"
    when = f" on {change.date[:10]}" if change.date else ""
    text = change.text if len(change.text) <= 140 else change.text[:139] + "\u2026"
    return f"{MARKS[change.state]}  {verb} by {change.author}{when}: \u201c{text}\u201d"


class ReviewPanel(QWidget):
    clauseRequested = Signal(str)  # clause id
    decideRequested = Signal(str, int, bool)  # clause key, change index (-1: untracked edits), accept
    allRequested = Signal(bool)  # accept every change, or reject every change
    resolveRequested = Signal(int, bool)  # note index in the project, resolved
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-panel")
        self.setAccessibleName("Legal review")
        self.session: ReviewSession | None = None
        self.heading = wrapped_label(
            "No legal review is open. File > Import legal review\u2026 reads a reviewed Word file."
        )
        self.warning = wrapped_label("")
        self.warning.setStyleSheet("color: #8a5300;")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Changes and comments by clause")
        self.tree.setWordWrap(True)
        self.detail = named(QTextBrowser(), "The reviewer's changes to the clause")
        self.detail.document().setDefaultStyleSheet(REVIEW_CSS)
        self.accept_button = push_button(
            "&Accept", self._accept, "Take the selected change into the document (undoable)"
        )
        self.reject_button = push_button("&Reject", self._reject, "Turn the selected change down (undoable)")
        self.accept_all_button = push_button(
            "Accept a&ll", self._accept_all, "Take every change of the review into the document"
        )
        self.reject_all_button = push_button(
            "Reject all", self._reject_all, "Turn every change of the review down"
        )
        self.resolve_button = push_button(
            "Mark &resolved", self._resolve, "Mark the selected comment resolved, or open again"
        )
        self.close_button = push_button(
            "Close review",
            self.closeRequested,
            "Stop working on this review; the decisions made stay in the document",
        )
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.resolve_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.accept_all_button, self.reject_all_button, self.close_button):
            buttons.addWidget(button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.warning)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._selected)
        self.set_session(None)

    # -- showing ------------------------------------------------------------------------------

    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        current = self._current_id()
        self.tree.clear()
        s = self.session
        for button in (self.accept_all_button, self.reject_all_button, self.close_button):
            button.setEnabled(s is not None)
        if s is None:
            self.heading.setText(
                "No legal review is open. File > Import legal review\u2026 reads a reviewed Word file."
            )
            self.warning.setText("")
            self.detail.clear()
            self._enable(None)
            return
        items = s.items()
        count = s.open_count()
        self.heading.setText(
            f"Legal review of {s.path.name}: {count} change{'s' if count != 1 else ''} to decide"
            + (f", in {len(items)} clauses" if items else "; the reviewer changed nothing")
            + "."
        )
        self.warning.setText(s.warning())
        notes: dict[str | None, list[tuple[int, Note]]] = {}
        for index, note in s.notes():
            notes.setdefault(note.clause, []).append((index, note))
        restore = None
        for item in items:
            top = QTreeWidgetItem(
                [f"{item.label} \u2014 {item.status}" + (f" ({item.conflict})" if item.conflict else "")]
            )
            top.setData(0, KEY, item.key)
            top.setData(0, CHANGE, None)
            self.tree.addTopLevelItem(top)
            for change in item.changes:
                child = QTreeWidgetItem([change_line(change)])
                child.setData(0, KEY, item.key)
                child.setData(0, CHANGE, -1 if change.index is None else change.index)
                child.setToolTip(0, change.text)
                top.addChild(child)
                if current == ("change", item.key, change.index):
                    restore = child
            shown = notes.get(item.clause_id or None, []) if item.clause_id else []
            for index, note in shown:
                mark = RESOLVED if note.resolved else ""
                child = QTreeWidgetItem([f"{mark}Comment by {note.author}: {note.text}"])
                child.setData(0, KEY, item.key)
                child.setData(0, NOTE, index)
                top.addChild(child)
                if current == ("note", item.key, index):
                    restore = child
            if not shown:
                for comment in item.comments:
                    top.addChild(QTreeWidgetItem([f"Comment by {comment.author}: {comment.text}"]))
            top.setExpanded(True)
        for line in s.unplaced():
            self.tree.addTopLevelItem(QTreeWidgetItem([f"Not placed on a clause: {line}"]))
        if restore is not None:
            self.tree.setCurrentItem(restore)
        self._selected(self.tree.currentItem(), None)

    def _current_id(self) -> tuple[str, str, int | None] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        if item.data(0, NOTE) is not None:
            return ("note", item.data(0, KEY), item.data(0, NOTE))
        change = item.data(0, CHANGE)
        if change is not None:
            return ("change", item.data(0, KEY), None if change == -1 else change)
        return ("clause", item.data(0, KEY), None)

    def _selected(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self._enable(item)
        s = self.session
        key = item.data(0, KEY) if item is not None else None
        if s is None or not key:
            return
        self.detail.setHtml(s.redline(key) or "<p>No tracked changes in this clause.</p>")
        clause_id = next((i.clause_id for i in s.items() if i.key == key), "")
        if clause_id:
            self.clauseRequested.emit(clause_id)

    def _enable(self, item: QTreeWidgetItem | None) -> None:
        change = item.data(0, CHANGE) if item is not None else None
        note = item.data(0, NOTE) if item is not None else None
        self.accept_button.setEnabled(change is not None)
        self.reject_button.setEnabled(change is not None)
        self.resolve_button.setEnabled(note is not None)

    # -- asking -------------------------------------------------------------------------------

    def select_change(self, key: str, index: int | None) -> bool:
        """Select one change (for tests and keyboard users); False when it is not listed."""
        wanted = -1 if index is None else index
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, KEY) == key and child.data(0, CHANGE) == wanted:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _decide(self, accept: bool) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, CHANGE) is not None:
            self.decideRequested.emit(item.data(0, KEY), int(item.data(0, CHANGE)), accept)

    def _accept(self) -> None:
        self._decide(True)

    def _reject(self) -> None:
        self._decide(False)

    def _accept_all(self) -> None:
        self.allRequested.emit(True)

    def _reject_all(self) -> None:
        self.allRequested.emit(False)

    def _resolve(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, NOTE) is not None:
            resolved = not item.text(0).startswith(RESOLVED)
            self.resolveRequested.emit(int(item.data(0, NOTE)), resolved)
