"""Library: what the clause libraries say about the clauses a document uses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from socialpolicy.checks import Context, Finding, rule
from socialpolicy.document import Block, Document, Section
from socialpolicy.library_tools import body_of, diff_text, versions_of, word_diff
from socialpolicy.model import PROJECT_LIBRARY


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


@rule("library.version-missing")
def version_missing(doc: Document, ctx: Context) -> Iterator[Finding]:
    for problem in missing_versions(doc, ctx.catalog):
        yield ctx.finding("library.version-missing", problem.message, problem.section, problem.block)


@rule("library.update-available")
def update_available(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.catalog is None:
        return
    for section, block in doc.blocks():
        if block.library == PROJECT_LIBRARY or block.pinned:
            continue
        clause = ctx.catalog.get(block.library, block.clause_id)
        if clause is None or clause.version <= block.version:
            continue
        old = body_of(clause, block.version)
        if old is None:
            continue  # library.version-missing reports it, as an error
        note = f" Change note: {clause.change_note}" if clause.change_note else ""
        change = f" Changes: {diff_text(word_diff(old, clause.body))}"
        yield ctx.finding(
            "library.update-available",
            f"{block.library}:{block.clause_id} has version {clause.version}; this document uses version "
            f"{block.version}.{note}{change} Take the update or pin this version.",
            section,
            block,
        )


@rule("library.override")
def override(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.catalog is None:
        return
    for section, block in doc.blocks():
        replaced = ctx.catalog.replaced_by(block.library, block.clause_id)
        if replaced:
            yield ctx.finding(
                "library.override",
                f"{block.library}:{block.clause_id} is used in place of {', '.join(replaced)}.",
                section,
                block,
            )
