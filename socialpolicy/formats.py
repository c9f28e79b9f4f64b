"""File formats: JSON Schema validation, format versions and migrations.

Each format has a current version. Older files are migrated step by step in memory (the file on
disk is never touched by loading); files from a newer version of the program are refused.

Validation has two speeds. A compiled validator (``jsonschema-rs``) answers "valid or not" for every
file; only a file it refuses is walked again by ``jsonschema``, whose errors say where and what is wrong
in the words users see. The messages are the same as with ``jsonschema`` alone, and where the two ever
disagreed, ``jsonschema`` decides. Neither is imported until something untrusted is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialpolicy import jsonio, paths
from socialpolicy.errors import InputError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SCHEMAS = ("clauses", "template", "project")

Migration = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Format:
    """A file format: its name, schema, current version and migrations from older ones."""

    name: str  # value of the "format" key
    schema: str  # schema file stem in resources/schemas
    current: int
    migrations: dict[int, Migration] = field(default_factory=dict)  # from version N to N+1
    aliases: tuple[str, ...] = ()


def _clauses_v0(data: dict[str, Any]) -> dict[str, Any]:
    # Version 0 (early drafts) had no envelope and a bare list of clauses under "clauses".
    data = dict(data)
    data.setdefault("library", {"id": "unnamed", "title": "Unnamed library", "version": "0"})
    return data


def _template_v0(data: dict[str, Any]) -> dict[str, Any]:
    # Version 0 called the outline "outline".
    data = dict(data)
    if "outline" in data and "sections" not in data:
        data["sections"] = data.pop("outline")
    return data


def _project_v0(data: dict[str, Any]) -> dict[str, Any]:
    # Version 0 stored the template as a bare id and had no metadata block.
    data = dict(data)
    if isinstance(data.get("template"), str):
        data["template"] = {"id": data["template"], "version": "0"}
    data.setdefault("metadata", {"title": data.pop("title", "Untitled policy")})
    data.setdefault("answers", {})
    return data


def _project_v1(data: dict[str, Any]) -> dict[str, Any]:
    # Version 2 added optional keys only (metadata.project_id, a clause's provenance, comments).
    return dict(data)


CLAUSES = Format("socialpolicy.clauses", "clauses", 1, {0: _clauses_v0})
TEMPLATE = Format(
    "socialpolicy.template", "template", 1, {0: _template_v0}, aliases=("socialpolicy.questions",)
)
PROJECT = Format("socialpolicy.project", "project", 2, {0: _project_v0, 1: _project_v1})
FORMATS = {f.name: f for f in (CLAUSES, TEMPLATE, PROJECT)}


@cache
def schema_contents(schema: str) -> dict[str, Any]:
    return jsonio.load_json(paths.schema_path(schema))  # type: ignore[no-any-return]


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources = []
    for stem in SCHEMAS:
        contents = schema_contents(stem)
        resources.append((contents["$id"], Resource.from_contents(contents)))
        resources.append((f"{stem}.schema.json", Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@cache
def validator(schema: str) -> Draft202012Validator:
    """The validator that explains: every error, with its path and keyword."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema_contents(schema), registry=_registry())


