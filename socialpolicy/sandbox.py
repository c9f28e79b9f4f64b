"""Variables and conditions, evaluated in Jinja2's sandbox under a budget.

Clause bodies, definitions, titles and conditions come from libraries and projects that anyone may have
written. They run in a :class:`SandboxedEnvironment` that reaches no Python internals, and every render
and condition runs under a :class:`Budget` that nothing in the text can get round:

- every operation the text can perform is counted: a loop pays for its body on every pass (the body's
  size is known when the text is compiled), and a filter, method, operator or comparison pays for the
  size of the values it reads;
- every value the text builds (a literal, a slice, the result of a filter, method or operator) is
  weighed, roughly the length of its printed form, counting a shared part every time it appears; a
  value heavier than :data:`MAX_BUILT` is refused, and operations that multiply text or lists are
  estimated before they run, so nothing huge is built first and refused after;
- only the methods of text, lists, mappings and numbers that read or build bounded values can be called
  (no method that changes a list or mapping, so no loop can feed itself);
- the text of a whole document shares one budget as well (:func:`document_budget`).

Hitting a limit, or any other exception raised while running the text, becomes an
:class:`~socialpolicy.errors.InputError` naming the file and the place: never a traceback, never a hang.

Text in the forms clauses and conditions nearly always take (:mod:`socialpolicy.template_scan`) is vetted,
filled in and evaluated here without Jinja, with the same result; anything else goes to
:mod:`socialpolicy.sandbox_engine`, which holds the environment and the budget, and is imported only then.
"""

from __future__ import annotations

import contextlib
import contextvars
import operator
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from socialpolicy import template_scan

MAX_OUTPUT = 200_000  # characters one body may render to
MAX_BUILT = 100_000  # the weight (about the printed length) of any one value a text builds
MAX_INT_BITS = 4096  # the largest whole number an expression may build
MAX_STEPS = 500_000  # the work one render or condition may do (about half a second at worst)
MAX_ALLOCATED = 5_000_000  # the weight of everything one render may build, all told
MAX_DOCUMENT_STEPS = 3_000_000  # the work all the texts of one document may do together
MAX_TOKENS = 5_000  # template tokens in one text: what parsing and compiling it costs grows with them
MAX_DOCUMENT_TOKENS = 250_000  # template tokens in all the texts of one document or file
MAX_NESTING = 64  # how deeply lists and mappings built by a text may nest
DEADLINE_SECONDS = 20.0  # a last guard only: the counted steps end any render long before this

_OP = 4  # steps every operation costs, whatever it reads: calling into the sandbox is itself work

# The names the engine's environments define (Jinja's globals less lipsum, cycler, joiner and namespace): a
# fast path leaves text that uses them to Jinja. tests/core/test_sandbox_fast_path.py holds the two equal.
ENGINE_GLOBALS = frozenset({"range", "dict"})


def placeholder(name: str) -> str:
    return f"[to be completed: {name}]"


class _Scope:
    """What all the texts of one document (or one file being loaded) may still spend together."""

    __slots__ = ("limit", "steps", "tokens")

    def __init__(self, steps: int = MAX_DOCUMENT_STEPS) -> None:
        self.limit = steps
        self.steps = steps
        self.tokens = MAX_DOCUMENT_TOKENS


_document: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar("document", default=None)


@contextlib.contextmanager
def document_budget(steps: int = MAX_DOCUMENT_STEPS) -> Iterator[None]:
    """Make every text parsed, rendered or evaluated inside the block share one budget of
    :data:`MAX_DOCUMENT_STEPS` steps and :data:`MAX_DOCUMENT_TOKENS` tokens (a document of many clauses, a
    file being loaded, a library being validated, an assembly). Nested blocks share the outermost one."""
    if _document.get() is not None:
        yield
        return
    token = _document.set(_Scope(steps))
    try:
        yield
    finally:
        _document.reset(token)


class _OverBudget(Exception):
    """The document's token budget is spent: the engine reads the text again and says so, in its words."""


def _charge(count: int) -> None:
    scope = _document.get()
    if scope is not None:
        scope.tokens -= count
        if scope.tokens < 0:
            raise _OverBudget


