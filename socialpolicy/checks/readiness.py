"""Readiness: what the source articles say makes social media work (plan, senior sponsor, a lead with a
team, measures, reported progress, training over weeks, a council across levels, internal first), and
advice against blocking access at work.

Where a missing piece is already a missing coverage topic, the coverage rule reports it and these
rules stay quiet, so that one gap gives one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialpolicy.checks import Check, Context, Finding, rule, rule_texts
from socialpolicy.checks.coverage import insert_fix, missing
from socialpolicy.checks.fixes import switch_to
from socialpolicy.checks.structure import stances_of
from socialpolicy.checks.text import AnyPattern, any_block, excerpt, has, keyed, plain_blocks, units
from socialpolicy.document import Document

_I = re.IGNORECASE
CHARTER = "governance-charter"

_SPONSOR = keyed(r"\bsponsor|senior (?:leader|executive|owner)|board[- ]level|executive owner")
_LEAD = keyed(r"social media (?:lead|manager)|head of social|social lead|community manager")
_TEAM = keyed(r"\bteam\b|\bdeput(?:y|ies)\b|\bstaff of\b|\bpeople\b")
_ESCALATE = keyed(r"escalat|triage|severity|out of hours|on call|rota")
_OBJECTIVES = keyed(r"\bobjectives?\b|\bgoals?\b|\baims?\b")
_MEASURES = keyed(r"\bmeasures?\b|\bkpis?\b|\bmetrics?\b|\btargets?\b|%")
_REPORTING = keyed(
    r"\breport\w*\b.{0,80}\b(?:progress|results|every|each|monthly|quarterly|weekly|yearly|"
    r"annual|twice)|\bprogress (?:report|update|summary)|\bdashboard\b"
)
_COUNCIL = keyed(
    r"council|steering (?:group|committee)|cent(?:re|er) of excellence|governance (?:group|committee|"
    r"board)|working group"
)
_SINGLE = keyed(
    r"\b(?:a |one |single |one-off |one-time |half-day |one-hour |an? (?:hour|afternoon|morning|day)"
    r"(?:-long)? )(?:training |induction |e-learning |workshop |briefing |session |course )*"
    r"(?:session|workshop|course|briefing|webinar|module|day)\b"
)
_TRAINING = keyed(r"train\w*|induction|course|workshop|e-learning|learn")
_NOT_SINGLE = keyed(
    r"\bnot (?:a|one) (?:single |one-off )?(?:session|day|workshop)|\bover (?:\d+|several|many|"
    r"a few) (?:weeks|months)|\bweeks?\b|\bmonths?\b|\bongoing\b|\brefresher|\beach year\b|"
    r"\bevery year\b|\bannual\b|\bfollow-?up|\bpractice\b|\bmentor"
)
_INTERNAL_FIRST = keyed(
    r"(?:tell|inform|brief|announce\w*|share\w*)\b.{0,80}\b(?:before|ahead of)\b.{0,40}"
    r"\b(?:public|customers|clients|launch)|internal(?:ly)?[- ]first|(?:hear|learn)\w* "
    r"(?:\w+ ){0,4}(?:first|before)|first hear|no later than (?:it goes|the) public"
)
_CAMPAIGN = keyed(r"campaigns?|launch\w*|offers?|promotions?")
_BLOCK = keyed(
    r"\b(?:we|the company|the organi[sz]ation|it)\s+(?:\w+\s+)?block\w*\s+(?:access to\s+)?"
    r"(?:all\s+)?(?:social media|social networking|these sites|such sites)|\b(?:social media|social "
    r"networking)\s+(?:sites?|apps?|platforms?)?\s*(?:are|is|will be|remain)\s+blocked\b"
)
_NOT_BLOCK = keyed(
    r"\b(?:do not|don't|never|will not|won't|not)\s+(?:\w+\s+)?block|\bnot blocked\b|"
    r"\bparticular site\b|\bfor a time\b"
)


def _reported(ctx: Context, topic: str, presence: bool = True) -> bool:
    """True when another finding already covers ``topic``: the coverage rule reports it missing, or (for a
    presence check on a project) a clause of that topic is there and its text is the author's choice."""
    if topic in missing(ctx):
        return True
    return presence and not ctx.inferred and topic in ctx.present


