"""US labour-law risk: work rules that staff would reasonably read as stopping them from talking
about pay, conditions or management (NLRA Section 7, 29 U.S.C. § 157).

The standard for work rules is in flux, so the user picks it: under Stericycle, 372 NLRB No. 113
(2023, the default) a rule that tends to chill protected activity is presumed unlawful unless it
is narrowly tailored; under Boeing, 365 NLRB No. 154 (2017) civility, photography and media rules
were generally lawful. Each rule states its severity under each standard.

The patterns read a rule in context: they look only at what a sentence forbids or requires
(see :mod:`socialpolicy.checks.text`), and they let narrow, concrete rules pass: "do not disclose
trade secrets" is fine, "do not disclose anything not public" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from socialpolicy.checks import Context, Finding, Fix, rule
from socialpolicy.checks.fixes import switch_to
from socialpolicy.checks.text import (
    PROHIBITION_WORDS,
    block_of,
    detector,
    duty,
    excerpt,
    hits,
    keyed,
    plain,
    prohibited,
    scan,
    tokens_of,
)
from socialpolicy.document import Block, Document

_I = re.IGNORECASE

STERICYCLE = "Stericycle, Inc., 372 NLRB No. 113 (2023) (standard in flux: GC 25-05, 2025)"
_SOURCES = "NLRB OM 11-74 (2011), OM 12-31 and OM 12-59 (2012)"

_COMPANY = (
    r"(?:the |our |this )?(?:company|organi[sz]ation|employer|firm|business|management|managers?|"
    r"supervisors?|executives?|leadership|directors|officers|brand|brands|reputation|products?|services|"
    r"workplace|store|hospital|agency|bank)\b|\bus\b"
)
_PEOPLE = (
    r"\b(?:co-?workers?|colleagues?|fellow (?:employees|workers|staff)|other employees|team members?|associates|"
    r"customers?|clients?|vendors?|suppliers?|patients?|anyone|others)\b"
)
_DISPARAGE = keyed(
    r"disparag\w*|derogatory|negative(?:ly)?\b|bad-?mouth\w*|defam\w*|malign\w*|belittl\w*|ridicul\w*|"
    r"critici[sz]\w*|critical of|complain\w*|embarrass\w*|(?:un)?flattering|unfavou?rabl\w*|"
    r"(?:harm|damag|hurt|tarnish|injur|undermin|discredit)\w*\s+(?:\w+\s+){0,4}?(?:reputation|image|brand|goodwill|"
    r"name|integrity|standing|interests?)|reflect\w* (?:\w+ ){0,3}(?:poorly|badly|negatively)|"
    r"(?:in|cast\w*) (?:a |an )?(?:bad|negative|poor|unfavou?rable) light"
)
_DAMAGE_COMPANY = keyed(
    r"(?:harm|damag|hurt|tarnish|injur|undermin|discredit)\w*\s+(?:the |our )?"
    r"(?:company|organi[sz]ation|employer|firm|business)\b"
)
_CONCRETE = keyed(
    r"harass|bully|bullying|threat|intimidat|violen|discriminat|slurs?\b|hostile work environment|"
    r"protected characteristic|\brace\b|religio|sexual|obscen|pornograph|doxx|stalk|hate speech|"
    r"knowingly false|maliciously false|deliberately false|defamatory falsehoods?"
)
_TRUTH = keyed(
    r"knowingly false|maliciously false|deliberately false|you know (?:to be|is) (?:false|untrue)|"
    r"false (?:and|or) (?:defamatory|malicious)"
)


@lru_cache(maxsize=64)
def _company_re(names: tuple[str, ...]) -> re.Pattern[str]:
    extra = "|".join(re.escape(n) for n in names if n)
    return re.compile(_COMPANY + (rf"|\b(?:{extra})\b" if extra else ""), _I)


_PEOPLE_RE = keyed(_PEOPLE)


@detector(
    "nlra.disparagement",
    (
        "disparag",
        "derogator",
        "negativ",
        "mouth",
        "defam",
        "malign",
        "belittl",
        "ridicul",
        "critic",
        "complain",
        "embarrass",
        "flatter",
        "unfavo",
        "harm",
        "damag",
        "hurt",
        "tarnish",
        "injur",
        "undermin",
        "discredit",
        "reflect",
        "light",
    ),
    PROHIBITION_WORDS,
)
def disparagement(unit: str, names: tuple[str, ...] = ()) -> bool:
    scope = prohibited(unit) or ""
    if not scope or (not _DISPARAGE.search(scope) and not _DAMAGE_COMPANY.search(scope)):
        return False
    if _TRUTH.search(scope):
        return False
    if _company_re(names).search(scope):
        return True
    return bool(_PEOPLE_RE.search(scope)) and not _CONCRETE.search(unit)


_VAGUE_SCOPE = keyed(
    r"\b(?:inappropriate|offensive|disrespectful|discourteous|impolite|unprofessional|rude|"
    r"negative attitude|upsetting|distasteful|in poor taste|objectionable|"
    r"(?:un)?civil(?:ity)?|controversial|antagonistic|argumentative)\b"
)
_VAGUE_DUTY = keyed(
    r"^(?:(?:please|always|and)\s+)?(?:be|remain|stay|act|keep (?:\w+ ){0,2})\s+(?:\w+\s+)?"
    r"(?:respectful|courteous|polite|civil|professional|friendly|positive|appropriate|"
    r"tasteful|kind)\b|"
    r"\b(?:must|should|shall|are expected to|need to)\s+(?:always\s+)?(?:be|remain|stay|act|"
    r"keep (?:\w+ ){0,2}|maintain|show|use)\s+(?:\w+\s+){0,2}?(?:respectful|courteous|polite|"
    r"civil|professional|friendly|positive|appropriate|tasteful|kind|a (?:friendly|positive|"
    r"professional|respectful) tone)\b|"
    r"\b(?:friendly|positive|professional|respectful) tone\b|"
    r"^(?:please\s+|always\s+)?keep\b.{0,60}\b(?:positive|respectful|polite|civil|professional|"
    r"friendly|appropriate|courteous|upbeat)\s*[.!]?$"
)


@detector(
    "nlra.civility",
    (
        "inappropriate",
        "offensive",
        "disrespect",
        "discourte",
        "impolite",
        "professional",
        "unprofessional",
        "rude",
        "attitude",
        "upsetting",
        "taste",
        "objectionable",
        "civil",
        "controversial",
        "antagonis",
        "argumentative",
        "respectful",
        "courteous",
        "polite",
        "friendly",
        "positive",
        "appropriate",
        "kind",
        "tone",
    ),
)
def civility(unit: str) -> bool:
    scope = prohibited(unit)
    if not (scope and _VAGUE_SCOPE.search(scope)) and not _VAGUE_DUTY.search(unit):
        return False
    # Not when the rule names concrete conduct, or is about posts made for the organisation (its own speech).
    return not _CONCRETE.search(unit) and not _OFFICIAL.search(unit)


_BROAD = keyed(
    r"\b(?:any|all|anything|everything|information)\b(?:\s+\w+){0,5}?\s+(?:(?:that is |that's |which is )?not "
    r"(?:been |yet )?(?:made )?public(?:ly available)?|non-?public|internal|private)\b|"
    r"\bnon-?public information\b|"
    r"\binternal (?:information|matters|business|affairs|issues|discussions|communications|operations)\b|"
    r"\b(?:company|business|workplace|organi[sz]ation(?:al)?) (?:matters|information|affairs|business|details)\b|"
    r"\b(?:anything|information|details|matters|news)\s+(?:\w+\s+){0,2}?(?:about|concerning|regarding|relating to|"
    r"on)\s+(?:the |our )?(?:company|organi[sz]ation|business|firm|employer|workplace|us|operations)\b|"
    r"\b(?:sensitive|proprietary|private) (?:company |business )?(?:information|matters|data)\b|"
    r"\b(?:everything|anything|all information|all matters)\b(?:\s+\w+){0,6}?\s+(?:is|are|as|be)\s+(?:\w+\s+)?"
    r"(?:confidential|secret|private)\b"
)
_CONFIDENTIAL = keyed(r"\bconfidential(?:ity)?\b")
_SPECIFIC = keyed(
    r"trade secrets?|source code|customers?'? (?:personal )?(?:data|lists?|records|information|details|accounts?)|"
    r"clients?'? (?:data|lists?|records|information|details|accounts?)|patients?|product plans?|unannounced|"
    r"unreleased|passwords?|security (?:details|codes?|information)|financial results|earnings|personal data|"
    r"legal advice|privileged|inside information|material non-?public|account numbers?|bids?|designs?|formulas?|"
    r"(?:merger|acquisition)s?|\bsuch as\b|\bincluding\b|\bfor example\b|\be\.g\.|\blike\b|:"
)
_MNPI = keyed(r"material,? non-?public|inside information|unpublished price[- ]sensitive")
_KEEP_SECRET = keyed(
    r"\b(?:keep|kept|treat|hold|held|maintain)\w*\s+(?:\w+\s+){0,6}?(?:confidential|secret|private|"
    r"in confidence|confidentiality)\b"
)


_SHARING = keyed(
    r"\b(?:disclos|shar|post|reveal|discuss|talk|publish|releas|leak|pass\w* on|communicat|repeat|"
    r"confidential|secret|private)\w*"
)


def _confidential_scope(unit: str) -> str | None:
    if _SHARING.search(unit) is None:
        return None
    scope = prohibited(unit)
    if scope is None and (d := duty(unit)) and _KEEP_SECRET.search(d):
        scope = d
    if scope is None:
        return None
    return _MNPI.sub(" ", scope)


@detector("nlra.confidential-broad", tokens_of(_BROAD), _SHARING.words)  # _BROAD must match what is forbidden
def confidential_broad(unit: str) -> bool:
    scope = _confidential_scope(unit)
    if not scope or not _BROAD.search(scope):
        return False
    return not _MNPI.search(
        prohibited(unit) or duty(unit) or ""
    )  # insider-dealing rules are narrow by nature


@detector("nlra.confidential-undefined", ("confidential",))
def confidential_undefined(unit: str, defined: bool) -> bool:
    """Lower-case "confidential information" forbidden with no definition and no examples."""
    scope = _confidential_scope(unit)
    if not scope or _BROAD.search(scope) or not _CONFIDENTIAL.search(scope):
        return False
    if defined and re.search(r"\bConfidential Information\b", scope):
        return False
    return not _SPECIFIC.search(unit)


_PAY = keyed(
    r"\b(?:pay|pay rates?|salar(?:y|ies)|wages?|compensation|bonus(?:es)?|benefits|earnings|remuneration|"
    r"personnel (?:information|files?|records|matters|data)|employees?'? (?:information|records|details|lists?|data|"
    r"contact (?:information|details)|phone numbers|addresses|names)|"
    r"(?:staff|team member|associate|worker)s?'? (?:lists?|directory|information|details|data)|"
    r"(?:employee|staff|team member|associate|personnel)s?'?(?:[\s,]+(?:or|and)?\s*\w+){0,3}\s+(?:information|details|"
    r"data|records)|"
    r"disciplinary (?:actions?|matters|records)|terms and conditions of (?:employment|work)|working conditions|"
    r"(?:work|shift|staff|employee)s? schedules?|rotas?|hours of work)\b"
)
_PAY_FREE = keyed(
    r"\b(?:never|not|n't|no)\b\s+(?:\w+\s+){0,3}?(?:includ|cover|count|appl|mean|confidential|"
    r"secret|restrict|limit)\w*|\bexclud\w*|\bexcept\b|\bother than\b|\bapart from\b|\bfree to\b|"
    r"\bright to\b|\byou (?:may|can)\b|\bis not\b|\bare not\b"
)
_CONF_CONTEXT = keyed(
    r"confidential|non-?public|secret|proprietary|private|must not be (?:shared|disclosed|"
    r"discussed)|(?:do not|don't|never|may not|must not)\s+(?:\w+\s+){0,2}?(?:share|disclose|"
    r"discuss|post|reveal|talk about)"
)


@detector(
    "nlra.confidential-pay",
    (
        "pay",
        "salar",
        "wage",
        "compensation",
        "bonus",
        "benefit",
        "earning",
        "remuneration",
        "personnel",
        "employee",
        "staff",
        "team member",
        "associate",
        "worker",
        "disciplinary",
        "terms and conditions",
        "working conditions",
        "schedule",
        "hours of work",
    ),
    _CONF_CONTEXT.words,
)
def confidential_pay(unit: str) -> bool:
    if not _CONF_CONTEXT.search(unit):
        return False
    m = _PAY.search(unit)
    if not m or _PAY_FREE.search(unit):
        return False
    if m.group(0).lower() == "pay" and re.search(r"\bpay (?:attention|for|in|out|back)\b", unit, _I):
        return False
    scope = prohibited(unit) or ""
    return (
        bool(_PAY.search(scope))
        or bool(re.search(r"confidential\w*\s+(?:\w+\s+){0,6}?(?:includ|cover|mean|such as)", unit, _I))
        or bool(_KEEP_SECRET.search(unit))
    )


_OFFICIAL = keyed(
    r"official (?:accounts?|channels?|pages?|posts?|content|view|position|statements?|response|comment|capacity)|"
    r"on (?:\w+ )?behalf|for (?:us|the (?:company|organi[sz]ation|firm|business)|work)\b|in (?:our|the company's|the "
    r"organi[sz]ation's|the firm's) name|as (?:a|our) spokes|spokes(?:person|people)|business communications?|"
    r"static content|advertis\w*|marketing (?:materials?|communications?|content|campaigns?)|retail communications?|(?:our|company|corporate|brand) (?:pages?|channels?|"
    r"accounts?|handles?)|in your role|as part of your (?:job|role)|speak(?:ing|s)? for|represent\w* (?:the |us)|"
    r"endorse|client communications?|public communications? (?:for|from)"
)
_WHEN_IN_DOUBT = keyed(
    r"\b(?:when|if) in doubt\b.{0,30}\b(?:don't|do not|leave it out|not post|refrain|"
    r"ask|check|hold off)|\bif you (?:are|'re) (?:unsure|not sure)\b.{0,40}"
    r"\b(?:don't|do not) post"
)
_APPROVAL = keyed(
    r"\b(?:approv\w+|permission|authori[sz]ation|consent|sign-?off|clearance|clear\w* it|check\w* with|ask\w*|"
    r"review\w*|cleared|vetted)\b.{0,80}\b(?:before|prior to)\b.{0,40}\b(?:post\w*|publish\w*|"
    r"shar\w*|comment\w*|tweet\w*|blog\w*|go(?:es|ing)? online|appear\w*|publication)|"
    r"\b(?:before|prior to)\b.{0,40}\b(?:post\w*|publish\w*|shar\w*|comment\w*)\b.{0,80}\b(?:approv\w*|permission|"
    r"authori[sz]ation|consent|sign-?off|clear\w*|check with|ask)"
)
_PRE_APPROVAL = keyed(
    r"\b(?:require|requires|need|needs|must (?:have|get|obtain|receive)|subject to)\s+(?:\w+\s+){0,2}?"
    r"(?:prior|advance|written|pre-?)[\s-]*(?:\w+\s+)?(?:approval|permission|authori[sz]ation|"
    r"sign-?off|clearance|review)\b"
)
_POSTS = keyed(r"\bposts?\b|\bposting\b|\bpublish|\btweet|\bsocial media\b|\bonline\b|\bblog")
_NO_APPROVAL = keyed(
    r"\b(?:never|not|no|n't|without)\b\s+(?:\w+\s+){0,4}?(?:need|ask|permission|approv\w*|"
    r"check|consent)"
)


@detector(
    "nlra.prior-approval",
    (
        "doubt",
        "unsure",
        "not sure",
        "approv",
        "prior",
        "advance",
        "permission",
        "authori",
        "consent",
        "sign-off",
        "signoff",
        "clearance",
        "clear",
        "check",
        "ask",
        "review",
        "vetted",
    ),
)
def prior_approval(unit: str) -> bool:
    if _WHEN_IN_DOUBT.search(unit):
        return True
    if (
        _PRE_APPROVAL.search(unit)
        and _POSTS.search(unit)
        and not _OFFICIAL.search(unit)
        and not _NO_APPROVAL.search(unit)
    ):
        return True
    if not _APPROVAL.search(unit) or _OFFICIAL.search(unit) or _NO_APPROVAL.search(unit):
        return False
    return bool(
        duty(unit)
        or prohibited(unit)
        or re.search(
            r"\bmust\b|\brequire|\bonly (?:with|after)\b|"
            r"^(?:before|prior to)\b[^,]{0,80},\s*(?:please\s+)?"
            r"(?:check|ask|get|seek|obtain|clear)\b",
            unit,
            _I,
        )
    )


_LOGO = keyed(
    r"\blogos?\b|trade ?marks?|brand(?:ing)? (?:assets|marks|names?)|\buniforms?\b|"
    r"company (?:name|insignia)|(?:company|corporate) (?:colou?rs|identity)"
)
_PHOTO = keyed(
    r"\b(?:photo\w*|pictures?|images?|videos?|film\w*|record\w*|selfies?|livestream\w*)\b.{0,60}"
    r"\b(?:premises|workplace|facilit\w+|sites?|offices?|stores?|plants?|warehouses?|at work|"
    r"on the job|inside|buildings?|work ?areas?|co-?workers?|colleagues|on (?:company|our) property|"
    r"property|during work(?:ing)? (?:time|hours))|"
    r"\b(?:premises|workplace|facilit\w+|property)\b.{0,40}\b(?:photo\w*|pictures?|images?|videos?|"
    r"record\w*)\b"
)
_IMAGE_QUAL = keyed(
    r"in a way that|so (?:that )?it looks|look(?:s)? like|to (?:sell|promote|endorse|imply|suggest|advertise|make)|"
    r"for commercial|commercial (?:use|purposes|gain)|that (?:makes?|suggests?|impl(?:y|ies)|could mislead)|"
    r"without (?:a |the )?(?:licen[cs]e|right|consent|permission of (?:the|that) (?:person|patient|customer))|as if|"
    r"pretend|impersonat|confidential|client details|patients?|customers?|children|members of the public|"
    r"security|secure areas|passwords?|screens?|whiteboards?|badges?|personal (?:data|details|information)|"
    r"can be (?:recogni[sz]ed|identified)|recogni[sz]able|mislead\w*|official account|fake"
)


@detector(
    "nlra.logos",
    (
        "logo",
        "trademark",
        "trade mark",
        "brand",
        "uniform",
        "company name",
        "insignia",
        "colour",
        "color",
        "identity",
    ),
    PROHIBITION_WORDS,
)
def logos(unit: str) -> bool:
    scope = prohibited(unit)
    return bool(scope) and bool(_LOGO.search(scope or "")) and not _IMAGE_QUAL.search(unit)


@detector(
    "nlra.photography",
    ("photo", "picture", "image", "video", "film", "record", "selfie", "livestream"),
    PROHIBITION_WORDS,
)
def photography(unit: str) -> bool:
    scope = prohibited(unit)
    return bool(scope) and bool(_PHOTO.search(scope or "")) and not _IMAGE_QUAL.search(unit)


_OUTSIDERS = keyed(
    r"\b(?:media|press|journalists?|reporters?|news (?:outlets?|organi[sz]ations?)|bloggers?|"
    r"government|regulators?|agenc(?:y|ies)|officials?|authorities|lawmakers|legislators|"
    r"politicians|outside parties|third parties|the public about)\b"
)
_SPEAK = keyed(
    r"\b(?:speak|talk|comment|communicat|respond|reply|answer|contact|engag|discuss|give|provid|"
    r"grant|make (?:any )?statements?|interview|go to|approach|cooperat|reach out)\w*"
)
_REFER_ALL = keyed(
    r"\b(?:all|any)\s+(?:\w+\s+){0,2}?(?:media|press|journalist|reporter|news)\s+(?:\w+\s+)?"
    r"(?:enquir\w+|inquir\w+|requests?|contacts?|calls?|questions?)\b.{0,40}\b(?:must|should|are to|"
    r"will|shall)\b.{0,20}\b(?:referred|directed|forwarded|sent|passed|routed)|"
    r"\b(?:refer|direct|forward|send|pass|route)\s+(?:all|any)\s+(?:\w+\s+){0,2}?(?:media|press|"
    r"journalist|reporter)"
)


_OFFICIALLY = keyed(r"\bofficial\b|\bofficially\b")


def media_contact(unit: str) -> str | None:
    """``"ban"`` for a ban on talking to media or government, ``"refer"`` for a referral of every
    enquiry, ``None`` when the rule is limited to the official view."""
    scope = prohibited(unit)
    kind = (
        "ban"
        if scope and _OUTSIDERS.search(scope) and _SPEAK.search(scope)
        else "refer"
        if _REFER_ALL.search(unit)
        else None
    )
    if kind is None or _OFFICIAL.search(unit) or _OFFICIALLY.search(unit):
        return None
    return kind


@detector(
    "nlra.media-contact",
    (
        "media",
        "press",
        "journalist",
        "reporter",
        "news",
        "blogger",
        "government",
        "regulator",
        "agenc",
        "official",
        "authorit",
        "lawmaker",
        "legislator",
        "politician",
        "outside part",
        "third part",
        "public about",
    ),
)
def media_contact_any(unit: str) -> bool:
    return media_contact(unit) is not None


_LEGAL = keyed(
    r"\blegal (?:matters?|issues?|proceedings?|actions?|claims?|disputes?|cases?)\b|\blitigation\b|"
    r"\blawsuits?\b|\bcourt (?:cases?|proceedings)\b|\bclaims? against\b|\bdisputes?\b(?:\s+\w+){0,3}\s+with\s+(?:the |"
    r"our |your )?(?:company|management|managers?|employer|organi[sz]ation|firm)\b|\bpending (?:cases?|matters?|"
    r"claims?)\b|\b(?:grievances?|complaints?) (?:against|about|with) (?:the |our )?(?:company|"
    r"management|managers?|employer|organi[sz]ation)\b|\bdisputes? with (?:the |our )?(?:company|"
    r"management|employer|organi[sz]ation)\b|\b(?:investigations?|audits?) (?:of|into|at) (?:the |our )?"
    r"(?:company|workplace|employer)"
)


@detector(
    "nlra.legal-matters",
    (
        "legal",
        "litigation",
        "lawsuit",
        "court",
        "claim",
        "pending",
        "grievance",
        "complaint",
        "dispute",
        "investigation",
        "audit",
    ),
    PROHIBITION_WORDS,
)
def legal_matters(unit: str) -> bool:
    scope = prohibited(unit)
    return (
        bool(scope)
        and bool(_LEGAL.search(scope or ""))
        and not re.search(r"legal advice|privileged", scope or "", _I)
    )


_REPORT = keyed(
    r"\b(?:report|tell|notify|inform|alert|let \w+ know|bring\b.{0,30}\battention|flag|escalate)\w*"
)
_OTHERS_POSTS = keyed(
    r"\b(?:co-?workers?|colleagues?|other (?:employees|staff|team members|associates)|fellow \w+|"
    r"anyone|others|employees?|team members?|staff)\b.{0,80}\b(?:posts?|postings|violat\w+|breach\w*|"
    r"conduct|activit(?:y|ies)|comments?|content|misuse|behaviou?r)|"
    r"\b(?:violations?|breach(?:es)?|misuse|infractions?)\b(?: \w+){0,3} (?:of )?(?:this |these |our |the )?"
    r"(?:polic\w+|guidelines?|rules?)|"
    r"\b(?:unusual|inappropriate|suspicious|unauthori[sz]ed|negative)\b.{0,40}\b(?:posts?|activit(?:y|ies)|"
    r"content|comments?)"
)
_NARROW_REPORT = keyed(
    r"harass|bully|threat|violen|safety|hack|phishing|impersonat|fake account|leak|"
    r"data breach|security (?:incident|breach)|fraud|abuse|pretend"
)


@detector(
    "nlra.report-colleagues",
    ("report", "tell", "notify", "inform", "alert", "know", "attention", "flag", "escalat"),
    _OTHERS_POSTS.words,
)
def report_colleagues(unit: str) -> bool:
    d = duty(unit)
    if not d or not _REPORT.search(d) or not _OTHERS_POSTS.search(unit):
        return False
    if re.search(r"\b(?:policy|guidelines?|rules?)\b", unit, _I) and re.search(
        r"violat|breach|infraction", unit, _I
    ):
        return True
    return not _NARROW_REPORT.search(unit)


_DISCLAIMER = keyed(
    r"disclaimer|(?:views?|opinions?|thoughts) (?:expressed )?(?:are|is) (?:my|your|their) own|"
    r"(?:do not|don't) (?:necessarily )?(?:reflect|represent) (?:the )?(?:views?|opinions?)"
)
_EVERY = keyed(r"\b(?:every|all|any|each|always|whenever|at all times)\b")
_NOT_EVERY = keyed(
    r"\b(?:not|n't|no|never)\b\s+(?:\w+\s+){0,4}?(?:need|have to|required|every|each|all)\b|"
    r"\bonly (?:where|when|if)\b"
)


@detector("nlra.disclaimer-every-post", ("disclaimer", "own", "reflect", "represent"))
def disclaimer_everywhere(unit: str) -> bool:
    if not _DISCLAIMER.search(unit) or not _EVERY.search(unit) or _NOT_EVERY.search(unit):
        return False
    return bool(duty(unit) or re.search(r"\bmust\b|\brequired\b|\bshall\b|\balways\b", unit, _I))


_SAVINGS = keyed(
    r"\bnothing in (?:this|these|the|our) (?:\w+ )?(?:policy|policies|guidelines?|rules?|code|"
    r"document|handbook)\b.{0,160}\b(?:interfere|restrain|limit|restrict|prevent|prohibit|construed|"
    r"interpreted|applied|intended|affect)|\b(?:this|the) (?:\w+ )?(?:policy|guidelines?) (?:will|shall|"
    r"is|are) not (?:be )?(?:intended|interpreted|construed|applied)\b.{0,120}\b(?:rights?|protected|"
    r"concerted|section 7|law)"
)
_SPECIFIC_RIGHTS = keyed(
    r"\b(?:pay|wages?|salar\w+|benefits|hours|schedules?|working conditions|union|"
    r"terms and conditions)\b"
)


@detector("nlra.savings-clause", ("nothing in", " not "))
def generic_savings(unit: str) -> bool:
    return bool(_SAVINGS.search(unit)) and not _SPECIFIC_RIGHTS.search(unit)


# --------------------------------------------------------------------------- rules


def _names(doc: Document) -> tuple[str, ...]:
    return tuple(str(doc.answers[k]) for k in ("org_short", "organisation_name") if doc.answers.get(k))


def _scan(doc: Document, ctx: Context, rule_id: str, message: str, arg: object = None) -> Iterator[Finding]:
    for u in scan(doc, ctx.cache, rule_id, arg):  # type: ignore[arg-type]
        yield ctx.finding(
            rule_id,
            message,
            section=u.section,
            block=u.block,
            excerpt=excerpt(u.text),
            fix=_alternative(ctx, u.block, rule_id, arg),
        )


def _alternative(ctx: Context, block: Block, rule_id: str, arg: object = None) -> Fix | None:
    """The slot's alternative whose text this rule does not flag."""
    return switch_to(ctx, block, lambda c: not hits(rule_id, plain(c.body), arg))  # type: ignore[arg-type]


