"""Library: what the clause libraries say about the clauses a document uses."""

from __future__ import annotations

from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, rule

# Shared with exports, which refuse such clauses without loading the checker; re-exported for old callers.
from socialpolicy.clause_versions import MissingVersion as MissingVersion
from socialpolicy.clause_versions import missing_versions
from socialpolicy.document import Document
from socialpolicy.library_tools import body_of, diff_text, word_diff
from socialpolicy.model import PROJECT_LIBRARY


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
