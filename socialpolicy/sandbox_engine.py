"""The Jinja2 side of :mod:`socialpolicy.sandbox`: the sandboxed environment, the budget that every
operation pays into, and compiling, vetting and running text that the fast paths there do not read.

Imported only when some text needs it (most clause text and every built-in condition is read without it),
so that a command that fills in plain clauses does not pay for loading Jinja2.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import operator
import re
import string
import threading
import time
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from functools import lru_cache
from typing import Any

from jinja2 import ChainableUndefined, TemplateSyntaxError, Undefined, nodes
from jinja2.compiler import CodeGenerator, Frame, operators
from jinja2.lexer import Token, TokenStream
from jinja2.parser import Parser
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, SecurityError, safe_range
from jinja2.utils import _PassArg

from socialpolicy import template_scan
from socialpolicy.errors import InputError, SandboxError
from socialpolicy.sandbox import (
    _OP,
    DEADLINE_SECONDS,
    MAX_ALLOCATED,
    MAX_BUILT,
    MAX_DOCUMENT_TOKENS,
    MAX_INT_BITS,
    MAX_NESTING,
    MAX_OUTPUT,
    MAX_STEPS,
    MAX_TOKENS,
    _document,
    _Scope,
    placeholder,
)

_missing: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("missing", default=None)


class Placeholder(ChainableUndefined):
    """A missing answer: renders as a visible placeholder and is recorded."""

    __slots__ = ()

    def __str__(self) -> str:
        name = self._undefined_name or "value"
        found = _missing.get()
        if found is not None:
            found.append(name)
        return placeholder(name)

    def __html__(self) -> str:
        return str(self)


# -- the budget ---------------------------------------------------------------------------------------


class BudgetExceeded(SecurityError):
    """The text did more work, or built more, than its budget allows."""


class _NotNow(nodes.Impossible):
    """Raised by filters and tests when no budget is running: Jinja is folding constants while it
    compiles, and every filter must run later, at render time, where its cost is counted."""


class Budget:
    """What one render (or one condition) may still spend, and the weights of what it has built."""

    __slots__ = (
        "_checked",
        "allocated",
        "deadline",
        "document",
        "functions",
        "start_steps",
        "steps",
        "weights",
    )

    def __init__(self, functions: Iterable[object] = (), document: _Scope | None = None) -> None:
        self.steps = MAX_STEPS if document is None else min(MAX_STEPS, document.steps)
        self.start_steps = self.steps
        self.allocated = MAX_ALLOCATED
        self.document = document
        self.functions = tuple(functions) if functions else ()
        # id -> (value, weight): the value is kept so that its id cannot be reused while the render runs.
        self.weights: dict[int, tuple[object, int]] = {}
        self.deadline = time.monotonic() + DEADLINE_SECONDS
        self._checked = self.steps

    def spend(self, steps: int) -> None:
        self.steps -= steps
        if self.steps < 0:
            if self.document is not None and self.document.steps < MAX_STEPS:
                raise BudgetExceeded(
                    f"the texts of this document together take more than {self.document.limit:,} steps "
                    "to fill in (loops, filters or methods over large values)"
                )
            raise BudgetExceeded(
                f"filling in this text takes more than {MAX_STEPS:,} steps "
                "(loops, filters or methods over large values)"
            )
        if self._checked - self.steps > 20_000:
            self._checked = self.steps
            if time.monotonic() > self.deadline:
                raise BudgetExceeded(f"filling in this text took more than {DEADLINE_SECONDS:.0f} seconds")

    def allocate(self, weight: int) -> None:
        self.allocated -= weight
        if self.allocated < 0:
            raise BudgetExceeded(
                f"this text builds more than {MAX_ALLOCATED:,} characters of values altogether"
            )

    def close(self) -> None:
        if self.document is not None:
            self.document.steps -= self.start_steps - max(self.steps, 0)


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def _running(functions: Iterable[object] = ()) -> Iterator[Budget]:
    budget = Budget(functions, _document.get())
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)
        budget.close()


def _active() -> Budget:
    budget = _budget.get()
    if budget is None:
        raise _NotNow()
    return budget


# -- weights ------------------------------------------------------------------------------------------

_VIEWS = (KeysView, ValuesView, ItemsView)  # what dict.keys(), values() and items() give
_SCALARS: dict[type, int] = {bool: 5, type(None): 4, float: 24}


def _scalar_weight(value: object) -> int | None:
    kind = type(value)
    if kind is str:
        return len(value)  # type: ignore[arg-type]
    if kind is int:
        return value.bit_length() // 3 + 1  # type: ignore[attr-defined]  # about its decimal digits
    fixed = _SCALARS.get(kind)
    if fixed is not None:
        return fixed
    if isinstance(value, str):  # Markup
        return len(value)
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, range):
        return len(value) + 1  # a lazy list: what reads it reads every item
    if isinstance(value, list | tuple | dict):
        return None
    if isinstance(value, _VIEWS):  # never kept (calls turn them into lists); bounded by their size
        return 16 * (len(value) + 1)
    return 16  # functions, the loop object, undefined values, iterators (read once, counted as read)


def _children(value: Any) -> Iterable[Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield item
    else:
        yield from value


def weigh(value: object, budget: Budget | None = None) -> int:
    """About the length of ``value`` printed, counting a shared part every time it appears.

    Containers are walked without recursion, once each per render (their weight is remembered);
    a value that contains itself or nests more than :data:`MAX_NESTING` deep is refused."""
    if type(value) is str:
        return len(value)
    simple = _scalar_weight(value)
    if simple is not None:
        return simple
    budget = budget if budget is not None else _active()
    memo = budget.weights
    known = memo.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    if isinstance(value, list | tuple) and len(value) <= 64:  # most lists: a few words or numbers
        total = 2
        for child in value:
            w = _scalar_weight(child)
            if w is None:
                break
            total += 2 + w
        else:
            budget.spend(len(value))
            memo[id(value)] = (value, total)
            return total
    in_progress: set[int] = set()
    stack: list[tuple[Any, int, bool]] = [(value, 0, False)]
    while stack:
        node, depth, expanded = stack.pop()
        key = id(node)
        if not expanded:
            known = memo.get(key)
            if known is not None and known[0] is node:
                continue
            if key in in_progress:
                raise SecurityError("a value that contains itself")
            if depth > MAX_NESTING:
                raise SecurityError(f"values nested more than {MAX_NESTING} levels deep")
            in_progress.add(key)
            stack.append((node, depth, True))
            stack.extend(
                (child, depth + 1, False) for child in _children(node) if _scalar_weight(child) is None
            )
            continue
        total = 2
        count = 0
        for child in _children(node):
            count += 1
            w = _scalar_weight(child)
            total += 2 + (w if w is not None else memo[id(child)][1])
        budget.spend(count)
        memo[key] = (node, total)
        in_progress.discard(key)
    return memo[id(value)][1]


def _too_large(what: str = "the result") -> SecurityError:
    return SecurityError(f"{what} would be too large")


def _built(value: Any, budget: Budget) -> Any:
    """Weigh a value the text has just built: refuse it when too heavy, charge it to the budget."""
    weight = len(value) if type(value) is str else weigh(value, budget)
    if weight > MAX_BUILT:
        raise _too_large()
    budget.allocate(weight)
    return value


_PLAIN = frozenset({str, int, float, bool, type(None), list, tuple, dict, range})


def _drained(value: Any, budget: Budget) -> Any:
    """An iterator (the lazy result of ``map``, ``select``, ``batch`` ...) read into a list, paying for
    every item, so that what reads it next can be weighed before it runs."""
    if type(value) in _PLAIN or not isinstance(value, Iterator) or isinstance(value, LoopContext):
        return value
    items = []
    weight = 2
    for item in value:
        weight += 2 + weigh(item, budget)
        if weight > MAX_BUILT:
            raise _too_large()
        budget.spend(_OP)
        items.append(item)
    budget.allocate(weight)
    return items


def _read(values: Iterable[Any], budget: Budget) -> list[Any]:
    """Drain any iterators among ``values`` and pay for reading all of them."""
    out = [_drained(v, budget) for v in values]
    budget.spend(sum(weigh(v, budget) for v in out))
    return out


# -- estimates of what would be built ---------------------------------------------------------------

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]?")
_NUMBER = re.compile(r"\d+")


def _heaviest(values: Iterable[Any], budget: Budget) -> int:
    return max((weigh(v, budget) for v in values), default=0)


def _percent_estimate(fmt: str, args: Any, budget: Budget) -> int:
    """An upper bound on ``fmt % args``: each conversion prints at most its width or the heaviest argument."""
    if isinstance(args, dict):
        heaviest = _heaviest(args.values(), budget)
    elif isinstance(args, tuple | list):
        heaviest = _heaviest(args, budget)
    else:
        heaviest = weigh(args, budget)
    total = len(fmt)
    for m in _PERCENT_SPEC.finditer(fmt):
        width = 0
        for part in m.groups():
            if part == "*" or (part is not None and int(part) > MAX_BUILT):
                raise _too_large("the formatted text")
            if part is not None:
                width = max(width, int(part))
        total += max(width, heaviest)
    return total


def _brace_estimate(fmt: str, args: Iterable[Any], budget: Budget) -> int:
    """An upper bound on ``fmt.format(...)``; nested fields and huge widths are refused."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return len(fmt)  # str.format raises the same error, reported as unusable text
    heaviest = _heaviest(args, budget)
    total = 0
    for literal_text, field, spec, _ in parsed:
        total += len(literal_text)
        if field is None:
            continue
        width = 0
        if spec:
            if "{" in spec:
                raise _too_large("the formatted text")
            numbers = [int(n) for n in _NUMBER.findall(spec)]
            if any(n > MAX_BUILT for n in numbers):
                raise _too_large("the formatted text")
            width = max(numbers, default=0)
        total += max(width, heaviest)
    return total


