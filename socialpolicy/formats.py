"""File formats: JSON Schema validation, format versions and migrations.

Each format has a current version. Older files are migrated step by step in memory (the file on
disk is never touched by loading); files from a newer version of the program are refused.

Validation has two speeds. A compiled validator (``jsonschema-rs``) answers "valid or not" for every
file; only a file it refuses is walked again by ``jsonschema``, whose errors say where and what is wrong
in the words users see. The messages are the same as with ``jsonschema`` alone, and where the two ever
disagreed, ``jsonschema`` decides. Neither is imported until something untrusted is loaded.
"""

from __future__ import annotations

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


def _valid_fast(data: Any, schema: str) -> bool:
    """True when the compiled validator accepts ``data``; False sends it to :func:`validator` to explain."""
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
    return upgrade(jsonio.load_json(path), fmt, path, trusted=trusted)
