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
from functools import lru_cache

# A tag: its kind ("{" variable, "%" block), and what is inside. Anything else holding "{{", "{%" or "{#" is
# not for this reader.
_TAG = re.compile(
    r"\{\{(?![-+])(?P<variable>.*?)(?<![-+])\}\}|\{%(?![-+])(?P<block>.*?)(?<![-+])%\}", re.DOTALL
)
# Jinja drops one newline that ends a template before reading it (keep_trailing_newline is off).
_LAST_NEWLINE = re.compile(r"(?:\r\n|\r|\n)\Z")
_OPENER = re.compile(r"\{[{%#]")
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


class _Expression:
    """A recursive-descent reading of one expression over the tokens of a tag (see the module's text)."""

    def __init__(self, tokens: list[tuple[str, str]], start: int = 0) -> None:
        self.tokens = tokens
        self.pos = start

    def _peek(self, value: str | None = None, kind: str | None = None) -> bool:
        if self.pos >= len(self.tokens):
            return False
        k, v = self.tokens[self.pos]
        return (value is None or v == value) and (kind is None or k == kind)

    def _word(self, word: str) -> bool:
        return self._peek(word, "name")

    def _take(self, word: str) -> bool:
        if self._word(word) or self._peek(word, "operator"):
            self.pos += 1
            return True
        return False

    def conditional(self) -> bool:
        if not self.either():
            return False
        if self._take("if"):
            if not self.either():
                return False
            if self._take("else"):
                return self.conditional()
        return True

    def either(self) -> bool:
        if not self.both():
            return False
        while self._take("or"):
            if not self.both():
                return False
        return True

    def both(self) -> bool:
        if not self.negation():
            return False
        while self._take("and"):
            if not self.negation():
                return False
        return True

    def negation(self) -> bool:
        if self._take("not"):
            return self.negation()
        return self.comparison()

    def comparison(self) -> bool:
        if not self.atom():
            return False
        while True:
            if (self.pos < len(self.tokens) and self.tokens[self.pos][1] in _COMPARISONS) or self._word("in"):
                self.pos += 1
            elif (
                self._word("not")
                and self.pos + 1 < len(self.tokens)
                and self.tokens[self.pos + 1] == ("name", "in")
            ):
                self.pos += 2
            else:
                return True
            if not self.atom():
                return False

    def atom(self) -> bool:
        if self.pos >= len(self.tokens):
            return False
        kind, value = self.tokens[self.pos]
        if kind in ("string", "integer"):
            self.pos += 1
            return True
        if kind == "name":
            if value in _KEYWORDS or value.startswith("_"):
                return False
            self.pos += 1
            if value in _FUNCTIONS and self._take("("):  # ref('id'): one quoted argument
                if not self._peek(kind="string"):
                    return False
                self.pos += 1
                return self._take(")")
            return True
        if value == "(":
            self.pos += 1
            return self.conditional() and self._take(")")
        return False

    def whole(self) -> bool:
        return self.conditional() and self.pos == len(self.tokens)


@lru_cache(maxsize=4096)
def _read_tag(variable: bool, inside: str) -> tuple[int, str] | None:
    """One tag (clause texts repeat the same few, so each is read once): its token count and what it
    does to the blocks ("" for a variable, "if", "elif", "else", "endif"), or ``None``."""
    tokens = _tokens(inside)
    if not tokens:
        return None
    if variable:
        return (len(tokens), "") if _Expression(tokens).whole() else None
    kind, head = tokens[0]
    if kind != "name":
        return None
    if head in ("if", "elif"):
        return (len(tokens), head) if _Expression(tokens, 1).whole() else None
    if head in ("else", "endif") and len(tokens) == 1:
        return 1, head
    return None


def scan(text: str) -> int | None:
    """The number of template tokens Jinja's lexer makes of ``text`` when it is written only in the forms
    this reader knows and is valid; ``None`` otherwise (Jinja must read it)."""
    text = _LAST_NEWLINE.sub("", text, count=1)
    count = 0
    pos = 0
    open_blocks: list[bool] = []  # one per open {% if %}: whether its {% else %} has been seen
    for m in _TAG.finditer(text):
        if m.start() > pos:
            if _OPENER.search(text, pos, m.start()):
                return None  # a comment, or an opener this reader did not take as a tag
            count += 1
        pos = m.end()
        variable = m.group("variable")
        read = _read_tag(variable is not None, variable if variable is not None else m.group("block"))
        if read is None:
            return None
        tokens, head = read
        count += 2 + tokens
        if head == "if":
            open_blocks.append(False)
        elif head in ("elif", "else"):
            if not open_blocks or open_blocks[-1]:
                return None
            open_blocks[-1] = head == "else"
        elif head == "endif":
            if not open_blocks:
                return None
            open_blocks.pop()
    if open_blocks or _OPENER.search(text, pos):
        return None
    return count + (1 if pos < len(text) else 0)
