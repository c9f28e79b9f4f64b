"""Promises: two clauses of one document must not make promises that the other breaks.

A promise is an absolute statement about what the organisation will never do, or what staff never
need to do: "we will never ask for access to the account", "you never need to ask before posting",
"we do not watch or record protected activity", "reporting is your choice". Staff rely on such
sentences, and a regulator or a court may hold the organisation to them, so a promise that another
clause of the same document breaks ("connect your account to our archive", "static content must be
approved before it is posted", "we keep a copy of every Business Communication") is a defect: either
the promise names its exception, or the other clause changes.

Each :class:`Topic` pairs the wordings of one kind of promise with the wordings that break it. A
promise does not count when its own sentence qualifies it: it names an exception ("unless", "except",
"apart from"), limits it by purpose ("we never use these records to find out who...", "just
because"), or narrows it to a named subject ("you don't have to pass on posts about pay"); nor when
its own clause also states the thing that would break it, because then the clause states its own
exception. A breaking statement does not count when its clause reconciles it with the promise (for a
deletion, "the archive keeps the copy the law requires").

The rule reads the text of every clause, so it works on custom and imported text as well as on the
library. ``tests/core/test_promises_audit.py`` runs it over every pair of library clauses that any
answers can put in one document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from socialpolicy.checks import Context, Finding, rule
from socialpolicy.checks.text import analysed, excerpt, keywords
from socialpolicy.document import Block, Document, Section

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# A sentence that names its own exception, or limits the promise to a purpose, is not absolute.
_EXCEPTION = _re(
    r"\b(?:unless|except|apart from|other than|besides|beyond what|in any other way|the (?:only|one) exception|"
    r"as (?:the law|our records rules|the records rules) (?:requires?|allows?)|where the law|until|only where|only if)\b"
)
_PURPOSE = _re(
    r"\b(?:just|only|merely|solely|simply) because\b|\bbecause (?:of )?(?:it|they|what|its|their)\b|"
    r"\bfor that reason\b|\bto find out\b|\bto (?:identify|single out|see) who\b|\bin order to\b|\bfor the purpose of\b|"
    r"\b(?:use|used|uses|using) (?:\w+ ){0,4}?to (?:find|see|watch|identify|learn|score|target|single)\b"
)


@dataclass(frozen=True, eq=False)
class Topic:
    """One kind of promise: how it is worded, and how a statement that breaks it is worded."""

    id: str
    promised: str  # what the promise says, for the message
    promise: re.Pattern[str]
    breach: re.Pattern[str]
    promise_keys: tuple[str, ...]  # a sentence holds one of these words if it can hold the promise
    breach_keys: tuple[str, ...]
    narrow: re.Pattern[str] | None = None  # a promise limited to a named subject is not absolute
    promise_context: re.Pattern[str] | None = None  # the promise's clause must also match this
    breach_context: re.Pattern[str] | None = None  # the breaking sentence's clause must also match this
    reconciled: re.Pattern[str] | None = None  # a breaking clause that matches this states the exception


TOPICS: tuple[Topic, ...] = (
    Topic(
        "personal-account-access",
        "never to ask for access to a personal account",
        _re(
            r"\b(?:never|not|won't|will not|don't|do not)\b[^.;]{0,40}\bask\w*\b[^.;]{0,80}?"
            r"(?:\baccess to (?:the|your|a|their|any) (?:personal )?account|"
            r"\b(?:user ?names?|passwords?|log-?in)\b[^.;]{0,40}\bpersonal account|"
            r"\bto show (?:us |them )?(?:a |your |their )?personal account)"
        ),
        _re(
            r"\b(?:connect|link|add)\w*\s+(?:(?:it|them|(?:a |your |their )?(?:own )?(?:personal )?accounts?)\s+)?to\s+"
            r"(?:the|our)\s+(?:archiv\w*|archiving tool|advocacy tool)|"
            r"\b(?:added|connected|linked) (?:it|your account|their account) to (?:our|the) archive|"
            r"\bgive us access to (?:your|their) (?:personal )?account"
        ),
        ("ask",),
        ("connect", "link", "add", "access"),
    ),
    Topic(
        "posting-approval",
        "that staff never need approval before posting on their own accounts",
        _re(
            r"\b(?:never|don't|do not|not)\b[^.;]{0,20}\b(?:need|have) to ask\b[^.;]{0,40}\bbefore (?:posting|you post)|"
            r"\byou do not need (?:anyone's|our|any) (?:approval|permission)\b"
        ),
        _re(
            r"\b(?:must|need to|needs to|has to) be approved\b[^.;]{0,80}\bbefore\b|"
            r"\bapprov\w*\b[^.;]{0,60}\bbefore (?:it is|they are|you) (?:posted|published|post)"
        ),
        ("ask", "approval", "permission"),
        ("approv",),
        breach_context=_re(r"\b(?:your profile|personal accounts?|professional network)\b"),
    ),
    Topic(
        "record-protected-activity",
        "not to watch or record protected activity",
        _re(
            r"\b(?:do not|don't|never|will not|won't)\s+(?:\w+\s+){0,2}?(?:watch|record|photograph|monitor|track|capture|"
            r"keep (?:a )?record of)\w*\b[^.;]{0,100}\b(?:protected activity|union|concerted|working conditions|"
            r"such conversations)"
        ),
        _re(
            r"\b(?:keep|keeps|capture|captures|archive|archives|retain|retains|record|records)\s+(?:a copy of\s+)?"
            r"(?:every|all)\b[^.;]{0,60}\b(?:communications?|messages?|posts?|comments?|replies|chats?)|"
            r"\blistening tools?\b[^.;]{0,60}\bsearch\w*\b[^.;]{0,30}\bposts|"
            r"\barchiv\w*\b[^.;]{0,40}\bcaptures?\b[^.;]{0,40}\b(?:posts|comments|messages)"
        ),
        ("watch", "record", "photograph", "monitor", "track", "captur"),
        ("keep", "captur", "archiv", "retain", "record", "listening"),
    ),
    Topic(
        "monitor-personal-accounts",
        "not to monitor personal accounts or track what staff post",
        _re(
            r"\b(?:do not|don't|never|will not|won't)\s+(?:\w+\s+){0,3}?(?:monitor|watch|track|check|search for|list)\w*\b"
            r"[^.;]{0,40}\b(?:personal accounts?|what (?:staff|you|employees) post|posts of individual staff|who shares)|"
            r"\b(?:do not|don't) check what you do on social media\b"
        ),
        _re(
            r"\bcheck\w*\b[^.;]{0,40}\b(?:sample of|shared)\b[^.;]{0,40}\bposts\b|"
            r"\bposts shared through\b[^.;]{0,60}\bchecked\b|\bcheck\w* (?:that )?posts? shared\b|"
            r"\blistening tools?\b[^.;]{0,60}\bsearch|\btrack\w* (?:who shares|shares)\b"
        ),
        ("monitor", "watch", "track", "check", "search", "list"),
        ("check", "listening", "track"),
    ),
    Topic(
        "reporting-optional",
        "that reporting is the employee's choice",
        _re(
            r"\b(?:reporting|raising a concern) is your choice\b|"
            r"\byou (?:do not|don't) (?:have|need) to (?:report|pass on)\b|"
            r"\bnot (?:required|obliged|expected) to report\b"
        ),
        _re(
            r"\b(?:if|when) you (?:see|find|notice)\b[^.;]{0,140}\b(?:tell|report|let)\b[^.;]{0,60}"
            r"\b(?:at once|straight away|immediately|right away)\b|\byou must report\b|\bmust (?:always )?be reported\b"
        ),
        ("choice", "report", "tell", "pass on"),
        ("at once", "straight away", "immediately", "right away", "must"),
        narrow=_re(r"\babout (?:your )?(?:pay|working conditions|criticism|a colleague's conduct)\b"),
    ),
    Topic(
        "act-on-protected-posts",
        "never to act on posts about pay, conditions or criticism",
        _re(r"\bnever (?:act|take action)\w* on (?:a |any )?posts?\b[^.;]{0,30}\babout\b"),
        _re(
            r"\bact\w* on\b[^.;]{0,60}\b(?:harass|threat)|\b(?:harass\w*|threat\w*)\b[^.;]{0,80}\bgoes? to\b"
        ),
        ("never",),
        ("act", "goes to", "go to"),
    ),
    Topic(
        "not-asked-to-share",
        "that staff are not asked to share or promote the organisation's content",
        _re(
            r"\b(?:don't|do not|never) ask (?:or expect )?(?:you|staff|anyone)\b[^.;]{0,20}\bto (?:share|promote|post)|"
            r"\bnobody is asked\b[^.;]{0,40}\bshare|"
            r"\bdoes not ask (?:customers or )?anyone (?:else )?to post"
        ),
        _re(
            r"\badvocacy programm?e?\b[^.;]{0,60}\b(?:offers|invites)|\bready[- ](?:made|to[- ]share)\b|"
            r"\b(?:may |can )?join (?:our|the) advocacy programm?e?\b|\bshare approved content\b"
        ),
        ("ask",),
        ("advocacy", "ready", "approved content"),
    ),
    Topic(
        "patient-information-never-posted",
        "never to post patient information on any account",
        _re(r"\bnever post patient information\b,?\s*(?:on any account|anywhere|in any form)"),
        _re(
            r"\bposts? (?:that|which) features? (?:a )?patient|\bpost about a patient\b|\b(?:patient|recovery) stor(?:y|ies)\b"
        ),
        ("patient",),
        ("patient", "recovery"),
    ),
    Topic(
        "never-shared-outside",
        "never to share the information outside the organisation",
        _re(r"\b(?:never|don't|do not)\s+(?:share|disclose|pass on|give)\b[^.;]{0,60}\boutside\b"),
        _re(
            r"\b(?:report\w*|giv\w*|give|provid\w*)\b[^.;]{0,80}\b(?:regulators?|government agenc(?:y|ies)|the SEC|"
            r"authorities|law enforcement|the police)\b"
        ),
        ("outside",),
        ("regulator", "agenc", "sec", "authorit", "police", "law enforcement"),
        breach_context=_re(
            r"\bnothing\b[^.;]{0,80}\bstops you\b|\byou (?:may|can) (?:always )?(?:report|go|give)|\bfree to\b"
        ),
    ),
    Topic(
        "no-deletion",
        "not to delete posts or messages",
        _re(r"\b(?:don't|do not|never|must not)\s+(?:\w+\s+){0,2}?delete\b"),
        _re(
            r"\bdelete (?:it|them)\b|\bdelete (?:the|your) (?:post|message)\b|\bwe (?:then )?delete the message\b"
        ),
        ("delete",),
        ("delete",),
        narrow=_re(
            r"\b(?:to hide|to tidy|to avoid|to prevent|once a request|covered|cover|from an investigation)\b"
        ),
        reconciled=_re(
            r"\barchive keeps\b|\bkeeps the copy\b|\bthe law requires\b|\brecords? (?:rules|schedule)\b"
        ),
    ),
    Topic(
        "comments-removed-only-by-law",
        "to remove comments only where the law requires",
        _re(r"\bremove\w* (?:a |any )?comments? only (?:when|where|if)\b"),
        _re(
            r"\b(?:hide|remove)\w* comments? (?:in which|that|under|which|where)\b|\bwe (?:may )?remove comments\b"
        ),
        ("comment",),
        ("hide", "remove"),
        narrow=_re(r"\bsector rules?\b|\brules in this section\b"),
    ),
    Topic(
        "staff-hear-first",
        "that staff hear news before the public",
        _re(
            r"\b(?:staff|employees|you|our own people)\b[^.;]{0,40}\b(?:hear|learn|are told|are briefed)\w*\b[^.;]{0,80}"
            r"\bbefore (?:the public|customers|patients|clients)\b(?! or at the same)"
        ),
        _re(
            r"\b(?:reach|go to|released? to) the market first\b|\bat the same (?:moment|time) as the (?:public|market)\b"
            r"[^.;]{0,20}\bnever before\b|\bmust reach (?:the market|investors)\b[^.;]{0,60}\bfirst\b|"
            r"\bbefore anyone else hears it\b"
        ),
        ("hear", "learn", "told", "briefed"),
        ("market", "never before", "anyone else"),
    ),
    Topic(
        "no-blocking",
        "not to block social media sites",
        _re(r"\bwe (?:do not|don't|never) block\b(?![^.;]*\bin general\b)"),
        _re(
            r"\b(?:network|we)\b(?![^.;]{0,12}(?:\bnot\b|\bnever\b|n't\b))[^.;]{0,20}\b(?:may )?(?:limit|block)s?\b[^.;]{0,30}\b(?:access to )?(?:some |a particular )?(?:social media )?(?:sites?|apps?)\b"
        ),
        ("block",),
        ("block", "limit"),
    ),
    Topic(
        "rules-switched-off",
        "that any rule limiting these rights does not apply",
        _re(
            r"\b(?:does not|doesn't) apply to (?:that|this|them)\b|\bnone of (?:them|these rules|the rules) limits?\b|"
            r"\boverrides? (?:every|any|all) (?:other )?rules?\b"
        ),
        _re(
            r"\b(?:don't|do not|never|no one|nobody)\b[^.;]{0,30}\b(?:take|post|share|films?)\w*\b[^.;]{0,30}"
            r"\b(?:photos?|pictures?|videos?|images?)\b"
        ),
        ("apply", "none of", "overrid"),
        ("photo", "picture", "video", "image"),
        promise_context=_re(r"\bphotos?\b|\bscreenshots?\b"),
    ),
)


# Registered with the checker's keyword pass (case-folded, found anywhere in a sentence).
_WORDS: dict[tuple[str, str], frozenset[str]] = {}
for _topic in TOPICS:
    _WORDS[_topic.id, "promise"] = keywords(_topic.promise_keys)
    _WORDS[_topic.id, "breach"] = keywords(_topic.breach_keys)
_ALL_KEYS = frozenset().union(*_WORDS.values())
_BY_WORD: dict[str, set[int]] = {}  # keyword -> 2 * topic index (+ 1 for a breaking statement)
for _i, _topic in enumerate(TOPICS):
    for _word in _WORDS[_topic.id, "promise"]:
        _BY_WORD.setdefault(_word, set()).add(2 * _i)
    for _word in _WORDS[_topic.id, "breach"]:
        _BY_WORD.setdefault(_word, set()).add(2 * _i + 1)


@dataclass(frozen=True)
class Statement:
    """A promise, or a statement that breaks one, found in a text."""

    topic: Topic
    kind: str  # "promise" or "breach"
    sentence: str


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _qualified(topic: Topic, sentence: str) -> bool:
    if _EXCEPTION.search(sentence) or _PURPOSE.search(sentence):
        return True
    return bool(topic.narrow and topic.narrow.search(sentence))


_DENIED = _re(r"(?:\bnot|\bnever|\bno|n't)\s+(?:\w+\s+){0,2}$")


def _affirmed(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether ``pattern`` matches ``sentence`` other than right after a negation ("we don't track who shares")."""
    return any(
        not _DENIED.search(sentence[max(0, m.start() - 30) : m.start()]) for m in pattern.finditer(sentence)
    )