@rule(
    "nlra.disparagement",
    "error",
    "A rule against disparaging, criticising or damaging the organisation, its management or its products "
    "reaches protected criticism of pay and conditions. The NLRB found such rules unlawful (Costco, "
    "358 NLRB No. 106 (2012); OM 12-59); under Stericycle they are presumed unlawful. Name the conduct "
    "you mean instead (harassment, threats, knowingly false statements).",
    citation=f"Costco Wholesale Corp., 358 NLRB No. 106 (2012); {_SOURCES}; {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_disparagement(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc,
        ctx,
        "nlra.disparagement",
        "A ban on negative or damaging comments about the organisation or its people reaches "
        "protected criticism of pay, conditions and management.",
        _names(doc),
    )


@rule(
    "nlra.civility",
    "warning",
    "A vague civility rule ('be respectful', 'nothing inappropriate or offensive', 'a friendly tone') "
    "without concrete examples can be read as banning heated talk about working conditions. Give the "
    "concrete conduct it means (harassment, threats, slurs). Boeing (2017) treated civility rules as "
    "lawful; under Stericycle they must be narrowly tailored.",
    citation=f"{_SOURCES}; {STERICYCLE}; The Boeing Co., 365 NLRB No. 154 (2017)",
    jurisdictions=("us",),
    under={"boeing": None},
)
def rule_civility(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc,
        ctx,
        "nlra.civility",
        "A civility rule with no concrete examples may be read as banning robust talk about work.",
    )


