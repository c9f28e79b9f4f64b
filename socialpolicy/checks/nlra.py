"""US labour-law risk: work rules that staff would reasonably read as stopping them from talking
about pay, conditions or management (NLRA Section 7, 29 U.S.C. § 157).

The standard for work rules is in flux, so the user picks it: under Stericycle, 372 NLRB No. 113
(2023, the default and the Board's standard until the Board overrules it) a rule that tends to chill
protected activity is presumed unlawful unless it advances a substantial interest and no narrower rule
would do; under Boeing, 365 NLRB No. 154 (2017) rules fell into categories, civility, photography and
logo rules among the lawful ones. Each finding's severity follows from what the authorities say about
its kind of rule (:data:`PROFILES`): where they disagree (a rule approved in one memo and disapproved
later, a Boeing Category 1 rule presumed unlawful under Stericycle) it is a warning that names both views.

The rules are written over a reading of each sentence (:mod:`socialpolicy.checks.reading`): what it forbids
or requires, of whom, in which coordinated parts. A narrowing word ("harassing", "trade secrets", "on
behalf of the company") clears only the part of the rule it stands in. US public employers are outside the
NLRA (29 U.S.C. § 152(2)): these rules are off for ``--sector public`` (see ``public``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from socialpolicy.checks import Check, Context, Finding, Fix, FixKind, rule, rule_texts
from socialpolicy.checks.fixes import switch_to
from socialpolicy.checks.reading import duty, forbidding, governed, prohibited, read
from socialpolicy.checks.terms import defined_terms, inline_terms
from socialpolicy.checks.text import (
    Folded,
    Judged,
    Unit,
    block_of,
    detector,
    doc_units,
    excerpt,
    flagged,
    folded,
    hits,
    keyed,
    plain,
    tokens_of,
)
from socialpolicy.document import Block, Document

_I = re.IGNORECASE


# Severity of a finding by what the authorities say about its kind of rule, under each standard.
PROFILES: dict[str, dict[str, str]] = {
    "settled": {
        "stericycle": "error",
        "boeing": "error",
    },  # unlawful under every standard (Boeing Category 3)
    "presumed": {"stericycle": "error", "boeing": "warning"},  # Stericycle presumption; Boeing Category 2
    "disputed": {"stericycle": "warning", "boeing": "info"},  # the authorities disagree
    "overruled": {
        "stericycle": "error",
        "boeing": "info",
    },  # lawful under a Boeing-era case Stericycle overruled
}


def _severity(ctx: Context, profile: str) -> str:
    return PROFILES[profile].get(ctx.standard, PROFILES[profile]["stericycle"])


def _conflict(ctx: Context, views: str) -> str:
    """What a disputed finding adds to its message: both views, and which one the chosen standard takes."""
    if ctx.standard == "boeing":
        return (
            f" Lawful under Boeing, the standard chosen, but the authorities disagree: {views}. Under Stericycle "
            "(2023), the Board's current standard, such a rule is presumed unlawful unless narrowly tailored."
        )
    return f" The authorities disagree: {views}. Under Stericycle, the standard chosen, it is presumed unlawful unless narrowly tailored; make it a warning you weigh, not a plain error."


_COMPANY = (
    r"(?:the |our |this )?(?:company|corporation|organi[sz]ation|employer|firm|business|facility|clinic|management|managers?|"
    r"supervisors?|executives?|leadership|directors|officers|brand|brands|reputation|products?|services|"
    r"workplace|store|hospital|agency|bank|restaurant|dealership|owners?|decisions|policies)\b|\bus\b|"
    # employers that name themselves by their kind, with an article ("the practice", not "best practice")
    r"\b(?:the|our|this) (?:practice|plant|mill|school|university|college|charity|hotel|studio|laboratory|museum|"
    r"casino|resort|cent(?:er|re)|care home|chain|trust|partnership)\b"
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
    r"(?:in|cast\w*) (?:a |an )?(?:bad|negative|poor|unfavou?rable) light|speak\w* (?:badly|ill|poorly) of|badly of|"
    r"\bvent(?:ing)?\b|\btrash\w*|\bbash\w*|look\w* bad|disrepute|\b(?:run|runs|running|put|puts|putting) down\b|\b(?:run|put)s? (?:\w+ ){1,3}?down\b|undermin\w* (?:\w+ ){0,3}(?:confidence|trust)|"
    r"\bdisloyal\w*"
)
_DAMAGE_COMPANY = keyed(
    r"(?:harm|damag|hurt|tarnish|injur|undermin|discredit)\w*\s+(?:the |our )?"
    r"(?:company|corporation|organi[sz]ation|employer|firm|business|facility)\b|"
    r"(?:impair|harm|damag|hurt|tarnish|injur|undermin)\w*\s+(?:the |our )?(?:company|corporation|facility|organi[sz]ation|"
    r"firm|hospital|store)'s (?:reputation|image|name|standing)|\b(?:causes?|bring\w*) (?:the |our )?(?:company|"
    r"corporation|organi[sz]ation|firm|facility|hospital|store) (?:embarrassment|disrepute|shame)|"
    r"\bbring\w* (?:discredit|disrepute|shame|embarrassment) (?:on|to|upon) (?:the |our )?(?:company|corporation|"
    r"organi[sz]ation|firm|facility|hospital|store|employer)\b"
)
_CONCRETE = keyed(
    r"harass|bully|bullying|threat|intimidat|violen|discriminat|slurs?\b|hostile work environment|"
    r"protected characteristic|\brace\b|religio|sexual|obscen|pornograph|doxx|stalk|hate speech|"
    r"knowingly false|maliciously false|deliberately false|defamatory falsehoods?|\bfrighten\w*|\bhumiliat\w*|"
    r"in order to (?:shame|scare|embarrass) (?:that|the|a|this) (?:person|co-?worker|colleague|employee)|"
    r"\b(?:the|any|state's|federal) laws? (?:allows?|permits?|on consent)\b|\bbreak\w* (?:the |any )?(?:state's )?law\b"
)
_TRUTH = keyed(
    r"knowingly false|maliciously false|deliberately false|you know (?:to be|is) (?:false|untrue)|"
    r"false (?:and|or) (?:defamatory|malicious)"
)
_VAGUE_SCOPE = keyed(
    r"\b(?:inappropriate|offensive|disrespectful|discourteous|impolite|unprofessional|rude|"
    r"negative attitude|upset(?:s|ting)?|distasteful|"
    r"in poor taste|objectionable|lack of (?:respect|cooperation|courtesy)|uncooperative|professionalism standards|"
    r"insubordinat\w*|failure to cooperate|"
    r"standards of (?:professionalism|conduct)|"
    r"(?:un)?civil(?:ity)?|controversial|antagonistic|argumentative|gossip|negativity)\b|"
    r"\b(?:disrupt|imped|undermin|get)\w* (?:\w+ ){0,3}?(?:in the way of )?(?:the )?harmon\w*|"
    r"\bharmonious (?:working )?(?:relationships|interactions)"
)
# Courtesy owed to customers, patients and guests is the job itself, not talk among staff about work: a rule
# against rudeness to customers is lawful (Boeing and Stericycle alike look at how staff treat each other and
# talk about work).
_TO_CUSTOMERS = keyed(
    r"\b(?:to|toward|towards|with|in front of|around|when serving|serving) (?:a |an |our |the |any )?"
    r"(?:customers?|clients?|patients?|guests?|visitors?|members of the public|the public|residents|passengers|"
    r"shoppers|callers|diners)\b|"
    r"^(?:please\s+|always\s+)?(?:treat|show|give|greet|serve)\s+(?:every|each|all|our|any)\s+(?:customers?|clients?|"
    r"patients?|guests?|visitors?|residents|passengers|shoppers|callers|diners)\b"  # "Treat every customer with ..."
)
# A rule that reaches staff speaking for themselves although it talks of representing the company.
_PERSONAL_TOO = keyed(
    r"\bas (?:though|if) (?:they|you|he or she) (?:represent\w*|spoke|were speaking)\b|"
    r"\beven (?:when|if) (?:they|you)(?:'re| are) not (?:speaking|posting|acting|writing) (?:for|on behalf)|"
    r"\bwhether or not (?:they|you)(?:'re| are) (?:speaking|posting|acting|writing) (?:for|on behalf)"
)
_STAFF_AUDIENCE = keyed(
    r"\b(?:other|fellow) (?:employees|workers|staff|team members|associates)\b|\bco-?workers?\b|\bcolleagues?\b|"
    r"\bmanagers?\b|\bsupervisors?\b|\bmanagement\b|\b(?:the|our) (?:company|organi[sz]ation|employer)\b|"
    r"\beach other\b|\bone another\b|\bemployees\b|\bpartners\b|\bcompetitors\b"
)


def _customers_only(text: str) -> bool:
    """Whether a civility rule is about how staff treat customers (or patients, guests) and no one else."""
    return _TO_CUSTOMERS.search(text) is not None and _STAFF_AUDIENCE.search(text) is None


_VAGUE_DUTY = keyed(
    r"^(?:(?:please|always|and)\s+)?(?:be|remain|stay|act|keep (?:\w+ ){0,2})\s+(?:\w+\s+)?"
    r"(?:respectful|courteous|polite|civil|professional|friendly|positive|appropriate|"
    r"tasteful|kind)\b|"
    r"\bbut (?:stay|remain|be|keep it) (?:\w+ )?(?:polite|respectful|civil|courteous|professional|appropriate)\b|"
    r"\blive up to (?:[\w']+ ){0,4}?(?:professional )?standards\b|"
    r"\b(?:expected to|must|should|required to) keep\b[^.;]{0,60}\b(?:respectful|courteous|polite|civil|professional|"
    r"friendly|positive)\b|"
    r"\b(?:professional|respectful|courteous|civil|polite) (?:conduct|behaviou?r|manner)\b[^.;]{0,30}?\b(?:is |are )?"
    r"(?:required|expected|mandatory)\b|"
    r"\b(?:speak|talk|communicate|behave|act|write|respond|interact|deal|conduct)\w*\b[^.;]{0,50}?\b(?:courteously|politely|"
    r"respectfully|professionally|civilly|kindly|positively)\b|"
    r"\b(?:must|should|shall|are expected to|is expected to|agree to|will|need to):?\s+(?:always\s+)?(?:be|remain|stay|act|behave|conduct \w+|"
    r"keep (?:\w+ ){0,2}|maintain|show|use)\s+(?:\w+\s+){0,2}?(?:respectful|courteous|polite|"
    r"civil|professional|friendly|positive|appropriate|tasteful|kind|a (?:friendly|positive|"
    r"professional|respectful) tone)\b|"
    r"\b(?:friendly|positive|professional|respectful) tone\b|"
    r"^(?:please\s+|always\s+)?(?:show|give|extend|treat)\b[^.;]{0,60}\b(?:respect|courtesy|dignity)\b|"
    r"^(?:please\s+|always\s+)?keep\b.{0,60}\b(?:positive|respectful|polite|civil|professional|"
    r"friendly|appropriate|courteous|upbeat)\s*[.!]?$"
)
_BROAD = keyed(
    r"\b(?:any|all|anything|everything|information)\b(?:\s+\w+){0,5}?\s+(?:(?:that is |that's |which is )?not "
    r"(?:been |yet )?(?:made )?public(?:ly available)?|non-?public|internal|private)\b|"
    r"\bnon-?public information\b|"
    r"\binternal (?:information|matters|business|affairs|issues|discussions|communications|operations)\b|"
    r"\b(?:company|business|workplace|organi[sz]ation(?:al)?) (?:matters|information|affairs|business|details)\b|"
    r"\b(?:the )?(?:company|firm|organi[sz]ation)'s affairs\b|\bpolicies and procedures\b|\bbusiness practices\b|"
    r"\b(?:hospital|store|clinic|practice|firm) (?:business|matters|information|affairs)\b|"
    r"\b(?:anything|nothing|information|details|matters|news)\s+(?:[\w,']+\s+){0,4}?(?:about|concerning|regarding|"
    r"relating to|on)\s+(?:the |our )?(?:company|organi[sz]ation|business|firm|employer|workplace|us|operations|hospital|"
    r"facility|clinic|store)\b|"
    r"\b(?:sensitive|proprietary|private) (?:company |business )?(?:information|matters|data)\b|"
    r"\b(?:everything|anything|all information|all matters)\b(?:\s+\w+){0,6}?\s+(?:is|are|as|be)\s+(?:\w+\s+)?"
    r"(?:confidential|secret|private)\b|"
    r"\b(?:information|messages|anything)\b(?:\s+\w+){0,4}\s+from (?:the |our )?company\b|"
    r"\bwhat (?:goes on|happens) (?:inside|at|in) (?:the )?(?:office|workplace|company|store|work)\b|"
    r"\b(?:anything|everything|whatever|all)\s+(?:\w+\s+){0,2}?(?:learn|hear|see|find out|come across)\w*\s+"
    r"(?:\w+\s+){0,2}?(?:at work|on the job|about (?:the |our )?(?:business|company)|in the course of|while employed|"
    r"during (?:your |their )?(?:work|employment))|"
    r"\b(?:private|internal) (?:to|within|inside) (?:the |our )?(?:company|organi[sz]ation|business|firm)\b|"
    r"\binternal (?:memos?|e-?mails?|documents|reports)\b|\b(?:company|business) information\b|"
    r"\b(?:is|are) for internal use\b|\b(?:everything|anything|all) posted on (?:the |our )?(?:\w+ )?intranet\b|"
    r"\b(?:information|materials?|documents|data)\s+(?:belonging to|owned by)\s+(?:the |our )?(?:company|organi[sz]ation|"
    r"business|firm|employer|university|school|hospital|hotel)\b|"
    r"\babout (?:the |our )?(?:company|hospital|store|firm|organi[sz]ation|university|school|hotel)'s (?:policies|procedures|"
    r"practices|plans|decisions)\b|\bsensitive (?:\w+ )?(?:materials?|information|documents)\b|\bcompany documents\b"
)
_CUSTOMER_SUBJECT = keyed(
    r"^\W*(?:\w+\s+){0,2}?(?:customer|patient|client|guest|member|donor)s?'? (?:information|data|details|records|files)\b"
)
_SERVED = (
    r"(?:customers?|clients?|patients?|guests?|members?|donors?|consumers?|(?:loan )?applicants?|account ?holders?|"
    r"policyholders?|residents?|students?|borrowers?)"
)
# "nonpublic personal information about a customer or loan applicant" (the Gramm-Leach-Bliley Act's term): the broad
# word is narrowed by whose information it is, and only that phrase is cleared, not the rest of the sentence.
_ABOUT_CUSTOMERS = re.compile(
    r"\b(?:non-?public|internal|private|confidential|sensitive)\s+(?:personal\s+|financial\s+|health\s+)?"
    r"(?:information|data|details|records)\s+(?:about|of|on|concerning|regarding|belonging to)\s+(?:a|an|any|our|the|its)?\s*"
    rf"{_SERVED}(?:(?:,| or| and) (?:a |an |any |our )?{_SERVED})*\b(?!,? (?:or |and )?(?:the |our |its |their )?\w)",
    _I,
)
_CLIENTS_OWN = re.compile(
    r"\b(?:information|data|records|details) (?:about|of|on|belonging to|concerning) (?:a|an|any|the|our|each) "
    r"(?:[\w-]+ ){0,2}?(?:clients?|customers?)\b",
    _I,
)
_STAFFS_OWN_PAY = re.compile(
    r"\b(?:your|their|our|staff|employees'?|colleagues'?|co-?workers'?) (?:own )?(?:pay|wages|salar(?:y|ies)|"
    r"compensation|bonus(?:es)?)\b",
    _I,
)
_PAY_CARVED_OUT = keyed(
    r"\b(?:does not|do not|doesn't|don't|shall not|will not) (?:include|cover|apply to|extend to|restrict|limit)\b[^.;]{0,80}"
    r"\b(?:wages|pay|salar\w*|hours|terms and conditions|working conditions)\b|\bexclud\w*\b[^.;]{0,60}\b(?:wages|pay|"
    r"salar\w*|terms and conditions|working conditions)\b"
)
# Internal communications about named business matters (promotions, pricing, inventory ...) are a narrow class.
_NAMED_INTERNAL = keyed(
    r"\binternal (?:communications|documents|memos?|e-?mails?|reports)\s+(?:about|on|concerning|regarding)\s+"
    r"(?:[\w'-]+ ){0,3}?(?:advertising|promotions?|pricing|prices|inventory|product launches|launches|marketing plans|"
    r"mergers?|acquisitions?|financial results|earnings|source code|security)\b"
)
_SAME_KIND = keyed(
    r"\b(?:(?:trade|business) secrets?|(?:confidential )?financial (?:data|information|results|statements)|"
    r"source code|customer (?:lists?|data)|pricing|formulas?|product (?:plans|designs))"
    r",? (?:or|and) (?:any |all )?other\b[^,.;:]{0,60}?\b(?:information|data|matters|material)\b"
)
_CONFIDENTIAL = keyed(
    r"\bconfidential(?: or sensitive| and proprietary| or proprietary)? (?:[A-Z]\w+ )?(?:information|matters|material|data|"
    r"details|documents|business|anything)\b|\b(?:anything|something|nothing) confidential\b|"
    r"\bkeep \w+(?: \w+)? confidential\b|\bconfidential\W*$|\b(?:counts?|counted) as confidential\b|"
    r"\bwhether (?:something|it|this|that|information|anything) (?:is|counts as) confidential\b"
)
_SPECIFIC = keyed(
    r"trade secrets?|source code|customers?'? (?:personal )?(?:data|lists?|records|information|details|accounts?)|"
    r"clients?'? (?:data|lists?|records|information|details|accounts?)|(?:clients?|customers?) (?:have |has )?entrusted|"
    r"(?:clients?|customers?|patients?|donors?|guests?)'? confidential (?:data|information|records|details)|"
    r"entrusted to (?:us|the company) by|patients?|product plans?|unannounced|"
    r"unreleased|passwords?|security (?:details|codes?|information)|financial results|earnings|personal data|"
    r"legal advice|privileged|inside information|material non-?public|account numbers?|bids?|designs?|formulas?|"
    r"(?:merger|acquisition)s?|\bsuch as\b|\bincluding\b|\bfor example\b|\be\.g\.|\blike\b|:"
)
_MNPI = keyed(r"material,? non-?public|inside information|unpublished price[- ]sensitive")
_KEEP_SECRET = keyed(
    r"\b(?:keep|kept)\s+(?:strictly\s+)?between (?:you|yourself|each|the|employees?|staff|him|her|them)\b|"
    r"\b(?:keep|kept|treat|hold|held|maintain)\w*\s+(?:[\w,']+\s+){0,10}?(?:strictly\s+)?(?:confidential|secret|private|"
    r"in confidence|confidentiality|to (?:yourself|yourselves|themselves|himself|herself|myself|ourselves)|under wraps)\b|"
    r"\btreat\w*\s+with\s+(?:the\s+)?(?:utmost\s+|strict\s+|complete\s+|absolute\s+)?(?:discretion|confidentiality)\b"
)
_SHARING = keyed(
    r"\byourself\b|\boff (?:the )?premises\b|\b(?:disclos|shar|post|reveal|discuss|talk|publish|releas|leak|pass\w* on|"
    r"pass\w* to|\blet (?:anyone|others|people|outsiders)\b|(?:off|out of) (?:social media|the internet)|leave the company|"
    r"show|"
    r"communicat|repeat|"
    r"tell|send|"
    r"confidential|secret|private|confidence|compar)\w*"
)
_PAY = keyed(
    r"\b(?:pay|paychecks?|pay ?slips?|pay rates?|salar(?:y|ies)|wages?|compensation|bonus(?:es)?|benefits|remuneration|"
    # a company's "unreleased earnings" or "earnings release" are its results, not what staff earn
    r"(?<!unreleased )(?<!quarterly )(?<!annual )(?<!company )(?<!corporate )(?<!projected )(?<!forecast )earnings"
    r"(?! (?:reports?|releases?|calls?|guidance|announcements?|per share|estimates?|forecasts?))|"
    r"(?:their|your|our|his|her|the) tips|tips (?:you|they|we) (?:earn|receive|make|get)|gratuit(?:y|ies)|"
    r"personnel (?:information|files?|records|matters|data)|employees?'? (?:information|records|details|lists?|data|"
    r"contact (?:information|details)|phone numbers|addresses|names)|"
    r"(?:staff|team member|associate|worker)s?'? (?:lists?|directory|information|details|data)|"
    r"(?:employee|staff|team member|associate|personnel)s?'?(?:[\s,]+(?:or|and)?\s*\w+){0,3}\s+(?:information|details|"
    r"data|records)|"
    r"disciplinary (?:actions?|matters|records|documents|warnings?)|(?:written|final|verbal) warnings?|"
    r"terms and conditions of (?:employment|work)|"
    r"working conditions|"
    r"(?:work|shift|staff|employee)s? schedules?|rotas?|hours of work|"
    r"(?:what|how much) (?:you|they|we|employees|staff|people|others|co-?workers|colleagues) (?:earn|make|are paid|get paid)|"
    r"what (?:the company|the firm|the employer|the hospital|the store|we|they) pays? (?:me|you|us|them|staff|employees)|"
    r"what (?:your |their |other )?(?:co-?workers|colleagues|fellow employees) (?:do|earn|make|say)\b|"
    r"(?:information|details|data) about (?:the |our )?(?:company's |firm's |hospital's |store's )?(?:other |fellow |your )?"
    r"(?:associates|employees|colleagues|co-?workers|staff)|"
    r"(?:personal|identifying) (?:information|details|data) (?:of|about) (?:anyone|anybody|everyone|any person) "
    r"(?:connected|associated|involved) with|"
    r"personnel information|employee (?:data|benefits)|compensation data|"
    r"terms of (?:this|the|your|any) (?:agreement|settlement|separation|severance)|severance (?:pay|payments?|amounts?|terms)|"
    r"amount of (?:the |this |your |any )?(?:severance|settlement)(?: payment)?)\b"
)
# Whom a gag lets staff tell: an exception for them leaves the rule a gag on everyone else.
_CONFIDANTS = (
    r"\s+(?:to\s+)?(?:a |an |your |their |his |her |the |my )?(?:spouse|partner|family|immediate family|attorneys?|"
    r"lawyers?|legal (?:advis[eo]rs?|counsel)|accountants?|tax advis[eo]rs?|financial advis[eo]rs?|as required by law|"
    r"(?:where|when|if|as) (?:the )?law requires|(?:where|when|if|as) (?:legally )?required)"
)
_PAY_FREE = keyed(
    r"\b(?:never|not|n't|no)\b\s+(?:\w+\s+){0,3}?(?:includ|cover|count|appl|mean|confidential|"
    rf"secret|restrict|limit)\w*|\bexclud\w*|\b(?:except|other than|apart from)\b(?!{_CONFIDANTS})|\bfree to\b|"
    r"\bright to\b|\byou (?:may|can)\b(?! not)|\b(?:is|are) not (?:confidential|secret|covered|included|restricted)\b"
)
_CONF_CONTEXT = keyed(
    r"confidential|non-?public|secret|proprietary|private|must not be (?:shared|disclosed|"
    r"discussed)|(?:do not|don't|never|may not|must not)\s+(?:\w+\s+){0,2}?(?:share|disclose|"
    r"discuss|post|reveal|talk about)"
)
_OFFICIAL = keyed(
    r"official (?:accounts?|channels?|pages?|posts?|posting|content|view|position|statements?|response|comment|capacity)|"
    r"on (?:\w+ )?behalf|for (?:us|the (?:company|organi[sz]ation|firm|business)|work)\b|(?:in|under) (?:our|the company's|the "
    r"organi[sz]ation's|the firm's) name|as (?:a|our) spokes|spokes(?:person|people)|business communications?|"
    r"static content|advertis\w*|marketing (?:materials?|communications?|content|campaigns?)|retail communications?|(?:our|company|corporate|brand) (?:pages?|channels?|"
    r"accounts?|handles?)|in your role|as part of your (?:job|role)|speak(?:ing|s)? for|represent\w* (?:the |us)|"
    r"endorse|client communications?|public communications? (?:for|from)"
)
_WHEN_IN_DOUBT = keyed(
    r"\b(?:when|if) in doubt\b.{0,60}\b(?:don't|do not|leave it out|not post|refrain|ask|check|hold off)|"
    r"\bwhere there is (?:any )?doubt\b.{0,60}\b(?:held back|hold\w* (?:it )?back|not (?:be )?posted)|"
    r"\bif you (?:are|'re) (?:unsure|not sure)\b.{0,40}\b(?:don't|do not) post|"
    r"\b(?:whenever|when|if) you(?:'re| are) (?:not sure|unsure|in doubt)\b.{0,80}\b(?:leave it (?:unsaid|out)|hold (?:it )?back)|"
    r"\b(?:whenever|when|if) you hesitate\b.{0,40}\b(?:hold (?:it )?back|don't|do not)\b|"
    r"^(?:(?:are you |feeling |still )?(?:unsure|not sure|in doubt|worried|wondering|hesitant|concerned))\b[^?]{0,60}"
    r"\b(?:posts?|posting|share|sharing|publish\w*|upload\w*|photos?|comments?|online)\b[^?]{0,40}\?\s+(?:then\s+)?"
    r"(?:don't|do not|hold off|hold it back|leave it|wait|check|ask|run it|talk to)|"
    r"\bif (?:something|it|anything) is (?:doubtful|in doubt|questionable)\b.{0,40}\b(?:unsaid|unposted|not (?:be )?"
    r"(?:posted|said)|leave it out)|"
    r"\bif (?:that|it|this) (?:thought )?makes? you (?:\w+ )?(?:uneasy|uncomfortable|nervous|hesitate)\b"
)
_APPROVAL = keyed(
    r"\b(?:approv\w+|permission|authori[sz]ation|consent|sign-?off|clearance|clear\w* it|check\w* with|ask\w*|"
    r"review\w*|cleared|vetted)\b.{0,80}\b(?:before|prior to)\b.{0,40}\b(?:post\w*|publish\w*|"
    r"shar\w*|comment\w*|tweet\w*|blog\w*|go(?:es|ing)? online|appear\w*|publication|creat\w*|join\w*|start\w*|set\w* up)|"
    r"\b(?:before|prior to)\b.{0,40}\b(?:post\w*|publish\w*|shar\w*|comment\w*)\b.{0,80}\b(?:approv\w*|permission|"
    r"authori[sz]ation|consent|sign-?off|clear\w*|check with|ask)"
)
_PRE_APPROVAL = keyed(
    r"\b(?:require|requires|need|needs|must (?:have|get|obtain|receive)|subject to)\s+(?:\w+\s+){0,2}?"
    r"(?:prior|advance|written|pre-?)[\s-]*(?:\w+\s+)?(?:approval|permission|authori[sz]ation|"
    r"sign-?off|clearance|review)\b|"
    r"\bmust be (?:cleared|approved|vetted|reviewed|checked|signed off) (?:with|by) [^.;]{1,60}?\b(?:first|beforehand|in advance)\b|"
    r"\b(?:needs?|requires?) (?:\w+ ){0,2}?(?:approval|permission|sign-?off|clearance) (?:first|beforehand|in advance)\b"
)
_POSTS = keyed(
    r"\bposts?\b|\bposting\b|\bpublish|\btweet|\bsocial media\b|\bonline\b|\bblog|\bcomment\w* on\b|\bchannels?\b|"
    r"\b(?:chat|online|messaging) groups?\b|\bgroup chats?\b|\bforums?\b|"
    r"\bweb ?sites?\b|\binternet\b|\b(?:facebook|online|social media|web|fan|group) pages?\b|"
    r"\b(?:start\w*|set\w* up|open\w*|creat\w*) (?:a|an|the|their|your|our) (?:\w+ )?pages?\b"
)
_NO_APPROVAL = keyed(
    r"\b(?:never|not|no|n't|without)\b\s+(?:\w+\s+){0,4}?(?:need|ask|permission|approv\w*|"
    r"check|consent)"
)
_LOGO = keyed(
    r"\bbranding\b|\bsignage\b|\blogos?\b|trade ?marks?|brand(?:ing)? (?:assets|marks|names?)|\buniforms?\b|"
    r"(?:company|store|firm|hospital|organi[sz]ation|hotel)(?:'s)? (?:name|insignia)|(?:company|corporate) (?:colou?rs|identity)"
)
_PHOTO = keyed(
    r"\b(?:photo\w*|pictures?|images?|videos?|film\w*|record\w*|selfies?|livestream\w*)\b.{0,60}"
    r"\b(?:premises|workplace|facilit\w+|sites?|offices?|stores?|plants?|warehouses?|at work|"
    r"on the job|inside|buildings?|work ?areas?|co-?workers?|colleagues?|fellow (?:employees|workers|staff|team members)|"
    r"other employees|on (?:company|our) property|meetings?|"
    r"supervisors?|managers?|conversations?|(?:phone )?calls?|job site|"
    r"property|during work(?:ing)? (?:time|hours))|"
    r"\b(?:premises|workplace|facilit\w+|property)\b.{0,40}\b(?:photo\w*|pictures?|images?|videos?|"
    r"record\w*)\b"
)
_IMAGE_QUAL = keyed(
    r"in a way that|so (?:that )?it looks|look(?:s)? like|to (?:sell|promote|endorse|imply|suggest|advertise|make)|"
    r"for commercial|commercial (?:use|purposes|gain)|that (?:makes?|suggests?|impl(?:y|ies)|could mislead)|"
    r"without (?:a |the )?(?:licen[cs]e|right)|improper|misuse|unauthori[sz]ed use|infring\w*|for profit|merchandise|"
    r"\bsell\b|as if|"
    r"pretend|impersonat|confidential|client details|patients?|customers?|children|members of the public|"
    r"security|secure areas|passwords?|screens?|whiteboards?|badges?|personal (?:data|details|information)|"
    r"can be (?:recogni[sz]ed|identified)|recogni[sz]able|mislead\w*|official account|fake"
)
_OUTSIDERS = keyed(
    r"\b(?:(?<!social )media|press|journalists?|reporters?|news (?:outlets?|organi[sz]ations?)|bloggers?|"
    r"government|regulators?|agenc(?:y|ies)(?! (?:tablets?|phones?|devices?|equipment|computers?|e-?mail|systems?|property|"
    r"polic(?:y|ies)|vehicles?|accounts?|records?|clients?|staff|employees|caregivers))|officials?|authorities|lawmakers|"
    r"legislators|"
    r"politicians|outside parties|third parties|the public about)\b"
)
_SPEAK = keyed(
    r"\b(?:speak|talk|comment|communicat|respond|reply|answer|contact|engag|discuss|give|provid|get in touch|tell|"
    r"grant|make (?:any )?statements?|interview|go to|approach|cooperat|reach out)\w*"
)
_REFER_ALL = keyed(
    r"\b(?:all|any)\s+(?:\w+\s+){0,2}?(?:media|press|journalist|reporter|news)\s+(?:\w+\s+)?"
    r"(?:enquir\w+|inquir\w+|requests?|contacts?|calls?|questions?)\b.{0,40}\b(?:must|should|are to|"
    r"will|shall)\b.{0,20}\b(?:referred|directed|forwarded|sent|passed|routed)|"
    r"\b(?:refer|direct|forward|send|pass|route)\s+(?:all|any|every|each)\s+(?:\w+\s+){0,3}?(?:media|press|"
    r"journalists?|reporters?)|"
    r"\bleave\s+(?:all|any|every|each)\s+(?:\w+\s+){0,3}?(?:media|press|journalists?|reporters?)\b[^.;]{0,40}\bto\b"
)
_OFFICIALLY = keyed(r"\bofficial\b|\bofficially\b")
_GRANTS = re.compile(
    r"\b(?:which|that) (?:you|they|staff|employees|associates|team members) (?:may|can|are free to|are welcome to)\b(?!\s+not)",
    _I,
)
_LEGAL = keyed(
    r"\blegal(?: (?:and|or) \w+)? (?:matters?|issues?|proceedings?|actions?|claims?|disputes?|cases?|conclusions?|"
    r"opinions?)\b|\blitigation\b|"
    r"\blawsuits?\b|\bcourt (?:cases?|proceedings)\b|\bclaims? against\b|\bdisputes?\b(?:\s+\w+){0,3}\s+with\s+(?:the |"
    r"our |your )?(?:company|management|managers?|employer|organi[sz]ation|firm)\b|\bpending (?:cases?|matters?|"
    r"claims?)\b|\b(?:grievances?|complaints?) (?:against|about|with) (?:the |our )?(?:company|"
    r"management|managers?|employer|organi[sz]ation)\b|\bdisputes? with (?:the |our )?(?:company|"
    r"management|employer|organi[sz]ation)\b|\b(?:investigations?|audits?) (?:of|into|at) (?:the |our )?"
    r"(?:company|workplace|employer)"
)
_REPORT = keyed(
    r"\b(?:report(?!ers?\b)|tell|notify|inform|alert|let \w+ know|bring\b.{0,30}\battention|flag|escalate|"
    r"pass (?:it|them|this) on)\w*"  # (a reporter is no report)
)
_NOT_REPORTING = keyed(
    r"\b(?:do not|don't|does not|doesn't|not|fail\w* to|neglect\w* to)\s+(?:\w+\s+)?(?:report|tell|notify|inform|alert|"
    r"pass (?:it|them|this|that) on)\b"
)
_OTHERS_POSTS = keyed(
    r"\b(?:co-?workers?|colleagues?|other (?:employees|staff|team members|associates)|fellow \w+|"
    r"anyone|others|employees?|team members?|staff)\b.{0,80}\b(?:posts?|postings|violat\w+|breach\w*|"
    r"conduct|activit(?:y|ies)|comments?|content|misuse|behaviou?r|(?:break\w*|broken?) (?:\w+ )?(?:polic\w+|guidelines?|rules?))|"
    r"\b(?:violations?|breach(?:es)?|misuse|infractions?)\b(?: \w+){0,3} (?:of )?(?:this |these |our |the )?"
    r"(?:polic\w+|guidelines?|rules?)|"
    r"\b(?:unusual|inappropriate|suspicious|unauthori[sz]ed|negative)\b.{0,40}\b(?:posts?|activit(?:y|ies)|"
    r"content|comments?)"
)
_NARROW_REPORT = keyed(
    r"harass|bully|threat|violen|safety|hack|phishing|impersonat|fake account|leak|"
    r"data breach|security (?:incident|breach)|fraud|abuse|pretend|patients?\b|customers'? (?:data|information|details)|"
    r"privacy|\bresidents?\b|\bPHI\b|"
    r"\b(?:clients?|donors?|candidates?|students?|members?|guests?)'?(?:\s+(?:or|and)\s+\w+)?\s+"
    r"(?:data|information|records|details)\b"  # a leak of the people the organisation serves, not co-workers' talk
)
_DISCLAIMER = keyed(
    r"disclaimer|(?:views?|opinions?|thoughts) (?:expressed |here |on this \w+ )?(?:are|is) (?:my|your|their) own|"
    r"(?:views?|opinions?) (?:expressed |here |on this \w+ )?(?:are|is) (?:theirs|yours|mine|his|hers)(?: alone)?|"
    r"speaking (?:only )?for (?:yourself|themselves|himself|herself)|"
    r"(?:do not|don't) (?:necessarily )?(?:reflect|represent) (?:the )?(?:views?|opinions?)|"
    r"\b(?:is|are) (?:my|your|their|his|her) (?:own |personal )?(?:opinions?|views?),? (?:and )?not (?:the|our|those of)\b|"
    r"\b(?:is|are) (?:my|your|their|his|her) (?:own |personal )(?:opinions?|views?)|"
    r"\b(?:views?|opinions?) (?:are|is) not (?:the |those of the )?(?:company|firm|employer|organi[sz]ation|hospital)(?:'s)?\b"
)
_EVERY = keyed(
    r"\b(?:every|all|any|anyone|anything|each|always|whenever|at all times|every time|each time)\b|"
    r"\bwho (?:post|posts|write|writes|blog|blogs|comment|comments)\b|"
    r"\b(?:if|when|where) (?:your|their|a) (?:profile|bio|post|account)s?\b(?: or (?:your |their |a )?(?:profile|bio|post|account)s?)?"
    r" (?:shows?|says|mentions?|identif\w*|reveals?)\b"
)
# A disclosure of employment where the FTC asks for one (posts about products, endorsements), not on all talk of work.
_ENDORSING = keyed(r"\bproducts?\b|\bservices\b|\bendors\w*|\breviews?\b|\badvertis\w*|\bftc\b|\badvocacy\b")
_NOT_EVERY = keyed(
    r"\b(?:not|n't|no|never)\b\s+(?:\w+\s+){0,2}?(?:need|have to|required|every|each|all)\b|"
    r"\bonly (?:where|when|if)\b"
)
_SAVINGS = keyed(
    r"\bnothing in (?:this|these|the|our) (?:\w+ )?(?:policy|policies|guidelines?|rules?|code|"
    r"document|handbook)\b.{0,160}\b(?:interfere|restrain|limit|restrict|prevent|prohibit|construed|"
    r"interpreted|applied|intended|affect)|\b(?:this|the) (?:\w+ )?(?:policy|guidelines?) (?:will|shall|"
    r"is|are) not (?:be )?(?:intended|interpreted|construed|applied)\b.{0,120}\b(?:rights?|protected|"
    r"concerted|section 7|law)"
)
_SPECIFIC_RIGHTS = keyed(
    r"\b(?:pay|wages?|salar\w+|benefits|hours|schedules?|working conditions|union|government agenc\w+|"
    r"possible violations of law|whistle\w*|"
    r"terms and conditions)\b"
)


@lru_cache(maxsize=64)
def _company_re(names: tuple[str, ...]) -> Folded:
    extra = "|".join(re.escape(n) for n in names if n)
    return folded(_COMPANY + (rf"|\b(?:{extra})\b" if extra else ""), _I)


_PEOPLE_RE = keyed(_PEOPLE)


_REPUTATION = keyed(
    r"\breputation|\bimage\b|\bbrand\b|goodwill|good ?name|\bour name\b|standing|disrepute|looks? bad"
)
_POSITIVE_DUTY = keyed(
    r"\b(?:speak|talk|post|write)\w*\s+(?:\w+\s+){0,2}?(?:positively|favou?rably|well)\b|\breflects? well on\b|"
    r"\bspeak well of\b|\brepresent\w*\s+(?:\w+\s+){0,6}?(?:in a\s+)?(?:positive|favou?rable)\b|"
    r"\bprotect\w*\s+(?:the |our )?(?:company's |organi[sz]ation's |firm's |hospital's )?(?:integrity|reputation|image|"
    r"good (?:name|standing))"
)
_WORK_TALK = keyed(
    r"\bvent\w*|\bgrievances?\b|\b(?:about|at) (?:your )?(?:work|job|the job|the workplace|the store)\b"
)
_AGAINST_STAFF_ONLY = keyed(r"\bcustomers'? (?:privacy|data)|\bpatients?\b")


@lru_cache(maxsize=16384)
def disparaged(unit: str, names: tuple[str, ...] = ()) -> str | None:
    """Whom a ban on negative talk protects: ``"company"`` (the organisation, its management, products or
    name), ``"people"`` (co-workers, customers), or ``None`` when there is no such ban. Each coordinated part
    of the rule is read alone: "harassing" in one part does not narrow "disparaging" in another."""
    if not (_DISPARAGE.search(unit) or _DAMAGE_COMPANY.search(unit) or _POSITIVE_DUTY.search(unit)):
        return None
    r = read(unit)
    if r.binds != "staff":
        return None
    if r.force == "duty":
        return "company" if _POSITIVE_DUTY.search(r.scope) and _company_re(names).search(r.scope) else None
    if r.force != "prohibition":
        return None
    found = None
    for part in r.parts or (r.scope,):
        if not (_DISPARAGE.search(part) or _DAMAGE_COMPANY.search(part)) or _TRUTH.search(part):
            continue
        if _company_re(names).search(part) or _REPUTATION.search(part) or _WORK_TALK.search(part):
            return "company"
        if _PEOPLE_RE.search(part) and not _CONCRETE.search(part):
            found = "people"
    # A part without a target of its own ("comments that are critical") takes the rule's target.
    whole = r.scope
    if (
        found is None
        and (_DISPARAGE.search(whole) or _DAMAGE_COMPANY.search(whole))
        and not _TRUTH.search(whole)
        and _company_re(names).search(whole)
        and not _CONCRETE.search(whole)
    ):
        return "company"
    return found


@detector(
    "nlra.disparagement", (*tokens_of(_DISPARAGE), *tokens_of(_DAMAGE_COMPANY), *tokens_of(_POSITIVE_DUTY))
)
def disparagement(unit: str, names: tuple[str, ...] = ()) -> bool:
    if _UNLESS_DISCLOSED.search(unit):
        return False  # "no review that praises us or criticizes a rival without saying you work here": the FTC's rule
    return disparaged(unit, names) is not None


_UNLESS_DISCLOSED = re.compile(
    r"\bwithout (?:first |clearly )?(?:disclosing|saying|stating|making (?:it )?clear)\b.{0,40}"
    r"\b(?:work (?:here|for|at)|employ|connection|relationship)",
    _I,
)


_HEDGED = re.compile(
    r"\b(?:when|where|if|whenever) (?:you can|possible|practicable|practical|you are able)\b|\btry (?:to|and)\b|"
    r"\bwe (?:suggest|recommend)\b|\bideally\b|\bas far as (?:you can|possible)\b",
    _I,
)


@detector("nlra.civility", (*tokens_of(_VAGUE_SCOPE), *tokens_of(_VAGUE_DUTY)))
def civility(unit: str) -> bool:
    if not (_VAGUE_SCOPE.search(unit) or _VAGUE_DUTY.search(unit)):
        return False
    if _OFFICIAL.search(unit) and not _PERSONAL_TOO.search(unit):
        return False  # (posts made for the organisation are its own speech)
    if _HEDGED.search(unit):
        return False  # "Be respectful when you can": advice that binds no one
    r = read(unit)
    if r.binds != "staff":
        return False  # a rule for a role
    if r.force == "prohibition" and any(
        _VAGUE_SCOPE.search(p) and not _CONCRETE.search(p) and not _customers_only(p)
        for p in r.parts or (r.scope,)
    ):
        return True
    # a duty to be courteous ("must speak courteously"), also beside a ban in the same sentence
    duty_words = r.force == "duty" or re.search(
        r"\b(?:must|shall|should|are expected to|is expected to)\b", unit, _I
    )
    return (
        bool(duty_words)
        and bool(_VAGUE_DUTY.search(unit))
        and not _CONCRETE.search(unit)
        and not _customers_only(unit)
    )


def _confidential_scope(unit: str) -> str | None:
    if _SHARING.search(unit) is None:
        return None
    r = read(unit)
    if r.binds != "staff":
        return None
    scope = r.scope if r.force == "prohibition" else None
    if (
        scope is None
        and r.force == "duty"
        and (_KEEP_SECRET.search(r.scope) or _ONLY_DISCLOSE.search(r.scope))
    ):
        scope = r.scope
    if (
        scope is None
        and r.force in ("none", "duty")
        and _SECRET_STATEMENT.search(unit)
        and not re.search(r"\b(?:is|are)\s+(?:never|not)\b", unit, _I)  # "pay is never confidential"
    ):
        scope = unit  # "All matters relating to the business are confidential"
    if scope is not None and _BACK_REFERENCE.search(scope) and _SECRET_STATEMENT.search(unit):
        scope = (
            unit  # "... are all confidential information, and partners may not share any of it": what "it" is
        )
    if scope is None:
        return None
    return _MNPI.sub(
        " ", scope
    )  # material non-public information is narrow by nature: it narrows only itself


# An object that points back to what the sentence named before: "share any of it", "disclose them", "pass either on".
_BACK_REFERENCE = keyed(
    r"\b(?:any|all|some|none) of (?:it|them|this|these)\b|\b(?:it|them|either|such information)\b"
)
_ONLY_DISCLOSE = keyed(r"\bonly (?:disclose|share|release|discuss)\b")
_SECRET_STATEMENT = keyed(
    r"\b(?:is|are|be|as|count as|counts as|(?:is|are) considered|(?:is|are) treated as|(?:is|are) regarded as)\s+"
    r"(?:\w+\s+)?(?:confidential|secret|private)\b(?!\s+(?:information\s+)?(?:means|includes))"
)


_THE_FOLLOWING = re.compile(r"\bthe following\b[^:]{0,80}:(?P<item>.*)$", _I | re.S)


@detector("nlra.confidential-broad", tokens_of(_BROAD), _SHARING.words)  # _BROAD must match what is forbidden
def confidential_broad(unit: str) -> bool:
    if not _BROAD.search(unit):
        return False
    scope = _confidential_scope(unit)
    if not scope:
        return False
    listed = _THE_FOLLOWING.search(scope)
    if listed is not None:  # "must not disclose the following confidential information: (a) ..., (b) ...":
        scope = listed.group("item")  # the list says what is kept back; the lead-in alone says nothing yet
        if not scope.strip():
            return False
    # "Confidential Information", capitalised, is the defined term: its definition is judged where it is given.
    # "Business secrets or other confidential business information": the words after "or other" are read as things
    # like the narrow ones before it (the General Counsel's 2015 report held such rules lawful).
    scope = _SAME_KIND.sub(" ", scope.replace("Confidential Information", " "))
    scope = _ABOUT_CUSTOMERS.sub(" ", scope)
    if _CUSTOMER_SUBJECT.search(unit) or _PAY_CARVED_OUT.search(unit) or _NAMED_INTERNAL.search(unit):
        return False  # customers' data, or a rule that says it leaves pay and conditions free
    return bool(_BROAD.search(scope))


@detector("nlra.confidential-undefined", ("confidential",))
def confidential_undefined(unit: str, defined: str) -> bool:
    """Lower-case "confidential information" forbidden with no definition and no narrow examples. ``defined`` says
    how the document defines it: ``"term"`` (the defined term "Confidential Information"), ``"plain"`` (a sentence
    of its own text, "Confidential information means ...", as imported policies write it) or ``""``."""
    if not _CONFIDENTIAL.search(unit):
        return False
    if _tailored_request(unit):
        return False  # judged by nlra.investigation-confidentiality
    scope = _confidential_scope(unit)
    if not scope or _BROAD.search(scope) or not _CONFIDENTIAL.search(scope):
        return False
    if defined == "term" and re.search(r"\bConfidential Information\b", scope):
        return False
    if (
        defined == "plain"
        and re.search(r"\bconfidential information\b", scope, _I)
        and not _PLAIN_DEFINITION.match(unit)
    ):
        return False
    return not _SPECIFIC.search(unit)


# What leaves a definition open: "anything", "all information", whatever concerns the staff.
_OPEN_DEFINITION = re.compile(
    r"\b(?:anything|everything|all|any|whatever)\b|\b(?:staff|employees|colleagues|co-?workers|personnel|team members)\b",
    _I,
)
# "Confidential information means ...", "Client confidential information includes ...": a definition in the text.
_PLAIN_DEFINITION = re.compile(
    r"^\W*(?:(?:client|customer|company|business|firm|our|the company's)\s+)?confidential information\W{0,3}\s+"
    r"(?:means|includes|is defined as|refers to|covers|consists of)\b",
    _I,
)


@detector(
    "nlra.confidential-pay",
    (
        "pay",
        "warning",
        "tips",
        "gratuit",
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
        "terms of",
        "paycheck",
        "hours",
        "earn",
        "paid",
        "severance",
        "settlement",
    ),
)
def confidential_pay(unit: str) -> bool:
    m = _PAY.search(unit)
    if not m or _PAY_FREE.search(unit):
        return False
    # "information about a client ..., including payroll and employee data": the client's, not staff pay
    own = _CLIENTS_OWN.search(unit)
    if own and own.start() < m.start() and not _STAFFS_OWN_PAY.search(unit):
        return False
    if m.group(0).lower() == "pay" and re.search(r"\bpay (?:attention|for|in|out|back)\b", unit, _I):
        return False
    r = read(unit)
    if r.binds != "staff" or r.force == "permission":
        return False
    scope = r.scope if r.force == "prohibition" else ""
    if scope and _PAY.search(scope) and (_CONF_CONTEXT.search(unit) or _SHARING.search(unit)):
        return True
    return bool(
        re.search(r"confidential\w*\s+(?:\w+\s+){0,6}?(?:includ|cover|mean|such as)", unit, _I)
        or (_KEEP_SECRET.search(unit) and _PAY.search(r.scope or unit))
        or (_SECRET_STATEMENT.search(unit) and _PAY.search(unit))
    )


# Posts someone has not approved, or held back until someone clears them: an approval requirement.
_UNAPPROVED = keyed(
    r"\b(?:unless|until)\b.{0,60}\b(?:has|have|had) (?:approved|cleared|signed off|authori[sz]ed)\b|"
    r"\b(?:has|have|had) not (?:yet )?(?:been )?(?:approved|cleared|authori[sz]ed)\b|\bunapproved\b"
)
_ADVICE_ON_SECRETS = keyed(
    r"\b(?:unsure|not sure|in doubt)\b.{0,40}\b(?:confidential|inside information|material|privileged|trade secrets?|"
    r"personal data)"
)
_WITHOUT_EMPLOYER_OK = keyed(
    r"\bwithout (?:first |prior |advance |written )(?:\w+ ){0,2}?(?:approval|permission|authori[sz]ation|sign-?off|"
    r"clearance)\b|\bwithout (?:\w+ ){0,3}?(?:approval|permission|authori[sz]ation|sign-?off|clearance) (?:from|of|by) "
    r"(?:the |your |a )?(?:management|managers?|supervisors?|company|hr|human resources|communications|marketing|"
    r"legal|employer|department|team leader)\b"
)
_RESERVES_APPROVAL = keyed(
    r"\breserves? the right to (?:pre-?)?(?:approve|review|vet|clear|screen|sign off on)\b(?:\s+\w+){0,3}?"
    r"(?:,[^,]{1,40},)?\s+(?:any|all|every|each)\b|"
    # "Communications has to approve, before launch, every online page that ...": the approval as the employer's process
    r"\b(?:has to|have to|must|shall|needs? to) (?:first |pre-?)?(?:approve|vet|clear|sign off on)\b"
    r"(?:,[^,]{1,40},)?\s+(?:any|all|every|each)\b"
)
_WITHOUT_APPROVAL = keyed(
    r"\bwithout (?:\w+\s+){0,3}?(?:approval|permission|authori[sz]ation|consent|sign-?off|clearance)\b"
)
_ASKED = keyed(r"\?\s+(?:yes|only)\b")
_POSTS_ABOUT_WORK = keyed(r"\babout (?:work|the company|your job|company matters)\b")


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
        "signed off",
        "sign off",
        "reserve",
        "uneasy",
        "questionable",
        "hesitate",
        "not sure",
        "worried",
        "wondering",
        "hesitant",
        "uncomfortable",
        "nervous",
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
    if _RESERVES_APPROVAL.search(unit) and _POSTS.search(unit) and not _OFFICIAL.search(unit):
        return (
            True  # "Management reserves the right to approve, in advance, any post that mentions the company"
        )
    unapproved = bool(_UNAPPROVED.search(unit))
    # (an FAQ's "Do I need permission to ...? Yes." is read as the act forbidden without it)
    asked = _ASKED.search(unit) is not None and _WITHOUT_APPROVAL.search(read(unit).scope) is not None
    pre = bool(_PRE_APPROVAL.search(unit) or _WITHOUT_APPROVAL.search(unit) or unapproved or asked)
    if (not pre and not _APPROVAL.search(unit)) or _OFFICIAL.search(unit):
        return False
    # "You do not need approval" lifts the rule ("what no one has approved" does not); asking whether something is
    # confidential is advice, not approval.
    # "not ... without first obtaining permission from management" (the consent of an owner or a customer is not it)
    required = _WITHOUT_EMPLOYER_OK.search(unit) and read(unit).force == "prohibition"
    if (not unapproved and not required and _NO_APPROVAL.search(unit)) or _ADVICE_ON_SECRETS.search(unit):
        return False
    r = read(unit)
    if r.binds != "staff" or r.force == "permission":
        return False
    if pre and _POSTS.search(unit):
        return True
    if not _APPROVAL.search(unit):
        return False
    return r.force in ("duty", "prohibition") or bool(
        re.search(
            r"\bmust\b|\brequire|\bonly (?:with|after)\b|"
            r"^(?:before|prior to)\b[^,]{0,80},\s*(?:please:?\s+)?(?:check|ask|get|seek|obtain|clear)\b",
            unit,
            _I,
        )
    )


@detector("nlra.logos", tokens_of(_LOGO))
def logos(unit: str) -> bool:
    return forbidding(_LOGO, unit) is not None and not _IMAGE_QUAL.search(unit)


@detector("nlra.photography", tokens_of(_PHOTO))
def photography(unit: str) -> bool:
    if _IMAGE_QUAL.search(unit) or _CONCRETE.search(unit):
        return False
    if forbidding(_PHOTO, unit) is not None:
        return True
    # "Get a colleague's agreement before putting a picture of them online": the photo waits on a co-worker's say-so
    required = duty(unit) if _PHOTO.search(unit) else None
    return bool(required and _CONSENT_FIRST.search(required) and _PHOTO.search(required))


_CONSENT_FIRST = keyed(
    r"\b(?:agreement|consent|permission|approval|ok|okay)\b[^.;]{0,40}\bbefore (?:\w+ing|you|they)\b"
)


_AGENCY = keyed(
    r"\b(?:government|regulators?|(?:government |regulatory |outside |any (?:other )?)agenc(?:y|ies)|osha|eeoc|"
    r"nlrb|labou?r board|the sec\b|law enforcement|police|inspectors?|elected officials|lawmakers|legislators)\b"
)


# Staff told to go to Legal or management first, before they say anything to an outsider.
_CLEAR_FIRST = keyed(
    r"\b(?:call|contact|notify|tell|inform|check with|speak to|talk to|ask|get approval from)\b.{0,40}\b(?:legal|law "
    r"department|hr|human resources|management|(?:your )?manager|supervisor|communications)\b.{0,30}"
    r"\b(?:first|before|immediately)\b|\bsay nothing\b|\bnot (?:say|comment|answer|respond)\b.{0,20}\buntil\b"
)


@detector("nlra.media-contact", (*tokens_of(_REFER_ALL), *tokens_of(_OUTSIDERS)))
def media_contact(unit: str) -> str | None:
    """``"agency"`` for a ban on talking to government agencies, ``"ban"`` for one on talking to the media,
    ``"refer"`` for a referral of every enquiry, ``None`` when the rule is limited to the official view."""
    refer = _REFER_ALL.search(unit)
    if not (refer or (_OUTSIDERS.search(unit) and _SPEAK.search(unit))) or _OFFICIAL.search(unit):
        return None  # (a rule limited to the official view is lawful)
    r = read(unit)
    if r.binds != "staff":
        return None
    scope = r.scope if r.force == "prohibition" else ""
    # A part that grants ("..., which you may give to a union or a government agency") is not the ban.
    if scope and any(_GRANTS.search(p) for p in r.parts):
        scope = " ".join(p for p in r.parts if not _GRANTS.search(p))
    kind = None
    passive = re.search(r"\bnot to be \w+(?:ed|en)\b|\b(?:must|may|should) not be \w+(?:ed|en)\b", unit, _I)
    if scope and _OUTSIDERS.search(scope) and (_SPEAK.search(scope) or (passive and _SPEAK.search(unit))):
        kind = "agency" if _AGENCY.search(scope) else "ban"
    elif r.force == "duty" and _CLEAR_FIRST.search(r.scope):  # "If a regulator calls, contact Legal first"
        kind = "agency" if _AGENCY.search(unit) else "refer"
    elif refer:
        kind = "refer"
    if kind is None or (kind != "agency" and _OFFICIALLY.search(unit)) or _PAY_CARVED_OUT.search(unit):
        return None
    return kind


# Leaving work together is a strike, which the Act protects (Washington Aluminum, 1962): a ban on walking off or out,
# on work stoppages, sit-downs, slowdowns or sick-outs, or on joining a strike. Leaving one's post without
# permission, or abandoning a patient, is not a strike rule. "Strike" alone can mean a blow ("do not strike anyone").
_WALKOUT = keyed(
    r"\bwalk(?:s|ed|ing)? (?:off|out)\b|\bwalk-?outs?\b|\bwork stoppages?\b|\bstoppages? of work\b|"
    r"\bsit-?(?:downs?|ins?)\b|\bslow-?downs?\b|\bsick-?outs?\b|\bstop(?:ping)? work\b|"
    r"\b(?:go(?:es|ing)? on|join(?:s|ing)?|tak(?:e|es|ing) part in|participat\w* in|engag\w* in|call(?:s|ing)?) "
    r"(?:a |any |an? \w+ )?strikes?\b|\bstrikes?\b(?=,? (?:or|and) (?:walk|work stoppage|slow|sit|picket|sick))"
)


@detector(
    "nlra.walkout",
    (
        "walk",
        "stoppage",
        "sit-down",
        "sitdown",
        "sit-in",
        "slowdown",
        "slow-down",
        "sick-out",
        "sickout",
        "stop work",
        "stopping work",
        "strike",
    ),
)
def walkout(unit: str) -> bool:
    if not _WALKOUT.search(unit):
        return False
    scope = governed(unit)
    return scope is not None and _WALKOUT.search(scope) is not None


# The employer's interests as the measure of conduct: "any action that is not in the best interest of the company",
# "a conflict of interest with the hotel", "conduct detrimental to the company". A conflict-of-interest rule that
# names self-dealing (a stake in a supplier, gifts from vendors, working for a competitor) is lawful.
_INTERESTS = keyed(
    r"\b(?:not|never) in (?:the )?(?:best )?interests? of (?:the |our )?(?:company|organi[sz]ation|employer|firm|"
    r"business|hotel|hospital|store)|\bnot in (?:the |our )?(?:company|organi[sz]ation|employer|firm)'s (?:best )?"
    r"interests?|\b(?:contrary|detrimental|adverse|harmful|against) to (?:the |our )?(?:best )?(?:interests? of (?:the |our )?)?"
    r"(?:company|organi[sz]ation|employer|firm|business|hotel|hospital|store)(?:'s (?:best )?interests?)?\b|"
    r"\bconflicts? (?:of interest )?with (?:the |our )?(?:company|organi[sz]ation|employer|firm|hotel|hospital)(?:'s "
    r"interests?)?\b(?! (?:polic(?:y|ies)|rules?|guidelines?|standards?|procedures?|code))|\bconflicts? of interest (?:with|against) (?:the |our )?(?:company|hotel|employer)"
)
_SELF_DEALING = keyed(
    r"\bsuppliers?\b|\bvendors?\b|\bcompetitors?\b|\bcompeting\b|\bgifts?\b|\bkickbacks?\b|\bbribe|"
    r"financial (?:stake|interest)|personal (?:gain|benefit|profit)|self-dealing|outside (?:business|employment)|"
    r"\bside business|\brelatives?\b"
)


@detector("nlra.company-interests", tokens_of(_INTERESTS))
def company_interests(unit: str) -> bool:
    if not _INTERESTS.search(unit) or _SELF_DEALING.search(unit) or _OFFICIAL.search(unit):
        return False
    scope = governed(unit)
    return scope is not None and _INTERESTS.search(scope) is not None


@detector("nlra.legal-matters", tokens_of(_LEGAL))
def legal_matters(unit: str) -> bool:
    scope = forbidding(_LEGAL, unit)
    return scope is not None and not re.search(r"legal advice|privileged", scope, _I)


@detector("nlra.report-colleagues", tokens_of(_REPORT), tokens_of(_OTHERS_POSTS), _OTHERS_POSTS.words)
def report_colleagues(unit: str) -> bool:
    if not _OTHERS_POSTS.search(unit) or not _REPORT.search(unit):
        return False
    d = duty(unit)
    if not d:  # "Team members who see a breach and do not tell their manager will be held responsible"
        scope = prohibited(unit)
        d = scope if scope and _NOT_REPORTING.search(scope) else None
    if not d or not _REPORT.search(d) or not _OTHERS_POSTS.search(unit):
        return False
    if re.search(r"\b(?:policy|guidelines?|rules?)\b", unit, _I) and re.search(
        r"violat|breach|infraction", unit, _I
    ):
        return True
    return not _NARROW_REPORT.search(unit)


_SELF_NAMING = keyed(
    r"\bidentify (?:yourself|themselves|himself|herself)\b|\bgive (?:your|their) (?:full )?names?\b|"
    r"\b(?:use|under|with|give|post under) (?:your|their) (?:real|own|full|true) names?\b|"
    r"\b(?:nicknames?|pseudonyms?|made-up names?|anonymous(?:ly| accounts?)?)\b|\bsay who (?:you|they) (?:are|really are)\b|"
    r"\bshow who (?:you|they) (?:really )?are\b|\bstate (?:that )?(?:you|they) work (?:here|for)\b|"
    r"\b(?:say|state|mention|make (?:it )?clear)\w* (?:that )?(?:you|they|he or she) (?:work (?:here|for|at)|"
    r"(?:are|is) employed (?:by|at|here)|(?:are|is) an? (?:employee|member of staff|staff member))\b|"
    r"\b(?:your|their) (?:employer|job|position|role) stated\b"
)


# The words of a disclaimer, or of a request that staff name themselves: fewer than tokens_of(_SELF_NAMING), whose
# "say", "work" and "show" would send most sentences of a policy through the detector.
_DISCLAIMER_WORDS = (
    *("disclaimer", "own", "reflect", "represent", "identify", "name", "theirs", "alone", "opinion", "views"),
    *("employed", "employee", "staff member", "nickname", "pseudonym", "anonymous", "made-up", "work here"),
    *("work for", "work at", "real name", "full name", "own name", "true name", "who you", "who they"),
    *("stated", "speaking"),  # ("speaking only for yourself")
)


@detector("nlra.disclaimer-every-post", _DISCLAIMER_WORDS)
def disclaimer_everywhere(unit: str) -> bool:
    # A disclaimer, or staff naming themselves (Boch Imports, 2015) except where the FTC asks for it.
    asked = _DISCLAIMER.search(unit) or (_SELF_NAMING.search(unit) and not _ENDORSING.search(unit))
    if not asked or not _EVERY.search(unit) or _NOT_EVERY.search(unit):
        return False
    return bool(
        duty(unit)
        or re.search(r"\bmust\b|\brequired\b|\bshall\b|\balways\b|\bshould\b(?! not| never)", unit, _I)
    )


@detector("nlra.savings-clause", ("nothing in", " not "))
def generic_savings(unit: str) -> bool:
    return bool(_SAVINGS.search(unit)) and not _SPECIFIC_RIGHTS.search(unit)


# --------------------------------------------------------------------------- accuracy

# (speculation about the employer's future, "guessing in public where the company is heading", is talk about job
# security that may turn out wrong: the same question as a rumour)
_UNTRUE = keyed(
    r"\b(?:false|inaccurate|misleading|untrue|untruthful|rumou?rs?|unverified|incomplete|speculat\w*|guess(?:ing|es)?)\b"
)
_ACCURATE = keyed(
    r"\b(?:accurate|accurately|truthful|truthfully|complete and accurate|not misleading|verified|factually correct|"
    r"correct in every \w+|"
    r"check (?:the|your) facts|get (?:the|your) facts (?:right|straight)|research (?:your|each|every) posts?|(?:sure|certain) (?:that )?(?:it|they|everything) (?:is|are) (?:correct|accurate|true))\b"
)
_KNOWING = keyed(
    r"\b(?:know(?:n|ingly)?|knew)\b(?:\s+\w+){0,3}\s+(?:to be\s+)?(?:false|untrue)|\bmalic\w*|\bdeliberately\b|"
    r"\bintentionally\b|\breckless\w*|\bwith (?:actual )?malice\b|\bdefamatory falsehoods?\b"
)
_FIRM = keyed(
    r"\b(?:must|shall|required|expected|ensure|make sure|be sure|agree|will be|is to be|are to be|has to|have to)\b"
)
_ABOUT_WORK = keyed(
    r"\b(?:company|employer|organi[sz]ation|firm|business|management|managers?|workplace|working here|"
    r"co-?workers?|colleagues|products?|store|hospital|facilit(?:y|ies)|clinic|restaurant|plant|practice|agency|school|"
    r"university|hotel)\b|"
    r"\bwork\b|\b(?:everything|anything|all) (?:that )?(?:you|they|we|employees|staff|personnel) (?:post|share|publish)\b|"
    r"\b(?:posting|uploading|sharing|publishing) anything\b|\bwhenever (?:you|they) post\b|"
    r"\ball (?:posts|content)\b|\byour posts\b"
)


@detector("nlra.accuracy", (*tokens_of(_UNTRUE), *tokens_of(_ACCURATE)))
def accuracy(unit: str) -> bool:
    """A ban on false or misleading posts, or a demand that posts be accurate, that is not limited to
    statements known to be false: it reaches honest but mistaken criticism, which the Act protects."""
    if (
        not (_UNTRUE.search(unit) or _ACCURATE.search(unit))
        or _KNOWING.search(unit)
        or _OFFICIAL.search(unit)
    ):
        return False
    r = read(unit)
    if r.binds != "staff":
        return False
    if r.force == "prohibition":
        return any(_UNTRUE.search(p) and _ABOUT_WORK.search(r.scope) for p in r.parts or (r.scope,))
    if r.force == "duty":
        imperative = unit.rstrip().endswith(r.scope.rstrip())  # "Research your posts and get the facts right"
        return bool(
            _ACCURATE.search(r.scope) and (_FIRM.search(unit) or imperative) and _ABOUT_WORK.search(unit)
        )
    return bool(_ACCURATE.search(unit) and re.search(r"\bmust be\b", unit, _I) and _POSTS.search(unit))


# --------------------------------------------------------------------------- working time and premises

_ACTIVITY = keyed(
    r"\b(?:solicit\w*|distribut\w*|literature|flyers?|leaflets?|handbills?|petitions?|signatures|notices|union\w*|"
    r"buttons?|social media|post\w*|talk\w*|discuss\w*|non-work|personal|activit(?:y|ies) other than)\b"
)
_TIME_PLACE = keyed(
    r"\b(?:working hours|work hours|company time|on the clock|(?:on|anywhere on) (?:company|the company's|our) "
    r"(?:property|premises)|on (?:the )?premises|company premises|at any time|break ?rooms?|"
    r"breaks and meal periods|including breaks|during (?:your )?shifts?)\b"
)
_LAWFUL_TIME = keyed(
    r"\bworking time\b|\bworking areas?\b|\bwork areas?\b|\bpatient care areas\b|\bnon-?employees\b|"
    r"\b(?:outside|off) (?:of )?(?:working|work) (?:time|hours)\b|\bon (?:your )?breaks\b|"
    r"\bassigned to work\b|\b(?:actively|actually) working\b|\bperforming (?:your |their )?(?:jobs?|work|duties)\b"
)
_EQUIPMENT = keyed(
    r"\b(?:company|work|our)\s+(?:e-?mail|email system|computers?|devices?|equipment|systems?|phones?)\b"
)
# A ban on using the employer's things ("... computers and machine controllers may not be used for personal
# browsing"), whatever time it names: the equipment question (Purple Communications, Caesars Entertainment).
_EQUIPMENT_BAN = keyed(
    r"\b(?:computers?|devices?|equipment|terminals?|tablets?|machines?|controllers?|systems?|consoles?|kits?|laptops?|"
    r"scanners?|registers?)\b[^.;]{0,60}"
    r"\b(?:may|must|should|are|is|can)\s*(?:not|n't)\s+be\s+used\b"
)
_NON_BUSINESS = keyed(
    r"\bnon-?business\b|\bpersonal (?:use|purposes?|messages?|matters|business|reasons)\b|\bnot related to (?:work|business)\b"
)


# Off-duty staff kept out of the outside non-working areas (Tri-County Medical Center, 1976): a rule limited to the
# inside of the building or to working areas is lawful.
# Distribution may be banned in work areas at any time, solicitation only during working time (Stoddard-Quirk,
# 1962; Our Way, 1983): a ban on soliciting "in all work areas" reaches breaks spent there.
_SOLICIT_IN_AREAS = keyed(
    r"\bsolicit\w*\b(?:(?!distribut|literature)[^.;]){0,60}?\b(?:in|within|throughout|anywhere in) (?:all |any |the )?"
    r"(?:work(?:ing)? areas?|departments?|units?)\b"
)
_TIMED = keyed(
    r"\bworking time\b|\bwork time\b|\bwhile (?:on duty|working)\b|\bduring (?:your |their )?(?:work|shifts?)\b"
)
_OFF_DUTY = keyed(r"\boff[- ]duty\b")
_OUTSIDE_AREAS = keyed(
    r"\bparking (?:lots?|areas?|garages?)\b|\bgrounds\b|\bgates?\b|\boutside (?:areas|the building)\b|"
    r"\bfor any (?:reason|purpose)\b|\b(?:company|our) property\b"
)
_INSIDE_ONLY = keyed(
    r"\binside (?:of )?the (?:plant|building|store|hospital|facility)\b|\bworking areas?\b|\binterior\b"
)


@detector(
    "nlra.working-time",
    (*tokens_of(_TIME_PLACE), *tokens_of(_OFF_DUTY), *tokens_of(_EQUIPMENT), *tokens_of(_SOLICIT_IN_AREAS)),
)
def working_time(unit: str) -> str | None:
    """``"place"`` for a ban on talk, solicitation or distribution during working hours, on company time or
    anywhere on the premises (or on solicitation anywhere in work areas, which takes in breaks spent there);
    ``"equipment"`` for a ban on any personal use of company email or computers; ``"access"`` for one keeping
    off-duty staff out of the parking lot and other outside areas."""
    if _SOLICIT_IN_AREAS.search(unit) and not _TIMED.search(unit) and prohibited(unit):
        return "place"
    off_duty = bool(_OFF_DUTY.search(unit))
    if (
        not _TIME_PLACE.search(unit)
        and not off_duty
        and not (_EQUIPMENT.search(unit) and _NON_BUSINESS.search(unit))
    ):
        return None
    r = read(unit)
    if r.binds != "staff" or r.force != "prohibition":
        return None
    if off_duty and _OUTSIDE_AREAS.search(unit) and not _INSIDE_ONLY.search(unit):
        return "access"
    if _EQUIPMENT_BAN.search(unit):
        return (
            "equipment"  # "Shop-floor computers may not be used for social media at any time": what is used
        )
    scope = f"{r.scope} {unit}"
    times = [m.group(0).lower() for m in _TIME_PLACE.finditer(unit)]
    if (
        times
        and all(t == "at any time" for t in times)
        and (_CONFIDENTIAL.search(unit) or _KEEP_SECRET.search(unit))
    ):
        # "must not share confidential material at any time": "at any time" says "never", not when
        return None
    if _ACTIVITY.search(scope) and _TIME_PLACE.search(unit) and not _LAWFUL_TIME.search(unit):
        if "breaks" in unit.lower() and not re.search(r"including breaks|breaks and meal", unit, _I):
            return None
        return "place"
    if (
        _EQUIPMENT.search(unit)
        and _NON_BUSINESS.search(unit)
        and not re.search(r"security|software|install", unit, _I)
    ):
        return "equipment"
    return None


# --------------------------------------------------------------------------- investigations

_INVESTIGATION = keyed(
    r"\b(?:investigations?|investigated|under investigation|(?<!candidate's )(?<!applicant's )(?<!job )interviews?|"
    r"(?:harassment|workplace|internal|hr|your|"
    r"their|a|any|the) complaints?|complaint (?:you|they) (?:have )?(?:made|filed)|files? (?:a|an) (?:\w+ )?complaint|"
    r"investigators?|"
    r"reports? (?:of )?(?:harassment|discrimination|retaliation|misconduct)|disciplinary (?:meetings?|hearings?)|"
    r"meetings? (?:at which|where) (?:your |their )?(?:possible |own )?discipline|"
    r"(?:their|your) own discipline|disciplinary (?:matters|investigations?))\b"
)
_WHILE_OPEN = keyed(
    r"\b(?:while (?:the |an |it is |it's )?(?:investigation )?(?:is )?(?:open|ongoing|under way|pending|in progress)|"
    r"until (?:the investigation|it) (?:is )?(?:over|closed|complete\w*|concluded)|during (?:the|an|any) investigation|"
    r"for the duration of|while it is ongoing)\b"
)
_HUSH = keyed(
    r"\b(?:confidential\w*|secret|private|discuss\w*|talk\w*|share\w*|disclos\w*|not to (?:discuss|share))\b|"
    r"\bto (?:yourself|yourselves|themselves|himself|herself)\b"  # "keep what you told us to yourself"
)


_TAILORED = keyed(
    r"\bprotect (?:a |the )?witness(?:es)?\b|\bpreserve (?:the )?evidence\b|\bprevent a cover-?up\b|"
    r"\bevidence (?:will|would|could|might) be destroyed\b|\bspecific (?:risk|reason)\b"
)


def _tailored_request(unit: str) -> bool:
    """Confidentiality an investigator may ask for in one investigation, for a reason the rule states."""
    return bool(
        _TAILORED.search(unit) and re.search(r"\b(?:may|can|might) (?:ask|request|require)\b", unit, _I)
    )


@detector("nlra.investigation-confidentiality", ("investigat", "interview", "complaint", "discipline"))
def investigation(unit: str) -> str | None:
    """``"open"`` for a gag on an investigation limited to while it is open, ``"always"`` for one without
    a limit, ``None`` for none."""
    if not _INVESTIGATION.search(unit) or re.search(
        r"\bpatients?\b|\bcustomers?\b|\breviews?\b|\bjournalists?\b|\breporters?\b|\bthe press\b|\bnews\b",
        unit,
        _I,
    ):  # (a reporter's interview is speaking to the press)
        return None
    if re.search(
        r"\byour own complaint\b.*\b(?:free|may|can)\b|\bfree\b.{0,60}\byour own complaint\b|\bstop you\b|\bdoes not stop\b",
        unit,
        _I,
    ):
        return None
    if _tailored_request(unit):
        return None  # confidentiality asked for in one investigation, for a stated reason (Stericycle's tailoring)
    r = read(unit)
    if r.binds != "staff" or r.force == "permission" or not _HUSH.search(r.scope or unit):
        return None
    instructed = re.search(r"\b(?:are|will be) (?:instructed|told|asked|directed) not to\b", unit, _I)
    if r.force not in ("prohibition", "duty") and not instructed and not _SECRET_STATEMENT.search(unit):
        return None
    return "open" if _WHILE_OPEN.search(unit) else "always"


# --------------------------------------------------------------------------- co-workers

_COWORKERS = keyed(
    r"\b(?:co-?workers?|colleagues?|other employees|fellow (?:employees|workers|staff)|other team members|"
    r"team members|other associates)\b"
)
_CONTACT = keyed(
    r"\b(?:friend\w*|follow(?:s|ing)? (?:them|co-?workers|colleagues|each other)|contact\w*|message\w*|reach\w* out|connect\w*|group chats?|organi[sz]e\w*|"
    r"personal (?:phone numbers?|emails?|contact)|call\w* (?:them|colleagues|co-?workers)|"
    r"(?:us(?:e|es|ing)|obtain\w*|keep\w*)\b[^.;]{0,60}\b(?:home address(?:es)?|(?:tele)?phone numbers?|e-?mail address(?:es)?|"
    r"staff rosters?|contact (?:details|information|lists?)))\b"
)
_CAUTION = keyed(r"\bthink (?:carefully|twice|hard) (?:about|before)\b")


@detector("nlra.contact-coworkers", tokens_of(_CONTACT), tokens_of(_COWORKERS), _COWORKERS.words)
def contact_coworkers(unit: str) -> bool:
    """A rule against contacting, "friending" or organising co-workers: talking to one another is the
    concerted activity the Act protects."""
    if not _COWORKERS.search(unit) or not _CONTACT.search(unit):
        return False
    if _CAUTION.search(unit):
        return True
    if _CONCRETE.search(unit):
        return False
    if re.search(
        r"asked you to stop|report to them|subordinates|customers?\b|clients?\b|(?<!purposes )(?<!except as )\bfor business\b(?! purposes)|business messages",
        unit,
        _I,
    ):
        return False
    r = read(unit)
    return r.binds == "staff" and r.force == "prohibition" and bool(_CONTACT.search(r.scope))


# --------------------------------------------------------------------------- who staff may talk to

_ONLY_TO = keyed(
    r"\b(?:only|directly) (?:with|to|through) (?:your )?(?:immediate )?(?:supervisor|superior|manager|hr|human "
    r"resources|payroll|the company's internal channels|internal channels|management)|"
    r"\bonly through (?:the company's )?(?:internal|proper|appropriate) channels\b|"
    r"\brather than (?:posting|discussing|complaining|talking|going|airing)|\binstead of (?:to|posting|going|"
    r"taking)|\bnot to social media\b|\b(?:inside|within) the company\b|"
    r"\bbelongs? (?:on|in) (?:the company's |our )?internal (?:channels|systems|forums|platforms)\b|"
    r"\bnot the place for (?:it|them|this|that|complaints|disagreements|criticism)\b|"
    r"\bthe place to (?:settle|raise|resolve|take|air|discuss) (?:it|them|this|that|concerns|complaints)\b|"
    r"\bthrough (?:the )?(?:appropriate |proper )?internal channels\b.{0,30}\bnever\b|"
    r"\bnever (?:through|on|in) (?:public|online|social)\b|"
    r"\bmust be (?:taken|brought|raised|directed|reported) (?:only )?(?:to|with) (?:your |his or her |their |the )?(?:immediate )?"
    r"(?:manager|supervisor|hr|human resources|people \w+|management|team leader)|"
    r"\bcomplaining to (?:your )?(?:fellow employees|co-?workers|colleagues) will not\b|"
    r"\b(?:outside|beyond) the company\b|\bnever (?:be )?discussed with colleagues\b|"
    r"\bwith anyone other than (?:hr|human resources|your manager|payroll)\b|\bto (?:yourself|yourselves)\b|"
    r"\boutside (?:the |your )?chain of command\b|"
    r"\bnot (?:share|discuss|raise|mention) (?:it|them|this|these|those|concerns|problems|complaints) with (?:your )?"
    r"(?:co-?workers|colleagues|other employees|each other|fellow employees)\b"
)
_CONCERNS = keyed(
    r"\b(?:complain\w*|concerns?|grievances?|problems?|disagreements?|issues?|questions? about your pay|unhappy|"
    r"dissatisf\w*|(?:something|anything) (?:at|about) work|"
    r"pay|schedule|shifts?|work-related|workplace)\b"
)
_FREE = keyed(
    r"\bnever required\b|\bthe choice is yours\b|\balso your right\b|\bany manager\b|\bencouraged\b"
)


@detector(
    "nlra.restricted-audience",
    tokens_of(_ONLY_TO),
    (
        "complain",
        "concern",
        "grievance",
        "problem",
        "disagreement",
        "issue",
        "question",
        "pay",
        "schedule",
        "shift",
        "work",
    ),
)
def restricted_audience(unit: str) -> bool:
    """A rule that sends complaints about work only to managers or HR, or keeps them inside the company:
    staff may take them to each other, to the public and to agencies."""
    if not _ONLY_TO.search(unit) or not _CONCERNS.search(unit) or _FREE.search(unit):
        return False
    r = read(unit)
    return r.binds == "staff" and r.force in ("duty", "prohibition")


# --------------------------------------------------------------------------- rules


def _names(doc: Document) -> tuple[str, ...]:
    return tuple(str(doc.answers[k]) for k in ("org_short", "organisation_name") if doc.answers.get(k))


def _alternative(ctx: Context, block: Block, rule_id: str, arg: object = None) -> Fix | None:
    """The slot's alternative whose text this rule does not flag."""
    return switch_to(ctx, block, lambda c: not hits(rule_id, plain(c.body), arg))  # type: ignore[arg-type]


