"""Undo and redo over immutable states: one design for the document and for the library editor.

Each step holds the state before and after a pure edit, and the text the Edit menu shows. Steps
with the same merge key in a row (typing in one clause) become one step, unless the history was
saved in between. The clean index marks the state that is on disk (``None``: no state is, as for a
new, imported or recovered document).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, TypeVar

from socialpolicy.app.events import Event

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Step(Generic[T]):
    before: T
    after: T
    text: str
    merge_key: Hashable | None = None


class History(Generic[T]):
    def __init__(self) -> None:
        self._steps: list[Step[T]] = []
        self._index = 0  # steps[:index] are done
        self._clean: int | None = 0
        self.changed: Event[[]] = Event()  # after every push, undo, redo, clear or save

    # -- what the menus show -------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self._steps)

    @property
    def index(self) -> int:
        return self._index

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._steps)

    @property
    def undo_text(self) -> str:
        return self._steps[self._index - 1].text if self.can_undo else ""

    @property
    def redo_text(self) -> str:
        return self._steps[self._index].text if self.can_redo else ""

    @property
    def is_clean(self) -> bool:
        return self._clean == self._index

    # -- changing it ---------------------------------------------------------------------------

    def push(self, before: T, after: T, text: str, merge_key: Hashable | None = None) -> None:
        del self._steps[self._index :]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the saved state was undone and is now out of reach
        last = self._steps[-1] if self._steps else None
        if (
            merge_key is not None
            and last is not None
            and last.merge_key == merge_key
            and self._clean != self._index
        ):
            self._steps[-1] = replace(last, after=after)
        else:
            self._steps.append(Step(before, after, text, merge_key))
            self._index += 1
        self.changed.emit()

    def undo(self) -> T | None:
        """Step back; returns the state to show (``None`` when there is nothing to undo)."""
        if not self.can_undo:
            return None
        self._index -= 1
        self.changed.emit()
        return self._steps[self._index].before

    def redo(self) -> T | None:
        if not self.can_redo:
            return None
        self._index += 1
        self.changed.emit()
        return self._steps[self._index - 1].after

    def peek_undo(self) -> T | None:
        return self._steps[self._index - 1].before if self.can_undo else None

    def peek_redo(self) -> T | None:
        return self._steps[self._index].after if self.can_redo else None

    def set_clean(self) -> None:
        """The current state is what is on disk now."""
        self._clean = self._index
        self.changed.emit()

    def set_unsaved(self) -> None:
        """No state in this history is on disk (a new, imported or recovered document)."""
        self._clean = None
        self.changed.emit()

    def clear(self, *, clean: bool = True) -> None:
        self._steps.clear()
        self._index = 0
        self._clean = 0 if clean else None
        self.changed.emit()


def save_target(path: str | Path | None, current: Path | None, what: str) -> Path:
    """Where Save writes: the path given, else the file the state came from."""
    if path is not None:
        return Path(path)
    if current is None:
        raise ValueError(f"the {what} has no file yet: give a path")
    return current


class Edited(Generic[T]):
    """What a session under one History has in common: it is open while it holds something to edit
    (``subject``: the project, the library), and modified while that differs from what is on disk."""

    history: History[T]

    @property
    def subject(self) -> object | None:
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        return self.subject is not None

    @property
    def modified(self) -> bool:
        return self.is_open and not self.history.is_clean