def _defined_confidential(doc: Document) -> bool:
    return any(d.term.lower() == "confidential information" for d in doc.definitions)


@rule(
    "nlra.confidential-broad",
    "error",
    "A confidentiality rule that covers everything not public, 'internal matters' or 'information about "
    "the company' stops staff from sharing what they know about their own pay and conditions. Define "
    "confidential information narrowly, with examples, and say that pay and working conditions are not in it.",
    citation=f"{_SOURCES}; {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_confidential_broad(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc,
        ctx,
        "nlra.confidential-broad",
        "The rule keeps back everything internal or not public, which includes pay and conditions.",
    )


@rule(
    "nlra.confidential-undefined",
    "warning",
    "'Confidential information' is used in a rule but never defined and no examples are given, so staff "
    "cannot tell whether it covers their pay or conditions. Define it narrowly (see the Confidential "
    "Information clause) and exclude pay, hours and working conditions.",
    citation=f"{_SOURCES}; {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "info"},
)
def rule_confidential_undefined(doc: Document, ctx: Context) -> Iterator[Finding]:
    defined = _defined_confidential(doc)
    fix = Fix("define-term", "Define Confidential Information", {"term": "Confidential Information"})
    for u in scan(doc, ctx.cache, "nlra.confidential-undefined", defined):
        yield ctx.finding(
            "nlra.confidential-undefined",
            "'Confidential' is used without a definition or examples.",
            section=u.section,
            block=u.block,
            excerpt=excerpt(u.text),
            fix=None if defined else fix,
        )