def _charter_names(rule_id: str, topic: str, pattern: AnyPattern) -> Check:
    """The check of a rule that a charter name something (``pattern`` finds it in a clause); when it does not,
    and no other finding covers ``topic``, the ``finding.message`` of rules.toml with the topic's clause as fix."""
    message = rule_texts()[rule_id]["finding"]["message"]

    def check(doc: Document, ctx: Context) -> Iterator[Finding]:
        if ctx.kind == CHARTER and not _reported(ctx, topic) and not any_block(doc, pattern):
            yield ctx.finding(rule_id, message, fix=insert_fix(doc, ctx, topic))

    return check


rule("readiness.no-sponsor")(_charter_names("readiness.no-sponsor", "executive-sponsor", _SPONSOR))


@rule("readiness.lead-without-team")
def lead_without_team(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.kind != CHARTER:
        return
    leads = [(s, b) for s, b in doc.blocks() if has(_LEAD, b.text) or has(_LEAD, b.title)]
    if not leads or _reported(ctx, "social-media-lead", presence=False):
        return
    team = any(has(_TEAM, b.text) for _, b in leads)
    if not team or not any_block(doc, _ESCALATE):
        what = "no team" if not team else "no escalation path"
        section, block = leads[0]
        yield ctx.finding("readiness.lead-without-team", f"The social media lead has {what}.", section, block)


@rule("readiness.no-objectives")
def no_objectives(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.kind != CHARTER or _reported(ctx, "objectives-measures-reporting", presence=False):
        return
    objectives = any_block(doc, _OBJECTIVES)
    if not objectives or not any_block(doc, _MEASURES):
        what = "objectives" if not objectives else "measures for the objectives"
        yield ctx.finding(
            "readiness.no-objectives",
            f"The charter sets no {what}.",
            fix=insert_fix(doc, ctx, "objectives-measures-reporting"),
        )


@rule("readiness.no-progress-reporting")
def no_progress_reporting(doc: Document, ctx: Context) -> Iterator[Finding]:
    if ctx.kind != CHARTER or _reported(ctx, "objectives-measures-reporting", presence=False):
        return
    if not any_block(doc, _REPORTING):
        yield ctx.finding("readiness.no-progress-reporting", "No regular progress report is set.")


rule("readiness.no-council")(_charter_names("readiness.no-council", "council", _COUNCIL))


@rule("readiness.single-session-training")
def single_session(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block, text in plain_blocks(doc, ctx.cache):
        if not has(_TRAINING, text) or has(_NOT_SINGLE, text):
            continue
        for u in units(text):
            if has(_TRAINING, u) and has(_SINGLE, u):
                yield ctx.finding(
                    "readiness.single-session-training",
                    "Training is a single session.",
                    section,
                    block,
                    excerpt=excerpt(u),
                )
                break


@rule("readiness.no-internal-first")
def no_internal_first(doc: Document, ctx: Context) -> Iterator[Finding]:
    if _reported(ctx, "internal-first"):
        return
    if any_block(doc, _CAMPAIGN) and not any_block(doc, _INTERNAL_FIRST):
        severity = None if ctx.kind in (CHARTER, "internal-collaboration") else "info"
        yield ctx.finding(
            "readiness.no-internal-first",
            "Nothing says external campaigns are announced to staff first.",
            fix=insert_fix(doc, ctx, "internal-first"),
            severity=severity,
        )


@rule("readiness.blocking-access")
def blocking_access(doc: Document, ctx: Context) -> Iterator[Finding]:
    for section, block in doc.blocks():
        if stances_of(block).get("personal-use-at-work") == "blocked" or (
            "block" in block.text and has(_BLOCK, block.text) and not has(_NOT_BLOCK, block.text)
        ):
            fix = switch_to(
                ctx, block, lambda c: c.stances.get("personal-use-at-work") in ("reasonable", "open")
            )
            yield ctx.finding(
                "readiness.blocking-access",
                f"'{block.title}' blocks social media at work.",
                section,
                block,
                fix=fix,
            )