def _suggest(fix: Fix | None, wording: str) -> str:
    if fix is not None and fix.kind is FixKind.SWITCH_ALTERNATIVE:
        return f"{fix.label}: the library's wording for this clause that avoids the problem. Or write, for example: {wording}"
    return f"For example: {wording}"


def _scan(
    doc: Document,
    ctx: Context,
    rule_id: str,
    message: str,
    wording: str,
    arg: object = None,
    profile: str = "presumed",
    views: str = "",
) -> Iterator[Finding]:
    def judge(u: Unit) -> Judged:
        fix = _alternative(ctx, u.block, rule_id, arg)
        return message + (_conflict(ctx, views) if profile == "disputed" else ""), {
            "fix": fix,
            "severity": _severity(ctx, profile),
            "suggestion": _suggest(fix, wording),
        }

    yield from flagged(doc, ctx, rule_id, judge, arg)  # type: ignore[arg-type]


def _kinds(rule_id: str, detect: Callable[[str], str | None], names: tuple[str, ...]) -> Check:
    """The check of a rule whose detector names the kind of rule it found (``detect``, one of ``names``): each
    kind's message, and where the authorities disagree their views, are the ``kinds`` of its entry in
    rules.toml."""
    kinds = rule_texts()[rule_id].get("kinds", {})
    if set(kinds) != set(names):
        raise ValueError(
            f"rules.toml [{rule_id}.kinds]: the detector finds {sorted(names)}, the file has {sorted(kinds)}"
        )

    def check(doc: Document, ctx: Context) -> Iterator[Finding]:
        def judge(u: Unit) -> Judged:
            said = kinds[detect(u.text)]
            profile = said.get("profile", "presumed")
            conflict = _conflict(ctx, said["views"]) if profile == "disputed" else ""
            return said["message"] + conflict, {"severity": _severity(ctx, profile)}

        yield from flagged(doc, ctx, rule_id, judge)

    return check