@lru_cache(maxsize=49152)
def _charge_once(kind: str, text: str, count: int) -> None:
    """What the engine's cached work on ``text`` would charge, once per kind of work: a text filled in
    without compiling ("fill") or a body vetted without Jinja ("body") pays its tokens once, as a compiled
    or checked one does; a condition read without Jinja ("condition") pays twice, as the engine reads it."""
    _charge(2 * count if kind == "condition" else count)


def _engine() -> Any:
    from socialpolicy import sandbox_engine

    return sandbox_engine


def __getattr__(name: str) -> Any:
    """The engine's names (``Budget``, ``SecurityError``, ``_BODY_ENV``...), loading it on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    try:
        return getattr(_engine(), name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def clear_caches() -> None:
    _charge_once.cache_clear()
    template_scan.parse.cache_clear()
    engine = sys.modules.get("socialpolicy.sandbox_engine")
    if engine is not None:
        engine.clear_caches()


_DELIMITER = re.compile(r"\{[{%#]")


def literal(text: str) -> str:
    """Text that renders as itself: Jinja delimiters in imported or pasted text are escaped, not run."""
    return _DELIMITER.sub(lambda m: "{{ '" + m.group() + "' }}", text)


def literal_tokens(text: str) -> int:
    """The template tokens :func:`literal` of ``text`` takes (what :data:`MAX_TOKENS` limits), counted
    without making it."""
    return 4 * len(_DELIMITER.findall(text)) + 1


def check_syntax(text: str, source: str, where: str, *, expression: bool = False) -> None:
    """Raise :class:`InputError` if ``text`` is not a valid body (or condition)."""
    if not expression and "{" not in text:
        return  # every Jinja delimiter starts with "{": plain text is always valid
    try:
        count = template_scan.expression_tokens(text) if expression else template_scan.scan(text)
        if count is not None and count <= MAX_TOKENS:
            _charge_once("condition" if expression else "body", text, count)
            return
    except (_OverBudget, RecursionError):
        pass  # the engine reads it again and says why, in its words
    _engine().check_syntax(text, source, where, expression=expression)


class _Unsure(Exception):
    """The fast evaluation meets something whose meaning is Jinja's to decide."""


_UNDEFINED = object()  # a name with no answer: equal to nothing, false, empty (as Jinja's Undefined)


def _value(expr: template_scan.Expr, variables: Mapping[str, Any], functions: Mapping[str, Any]) -> Any:
    kind = expr[0]
    if kind == "const":
        return expr[1]
    if kind == "name":
        name = expr[1]
        if name in functions or name in ENGINE_GLOBALS:
            raise _Unsure
        return variables.get(name, _UNDEFINED) if name in variables else _UNDEFINED
    if kind == "ref":
        if "ref" not in functions:
            raise _Unsure
        return str(functions["ref"](expr[1]))
    if kind == "not":
        return not _truth(_value(expr[1], variables, functions))
    if kind in ("and", "or"):
        left = _value(expr[1], variables, functions)
        if _truth(left) == (kind == "or"):
            return left
        return _value(expr[2], variables, functions)
    if kind == "cond":
        chosen = expr[2] if _truth(_value(expr[1], variables, functions)) else expr[3]
        return _value(chosen, variables, functions)
    # compare: a chain, as Python and Jinja read "a < b < c"
    left = _value(expr[1], variables, functions)
    for op, operand in expr[2]:
        right = _value(operand, variables, functions)
        if not _compare(op, left, right):
            return False
        left = right
    return True


def _truth(value: Any) -> bool:
    if value is _UNDEFINED:
        return False
    if not isinstance(value, str | int | float | list | tuple | dict | type(None)):
        raise _Unsure
    return bool(value)


def _compare(op: str, left: Any, right: Any) -> bool:
    if op in ("==", "!="):
        same = left is not _UNDEFINED and right is not _UNDEFINED and left == right
        if left is _UNDEFINED and right is _UNDEFINED:
            same = True  # (two undefined values are equal in Jinja)
        return same if op == "==" else not same
    if op in ("in", "notin"):
        if right is _UNDEFINED:
            found = False  # nothing is in an undefined value
        elif left is _UNDEFINED or not isinstance(right, str | list | tuple | dict):
            raise _Unsure
        else:
            try:
                found = left in right
            except TypeError:
                raise _Unsure from None
        return found if op == "in" else not found
    if left is _UNDEFINED or right is _UNDEFINED:
        raise _Unsure  # ordering an undefined value is an error: Jinja words it
    try:
        return bool(_ORDER[op](left, right))
    except TypeError:
        raise _Unsure from None