def _join_estimate(separator: Any, items: Any, budget: Budget) -> int:
    seq = list(items) if not isinstance(items, list | tuple | str | dict) else items
    return weigh(separator, budget) * max(len(seq) - 1, 0) + sum(weigh(x, budget) for x in seq)


def _replace_estimate(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        found = min(found, count)
    return len(text) + found * len(new)


def _check_numbers(args: Iterable[Any]) -> None:
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_BUILT:
            raise SecurityError(f"the number {value} is too large here")


def _refuse_if_over(estimate: int) -> None:
    if estimate > MAX_BUILT:
        raise _too_large()


# -- methods that text may call -----------------------------------------------------------------------

_STR_METHODS = frozenset(
    {
        "capitalize",
        "casefold",
        "center",
        "count",
        "endswith",
        "expandtabs",
        "find",
        "format",
        "format_map",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdecimal",
        "isdigit",
        "isidentifier",
        "islower",
        "isnumeric",
        "isprintable",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rjust",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
        "zfill",
    }
)
# Methods that read a value or build a bounded one. None that changes a list or mapping in place, so
# a loop cannot feed itself; no encode (bytes escape the weights) and no translate (it multiplies text).
_METHODS: dict[type, frozenset[str]] = {
    list: frozenset({"count", "index", "copy"}),
    tuple: frozenset({"count", "index"}),
    dict: frozenset({"get", "items", "keys", "values", "copy"}),
    int: frozenset({"bit_length"}),
    bool: frozenset(),
    float: frozenset({"is_integer"}),
    range: frozenset({"count", "index"}),
    LoopContext: frozenset({"cycle", "changed"}),
}
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def _method_allowed(owner: object, name: str) -> bool:
    if isinstance(owner, str):
        return name in _STR_METHODS
    for kind, names in _METHODS.items():
        if type(owner) is kind or (kind is LoopContext and isinstance(owner, LoopContext)):
            return name in names
    return False


def _describe(obj: object) -> str:
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", None) or type(obj).__name__
    if owner is not None and not isinstance(owner, type):
        return f"the method {name!r} of a {type(owner).__name__}"
    return f"{name!r}"


def _check_method(owner: Any, name: str, args: list[Any], kwargs: dict[str, Any], budget: Budget) -> None:
    """Estimates, before the call, for the methods of text whose result can outgrow their inputs."""
    if not isinstance(owner, str):
        return
    if name in _WIDTH_METHODS:
        _check_numbers([*args, *kwargs.values()])
    elif name == "expandtabs":
        tab = args[0] if args and isinstance(args[0], int) else kwargs.get("tabsize", 8)
        if isinstance(tab, int):
            _check_numbers([tab])
            _refuse_if_over(len(owner) + owner.count("\t") * max(tab, 0))
    elif name == "join" and args:
        _refuse_if_over(_join_estimate(owner, args[0], budget))
    elif name == "replace" and len(args) >= 2:
        _refuse_if_over(_replace_estimate(owner, *args[:3]))
    elif name == "format":
        _refuse_if_over(_brace_estimate(owner, [*args, *kwargs.values()], budget))
    elif name == "format_map" and args and isinstance(args[0], Mapping):
        _refuse_if_over(_brace_estimate(owner, list(args[0].values()), budget))


# -- filters and tests --------------------------------------------------------------------------------

# Filters whose cost does not grow with their input (they still pay for what they build).
_CHEAP_FILTERS = frozenset({"length", "count", "first", "default", "d", "abs", "round", "float"})
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "round"})


