"""Variables and conditions, evaluated in Jinja2's sandbox.

Clause bodies, definitions, titles and conditions come from libraries and projects that anyone
may have written. They run in a :class:`SandboxedEnvironment` with limits on the size of what
they can build; any attempt to reach Python internals becomes a :class:`SandboxError`.
"""

from __future__ import annotations

import contextvars
import functools
import operator
import re
import string
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import ChainableUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.parser import Parser
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from socialpolicy.errors import InputError, SandboxError

MAX_OUTPUT = 200_000  # characters one body may render to
MAX_BUILT = 100_000  # items or characters one expression may build
MAX_INT_BITS = 4096  # the largest whole number an expression may build

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


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


def _too_large(what: str = "the result") -> SecurityError:
    return SecurityError(f"{what} would be too large")


def _check_percent_format(fmt: str) -> None:
    """Refuse ``%`` formats whose width or precision would build a huge string (``'%0999999999d'``)."""
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*" or (part is not None and int(part) > MAX_BUILT):
                raise _too_large("the formatted text")


def _check_brace_format(fmt: str) -> None:
    """Refuse ``str.format`` specs with huge widths (``'{:>999999999}'``) or nested fields."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will raise the same error, reported as unusable text
    for _, _, spec, _ in parsed:
        if spec and ("{" in spec or any(int(n) > MAX_BUILT for n in _NUMBER.findall(spec))):
            raise _too_large("the formatted text")


# Methods and filters whose whole-number arguments set the size of what they build ('x'.ljust(10**9)).
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})


def _check_args(args: Iterable[Any]) -> None:
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_BUILT:
            raise SecurityError(f"the number {value} is too large here")


def _size(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _check_growth(name: str, target: Any, args: tuple[Any, ...]) -> None:
    """Estimate what string methods and filters that multiply text would build, before they build it."""
    if name == "join" and args:
        items = list(args[0]) if not isinstance(args[0], str | list | tuple) else args[0]
        if _size(target) * len(items) + sum(_size(x) for x in items if isinstance(x, str)) > MAX_BUILT:
            raise _too_large()
    elif name == "replace" and isinstance(target, str) and len(args) >= 2 and isinstance(args[0], str):
        count = target.count(args[0]) if args[0] else len(target) + 1
        if len(target) + count * _size(args[1]) > MAX_BUILT:
            raise _too_large()
    elif name == "expandtabs" and isinstance(target, str):
        tab = args[0] if args and isinstance(args[0], int) else 8
        if len(target) + target.count("\t") * tab > MAX_BUILT:
            raise _too_large()
    elif name in ("format", "format_map") and isinstance(target, str):
        _check_brace_format(target)


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a built-in filter so that its arguments and result stay within the size limits."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if name in _WIDTH_FILTERS:
            _check_args([*args, *kwargs.values()])
        values = [
            a for a in args if not hasattr(a, "environment")
        ]  # drop the context Jinja passes some filters
        if name == "join" and len(values) >= 2:
            _check_growth("join", values[1], (values[0],))
        elif name == "replace" and len(values) >= 3:
            _check_growth("replace", values[0], tuple(values[1:3]))
        elif name == "format" and values and isinstance(values[0], str):
            _check_percent_format(values[0])
        elif name == "indent" and values and isinstance(values[0], str):
            width = values[1] if len(values) > 1 else kwargs.get("width", 4)
            if _size(width) * values[0].count("\n") + len(values[0]) > MAX_BUILT or (
                isinstance(width, int) and width * (values[0].count("\n") + 1) > MAX_BUILT
            ):
                raise _too_large()
        result = func(*args, **kwargs)
        if isinstance(result, str | list | tuple) and len(result) > MAX_OUTPUT:
            raise _too_large()
        return result

    return wrapper


class _BoundedCodeGenerator(CodeGenerator):
    """Compile ``a ~ b`` through the environment, so concatenation is size-checked like ``+``."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Env(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # Jinja returns a lazy undefined here; refuse at once so the attempt is reported, not hidden.
        raise SecurityError(
            f"access to attribute {attribute!r} of a {type(obj).__name__} object is not allowed"
        )

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
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
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_BUILT:
                    raise _too_large()
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS
            ):
                raise _too_large()
            return operator.mul(left, right)
        if operator_name == "%":
            if isinstance(left, str):
                _check_percent_format(left)
            return operator.mod(left, right)
        result = operator.add(left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_BUILT:
            raise _too_large()
        return result

    def bounded_concat(self, values: tuple[Any, ...]) -> str:
        parts = [str(v) for v in values]
        if sum(len(p) for p in parts) > MAX_BUILT:
            raise _too_large()
        return "".join(parts)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        wrapped = getattr(__obj, "__wrapped__", None)  # Jinja wraps str.format in its own formatter
        if wrapped is not None:
            target, name = getattr(wrapped, "__self__", None), getattr(wrapped, "__name__", "")
        if isinstance(target, str):
            if name in _WIDTH_METHODS:
                _check_args([*args, *kwargs.values()])
            _check_growth(name, target, args)
        return super().call(__context, __obj, *args, **kwargs)


def _make_env(undefined: type[ChainableUndefined]) -> SandboxedEnvironment:
    env = _Env(undefined=undefined, autoescape=False, keep_trailing_newline=False)
    for name in ("lipsum", "cycler", "joiner", "namespace"):
        env.globals.pop(name, None)
    env.filters = {name: _bounded_filter(name, func) for name, func in env.filters.items()}
    return env


_BODY_ENV = _make_env(Placeholder)
_COND_ENV = _make_env(ChainableUndefined)


_FORBIDDEN = (nodes.Macro, nodes.CallBlock, nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)


def _refuse_private(node: nodes.Node) -> None:
    """Refuse any mention of a private or special attribute (``x.__class__``, ``x['_y']``) before running."""
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            raise SecurityError(f"access to the attribute {name!r} is not allowed")
    elif isinstance(node, nodes.Filter) and node.name == "attr":
        raise SecurityError("the attr filter is not allowed")


def _refuse_unsafe(tree: nodes.Node, *, body: bool) -> None:
    """One walk over the parsed text. Everywhere: no private attributes. In bodies, also refuse
    constructs whose cost is not bounded by the output cap: macros, includes and nested loops."""
    for node in (tree, *tree.find_all(nodes.Node)):
        _refuse_private(node)
        if not body:
            continue
        if isinstance(node, _FORBIDDEN):
            raise SecurityError(f"{type(node).__name__.lower()} is not allowed in clause text")
        if isinstance(node, nodes.For) and (node.recursive or any(True for _ in node.find_all(nodes.For))):
            raise SecurityError("nested or recursive loops are not allowed in clause text")


@lru_cache(maxsize=16384)
def _check_body(text: str) -> None:
    """Parse and vet a body without compiling it: loading a library checks every clause, but only
    the clauses a document uses are ever compiled (compiling is most of the cost)."""
    _refuse_unsafe(_BODY_ENV.parse(text), body=True)


@lru_cache(maxsize=16384)
def _compile_body(text: str) -> Any:
    tree = _BODY_ENV.parse(text)
    _refuse_unsafe(tree, body=True)
    return _BODY_ENV.from_string(tree)


@lru_cache(maxsize=16384)
def _compile_condition(text: str) -> Any:
    _refuse_unsafe(Parser(_COND_ENV, text, state="variable").parse_expression(), body=False)
    return _COND_ENV.compile_expression(text)


def clear_caches() -> None:
    _check_body.cache_clear()
    _compile_body.cache_clear()
    _compile_condition.cache_clear()


_DELIMITER = re.compile(r"\{[{%#]")


def literal(text: str) -> str:
    """Text that renders as itself: Jinja delimiters in imported or pasted text are escaped, not run."""
    return _DELIMITER.sub(lambda m: "{{ '" + m.group() + "' }}", text)


def check_syntax(text: str, source: str, where: str, *, expression: bool = False) -> None:
    """Raise :class:`InputError` if ``text`` is not a valid body (or condition)."""
    if not expression and "{" not in text:
        return  # every Jinja delimiter starts with "{": plain text is always valid
    try:
        if expression:
            _compile_condition(text)
        else:
            _check_body(text)
    except TemplateSyntaxError as exc:
        raise InputError(source, f"template syntax error: {exc.message}", where) from None
    except SecurityError as exc:
        raise SandboxError(source, f"refused by the sandbox: {exc}", where) from None


_SIMPLE_TAG = re.compile(r"\{\{-?\s*(?:([A-Za-z_][A-Za-z0-9_]*)|ref\(\s*'([^'\\{}]*)'\s*\))\s*-?\}\}")
_NEWLINE = re.compile(r"\r\n|\r")


def _render_simple(
    text: str, variables: Mapping[str, Any], functions: Mapping[str, Callable[..., Any]] | None
) -> tuple[str, list[str]] | None:
    """Fill in text whose only tags are ``{{ name }}`` and ``{{ ref('id') }}`` without compiling it.

    Most clauses are like this; compiling each one costs far more than the substitution. Returns
    ``None`` when the text needs the full template engine. The output is what Jinja would give.
    """
    if "{%" in text or "{#" in text or "-}}" in text or "{{-" in text:
        return None
    tags = list(_SIMPLE_TAG.finditer(text))
    if len(tags) != text.count("{{") or len(tags) != text.count("}}"):
        return None
    functions = functions or {}
    for m in tags:
        name = m.group(1)
        if name is not None and (name in functions or name in _BODY_ENV.globals):
            return None
        if m.group(2) is not None and "ref" not in functions:
            return None
    missing: list[str] = []
    parts: list[str] = []
    last = 0
    for m in tags:
        parts.append(text[last : m.start()])
        name, target = m.group(1), m.group(2)
        if target is not None:
            parts.append(str(functions["ref"](target)))
        elif name in variables and variables[name] is not None:
            parts.append(str(variables[name]))
        else:
            missing.append(name)
            parts.append(placeholder(name))
        last = m.end()
    parts.append(text[last:])
    output = _NEWLINE.sub("\n", "".join(parts))
    if output.endswith("\n") and text.endswith(("\n", "\r")):
        output = output[:-1]  # Jinja drops one trailing newline of the template
    if len(output) > MAX_OUTPUT:
        return None  # let the engine report it
    return output, list(dict.fromkeys(missing))


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
    simple = _render_simple(text, variables, functions)
    if simple is not None:
        return simple
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


def evaluate(
    condition: str, variables: Mapping[str, Any], *, source: str = "condition", where: str | None = None
) -> bool:
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
