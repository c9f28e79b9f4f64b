"""Document templates: the wizard's questions, the outline and the coverage a document needs."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from socialpolicy import formats, paths, sandbox
from socialpolicy.errors import InputError
from socialpolicy.model import Entry, Group, Question, SectionSpec, Template, Topic

TEMPLATE_IDS = ("social-media-policy", "internal-collaboration", "governance-charter")


def _question_set(set_id: str, source: Path) -> tuple[list[Group], list[Question]]:
    path = paths.templates_dir() / f"{set_id}.questions.json"
    if not path.is_file():
        raise InputError(source, f"unknown question set {set_id!r}")
    data = formats.load(path, formats.TEMPLATE, trusted=True)  # shipped question sets only
    return [Group(g["id"], g["title"], g.get("description", "")) for g in data.get("groups", ())], [
        Question.from_dict(q) for q in data.get("questions", ())
    ]


def template_from_data(data: dict[str, Any], source: Path) -> Template:
    groups: list[Group] = []
    questions: list[Question] = []
    for set_id in data.get("question_sets", ()):
        set_groups, set_questions = _question_set(set_id, source)
        groups += set_groups
        questions += set_questions
    groups += [Group(g["id"], g["title"], g.get("description", "")) for g in data.get("groups", ())]
    questions += [Question.from_dict(q) for q in data.get("questions", ())]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise InputError(source, f"question id {q.id!r} is defined twice")
        seen.add(q.id)
        if q.when:
            sandbox.check_syntax(q.when, str(source), f"question {q.id} /when", expression=True)
    sections = []
    for si, s in enumerate(data.get("sections", ())):
        entries = tuple(Entry.from_data(e) for e in s.get("clauses", ()))
        for ei, e in enumerate(entries):
            if e.when:
                sandbox.check_syntax(
                    e.when, str(source), f"/sections/{si}/clauses/{ei}/when", expression=True
                )
        sections.append(
            SectionSpec(
                s["id"],
                s["title"],
                s.get("intro", ""),
                bool(s.get("definitions", False)),
                s.get("when", ""),
                entries,
            )
        )
    coverage = tuple(
        Topic(
            t["id"],
            t["label"],
            t.get("basis", "practice"),
            t.get("when", ""),
            t.get("reason", ""),
            t.get("citation", ""),
        )
        for t in data.get("coverage", ())
    )
    return Template(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        document_title=data.get("document_title", data["title"]),
        groups=tuple(groups),
        questions=tuple(questions),
        sections=tuple(sections),
        coverage=coverage,
    )


def load_template_file(path: str | Path, *, trusted: bool = False) -> Template:
    p = Path(path)
    data = formats.load(p, formats.TEMPLATE, trusted=trusted)
    if data.get("format") != formats.TEMPLATE.name:
        raise InputError(p, "this is a question set, not a document template", "/format")
    return template_from_data(data, p)


@cache
def get(template_id: str) -> Template:
    """A built-in template by id."""
    if template_id not in TEMPLATE_IDS:
        known = ", ".join(TEMPLATE_IDS)
        raise InputError(None, f"unknown template {template_id!r} (known: {known})")
    return load_template_file(paths.templates_dir() / f"{template_id}.json", trusted=True)


def available() -> list[Template]:
    return [get(t) for t in TEMPLATE_IDS if (paths.templates_dir() / f"{t}.json").is_file()]
