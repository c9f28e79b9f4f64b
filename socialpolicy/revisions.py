"""Revisions of a project: named, dated snapshots of its state, listed in the version history.

A revision records the project as it was when saved (answers, sections, clause choices and edits,
custom clauses, metadata), so an export can later show what changed since, as Word tracked changes
(``export --redline-against REVISION``). The revision list doubles as the document's version history.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from socialpolicy.errors import InputError
from socialpolicy.model import Project

SNAPSHOT_KEYS = ("template", "metadata", "answers", "sections", "custom_clauses", "libraries", "approvals")
_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


def snapshot(project: Project) -> dict[str, Any]:
    data = project.to_dict()
    return {k: data[k] for k in SNAPSHOT_KEYS if k in data}


def next_version(version: str) -> str:
    """ "0.1" -> "0.2", "1.9" -> "1.10", "2" -> "3", "draft" -> "draft 2"."""
    m = _LAST_NUMBER.search(version)
    if m is None:
        return f"{version} 2".strip() if version else "1"
    return version[: m.start()] + str(int(m.group(1)) + 1) + version[m.end() :]


def add(
    project: Project, note: str, *, author: str = "", version: str | None = None, date: dt.date | None = None
) -> Project:
    """The project with a new revision holding a snapshot of its current state. The revision's version
    (by default the one after the latest) becomes the document's version."""
    latest = str(project.revisions[-1].get("version", "")) if project.revisions else ""
    chosen = version or (next_version(latest) if latest else str(project.metadata.get("version") or "0.1"))
    if any(str(r.get("version")) == chosen for r in project.revisions if r.get("snapshot")):
        raise InputError(None, f"a revision {chosen!r} is already saved; give another version")
    stamp = (date or dt.date.today()).isoformat()
    metadata = {**project.metadata, "version": chosen, "modified": stamp}
    current = replace(project, metadata=metadata)
    entry: dict[str, Any] = {"version": chosen, "date": stamp, "note": note, "snapshot": snapshot(current)}
    if author:
        entry["author"] = author
    # A row of the version history without a snapshot for the same version is replaced by this one.
    kept = tuple(r for r in project.revisions if str(r.get("version")) != chosen)
    return replace(current, revisions=(*kept, entry))


def find(project: Project, ref: str) -> tuple[int, dict[str, Any]]:
    """The revision ``ref`` names: its version ("0.2"), or its position ("#2", 1-based), or "latest"."""
    revisions = list(project.revisions)
    if ref == "latest":
        saved = [(i, r) for i, r in enumerate(revisions) if r.get("snapshot")]
        if not saved:
            raise InputError(
                None, "the project has no saved revision yet (save one with 'socialpolicy revisions --add')"
            )
        return saved[-1]
    if ref.startswith("#") and ref[1:].isdigit():
        index = int(ref[1:]) - 1
        if 0 <= index < len(revisions):
            return index, revisions[index]
    for i, r in enumerate(revisions):
        if str(r.get("version")) == ref:
            return i, r
    known = ", ".join(str(r.get("version")) for r in revisions) or "none"
    raise InputError(None, f"no revision {ref!r} in the project (revisions: {known})")


def project_at(project: Project, ref: str) -> tuple[Project, str]:
    """The project as it was at revision ``ref``, and a label for it ("version 0.2 of 2026-11-20")."""
    from socialpolicy.formats import PROJECT
    from socialpolicy.project import project_from_data

    _, revision = find(project, ref)
    state = revision.get("snapshot")
    if not isinstance(state, dict) or not state.get("sections"):
        raise InputError(
            None,
            f"revision {revision.get('version')!r} has no saved copy of the document to compare with "
            "(only revisions saved with 'socialpolicy revisions --add' or in the app have one)",
        )
    data = {"format": PROJECT.name, "format_version": PROJECT.current, **state}
    data.setdefault("answers", {})
    earlier = project_from_data(data, f"revision {revision.get('version')}")
    return earlier, f"version {revision.get('version')} of {revision.get('date', '')}".strip()


def listing(project: Project) -> list[dict[str, Any]]:
    """One row per revision: position, version, date, author, note, whether a copy was saved."""
    return [
        {
            "index": i,
            "version": str(r.get("version", "")),
            "date": str(r.get("date", "")),
            "author": str(r.get("author", "")),
            "note": str(r.get("note", "")),
            "saved": bool(r.get("snapshot")),
        }
        for i, r in enumerate(project.revisions, start=1)
    ]