def _plain(rule_id: str) -> Check:
    """The check of a rule whose finding says the same wherever it is found: the message, the wording to
    suggest and, where the authorities disagree, the views are the ``finding`` of its entry in rules.toml."""
    found = rule_texts()[rule_id]["finding"]
    if not found.get("wording"):
        raise ValueError(f"rules.toml [{rule_id}.finding]: an NLRA finding suggests a wording; there is none")

    def check(doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from _scan(
            doc,
            ctx,
            rule_id,
            found["message"],
            found["wording"],
            profile=found.get("profile", "presumed"),
            views=found.get("views", ""),
        )

    return check


@rule("nlra.disparagement")
def rule_disparagement(doc: Document, ctx: Context) -> Iterator[Finding]:
    names = _names(doc)
    wording = (
        "'Do not post threats, harassment, or statements about the company, co-workers or customers that you "
        "know are false.'"
    )

    def judge(u: Unit) -> Judged:
        fix = _alternative(ctx, u.block, "nlra.disparagement", names)
        if disparaged(u.text, names) == "company":
            message = (
                "A ban on negative or damaging comments about the organisation or its management reaches "
                "protected criticism of pay, conditions and management."
            )
            profile = "presumed"
        else:
            message = (
                "A ban on negative comments about co-workers or customers, with no concrete conduct named."
            )
            profile = "disputed"
            message += _conflict(
                ctx,
                "Motor City Pawn Brokers (2020) held a rule against badmouthing co-workers lawful under Boeing; "
                "Claremont Resort (2005) and Stericycle (2023) read such rules as chilling talk about work",
            )
        return message, {
            "fix": fix,
            "severity": _severity(ctx, profile),
            "suggestion": _suggest(fix, wording),
        }

    yield from flagged(doc, ctx, "nlra.disparagement", judge, names)


rule("nlra.civility")(_plain("nlra.civility"))


def _defined_confidential(doc: Document, cache: dict[str, object]) -> str:
    if "confidential information" in defined_terms(doc):
        return "term"
    # A definition in a sentence of the text counts when it is narrow: one that "covers anything you learn at work"
    # defines nothing a reader can tell apart from pay and conditions, and the rules that use it stay undefined.
    return (
        "plain"
        if any(
            _PLAIN_DEFINITION.match(u.text)
            and _SPECIFIC.search(u.text)
            and not _BROAD.search(u.text)
            and not _OPEN_DEFINITION.search(u.text)
            and not (_PAY.search(u.text) and not _PAY_FREE.search(u.text))
            for u in doc_units(doc, cache)
        )
        else ""
    )


_CONFIDENTIAL_WORDING = (
    "'Do not disclose trade secrets, customers' personal data or unannounced financial results. This does "
    "not cover your own pay, hours or working conditions, which you are free to discuss.'"
)


@rule("nlra.confidential-broad")
def rule_confidential_broad(doc: Document, ctx: Context) -> Iterator[Finding]:
    def judge(u: Unit) -> Judged:
        fix = _alternative(ctx, u.block, "nlra.confidential-broad")
        message = "The rule keeps back everything internal or not public, which includes pay and conditions."
        if _PEOPLE_RE.search(u.text) or _PAY.search(u.text):
            profile = "presumed"
        else:
            profile = "overruled"
            if ctx.standard == "boeing":
                message += (
                    " Lawful under Boeing as LA Specialty Produce (2019) read it; Stericycle (2023), the Board's "
                    "current standard, overruled that case."
                )
        return message, {
            "fix": fix,
            "severity": _severity(ctx, profile),
            "suggestion": _suggest(fix, _CONFIDENTIAL_WORDING),
        }

    yield from flagged(doc, ctx, "nlra.confidential-broad", judge)


@rule("nlra.confidential-undefined")
def rule_confidential_undefined(doc: Document, ctx: Context) -> Iterator[Finding]:
    defined = _defined_confidential(doc, ctx.cache)
    fix = Fix(FixKind.DEFINE_TERM, "Define Confidential Information", {"term": "Confidential Information"})

    def judge(u: Unit) -> Judged:
        return "'Confidential' is used without a definition or examples." + _conflict(
            ctx,
            "Boeing (2017) treated plain confidentiality rules as lawful; OM 12-59 and "
            "Stericycle (2023) read an undefined one as reaching pay and conditions",
        ), {
            "fix": None if defined else fix,
            "severity": _severity(ctx, "disputed"),
            "suggestion": "Define Confidential Information narrowly with examples, and say it excludes pay, hours "
            "and working conditions. " + _suggest(None, _CONFIDENTIAL_WORDING),
        }

    yield from flagged(doc, ctx, "nlra.confidential-undefined", judge, defined)


@rule("nlra.confidential-pay")
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
                severity=_severity(ctx, "settled"),
            )
    # A definition in quotes in the running text ('"Confidential Information" means ...'), as imported policies write it.
    for u in doc_units(doc, ctx.cache):
        if '"' in u.text and _PAY.search(u.text) and not _PAY_FREE.search(u.text):
            for term in inline_terms(u.text):
                if re.search(r"confidential|non-?public", term, _I):
                    message = f"The definition of '{term}' reaches pay or employee information."
                    yield ctx.at("nlra.confidential-pay", message, u, severity=_severity(ctx, "settled"))
                    break

    def judge(u: Unit) -> Judged:
        fix = _alternative(ctx, u.block, "nlra.confidential-pay")
        wages = bool(_WAGES.search(u.text))
        return (
            "Pay, benefits, schedules or working conditions are treated as confidential."
            if wages
            else "Information about employees (names, contact details, personnel records) is treated as confidential.",
            {
                "fix": fix,
                "severity": _severity(ctx, "settled" if wages else "presumed"),
                "suggestion": _suggest(
                    fix, "'You are free to discuss your pay, benefits and schedule with anyone.'"
                ),
            },
        )

    yield from flagged(doc, ctx, "nlra.confidential-pay", judge)


