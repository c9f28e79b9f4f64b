"""Clause text as a writer sees it: the template syntax cut into plain text, labelled variables and
labelled conditional parts, and joined back exactly as it was stored.

``tokens(text)`` cuts a clause body into :class:`Token` s whose ``raw`` strings join back to the
text (``serialise``); ``parse(text)`` groups the ``if``/``elif``/``else``/``endif`` tokens into
:class:`Region` s when they pair up, and :func:`serialise` of the tree gives the text back too. Labels
come from the template's questions (:class:`Labels`), in words a drafter knows ("Organisation short
name", "Only for healthcare"), never from the code. :func:`problem` says where text that cannot be
used is wrong, with the sandbox's message, so an editor can mark the spot.

No Qt here: the clause editor in ``socialpolicy/gui`` shows these tokens as chips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

from socialpolicy import sandbox
from socialpolicy.errors import InputError
from socialpolicy.model import Question, Template

# Token kinds. "text" is what the writer types; the rest are shown as chips.
TEXT, VARIABLE, REFERENCE, EXPRESSION, COMMENT, CODE = (
    "text",
    "variable",
    "reference",
    "expression",
    "comment",
    "code",
)
IF, ELIF, ELSE, ENDIF, FOR, ENDFOR = "if", "elif", "else", "endif", "for", "endfor"
OPENERS, BRANCHES = frozenset({IF}), frozenset({ELIF, ELSE})

# Short names of the built-in questions' variables, as a chip shows them. A variable missing here is
# named after its question's label, and a variable with no question after its own name.
VARIABLE_NAMES: Mapping[str, str] = {
    "organisation_name": "Organisation's full name",
    "org_short": "Organisation short name",
    "organisation_size": "Size of the organisation",
    "jurisdictions": "Where staff work",
    "sector": "Sector",
    "public_employer": "Kind of US public employer",
    "listed": "Shares publicly traded",
    "spelling": "Spelling",
    "policy_owner": "Document owner",
    "policy_contact_email": "Contact email for questions",
    "comms_contact": "Communications team",
    "hr_contact": "Team for conduct concerns",
    "effective_date": "Date it takes effect",
    "review_months": "Months between reviews",
    "personal_use": "Personal use at work",
    "spokespeople": "Who speaks for the organisation",
    "share_news": "Staff sharing our news",
    "monitoring": "Monitoring",
    "advocacy": "Advocacy programme",
    "advocacy_reminder_months": "Months between advocacy reminders",
    "monitoring_log_days": "Days monitoring records are kept",
    "it_contact": "Where to report security problems",
    "urgent_contact": "Urgent contact, at any hour",
    "training_weeks": "Weeks of training",
    "works_council": "Works council in the EU",
    "works_council_role": "What the works council must do",
    "disclosure_channels": "Where inside information is released",
    "ir_contact": "Investor relations team",
    "compliance_contact": "Compliance team",
    "finance_principal": "Who approves financial content",
    "finance_channels": "Approved business channels",
    "privacy_contact": "Data protection contact",
    "internal_platform": "Internal platform",
    "other_tools": "Other tools covered",
    "collab_team": "Platform team",
    "spaces_default": "How open new Spaces are",
    "guest_access": "Guest access",
    "response_time_internal": "Reply time to colleagues",
    "external_audience": "Who front-line staff serve",
    "moderation": "Who moderates communities",
    "open_forum_name": "Leaders' question Space",
    "leader_response_days": "Days for leaders to reply",
    "internal_first": "Staff told before customers",
    "internal_first_days": "Working days staff hear first",
    "retention_period": "How long messages are kept",
    "legal_contact": "Legal adviser",
    "speak_up_channel": "Confidential route for concerns",
    "exec_sponsor": "Executive sponsor",
    "social_lead": "Social media lead",
    "social_team_size": "Size of the social team",
    "social_budget": "Social media budget",
    "council_model": "How the council works",
    "council_levels": "Levels on the council",
    "council_departments": "Departments on the council",
    "objectives": "Social media objectives",
    "measures": "How progress is measured",
    "reporting_cadence": "How often progress is reported",
    "internal_notice_days": "Working days staff are briefed first",
    "approval_model": "How content is approved",
    "response_time_external": "Reply time on official accounts",
    "working_hours": "When accounts are staffed",
    "out_of_hours": "On-call rota out of hours",
    "comment_moderation": "How comments are moderated",
    "retention_years": "Years records are kept",
}


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of clause text: ``raw`` exactly as stored, from ``start`` to ``end``. ``name`` is the
    variable, section or condition it is about; ``label`` is what a writer sees."""

    kind: str
    raw: str
    start: int
    label: str = ""
    name: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.raw)

    @property
    def is_chip(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True, slots=True)
