"""The project store: ``*.policy.json`` files loaded with validation and saved atomically."""

from __future__ import annotations

from pathlib import Path

from socialpolicy import formats, jsonio, sandbox
from socialpolicy.answers import MAX_ANSWER_CHARS
from socialpolicy.errors import InputError
from socialpolicy.library import check_clause_syntax
from socialpolicy.model import Project

PROJECT_SUFFIX = ".policy.json"


MAX_ANSWER_ITEMS = 1000


def _answer_problem(value: object) -> str | None:
    """Answers are short data: bound their size as the wizard and ``new --answers`` do."""
    if isinstance(value, str) and len(value) > MAX_ANSWER_CHARS:
        return f"the answer is longer than {MAX_ANSWER_CHARS:,} characters"
    if isinstance(value, list | dict):
        if len(value) > MAX_ANSWER_ITEMS:
            return f"the answer has more than {MAX_ANSWER_ITEMS:,} items"
        items = value.values() if isinstance(value, dict) else value
        return next((p for p in (_answer_problem(v) for v in items) if p), None)
    return None


def project_from_data(data: object, source: str | Path) -> Project:
    """Validate and build a project; every text in it is parsed under one sandbox budget."""
    with sandbox.document_budget():
        return _project_from_data(data, source)


def _project_from_data(data: object, source: str | Path) -> Project:
    checked = formats.upgrade(data, formats.PROJECT, source)
    seen: set[str] = set()
    for i, raw in enumerate(checked.get("custom_clauses", ())):
        if raw["id"] in seen:
            raise InputError(
                source, f"custom clause id {raw['id']!r} is used twice", f"/custom_clauses/{i}/id"
            )
        seen.add(raw["id"])
    for key, value in checked["answers"].items():
        problem = _answer_problem(value)
        if problem:
            raise InputError(source, problem, f"/answers/{key}")
    section_ids: set[str] = set()
    for i, raw in enumerate(checked["sections"]):
        if raw["id"] in section_ids:
            raise InputError(source, f"section id {raw['id']!r} is used twice", f"/sections/{i}/id")
        section_ids.add(raw["id"])
    project = Project.from_dict(checked)
    for i, clause in enumerate(project.custom_clauses):
        check_clause_syntax(clause, str(source), f"/custom_clauses/{i}")
    for si, section in enumerate(project.sections):
        if section.intro:
            sandbox.check_syntax(section.intro, str(source), f"/sections/{si}/intro")
        for ci, ref in enumerate(section.clauses):
            where = f"/sections/{si}/clauses/{ci}"
            if ref.body is not None:
                sandbox.check_syntax(ref.body, str(source), f"{where}/body")
            if ref.title is not None:
                sandbox.check_syntax(ref.title, str(source), f"{where}/title")
    return project


def with_id(project: Project) -> Project:
    """The project with a ``project_id`` in its metadata (a new one when it has none), so that its
    exports can be matched to it when they come back from review."""
    if project.metadata.get("project_id"):
        return project
    import uuid
    from dataclasses import replace

    return replace(project, metadata={**project.metadata, "project_id": str(uuid.uuid4())})


def load_project(path: str | Path) -> Project:
    return project_from_data(jsonio.load_json(path), path)


def save_project(path: str | Path, project: Project, *, backup: bool = True, private: bool = False) -> None:
    jsonio.save_json(path, project.to_dict(), backup=backup, private=private)