_WAGES = keyed(
    r"\b(?:pay|paychecks?|salar(?:y|ies)|wages?|compensation|bonus(?:es)?|benefits|earnings|remuneration|"
    r"terms and conditions|working conditions|terms of (?:your )?employment|schedules?|hours|rotas?|"
    r"(?:what|how much) (?:you|they|we|employees|staff) (?:earn|make|are paid|get paid)|"
    r"terms of (?:this|the|your|any) (?:agreement|settlement|separation|severance)|severance|settlement)\b"
)


rule("nlra.prior-approval")(_plain("nlra.prior-approval"))


@rule("nlra.logos")
def rule_logos(doc: Document, ctx: Context) -> Iterator[Finding]:
    wording = "'Do not use our logo or trademarks to make a post look official or to sell something.'"

    def judge(u: Unit) -> Judged:
        fix = _alternative(ctx, u.block, "nlra.logos")
        if _NAME.search(prohibited(u.text) or ""):
            message, profile = "A blanket ban on using the organisation's name in posts.", "presumed"
        else:
            message, profile = "A blanket ban on logos, marks or uniforms in posts.", "disputed"
            message += _conflict(
                ctx,
                "OM 11-74 and OM 12-31 found blanket logo bans unlawful; Boeing (2017) and GC 18-04 put rules on "
                "logos and intellectual property in the lawful Category 1",
            )
        return message, {
            "fix": fix,
            "severity": _severity(ctx, profile),
            "suggestion": _suggest(fix, wording),
        }

    yield from flagged(doc, ctx, "nlra.logos", judge)


