"""Endorsements: staff who post about the organisation's products must disclose the connection.

FTC Endorsement Guides, 16 CFR 255.5 (revised 2023): employment, free products, rewards and
contest entries are material connections that must be disclosed clearly and conspicuously in the
post itself; a bio is not enough; an advocacy programme should remind staff and correct posts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from socialpolicy.checks import Check, Context, Finding, quoting, rule, rule_texts
from socialpolicy.checks.coverage import insert_fix
from socialpolicy.checks.text import detector, has, keyed, plain, units
from socialpolicy.document import Block, Document, Section

_I = re.IGNORECASE

_ADVOCACY = keyed(
    r"advocacy (?:programme|program|scheme|platform|tool)|brand ambassadors?|employee ambassadors?|"
    # "advocates" alone is often a job ("claims advocates", "patient advocates") or a role ("an advocate for a
    # client"): a programme's advocates are named as such
    r"\b(?:employee|brand|staff|social(?: media)?|company|digital) advocates?\b|"
    r"\badvocates? (?:programme|program|scheme|network|team|community)\b|ambassador (?:programme|program|scheme)"
)
_NO_ADVOCACY = keyed(
    r"(?:don't|do not|doesn't|does not|no longer|never)\s+(?:\w+\s+){0,2}(?:run|have|operate|offer)\s+"
    r"(?:an? |any )?(?:employee )?(?:advocacy|ambassador)|\bno (?:employee )?advocacy\b"
)
_PRODUCT_TALK = keyed(
    r"(?:post|share|promot|review|talk|write|recommend)\w*\s+(?:\w+\s+){0,3}?(?:about\s+)?"
    r"(?:our|the company's|the organi[sz]ation's|its) (?:products?|services?|offers?|brands?|"
    r"campaigns?)"
)
_DISCLOSE = keyed(
    r"material connection|disclos\w*\b.{0,80}\b(?:works? (?:for|at|here|with us)|employ\w*|connection|relationship|"
    r"paid|rewarded|rewards?)|make (?:it )?clear\b.{0,40}\bthat you (?:work|are employed|were paid|"
    r"got)|(?:say|state|mention|show)\w* (?:clearly )?in (?:the |each |every |your |that |this |any )?(?:same )?"
    r"(?:posts?|reviews?|comments?|videos?|captions?)\b.{0,40}\b(?:work|employ)|"
    r"\b(?:connection|relationship|employment|rewards?|bonus(?:es)?)\b.{0,60}\bdisclosed\b|"  # "... be disclosed"
    r"#ad\b|#\w*employee\b|#sponsored|#partner"
)
_REWARDS = keyed(
    r"\b(?:rewards?|prizes?|points|gift cards?|vouchers?|incentives?|incentivi[sz]ed|bonus(?:es)?|"
    r"contests?|competitions?|prize draws?|raffles?|leaderboards?|free products?)\b"
)
_REMIND = keyed(
    r"remind\w*|refresher|follow(?:s|ed)? up|correct\w*|(?:edit|fix|update|amend)\w* (?:the |any |a )?"
    r"posts?|ask\w* (?:\w+ ){0,3}to (?:add|edit|fix|update|delete)|check\w* (?:\w+ ){0,3}posts?"
)
_BIO = keyed(r"\b(?:bio|biography|profile|about (?:section|page)|header)\b")
_ENOUGH = keyed(
    r"\b(?:is|are|will be|would be)\s+(?:enough|sufficient|adequate|fine)|\bsuffices?\b|\bcovers? it\b|"
    r"\ball (?:you need|that is needed)|\bonly need|\bjust need|\bsatisf(?:y|ies)|"
    r"\b(?:don't|do not|no) need to (?:repeat|mention|disclose|add|say)|\bno need to\b.{0,40}"
    r"\b(?:each|every|individual) post|\binstead of (?:in )?(?:each|every) post"
)
_NOT_ENOUGH = keyed(
    r"not (?:enough|sufficient|adequate)|isn't (?:enough|sufficient)|aren't (?:enough|sufficient)|"
    r"in the post itself|also in (?:the|each|every) post|as well as in|"
    r"(?:doesn't|does not|don't|do not|won't|will not) (?:count|suffice|do\b)"
)
_BIO_ONLY = keyed(
    r"(?:disclos|state|mention|list|add|note|say)\w*\s+(?:\w+\s+){0,5}?(?:in|on|to) your "
    r"(?:bio|profile|about (?:section|page))"
)


@detector("endorsements.bio-only", ("bio", "profile", "about section", "about page", "header"))
def bio_only(unit: str) -> bool:
    if not _BIO.search(unit) or _NOT_ENOUGH.search(unit):
        return False
    # (saying where you work, in a list of what you may do, is no endorsement: it must be about promoting)
    return bool(_ENOUGH.search(unit)) or bool(
        _BIO_ONLY.search(unit)
        and re.search(r"\b(?:disclos|connection|employ|work for|work at)", unit, _I)
        and _PROMOTING.search(unit)
    )


# What makes saying who you work for an endorsement's disclosure: a post that promotes, reviews or is paid for.
_PROMOTING = keyed(
    r"\b(?:promot|endors|review|product|services?\b|sponsor|advert|#ad\b|ambassador|advoca|campaign|brand|"
    r"reward|paid|incentive|post(?:s|ing)? about (?:us|our|the company))",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _discloses(text: str) -> bool:
    """The text tells people to disclose their connection (and not only in a bio)."""
    return has(_DISCLOSE, text) and any(has(_DISCLOSE, u) and not bio_only(u) for u in units(plain(text)))


def _is_advocacy(block: Block) -> bool:
    stance = block.stances.get("employee-advocacy")
    if stance is not None:
        return stance != "none"
    return has(_ADVOCACY, block.text) and not has(_NO_ADVOCACY, block.text)


Where = tuple[Section, Block]


@dataclass(frozen=True, slots=True)
class _Facts:
    advocacy: Where | None  # the first clause that runs an advocacy programme
    product: Where | None  # the first clause that asks for posts about products
    disclosure: bool  # some clause asks for the connection to be disclosed
    rewards: Where | None  # the first advocacy clause that rewards posts
    reminder: bool  # disclosure is recalled or corrected from time to time


def _facts(doc: Document, ctx: Context) -> _Facts:
    facts = ctx.cache.get("endorsements")
    if facts is None:
        blocks = list(doc.blocks())
        facts = _Facts(
            advocacy=next(((s, b) for s, b in blocks if _is_advocacy(b)), None),
            product=next(((s, b) for s, b in blocks if has(_PRODUCT_TALK, b.text)), None),
            disclosure=any(_discloses(b.text) for _, b in blocks)
            or any(d.term.lower() == "material connection" for d in doc.definitions),
            rewards=next(((s, b) for s, b in blocks if _is_advocacy(b) and has(_REWARDS, b.text)), None),
            reminder=any(
                has(_REMIND, b.text)
                for _, b in blocks
                if _is_advocacy(b)
                or has(_DISCLOSE, b.text)
                or b.topic in ("endorsement-disclosure", "employee-advocacy")
            ),
        )
        ctx.cache["endorsements"] = facts
    return facts  # type: ignore[no-any-return]


def _topic(ctx: Context) -> str:
    return "employee-advocacy" if ctx.kind == "governance-charter" else "endorsement-disclosure"


@rule("endorsements.no-disclosure")
def no_disclosure(doc: Document, ctx: Context) -> Iterator[Finding]:
    facts = _facts(doc, ctx)
    where = facts.advocacy or facts.product
    if where and not facts.disclosure:
        section, block = where
        what = "an advocacy programme" if facts.advocacy else "posts about products"
        yield ctx.finding(
            "endorsements.no-disclosure",
            f"The document has {what} but no clause telling staff to disclose their connection.",
            section,
            block,
            fix=insert_fix(doc, ctx, _topic(ctx)),
        )


rule("endorsements.bio-only")(quoting("endorsements.bio-only"))


def _gap(rule_id: str, present: str, absent: str, fixable: bool) -> Check:
    """The check of a rule that reports a fact of the document (``present``: rewards, advocacy ...) without
    another (``absent``), at the clause that shows the first, with the ``finding.message`` of rules.toml."""
    message = rule_texts()[rule_id]["finding"]["message"]

    def check(doc: Document, ctx: Context) -> Iterator[Finding]:
        facts = _facts(doc, ctx)
        where = getattr(facts, present)
        if where and not getattr(facts, absent):
            yield ctx.finding(
                rule_id, message, *where, fix=insert_fix(doc, ctx, _topic(ctx)) if fixable else None
            )

    return check


rule("endorsements.rewards-undisclosed")(
    _gap("endorsements.rewards-undisclosed", "rewards", "disclosure", True)
)
rule("endorsements.no-reminder")(_gap("endorsements.no-reminder", "advocacy", "reminder", False))
