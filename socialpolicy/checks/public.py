"""US public employers: the First Amendment instead of the NLRA.

A state university, a city or a federal agency is not an "employer" under the NLRA (29 U.S.C. § 152(2)), so
``--sector public`` with ``us`` turns the ``nlra`` rules off and these on. Staff of a public employer speak
as citizens on matters of public concern with the protection of Pickering v. Board of Education (1968),
balanced against the employer's interest in its work; speech made as part of the job is not protected
(Garcetti v. Ceballos, 2006). A rule that stops speech before it is made needs more justification than
discipline after the fact (United States v. NTEU, 1995), and a police department's ban on negative comments
about the department failed that test (Liverman v. City of Petersburg, 4th Cir. 2016). Official accounts
whose managers block or delete critics can be state action (Lindke v. Freed; O'Connor-Ratcliff v. Garnier,
2024). The rules read each sentence as the NLRA rules do (:mod:`socialpolicy.checks.reading`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from socialpolicy.checks import Context, Finding, quoting, rule
from socialpolicy.checks.nlra import disparaged, media_contact, prior_approval
from socialpolicy.checks.text import Judged, Unit, detector, flagged, keyed
from socialpolicy.document import Document

_PUBLIC: dict[str, Any] = {"jurisdictions": ("us",), "sectors": ("public",)}


@rule("public.speech-ban")
def rule_speech_ban(doc: Document, ctx: Context) -> Iterator[Finding]:
    def judge(u: Unit) -> Judged:
        kind = (
            "the press or outside bodies"
            if media_contact(u.text)
            else "the employer, its leaders or its work"
        )
        return (
            f"Staff are barred from speaking about {kind}, which can be speech as a citizen on a matter of "
            "public concern.",
            {},
        )

    yield from flagged(doc, ctx, "public.speech-ban", judge)


@detector(
    "public.speech-ban",
    (
        "disparag",
        "negativ",
        "critic",
        "damag",
        "harm",
        "reputation",
        "embarrass",
        "media",
        "press",
        "journalist",
        "reporter",
        "news",
        "public",
        "comment",
    ),
)
def speech_ban(unit: str) -> bool:
    return disparaged(unit) == "company" or media_contact(unit) in ("ban", "agency")


rule("public.prior-restraint")(quoting("public.prior-restraint"))


@detector("public.prior-restraint", ("approv", "permission", "authori", "doubt", "clear", "review", "prior"))
def prior_restraint(unit: str) -> bool:
    return prior_approval(unit)


_BLOCKING = keyed(
    r"\b(?:block\w*|ban\w*|delete\w*|remov\w*|hid(?:e|es|ing)|mute\w*)\b.{0,80}\b(?:users?|people|comments?|"
    r"posts?|replies|critics?|accounts?)\b"
)
_VIEWPOINT = keyed(
    r"\b(?:negative|critical|criticism|critics?|disagree\w*|unfavou?rable|embarrass\w*|off-message|"
    r"inappropriate|offensive|controversial|political|we do not like|at (?:our|the moderator's) discretion|"
    r"any reason)\b"
)
_NEUTRAL = keyed(
    r"\b(?:spam|threats?|obscen\w*|personal (?:data|information)|off-topic|viewpoint[- ]neutral|"
    r"illegal|doxx\w*|malware|commercial)\b"
)


rule("public.official-account-moderation")(quoting("public.official-account-moderation"))


@detector("public.official-account-moderation", ("block", "ban", "delete", "remov", "hide", "hiding", "mute"))
def official_moderation(unit: str) -> bool:
    return bool(
        _BLOCKING.search(unit)
        and _VIEWPOINT.search(unit)
        and not _NEUTRAL.search(unit)
        and not re.search(r"\bpersonal (?:accounts?|pages?)\b", unit, re.IGNORECASE)
    )