_NAME = keyed(
    r"\b(?:company|organi[sz]ation|employer|firm|store|hospital)(?:'s)? name\b|\bname,? (?:or|and) logo"
)


rule("nlra.photography")(_plain("nlra.photography"))


rule("nlra.media-contact")(_kinds("nlra.media-contact", media_contact, ("agency", "ban", "refer")))


rule("nlra.legal-matters")(_plain("nlra.legal-matters"))
rule("nlra.walkout")(_plain("nlra.walkout"))
rule("nlra.company-interests")(_plain("nlra.company-interests"))


rule("nlra.report-colleagues")(_plain("nlra.report-colleagues"))


rule("nlra.disclaimer-every-post")(_plain("nlra.disclaimer-every-post"))


@rule("nlra.savings-clause")
def rule_savings(doc: Document, ctx: Context) -> Iterator[Finding]:
    def judge(u: Unit) -> Judged:
        if _SPECIFIC_RIGHTS.search(u.block.text):
            return None  # the clause names the rights after all
        return "A generic savings clause is relied on; it does not make overbroad rules lawful.", {}

    yield from flagged(doc, ctx, "nlra.savings-clause", judge)


rule("nlra.accuracy")(_plain("nlra.accuracy"))


rule("nlra.working-time")(_kinds("nlra.working-time", working_time, ("access", "equipment", "place")))