@cache
def _compiled(schema: str) -> Callable[[Any], bool] | None:
    """The compiled validator's yes/no for ``schema``, or ``None`` where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # (a platform without its wheel: jsonschema alone is slower, not different)
        return None
    registry = jsonschema_rs.Registry([(schema_contents(s)["$id"], schema_contents(s)) for s in SCHEMAS])
    return jsonschema_rs.validator_for(schema_contents(schema), registry=registry).is_valid  # type: ignore[no-any-return]


# Keywords that only describe, and the ones the plain check below proves; a schema node with any other
# keyword is never proved valid by it (the compiled validator then decides, as before).
_ANNOTATIONS = frozenset(
    ("$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default")
)
_PLAIN_KEYWORDS = frozenset(
    (
        *("type", "const", "enum", "minimum", "maxLength", "minLength", "pattern", "maxProperties"),
        *("required", "properties", "additionalProperties", "items", "maxItems", "minItems"),
        *("uniqueItems", "propertyNames", "oneOf", "$ref"),
    )
)
_SAFE_PATTERN = frozenset("^$[]._:*+-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# JSON types by Python type, strictly: a bool is no number, and a float never proves "integer".
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int,),
    "boolean": (bool,),
    "null": (type(None),),
    "object": (dict,),
    "array": (list,),
}
_BREAKS = frozenset("\n\r\u2028\u2029")
Check = Callable[[Any], bool]


def _never(value: Any) -> bool:
    return False


class _PlainChecks:
    """Python checks that prove a document valid against our schemas (the keywords they use, with draft
    2020-12's meaning), so that a file the program wrote itself needs no compiled validator. "Not proved"
    is all they ever say otherwise: invalid, or anything they are unsure of (a float, a pattern with a
    class they do not model, a keyword they do not know), goes to the validators as before."""

    def __init__(self) -> None:
        self._refs: dict[str, Check] = {}

    @staticmethod
    def _resolve(root: str, ref: str) -> tuple[Any, str]:
        """The node ``ref`` points at, seen from schema ``root``, and the schema it is in."""
        stem, _, fragment = ref.partition("#")
        if stem:
            root = stem.removesuffix(".schema.json")
        node: Any = schema_contents(root)
        for part in fragment.split("/")[1:]:
            node = node.get(part) if isinstance(node, dict) else None
        return node, root

    def ref(self, root: str, ref: str) -> Check:
        node, root = self._resolve(root, ref)
        key = f"{root}#{ref.partition('#')[2]}"
        if key not in self._refs:
            self._refs[key] = _never  # (a reference back to itself, while being compiled: not proved)
            self._refs[key] = self.compile(node, root) if isinstance(node, dict) else _never
        return lambda value: self._refs[key](value)

    def types(self, node: dict[str, Any], root: str) -> tuple[type, ...] | None:
        """The Python types ``node`` allows, when it says (through a ``$ref`` too); None: it does not say."""
        if "$ref" in node:
            target, target_root = self._resolve(root, node["$ref"])
            return self.types(target, target_root) if isinstance(target, dict) else None
        named = node.get("type")
        if named is None:
            return None
        names = [named] if isinstance(named, str) else named
        if not all(isinstance(n, str) and n in _TYPES for n in names):
            return None
        return tuple(t for n in names for t in _TYPES[n])

    def compile(self, node: dict[str, Any], root: str) -> Check:
        if not set(node) <= _PLAIN_KEYWORDS | _ANNOTATIONS:
            return _never
        if set(node) - _ANNOTATIONS <= {"type", "maxLength", "minLength"} and node.get("type") == "string":
            most, least = node.get("maxLength"), node.get("minLength", 0)  # (the commonest node, in one test)
            if isinstance(most, int) and isinstance(least, int):
                high, low = most, least
                return lambda v: type(v) is str and low <= len(v) <= high
        checks: list[Check] = []
        if "type" in node:
            allowed = self.types({"type": node["type"]}, root)
            if allowed is None:
                return _never
            checks.append(lambda v: type(v) in allowed)
        if "const" in node or "enum" in node:
            options = [node["const"]] if "const" in node else node["enum"]
            if not isinstance(options, list) or not all(type(o) is str for o in options):
                return _never
            strings = frozenset(options)
            checks.append(lambda v: type(v) is str and v in strings)
        if "minimum" in node:
            low = node["minimum"]
            if type(low) is not int:
                return _never
            checks.append(lambda v: type(v) is not float and (type(v) is not int or v >= low))
        if "maxLength" in node or "minLength" in node:
            most, least = node.get("maxLength"), node.get("minLength", 0)
            if not (most is None or type(most) is int) or type(least) is not int:
                return _never
            checks.append(
                lambda v: type(v) is not str or (least <= len(v) and (most is None or len(v) <= most))
            )
        if "pattern" in node:
            if not set(node["pattern"]) <= _SAFE_PATTERN:
                return _never
            # Python's "$" also matches before a final line break, ECMA's does not: a text with a line
            # break of either's is not proved.
            pattern = re.compile(node["pattern"])
            checks.append(
                lambda v: type(v) is not str or (_BREAKS.isdisjoint(v) and pattern.search(v) is not None)
            )
        if {"maxProperties", "required", "properties", "additionalProperties", "propertyNames"} & set(node):
            checks.append(self._object(node, root))
        if {"items", "maxItems", "minItems", "uniqueItems"} & set(node):
            checks.append(self._array(node, root))
        if "oneOf" in node:
            checks.append(self._one_of(node["oneOf"], root))
        if "$ref" in node:
            checks.append(self.ref(root, node["$ref"]))
        if len(checks) == 1:
            return checks[0]

        def every(v: Any) -> bool:
            for check in checks:  # noqa: SIM110 (a loop: no generator made for every value)
                if not check(v):
                    return False
            return True

        return every

    def _object(self, node: dict[str, Any], root: str) -> Check:
        most = node.get("maxProperties")
        required = node.get("required", [])
        props = {
            k: self.compile(s, root) for k, s in node.get("properties", {}).items() if isinstance(s, dict)
        }
        if len(props) != len(node.get("properties", {})) or not isinstance(required, list):
            return _never
        extra = node.get("additionalProperties", True)
        other: Check | None = (
            None if extra is True else _never if extra is False else self.compile(extra, root)
        )
        names = self.compile(node["propertyNames"], root) if "propertyNames" in node else None

        def check(v: Any) -> bool:
            if type(v) is not dict:
                return True
            if most is not None and len(v) > most:
                return False
            if any(k not in v for k in required):
                return False
            for key, item in v.items():
                if names is not None and not names(key):
                    return False
                prop = props.get(key)
                if prop is not None:
                    if not prop(item):
                        return False
                elif other is not None and not other(item):
                    return False
            return True

        return check

    def _array(self, node: dict[str, Any], root: str) -> Check:
        items = self.compile(node["items"], root) if isinstance(node.get("items"), dict) else None
        if "items" in node and items is None:
            return _never
        most, least, unique = node.get("maxItems"), node.get("minItems", 0), node.get("uniqueItems", False)

        def check(v: Any) -> bool:
            if type(v) is not list:
                return True
            if (most is not None and len(v) > most) or len(v) < least:
                return False
            if unique and not (all(type(i) is str for i in v) and len(set(v)) == len(v)):
                return False
            return items is None or all(items(i) for i in v)

        return check

    def _one_of(self, options: list[Any], root: str) -> Check:
        """Proved when one option proves the value and every other one's type excludes it."""
        if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
            return _never
        compiled = [(self.compile(o, root), self.types(o, root)) for o in options]

        def check(v: Any) -> bool:
            proved = 0
            for option, types in compiled:
                if option(v):
                    proved += 1
                elif types is None or type(v) in types:
                    return False  # (an option neither proved nor excluded by its type: not sure)
            return proved == 1

        return check


@cache
def _plain(schema: str) -> Check:
    return _PlainChecks().ref(schema, "#")


def _valid_fast(data: Any, schema: str) -> bool:
    """True when the plain checks or the compiled validator accept ``data``; False sends it to
    :func:`validator` to explain."""
    try:
        if _plain(schema)(data):
            return True
    except RecursionError:
        pass
    check = _compiled(schema)
    if check is None:
        return False
    try:
        return check(data)
    except Exception:
        return False


def _best_error(data: Any, schema: str) -> ValidationError | None:
    from jsonschema.exceptions import best_match

    return best_match(validator(schema).iter_errors(data))


def _pointer(error: ValidationError) -> str:
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path]
    return "/" + "/".join(parts)