_ORDER = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def _render_forms(
    text: str, variables: Mapping[str, Any], functions: Mapping[str, Callable[..., Any]] | None
) -> tuple[str, list[str]] | None:
    """Fill in text written in the forms :mod:`socialpolicy.template_scan` reads (``{% if %}`` blocks over
    answers, ``{{ name }}``, ``{{ ref('id') }}``, ``{{ 'a' if x else 'b' }}``) without compiling it: most
    clauses are like this, and compiling is most of what rendering a clause costs. The output is what Jinja gives; ``None`` hands
    anything less plain (an error, an undefined value printed, a value that is not text) to Jinja."""
    found = template_scan.parse(text)
    if found is None:
        return None
    functions = functions or {}
    parts: list[str] = []
    missing: list[str] = []
    size = [0]

    def write(body: tuple[template_scan.Node, ...]) -> None:
        for node in body:
            if isinstance(node, str):
                parts.append(node)
            elif node[0] == "out":
                expr = node[1]
                if expr[0] == "name" and expr[1] not in functions and expr[1] not in ENGINE_GLOBALS:
                    value = variables.get(expr[1])
                    if value is None:  # no answer: the visible placeholder, and the name recorded
                        missing.append(expr[1])
                        value = placeholder(expr[1])
                    printed = value if type(value) is str else str(value)  # (as Jinja prints an answer)
                else:
                    printed = _value(expr, variables, functions)
                    if type(printed) is not str:
                        raise _Unsure
                parts.append(printed)
                size[0] += len(printed)
                if size[0] > MAX_OUTPUT:
                    raise _Unsure  # let the engine report it, before more is built
            else:
                for test, branch in node[1]:
                    if _truth(_value(test, variables, functions)):
                        write(branch)
                        break
                else:
                    if node[2] is not None:
                        write(node[2])

    try:
        write(found[1])
    except (_Unsure, RecursionError):
        return None
    output = "".join(parts)
    if len(output) > MAX_OUTPUT:
        return None  # let the engine report it
    try:
        _charge_once("fill", text, found[0])
    except _OverBudget:
        return None  # over the document's budget: Jinja reads it again and says so, in its words
    return output, list(dict.fromkeys(missing))


def render(
    text: str,
    variables: Mapping[str, Any],
    *,
    functions: Mapping[str, Callable[..., Any]] | None = None,
    source: str = "clause",
    where: str | None = None,
) -> tuple[str, list[str]]:
    """Render ``text`` under a budget; return the output and the names of variables that were missing.

    Whatever goes wrong in the text is an :class:`InputError` (a :class:`SandboxError` for what the
    sandbox refuses)."""
    if "{" not in text:
        return text, []
    simple = _render_forms(text, variables, functions)
    if simple is not None:
        return simple
    result: tuple[str, list[str]] = _engine().render(text, variables, functions, source, where)
    return result


def _evaluate_forms(condition: str, variables: Mapping[str, Any]) -> bool | None:
    """A condition in the forms :mod:`socialpolicy.template_scan` reads, evaluated without compiling it;
    ``None`` hands anything else to Jinja."""
    try:
        found = template_scan.expression(condition)
        if found is None or found[0] > MAX_TOKENS:
            return None
        truth = _truth(_value(found[1], variables, {}))
        _charge_once("condition", condition, found[0])
    except (_Unsure, _OverBudget, RecursionError):
        return None
    return truth


def evaluate(
    condition: str, variables: Mapping[str, Any], *, source: str = "condition", where: str | None = None
) -> bool:
    """Evaluate a condition such as ``'eu' in jurisdictions and sector == 'finance'`` under a budget."""
    if not condition.strip():
        return True
    fast = _evaluate_forms(condition, variables)
    if fast is not None:
        return fast
    truth: bool = _engine().evaluate(condition, variables, source=source, where=where)
    return truth
