"""The document's own facts: title, organisation, version, status, owner, dates, approvals, the notes of
its version history and the wording of its defined terms.

They live in the project (``metadata``, ``approvals``, ``revisions``, ``definitions``) and every export
reads them from the rendered Document: the cover, the document control page and the front matter.
:func:`problems` says, in plain words, what is wrong with a set of properties; :func:`apply` gives the
project with them (an undoable edit is made of it by :func:`socialpolicy.edits.set_properties`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from socialpolicy.document import Document
from socialpolicy.model import Project, Record

# (key in the project's metadata, label) in the order the dialog shows them.
FIELDS = (
    ("title", "Title"),
    ("organisation", "Organisation"),
    ("version", "Version"),
    ("status", "Status"),
    ("owner", "Owner"),
    ("effective_date", "Effective date"),
    ("review_date", "Next review"),
)
DATES = ("effective_date", "review_date")
STATUSES = ("Draft", "In review", "Approved", "Published", "Withdrawn")
LIMITS = {"title": 400, "organisation": 400, "version": 40, "status": 60, "owner": 400}
MAX_ROWS = 200


@dataclass(frozen=True, slots=True)
class Approval(Record):
    """An approval the document needs: the role that gives it, and who gave it and when, once given."""

    role: str
    name: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One entry of the version history: its version and date are fixed; who and what changed are not."""

    version: str
    date: str
    author: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Properties:
    fields: dict[str, str]
    approvals: tuple[Approval, ...] = ()
    history: tuple[HistoryRow, ...] = ()
    definitions: dict[str, str] | None = None  # term -> wording, as the document shows it now


def of(project: Project, document: Document | None = None) -> Properties:
    """The properties of ``project``; with its rendered ``document``, the definitions as they read."""
    fields = {key: str(project.metadata.get(key, "")) for key, _ in FIELDS}
    approvals = tuple(
        Approval(str(a.get("role", "")), str(a.get("name", "")), str(a.get("date", "")))
        for a in project.approvals
    )
    history = tuple(
        HistoryRow(
            str(r.get("version", "")),
            str(r.get("date", "")),
            str(r.get("author", "")),
            str(r.get("note", "")),
        )
        for r in project.revisions
    )
    definitions = {d.term: d.text for d in document.definitions} if document is not None else None
    return Properties(fields, approvals, history, definitions)


def _date_problem(label: str, value: str) -> str | None:
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"{label}: write the date as year-month-day, such as 2027-01-31"
    return None


def problems(props: Properties) -> list[str]:
    """What must be put right before the properties can be kept, one plain sentence each."""
    out: list[str] = []
    labels = dict(FIELDS)
    if not props.fields.get("title", "").strip():
        out.append("Title: the document needs a title")
    for key, limit in LIMITS.items():
        if len(props.fields.get(key, "")) > limit:
            out.append(f"{labels[key]}: keep it under {limit} characters")
    for key in DATES:
        issue = _date_problem(labels[key], props.fields.get(key, "").strip())
        if issue:
            out.append(issue)
    effective, review = (props.fields.get(k, "").strip() for k in DATES)
    if not out and effective and review and review <= effective:
        out.append("Next review: it should come after the effective date")
    if len(props.approvals) > MAX_ROWS:
        out.append(f"Approvals: at most {MAX_ROWS} rows")
    for i, a in enumerate(props.approvals, 1):
        if not a.role.strip() and (a.name.strip() or a.date.strip()):
            out.append(f"Approval {i}: say in what role {a.name.strip() or 'this person'} approves")
        issue = _date_problem(f"Approval {i}", a.date.strip())
        if issue:
            out.append(issue)
    for term, text in (props.definitions or {}).items():
        if not text.strip():
            out.append(f"Definition of '{term}': it needs some text (or keep the wording it had)")
    return out


def apply(project: Project, props: Properties, document: Document | None = None) -> Project:
    """``project`` with ``props``. Empty fields are removed; approvals without a role are dropped; a
    history row's author and note change, never its version or date (and its saved copy stays); a
    definition is stored only where its wording differs from what ``document`` shows."""
    metadata = dict(project.metadata)
    for key, _ in FIELDS:
        value = " ".join(props.fields.get(key, "").split())
        if value:
            metadata[key] = value
        else:
            metadata.pop(key, None)
    approvals = tuple(
        Approval(" ".join(a.role.split()), " ".join(a.name.split()), a.date.strip()).to_dict()
        for a in props.approvals
        if a.role.strip()
    )
    revisions = []
    for i, rev in enumerate(project.revisions):
        row = props.history[i] if i < len(props.history) else None
        changed: dict[str, Any] = dict(rev)
        if row is not None:
            for key, value in (("author", row.author.strip()), ("note", row.note.strip())):
                if value:
                    changed[key] = value
                else:
                    changed.pop(key, None)
        revisions.append(changed)
    definitions = dict(project.definitions)
    shown = {d.term: d.text for d in document.definitions} if document is not None else {}
    for term, text in (props.definitions or {}).items():
        wording = " ".join(text.split())
        if wording and wording != shown.get(term):
            definitions[term] = wording
    return replace(
        project, metadata=metadata, approvals=approvals, revisions=tuple(revisions), definitions=definitions
    )