def _describe(error: ValidationError) -> str:
    kind = error.validator
    if kind == "required" or kind == "additionalProperties":
        return error.message
    if kind == "type":
        found = type(error.instance).__name__
        names = {
            "str": "string",
            "int": "integer",
            "float": "number",
            "dict": "object",
            "list": "array",
            "bool": "boolean",
            "NoneType": "null",
        }
        return f"expected {error.validator_value}, found {names.get(found, found)}"
    if kind == "maxLength":
        return f"text is longer than {error.validator_value} characters"
    # Say what is wrong without repeating the (possibly huge) value itself.
    limits = {
        "minLength": f"text is shorter than {error.validator_value} characters",
        "maxItems": f"has more than {error.validator_value} items",
        "minItems": f"needs at least {error.validator_value} items",
        "maxProperties": f"has more than {error.validator_value} entries",
        "minimum": f"must be at least {error.validator_value}",
        "maximum": f"must be at most {error.validator_value}",
        "uniqueItems": "lists the same item twice",
    }
    if kind in limits:
        return limits[kind]
    if kind == "pattern":
        return f"does not match the required pattern {error.validator_value}"
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return "must be one of " + ", ".join(repr(a) for a in allowed)
    message = error.message
    return message if len(message) <= 200 else message[:197] + "..."