@lru_cache(maxsize=16384)
def statements(text: str) -> tuple[Statement, ...]:
    """The unqualified promises in ``text``, and the statements in it that would break a promise.

    A promise whose own text also states what would break it, and a breaking statement whose text
    reconciles it with the promise, are left out: the text states its own exception."""
    folded = _fold(text)
    found: list[Statement] = []
    # The keywords of every sentence come from the checker's one shared pass over the text, so a topic's
    # patterns run only on sentences that hold one of its words.
    for sentence, words in analysed(text):
        hit = words & _ALL_KEYS
        if not hit:
            continue
        folded_sentence = _fold(sentence)
        for code in sorted(set().union(*(_BY_WORD[w] for w in hit))):
            topic = TOPICS[code // 2]
            if code % 2 == 0:
                if topic.promise.search(folded_sentence) and not _qualified(topic, folded_sentence):
                    found.append(Statement(topic, "promise", folded_sentence))
            elif _affirmed(topic.breach, folded_sentence):
                found.append(Statement(topic, "breach", folded_sentence))
    kept: list[Statement] = []
    for s in found:
        topic = s.topic
        if s.kind == "promise":
            if any(o.topic is topic and o.kind == "breach" for o in found):
                continue  # the text states its own exception
            if topic.promise_context and not topic.promise_context.search(folded):
                continue
        else:
            if topic.reconciled and topic.reconciled.search(folded):
                continue
            if topic.breach_context and not topic.breach_context.search(folded):
                continue
        kept.append(s)
    return tuple(kept)


@dataclass(frozen=True)
class Conflict:
    topic: Topic
    promise: tuple[Section, Block, str]
    breach: tuple[Section, Block, str]


def conflicts(doc: Document) -> Iterator[Conflict]:
    """Every promise in the document with every statement of another clause that breaks it."""
    promises: dict[str, list[tuple[Section, Block, str]]] = {}
    breaches: dict[str, list[tuple[Section, Block, str]]] = {}
    for section, block in doc.blocks():
        for s in statements(block.text):
            target = promises if s.kind == "promise" else breaches
            target.setdefault(s.topic.id, []).append((section, block, s.sentence))
    for topic in TOPICS:
        for promise in promises.get(topic.id, ()):
            seen: set[str] = set()
            for breach in breaches.get(topic.id, ()):
                other = breach[1].clause_id
                if other == promise[1].clause_id or other in seen:
                    continue
                seen.add(other)
                yield Conflict(topic, promise, breach)


@rule("promises.contradiction")
def contradiction(doc: Document, ctx: Context) -> Iterator[Finding]:
    for c in conflicts(doc):
        section, block, sentence = c.promise
        _, other, breaking = c.breach
        yield ctx.finding(
            "promises.contradiction",
            f"'{block.title}' ({block.number}) promises {c.topic.promised}, but '{other.title}' "
            f"({other.number}) says: \u201c{excerpt(breaking, 140)}\u201d",
            section,
            block,
            excerpt=excerpt(sentence),
        )
