"""Which versions of a clause its library holds, and the clauses a document records at a version the
library does not have. Light on purpose: an export checks this before writing, without loading the
checker (:mod:`socialpolicy.checks` re-exports it for its rule)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from socialpolicy.document import Block, Document, Section
from socialpolicy.model import PROJECT_LIBRARY, Clause


def body_of(clause: Clause, version: int) -> str | None:
    """The body of ``version`` of ``clause``; ``None`` when its history does not have it."""
    old = clause.at_version(version)
    return old.body if old is not None else None


def versions_of(clause: Clause) -> list[int]:
    """The versions of the clause that its library holds, oldest first."""
    return sorted({clause.version, *(h.version for h in clause.history)})


@dataclass(frozen=True, slots=True)
class MissingVersion:
    """A clause the document records at a version its library does not hold."""

    section: Section
    block: Block
    message: str


def missing_versions(doc: Document, catalog: Any) -> list[MissingVersion]:
    """Every library clause of ``doc`` whose recorded version is not in ``catalog``: the text shown is
    then another version's, so the checker reports it and exports refuse it. Shared by both."""
    found: list[MissingVersion] = []
    if catalog is None:
        return found
    for section, block in doc.blocks():
        if block.library == PROJECT_LIBRARY:
            continue
        clause = catalog.get(block.library, block.clause_id)
        if clause is None or body_of(clause, block.version) is not None:
            continue
        name = f"{block.library}:{block.clause_id}"
        known = ", ".join(str(v) for v in versions_of(clause))
        if block.version > clause.version:
            message = (
                f"{name}: this document uses version {block.version}, but the library loaded has only "
                f"version(s) {known}, so version {clause.version} is shown instead. The library is older "
                "than the one the document was made with: load the newer library (settings, "
                f"SOCIALPOLICY_LIBRARY_PATH or --library), or take version {clause.version} after checking "
                "its text."
            )
        else:
            message = (
                f"{name}: this document uses version {block.version}, which the library no longer keeps "
                f"in its history (it has version(s) {known}), so version {clause.version} is shown "
                f"instead. Restore version {block.version} to the clause's history in the library, or take "
                f"version {clause.version} after checking its text."
            )
        found.append(MissingVersion(section, block, message))
    return found
