"""Checking what the author types into the library forms, as loading the library file would.

Every check answers with a :class:`FieldProblem` (where, which field, what is wrong) or ``None``, so
the forms mark the field and show the message without reading English messages apart. The schema's
verdict comes in parts from :func:`socialpolicy.formats.first_problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from socialpolicy import formats, sandbox
from socialpolicy.errors import InputError

FIELD_LABELS = {
    "id": "Id",
    "title": "Title",
    "version": "Version",
    "publisher": "Publisher",
    "description": "Description",
    "topic": "Topic",
    "body": "Text",
    "slot": "Slot",
    "stances": "Stances",
    "requires": "Requires",
    "excludes": "Excludes",
    "defines": "Defined terms",
    "condition": "Condition",
    "jurisdictions": "Jurisdictions",
    "sectors": "Sectors",
    "kinds": "Document kinds",
    "rationale": "Rationale",
    "sources": "Sources",
    "tags": "Tags",
    "change_note": "Change note",
}
ID_RULE = "use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
EMPTY = "must not be empty"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")  # the schema's id pattern
_STANCE_LINE = re.compile(r"^\s*([^=]+?)\s*=\s*(.*?)\s*$")
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_DELIMS = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


@dataclass(frozen=True, slots=True)
class FieldProblem:
    pointer: str  # JSON pointer into the clause (or library details), "/defines/0/term"
    field: str  # the form field to mark: "defines"
    message: str  # what the author reads: "Defined terms (item 1): must not be empty"


def _plain(problem: formats.SchemaProblem) -> str:
    """The schema's verdict in the words the forms use."""
    if problem.keyword == "pattern":
        return ID_RULE
    if problem.keyword == "minLength" and problem.limit == 1:
        return EMPTY
    return problem.message


def _from_schema(problem: formats.SchemaProblem, prefix: str) -> FieldProblem:
    parts = problem.pointer.split("/")[len(prefix.split("/")) :]
    name = parts[0] if parts else ""
    pointer = "/" + "/".join(parts)
    if not name:
        return FieldProblem(pointer, "", problem.message)
    item = f" (item {int(parts[1]) + 1})" if len(parts) > 1 and parts[1].isdigit() else ""
    return FieldProblem(pointer, name, f"{FIELD_LABELS.get(name, name)}{item}: {_plain(problem)}")


def details_problem(meta: dict[str, str]) -> FieldProblem | None:
    """The first problem with library details (id, title, version, publisher)."""
    data = {
        "format": formats.CLAUSES.name,
        "format_version": formats.CLAUSES.current,
        "library": {k: v for k, v in meta.items() if v or k in ("id", "title", "version")},
        "clauses": [],
    }
    problem = formats.first_problem(data, "clauses")
    if problem is None:
        return None
    found = _from_schema(problem, "/library")
    if not found.field:
        return FieldProblem(found.pointer, "", f"Library: {problem.message}")
    return found


def clause_id_problem(clause_id: str) -> FieldProblem | None:
    if not clause_id:
        return FieldProblem("/id", "id", f"Clause id: {EMPTY}")
    if not _ID.match(clause_id):
        return FieldProblem("/id", "id", f"Clause id: {ID_RULE}")
    return None


def split_ids(text: str) -> list[str]:
    """``"a, b  c"`` -> ``["a", "b", "c"]``."""
    return [part for part in re.split(r"[,\s]+", text.strip()) if part]


def parse_stances(text: str) -> tuple[dict[str, str], FieldProblem | None]:
    """``key = value`` lines -> a dict, and the first problem."""
    stances: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = _STANCE_LINE.match(line)
        if m is None or not m.group(2):
            return stances, FieldProblem(
                "/stances", "stances", f"Stances, line {number}: write each stance as key = value"
            )
        if m.group(1) in stances:
            return stances, FieldProblem(
                "/stances", "stances", f"Stances, line {number}: the stance {m.group(1)!r} is given twice"
            )
        stances[m.group(1)] = m.group(2)
    return stances, None


def unclosed_hint(text: str) -> str:
    """Where a ``{{``, ``{%`` or ``{#`` is not closed, said in words (empty when all are closed)."""
    open_at: tuple[str, int] | None = None
    for m in _DELIMS.finditer(text):
        token = m.group()
        if token in _OPENERS:
            if open_at is not None:
                break
            open_at = (token, m.start())
        elif open_at is not None and token == _OPENERS[open_at[0]]:
            open_at = None
    if open_at is None:
        return ""
    token, at = open_at
    line = text.count("\n", 0, at) + 1
    return f" (the '{token}' on line {line} is not closed with '{_OPENERS[token]}')"


def clause_problem(
    data: dict[str, Any], taken_ids: set[str] | frozenset[str] = frozenset()
) -> FieldProblem | None:
    """The first problem with a clause dict (the file shape of ``Clause.to_dict``), checked with the
    library schema and the sandbox as loading a library file does; fields in the order the form shows them."""
    if data.get("id") in taken_ids:
        return FieldProblem(
            "/id", "id", f"the id {data['id']!r} is already used by another clause in this library"
        )
    for name in ("id", "title", "topic", "body", "rationale"):
        if not data.get(name):
            return FieldProblem(f"/{name}", name, f"{FIELD_LABELS[name]}: {EMPTY}")
        if name in ("id", "topic") and not _ID.match(data[name]):
            return FieldProblem(f"/{name}", name, f"{FIELD_LABELS[name]}: {ID_RULE}")
    envelope = {
        "format": formats.CLAUSES.name,
        "format_version": formats.CLAUSES.current,
        "library": {"id": "form", "title": "form", "version": "1"},
        "clauses": [data],
    }
    problem = formats.first_problem(envelope, "clauses")
    if problem is not None:
        return _from_schema(problem, "/clauses/0")
    texts = [
        ("body", data.get("body", ""), False, "/body"),
        ("title", data.get("title", ""), False, "/title"),
    ]
    texts += [
        ("defines", t.get("definition", ""), False, f"/defines/{i}/definition")
        for i, t in enumerate(data.get("defines", []))
    ]
    if data.get("condition"):
        texts.append(("condition", data["condition"], True, "/condition"))
    for name, text, expression, pointer in texts:
        try:
            sandbox.check_syntax(text, "clause", name, expression=expression)
        except InputError as exc:
            return FieldProblem(pointer, name, f"{FIELD_LABELS[name]}: {exc.message}{unclosed_hint(text)}")
    return None