_CHECKED_FILTERS = _WIDTH_FILTERS | {"join", "replace", "format", "sum"}


def _check_filter(name: str, values: list[Any], kwargs: dict[str, Any], budget: Budget) -> None:
    """Estimates, before the call, for the filters whose result can outgrow their inputs."""
    if name in _WIDTH_FILTERS:
        _check_numbers([*values[1:], *kwargs.values()])
    if not values:
        return
    value = values[0]
    if name == "join":
        separator = values[1] if len(values) > 1 else kwargs.get("d", "")
        _refuse_if_over(_join_estimate(separator, value, budget))
    elif name == "replace" and isinstance(value, str) and len(values) >= 3:
        _refuse_if_over(_replace_estimate(value, *values[1:4]))
    elif name == "format" and isinstance(value, str):
        _refuse_if_over(_percent_estimate(value, kwargs or tuple(values[1:]), budget))
    elif name == "indent" and isinstance(value, str):
        width = values[1] if len(values) > 1 else kwargs.get("width", 4)
        lines = value.count("\n") + 1
        _refuse_if_over(len(value) + lines * (width if isinstance(width, int) else weigh(width, budget)))
    elif name == "wordwrap" and isinstance(value, str):
        width = values[1] if len(values) > 1 else kwargs.get("width", 79)
        wrap = values[3] if len(values) > 3 else kwargs.get("wrapstring") or "\n"
        lines = value.count("\n") + 1 + len(value) // max(width if isinstance(width, int) else 1, 1)
        _refuse_if_over(len(value) + lines * weigh(wrap, budget))
    elif name == "sum":
        start = values[2] if len(values) > 2 else kwargs.get("start", 0)
        if not isinstance(start, int | float):
            raise SecurityError("the sum filter adds numbers only")
    elif name in ("batch", "slice"):
        fill = values[2] if len(values) > 2 else kwargs.get("fill_with")
        if fill is not None:
            count = values[1] if len(values) > 1 else 0
            items = len(value) if isinstance(value, list | tuple | str | range) else 0
            if isinstance(count, int):
                _refuse_if_over((items + count) * (2 + weigh(fill, budget)))


