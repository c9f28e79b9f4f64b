"""What a document covers, and what kind of document it is.

A project's clauses carry their topic, and its template says which topics it must cover. A
document brought in as found (.md or .docx) has neither: its kind is inferred from its words,
the coverage list of that kind's template applies, and topics are recognised from keywords in
each clause's title and text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from socialpolicy import sandbox, templates
from socialpolicy.checks.text import AnyPattern, keyed
from socialpolicy.document import Block, Document
from socialpolicy.model import Topic

if TYPE_CHECKING:
    from socialpolicy.checks import Context

KINDS = ("social-media-policy", "internal-collaboration", "governance-charter")

_INTERNAL_FIRST = (
    r"(?:tell|inform|brief|announce\w*|share\w*)\b.{0,80}\b(?:before|ahead of)\b.{0,40}"
    r"\b(?:public|customers|clients|launch|externally|announce)|internal(?:ly)?[- ]first|"
    r"(?:hear|learn)\w* (?:about )?(?:it|our news|news|\w+ news)(?: \w+){0,3} (?:first|before)|"
    r"\bbefore (?:customers|clients|the public) do\b|\bfirst hear\b|no later than (?:it goes|the) public|"
    r"\bhear it first\b"
)
_RIGHTS = (
    r"section 7|national labou?r relations|concerted|right to (?:talk|discuss|share|speak)|"
    r"(?:discuss|talk about|share)\w* (?:\w+ ){0,3}(?:pay|wages|salar\w+|working conditions|terms and conditions)"
)
_MONITORING = (
    r"monitor|listening tools?|social listening|we (?:check|review|track|log|scan|record)\b|surveillance"
)

# topic id -> pattern over a clause's title and text (lower case).
TOPIC_PATTERNS: dict[str, str] = {
    # social media policy
    "purpose-scope": r"\bpurpose\b|\bscope\b|(?:policy|guidelines?) (?:applies|apply|covers?)|who (?:this|the) \w+ covers|"
    r"why we have",
    "business-personal-use": r"personal (?:accounts?|use|capacity|views?|opinions?|posts?)|speak\w* for yourself|"
    r"your own (?:views|opinions|thoughts|accounts?)|on your own behalf",
    "employee-rights": _RIGHTS,
    "spokespeople": r"spokes(?:person|people)|speak\w* (?:for|on behalf of) (?:us|the (?:company|organi[sz]ation|firm))|"
    r"official (?:view|position|accounts?|statements?)|authori[sz]ed to speak",
    "confidential-information": r"confidential|trade secrets?|proprietary",
    "mnpi-disclosure": r"material non-?public|inside information|insider|market[- ]sensitive|regulation fd|"
    r"disclosure channels?|selective disclosure|investor relations",
    "endorsement-disclosure": r"material connection|endorse|#ad\b|#employee|(?:say|disclose|make clear)\w* "
    r"(?:\w+ ){0,4}(?:you work|your job|employ)",
    "harassment": r"harass|bully|bullying|threat|discriminat",
    "patient-privacy": r"patients?\b|hipaa|protected health information",
    "intellectual-property": r"intellectual property|copyright|trade ?marks?|\blogos?\b|brand (?:design|assets)",
    "media-government-enquiries": r"journalists?|media (?:enquir|inquir|requests?)|\bpress\b|reporters?|regulators?|"
    r"government (?:bod|agenc|official)",
    "working-time-equipment": r"working (?:time|hours|day)|at work\b|during work|devices?|equipment|\bbreaks?\b",
    "monitoring": _MONITORING,
    "personal-account-access": r"(?:ask|request|require|demand)\w*\b.{0,80}(?:password|user ?name|log-?in|"
    r"sign in to)|personal accounts? (?:stay|remain)s? private",
    "sector-finance": r"finra|pre-?approv|registered principal|broker|books and records|"
    r"(?:retain|keep|archive)\w*.{0,60}(?:communications|records|messages)",
    "sector-public": r"political (?:activity|neutrality|restrictions?|impartiality)|civil service|public sector|"
    r"impartial",
    "reporting-enforcement": r"(?:raise|report)\w* (?:a |any )?concerns?|disciplinary|breach\w* of this|whistleblow|"
    r"policy is broken",
    "training-review": r"training|review(?:ed|s)? (?:this|the|of|at least|every|each)|refresher",
    # internal collaboration guidelines
    "tools-code-of-conduct": r"\b(?:microsoft teams|slack|viva engage|yammer|workplace from meta|enterprise social|"
    r"internal (?:network|tools?|platforms?|social)|collaboration (?:tools?|platforms?)|"
    r"code of conduct)\b",
    "spaces-openness": r"(?:open|private|public) (?:by default|channels?|spaces?|groups?|communities)|"
    r"external guests?|guest access",
    "personal-data": r"personal data|data minimi|special category|personal information",
    "retention-legal-hold": r"retention|\bretain|legal hold|litigation hold|archiv|delete\w* after|kept for",
    "respectful-conduct": r"respect|harass|bully|bullying",
    "community-moderation": r"moderat|communit(?:y|ies) owners?|owners? of (?:the |each |a )?(?:community|space|channel)",
    "announcements-informal": r"announcements?|official (?:news|posts?|updates?)|informal",
    "external-sharing": r"(?:outside|external\w*)\b.{0,60}\b(?:share|sharing|forward|screenshot|post)|"
    r"(?:share|sharing|forward|screenshot)\w*\b.{0,60}\boutside",
    "response-times": r"(?:reply|respond|answer|acknowledge)\w*\b.{0,60}\b(?:within|same day|working days?|hours?)|"
    r"response times?",
    "account-security": r"password|two-(?:step|factor)|multi-factor|phishing|account security|sign-in",
    "reporting-concerns": r"(?:raise|report)\w* (?:a |any )?concerns?|report\w* (?:it|this|content|a post|abuse)|"
    r"whistleblow",
    "internal-first": _INTERNAL_FIRST,
    # governance charter
    "executive-sponsor": r"\bsponsor",
    "social-media-lead": r"social media (?:lead|manager)|head of social|social team",
    "council": r"council|steering (?:group|committee)|cent(?:re|er) of excellence|governance (?:group|committee|board)",
    "account-register": r"account register|register of (?:official )?accounts|list of (?:all |our )?official accounts|"
    r"inventory of (?:\w+ )?accounts",
    "content-approval": r"approv\w*\b.{0,40}\b(?:content|posts?|before)|content approval|sign[- ]off",
    "listening-escalation": r"escalat|triage|severity",
    "crisis-playbook": r"crisis|crises",
    "employee-advocacy": r"advoca|ambassadors?",
    "training-before-posting": r"train\w*\b.{0,120}\bbefore|before\b.{0,120}\btrain",
    "comment-moderation": r"comments?\b.{0,60}\b(?:moderat|remove|hide|delete)|house rules|moderat",
    "objectives-measures-reporting": r"objectives?|measures?\b|\bkpis?\b|metrics?|targets?",
    "records-archiving": r"archiv|records? (?:of|retention)|\bretain",
    "review-cycle": r"review\w*\b.{0,60}\b(?:every|each|annual|yearly|months|year)|changes? in (?:the )?law",
}
_COMPILED = {k: keyed(v, re.IGNORECASE | re.DOTALL) for k, v in TOPIC_PATTERNS.items()}

# Words that point to a kind of document, with weights; the title counts extra.
_KIND_WORDS: dict[str, AnyPattern] = {
    "governance-charter": keyed(
        r"executive sponsor|council|social media lead|account register|escalat|crisis|objectives|"
        r"\bcharter\b|governance|approval workflow|official accounts?|centre of excellence|center of excellence"
    ),
    "internal-collaboration": keyed(
        r"\b(?:microsoft teams|slack|viva engage|yammer|enterprise social|internal (?:network|tools?|platforms?)|"
        r"collaboration|channels?|spaces?|communit(?:y|ies)|intranet|guests?)\b"
    ),
    "social-media-policy": keyed(
        r"personal accounts?|your own accounts?|social media policy|facebook|linkedin|instagram|tiktok|twitter|"
        r"\bx\.com\b|youtube|public (?:posts?|social)|followers|\bbio\b"
    ),
}
_TITLE_HINTS = (
    ("governance-charter", keyed(r"charter|governance")),
    ("internal-collaboration", keyed(r"collaborat|internal|enterprise social|teams|slack|yammer|intranet")),
    ("social-media-policy", keyed(r"social media")),
)


@lru_cache(maxsize=8192)
def topics_in(text: str) -> frozenset[str]:
    """Topics recognised in a piece of text."""
    return frozenset(t for t, p in _COMPILED.items() if p.search(text))


def block_topics(block: Block) -> frozenset[str]:
    return topics_in(f"{block.title}\n{block.text}")


def infer_kind(doc: Document) -> str:
    """The kind of document the text most looks like."""
    text = "\n".join(f"{b.title}\n{b.text}" for _, b in doc.blocks())
    scores = {k: len(p.findall(text)) for k, p in _KIND_WORDS.items()}
    for kind, pattern in _TITLE_HINTS:
        if pattern.search(doc.title):
            scores[kind] += 25
            break
    return max(KINDS, key=lambda k: (scores[k], -KINDS.index(k)))


def required_topics(
    kind: str, jurisdictions: tuple[str, ...], sector: str, listed: bool
) -> tuple[Topic, ...]:
    template = templates.get(kind)
    variables = {
        **template.defaults(),
        "jurisdictions": list(jurisdictions),
        "sector": sector,
        "listed": listed,
    }
    return tuple(
        t
        for t in template.coverage
        if sandbox.evaluate(t.when, variables, source=f"template {kind}", where=f"coverage {t.id}")
    )


def is_found_document(doc: Document) -> bool:
    """True for a document checked as found: an imported text without a template of ours."""
    return doc.source_kind != "project" or doc.template_id not in KINDS


def prepare(doc: Document, ctx: Context) -> None:
    """Fill in the context's kind, required topics and present topics."""
    if not is_found_document(doc):
        ctx.kind = doc.template_id
        ctx.coverage = doc.coverage
        ctx.present = frozenset(doc.topics())
        return
    ctx.inferred = True
    ctx.kind = infer_kind(doc)
    ctx.coverage = required_topics(ctx.kind, ctx.jurisdictions, ctx.sector, ctx.listed)
    present: set[str] = set()
    for _, block in doc.blocks():
        present |= block_topics(block)
        if block.topic != "imported":
            present.add(block.topic)
    ctx.present = frozenset(present)
