"""Structure and consistency: what makes a document incomplete or self-contradictory."""

from __future__ import annotations

from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, Fix, rule
from socialpolicy.document import Document
from socialpolicy.sandbox import placeholder


@rule("structure.unfilled-variable", "error",
      "A clause uses an answer that was never given, so the document shows a placeholder instead of text. "
      "Answer the question in the wizard, or edit the clause.")
def unfilled_variable(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        for name in block.missing:
            yield ctx.finding("structure.unfilled-variable", f"'{name}' has no answer; the text shows a placeholder.",
                              section=section, block=block, excerpt=placeholder(name))
    for d in doc.definitions:
        if "[to be completed:" in d.text:
            yield ctx.finding("structure.unfilled-variable", f"The definition of '{d.term}' has an unanswered variable.",
                              block=doc.block(d.clause_id), excerpt=d.text[:120])


@rule("structure.missing-required", "error",
      "A clause depends on another clause that is not in the document, so it refers to rules or terms "
      "the reader cannot find.")
def missing_required(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = {b.clause_id for _, b in doc.blocks()}
    for section, block in doc.blocks():
        for needed in block.requires:
            if needed not in present:
                fix = Fix("insert-clause", f"Insert clause {needed}", {"clause": needed, "after": block.clause_id})
                yield ctx.finding("structure.missing-required",
                                  f"Clause '{block.title}' needs clause '{needed}', which is not in the document.",
                                  section=section, block=block, fix=fix)


@rule("structure.excluded-pair", "error",
      "Two clauses that cannot stand together are both in the document: one replaces or contradicts the other.")
def excluded_pair(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = {b.clause_id: b for _, b in doc.blocks()}
    reported: set[frozenset[str]] = set()
    for section, block in doc.blocks():
        for other in block.excludes:
            pair = frozenset((block.clause_id, other))
            if other in present and pair not in reported:
                reported.add(pair)
                fix = Fix("remove-clause", f"Remove clause {other}", {"clause": other})
                yield ctx.finding("structure.excluded-pair",
                                  f"Clauses '{block.title}' and '{present[other].title}' exclude each other.",
                                  section=section, block=block, fix=fix)
