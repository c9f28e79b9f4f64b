"""The library editor's model without a window: an immutable library, undo, versions, files, import."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.app.library_session import LibrarySession, SaveTarget, save_problem, write_clause
from socialpolicy.errors import InputError
from socialpolicy.library import load_library_file
from socialpolicy.model import Clause

META = {"id": "acme", "title": "Acme approved clauses", "version": "1", "publisher": "Acme Legal"}


def _clause(cid: str, body: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "version": 1,
        "title": f"Title of {cid}",
        "topic": "purpose-scope",
        "body": body,
        "rationale": "Approved wording.",
        **extra,
    }


def _write(path: Path, clauses: list[dict[str, Any]], lib_id: str = "acme") -> Path:
    data = {
        "format": "socialpolicy.clauses",
        "format_version": 1,
        "library": {**META, "id": lib_id},
        "clauses": clauses,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def session(tmp_path: Path) -> LibrarySession:
    s = LibrarySession()
    s.open(
        _write(
            tmp_path / "acme.clauses.json",
            [_clause("acme.a", "Staff may post."), _clause("acme.b", "Ask first.")],
        )
    )
    return s


def test_edit_makes_a_version_with_history_and_undo_restores_it(session: LibrarySession) -> None:
    saved: list[Path] = []
    session.saved.connect(saved.append)
    old = session.clause("acme.a")
    new = replace(old, body="Staff may post about work.")
    assert session.needs_note(new) is old
    stored = session.put(new, "Say about what.", date="2026-12-01")
    assert stored is not None and stored.version == 2 and stored.history[0].body == "Staff may post."
    assert stored.history[0].date == "2026-12-01" and session.selected == "acme.a" and session.modified
    assert session.history.undo_text == "Edit acme.a (version 2)"
    path = session.save()
    assert saved == [path] and load_library_file(path).clauses["acme.a"].version == 2 and not session.modified
    with pytest.raises(TypeError):
        session.library.clauses["acme.a"] = old  # type: ignore[index]
    assert session.undo() and session.clause("acme.a") is old and session.modified
    assert session.redo() and session.clause("acme.a").version == 2
    assert session.put(replace(session.clause("acme.a"), rationale="Better.")).version == 2  # no bump
    assert session.put(session.clause("acme.a")) is None  # nothing changed


def test_add_duplicate_retire_delete_and_details(session: LibrarySession, tmp_path: Path) -> None:
    copy = session.draft_copy("acme.b")
    assert (copy.id, copy.version, copy.history) == ("acme.b-copy", 1, ())
    session.put(copy, new=True)
    assert session.draft_copy("acme.b").id == "acme.b-copy-2"
    assert session.toggle_retired("acme.a") and session.clause("acme.a").retired
    assert not session.toggle_retired("acme.a")
    session.delete(["acme.a", "acme.b"])
    assert sorted(session.library.clauses) == ["acme.b-copy"] and session.selected is None
    session.undo()
    assert "acme.a" in session.library.clauses
    assert not session.set_details(dict(META))
    assert session.set_details({**META, "title": "Acme clauses"}) and session.library.title == "Acme clauses"
    session.export_clauses(["acme.a"], tmp_path / "subset.clauses.json")
    assert list(load_library_file(tmp_path / "subset.clauses.json").clauses) == ["acme.a"]
    with pytest.raises(InputError, match="other than the library itself"):
        session.export_clauses(["acme.a"], session.path)
    with pytest.raises(InputError, match="template syntax error"):
        session.put(replace(session.clause("acme.a"), body="Broken {{ x"), "note")
    assert session.clause("acme.a").body == "Staff may post."


def test_import_with_conflicts(session: LibrarySession, tmp_path: Path) -> None:
    other = _write(
        tmp_path / "other.clauses.json",
        [_clause("acme.a", "Other words."), _clause("acme.z", "New.")],
        "other",
    )
    result = session.read_import(other)
    assert result.added == ["acme.z"] and [c.clause_id for c in result.conflicts] == ["acme.a"]
    assert session.apply_import(result, {"acme.a": "theirs"}, "other.clauses.json") == (1, 1)
    assert session.clause("acme.a").version == 2 and session.clause("acme.z").library == "acme"
    assert session.library.id == "acme" and session.history.undo_text == "Import other.clauses.json"
    session.undo()
    assert "acme.z" not in session.library.clauses


def test_new_library_is_unsaved_until_written(tmp_path: Path) -> None:
    session = LibrarySession()
    session.create(META)
    assert session.modified and session.path is None and len(session.library) == 0
    with pytest.raises(ValueError):
        session.save()
    session.put(Clause("acme.x", 1, "X", "purpose-scope", "Text.", "Why."), new=True)
    out = session.save(tmp_path / "new.clauses.json")
    assert load_library_file(out).publisher == "Acme Legal" and not session.modified


def test_save_to_library_checks_then_writes(tmp_path: Path) -> None:
    clause = Clause("smp.x", 3, "Our title", "purpose-scope", "Our words.", "Why.")
    details = {"id": "team", "title": "Team", "version": "1", "publisher": ""}
    assert (
        save_problem(clause, "team.x", None, None).problem.message
        == "Choose a library file, or make a new one."
    )
    assert save_problem(clause, "Bad Id", None, details).problem.message.startswith(
        "Clause id: use lower-case"
    )
    assert save_problem(clause, "team.x", None, {**details, "id": "Team"}).problem.field == "id"
    assert save_problem(clause, "team.x", None, details).problem is None
    target = tmp_path / "team.clauses.json"
    path, stored = write_clause(SaveTarget(target, "team.x", "", details), clause, "2026-12-01")
    assert path == target and stored.version == 1
    lib = load_library_file(target)
    check = save_problem(replace(clause, body="New words."), "team.x", lib, None)
    assert check.problem is not None and "becomes version 2" in check.note
    assert save_problem(replace(clause, body="New words."), "team.x", lib, None, "Clearer.").problem is None
    assert "same text" in save_problem(clause, "team.x", lib, None).note
    with pytest.raises(InputError, match="already exists"):
        write_clause(SaveTarget(target, "team.x", "", details), clause)
    bad = tmp_path / "bad.clauses.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        write_clause(SaveTarget(bad, "team.x"), clause)
    assert str(bad) in exc.value.line()
    assert save_problem(clause, "team.x", exc.value, None).problem.message == exc.value.line()
