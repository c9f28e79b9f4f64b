"""The clause editor: typing becomes undoable edits; text that cannot be rendered is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socialpolicy import edits
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def test_edit_undo_redo(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[0].clause
    window.controller.select_clause(cid)
    assert window.editor.clause_id == cid
    body = window.editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Plus a sentence from us.")
    qtbot.waitUntil(lambda: edits.find_ref(window.project, cid).body is not None, timeout=3000)
    assert window.session.history.count == 1  # the typing merged into one step
    assert "Plus a sentence from us." in window.preview.fragment_html(f"cl:{cid}")
    assert window.isWindowModified()
    _settle(qtbot, window)
    assert "Edited" in window.editor.state_label.text()
    assert "Plus" in window.editor.diff.toPlainText()
    window.undo_action.trigger()
    assert edits.find_ref(window.project, cid).body is None
    assert "Plus a sentence from us." not in window.preview.fragment_html(f"cl:{cid}")
    _settle(qtbot, window)
    assert "Plus a sentence" not in body.toPlainText()
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert edits.find_ref(window.project, cid).body.endswith("Plus a sentence from us.")
    _settle(qtbot, window)
    assert body.toPlainText().endswith("Plus a sentence from us.")
    # Reset to library text is one more undoable edit.
    window.editor.reset_button.click()
    assert edits.find_ref(window.project, cid).body is None
    assert window.session.history.count == 2


def test_bad_template_syntax_is_not_applied(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[0].clause
    window.controller.select_clause(cid)
    window.controller.commit_text(cid, "Title", "Broken {{ org_short ")
    assert edits.find_ref(window.project, cid).body is None
    assert "Not applied yet" in window.editor.state_label.text()
    # Text that parses but that the sandbox refuses is not applied either, and nothing is undoable.
    window.controller.commit_text(cid, "Title", "{{ ''.__class__.__mro__ }}")
    assert edits.find_ref(window.project, cid).body is None
    assert "refused by the sandbox" in window.editor.state_label.text()
    assert window.session.history.count == 0


def test_typing_during_a_refresh_is_not_lost(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[0].clause
    window.controller.select_clause(cid)
    body = window.editor.body_edit
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " one")
    window.editor.flush()  # the pause: " one" is applied; the panels refresh next
    qtbot.keyClicks(body, " two")  # typed before that refresh ran
    window.controller.refresh_secondary()
    assert body.toPlainText().endswith(" one two")
    qtbot.waitUntil(
        lambda: (edits.find_ref(window.project, cid).body or "").endswith(" one two"), timeout=3000
    )
