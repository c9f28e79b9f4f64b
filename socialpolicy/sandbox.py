"""Variables and conditions, evaluated in Jinja2's sandbox.

Clause bodies, definitions, titles and conditions come from libraries and projects that anyone
may have written. They run in a :class:`SandboxedEnvironment` with limits on the size of what
they can build; any attempt to reach Python internals becomes a :class:`SandboxError`.
"""

from __future__ import annotations

import contextvars
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import ChainableUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from socialpolicy.errors import InputError, SandboxError

MAX_OUTPUT = 200_000  # characters one body may render to
MAX_BUILT = 100_000  # items or characters one expression may build

_missing: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("missing", default=None)


def placeholder(name: str) -> str:
    return f"[to be completed: {name}]"


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


class _Env(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+"})

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # Jinja returns a lazy undefined here; refuse at once so the attempt is reported, not hidden.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__} object is not allowed")

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise SecurityError("exponent too large")
            return operator.pow(left, right)
        if operator_name == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_BUILT:
                    raise SecurityError("the result would be too large")
            return operator.mul(left, right)
        result = operator.add(left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_BUILT:
            raise SecurityError("the result would be too large")
        return result


def _make_env(undefined: type[ChainableUndefined]) -> SandboxedEnvironment:
    env = _Env(undefined=undefined, autoescape=False, keep_trailing_newline=False)
    for name in ("lipsum", "cycler", "joiner", "namespace"):
        env.globals.pop(name, None)
    return env


_BODY_ENV = _make_env(Placeholder)
_COND_ENV = _make_env(ChainableUndefined)


def _refuse_unbounded(tree: nodes.Node) -> None:
    """Refuse constructs whose cost is not bounded by the output cap: macros and nested loops."""
    for node in tree.find_all((nodes.Macro, nodes.CallBlock, nodes.Import, nodes.FromImport, nodes.Include,
                               nodes.Extends)):
        raise SecurityError(f"{type(node).__name__.lower()} is not allowed in clause text")
    for loop in tree.find_all(nodes.For):
        if loop.recursive or any(True for _ in loop.find_all(nodes.For)):
            raise SecurityError("nested or recursive loops are not allowed in clause text")


@lru_cache(maxsize=4096)
def _compile_body(text: str) -> Any:
    tree = _BODY_ENV.parse(text)
    _refuse_unbounded(tree)
    return _BODY_ENV.from_string(tree)


@lru_cache(maxsize=4096)
def _compile_condition(text: str) -> Any:
    return _COND_ENV.compile_expression(text)


def check_syntax(text: str, source: str, where: str, *, expression: bool = False) -> None:
    """Raise :class:`InputError` if ``text`` is not a valid body (or condition)."""
    try:
        if expression:
            _compile_condition(text)
        else:
            _compile_body(text)
    except TemplateSyntaxError as exc:
        raise InputError(source, f"template syntax error: {exc.message}", where) from None
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None


def render(
    text: str,
    variables: Mapping[str, Any],
    *,
    functions: Mapping[str, Callable[..., Any]] | None = None,
    source: str = "clause",
    where: str | None = None,
) -> tuple[str, list[str]]:
    """Render ``text``; return the output and the names of variables that were missing."""
    if "{" not in text:
        return text, []
    try:
        template = _compile_body(text)
    except TemplateSyntaxError as exc:
        raise InputError(source, f"template syntax error: {exc.message}", where) from None
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None
    found: list[str] = []
    token = _missing.set(found)
    try:
        context = dict(variables)
        if functions:
            context.update(functions)
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the text would be longer than {MAX_OUTPUT:,} characters")
            chunks.append(chunk)
        output = "".join(chunks)
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None
    except (TemplateError, UndefinedError, TypeError, ValueError, ArithmeticError, OverflowError) as exc:
        raise InputError(source, f"cannot fill in variables: {exc}", where) from None
    except RecursionError:
        raise InputError(source, "cannot fill in variables: too deeply nested", where) from None
    finally:
        _missing.reset(token)
    return output, list(dict.fromkeys(found))


def evaluate(condition: str, variables: Mapping[str, Any], *, source: str = "condition", where: str | None = None) -> bool:
    """Evaluate a condition such as ``'eu' in jurisdictions and sector == 'finance'``."""
    if not condition.strip():
        return True
    try:
        expression = _compile_condition(condition)
        value = expression(**dict(variables))
    except TemplateSyntaxError as exc:
        raise InputError(source, f"condition syntax error: {exc.message}", where) from None
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, OverflowError) as exc:
        raise InputError(source, f"cannot evaluate condition: {exc}", where) from None
    except RecursionError:
        raise InputError(source, "cannot evaluate condition: too deeply nested", where) from None
    if isinstance(value, ChainableUndefined):
        return False
    return bool(value)
