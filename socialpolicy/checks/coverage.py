"""Coverage: every topic the document kind needs for its jurisdictions and sector."""

from __future__ import annotations

from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, Fix, rule
from socialpolicy.document import Document


def _clause_for_topic(ctx: Context, topic: str, kind: str) -> str | None:
    if ctx.catalog is None:
        return None
    for clause in ctx.catalog:
        if clause.topic == topic and (not clause.kinds or kind in clause.kinds) and not clause.retired:
            if not clause.jurisdictions or set(clause.jurisdictions) & set(ctx.jurisdictions):
                return clause.id
    return None


@rule("coverage.missing-topic", "error",
      "A complete document of this kind covers this topic for the chosen jurisdictions and sector; "
      "leaving it out is either a legal gap or a practice gap that reviewers will ask about.")
def missing_topic(doc: Document, ctx: Context) -> Iterator[Finding]:
    present = doc.topics()
    for topic in doc.coverage:
        if topic.id in present:
            continue
        severity = "error" if topic.basis == "law" else "warning"
        clause = _clause_for_topic(ctx, topic.id, doc.template_id)
        fix = Fix("insert-clause", f"Insert clause {clause}", {"clause": clause}) if clause else None
        reason = f" {topic.reason}" if topic.reason else ""
        yield Finding(
            rule="coverage.missing-topic",
            severity=severity,
            message=f"The document does not cover '{topic.label}'.{reason}",
            citation=topic.citation or None,
            fix=fix,
        )