class Branch:
    """One branch of a conditional part: its opening tag (``if``, ``elif`` or ``else``) and content."""

    tag: Token
    body: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Region:
    """A conditional part: its branches and the ``endif`` that closes it."""

    branches: tuple[Branch, ...]
    end: Token

    @property
    def label(self) -> str:
        return self.branches[0].tag.label


Segment = Token | Region


@dataclass(frozen=True, slots=True)
class Problem:
    """Where clause text cannot be used (``start`` to ``end`` in the stored text) and why."""

    start: int
    end: int
    message: str


@dataclass(frozen=True)
class Labels:
    """What the writer calls things: variables, the choices of each question, and sections."""

    questions: Mapping[str, Question] = field(default_factory=dict)
    sections: Mapping[str, str] = field(default_factory=dict)
    choices: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (question, value) -> label

    @classmethod
    def of(cls, templates: Iterable[Template]) -> Labels:
        questions: dict[str, Question] = {}
        sections: dict[str, str] = {}
        choices: dict[tuple[str, str], str] = {}
        for t in templates:  # two templates may ask the same question with other choices
            for q in t.questions:
                questions.setdefault(q.id, q)
                for c in q.choices:
                    choices.setdefault((q.id, c.value), _plain_choice(c.label))
            for s in t.sections:
                sections.setdefault(s.id, s.title)
        return cls(questions, sections, choices)

    def variable(self, name: str) -> str:
        if name in VARIABLE_NAMES:
            return VARIABLE_NAMES[name]
        q = self.questions.get(name)
        if q is not None:
            return q.label.rstrip("?").replace("...", "…")
        return name.replace("_", " ").strip().capitalize() or name

    def choice(self, name: str, value: object) -> str:
        return self.choices.get((name, str(value)), str(value))

    def section(self, section_id: str) -> str:
        return self.sections.get(section_id, section_id.replace("-", " "))

    def insertable(self) -> list[tuple[str, str]]:
        """The variables a writer may insert: (name, label), in the order the wizard asks them."""
        return [(q.id, self.variable(q.id)) for q in self.questions.values()]


def _plain_choice(label: str) -> str:
    """A choice label short enough for a region's label: no explanation after a colon or in brackets."""
    short = re.sub(r"\s*\(.*?\)", "", label.split(":", 1)[0]).strip()
    return short or label


# -- cutting text into tokens --------------------------------------------------------------------

_OPEN = re.compile(r"\{[{%#]")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REF = re.compile(r"ref\(\s*(['\"])([^'\"\\{}]*)\1\s*\)")
_TAG_WORD = re.compile(r"([A-Za-z_]+)\b\s*(.*)", re.S)


# A tag longer than this is read as plain text: no clause writes one (the longest in the library is a few
# hundred characters), and it bounds the work on hostile text (100 KB of unclosed "{{" took minutes).
MAX_TAG = 10_000
# Characters the quote-aware reading may step through in one text before the rest counts as plain text.
_STEPS = 2_000_000


class _Budget:
    __slots__ = ("steps",)

    def __init__(self) -> None:
        self.steps = _STEPS


def _tag_end(text: str, start: int, budget: _Budget | None = None) -> int:
    """The end of the tag opening at ``start`` (after its closing delimiter), or -1 if it does not close
    within :data:`MAX_TAG` characters. Quoted strings inside a tag may hold the closing delimiter."""
    close = _CLOSE[text[start : start + 2]]
    limit = min(len(text), start + MAX_TAG)
    found = text.find(close, start + 2, limit)
    if found < 0:
        return -1  # (quotes can hide a closing delimiter, never make one)
    if close == "#}" or not any(q in text[start + 2 : found] for q in "'\""):
        return found + 2
    budget = budget or _Budget()
    i, quote = start + 2, ""
    while i < limit:
        budget.steps -= 1
        if budget.steps < 0:
            return -1
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif text.startswith(close, i):
            return i + 2
        i += 1
    return -1


