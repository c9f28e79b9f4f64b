"""The library being edited, without a window: an immutable Library, its undo history and its file.

The library editor shows a :class:`LibrarySession` and turns the author's clicks into its calls; every
change makes a new :class:`~socialpolicy.library.Library` and one undoable step (which also says which
clause to show). "Save to library" from a document is here too (:func:`save_problem`,
:func:`write_clause`), so both ways of writing a library file share one core.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from socialpolicy.app.events import Event
from socialpolicy.app.history import Edited, History, save_target
from socialpolicy.app.validation import FieldProblem, clause_id_problem, details_problem
from socialpolicy.errors import InputError
from socialpolicy.library import LIBRARY_SUFFIX, Library, check_clause_syntax, load_library_file
from socialpolicy.library_tools import (
    ImportResult,
    import_into,
    meaning_changed,
    resolve,
    revise,
    save_library,
)
from socialpolicy.model import Clause

log = logging.getLogger(__name__)
DETAILS = ("id", "title", "version", "publisher")


def today() -> str:
    return dt.date.today().isoformat()


def with_suffix(path: str | Path) -> Path:
    p = Path(path)
    return p if p.name.endswith(".json") else p.with_name(p.name + LIBRARY_SUFFIX)


def unique_id(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    candidate, n = f"{base}-copy", 2
    while candidate in used:
        candidate, n = f"{base}-copy-{n}", n + 1
    return candidate


def store(lib: Library, clause: Clause, change_note: str, date: str = "") -> tuple[Library, Clause]:
    """``clause`` put into ``lib`` under its id: a new clause at version 1, or the next version of the
    one already there when its text or meaning changed. Raises InputError for text that cannot render."""
    clause = replace(clause, library=lib.id, retired=False)
    old = lib.clauses.get(clause.id)
    if old is None:
        stored = replace(clause, version=1, history=(), change_note="")
    else:
        stored = revise(old, clause, change_note, date)
    check_clause_syntax(stored, str(lib.files[0]) if lib.files else "library", f"/clauses/{stored.id}")
    return lib.with_clauses([stored]), stored


@dataclass(frozen=True, slots=True)
class LibraryState:
    library: Library
    selected: str | None = None  # the clause to show with this state


class LibrarySession(Edited[LibraryState]):
    """Listen to :attr:`changed` (a new state to show) and :attr:`saved` (a file was written)."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.selected: str | None = None
        self.path: Path | None = None
        self.history: History[LibraryState] = History()
        self.changed: Event[[]] = Event()
        self.saved: Event[[Path]] = Event()

    @property
    def subject(self) -> object | None:
        return self.library

    def clause(self, clause_id: str) -> Clause:
        assert self.library is not None
        return self.library.clauses[clause_id]

    def _set(self, state: LibraryState) -> None:
        self.library, self.selected = state.library, state.selected
        if self.selected is not None and self.selected not in state.library.clauses:
            self.selected = None
        self.changed.emit()

    def _push(self, library: Library, text: str, select: str | None) -> None:
        assert self.library is not None
        self.history.push(LibraryState(self.library, self.selected), LibraryState(library, select), text)
        self._set(LibraryState(library, select))

    def select(self, clause_id: str | None) -> None:
        """The clause the author looks at (remembered by undo steps); no change of the library."""
        self.selected = clause_id

    # -- files ---------------------------------------------------------------------------------

    def create(self, details: dict[str, str]) -> None:
        """A new library, not on disk yet."""
        self.path = None
        self.history.clear(clean=False)
        self._set(
            LibraryState(
                Library(details["id"], details["title"], details["version"], details.get("publisher", ""))
            )
        )

    def open(self, path: str | Path) -> None:
        """Raises InputError naming the file and the problem; the session is then as it was."""
        lib = load_library_file(path)
        self.path = Path(path)
        self.history.clear()
        self._set(LibraryState(lib))
        log.info("library %s opened from %s", lib.id, path)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the library (sorted, merge-friendly; raises InputError or OSError)."""
        if self.library is None:
            raise ValueError("no library is open")
        target = save_target(path, self.path, "library")
        save_library(target, self.library)
        self.path = target
        self.history.set_clean()
        log.info("library %s saved to %s", self.library.id, target)
        self.saved.emit(target)
        return target

    def export_clauses(self, clause_ids: list[str], path: Path) -> None:
        """Write some clauses to another file (raises InputError or OSError)."""
        assert self.library is not None
        if self.path is not None and path.resolve() == self.path.resolve():
            raise InputError(path, "choose a file other than the library itself")
        save_library(path, self.library, clauses=[self.library.clauses[i] for i in clause_ids])

    # -- changes -------------------------------------------------------------------------------

    def set_details(self, details: dict[str, str]) -> bool:
        assert self.library is not None
        current = {k: getattr(self.library, k) for k in DETAILS}
        if all(details.get(k, current[k]) == current[k] for k in DETAILS):
            return False
        self._push(
            self.library.with_details(**{k: details[k] for k in DETAILS if k in details}),
            "Change library details",
            self.selected,
        )
        return True

    def needs_note(self, clause: Clause) -> Clause | None:
        """The stored clause whose next version ``clause`` would be (so a change note is needed)."""
        old = self.library.clauses.get(clause.id) if self.library else None
        return old if old is not None and meaning_changed(old, clause) else None

    def put(
        self, clause: Clause, change_note: str = "", *, new: bool = False, date: str = ""
    ) -> Clause | None:
        """Store the form's clause: a new one at version 1 (``new``), or the next version of the one
        there. ``None`` when nothing changed. Raises InputError for text that cannot render."""
        assert self.library is not None
        if new:
            stored = replace(clause, library=self.library.id, version=1, history=(), change_note=change_note)
            check_clause_syntax(stored, str(self.path or "library"), f"/clauses/{stored.id}")
            self._push(self.library.with_clauses([stored]), f"Add {stored.id}", stored.id)
            return stored
        old = self.library.clauses[clause.id]
        stored = revise(old, replace(clause, library=self.library.id), change_note, date or today())
        if stored.to_dict() == old.to_dict():
            return None
        check_clause_syntax(stored, str(self.path or "library"), f"/clauses/{stored.id}")
        text = f"Edit {stored.id}" + (f" (version {stored.version})" if stored.version != old.version else "")
        self._push(self.library.with_clauses([stored]), text, stored.id)
        return stored

    def draft_copy(self, clause_id: str) -> Clause:
        """A new clause to start from a copy of ``clause_id`` (not stored until :meth:`put`)."""
        source = self.clause(clause_id)
        assert self.library is not None
        return replace(
            source,
            id=unique_id(source.id, self.library.clauses),
            version=1,
            history=(),
            change_note="",
            retired=False,
        )

    def toggle_retired(self, clause_id: str) -> bool:
        """Retire a clause (kept for documents that use it, offered no more) or bring it back; True when retired."""
        assert self.library is not None
        clause = self.clause(clause_id)
        retire = not clause.retired
        self._push(
            self.library.with_clauses([replace(clause, retired=retire)]),
            f"{'Retire' if retire else 'Bring back'} {clause_id}",
            clause_id,
        )
        return retire

    def delete(self, clause_ids: list[str]) -> None:
        assert self.library is not None
        self._push(self.library.with_clauses(remove=clause_ids), f"Delete {', '.join(clause_ids)}", None)

    def read_import(self, path: Path) -> ImportResult:
        """The clauses of another library file, against this one (raises InputError; nothing changes)."""
        assert self.library is not None
        return import_into(self.library, path)

    def apply_import(self, result: ImportResult, choices: dict[str, str], source: str) -> tuple[int, int]:
        """Take an import with the author's choice per conflict ("ours" or "theirs"); returns
        (added, updated). Nothing is recorded when nothing changed."""
        taken = 0
        for clause_id, take in choices.items():
            resolve(result, clause_id, take, f"Imported from {source}.")
            taken += take == "theirs"
        if result.added or taken:
            self._push(result.library, f"Import {source}", self.selected)
        return len(result.added), taken

    def undo(self) -> bool:
        state = self.history.undo()
        if state is not None:
            self._set(state)
        return state is not None

    def redo(self) -> bool:
        state = self.history.redo()
        if state is not None:
            self._set(state)
        return state is not None


# -- "Save to library" from a document ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveTarget:
    path: Path
    clause_id: str
    change_note: str = ""
    new_library: dict[str, str] | None = None  # id, title, version, publisher of a library to create


@dataclass(frozen=True, slots=True)
class SaveCheck:
    problem: FieldProblem | None  # what stops saving
    note: str = ""  # what saving will do (a new version needs a change note)


def save_problem(
    clause: Clause,
    clause_id: str,
    target: Library | InputError | None,
    details: dict[str, str] | None,
    change_note: str = "",
) -> SaveCheck:
    """Whether ``clause`` can be saved as ``clause_id`` into ``target`` (an existing library, or the
    error reading it), or into a new library with ``details``. A new version needs a change note."""
    if details is None:
        if target is None:
            return SaveCheck(FieldProblem("", "library", "Choose a library file, or make a new one."))
        if isinstance(target, InputError):
            return SaveCheck(FieldProblem("", "library", target.line()))
    else:
        problem = details_problem(details)
        if problem is not None:
            return SaveCheck(problem)
    problem = clause_id_problem(clause_id)
    if problem is not None:
        return SaveCheck(problem)
    old = target.clauses.get(clause_id) if isinstance(target, Library) else None
    if old is None:
        return SaveCheck(None)
    if not meaning_changed(old, replace(clause, id=clause_id, library=old.library)):
        return SaveCheck(
            None, f"{clause_id} is already in this library with the same text (version {old.version})."
        )
    note = f"{clause_id} is in this library: this becomes version {old.version + 1}. Say what changed."
    if not change_note.strip():
        return SaveCheck(FieldProblem("/change_note", "change_note", note), note)
    return SaveCheck(None, note)


def write_clause(target: SaveTarget, clause: Clause, date: str = "") -> tuple[Path, Clause]:
    """Put ``clause`` (with the author's title and body) into the target library file and write it.

    Raises InputError for an unreadable library or a clause that cannot be stored (the file is then
    untouched), OSError when the file cannot be written."""
    if target.new_library is not None:
        if target.path.exists():
            raise InputError(target.path, "a file with this name already exists; choose another name")
        meta = target.new_library
        lib = Library(
            meta["id"], meta["title"], meta["version"], meta.get("publisher", ""), files=(target.path,)
        )
    else:
        lib = load_library_file(target.path)
    lib, stored = store(lib, replace(clause, id=target.clause_id), target.change_note, date)
    save_library(target.path, lib)
    log.info("clause %s saved to library %s (%s)", stored.id, lib.id, target.path)
    return target.path, stored