def _check_sizes(data: Any, schema: dict[str, Any], source: str | Path) -> None:
    """Refuse over-long top-level lists at once, before validating every item of them."""
    if not isinstance(data, dict):
        return
    for key, spec in schema.get("properties", {}).items():
        limit = spec.get("maxItems") if isinstance(spec, dict) else None
        if limit is not None and isinstance(data.get(key), list) and len(data[key]) > limit:
            raise InputError(source, f"has more than {limit} items", f"/{key}")


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """The first thing the schema finds wrong, in parts: where (a JSON pointer), which keyword failed
    (``"pattern"``, ``"minLength"``, ``"required"``...) with its value, and the message that says it."""

    pointer: str
    keyword: str
    limit: Any
    message: str


def first_problem(data: Any, schema: str) -> SchemaProblem | None:
    """What :func:`validate` would refuse, as parts (``None`` when ``data`` is valid)."""
    error = None if _valid_fast(data, schema) else _best_error(data, schema)
    if error is None:
        return None
    return SchemaProblem(_pointer(error), str(error.validator), error.validator_value, _describe(error))


def validate(data: Any, schema: str, source: str | Path) -> None:
    _check_sizes(data, schema_contents(schema), source)
    if _valid_fast(data, schema):
        return
    error = _best_error(data, schema)
    if error is not None:
        raise InputError(source, _describe(error), _pointer(error))


def upgrade(data: Any, fmt: Format, source: str | Path, *, trusted: bool = False) -> dict[str, Any]:
    """Check the envelope, migrate an older version in memory, validate; return the data.

    ``trusted`` skips the schema walk for files shipped with the program, which the test suite
    validates; everything a user opens is validated.
    """
    if not isinstance(data, dict):
        raise InputError(
            source, f"expected a JSON object for a {fmt.schema} file, found {type(data).__name__}"
        )
    declared = data.get("format")
    if declared is not None and declared != fmt.name and declared not in fmt.aliases:
        raise InputError(source, f"this is a {declared!r} file, not a {fmt.name!r} file", "/format")
    version = data.get("format_version", 0 if declared is None else None)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise InputError(source, "format_version must be a whole number", "/format_version")
    if version > fmt.current:
        raise InputError(
            source,
            f"format version {version} is newer than this program understands ({fmt.current}); "
            "update Social Policy Studio to open it",
            "/format_version",
        )
    while version < fmt.current:
        step = fmt.migrations.get(version)
        if step is None:
            raise InputError(source, f"format version {version} is too old to migrate", "/format_version")
        data = step(data)
        version += 1
    data = dict(data)
    data.setdefault("format", fmt.name)
    data["format_version"] = fmt.current
    if not trusted:
        validate(data, fmt.schema, source)
    return data


def load(path: str | Path, fmt: Format, *, trusted: bool = False) -> dict[str, Any]:
    return upgrade(jsonio.load_json(path, trusted=trusted), fmt, path, trusted=trusted)
