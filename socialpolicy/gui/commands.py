"""Undo: every change is a QUndoCommand holding the project before and after a pure core edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from socialpolicy.model import Project

MERGE_ID = 1001


class ProjectCommand(QUndoCommand):
    """Sets the project to ``after`` (redo) or ``before`` (undo) through ``apply``.

    Commands with the same ``merge_key`` in a row (typing in one clause) merge into one step.
    """

    def __init__(
        self,
        apply: Callable[[Project], None],
        before: Project,
        after: Project,
        text: str,
        merge_key: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ProjectCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True
