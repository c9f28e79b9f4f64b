"""Keeping clause libraries current: versions, updates to documents, import and export.

Everything here is pure over the model (no files are touched except by the save/export helpers),
so the command line and the app share it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from socialpolicy import formats, jsonio
from socialpolicy.clause_versions import body_of as body_of
from socialpolicy.clause_versions import versions_of as versions_of
from socialpolicy.library import Catalog, Library, load_library_file
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, ClauseVersion, Project

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
MEANING_FIELDS = (
    "title",
    "topic",
    "body",
    "slot",
    "stances",
    "requires",
    "excludes",
    "defines",
    "condition",
    "jurisdictions",
    "sectors",
    "kinds",
)


# -- word-level diffs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DiffPart:
    op: str  # "equal", "insert" or "delete"
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """A word-level diff of ``old`` against ``new``."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(DiffPart("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("delete", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("insert", "".join(b[j1:j2])))
    return parts


def diff_text(parts: list[DiffPart]) -> str:
    """The diff as plain text: ``[-removed-]`` and ``{+added+}``, as ``git diff --word-diff`` writes it."""
    marks = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(f"{marks[p.op][0]}{p.text}{marks[p.op][1]}" for p in parts)


# -- versions -----------------------------------------------------------------------------------


def meaning_changed(old: Clause, new: Clause) -> bool:
    return any(getattr(old, f) != getattr(new, f) for f in MEANING_FIELDS)


def revise(old: Clause, new: Clause, change_note: str, date: str = "") -> Clause:
    """Return ``new`` as the next version of ``old`` when its text or meaning changed.

    The previous version's title and body go into the history with the change note, newest first.
    Changes to rationale or sources alone do not bump the version.
    """
    if not meaning_changed(old, new):
        return replace(new, version=old.version, history=old.history, change_note=old.change_note)
    entry = ClauseVersion(old.version, old.body, old.title, old.change_note or None, date or None)
    return replace(new, version=old.version + 1, change_note=change_note, history=(entry, *old.history))


# -- updates for a project ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Update:
    """A newer library version of a clause the project uses (at ``section``, ``index``): the library's text
    at the document's version (``old_body``) and now (``new_body``), with the library's change note."""

    section: int
    index: int
    ref: ClauseRef
    clause: Clause  # the library's current clause
    old_body: str
    new_body: str
    change_note: str

    @property
    def diff(self) -> list[DiffPart]:
        """What the library changed, word by word."""
        return word_diff(self.old_body, self.new_body)

    @property
    def author_change(self) -> list[DiffPart] | None:
        """What the author changed in the same old library text, word by word (``None``: not edited), so a
        three-way view shows both changes."""
        return None if self.ref.body is None else word_diff(self.old_body, self.ref.body)


def history_problems(clause: Clause) -> list[str]:
    """What is wrong with a clause's history: every earlier version must be there once, so that a
    document made with any of them keeps its text (and its diff to the newer one)."""
    problems = []
    seen: list[int] = [h.version for h in clause.history]
    later = sorted({v for v in seen if isinstance(v, int) and v >= clause.version})
    if later:
        problems.append(
            f"the history holds version(s) {', '.join(map(str, later))}, not older than the clause's "
            f"version {clause.version}"
        )
    twice = sorted({v for v in seen if isinstance(v, int) and seen.count(v) > 1})
    if twice:
        problems.append(f"the history holds version(s) {', '.join(map(str, twice))} more than once")
    lost = [v for v in range(1, clause.version) if v not in seen]
    if lost:
        shown = ", ".join(map(str, lost[:10])) + (" ..." if len(lost) > 10 else "")
        problems.append(
            f"version {clause.version} has no history for version(s) {shown}; keep every earlier "
            "version's title and body in 'history' (documents made with them need their text)"
        )
    return problems


