"""Coverage: every topic the document kind needs for its jurisdictions and sector.

For a project the template lists the topics and each clause carries its own. For a document
checked as found, the kind is inferred and topics are recognised in the text (see ``topics``).
"""

from __future__ import annotations

from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, Fix, rule
from socialpolicy.checks.fixes import insert_clause
from socialpolicy.document import Document


def clause_for_topic(ctx: Context, topic: str, kind: str) -> str | None:
    """A library clause of ``kind`` that covers ``topic`` in the context's jurisdictions, if any."""
    if ctx.catalog is None:
        return None
    fallback = None
    for clause in ctx.catalog:
        if clause.topic != topic or clause.retired or (clause.kinds and kind not in clause.kinds):
            continue
        if clause.jurisdictions and not set(clause.jurisdictions) & set(ctx.jurisdictions):
            continue
        if clause.sectors and ctx.sector not in clause.sectors:
            fallback = fallback or clause.id
            continue
        return clause.id
    return fallback


def insert_fix(doc: Document, ctx: Context, topic: str) -> Fix | None:
    """An insert-clause fix for ``topic``, when the document is a project the app can edit."""
    if doc.source_kind != "project":
        return None
    clause = clause_for_topic(ctx, topic, ctx.kind)
    return insert_clause(ctx, clause) if clause else None


KIND_LABELS = {
    "social-media-policy": "a social media policy",
    "internal-collaboration": "internal collaboration guidelines",
    "governance-charter": "a governance charter",
}


def missing(ctx: Context) -> list[str]:
    return [t.id for t in ctx.coverage if t.id not in ctx.present]


@rule("coverage.missing-topic")
def missing_topic(doc: Document, ctx: Context) -> Iterator[Finding]:
    how = f" (read as {KIND_LABELS.get(ctx.kind, ctx.kind)})" if ctx.inferred else ""
    for topic in ctx.coverage:
        if topic.id in ctx.present:
            continue
        severity = "error" if topic.basis == "law" and not ctx.inferred else "warning"
        reason = f" {topic.reason}" if topic.reason else ""
        yield Finding(
            rule="coverage.missing-topic",
            severity=severity,
            message=f"The document{how} does not cover '{topic.label}'.{reason}",
            citation=topic.citation or None,
            fix=insert_fix(doc, ctx, topic.id),
            reason="A complete policy of this kind covers this topic"
            + (" because the law requires it." if topic.basis == "law" else " as good practice.")
            + (
                " (Read from an imported text's words: check whether it is covered in other words.)"
                if ctx.inferred
                else ""
            ),
            suggestion=f"Add a clause on '{topic.label}'"
            + (" from the library." if doc.source_kind == "project" else "."),
        )
