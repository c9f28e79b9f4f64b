"""The legal review in the app, without a window: changes accepted and rejected one by one as undoable
steps, the review's decisions following undo and redo, comments kept and resolved, conflicts refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy import edits
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.review_session import ReviewSession
from socialpolicy.edits import EditError
from socialpolicy.library import Catalog
from socialpolicy.project import save_project
from tests.core.test_review import COMMENT, INSERTED, REPLACED, REPLACEMENT, project, reviewed


def opened(tmp_path: Path) -> tuple[DocumentSession, ReviewSession]:
    path = tmp_path / "p.policy.json"
    save_project(path, project())
    session = DocumentSession(Catalog.default())
    session.open(path)
    return session, ReviewSession(session, ReviewSession.read(reviewed(tmp_path)))


def people_text(session: DocumentSession) -> str:
    assert session.document is not None
    block = session.document.block("smp.scope.people")
    assert block is not None
    return block.text


def test_each_decision_is_one_undoable_step_and_the_panel_follows_undo(tmp_path: Path) -> None:
    session, rs = opened(tmp_path)
    items = {i.clause_id: i for i in rs.items()}
    people = items["smp.scope.people"]
    assert [c.state for c in people.changes] == ["open", "open", "open"]
    assert rs.open_count() == 6  # three in 1.2, two in 1.1, the untracked edit of 1.3
    insertion = next(c for c in people.changes if INSERTED in c.text)
    assert rs.decide(people.key, insertion.index, True)
    assert INSERTED in people_text(session) and session.modified
    assert session.history.undo_text == "Accept insertion by Dana Reviewer in 1.2 Who this policy covers"
    state = {c.index: c.state for c in next(i for i in rs.items() if i.key == people.key).changes}
    assert state[insertion.index] == "accepted"
    session.undo()
    assert INSERTED not in people_text(session)
    assert {c.state for c in next(i for i in rs.items() if i.key == people.key).changes} == {"open"}
    session.redo()
    assert INSERTED in people_text(session)
    assert (
        next(
            c
            for c in next(i for i in rs.items() if i.key == people.key).changes
            if c.index == insertion.index
        ).state
        == "accepted"
    )
    # An edit of another clause in between keeps the decisions made before it.
    session.edit(lambda p: edits.edit_clause(p, "smp.scope.platforms", session.catalog, body="Our words."))
    deletion = next(c for c in people.changes if REPLACED in c.text)
    rs.decide(people.key, deletion.index, False)  # rejecting what was never taken changes no text
    assert (
        next(
            c for c in next(i for i in rs.items() if i.key == people.key).changes if c.index == deletion.index
        ).state
        == "rejected"
    )
    session.undo()  # the edit of 1.3
    assert (
        next(
            c
            for c in next(i for i in rs.items() if i.key == people.key).changes
            if c.index == insertion.index
        ).state
        == "accepted"
    )


def test_accept_all_then_undo_and_reject_all(tmp_path: Path) -> None:
    session, rs = opened(tmp_path)
    assert rs.decide_all(True)
    text = people_text(session)
    assert REPLACEMENT in text and INSERTED in text and REPLACED not in text
    assert rs.open_count() == 0
    session.undo()
    assert REPLACED in people_text(session) and rs.open_count() == 6
    rs.decide_all(False)
    assert {c.state for i in rs.items() for c in i.changes} == {"rejected"}


def test_comments_are_kept_once_and_resolved_as_steps(tmp_path: Path) -> None:
    session, rs = opened(tmp_path)
    assert rs.keep_comments() and not rs.keep_comments()
    [(index, note)] = rs.notes()
    assert (note.author, note.text, note.clause) == ("Dana Reviewer", COMMENT, "smp.purpose.statement")
    assert rs.resolve(index)
    assert rs.notes()[0][1].resolved
    session.undo()
    assert not rs.notes()[0][1].resolved


def test_a_clause_changed_since_the_copy_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "p.policy.json"
    later = edits.edit_clause(project(), "smp.scope.people", Catalog.default(), body="Newer words.").project
    save_project(path, later)
    session = DocumentSession(Catalog.default())
    session.open(path)
    rs = ReviewSession(session, ReviewSession.read(reviewed(tmp_path)))
    item = next(i for i in rs.items() if i.clause_id == "smp.scope.people")
    assert "changed in the document since" in item.conflict
    with pytest.raises(EditError, match="cannot be applied"):
        rs.decide(item.key, 0, True)
    assert people_text(session) == "Newer words."
    other = next(i for i in rs.items() if i.clause_id == "smp.purpose.statement")
    assert not other.conflict and rs.decide(other.key, 0, True)


def test_a_review_of_another_document_says_so(tmp_path: Path) -> None:
    from tests.conftest import make_project_file

    session = DocumentSession(Catalog.default())
    session.open(make_project_file(tmp_path, "governance-charter", "uk-charity"))
    rs = ReviewSession(session, ReviewSession.read(reviewed(tmp_path)))
    assert "None of the clauses" in rs.warning() or "another document" in rs.warning()
