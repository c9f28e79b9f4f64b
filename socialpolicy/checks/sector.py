"""Sector rules: financial services, healthcare and listed companies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, rule
from socialpolicy.checks.coverage import insert_fix
from socialpolicy.checks.text import any_block, keyed
from socialpolicy.document import Document

_I = re.IGNORECASE
FINRA = "FINRA Regulatory Notices 10-06, 11-39 and 17-18; FINRA Rule 2210; SEC Rule 17a-4"

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


@rule(
    "sector.finance-retention",
    "error",
    "Broker-dealers must keep business communications on social media, text and chat, and be able to "
    "produce them. The document never says that business posts and messages are captured and retained.",
    citation=FINRA,
    sectors=("finance",),
)
def finance_retention(doc: Document, ctx: Context) -> Iterator[Finding]:
    if not any_block(doc, _RETAIN):
        yield ctx.finding(
            "sector.finance-retention",
            "Nothing says that business communications are retained.",
            fix=insert_fix(doc, ctx, _finance_topic(ctx)),
        )


@rule(
    "sector.finance-preapproval",
    "error",
    "FINRA Rule 2210 requires a registered principal to approve static content (profiles, posts that stay "
    "up) before it is used, and the firm to supervise interactive content. The document does not say so.",
    citation=FINRA,
    sectors=("finance",),
)
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


@rule(
    "sector.finance-third-party",
    "warning",
    "A firm that likes, shares or links to third-party content can adopt it or become entangled with it, "
    "and then answers for it as its own communication. The document does not address third-party content.",
    citation="FINRA Regulatory Notices 11-39 and 17-18",
    sectors=("finance",),
)
def finance_third_party(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.kind == "internal-collaboration":
        return
    if not any_block(doc, _THIRD_PARTY):
        yield ctx.finding(
            "sector.finance-third-party", "Nothing covers liking, sharing or linking to third-party content."
        )


@rule(
    "sector.healthcare-patient-information",
    "error",
    "Healthcare staff must not put any patient information in posts, photos or replies to online reviews, "
    "even without a name; OCR has settled several cases over replies to reviews.",
    citation="45 CFR Parts 160 and 164 (HIPAA Privacy Rule); HHS OCR settlements 2019, 2022, 2023; GDPR Article 9",
    sectors=("healthcare",),
)
def healthcare(doc: Document, ctx: Context) -> Iterator[Finding]:
    if not any_block(doc, _PATIENT):
        topic = "patient-privacy" if ctx.kind == "social-media-policy" else ""
        yield ctx.finding(
            "sector.healthcare-patient-information",
            "The document never says that patient information stays out of posts and replies.",
            fix=insert_fix(doc, ctx, topic) if topic else None,
        )


@rule(
    "sector.listed-disclosure",
    "error",
    "A listed company may put material information on social channels only where investors were told in "
    "advance which channels it uses, and staff must not disclose market-sensitive information selectively.",
    citation="Regulation FD, 17 CFR 243; SEC Release No. 34-69279 (2013); Regulation (EU) No 596/2014 (MAR) Art. 17",
    sectors=("listed",),
)
def listed(doc: Document, ctx: Context) -> Iterator[Finding]:
    if any_block(doc, _MNPI):
        return
    topic = "mnpi-disclosure" if ctx.kind == "social-media-policy" else ""
    yield ctx.finding(
        "sector.listed-disclosure",
        "Nothing covers market-sensitive information or the channels used for disclosure.",
        fix=insert_fix(doc, ctx, topic) if topic else None,
    )