@rule(
    "nlra.confidential-pay",
    "error",
    "Treating pay, benefits, schedules or information about employees as confidential directly restricts "
    "the discussion Section 7 protects; the NLRB has found this unlawful under every standard.",
    citation=f"NLRA Section 7, 29 U.S.C. § 157; {_SOURCES}; {STERICYCLE}; The Boeing Co., 365 NLRB No. 154 (2017)",
    jurisdictions=("us",),
)
def rule_confidential_pay(doc: Document, ctx: Context) -> Iterator[Finding]:
    defs = [d for d in doc.definitions if re.search(r"confidential|non-?public", d.term, _I)]
    for d in defs:
        text = f"{d.term} means {d.text}"
        if _PAY.search(d.text) and not _PAY_FREE.search(d.text):
            yield ctx.finding(
                "nlra.confidential-pay",
                f"The definition of '{d.term}' reaches pay or employee information.",
                block=block_of(doc, ctx.cache, d.clause_id),
                excerpt=excerpt(text),
                clause=d.clause_id,
            )
    yield from _scan(
        doc,
        ctx,
        "nlra.confidential-pay",
        "Pay, schedules or employee information are treated as confidential.",
    )


@rule(
    "nlra.prior-approval",
    "error",
    "Requiring permission before posting on personal accounts, or 'when in doubt, don't post', restrains "
    "protected posts before they are made. Limit approval to official accounts and posts on the "
    "organisation's behalf (and, for broker-dealers, business communications).",
    citation=f"NLRB OM 12-59 (2012); {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_prior_approval(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc, ctx, "nlra.prior-approval", "Staff must ask before posting, which restrains protected posts."
    )


