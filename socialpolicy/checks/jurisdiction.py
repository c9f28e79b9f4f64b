"""Jurisdiction rules: EU/UK monitoring, legal basis, consent and candidate screening; US state
laws on personal account passwords."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialpolicy.checks import Context, Finding, quoting, rule
from socialpolicy.checks.coverage import insert_fix
from socialpolicy.checks.text import (
    AnyPattern,
    Judged,
    Unit,
    detector,
    flagged,
    has,
    keyed,
    keywords,
    keywords_in,
    scan,
    tokens_of,
)
from socialpolicy.document import Document

_I = re.IGNORECASE

_WATCHED = (
    r"(?:your|staff|employees'?|workers'?|their|users'?|people's|colleagues'?|personal|private)\s+(?:\w+\s+)?"
    r"(?:posts?|messages?|activit(?:y|ies)|use|usage|accounts?|communications?|e-?mails?|chats?|browsing|"
    r"internet use|devices?|calls?|screens?|keystrokes|location|social media)"
    r"(?!\s+(?:polic(?:y|ies)|guidelines?|handbook|manual|strategy|plan)\b)"  # ("read the Staff Social Media Policy")
)
_MONITOR = keyed(
    # (the verbs with their endings only: "readers", "login" and "checklist" watch no one)
    rf"\b(?:monitor|track|log|record|scan|read|inspect|screen|watch|audit|captur|review|check|search|archiv|keep a "
    rf"record of)(?:e|es|s|ed|d|ing|ged|ging|ned|ning)?\s+(?:\w+\s+){{0,4}}?{_WATCHED}|"
    rf"\b{_WATCHED}\s+(?:\w+\s+){{0,3}}?(?:are|is|will be|may be|can be|might be|could be)\s+(?:\w+\s+)?(?:monitored|"
    rf"logged|recorded|tracked|reviewed|scanned|inspected|audited|captured|read|checked|archived)\b|"
    rf"\bmonitoring (?:of|on) (?:\w+\s+){{0,2}}?(?:staff|employees|workers|you|your|use|usage|social media|accounts|"
    rf"communications|messages|activit(?:y|ies)|devices|systems|networks?)\b|"
    rf"\bwe monitor\b"
)
_NO_MONITOR = keyed(
    r"\b(?:do not|don't|does not|doesn't|never|will not|won't|not)\s+(?:\w+\s+){0,2}?(?:monitor|track|"
    r"watch|read|record|search|log|check|review)|\bno (?:monitoring|tracking)\b|"
    r"\bnot (?:monitored|logged|recorded|tracked|read)\b|"
    # staff looking at their own things ("for checking a personal account briefly") is no monitoring of them
    r"\b(?:check|read|review|look at)\w*\s+(?:a |an |your |their |his |her )?(?:own |personal )(?:\w+ )?"
    r"(?:accounts?|phones?|messages|e-?mails?|feeds?)\b"
)
_NOTICE = keyed(
    r"\bnotice\b|\btell (?:you|staff|employees|everyone|people)\b|\binform\w* (?:you|staff|employees|"
    r"people|everyone)\b|\blet you know\b|\bwe will tell\b|\btransparen\w*|\bprivacy (?:notice|"
    r"statement)\b|\byou will be told\b|\btold (?:in advance|before)|\bexplain\w* (?:what|how|why) we\b|"
    r"\bwe (?:say|set out|explain|describe) (?:here |below )?(?:what|how|why)\b|\bthis (?:section|"
    r"clause|policy) (?:explains|tells you|sets out)\b|\bwhat (?:we|that) (?:record|collect|check|keep|means for you)\b|"
    r"\bhere is what\b"
)
_BASIS = keyed(
    r"legal basis|lawful basis|legitimate interests?|article 6|necessary and proportionate|"
    r"proportionate|necessity|strictly necessary|data protection impact|\bdpia\b|legal obligation"
)
_CONSENT = keyed(
    r"\b(?:you )?(?:consent|agree)\w*\s+to\s+(?:the |our |this |such |any |all )?(?:\w+\s+){0,3}?(?:monitoring|"
    r"processing|collection|recording|tracking|review|interception|use of your (?:personal )?(?:data|information))\b|"
    r"\bby (?:signing|accepting|using|logging|accessing|continuing)\b.{0,100}\b(?:consent|agree)|"
    r"\brel(?:y|ies|ying) (?:up)?on (?:your |employees'? |staff )?consent|"
    r"\bconsent (?:is|as) (?:the|our) (?:legal|lawful) basis|\bwith your consent,? we (?:may |will )?(?:monitor|process|"
    r"check|review)"
)
_NO_CONSENT = keyed(
    r"\b(?:not|never|don't|do not|does not|doesn't|cannot|can't)\s+(?:\w+\s+){0,3}?"
    r"(?:rel(?:y|ies)|based?) (?:up)?on (?:your )?consent|consent is (?:rarely|not)|"
    r"\bwithout (?:your )?consent\b|\bnot (?:ask|asking) (?:for )?(?:your )?consent\b"
)
_CANDIDATES = keyed(r"\b(?:candidates?|applicants?|job seekers?|recruits?|new hires?)\b")
_ONLINE = keyed(r"social media|online|profiles?|personal accounts?|posts?\b|internet|google")
_SCREEN = keyed(
    r"\b(?:check|screen|search|review|look(?:s|ed|ing)? (?:at|up|into)|vet|research|investigat)\w*"
)
_SCREEN_OK = keyed(
    r"necessary|relevant to the role|matters? for the role|what matters|tell (?:candidates|"
    r"applicants)|inform\w* (?:candidates|applicants)|job advert|application pack|notice|"
    r"proportionate|told in advance|let (?:candidates|applicants) (?:know|respond)"
)

_PASSWORD = keyed(
    r"\b(?:provide|give|disclose|share|hand over|tell|reveal|supply|divulge|hand)\w*\s+(?:\w+\s+){0,6}?(?:passwords?|"
    r"log-?in (?:details|credentials|information)|credentials|user ?names?|access)\b|"
    r"\b(?:accept|add|friend|follow|connect with)\w*\s+(?:\w+\s+){0,3}?(?:managers?|supervisors?|the company|hr|"
    r"human resources|us)\s+as\s+(?:a\s+)?(?:friends?|contacts?|connections?|followers?)|"
    r"\b(?:show|let (?:us|\w+) see|give (?:us|\w+) access to|open|log into|sign in to|log in to)\s+(?:\w+\s+){0,3}?"
    r"(?:personal|private) (?:accounts?|profiles?|pages?|messages?)"
)
_PERSONAL = keyed(r"\bpersonal\b|\bprivate\b|\byour own\b|\bfriends?\b")
_ASKED = keyed(
    r"\b(?:must|required|require|are expected to|will be asked|may be asked|may ask|may request|"
    r"can ask|agree to|need to|should|upon request|on request|when asked|if asked|at our request)\b"
)
_NOT_ASKED = keyed(
    r"\b(?:never|not|won't|will not|cannot|can't|don't|do not|no one)\b\s+(?:\w+\s+){0,4}?"
    r"(?:ask|request|require|need|have to|expected)|\bcan refuse\b|\bmay refuse\b|"
    r"\bnever (?:use|share|give)\b"
)


@detector(
    "jurisdiction.candidate-screening",
    ("candidate", "applicant", "job seeker", "recruit", "new hire"),
    _ONLINE.words,
)
def screens_candidates(unit: str) -> bool:
    return bool(
        _CANDIDATES.search(unit)
        and _ONLINE.search(unit)
        and _SCREEN.search(unit)
        and not _NO_MONITOR.search(unit)
    )


@detector(
    "jurisdiction.monitors",
    (
        "monitor",
        "track",
        "log",
        "record",
        "scan",
        "read",
        "inspect",
        "screen",
        "watch",
        "audit",
        "captur",
        "review",
        "check",
        "search",
        "archiv",
    ),
    _MONITOR.words,
)
def monitors(text: str) -> bool:
    return bool(_MONITOR.search(text)) and not _NO_MONITOR.search(text)


@detector("jurisdiction.consent-basis", ("consent", "agree"))
def consent_relied_on(unit: str) -> bool:
    return bool(_CONSENT.search(unit)) and not _NO_CONSENT.search(unit)


@detector("jurisdiction.password-request", tokens_of(_PASSWORD), _PERSONAL.words, _ASKED.words)
def password_request(unit: str) -> bool:
    if not _PASSWORD.search(unit) or not _PERSONAL.search(unit) or _NOT_ASKED.search(unit):
        return False
    return bool(_ASKED.search(unit))


def _monitoring_units(doc: Document, ctx: Context) -> list[Unit]:
    found = ctx.cache.get("monitoring-units")
    if found is None:
        found = scan(doc, ctx.cache, "jurisdiction.monitors")
        ctx.cache["monitoring-units"] = found
    return found  # type: ignore[return-value]


_MONITORING = keywords(("monitoring",))


def _monitor_blocks_say(doc: Document, ctx: Context, pattern: AnyPattern) -> bool:
    """Whether the clauses that say how monitoring works (they monitor, or are about monitoring) match."""
    texts = ctx.cache.get("monitoring-texts")
    if texts is None:
        found = dict.fromkeys(u.block.text for u in _monitoring_units(doc, ctx))
        for _, b in doc.blocks():
            if b.topic == "monitoring" or not _MONITORING.isdisjoint(keywords_in(b.text)):
                found.setdefault(b.text)
        texts = ctx.cache["monitoring-texts"] = list(found)
    return any(has(pattern, text) for text in texts)


@rule("jurisdiction.monitoring-notice")
def monitoring_notice(doc: Document, ctx: Context) -> Iterator[Finding]:
    units = _monitoring_units(doc, ctx)
    if units and not _monitor_blocks_say(doc, ctx, _NOTICE):
        message = "Monitoring is described without notice to staff."
        yield ctx.at(
            "jurisdiction.monitoring-notice", message, units[0], fix=insert_fix(doc, ctx, "monitoring")
        )


@rule("jurisdiction.monitoring-legal-basis")
def monitoring_basis(doc: Document, ctx: Context) -> Iterator[Finding]:
    units = _monitoring_units(doc, ctx)
    if units and not _monitor_blocks_say(doc, ctx, _BASIS):
        message = "Monitoring is described with no legal basis or test of necessity."
        yield ctx.at("jurisdiction.monitoring-legal-basis", message, units[0])


rule("jurisdiction.consent-basis")(quoting("jurisdiction.consent-basis"))

_SCREENED = "Candidates are screened online without limits or notice."


@rule("jurisdiction.candidate-screening")
def candidate_screening(doc: Document, ctx: Context) -> Iterator[Finding]:
    def judge(u: Unit) -> Judged:
        return None if has(_SCREEN_OK, u.block.text) else (_SCREENED, {})

    yield from flagged(doc, ctx, "jurisdiction.candidate-screening", judge)


rule("jurisdiction.password-request")(quoting("jurisdiction.password-request"))