def _skip_for(func: Callable[..., Any]) -> int:
    """How many leading arguments Jinja passes a filter or test itself (context, environment)."""
    return 0 if _PassArg.from_obj(func) is None else 1


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter so that it pays for what it reads and what it builds."""
    skip = _skip_for(func)

    cheap = name in _CHEAP_FILTERS
    checked = name in _CHECKED_FILTERS

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        budget = _budget.get()
        if budget is None:
            raise _NotNow()
        budget.spend(_OP)
        head, values = args[:skip], [_drained(v, budget) for v in args[skip:]]
        if kwargs:
            kwargs = {k: _drained(v, budget) for k, v in kwargs.items()}
        if not cheap:
            budget.spend(sum(weigh(v, budget) for v in (*values, *kwargs.values())))
        if checked:
            _check_filter(name, values, kwargs, budget)
        return _built(func(*head, *values, **kwargs), budget)

    return wrapper


def _bounded_test(func: Callable[..., Any]) -> Callable[..., Any]:
    skip = _skip_for(func)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        budget = _active()
        budget.spend(_OP)
        values = _read([*args[skip:], *kwargs.values()], budget)
        del values
        return func(*args, **kwargs)

    return wrapper


# -- the environment ----------------------------------------------------------------------------------


_LOOP_HOOK = "budgeted_iter"


def _budgeted(iterable: nodes.Expr, cost: int) -> nodes.Expr:
    """The iterable of a ``for`` loop, wrapped so that every pass pays for the loop's body. Jinja allows
    no new node types; a call of an environment attribute is one that no template text can write."""
    return nodes.Call(nodes.EnvironmentAttribute(_LOOP_HOOK), [iterable, nodes.Const(cost)], [], None, None)


class _BoundedCodeGenerator(CodeGenerator):
    """Route through the environment what Jinja would otherwise run as plain Python: concatenation,
    literals, slices, comparisons and the iterables of loops, so each is weighed and paid for."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _built(self, visit: Callable[[Any, Frame], None], node: nodes.Expr, frame: Frame) -> None:
        if getattr(node, "ctx", "load") != "load":
            visit(node, frame)
            return
        self.write("environment.built(")
        visit(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._built(super().visit_List, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        self._built(super().visit_Tuple, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._built(super().visit_Dict, node, frame)

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("environment.bounded_slice(")
        self.visit(node.node, frame)
        for part in (node.arg.start, node.arg.stop, node.arg.step):
            self.write(", ")
            if part is None:
                self.write("None")
            else:
                self.visit(part, frame)
        self.write(")")

    def _weighed(self, node: nodes.Expr, frame: Frame) -> None:
        if isinstance(node, nodes.Const):  # a literal of the text: the loop's cost already counts it
            self.visit(node, frame)
            return
        self.write("environment.weighed(")
        self.visit(node, frame)
        self.write(")")

    def visit_Compare(self, node: nodes.Compare, frame: Frame) -> None:
        self.write("(")
        self._weighed(node.expr, frame)
        for op in node.ops:
            self.write(f" {operators[op.op]} ")
            self._weighed(op.expr, frame)
        self.write(")")

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        hook = node.node
        if isinstance(hook, nodes.EnvironmentAttribute) and hook.name == _LOOP_HOOK:
            self.write(f"environment.{_LOOP_HOOK}(")
            self.visit(node.args[0], frame)
            self.write(f", {int(node.args[1].value)})")  # type: ignore[attr-defined]
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)


def _counted(tokens: Iterable[Token]) -> Iterator[Token]:
    count = 0
    for token in tokens:
        count += 1
        if count > MAX_TOKENS:
            raise SecurityError(
                f"the text has more than {MAX_TOKENS:,} template tokens; split it into several texts"
            )
        yield token
    _spend_tokens(count)
    _last_count.set(count)


_last_count: contextvars.ContextVar[int] = contextvars.ContextVar("_last_count", default=0)


def _spend_tokens(count: int) -> None:
    """Charge a text's template tokens to the document or file being read, if any."""
    scope = _document.get()
    if scope is not None:
        scope.tokens -= count
        if scope.tokens < 0:
            raise SecurityError(
                f"the texts of this file or document have more than {MAX_DOCUMENT_TOKENS:,} template "
                "tokens altogether"
            )


def _finalize(value: Any) -> Any:
    """Every ``{{ ... }}`` passes here before it is printed: refuse what would print too much, and pay."""
    budget = _budget.get()
    if budget is None:  # a constant folded while compiling: bounded by the text itself
        return value
    if type(value) is str:  # most of what is printed: pay without weighing
        budget.spend(1 + len(value) // 16)
        budget.allocate(len(value))
        return value
    weight = weigh(value, budget)
    if weight > MAX_OUTPUT:
        raise SecurityError(f"the text would be longer than {MAX_OUTPUT:,} characters")
    text = str(value)
    budget.spend(1 + len(text) // 16)
    budget.allocate(len(text))
    return text


class _Env(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator

    def _tokenize(
        self, source: str, name: str | None, filename: str | None = None, state: str | None = None
    ) -> TokenStream:
        # Parsing and compiling cost grows with the tokens of a text: count them as they are read.
        stream = super()._tokenize(source, name, filename, state)
        return TokenStream(_counted(stream), name, filename)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # Jinja returns a lazy undefined here; refuse at once so the attempt is reported, not hidden.
        raise SecurityError(
            f"access to attribute {attribute!r} of a {type(obj).__name__} object is not allowed"
        )

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        budget = _active()
        budget.spend(1 + weigh(left, budget) + weigh(right, budget))
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise SecurityError("exponent too large")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left).bit_length() * right > MAX_INT_BITS
            ):
                raise _too_large()
            return operator.pow(left, right)
        if operator_name == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int):
                    _refuse_if_over(weigh(seq, budget) * n)
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS
            ):
                raise _too_large()
            return _built(operator.mul(left, right), budget)
        if operator_name == "%":
            if isinstance(left, str):
                _refuse_if_over(_percent_estimate(left, right, budget))
            return _built(operator.mod(left, right), budget)
        if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            _refuse_if_over(weigh(left, budget) + weigh(right, budget))
        return _built(operator.add(left, right), budget)

    def bounded_concat(self, values: tuple[Any, ...]) -> str:
        budget = _active()
        _refuse_if_over(sum(weigh(v, budget) for v in values))
        return _built("".join([str(v) for v in values]), budget)

    def built(self, value: Any) -> Any:
        budget = _active()
        budget.spend(_OP)
        return _built(value, budget)

    def bounded_slice(self, value: Any, start: Any, stop: Any, step: Any) -> Any:
        budget = _active()
        budget.spend(_OP)
        return _built(value[start:stop:step], budget)

    def weighed(self, value: Any) -> Any:
        budget = _budget.get()
        if budget is None:
            raise _NotNow()
        budget.spend(1 + (len(value) if type(value) is str else weigh(value, budget)))
        return value

    def budgeted_iter(self, iterable: Any, cost: int) -> Iterator[Any]:
        budget = _active()
        spend = budget.spend
        for item in iterable:
            spend(cost)
            yield item

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _active()
        budget.spend(_OP)
        values = [_drained(a, budget) for a in args]
        kwargs = {k: _drained(v, budget) for k, v in kwargs.items()}
        if __obj is safe_range:
            _check_numbers(values)
        elif __obj is dict or any(__obj is f for f in budget.functions) or isinstance(__obj, Undefined):
            pass
        else:
            method = getattr(__obj, "__wrapped__", __obj)  # Jinja wraps str.format in its own formatter
            owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
            if owner is None or not _method_allowed(owner, name):
                raise SecurityError(f"{_describe(method)} cannot be called in clause text")
            budget.spend(weigh(owner, budget))
            _check_method(owner, name, values, kwargs, budget)
        budget.spend(sum(weigh(v, budget) for v in (*values, *kwargs.values())))
        result = super().call(__context, __obj, *values, **kwargs)
        if isinstance(result, _VIEWS):  # keys(), values(), items(): a list, weighed like any other
            result = list(result)
        return _built(result, budget)


# Filters that write HTML or debugging dumps: no use in clause text, and their output can grow far
# beyond their input (an indent or attribute repeated on every line or link). ``attr`` reaches
# attributes by name.
_NO_FILTERS = frozenset({"attr", "pprint", "tojson", "urlize", "xmlattr"})


def _make_env(undefined: type[ChainableUndefined]) -> SandboxedEnvironment:
    env = _Env(undefined=undefined, autoescape=False, keep_trailing_newline=False, finalize=_finalize)
    for name in ("lipsum", "cycler", "joiner", "namespace"):
        env.globals.pop(name, None)
    env.filters = {
        name: _bounded_filter(name, func) for name, func in env.filters.items() if name not in _NO_FILTERS
    }
    env.tests = {name: _bounded_test(func) for name, func in env.tests.items()}  # type: ignore[arg-type]
    return env


_BODY_ENV = _make_env(Placeholder)
_COND_ENV = _make_env(ChainableUndefined)


# -- vetting and compiling ---------------------------------------------------------------------------

_FORBIDDEN = (
    nodes.Macro,
    nodes.CallBlock,
    nodes.Import,
    nodes.FromImport,
    nodes.Include,
    nodes.Extends,
    nodes.Block,
)


def _refuse_private(node: nodes.Node) -> None:
    """Refuse any mention of a private or special attribute (``x.__class__``, ``x['_y']``) before running."""
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            raise SecurityError(f"access to the attribute {name!r} is not allowed")
    elif isinstance(node, nodes.Filter) and node.name == "attr":
        raise SecurityError("the attr filter is not allowed")


_LOOKUPS = (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Filter, nodes.Test)


def _cost(parts: Iterable[nodes.Node | None]) -> int:
    """What one pass over ``parts`` costs at least: one step a node, and one for every 16 characters
    of plain text it writes."""
    total = 1
    for part in parts:
        if part is None:
            continue
        for node in (part, *part.find_all(nodes.Node)):
            if isinstance(node, nodes.TemplateData):
                total += 1 + len(node.data) // 16
            elif isinstance(node, nodes.Const) and isinstance(node.value, str):
                total += 2 + len(node.value) // 16  # comparing or copying a long literal is work too
            else:
                total += _OP if isinstance(node, _LOOKUPS) else 2
    return total


def _refuse_unsafe(tree: nodes.Node, *, body: bool) -> None:
    """One walk over the parsed text. Everywhere: no private attributes. In bodies, also refuse
    macros, blocks, includes and nested or recursive loops."""
    for node in (tree, *tree.find_all(nodes.Node)):
        _refuse_private(node)
        if not body:
            continue
        if isinstance(node, _FORBIDDEN):
            raise SecurityError(f"{type(node).__name__.lower()} is not allowed in clause text")
        if isinstance(node, nodes.For) and (node.recursive or any(True for _ in node.find_all(nodes.For))):
            raise SecurityError("nested or recursive loops are not allowed in clause text")


def _budget_loops(tree: nodes.Node) -> None:
    """Make every pass of every loop pay for the loop's body (and its filter)."""
    for loop in tree.find_all(nodes.For):
        loop.iter = _budgeted(loop.iter, _cost([*loop.body, loop.test]))  # type: ignore[arg-type]
        loop.iter.set_lineno(loop.lineno)


@lru_cache(maxsize=16384)
def _check_body(text: str) -> None:
    """Parse and vet a body without compiling it: loading a library checks every clause, but only
    the clauses a document uses are ever compiled (compiling is most of the cost). Text in the forms
    clauses nearly always use is read by :mod:`socialpolicy.template_scan` instead of Jinja's parser,
    several times faster, with the same verdict and the same tokens charged."""
    count = template_scan.scan(text)
    if count is not None and count <= MAX_TOKENS:
        _spend_tokens(count)
        return
    _last_count.set(-1)
    tree = _BODY_ENV.parse(text)
    _refuse_unsafe(tree, body=True)
    count = _last_count.get()
    if count >= 0:
        with _VETTED_LOCK:
            _VETTED[text] = (tree, count)
            while len(_VETTED) > _VETTED_KEPT:
                del _VETTED[next(iter(_VETTED))]


# Trees that a check parsed and vetted, with the tokens their parse charged, kept (the latest few) for the
# compile that usually follows when a document is rendered, so that its text is not parsed twice: a
# compile takes its tree out and charges the same tokens as its own parse would have.
_VETTED: dict[str, tuple[Any, int]] = {}
_VETTED_KEPT = 256
_VETTED_LOCK = threading.Lock()


@lru_cache(maxsize=16384)
def _compile_body(text: str) -> Any:
    with _VETTED_LOCK:
        vetted = _VETTED.pop(text, None)
    if vetted is None:
        tree = _BODY_ENV.parse(text)
        _refuse_unsafe(tree, body=True)
    else:
        tree, count = vetted
        _spend_tokens(count)
    _budget_loops(tree)
    return _BODY_ENV.from_string(tree)


@lru_cache(maxsize=16384)
def _compile_condition(text: str) -> Any:
    _refuse_unsafe(Parser(_COND_ENV, text, state="variable").parse_expression(), body=False)
    return _COND_ENV.compile_expression(text)


def _failure(exc: BaseException) -> str:
    """What went wrong, in one line, for an exception raised while running untrusted text."""
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:197] + "..."
    return text or type(exc).__name__