@rule(
    "nlra.logos",
    "error",
    "A blanket ban on using the organisation's name, logo, trademarks or uniform in posts stops protected "
    "activity such as pictures of a picket or a protest sign. Limit the rule to misuse: posts that look "
    "official or sell something.",
    citation=f"NLRB OM 11-74 and OM 12-59; {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_logos(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(doc, ctx, "nlra.logos", "A blanket ban on logos, marks or uniforms in posts.")


@rule(
    "nlra.photography",
    "error",
    "A blanket ban on photos or recordings at work or of the premises stops staff from documenting unsafe "
    "conditions or a protest. Limit it to real interests (patients, customers, confidential screens, secure "
    "areas). Boeing (2017) treated no-photography rules as lawful.",
    citation=f"Whole Foods Market, 363 NLRB No. 87 (2015); {STERICYCLE}; The Boeing Co., 365 NLRB No. 154 (2017)",
    jurisdictions=("us",),
    under={"boeing": None},
)
def rule_photography(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc, ctx, "nlra.photography", "A blanket ban on photos or recordings of the workplace or colleagues."
    )


@rule(
    "nlra.media-contact",
    "error",
    "Staff may talk to journalists, government agencies and regulators about their working conditions. "
    "A rule may only say who gives the organisation's official view; it must not bar staff from speaking "
    "for themselves.",
    citation=f"NLRB OM 11-74 and OM 12-59; {STERICYCLE}; SEC Rule 21F-17",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_media_contact(doc: Document, ctx: Context) -> Iterator[Finding]:
    for u in scan(doc, ctx.cache, "nlra.media-contact"):
        kind = media_contact(u.text)
        if kind == "ban":
            yield ctx.finding(
                "nlra.media-contact",
                "Staff are barred from talking to media or government, not only from speaking for "
                "the organisation.",
                section=u.section,
                block=u.block,
                excerpt=excerpt(u.text),
            )
        elif kind == "refer":
            yield ctx.finding(
                "nlra.media-contact",
                "Every media enquiry must be referred on, with no limit to the official view.",
                section=u.section,
                block=u.block,
                excerpt=excerpt(u.text),
                severity="warning",
            )


@rule(
    "nlra.legal-matters",
    "error",
    "A ban on discussing legal matters, claims or disputes with the employer stops staff from talking about "
    "complaints and lawsuits over pay and conditions, which is protected.",
    citation=f"NLRB OM 12-59 (General Motors rule); {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_legal_matters(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(doc, ctx, "nlra.legal-matters", "A ban on discussing legal matters or disputes.")


@rule(
    "nlra.report-colleagues",
    "error",
    "A duty to report colleagues' posts or any breach of the policy turns staff into monitors of each "
    "other's protected activity. Invite reports of specific harms (harassment, threats, leaks) instead.",
    citation=f"NLRB OM 12-59 (2012); {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_report_colleagues(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc, ctx, "nlra.report-colleagues", "Staff must report colleagues' posts or policy breaches."
    )


@rule(
    "nlra.disclaimer-every-post",
    "error",
    "Requiring a disclaimer on every post that mentions the employer burdens protected posts about work. "
    "Ask for it only where a post could be mistaken for the official view.",
    citation=f"NLRB OM 12-59 (2012); {STERICYCLE}",
    jurisdictions=("us",),
    under={"boeing": "warning"},
)
def rule_disclaimer(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from _scan(
        doc,
        ctx,
        "nlra.disclaimer-every-post",
        "A disclaimer is required on every post, not only where a post could look official.",
    )


@rule(
    "nlra.savings-clause",
    "warning",
    "A generic 'nothing in this policy limits your rights' clause does not cure overbroad rules: the "
    "statement of rights must be specific (pay, hours, conditions, unions), prominent and next to the rules.",
    citation="First Transit, Inc., 360 NLRB 619 (2014); NLRB OM 12-59 (2012)",
    jurisdictions=("us",),
)
def rule_savings(doc: Document, ctx: Context) -> Iterator[Finding]:
    for u in scan(doc, ctx.cache, "nlra.savings-clause"):
        if not _SPECIFIC_RIGHTS.search(u.block.text):
            yield ctx.finding(
                "nlra.savings-clause",
                "A generic savings clause is relied on; it does not make overbroad rules lawful.",
                section=u.section,
                block=u.block,
                excerpt=excerpt(u.text),
            )
