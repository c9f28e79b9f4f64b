"""The legal review panel, driven as an author does: import a reviewed Word file, accept one change,
reject one, undo, save; each change shown on its clause in the preview and the editor; comments resolved.
Also the revisions dialog: save a revision, export a redline against it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socialpolicy.project import load_project, save_project
from tests.core.test_review import COMMENT, INSERTED, REPLACED, REPLACEMENT, project, reviewed
from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


def people_text(window: Any) -> str:
    block = window.document.block("smp.scope.people")
    assert block is not None
    return str(block.text)


def test_import_accept_one_reject_one_undo_and_save(qtbot: Any, window: Any, tmp_path: Path) -> None:
    path = tmp_path / "p.policy.json"
    save_project(path, project())
    assert window.controller.open_path(path)
    assert window.controller.open_review(reviewed(tmp_path))
    panel = window.review_panel
    assert window.review_dock.isVisible()
    assert "6 changes to decide" in panel.heading.text()
    people = next(i for i in window.controller.review.items() if i.clause_id == "smp.scope.people")
    inserted = next(c for c in people.changes if INSERTED in c.text)
    deleted = next(c for c in people.changes if REPLACED in c.text)
    # Selecting a change shows it on its clause: in the panel, the preview and the editor's review tab.
    assert panel.select_change(people.key, inserted.index)
    assert window.editor.clause_id == "smp.scope.people"
    assert "review-ins" in window.preview.fragment_html("cl:smp.scope.people")
    assert window.editor.tabs.indexOf(window.editor.review) >= 0
    assert INSERTED in window.editor.review.toPlainText()
    qtbot.mouseClick(panel.accept_button, qtbot_button())
    assert INSERTED in people_text(window) and window.isWindowModified()
    assert "accepted" in panel.tree.currentItem().text(0)
    assert panel.select_change(people.key, deleted.index)
    qtbot.mouseClick(panel.reject_button, qtbot_button())
    assert REPLACED in people_text(window)
    assert "rejected" in panel.tree.currentItem().text(0)
    window.controller.undo()  # the rejection changed no text; undo takes back the acceptance
    assert INSERTED not in people_text(window)
    window.controller.redo()
    assert INSERTED in people_text(window)
    # Comments came with the review, on their clause, and can be resolved (undoably).
    [(index, note)] = window.controller.review.notes()
    assert (note.text, note.clause) == (COMMENT, "smp.purpose.statement")
    window.controller.resolve_note(index, True)
    assert window.project.comments[index].resolved
    assert window.controller.save()
    saved = load_project(path)
    ref = next(r for s in saved.sections for r in s.clauses if r.clause == "smp.scope.people")
    assert (
        ref.body is not None
        and INSERTED in ref.body
        and ref.provenance.startswith("Changed in legal review by")
    )
    assert saved.comments[0].resolved
    window.controller.decide_all_changes(True)
    assert REPLACEMENT in people_text(window) and REPLACED not in people_text(window)
    window.controller.close_review()
    assert "review-box" not in window.preview.fragment_html("cl:smp.scope.people")


def test_a_file_that_is_not_a_review_copy_is_one_clear_message(
    window: Any, dialogs: Any, tmp_path: Path
) -> None:
    import docx

    path = tmp_path / "p.policy.json"
    save_project(path, project())
    assert window.controller.open_path(path)
    other = tmp_path / "other.docx"
    docx.Document().save(str(other))
    assert not window.controller.open_review(other)
    assert len(dialogs.warnings) == 1 and str(other) in dialogs.warnings[0]
    assert "not exported by Social Policy Studio" in dialogs.warnings[0]
    assert window.controller.review is None


def test_save_a_revision_and_export_a_redline(qtbot: Any, window: Any, tmp_path: Path) -> None:
    import zipfile

    from socialpolicy import edits

    path = tmp_path / "p.policy.json"
    save_project(path, project())
    assert window.controller.open_path(path)
    dialog = window.controller.show_revisions()
    assert dialog is not None and not dialog.redline_button.isEnabled()
    assert window.controller.save_revision("Sent to legal")
    assert dialog.rows[-1]["version"] == "0.2" and dialog.rows[-1]["saved"]
    assert dialog.redline_button.isEnabled()
    window.controller.push(
        lambda p: edits.edit_clause(
            p, "smp.scope.people", window.catalog, body="Fewer words after the review."
        )
    )
    out = tmp_path / "changes.docx"
    assert window.controller.export_redline("0.2", out) is not None
    settle(qtbot, window)
    qtbot.waitUntil(out.exists, timeout=30000)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "<w:del " in xml and "<w:ins " in xml and "Fewer words" in xml
    window.controller.undo()  # the edit
    window.controller.undo()  # the revision
    assert window.project.revisions[-1]["version"] == "0.1"


def qtbot_button() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