def updates(project: Project, catalog: Catalog, *, include_pinned: bool = False) -> list[Update]:
    """Clauses the project uses for which the library now has a newer version."""
    found = []
    for si, ci, ref in project.refs():
        if ref.library == PROJECT_LIBRARY or (ref.pinned and not include_pinned):
            continue
        clause = catalog.get(ref.library, ref.clause)
        if clause is None or clause.version <= ref.version:
            continue
        old = body_of(clause, ref.version) or ""
        found.append(Update(si, ci, ref, clause, old, clause.body, clause.change_note))
    return found


def _replace_ref(project: Project, section: int, index: int, ref: ClauseRef) -> Project:
    sec = project.sections[section]
    clauses = list(sec.clauses)
    clauses[index] = ref
    sections = list(project.sections)
    sections[section] = replace(sec, clauses=tuple(clauses))
    return replace(project, sections=tuple(sections))


def take_update(project: Project, update: Update) -> Project:
    """Move the reference to the library's current version. An author's edit of the body is kept."""
    return _replace_ref(
        project,
        update.section,
        update.index,
        replace(update.ref, version=update.clause.version, pinned=False),
    )


def pin(project: Project, section: int, index: int, pinned: bool = True) -> Project:
    """Pin (or unpin) a reference to the version it has, so updates are not offered for it."""
    ref = project.sections[section].clauses[index]
    return _replace_ref(project, section, index, replace(ref, pinned=pinned))


# -- files ----------------------------------------------------------------------------------------


def library_data(lib: Library, clauses: list[Clause] | None = None) -> dict[str, Any]:
    """The merge-friendly file form: clauses sorted by id, no volatile fields."""
    meta: dict[str, Any] = {"id": lib.id, "title": lib.title, "version": lib.version}
    if lib.publisher:
        meta["publisher"] = lib.publisher
    if lib.description:
        meta["description"] = lib.description
    if lib.overrides:
        meta["overrides"] = dict(lib.overrides)
    chosen = clauses if clauses is not None else list(lib)
    return {
        "format": formats.CLAUSES.name,
        "format_version": formats.CLAUSES.current,
        "library": meta,
        "clauses": [c.to_dict() for c in sorted(chosen, key=lambda c: c.id)],
    }


def save_library(path: str | Path, lib: Library, clauses: list[Clause] | None = None) -> None:
    data = library_data(lib, clauses)
    formats.validate(data, "clauses", path)
    jsonio.save_json(path, data)


@dataclass(frozen=True, slots=True)
class Conflict:
    clause_id: str
    ours: Clause
    theirs: Clause

    @property
    def diff(self) -> list[DiffPart]:
        return word_diff(self.ours.body, self.theirs.body)


@dataclass
class ImportResult:
    library: Library
    added: list[str]
    unchanged: list[str]
    conflicts: list[Conflict]


def import_into(target: Library, source_path: str | Path) -> ImportResult:
    """Merge the clauses of another library file into ``target``.

    New ids are added; identical clauses are skipped; the same id with different text is a
    conflict left for the author to resolve (nothing is overwritten).
    """
    incoming = load_library_file(source_path)
    new: list[Clause] = []
    added, unchanged, conflicts = [], [], []
    for clause in incoming:
        mine = target.clauses.get(clause.id)
        adopted = replace(clause, library=target.id)
        if mine is None:
            new.append(adopted)
            added.append(clause.id)
        elif not meaning_changed(mine, adopted) and mine.rationale == adopted.rationale:
            unchanged.append(clause.id)
        else:
            conflicts.append(Conflict(clause.id, mine, adopted))
    return ImportResult(target.with_clauses(new), added, unchanged, conflicts)


def resolve(
    result: ImportResult, clause_id: str, take: str, change_note: str = "Imported from another library."
) -> None:
    """Resolve a conflict by keeping ``ours`` or taking ``theirs`` as a new version."""
    conflict = next(c for c in result.conflicts if c.clause_id == clause_id)
    if take == "theirs":
        result.library = result.library.with_clauses([revise(conflict.ours, conflict.theirs, change_note)])
    elif take != "ours":
        raise ValueError("take must be 'ours' or 'theirs'")
    result.conflicts.remove(conflict)
