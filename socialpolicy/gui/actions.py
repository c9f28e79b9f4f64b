"""Menus, shortcuts and enabled state in one table.

Each row of a table is an :class:`Act` (text, the target's method it calls, shortcut, tip, what it
needs to be enabled) or a :class:`Slot` (a place the window fills: the New and Open recent submenus,
undo and redo, the dock toggles). :class:`ActionTable` builds the QActions and the menus from it and
enables them from one set of conditions. Adding a command is one row here and one method on the
target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from socialpolicy.app.history import History

Key = QKeySequence.StandardKey | str
K = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class Act:
    name: str  # the target's method, and the action's key in the table
    text: str
    keys: tuple[Key, ...] = ()
    tip: str = ""
    needs: str = ""  # a condition of ActionTable.update ("document", "library", "clause"...)
    role: QAction.MenuRole | None = None


@dataclass(frozen=True, slots=True)
class Slot:
    name: str  # filled by the window: a submenu or actions it makes itself


SEPARATOR = Slot("-")
Menu = tuple[str, tuple[Act | Slot, ...]]


class ActionTable(QObject):
    """The actions of ``menus`` bound to ``target``'s methods; ``actions[name]`` finds one."""

    def __init__(self, target: object, menus: Iterable[Menu], parent: QWidget) -> None:
        super().__init__(parent)
        self.menus = tuple(menus)
        self.actions: dict[str, QAction] = {}
        self._needs: dict[str, str] = {}
        for _, rows in self.menus:
            for row in rows:
                if isinstance(row, Act):
                    self.actions[row.name] = self._make(row, target, parent)

    def _make(self, row: Act, target: object, parent: QWidget) -> QAction:
        action = QAction(row.text, parent)
        if row.keys:
            action.setShortcuts([QKeySequence(k) for k in row.keys])
        if row.tip:
            action.setStatusTip(row.tip)
            action.setToolTip(row.tip)
        if row.role is not None:
            action.setMenuRole(row.role)
        slot: Callable[[], object] = getattr(target, row.name)
        action.triggered.connect(slot)
        if row.needs:
            self._needs[row.name] = row.needs
        return action

    def build(self, bar: QMenuBar, slots: Mapping[str, Callable[[QMenu], None]]) -> dict[str, QMenu]:
        """Add the menus to ``bar``; ``slots[name](menu)`` fills each :class:`Slot`."""
        made: dict[str, QMenu] = {}
        for title, rows in self.menus:
            menu = bar.addMenu(title)
            made[title.replace("&", "")] = menu
            fill(menu, rows, self.actions, slots)
        return made

    def update(self, conditions: Mapping[str, bool]) -> None:
        """Enable each action whose condition holds (actions that need nothing stay enabled)."""
        for name, needs in self._needs.items():
            self.actions[name].setEnabled(conditions.get(needs, False))


def fill(
    target: QMenu | QToolBar,
    rows: Iterable[Act | Slot],
    actions: Mapping[str, QAction],
    slots: Mapping[str, Callable[[QMenu], None]] | None = None,
) -> None:
    for row in rows:
        if row is SEPARATOR:
            target.addSeparator()
        elif isinstance(row, Act):
            target.addAction(actions[row.name])
        elif slots is not None and isinstance(target, QMenu):
            slots[row.name](target)


class HistoryActions(QObject):
    """Undo and Redo for a :class:`History`: their text names the step, their state follows it."""

    def __init__(
        self, history: History[Any], undo: Callable[[], object], redo: Callable[[], object], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._history = history
        self.undo = QAction("&Undo", parent)
        self.undo.setShortcut(QKeySequence(K.Undo))
        self.undo.setIconText("Undo")  # a toolbar stays short; the menu names the step
        self.redo = QAction("&Redo", parent)
        self.redo.setShortcuts([QKeySequence(K.Redo), QKeySequence("Ctrl+Y")])
        self.redo.setIconText("Redo")
        self.undo.triggered.connect(undo)
        self.redo.triggered.connect(redo)
        history.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        h = self._history
        for action, word, text, can in (
            (self.undo, "Undo", h.undo_text, h.can_undo),
            (self.redo, "Redo", h.redo_text, h.can_redo),
        ):
            action.setText(f"&{word} {text}".strip())
            action.setToolTip(f"{word} {text}".strip())
            action.setEnabled(can)