rule("nlra.investigation-confidentiality")(
    _kinds("nlra.investigation-confidentiality", investigation, ("always", "open"))
)


rule("nlra.contact-coworkers")(_plain("nlra.contact-coworkers"))


rule("nlra.restricted-audience")(_plain("nlra.restricted-audience"))


# --------------------------------------------------------------------------- the learned reading


# Text as found (a policy imported from Markdown or Word) is written in drafting forms the patterns above have
# never met; the learned reading (checks/learned.py, docs/LEARNED.md) recognises far more of them, and mistakes
# more lawful sentences for unlawful ones, so it is a note unless a team's config raises it. It runs last, on
# the rules for staff that no rule of this family has quoted, and only on text as found: the library's own
# clauses are read by the patterns they were written against (and the model learned them as lawful).
@rule("nlra.resembles-unlawful")
def rule_resembles(doc: Document, ctx: Context) -> Iterator[Finding]:
    if doc.source_kind == "project" and doc.template_id != "imported":
        return  # (an imported policy saved as a project stays text as found)
    from socialpolicy.checks import learned

    model = learned.model()
    quoted = {(clause, text) for family, clause, text in ctx.cache.get("quoted", ()) if family == "nlra"}
    # It reads a sentence alone: one that uses a term the document defines ("Do not disclose Confidential
    # Information") means what the definition says, which the patterns read and it cannot.
    terms = sorted(defined_terms(doc), key=len, reverse=True)
    uses_term = re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\b", _I) if terms else None
    for u in doc_units(doc, ctx.cache):
        if (u.block.clause_id, u.text) in quoted or len(u.text) < 25 or u.text.rstrip().endswith(":"):
            continue  # (a lead-in alone says nothing yet: its items are read with it)
        if uses_term is not None and uses_term.search(u.text):
            continue
        if governed(u.text) is None:
            continue  # not a rule for staff: a right, a promise, a question, a scope, a sanction alone
        score = model.score(u.text)
        if score < model.threshold:
            continue
        near = next((n for n in model.neighbours(u.text, k=5) if n.label == "unlawful"), None)
        closest = (
            f" The closest of them: \u201c{near.text}\u201d ({_short_source(near.source)})." if near else ""
        )
        message = (
            "It reads like the rules the NLRB has held unlawful, though no pattern of the checker recognises it "
            f"(a reading learned from {len(model.rules):,} labelled rules rates it {score:.2f}, and notes any "
            f"sentence from {model.threshold:.2f}).{closest}"
        )
        yield ctx.at("nlra.resembles-unlawful", message, u)


def _short_source(name: str) -> str:
    """A corpus source as a citation in a message: its name before any gloss ("Flex Frac Logistics, 358 NLRB
    No. 127" of "Flex Frac Logistics, 358 NLRB No. 127 (2012), enf'd ...")."""
    short = re.split(r" \(|: |; ", name, maxsplit=1)[0]
    return short if len(short) <= 100 else short[:99].rstrip() + "\u2026"