def clear_caches() -> None:
    with _VETTED_LOCK:
        _VETTED.clear()
    _check_body.cache_clear()
    _compile_body.cache_clear()
    _compile_condition.cache_clear()


def check_syntax(text: str, source: str, where: str, *, expression: bool = False) -> None:
    """Raise :class:`InputError` if ``text`` is not a valid body (or condition)."""
    try:
        if expression:
            _compile_condition(text)
        else:
            _check_body(text)
    except TemplateSyntaxError as exc:
        raise InputError(source, f"template syntax error: {exc.message}", where) from None
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None
    except RecursionError:
        raise InputError(source, "template syntax error: the text is nested too deeply", where) from None
    except MemoryError:
        raise InputError(source, "the text needs more memory than is available", where) from None


def render(
    text: str,
    variables: Mapping[str, Any],
    functions: Mapping[str, Callable[..., Any]] | None,
    source: str,
    where: str | None,
) -> tuple[str, list[str]]:
    """What :func:`sandbox.render` does with a text its fast path leaves to Jinja: compiled, rendered under a
    budget, and every fault of the text an :class:`InputError` (a :class:`SandboxError` for what it refuses)."""
    found: list[str] = []
    token = _missing.set(found)
    try:
        with _faults_of_text(source, where, "template", "fill in variables"):
            template = _compile_body(text)
            context = dict(variables)
            if functions:
                context.update(functions)
            chunks: list[str] = []
            size = 0
            with _spending(functions.values() if functions else ()):
                for chunk in template.generate(context):
                    size += len(chunk)
                    if size > MAX_OUTPUT:
                        raise SecurityError(f"the text would be longer than {MAX_OUTPUT:,} characters")
                    chunks.append(chunk)
            output = "".join(chunks)
    finally:
        _missing.reset(token)
    return output, list(dict.fromkeys(found))


