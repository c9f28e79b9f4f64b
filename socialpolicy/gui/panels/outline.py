"""The document outline: sections and their clauses, with include/exclude check boxes,
drag and drop to reorder, and a context menu (alternatives, reset, remove, why)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from socialpolicy.document import Document
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project

ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1


def drop_index(
    sections: list[list[str]],
    section_ids: list[str],
    moved: str,
    target_section: int,
    target_row: int | None,
    below: bool,
) -> tuple[str, int]:
    """Where a dropped clause goes: (section id, index among the section's other clauses).

    ``target_row`` is the clause dropped on (``None`` when dropped on the section itself);
    ``below`` says whether it was dropped below that item.
    """
    clauses = [c for c in sections[target_section] if c != moved]
    if target_row is None:  # dropped on the section heading: first in that section
        return section_ids[target_section], 0
    target_id = sections[target_section][target_row]
    index = clauses.index(target_id) if target_id in clauses else target_row
    return section_ids[target_section], index + (1 if below else 0)


class _Wrapping(QStyledItemDelegate):
    """Row heights for wrapped titles, measured at the width a row really has (the view's own measure
    forgets the indentation, so a long title was cut off with an ellipsis)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        if not isinstance(view, QTreeWidget):
            return super().sizeHint(option, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = view.viewport().width() - view.indentation() * depth - 8
        if not view.verticalScrollBar().isVisible():  # it may appear once the rows are laid out
            width -= view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        opt = QStyleOptionViewItem(option)
        # A rectangle with a height, or the style measures the title on one unbroken line.
        opt.rect = QRect(0, 0, max(60, width), 1000)  # type: ignore[attr-defined]
        return super().sizeHint(opt, index)


class Outline(QTreeWidget):
    clauseSelected = Signal(str)
    sectionSelected = Signal(str)
    includeToggled = Signal(str, bool)
    moveRequested = Signal(str, str, int)  # clause id, section id, index
    switchRequested = Signal(str, str)  # clause id, alternative id
    resetRequested = Signal(str)
    removeRequested = Signal(str)
    whyRequested = Signal(str)
    addCustomRequested = Signal(str)  # section id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName("Document outline")
        self.setHeaderHidden(True)
        self.setWordWrap(True)  # long clause titles wrap instead of being cut off
        self.setItemDelegate(_Wrapping(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._filling = False
        self.details = False  # clause ids in the tooltips, for people who keep the library
        self._alternatives: dict[str, list[Clause]] = {}
        self.customContextMenuRequested.connect(self._menu)
        self.itemChanged.connect(self._item_changed)
        self.currentItemChanged.connect(self._current_changed)

    # ---------------------------------------------------------------- filling

    def set_project(
        self, project: Project, doc: Document, titles: dict[str, str], alternatives: dict[str, list[Clause]]
    ) -> None:
        """Rebuild from ``project``; keep the selection and the collapsed sections."""
        current = self.current_clause()
        collapsed = {top.data(0, ROLE_ID) for top in self.sections() if not top.isExpanded()}
        numbers = {b.clause_id: b.number for _, b in doc.blocks()}
        section_numbers = {s.id: s.number for s in doc.sections}
        self._alternatives = alternatives
        self._filling = True
        self.blockSignals(True)
        try:
            self.clear()
            bold = QFont(self.font())
            bold.setBold(True)
            for section in project.sections:
                number = section_numbers.get(section.id)
                item = QTreeWidgetItem([f"{number}. {section.title}" if number else section.title])
                item.setData(0, ROLE_KIND, "section")
                item.setData(0, ROLE_ID, section.id)
                item.setFont(0, bold)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
                )
                self.addTopLevelItem(item)
                for ref in section.clauses:
                    label = titles.get(ref.clause, ref.clause)
                    num = numbers.get(ref.clause)
                    marks = []
                    if ref.library == PROJECT_LIBRARY:
                        marks.append("custom")
                    elif ref.edited:
                        marks.append("edited")
                    if len(alternatives.get(ref.clause, ())) > 1:
                        marks.append("alternatives")
                    text = f"{num} {label}" if num else label
                    if marks:
                        text += f"  [{', '.join(marks)}]"
                    child = QTreeWidgetItem([text])
                    child.setData(0, ROLE_KIND, "clause")
                    child.setData(0, ROLE_ID, ref.clause)
                    child.setToolTip(0, _tip(ref, self.details))
                    child.setFlags(
                        Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsUserCheckable
                        | Qt.ItemFlag.ItemIsDragEnabled
                    )
                    child.setCheckState(0, Qt.CheckState.Checked if ref.included else Qt.CheckState.Unchecked)
                    if not ref.included:
                        child.setForeground(0, QBrush(QColor("#8c959f")))
                    item.addChild(child)
                item.setExpanded(section.id not in collapsed)
            if current:
                self.select_clause(current, emit=False)
        finally:
            self.blockSignals(False)
            self._filling = False

    def sections(self) -> list[QTreeWidgetItem]:
        """The section items, in order."""
        return [item for i in range(self.topLevelItemCount()) if (item := self.topLevelItem(i)) is not None]

    def clause_item(self, clause_id: str) -> QTreeWidgetItem | None:
        for section in self.sections():
            for j in range(section.childCount()):
                child = section.child(j)
                if child is not None and child.data(0, ROLE_ID) == clause_id:
                    return child
        return None

    def select_clause(self, clause_id: str, *, emit: bool = True) -> bool:
        item = self.clause_item(clause_id)
        if item is None:
            return False
        if not emit:
            self.blockSignals(True)
        self.setCurrentItem(item)
        self.scrollToItem(item)
        if not emit:
            self.blockSignals(False)
        return True

    def current_clause(self) -> str:
        item = self.currentItem()
        return str(item.data(0, ROLE_ID)) if item is not None and item.data(0, ROLE_KIND) == "clause" else ""

    def current_section(self) -> str:
        item = self.currentItem()
        if item is None:
            return ""
        parent = item.parent() if item.data(0, ROLE_KIND) == "clause" else item
        return str(parent.data(0, ROLE_ID)) if parent is not None else ""

    # ---------------------------------------------------------------- signals

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or item.data(0, ROLE_KIND) != "clause":
            return
        self.includeToggled.emit(str(item.data(0, ROLE_ID)), item.checkState(0) == Qt.CheckState.Checked)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        if current.data(0, ROLE_KIND) == "clause":
            self.clauseSelected.emit(str(current.data(0, ROLE_ID)))
        else:
            self.sectionSelected.emit(str(current.data(0, ROLE_ID)))

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.itemAt(event.position().toPoint())
        where = self.dropIndicatorPosition()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.ignore()  # the model moves the clause; the tree is rebuilt from it
        self.drop_on(self.current_clause(), target, where)

    def drop_on(
        self, moved: str, target: QTreeWidgetItem | None, where: QAbstractItemView.DropIndicatorPosition
    ) -> tuple[str, int] | None:
        """Ask for ``moved`` to go where it was dropped; return (section id, index) or ``None``."""
        if not moved or target is None:
            return None
        position = QAbstractItemView.DropIndicatorPosition
        below = where in (position.BelowItem, position.OnItem)
        sections, ids = self._layout()
        if target.data(0, ROLE_KIND) == "section":
            si = self.indexOfTopLevelItem(target)
            if where == position.AboveItem and si > 0:  # above a section: the end of the one before
                result = ids[si - 1], len([c for c in sections[si - 1] if c != moved])
            else:
                result = drop_index(sections, ids, moved, si, None, below)
        else:
            parent = target.parent()
            if parent is None:
                return None
            si = self.indexOfTopLevelItem(parent)
            row = parent.indexOfChild(target)
            result = drop_index(sections, ids, moved, si, row, below)
        self.moveRequested.emit(moved, *result)
        return result

    def _layout(self) -> tuple[list[list[str]], list[str]]:
        sections, ids = [], []
        for top in self.sections():
            ids.append(str(top.data(0, ROLE_ID)))
            children = (top.child(j) for j in range(top.childCount()))
            sections.append([str(c.data(0, ROLE_ID)) for c in children if c is not None])
        return sections, ids

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        menu = self.build_menu(item)
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def build_menu(self, item: QTreeWidgetItem) -> QMenu:
        """The context menu for ``item`` (a separate method so tests can inspect it)."""
        menu = QMenu(self)
        item_id = str(item.data(0, ROLE_ID))
        if item.data(0, ROLE_KIND) == "section":
            menu.addAction("Add a custom clause here…").triggered.connect(self._emit_add_custom)
            self._menu_target = item_id
            return menu
        self._menu_target = item_id
        options = self._alternatives.get(item_id, [])
        if len(options) > 1:
            sub = menu.addMenu("Switch to alternative")
            for clause in options:
                stance = ", ".join(f"{v}" for v in clause.stances.values())
                label = f"{clause.title} ({stance or clause.id})"
                action = sub.addAction(label)
                action.setCheckable(True)
                action.setChecked(clause.id == item_id)
                action.setData(clause.id)
                action.setEnabled(clause.id != item_id)
            sub.triggered.connect(self._emit_switch)
        included = item.checkState(0) == Qt.CheckState.Checked
        menu.addAction("Exclude from document" if included else "Include in document").triggered.connect(
            self._emit_toggle
        )
        menu.addAction("Why this clause?").triggered.connect(self._emit_why)
        menu.addAction("Reset to library text").triggered.connect(self._emit_reset)
        menu.addSeparator()
        menu.addAction("Remove from document").triggered.connect(self._emit_remove)
        return menu

    def _emit_switch(self, action: object) -> None:
        self.switchRequested.emit(self._menu_target, str(action.data()))  # type: ignore[attr-defined]

    def _emit_toggle(self) -> None:
        item = self.clause_item(self._menu_target)
        if item is not None:
            self.includeToggled.emit(self._menu_target, item.checkState(0) != Qt.CheckState.Checked)

    def _emit_why(self) -> None:
        self.whyRequested.emit(self._menu_target)

    def _emit_reset(self) -> None:
        self.resetRequested.emit(self._menu_target)

    def _emit_remove(self) -> None:
        self.removeRequested.emit(self._menu_target)

    def _emit_add_custom(self) -> None:
        self.addCustomRequested.emit(self._menu_target)


def _tip(ref: ClauseRef, details: bool) -> str:
    if details:
        return f"{ref.library}:{ref.clause} v{ref.version}"
    if ref.library == PROJECT_LIBRARY:
        return "A clause you wrote for this document"
    return f"From the clause library (version {ref.version})" + (", edited by you" if ref.edited else "")
