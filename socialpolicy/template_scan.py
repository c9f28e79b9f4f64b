"""A fast reading of the template forms clause text uses nearly always, so that loading a library need not
parse every clause with Jinja.

Loading a library vets every clause body (:func:`socialpolicy.sandbox.check_syntax`); Jinja's lexer and
parser cost about 0.4 ms a clause, which is most of the time a 5,000-clause team library takes to load. Clause
text, though, is written in a handful of forms: ``{{ name }}``, ``{{ ref('id') }}``, ``{{ 'a' if x == 'b'
else 'c' }}`` and ``{% if %}`` / ``{% elif %}`` / ``{% else %}`` / ``{% endif %}`` over names, quoted words,
whole numbers, comparisons, ``in``, ``not``, ``and``, ``or`` and brackets. :func:`scan` reads exactly those
forms and answers how many template tokens Jinja's lexer would make of the text (the sandbox's token budget
counts them), or ``None`` for anything else: other tags, filters, attributes, comments, whitespace control,
quotes holding braces, or a mistake. ``None`` sends the text to Jinja, which decides, with its own messages.

What it accepts, Jinja parses, and the sandbox's checks at parse time pass (no private names, nothing but
``if`` blocks); the token count is Jinja's own. ``tests/core/test_template_scan.py`` holds it to both, on
every clause of the built-in library and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# A tag: its kind ("{" variable, "%" block), and what is inside. Anything else holding "{{", "{%" or "{#" is
# not for this reader.
_TAG = re.compile(
    r"\{\{(?![-+])(?P<variable>.*?)(?<![-+])\}\}|\{%(?![-+])(?P<block>.*?)(?<![-+])%\}", re.DOTALL
)
# Jinja drops one newline that ends a template before reading it (keep_trailing_newline is off).
_LAST_NEWLINE = re.compile(r"(?:\r\n|\r|\n)\Z")
_OPENER = re.compile(r"\{[{%#]")
_NEWLINES = re.compile(r"\r\n|\r")  # Jinja reads every line break as "\n"
_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z][A-Za-z0-9_]*)|(?P<string>'[^'\\{}%#\n]*'|\"[^\"\\{}%#\n]*\")|(?P<integer>\d+)(?![\w.])"
    r"|(?P<operator>==|!=|<=|>=|<|>|\(|\)|,))"
)
_COMPARISONS = frozenset({"==", "!=", "<", ">", "<=", ">="})
# Words the expression grammar gives a meaning, and names Jinja's parser treats as statements or tests.
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "elif", "endif", "for", "endfor"})
_FUNCTIONS = frozenset({"ref"})


def _tokens(inside: str) -> list[tuple[str, str]] | None:
    """The lexer's tokens of a tag's inside, as (kind, value), or ``None`` for anything unexpected."""
    out = []
    pos = 0
    end = len(inside.rstrip())
    while pos < end:
        m = _TOKEN.match(inside, pos)
        if m is None or m.end() == pos:
            return None
        kind = m.lastgroup
        assert kind is not None
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


# An expression, as nested tuples: ("name", n), ("const", value), ("ref", target), ("not", e),
# ("and", a, b), ("or", a, b), ("compare", first, ((op, operand), ...)), ("cond", test, yes, no).
Expr = tuple[Any, ...]
# A body: data (str), ("out", expr) and ("if", ((test, body), ...), else_body or None).
Node = str | tuple[Any, ...]


class _Expression:
    """A recursive-descent reading of one expression over the tokens of a tag (see the module's text).
    Each method returns the expression it read, or ``None`` when the tokens are not one it knows."""

    def __init__(self, tokens: list[tuple[str, str]], start: int = 0) -> None:
        self.tokens = tokens
        self.pos = start

    def _next_is(self, value: str) -> bool:
        return (
            self.pos < len(self.tokens)
            and self.tokens[self.pos][1] == value
            and self.tokens[self.pos][0]
            in (
                "name",
                "operator",
            )
        )

    def _take(self, value: str) -> bool:
        if self._next_is(value):
            self.pos += 1
            return True
        return False

    def conditional(self) -> Expr | None:
        yes = self.either()
        if yes is None or not self._take("if"):
            return yes
        test = self.either()
        if test is None or not self._take("else"):
            return None  # (no "else": Jinja prints an undefined value; Jinja decides)
        no = self.conditional()
        return None if no is None else ("cond", test, yes, no)

    def either(self) -> Expr | None:
        return self._chain("or", self.both)

    def both(self) -> Expr | None:
        return self._chain("and", self.negation)

    def _chain(self, op: str, operand: Callable[[], Expr | None]) -> Expr | None:
        """``operand (op operand)*``, grouped from the left, as Jinja groups ``or`` and ``and``."""
        left = operand()
        while left is not None and self._take(op):
            right = operand()
            left = None if right is None else (op, left, right)
        return left

    def negation(self) -> Expr | None:
        if self._take("not"):
            inner = self.negation()
            return None if inner is None else ("not", inner)
        return self.comparison()

    def comparison(self) -> Expr | None:
        first = self.atom()
        if first is None:
            return None
        rest: list[tuple[str, Expr]] = []
        while True:
            if self.pos < len(self.tokens) and self.tokens[self.pos][1] in _COMPARISONS:
                op = self.tokens[self.pos][1]
                self.pos += 1
            elif self._next_is("in") and self.tokens[self.pos][0] == "name":
                op = "in"
                self.pos += 1
            elif (
                self._next_is("not")
                and self.pos + 1 < len(self.tokens)
                and self.tokens[self.pos + 1] == ("name", "in")
            ):
                op = "notin"
                self.pos += 2
            else:
                return ("compare", first, tuple(rest)) if rest else first
            operand = self.atom()
            if operand is None:
                return None
            rest.append((op, operand))

    def atom(self) -> Expr | None:
        if self.pos >= len(self.tokens):
            return None
        kind, value = self.tokens[self.pos]
        if kind == "string":
            self.pos += 1
            return ("const", value[1:-1])
        if kind == "integer":
            self.pos += 1
            return ("const", int(value))
        if kind == "name":
            if value in _KEYWORDS or value.startswith("_"):
                return None
            self.pos += 1
            if value in _FUNCTIONS and self._take("("):  # ref('id'): one quoted argument
                if self.pos >= len(self.tokens) or self.tokens[self.pos][0] != "string":
                    return None
                target = self.tokens[self.pos][1][1:-1]
                self.pos += 1
                return ("ref", target) if self._take(")") else None
            return _CONSTANTS.get(value, ("name", value))
        if value == "(":
            self.pos += 1
            inner = self.conditional()
            return inner if inner is not None and self._take(")") else None
        return None

    def whole(self) -> Expr | None:
        expr = self.conditional()
        return expr if expr is not None and self.pos == len(self.tokens) else None


_CONSTANTS: dict[str, Expr] = {
    "true": ("const", True),
    "True": ("const", True),
    "false": ("const", False),
    "False": ("const", False),
    "none": ("const", None),
    "None": ("const", None),
}


@lru_cache(maxsize=4096)
def _read_tag(variable: bool, inside: str) -> tuple[int, str, Expr | None] | None:
    """One tag (clause texts repeat the same few, so each is read once): its token count, what it does
    to the blocks ("" for a variable, "if", "elif", "else", "endif") and its expression, or ``None``."""
    tokens = _tokens(inside)
    if not tokens:
        return None
    if variable:
        expr = _Expression(tokens).whole()
        return None if expr is None else (len(tokens), "", expr)
    kind, head = tokens[0]
    if kind != "name":
        return None
    if head in ("if", "elif"):
        expr = _Expression(tokens, 1).whole()
        return None if expr is None else (len(tokens), head, expr)
    if head in ("else", "endif") and len(tokens) == 1:
        return 1, head, None
    return None


@lru_cache(maxsize=16384)
def parse(text: str) -> tuple[int, tuple[Node, ...]] | None:
    """``text`` read in the forms this reader knows: the number of template tokens Jinja's lexer makes of
    it and its body; ``None`` when it is written otherwise or is not valid (Jinja must read it)."""
    text = _LAST_NEWLINE.sub("", text, count=1)
    count = 0
    pos = 0
    body: list[Node] = []
    # One entry per open {% if %}: its branches so far, the body being filled, whether {% else %} came.
    stack: list[tuple[list[tuple[Expr | None, list[Node]]], list[Node]]] = []
    for m in _TAG.finditer(text):
        if m.start() > pos:
            if _OPENER.search(text, pos, m.start()):
                return None  # a comment, or an opener this reader did not take as a tag
            count += 1
            body.append(_NEWLINES.sub("\n", text[pos : m.start()]))
        pos = m.end()
        variable = m.group("variable")
        read = _read_tag(variable is not None, variable if variable is not None else m.group("block"))
        if read is None:
            return None
        tokens, head, expr = read
        count += 2 + tokens
        if head == "":
            body.append(("out", expr))
        elif head == "if":
            branches: list[tuple[Expr | None, list[Node]]] = [(expr, [])]
            stack.append((branches, body))
            body = branches[0][1]
        elif head in ("elif", "else"):
            if not stack or stack[-1][0][-1][0] is None:
                return None  # outside an if, or after its else
            stack[-1][0].append((expr, []))
            body = stack[-1][0][-1][1]
        else:  # endif
            if not stack:
                return None
            branches, body = stack.pop()
            tests = tuple((test, tuple(b)) for test, b in branches if test is not None)
            last = branches[-1]
            body.append(("if", tests, tuple(last[1]) if last[0] is None else None))
    if stack or _OPENER.search(text, pos):
        return None
    if pos < len(text):
        count += 1
        body.append(_NEWLINES.sub("\n", text[pos:]))
    return count, tuple(body)


def scan(text: str) -> int | None:
    """The number of template tokens Jinja's lexer makes of ``text`` when it is written only in the forms
    this reader knows and is valid; ``None`` otherwise (Jinja must read it)."""
    found = parse(text)
    return None if found is None else found[0]


def expression(text: str) -> tuple[int, Expr] | None:
    """A condition (an expression on its own, as Jinja's ``compile_expression`` reads it) in the forms this
    reader knows: the template tokens Jinja's lexer makes of it and its tree; ``None`` otherwise."""
    read = _read_tag(True, text)
    return None if read is None or read[2] is None else (read[0], read[2])


def expression_tokens(text: str) -> int | None:
    """The template tokens of a condition in the forms this reader knows; ``None`` otherwise."""
    found = expression(text)
    return None if found is None else found[0]