def _inner(raw: str) -> str:
    """What is inside a tag's delimiters, without whitespace control marks."""
    inner = raw[2:-2]
    if inner[:1] in "-+":
        inner = inner[1:]
    if inner[-1:] in "-+":
        inner = inner[:-1]
    return inner.strip()


def scan(text: str) -> list[tuple[int, int, bool]]:
    """The pieces of ``text``: (start, end, is_tag). A delimiter that never closes is plain text."""
    pieces: list[tuple[int, int, bool]] = []
    pos = 0
    budget = _Budget()
    for m in _OPEN.finditer(text):
        if m.start() < pos:
            continue
        end = _tag_end(text, m.start(), budget)
        if end < 0:
            continue
        if m.start() > pos:
            pieces.append((pos, m.start(), False))
        pieces.append((m.start(), end, True))
        pos = end
    if pos < len(text):
        pieces.append((pos, len(text), False))
    return pieces


def tokens(text: str, labels: Labels | None = None) -> list[Token]:
    """``text`` as tokens whose ``raw`` strings join back to it."""
    labels = labels or Labels()
    return [
        tag_token(text[a:b], a, labels) if is_tag else Token(TEXT, text[a:b], a)
        for a, b, is_tag in scan(text)
    ]


def tag_token(raw: str, start: int, labels: Labels) -> Token:
    """A chip's token for one complete tag."""
    inner = _inner(raw)
    if raw.startswith("{#"):
        return Token(COMMENT, raw, start, f"Note: {inner}" if inner else "Note", inner)
    if raw.startswith("{{"):
        if _NAME.fullmatch(inner):
            return Token(VARIABLE, raw, start, labels.variable(inner), inner)
        ref = _REF.fullmatch(inner)
        if ref:
            return Token(
                REFERENCE, raw, start, f"Section number: {labels.section(ref.group(2))}", ref.group(2)
            )
        return Token(EXPRESSION, raw, start, _expression_label(inner, labels), inner)
    m = _TAG_WORD.match(inner)
    word, rest = (m.group(1), m.group(2).strip()) if m else ("", inner)
    if word == IF:
        return Token(IF, raw, start, describe(rest, labels), rest)
    if word == ELIF:
        return Token(ELIF, raw, start, "Otherwise, " + _lower_first(describe(rest, labels)), rest)
    if word == ELSE:
        return Token(ELSE, raw, start, "Otherwise")
    if word == ENDIF:
        return Token(ENDIF, raw, start, "End")
    if word == FOR:
        names = re.findall(r"\bin\s+([A-Za-z_][A-Za-z0-9_]*)", rest)
        what = labels.variable(names[0]) if names else "a list"
        return Token(FOR, raw, start, f"Repeat for each of: {_lower_first(what)}", rest)
    if word == ENDFOR:
        return Token(ENDFOR, raw, start, "End of repeat")
    if word == "set":
        return Token(CODE, raw, start, "Advanced: a named list", rest)
    return Token(CODE, raw, start, "Advanced template code", inner)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _expression_label(expression: str, labels: Labels) -> str:
    """``'patients' if sector == 'healthcare' else 'customers'`` -> "patients or customers (by answers)"."""
    words = re.findall(r"'([^'\\]*)'\s+if\b|\belse\s+'([^'\\]*)'", expression)
    options = [a or b for a, b in words]
    if options:
        return " or ".join(f"“{o}”" for o in dict.fromkeys(options)) + " (depends on the answers)"
    names = [n for n in _NAME.findall(expression) if n in labels.questions]
    if names:
        return f"Worded from: {_lower_first(labels.variable(names[0]))}"
    return "Worded by template code"


# -- conditions in words -------------------------------------------------------------------------

_ENV = Environment()
_OPS = {"lt": "less than", "lteq": "at most", "gt": "more than", "gteq": "at least"}


