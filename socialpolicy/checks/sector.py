"""Sector rules: financial services, healthcare and listed companies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, rule
from socialpolicy.checks.coverage import insert_fix
from socialpolicy.checks.text import any_block, keyed
from socialpolicy.document import Document

_I = re.IGNORECASE

_RETAIN = keyed(
    r"(?:retain|keep|archiv|preserv|captur|store)\w*\b.{0,100}\b(?:communications?|messages?|posts?|"
    r"records|content|chats?)|books and records|record-?keeping|17a-4",
    _I | re.S,
)
_PREAPPROVE = keyed(
    r"(?:principal|compliance)\b.{0,140}\bapprov|approv\w*\b.{0,140}\b(?:principal|compliance)|"
    r"pre-?approv",
    _I | re.S,
)
_THIRD_PARTY = keyed(
    r"third[- ]part(?:y|ies)|adopt\w*|entangle\w*|(?:like|share|link|repost)\w*\b.{0,80}\b"
    r"(?:endorse|recommend|approv)",
    _I | re.S,
)
_PATIENT = keyed(r"\bpatients?\b|protected health information|\bphi\b|hipaa")
_MNPI = keyed(
    r"material,? non-?public|inside information|market[- ]sensitive|price[- ]sensitive|regulation fd|"
    r"disclosure channels?|selective disclosure|investor relations"
)


def _finance_topic(ctx: Context) -> str:
    return {"internal-collaboration": "retention-legal-hold", "governance-charter": "records-archiving"}.get(
        ctx.kind, "sector-finance"
    )


@rule("sector.finance-retention")
def finance_retention(doc: Document, ctx: Context) -> Iterator[Finding]:
    if not any_block(doc, _RETAIN):
        yield ctx.finding(
            "sector.finance-retention",
            "Nothing says that business communications are retained.",
            fix=insert_fix(doc, ctx, _finance_topic(ctx)),
        )


@rule("sector.finance-preapproval")
def finance_preapproval(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.kind == "internal-collaboration":
        return
    if not any_block(doc, _PREAPPROVE):
        topic = "content-approval" if ctx.kind == "governance-charter" else "sector-finance"
        yield ctx.finding(
            "sector.finance-preapproval",
            "No principal pre-approval of business content is required.",
            fix=insert_fix(doc, ctx, topic),
        )


@rule("sector.finance-third-party")
def finance_third_party(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.kind == "internal-collaboration":
        return
    if not any_block(doc, _THIRD_PARTY):
        yield ctx.finding(
            "sector.finance-third-party", "Nothing covers liking, sharing or linking to third-party content."
        )


@rule("sector.healthcare-patient-information")
def healthcare(doc: Document, ctx: Context) -> Iterator[Finding]:
    if not any_block(doc, _PATIENT):
        topic = "patient-privacy" if ctx.kind == "social-media-policy" else ""
        yield ctx.finding(
            "sector.healthcare-patient-information",
            "The document never says that patient information stays out of posts and replies.",
            fix=insert_fix(doc, ctx, topic) if topic else None,
        )


@rule("sector.listed-disclosure")
def listed(doc: Document, ctx: Context) -> Iterator[Finding]:
    if any_block(doc, _MNPI):
        return
    topic = "mnpi-disclosure" if ctx.kind == "social-media-policy" else ""
    yield ctx.finding(
        "sector.listed-disclosure",
        "Nothing covers market-sensitive information or the channels used for disclosure.",
        fix=insert_fix(doc, ctx, topic) if topic else None,
    )
