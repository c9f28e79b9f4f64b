"""A reading of one work rule: its force, who it binds, what it governs, and the parts of that.

The legal-risk rules (``nlra``, ``public``) are written over this reading, not over phrase lists. For a
sentence (or a list item read with the lead-in that introduces it, see :func:`text.analysed`) it says:

- **force**: ``prohibition`` (don't, may not, refrain from, avoid, never, no one should, it's not OK to,
  ... is prohibited, will not be tolerated, any employee who ... will be disciplined, I agree not to),
  ``duty`` (must, shall, are expected to, ensure that, I agree to), ``permission`` (you may, you are
  free to, nothing here limits, you do not need) or ``none``;
- **binds**: ``staff`` (everyone the policy covers), ``role`` (managers, HR staff, investigators,
  spokespeople, whoever runs the official accounts: not a rule for staff speaking for themselves) or
  ``organisation`` (a promise the employer makes: "we will never ask for your password");
- **scope**: the words the force governs ("negative comments about the company" in "Employees must not
  post negative comments about the company"), and its **parts**: the coordinated pieces of the scope
  ("do not post harassing comments, and do not criticise managers" has two), so that a narrowing word
  qualifies only the part it stands in;
- **discipline** and **acknowledgement**: whether a threat of discipline or an "I understand / I agree"
  form carries the rule.

Plain Python over normalised text (typography is already ASCII here). spaCy was measured for this job
and is far over the checker's time budget (docs/BENCHMARKS.md, "A general reading of rules").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from socialpolicy.checks.text import (
    NO_ANSWER,
    ONLY_ANSWER,
    RULE_ANSWER,
    YES_ANSWER,
    AnyPattern,
    folded,
    keywords,
    keywords_in,
)

_I = re.IGNORECASE

# Who a sentence is about, as the subject of its verb.
_STAFF = (
    r"you|employees?|staff(?: members?)?|workers?|associates?|team members?|members of staff|personnel|residents|"
    r"nurses|physicians|drivers|agents|volunteers|interns|trainees|contractors|crew(?: members)?|partners|witnesses|"
    r"everyone|anyone|colleagues|users|people|individuals|all (?:staff|employees|team members|associates)|"
    r"each (?:employee|team member|associate)|we all|i"
)
_NEG = (
    r"do not|don't|dont|does not|doesn't|must not|mustn't|may not|cannot|can't|can not|should not|shouldn't|"
    r"shall not|will not|won't|are not to|is not to|am not to|never|are not allowed to|are not permitted to|"
    r"is not allowed to|is not permitted to|are prohibited from|is prohibited from|are forbidden to|"
    r"are forbidden from|are barred from|are not authori[sz]ed to|aren't allowed to|aren't permitted to|"
    r"isn't allowed to|isn't permitted to|are not supposed to|is not supposed to|aren't supposed to|"
    r"(?:are|is) (?:strongly )?discouraged from|are cautioned against|are (?:asked|requested|instructed) not to|"
    r"are never to|is never to"
)
# The employer as the subject of a rule for staff: "The company prohibits ...", "We do not allow employees to ...",
# "Management reserves the right to discipline anyone who ...", "We have zero tolerance for ...".
_EMPLOYER = (
    r"(?:the (?:company|organi[sz]ation|employer|firm|business|hospital|store|bank|practice|agency)|"
    r"our (?:company|organi[sz]ation)|management|we|hr|human resources)"
)
_BANS = (
    r"(?:strictly\s+)?(?:prohibits|forbids|bans|bars|(?:does|do|will) not (?:allow|permit|tolerate|accept)|"
    r"(?:doesn't|don't|won't) (?:allow|permit|tolerate|accept)|(?:has|have) (?:a )?zero[- ]tolerance(?: policy)? "
    r"(?:for|of|towards?)|reserves? the right to (?:discipline|dismiss|terminate|take (?:disciplinary )?action against))"
)
_ASKS = r"(?:requires|require|expects|expect|asks|ask|requests|request|instructs|instruct|directs|direct)"
_WHOM = (
    r"(?:(?:any|all|every|each)\s+)?(?:employees?|staff(?: members?)?|team members?|associates?|workers?|anyone|"
    r"everyone|you|people)"
)
# A values pledge in the first person plural binds staff: "We will not make negative comments about ...".
_PLEDGE_VERBS = (
    r"(?:say|make|post|critici[sz]e|discuss|talk|gossip|take part|engage|speak|complain|bad-?mouth|comment|"
    r"disparage|listen|share (?:our|anything|what)|represent)"
)
_EMPLOYER_RULE = folded(
    rf"^{_EMPLOYER}\s+(?:{_BANS}|{_ASKS}\s+(?:that\s+)?{_WHOM}\b)|"
    rf"^we\s+(?:(?:will|shall|do|must|should)\s+)?(?:not\s+|never\s+|always\s+)?{_PLEDGE_VERBS}\b",
    _I,
)
# Words after a negation that make it a permission or a promise, not a rule for staff.
_RELIEF = folded(
    r"^(?:\w+\s+)?(?:need|needs|have to|has to|hesitate|worry|mind|stop|stops|prevent|prevents|limit|limits|"
    r"restrict|restricts|apply|applies|mean|means|require|requires|include|includes|cover|covers|count|counts|"
    r"affect|affects|interfere with your|interferes with your|expect|expects|change|changes|ask (?:you )?for|"
    r"ask to see|request|retaliate|punish|discipline you|be disciplined for|monitor|read)\b|"
    # "... makes sure that no one can stop you from ...": a protection, not a ban
    r"^(?:no one|nobody|nothing)\s+(?:can\s+|may\s+|will\s+|is allowed to\s+)?(?:stop|stops|prevent|prevents|"
    r"limit|limits|restrict|restricts)\b",
    _I,
)
_ORGANISATION = folded(
    r"^(?:please\s+)?(?:we|the (?:company|organi[sz]ation|employer|firm|business|hospital|store|bank)|"
    r"our (?:company|organi[sz]ation)|management|hr|human resources|nothing in (?:this|these|the|our)\b[^.]{0,40})"
    r"\b(?:\s+\w+ly)?\s+(?:will|shall|do|does|must|may|can|should|are|is|never|not|won't|don't|doesn't)\b",
    _I,
)
_ROLE = folded(
    r"^(?:only\s+)?(?:(?:the\s+|an?\s+)?(?:managers?|supervisors?|hr staff|human resources staff|investigators?|"
    r"spokes(?:person|people)|approved spokespeople|authori[sz]ed (?:spokespeople|employees)|"
    r"(?:staff|employees|people) who (?:run|manage|answer|handle|conduct|have access|post on)\b[^,]{0,60}|"
    r"(?:brokers?|registered representatives?)|(?:hr|payroll|it|legal) (?:staff|team|department)|"
    r"employees authori[sz]ed by [^,]{0,40}|those who)\b)",
    _I,
)

_EMPLOYER_BAN = folded(
    rf"^{_EMPLOYER}\s+{_BANS}\s+(?:{_WHOM}\s+)?(?:(?:to|from|who|whose|for|that)\s+)?(?P<rest>.*)", _I
)

# "You could be disciplined, up to dismissal, if you ...", "Staff may be dismissed if they ...": the act warned of.
_WARNED = folded(
    rf"^(?:{_STAFF})\s+(?:could|may|might|will|can|would)\s+(?:also\s+|yourself\s+|themselves\s+)?"
    r"(?:be\s+(?:\w+\s+)?(?:disciplined|dismissed|fired|terminated|discharged|sacked|let go|sanctioned|held (?:responsible|"
    r"accountable|liable)(?: (?:yourself|themselves))?)|face\s+(?:\w+\s+)?(?:discipline|disciplinary action|dismissal|"
    r"termination|sanctions?|consequences)|receive\s+(?:a\s+)?(?:written\s+|verbal\s+|final\s+)?warning|"
    r"get\s+(?:a\s+)?(?:written\s+)?warning)\b[^.;]{0,60}?,?\s+(?:(?:if|when|whenever|should)\s+(?:you|they|he or she|"
    r"an? \w+)\s+|for\s+(?=(?:any|anything|conduct|posting|posts?|comments?|behaviou?r|\w+ing)\b))(?P<rest>.*)",
    _I,
)
# "What is not acceptable is content that threatens ...": the pseudo-cleft names what is forbidden after it.
_CLEFT = folded(
    r"\bwhat (?:is|we do not|we don't|will not be)\s+(?:\w+\s+)?(?:not (?:acceptable|allowed|permitted|ok|okay|tolerated)|"
    r"forbidden|prohibited|banned|unacceptable|allow|permit|tolerate|tolerated)\s+is\s+(?P<rest>.*)",
    _I,
)

_PROHIBITIONS = (
    # "No one should ...", "No employee may ..."
    folded(
        r"(?:^|(?<=[;:] ))(?:please\s+)?(?:no one|nobody|no employee|no team member|no staff member|no associate|"
        r"no worker)(?:\s+else)?\s+(?:should|may|shall|must|can|will|is (?:allowed|permitted) to)\s+(?:ever\s+)?"
        r"(?P<rest>.*)",
        _I,
    ),
    # "Nothing staff publish in a personal capacity may damage ...", "..., and nothing you post should be ..."
    folded(
        r"(?:^|(?<=, and )|(?<=; ))(?P<rest>nothing (?:that )?(?:you|staff|employees|we|they|team members|associates|"
        r"personnel|colleagues|workers)\s+(?:\w+\s+){0,2}?(?:post|publish|share|write|say|upload)\w*\b.*?"
        r"\b(?:may|should|must|can|shall|will)\s+(?:ever\s+)?\w+.*)",
        _I,
    ),
    # "It's not OK to ...", "It is unacceptable for employees to ..."
    folded(
        r"\bit(?:'s| is| will be)\s+(?:not (?:ok|okay|acceptable|appropriate|allowed|permitted|right)|"
        r"unacceptable|inappropriate|forbidden|prohibited|against (?:\w+ ){0,2}(?:policy|rules|code|guidelines)|"
        r"an? (?:breach|violation|infraction) of (?:\w+ ){0,3}(?:policy|rules|code|guidelines|standards)|"
        r"(?:gross )?misconduct|an? (?:disciplinary |dismissable |sackable )?offen[cs]e)\s+"
        r"(?:for (?:\w+\s+){1,3})?to\s+(?P<rest>.*)",
        _I,
    ),
    # A subject with a negated modal: "Employees may not ...", "You should never ...", "I agree not to ..."
    folded(
        rf"(?:^|[:;,]\s*|\b(?:{_STAFF})\s+(?:\w+ly\s+)?(?:(?:must|should|shall|will|agree|understand that i (?:may|must|will)|"
        rf"understand (?:that )?i)\s+)?)(?:(?:please|also|simply|and|or|so|to)\s+)?(?P<neg>{_NEG})(?:[\s,]+|$)"
        rf"(?:ever\s+|at any time,?\s+|be (?:allowed|permitted) to\s+|\w+ly\s+)?(?P<rest>.*)",
        _I,
    ),
    # "I agree not to ...", "... agree never to ..."
    folded(r"\bagree(?:s)?\s+(?:not|never)\s+to\s+(?P<rest>.*)", _I),
    # "... refrain from ...", "... avoid ...", anywhere in the rule
    folded(
        r"\b(?:refrain(?:s|ing)? from|avoid(?:s|ing)?|hold(?:s|ing)? back from|hold(?:s|ing)? off(?: on)?|"
        r"steer(?:s|ing)? clear of|stay(?:s|ing)? away from|keep(?:s|ing)? away from)(?:\s+|$)(?P<rest>.*)",
        _I,
    ),
    # Any other subject with a negated modal: "Your posts must not reveal ...", "Staff who ... may not ..."
    folded(
        r"\b(?:must|may|shall|should)\s+(?:not|never)(?:[\s,]+|$)(?P<rest>.*)|"
        r"\b(?:are|is) not (?:permitted|allowed|authori[sz]ed) to\s+(?P<rest2>.*)",
        _I,
    ),
    # "Never ...", "Don't ...", "Do not ..." at the start of a rule or of a clause after a colon or semicolon
    folded(
        r"(?:^|[:;?]\s*|\s-\s+)(?:please\s+|and\s+|also\s+|then\s+)?(?P<neg>never|don't|dont|do not)\b\s*(?P<rest>.*)",
        _I,
    ),
    # "Ensure that nothing you post reveals ...", "Make sure your posts do not ..." (not a purpose: "HR reviews each
    # case, to make sure the post is not protected", "in order to ensure ...")
    folded(
        r"(?<!, to )(?<!in order to )\b(?:ensure|make sure|be sure|take care)\b(?: that)?\s+(?P<rest>(?:nothing|no )\b.*|.*?\b(?:do|does|will|are|is|can)"
        r"\s*(?:not|n't)\b.*)",
        _I,
    ),
    # "Keep anything that makes us look bad off social media": what is to be kept off
    folded(
        r"\bkeep(?:s|ing)?\s+(?P<rest>.{1,120}?)\s+(?:off|out of)\s+(?:social media|the internet|online|your (?:posts|"
        r"accounts|profiles?)|facebook|instagram|tiktok|linkedin|x|twitter|public (?:sites|forums))\b",
        _I,
    ),
    folded(r"\bkeep(?:s|ing)? (?:off|out of) (?:social media|the internet|your posts) (?P<rest>.+)", _I),
    # "The logo may appear in your posts only with approval": the act without it is forbidden
    folded(
        r"^(?P<rest>[^;:]{1,140}?\b(?:may|can|are allowed to|is allowed to|are permitted to|is permitted to)\s+(?:be\s+)?"
        r"[^;:]{1,100}?),?\s+only\s+(?:with|after|if|once|when|where|by|through|in|as)\b",
        _I,
    ),
    # "Our advice is that you not talk about this case", "We recommend that you do not ..."
    folded(
        r"\b(?:our advice is|we (?:advise|recommend|ask|suggest)|it is (?:advised|recommended))\s+that\s+(?:you|employees|"
        r"staff|associates)\s+(?:do\s+)?not\s+(?P<rest>.*)",
        _I,
    ),
    # "Under no circumstances may employees ...", "At no time should staff ..."
    folded(
        r"\b(?:under no circumstances|at no time|in no case|on no account)\b,?\s+(?:should|may|can|will|shall|must|"
        r"are|is|do|does|would)\s+(?P<rest>.*)",
        _I,
    ),
    # "You're not allowed to ..."
    folded(
        r"\b(?:you|we|they)'re\s+not\s+(?:allowed|permitted|authori[sz]ed|supposed)\s+to\s+(?P<rest>.*)", _I
    ),
    # "The company prohibits employees from ...", "We have zero tolerance for ...", "... reserves the right to discipline"
    _EMPLOYER_BAN,
    # "We will not make negative comments about ...", "We never discuss ..."
    folded(rf"^we\s+(?:(?:will|shall|do|must|should)\s+)?(?:not|never)\s+(?P<rest>{_PLEDGE_VERBS}\b.*)", _I),
    # "We ask that you not ...", "The company asks employees not to ..."
    folded(rf"^{_EMPLOYER}\s+{_ASKS}\s+(?:that\s+)?{_WHOM}\s+(?:do\s+)?not\s+(?:to\s+)?(?P<rest>.*)", _I),
    # "Staff who are unsure whether it is confidential should say nothing until ...": the whole rule is its scope
    folded(
        r"^(?P<rest>.*\b(?:must|should|shall|will|is to|are to|are expected to|is expected to)\s+(?:say|post|share|send|"
        r"disclose|reveal|publish|write|discuss|put|tell \w+)\s+nothing\b.*)",
        _I,
    ),
)
_PASSIVE = folded(
    r"^(?P<rest>.*?)\b(?:will not be (?:tolerated|accepted|permitted|allowed)|"
    r"(?:is|are|will be)\s+(?:strictly\s+|absolutely\s+)?"
    r"(?:prohibited|forbidden|banned|not (?:permitted|allowed|tolerated|acceptable|ok|okay)|"
    r"unacceptable|(?:not|never) to (?:appear|feature)\b|(?:not|never) to be (?:posted|shared|discussed|disclosed|taken|used|published|released|displayed|\w+ed|\w+en|"
    r"\w+wn|sent|said|told|put|kept|left|brought|made|read|heard|spread|sold|set)\b|"
    r"(?:as )?out of (?:place|bounds)|against (?:\w+ ){0,2}(?:policy|rules|code|guidelines)|"
    r"an? (?:breach|violation|infraction) of|off[- ]limits|not the (?:right )?place for)|"
    # "Posting X breaks this policy" bans X; "anyone who breaks this policy" only names them
    r"(?<!who )(?<!that )(?<!which )(?<!whoever )breaks? (?:\w+ ){0,2}(?:policy|rules|code)\b|"
    r"(?:must|should|shall|is to|are to)\s+(?:always\s+)?be\s+kept\s+(?:off|out of)\b|"
    r"(?:stays?|remains?|must stay|should stay|is to stay|are to stay)\s+(?:off|out of)\s+(?:social media|the internet|online)\b|"
    r"(?:must|may|should|shall|can|will)\s+(?:not|never)\s+(?:be\s+|appear\b)(?:\w+ed\b|\w+en\b)?)",
    _I,
)
_CONSEQUENCE = folded(
    r"^(?P<rest>.*?)\b(?:(?:may|will|could|can|might|shall)\s+(?:\w+\s+)?(?:lead to|result in|be subject to|be "
    r"grounds for|make you subject to|face|be disciplined|be (?:dismissed|fired|terminated|discharged|sacked|let go)|"
    r"bring|be held (?:responsible|accountable|liable)|be treated as (?:having )?(?:resigned|quit|abandoned)|"
    r"be treated as (?:\w+ )?(?:misconduct|a disciplinary (?:matter|offen[cs]e)))|(?:is|are|will be|constitutes?)\s+(?:a\s+)?"
    r"(?:grounds?|cause|reason) for|leads? to|results? in)\b(?:\s+\w+){0,3}?\s*(?:discipline|disciplinary|"
    r"disciplined|dismissal|termination|discharge|sanctions?|corrective action|action)?\b",
    _I,
)
# A sanction that names no act of its own ("Violations of Rules 1 through 5", "Other violations", "Breaking this
# chapter" ... may lead to discipline): the acts are the rules it points to, read where they stand.
_SANCTION_ONLY = re.compile(
    r"\s*(?:(?:any|all|other|a|an|such)\s+)?(?:violations?|breach(?:es)?|breaking|infractions?|non-?compliance|"
    r"misconduct)(?:\s*$|\s+(?:are|is|will|may|and)\b|(?:\s+(?:of|with))?\s+(?:(?:the|this|these|our|any)\s+)?"
    r"(?:rules?|polic(?:y|ies)|sections?|guidelines?|chapters?|codes?|standards?|provisions?|paragraphs?|"
    r"requirements?|it|them)\b)",
    _I,
)
# "No staff member (will be disciplined for ...)": the employer's promise, not a rule for staff.
_NO_ONE = re.compile(
    r"\s*no\s+(?:staff(?:\s+members?)?|employees?|associates?|team\s+members?|one|person|worker)\b", _I
)
_NO_ONE_PUNISHED = re.compile(
    _NO_ONE.pattern
    + r"[^.;]{0,40}?\b(?:will|shall|may|can|is to)\s+(?:ever\s+)?be\s+(?:disciplined|penali[sz]ed|"
    r"punished|retaliated against|dismissed|fired|terminated|treated (?:differently|less favou?rably))\b",
    _I,
)
_NOTHING_TO_BE = folded(
    r"^(?P<rest>(?:nothing|no \w+(?: \w+)?)\b.*?)\b(?:is|are|may|should|must|can|will|shall)\s+(?:to\s+)?(?:ever\s+)?(?:be\s+"
    r"(?:disclosed|shared|posted|discussed|released|revealed|published|passed on|given out|communicated|mentioned|"
    r"shown|displayed|uploaded)|appear|feature)\b|"
    r"^(?P<rest2>(?:nothing|no \w+(?: \w+)?)\b.*?)\b(?:may|should|must|can|will|shall)\s+(?:ever\s+)?go\s+(?:to|outside|beyond)\b",
    _I,
)
_ITSELF = folded(r"\b(?:it|its|us|our)\b", _I)
_FOR_ACT = folded(
    r"\s*(?:\w+\s+){0,2}?(?:for\s+(?P<rest>\w+ing\b.*)|(?:if|when|whenever|where)\s+(?P<rest2>.*))", _I
)
# What a passive ban says after its verb, in the same clause: "they are forbidden to make comments that ...",
# "Nothing should be posted that might hurt the company", "... is prohibited from sharing ...".
_PASSIVE_TAIL = folded(r"\s*(?P<rest>(?:to|from)\s+\w+.*|(?:that|which|if|when|where|unless)\b.*)", _I)
_SO_ARE = folded(r"[;,]\s*(?:and\s+)?so (?:are|is)\s+(?P<rest>.*)", _I)
_DISCIPLINE = folded(
    r"disciplin|dismiss|terminat|discharge|\bfired\b|\bsacked\b|\blet go\b|sanction|corrective action|grounds? for|"
    r"treated as (?:\w+ )?misconduct|"
    r"will not be tolerated|treated as (?:having )?(?:resigned|quit|abandoned)|"
    r"held (?:responsible|accountable|liable)",
    _I,
)
_WHO = folded(
    r"^(?:any|an|each|every)?\s*(?:employee|team member|associate|staff member|worker|one|person|employees|"
    r"team members|associates|staff|workers|people|anyone)s?\s+(?:who|that|found to)\s+(?P<rest>.*)",
    _I,
)
_NO_NOUN = folded(
    r"^(?:no|zero)\s+(?P<rest>(?:\w+\s+){0,3}?(?:posts?|postings?|comments?|photos?|photographs?|"
    r"pictures?|images?|videos?|recordings?|statements?|discussion|disparagement|criticism|use|"
    r"contact|solicitation|distribution)\b.*)",
    _I,
)

_DUTIES = (
    folded(
        rf"\b(?:{_STAFF})\s+(?:\w+ly\s+)?(?:must|shall|are required to|is required to|will be required to|"
        rf"have a duty to|has a duty to|are obliged to|are expected to|is expected to|need to|should always|"
        rf"should|agree to|agree that|understand that|will|undertake to|am expected to|am required to|"
        rf"undertakes to|warrants? that|represents? that|covenants? (?:that|to)|promises? (?:that|to)|"
        rf"(?:are|is) responsible for (?:making sure|ensuring)|(?:are|is) (?:instructed|told|directed|asked) to)\s+(?P<rest>.*)",
        _I,
    ),
    folded(
        r"^(?:please\s+|always\s+)?(?P<rest>(?:report|tell|notify|inform|alert|get|obtain|seek|ask|check|submit|"
        r"include|add|use|clear|run|keep|treat|maintain|hold|ensure|make sure|be sure|be|voice|take|raise|"
        r"bring|direct|refer|send|forward|think|express|respect|protect|follow|disclose|identify|resolve|"
        r"consult|speak|talk|discuss|post|share|limit|wait|show|leave|research|verify)\b.*)",
        _I,
    ),
    folded(
        r"^(?P<rest>.*?\b(?:must|shall|should|has to|have to|needs to|need to)\s+(?:be|first be|always be|only be)\s+.*)",
        _I,
    ),
    folded(r"^(?P<rest>.+?\b(?:is|are) to be\s+(?!posted|shared|discussed|disclosed).*)", _I),
    folded(r"\b(?:required|mandatory|compulsory)\b(?P<rest>.*)", _I),
    folded(r"(?<!, to )(?<!in order to )\b(?:ensure|make sure|be sure)\b(?: that)?\s+(?P<rest>.*)", _I),
    folded(
        r"\b(?:must|shall)\s+(?!not\b|never\b)(?P<rest>.*)", _I
    ),  # any subject: "Employees who ... must ..."
    # "The company requires every employee who ... to ...", "We ask that you ..."
    folded(rf"^{_EMPLOYER}\s+{_ASKS}\s+(?:that\s+)?{_WHOM}\b(?P<rest>.*)", _I),
    # "We will always speak well of ...", "We represent the hospital ..."
    folded(rf"^we\s+(?:(?:will|shall|must|should)\s+)?(?:always\s+)?(?P<rest>{_PLEDGE_VERBS}\b.*)", _I),
    # "If a regulator calls you, contact Legal first", "Until the investigation is over, please keep ...",
    # "Personal opinion or not, research your posts ..."
    folded(
        r"^(?:(?:if|when|whenever|where|should|until|once|before|after|while|during)\b[^,]{0,120}|[^,]{1,40} or not),"
        r"\s*(?:please\s+)?(?P<rest>(?:report|tell|notify|inform|"
        r"contact|call|refer|send|forward|ask|check|speak|talk|get|seek|direct|pass|say|make|state|add|include|"
        r"identify|disclose|note|mention|keep|treat|leave|show|research|verify|hold)\b.*)",
        _I,
    ),
)
_NOT_DUTY = folded(
    r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}(?:required|expected|obliged|need|have to|has to|duty)\b|"
    r"\b(?:do not|don't|does not|doesn't|need not|needn't)\s+(?:need|have)\s+to\b|"
    r"\bnot (?:your job|up to you)\b|\boptional\b|\bif you (?:wish|want|like|choose)\b|\bthough never required\b",
    _I,
)
_PERMISSION = folded(
    r"^(?:(?:you|employees|staff|team members|associates|everyone)\s+(?:(?:are|remain)\s+(?:free|welcome|"
    r"entitled|(?<!strongly )encouraged)\s+to|(?:may|can)\s+(?!not\b|never\b)|(?:have|has)\s+(?:the|a)\s+right\s+to|"
    r"do not need|don't need)|nothing (?:in|here)\b|this (?:policy|rule) does not|we (?:will )?never|"
    r"you are never required|our open-door)",
    _I,
)

# Where a scope divides into coordinated parts, each qualified on its own.
_PARTS = folded(
    r";\s*|\s+-\s+|,\s+(?:and|or|but|nor)\s+(?=(?:do not|don't|never|you|employees|they|we|also|not|no\b|"
    r"anything|any|avoid|refrain|keep|post|share|make|say|criticize|criticise|use|talk|discuss|comment|that|which|"
    r"disclose|reveal|take|record|contact|speak)\b)|\.\s+|:\s+(?=\S)|;\s*so are\b|\s+while\s+",
    _I,
)


class Reading(NamedTuple):
    force: str  # "prohibition", "duty", "permission" or "none"
    binds: str  # "staff", "role" or "organisation"
    scope: str  # the words the force governs ("" when it governs nothing)
    parts: tuple[str, ...]  # the coordinated parts of the scope
    discipline: bool  # a threat of discipline carries the rule
    acknowledgement: bool  # "I understand / I agree" form


_NONE = Reading("none", "staff", "", (), False, False)


def _binds(text: str) -> str:
    if _EMPLOYER_RULE.match(text):
        return "staff"
    if _ORGANISATION.match(text):
        return "organisation"
    if _ROLE.match(text):
        return "role"
    condition = _CONDITION.match(text) if "," in text else None
    if condition and _ROLE.match(text[condition.end() :]):  # "While it is open, an investigator may ..."
        return "role"
    return "staff"


_CONDITION = folded(r"^(?:while|when|during|if|where|once|until|before|after)\b[^,]{0,100},\s*", _I)


# For each pattern of _PROHIBITIONS, words (lower case) one of which a text must hold for it to match. They are
# keywords (text.keywords): the one automaton pass that finds every rule's words in a clause finds these too,
# so a pattern whose words a sentence lacks costs one set test.
_NEEDS = tuple(
    keywords(words)
    for words in (
        ("no one", "nobody", "no employee", "no team", "no staff", "no associate", "no worker"),
        ("nothing",),
        (
            "not ",
            "unacceptable",
            "inappropriate",
            "forbidden",
            "prohibited",
            "against",
            "breach",
            "violation",
            "misconduct",
            "offence",
            "offense",
        ),
        (
            "not",
            "n't",
            "never",
            "cannot",
            "prohibited",
            "forbidden",
            "barred",
            "discouraged",
            "cautioned",
            "supposed",
        ),
        ("agree",),
        ("refrain", "avoid", "hold back", "hold off", "steer clear", "stay away", "keep away"),
        ("not", "never"),
        ("not", "never", "n't"),
        ("ensure", "make sure", "be sure", "take care"),
        ("keep",),
        ("keep",),
        ("only",),
        ("advice", "advise", "recommend", "ask", "suggest"),
        ("circumstances", "at no time", "in no case", "no account"),
        ("'re not",),
        ("prohibit", "forbid", "ban", "bars", "allow", "permit", "tolerat", "accept", "zero", "reserve"),
        ("not", "never"),
        ("ask", "request", "expect", "require", "instruct", "direct"),
        ("nothing",),
    )
)
_PASSIVE_NEEDS = keywords(
    (
        "prohibited",
        "forbidden",
        "banned",
        "not",
        "unacceptable",
        "out of",
        "never",
        "against",
        "breach",
        "violation",
        "infraction",
        "off limits",
        "off-limits",
        "break",
        "place for",
        "kept",
        "stay",
        "remain",
    )
)
_CONSEQUENCE_NEEDS = keywords(
    (
        "disciplin",
        "dismiss",
        "terminat",
        "discharge",
        "fired",
        "sacked",
        "let go",
        "sanction",
        "corrective",
        "grounds",
        "tolerated",
        "held",
        "treated as",
        "misconduct",
    )
)


def _prohibition(text: str) -> str | None:
    """What ``text`` forbids (the words in the scope of the prohibition), or ``None``."""
    low = text.lower()
    if "what " in low:
        cleft = _CLEFT.search(text)
        if cleft:  # what comes before it is allowed ("complaints are welcome; what is forbidden is bullying")
            return cleft.group("rest")
    if " if " in low or " when" in low or " should " in low or " for " in low:
        warned = _WARNED.match(text)
        if warned:
            return warned.group("rest")
    found: list[str] = []
    present = keywords_in(text)
    m: re.Match[str] | None = None
    for pattern, needs in zip(_PROHIBITIONS, _NEEDS, strict=True):
        if needs.isdisjoint(present):
            continue
        for m in pattern.finditer(text):
            rest = m.group("rest") if m.group("rest") is not None else m.group("rest2")
            neg = (m.groupdict().get("neg") or "").lower()
            if neg == "never" and re.search(
                r"\b(?:we|company|employer|management|hr)\s+(?:will\s+)?$", text[: m.start("neg")], _I
            ):
                continue  # "We will never ask ...": the employer's promise
            if _RELIEF.match(rest):
                continue
            if pattern is _EMPLOYER_BAN and _ITSELF.search(rest):  # "... employees who criticise it online"
                rest = f"{rest} (the company)"
            # "Legal matters are for spokespeople; nobody else should comment on them": what "them" stands for
            # is in the scope
            before = text[: m.start()].rstrip()
            if before.endswith((";", ":")) and _PRONOUN.search(rest):
                rest = f"{before[:-1]}: {rest}"
            found.append(rest)
            break
    if low.startswith(("nothing ", "no ")):
        m = _NOTHING_TO_BE.match(text)
        if m:  # "Nothing confidential concerning the hospital is to be disclosed by staff"
            found.append(m.group("rest") or m.group("rest2"))
            tail = _PASSIVE_TAIL.match(text, m.end())
            if tail:  # "Nothing should be posted that might hurt the company"
                found.append(tail.group("rest"))
    for pattern in (_PASSIVE, _NO_NOUN):
        if pattern is _PASSIVE and _PASSIVE_NEEDS.isdisjoint(present):
            continue
        if pattern is _NO_NOUN and not low.startswith(("no ", "zero ")):
            continue
        m = pattern.match(text)
        if m and not _RELIEF.match(text[m.end() :].strip()):
            found.append(m.group("rest") or text)
            tail = _PASSIVE_TAIL.match(text, m.end()) if pattern is _PASSIVE else None
            if tail:
                found.append(tail.group("rest"))
            also = _SO_ARE.search(text, m.end())
            if also:  # "Harassment is forbidden; so are posts that ..."
                found.append(also.group("rest"))
    m = None if _CONSEQUENCE_NEEDS.isdisjoint(present) else _CONSEQUENCE.match(text)
    if m and _DISCIPLINE.search(text) and not _NO_ONE.match(m.group("rest")):
        rest = m.group("rest")
        who = _WHO.match(rest.strip())
        if not _SANCTION_ONLY.match(rest):  # "Violations of Rules 1 through 5 may lead to discipline": no act
            found.append(who.group("rest") if who else rest)
        act = _FOR_ACT.match(
            text, m.end()
        )  # "Staff will be disciplined for discussing their pay", "... if they post"
        if act:
            found.append(act.group("rest") or act.group("rest2"))
    return " ".join(dict.fromkeys(found)) if found else None


_DUTY_NEEDS = tuple(
    keywords(words) if words else None  # None: an imperative at the start, anchored and cheap
    for words in (
        (
            "must",
            "shall",
            "require",
            "duty",
            "oblige",
            "expected",
            "need to",
            "should",
            "agree",
            "understand",
            "will",
            "undertake",
            "warrant",
            "represent",
            "covenant",
            "promise",
            "instructed",
            "told",
            "directed",
            "asked",
            "responsible",
        ),
        (),
        ("must", "shall", "should", "has to", "have to", "needs to", "need to"),
        ("to be",),
        ("required", "mandatory", "compulsory"),
        ("ensure", "make sure", "be sure"),
        ("must", "shall"),
        ("require", "expect", "ask", "request", "instruct", "direct"),
        ("we ",),
        ("if ", "when", "where", "should", "until", "once", "before", "after", "while", "during", " or not"),
    )
)
_NOT_DUTY_NEEDS = keywords(("not", "never", "no ", "n't", "optional", "if you", "never required"))


# A condition before the rule: "Unless disclosure is required by law, associates shall ..." (its "required" is not the duty).
_UNLESS = folded(
    r"^(?:unless|except (?:where|when|as)|save (?:where|as)|other than where)\b[^,]{0,100},\s*", _I
)


def _duty(text: str) -> str | None:
    """What ``text`` obliges staff to do, or ``None`` (also when the duty is expressly lifted)."""
    condition = _UNLESS.match(text)
    if condition:
        text = text[condition.end() :]
    present = keywords_in(text)
    if not _NOT_DUTY_NEEDS.isdisjoint(present) and _NOT_DUTY.search(text):
        return None
    first: re.Match[str] | None = None
    for i, (pattern, needs) in enumerate(zip(_DUTIES, _DUTY_NEEDS, strict=True)):
        if needs is not None and needs.isdisjoint(present):
            continue
        m = pattern.match(text) if i == 1 else pattern.search(text)
        if m is not None and (first is None or m.start() < first.start()):
            first = m
    return first.group("rest") if first is not None else None


def parts_of(scope: str) -> tuple[str, ...]:
    """The coordinated parts of a scope (clauses joined by "; ", ", and do not", " - ", a lead-in and its item)."""
    return tuple(p.strip(" ,.") for p in _PARTS.split(scope) if p and p.strip(" ,."))


@lru_cache(maxsize=32768)
def read(unit: str) -> Reading:
    """The reading of one rule unit (normalised text: see :func:`text.normalise`)."""
    text = unit.strip()
    question, mark, answer = text.partition("? ")
    no = _NO_ANSWER.match(answer) if mark else None
    if no:  # "Can I tell a reporter about the dispute? No - ..."
        reason = answer[no.end() :].strip()
        asked = _ASKED_ACT.match(question)
        if asked:
            act = asked.group("act")
            discipline = bool(_DISCIPLINE.search(text))
            parts = (act, reason) if reason else (act,)
            return Reading("prohibition", "staff", f"{act}: {reason}", parts, discipline, False)
        if _NEEDS_STEP.match(question):  # "Do I need to ask Communications before I post? No; you may ..."
            reason = re.sub(r"^(?:but|however|though)\b[ ,]*", "", reason, flags=_I)
            told = read(reason) if reason else _NONE
            if told.force in ("prohibition", "duty"):
                return told  # "No, but do not name the client": the answer's own rule
            return Reading("permission", "staff", reason or question, (reason or question,), False, False)
    if mark and _ONLY_ANSWER.match(answer):  # "Can I talk to a reporter about it? Only if HR approves."
        asked = _ASKED_ACT.match(question)
        if asked:
            act = f"{asked.group('act')} without approval"
            return Reading(
                "prohibition",
                "staff",
                f"{act}: {answer}",
                (act, answer),
                bool(_DISCIPLINE.search(text)),
                False,
            )
    if mark and _YES_ANSWER.match(answer):  # "Do I need permission to start a page for my team? Yes."
        needed = _NEED_LEAVE.match(question)
        if needed:
            act = f"{needed.group('act')} without {needed.group('leave')}"
            said = answer[_YES_ANSWER.match(answer).end() :].strip()  # type: ignore[union-attr]
            parts = (act, said) if said else (act,)
            return Reading(
                "prohibition", "staff", f"{act}: {said}", parts, bool(_DISCIPLINE.search(text)), False
            )
    if mark and _ASKED_RULE.match(answer):  # "Would a post upset anyone? Then do not post it."
        told = read(answer)
        if told.force in ("prohibition", "duty"):
            scope = f"{told.scope.rstrip('. ')} when: {question}"
            return told._replace(
                scope=scope, parts=tuple(f"{p} when: {question}" for p in told.parts) or (scope,)
            )
        return told
    lead, sep, item = text.partition(": ")
    item = item.lstrip("-*+\u2022 ")  # a list the Markdown left in the paragraph: "...: - ask ... - wait ..."
    if (
        sep and item and len(lead) < 200 and _MODAL_END.search(lead)
    ):  # "In every exchange, associates must: be ..."
        return _read_one(f"{lead} {item}")
    if sep and item and len(lead) < 200:
        head = _read_one(lead)
        if head.force in ("prohibition", "duty"):
            scope = f"{head.scope}: {item}" if head.scope else item
            rest = _read_one(item)
            if rest.force == "prohibition" and head.force == "duty":
                return rest._replace(discipline=head.discipline or rest.discipline)
            return head._replace(scope=scope, parts=parts_of(item) or (item,))
        if head.force == "none":  # "If you have a problem at work: speak only to your supervisor"
            label = _LABEL.match(lead) is not None
            if label and _LABEL_BAN.match(
                item
            ):  # "Company logos: not to be used", "Pay: strictly confidential"
                scope = f"{lead}: {item}"
                return Reading("prohibition", "staff", scope, (lead, item), head.discipline, False)
            rest = _read_one(item)
            if rest.force != "none":
                if label and _PRONOUN.search(rest.scope):  # "Rumours about managers: don't pass them on"
                    scope = f"{lead}: {rest.scope}"
                    return rest._replace(scope=scope, parts=(lead, *rest.parts))
                return rest
    return _read_one(text)


_MODAL_END = folded(
    r"\b(?:must|shall|should|will|may|can|need to|agree to|are (?:expected|required|asked) to|is (?:expected|required) to)"
    r"(?:\s+(?:not|never|always))?$",
    _I,
)
# A question a policy answers "No" (an FAQ): what it asks about is forbidden.
_NO_ANSWER = folded(NO_ANSWER, _I)
_ASKED_ACT = folded(
    r"^(?:(?:can|may|could|should) (?:i|we|staff|employees|associates|you)|(?:am i|are we|are staff|are employees) "
    r"(?:allowed|permitted) to|is it (?:ok|okay|all right|alright|fine|acceptable) (?:for (?:me|us|staff) )?to)\s+(?P<act>.+)$",
    _I,
)
_ONLY_ANSWER = folded(ONLY_ANSWER, _I)
# A question whose answer "No" says a step is not needed: what it asks about is allowed without it.
_NEEDS_STEP = folded(
    r"^(?:do|does|must|should|will) (?:i|we|you|staff|employees|associates|team members|colleagues|members of staff) "
    r"(?:need to|have to|need|must|require|still need to)\b",
    _I,
)
_YES_ANSWER = folded(YES_ANSWER, _I)
# A question whose answer "Yes" makes an act wait for the employer's leave.
_NEED_LEAVE = folded(
    r"^(?:do|does|will|would) (?:i|we|you|staff|employees|associates|team members|colleagues) (?:need|have to get|"
    r"have to ask for|require) (?:an? |the |any )?(?:company'?s? |manager'?s? |management'?s? |hr'?s? )?"
    r"(?P<leave>permission|approval|sign-?off|consent|clearance|authori[sz]ation|ok|okay)"
    r"(?: (?:from|of) [^?]{1,60}?)? (?:to|before|for) (?P<act>.+)$",
    _I,
)
# The answer of a rule written as a question and its answer (text.analysed reads the two as one unit).
_ASKED_RULE = folded(RULE_ANSWER, _I)
# A lead-in that names a thing rather than saying when a rule applies: "Company logos", "Rumours about the company"
_LABEL = folded(
    r"^(?!(?:if|when|whenever|while|before|after|where|unless|once|as|for|in|on|at)\b)(?:\S+\s+){0,15}\S+$",
    _I,
)
_LABEL_BAN = folded(
    r"^(?:strictly\s+)?(?:not (?:to be|permitted|allowed)|never to be|prohibited|forbidden|banned|off[- ]limits|"
    r"confidential|secret|private|internal only)\b",
    _I,
)
_PRONOUN = folded(r"\b(?:it|them|these|those|this|that)\b", _I)
# "Failing to report ... will be disciplined": the act required, not forbidden.
_FAIL = folded(r"^(?:fail(?:s|ing|ure)?|neglect(?:s|ing)?|refus(?:e|es|ing)) (?:to\s+)?(?P<rest>.*)", _I)


# "As members of this team, we ...", "As an employee, you ...": who the rule is for, said before its subject.
_AS_MEMBERS = folded(
    r"^as (?:an? |the )?(?:members?|employees?|part|representatives?|ambassadors?|staff|associates?|team members?)"
    r"(?: of [^,]{1,40}?)?,?\s+(?=(?:we|you|i|employees|staff|team members|associates|everyone)\b)",
    _I,
)


# "Associates must, at every moment and whether or not they are working, act ...": the aside after the modal.
_MODAL_COMMA = re.compile(r"(?:must|shall|should|will|may|expected to),", re.IGNORECASE)
_ASIDE = folded(r"\b(must|shall|should|will|may|are expected to|is expected to),\s+[^,]{1,100},\s+", _I)


@lru_cache(maxsize=32768)
def _read_one(text: str) -> Reading:
    text = _AS_MEMBERS.sub("", text, count=1)
    if ", " in text and _MODAL_COMMA.search(text):
        text = _ASIDE.sub(r"\1 ", text, count=1)
    binds = _binds(text)
    acknowledgement = bool(re.match(r"^(?:i|we all)\b", text, _I))
    discipline = bool(_DISCIPLINE.search(text))
    if text[:3].lower() == "no " and _NO_ONE_PUNISHED.match(
        text
    ):  # "No staff member will be disciplined for ..."
        return _NONE._replace(binds="organisation", discipline=discipline)  # the employer's promise
    scope = _prohibition(text)
    if scope is not None:  # ("You may criticise ...; you may not threaten ...": what follows the permission)
        failed = _FAIL.match(scope)
        if failed and discipline:
            required = failed.group("rest")
            return Reading("duty", binds, required, parts_of(required), discipline, acknowledgement)
        return Reading("prohibition", binds, scope, parts_of(scope), discipline, acknowledgement)
    if _PERMISSION.match(text):
        _, but, after = text.partition(", but ")
        rest = _read_one(after) if but else _NONE
        if rest.force in (
            "prohibition",
            "duty",
        ):  # "Staff are welcome to disagree, but social media is not the place"
            return rest
        return Reading("permission", binds, text, (text,), False, acknowledgement)
    scope = _duty(text)
    if scope is not None:
        return Reading("duty", binds, scope, parts_of(scope), discipline, acknowledgement)
    return _NONE._replace(binds=binds, discipline=discipline, acknowledgement=acknowledgement)


def prohibited(unit: str) -> str | None:
    """What a rule for staff forbids, or ``None`` (rules for a role and the employer's promises are not)."""
    r = read(unit)
    return r.scope if r.force == "prohibition" and r.binds == "staff" else None


def duty(unit: str) -> str | None:
    """What a rule for staff requires, or ``None``."""
    r = read(unit)
    return r.scope if r.force == "duty" and r.binds == "staff" else None


def forbidding(pattern: AnyPattern, unit: str) -> str | None:
    """What a rule for staff forbids, when that holds a match of ``pattern`` (``"do not use the logo"``
    for the logo pattern), or ``None``; the unit is read only when it holds a match."""
    if not pattern.search(unit):
        return None
    scope = prohibited(unit)
    return scope if scope and pattern.search(scope) else None


def governed(unit: str) -> str | None:
    """What a rule for staff forbids or requires."""
    r = read(unit)
    return r.scope if r.force in ("prohibition", "duty") and r.binds == "staff" else None