def describe(condition: str, labels: Labels | None = None) -> str:
    """A condition in the drafter's words: ``sector == 'healthcare'`` -> "Only for healthcare"."""
    labels = labels or Labels()
    try:
        expr = _ENV.parse("{{ " + condition + " }}").body[0].nodes[0]  # type: ignore[attr-defined]
        return "Only " + _phrase(expr, labels)
    except (TemplateSyntaxError, _Unknown, AttributeError, IndexError):
        return "Only in some cases"


class _Unknown(Exception):
    pass


def _const(node: nodes.Node) -> Any:
    if isinstance(node, nodes.Const):
        return node.value
    raise _Unknown


def _the(place: str) -> str:
    return f"the {place}" if place.startswith(("United ", "European ")) else place


def _phrase(node: nodes.Node, labels: Labels) -> str:
    if isinstance(node, nodes.And | nodes.Or):
        joiner = " and " if isinstance(node, nodes.And) else " or "
        return _phrase(node.left, labels) + joiner + _phrase(node.right, labels)
    if isinstance(node, nodes.Not):
        inner = node.node
        if isinstance(inner, nodes.Name):
            return f"if not: {_lower_first(labels.variable(inner.name))}"
        return "if not " + _phrase(inner, labels)
    if isinstance(node, nodes.Name):
        return f"if: {_lower_first(labels.variable(node.name))}"
    if isinstance(node, nodes.Compare) and len(node.ops) == 1:
        left, op, right = node.expr, node.ops[0].op, node.ops[0].expr
        if op in ("in", "notin") and isinstance(right, nodes.Name):
            value = labels.choice(right.name, _const(left))
            if right.name == "jurisdictions":
                no = "no " if op == "notin" else ""
                return f"where {no}staff work in {_the(value)}"
            verb = "include" if op == "in" else "leave out"
            return f"if {_lower_first(labels.variable(right.name))} {verb} {_lower_first(value)}"
        if isinstance(left, nodes.Name):
            value = _const(right)
            shown = labels.choice(left.name, value)
            if op in ("eq", "ne") and left.name == "sector":
                sector = _lower_first(shown)
                if sector == "general":
                    sector = "the general sector"
                elif sector.endswith(" sector"):
                    sector = "the " + sector
                return f"for {sector}" if op == "eq" else f"outside {sector}"
            what = _lower_first(labels.variable(left.name))
            if op == "eq":
                return f"if {what} is “{shown}”"
            if op == "ne":
                return f"if {what} is not “{shown}”"
            if op in _OPS:
                return f"if {what} is {_OPS[op]} {shown}"
    raise _Unknown


# -- grouping conditional parts --------------------------------------------------------------------


def blocks(kinds: Sequence[str]) -> list[tuple[int, list[int], int]] | None:
    """Pair ``if``/``elif``/``else``/``endif`` in a sequence of token kinds: (opening index, branch
    indexes, closing index) for each conditional part, or ``None`` when they do not pair up."""
    found: list[tuple[int, list[int], int]] = []
    stack: list[tuple[int, list[int]]] = []
    for i, kind in enumerate(kinds):
        if kind in OPENERS:
            stack.append((i, []))
        elif kind in BRANCHES:
            if not stack:
                return None
            stack[-1][1].append(i)
        elif kind == ENDIF:
            if not stack:
                return None
            opening, branches = stack.pop()
            found.append((opening, branches, i))
    return None if stack else found


def parse(text: str, labels: Labels | None = None) -> list[Segment]:
    """``text`` as segments: plain text, chips, and the conditional parts they form. When the tags do
    not pair up, every tag stays a chip of its own (the text is marked as a problem elsewhere)."""
    toks = tokens(text, labels)
    if blocks([t.kind for t in toks]) is None:
        return list(toks)
    out: list[Segment] = []
    stack: list[tuple[list[Segment], list[Branch], Token, list[Segment]]] = []
    current = out
    for tok in toks:
        if tok.kind in OPENERS:
            body: list[Segment] = []
            stack.append((current, [], tok, body))
            current = body
        elif tok.kind in BRANCHES:
            parent, branches, tag, body = stack[-1]
            branches.append(Branch(tag, tuple(body)))
            current = []
            stack[-1] = (parent, branches, tok, current)
        elif tok.kind == ENDIF:
            parent, branches, tag, body = stack.pop()
            branches.append(Branch(tag, tuple(body)))
            parent.append(Region(tuple(branches), tok))
            current = parent
        else:
            current.append(tok)
    return out