def evaluate(
    condition: str, variables: Mapping[str, Any], *, source: str = "condition", where: str | None = None
) -> bool:
    """Evaluate a condition such as ``'eu' in jurisdictions and sector == 'finance'`` under a budget."""
    if not condition.strip():
        return True
    with _faults_of_text(source, where, "condition", "evaluate condition"):
        expression = _compile_condition(condition)
        with _spending():
            value = expression(**dict(variables))
            return False if isinstance(value, ChainableUndefined) else bool(value)


@contextlib.contextmanager
def _spending(functions: Iterable[object] = ()) -> Iterator[None]:
    """Run what the body does under a fresh budget (within the document's, when one is running)."""
    budget = Budget(functions, _document.get())
    running = _budget.set(budget)
    try:
        yield
    finally:
        _budget.reset(running)
        budget.close()


@contextlib.contextmanager
def _faults_of_text(source: str, where: str | None, kind: str, doing: str) -> Iterator[None]:
    """Whatever a text makes Jinja or Python raise is a fault of the text: an :class:`InputError` naming
    ``source`` and ``where`` (a :class:`SandboxError` for what the sandbox refuses). ``kind`` is what the text
    is ("template", "condition"), ``doing`` what failed ("fill in variables")."""
    try:
        yield
    except TemplateSyntaxError as exc:
        raise InputError(source, f"{kind} syntax error: {exc.message}", where) from None
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None
    except RecursionError:
        raise InputError(source, f"cannot {doing}: too deeply nested", where) from None
    except MemoryError:
        raise InputError(source, f"cannot {doing}: the {kind} needs too much memory", where) from None
    except Exception as exc:  # anything else the text made Python raise is a fault of the text
        raise InputError(source, f"cannot {doing}: {_failure(exc)}", where) from None