def serialise(segments: Iterable[Segment]) -> str:
    """The stored text of ``segments``: every raw tag and text joined, as it was."""
    parts: list[str] = []

    def walk(items: Iterable[Segment]) -> None:
        for item in items:
            if isinstance(item, Token):
                parts.append(item.raw)
            else:
                for branch in item.branches:
                    parts.append(branch.tag.raw)
                    walk(branch.body)
                parts.append(item.end.raw)

    walk(segments)
    return "".join(parts)


_EQUALS = re.compile(r"(\{%[-+]?\s*(?:el)?if\s+)([A-Za-z_]\w*)(\s*==\s*)(['\"])([^'\"\\]*)\4(\s*[-+]?%\})")
_IN = re.compile(r"(\{%[-+]?\s*(?:el)?if\s+)(['\"])([^'\"\\]*)\2(\s+in\s+)([A-Za-z_]\w*)(\s*[-+]?%\})")


def other_conditions(raw: str, labels: Labels) -> list[tuple[str, str]]:
    """For a condition on one answer (``{% if sector == 'healthcare' %}``, ``{% if 'eu' in
    jurisdictions %}``), the same condition on each other choice of that question: (label, new tag).
    Empty for any other condition (those are edited as template code)."""
    m = _EQUALS.fullmatch(raw)
    if m:
        head, name, op, quote, value, tail = m.groups()

        def tag(v: str) -> str:
            return f"{head}{name}{op}{quote}{v}{quote}{tail}"
    else:
        m = _IN.fullmatch(raw)
        if not m:
            return []
        head, quote, value, op, name, tail = m.groups()

        def tag(v: str) -> str:
            return f"{head}{quote}{v}{quote}{op}{name}{tail}"

    values = [v for (question, v) in labels.choices if question == name and v != value]
    out = []
    for v in values:
        new = tag(v)
        out.append((tag_token(new, 0, labels).label, new))
    return out


def variable_tag(name: str) -> str:
    """The stored text of a variable a writer inserts."""
    return "{{ " + name + " }}"


# -- where text is wrong ---------------------------------------------------------------------------


def problem(text: str) -> Problem | None:
    """Why ``text`` cannot be used as clause text and where, or ``None`` when it can. The message is
    the sandbox's; the place is the unclosed tag, the unpaired tag, or the line the parser names."""
    try:
        sandbox.check_syntax(text, "clause text", "body")
    except InputError as exc:
        start, end = _locate(text)
        return Problem(start, end, exc.message)
    return None


def _line_span(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _locate(text: str) -> tuple[int, int]:
    pieces = scan(text)
    for a, b, is_tag in pieces:
        if not is_tag:
            m = _OPEN.search(text, a, b)
            if m:  # a delimiter that never closes
                return m.start(), _line_span(text, m.start())[1]
    toks = tokens(text)
    kinds = [t.kind for t in toks]
    if blocks(kinds) is None:
        depth: list[int] = []
        for i, kind in enumerate(kinds):
            if kind in OPENERS:
                depth.append(i)
            elif kind in BRANCHES | {ENDIF} and not depth:
                return toks[i].start, toks[i].end
            elif kind == ENDIF:
                depth.pop()
        if depth:
            return toks[depth[-1]].start, toks[depth[-1]].end
    try:
        _ENV.parse(text)
    except TemplateSyntaxError as err:
        lines = text.split("\n")
        line = max(1, min(err.lineno or 1, len(lines)))
        start = sum(len(x) + 1 for x in lines[: line - 1])
        return start, start + len(lines[line - 1])
    for tok in toks:  # parses, but the sandbox refused it: mark the first tag that is not a plain variable
        if tok.kind in (EXPRESSION, CODE, FOR):
            return tok.start, tok.end
    return 0, len(text)
