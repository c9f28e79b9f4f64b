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


def test_chips_in_the_document_editor_and_an_edit_around_them(
    qtbot: Any, window: MainWindow, project_file: Path
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = "smp.official.responding"
    window.controller.select_clause(cid)
    library_body = window.session.author_text(cid).body
    editor = window.editor
    assert cid not in editor.heading.text()  # plain words unless technical details are on
    window.set_details(True)
    assert cid in editor.heading.text()
    window.set_details(False)
    labels = [c.label for c in editor.body.writer.chips()]
    assert "Organisation short name" in labels and "Only for healthcare" in labels
    assert "{{" not in editor.body_edit.toPlainText() and "{%" not in editor.body_edit.toPlainText()
    body = editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Thank you.")
    qtbot.waitUntil(lambda: edits.find_ref(window.project, cid).body is not None, timeout=3000)
    assert edits.find_ref(window.project, cid).body == library_body + " Thank you."


def test_invalid_markup_is_marked_and_the_preview_keeps_the_last_good_text(
    qtbot: Any, window: MainWindow, project_file: Path, dialogs: Any
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[0].clause
    window.controller.select_clause(cid)
    before = window.preview.fragment_html(f"cl:{cid}")
    body = window.editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Only {% if")
    qtbot.waitUntil(lambda: body.problem_range is not None, timeout=3000)
    start, end = body.problem_positions() or (0, 0)
    assert body.toPlainText()[start:end] == "{% if"
    assert "Not applied yet" in window.editor.state_label.text()
    assert "template syntax error" in body.problem_message
    assert edits.find_ref(window.project, cid).body is None
    assert window.session.history.count == 0
    assert window.preview.fragment_html(f"cl:{cid}") == before
    assert dialogs.warnings == [] and dialogs.questions == []
    # Finishing the tag makes the text valid: it is applied and the mark goes.
    qtbot.keyClicks(body, " listed %}, shares{% endif %}.")
    qtbot.waitUntil(lambda: edits.find_ref(window.project, cid).body is not None, timeout=3000)
    assert body.problem_range is None
    assert edits.find_ref(window.project, cid).body.endswith(" Only {% if listed %}, shares{% endif %}.")


def test_the_editor_keeps_its_size(qtbot: Any, project_file: Path) -> None:
    from socialpolicy import settings as settings_mod

    first = MainWindow(settings_mod.Settings(), load_libraries=False)
    qtbot.addWidget(first)
    first.show()
    assert first.controller.open_path(project_file)
    total = sum(first.centre.sizes())
    first.centre.setSizes([total // 4, total - total // 4])
    assert first.centre.sizes()[1] > first.centre.sizes()[0]
    first.close()
    saved = first.settings
    assert saved.editor_split
    second = MainWindow(settings_mod.Settings.from_dict(saved.to_dict()), load_libraries=False)
    qtbot.addWidget(second)
    second.show()
    assert second.controller.open_path(project_file)
    sizes = second.centre.sizes()
    assert sizes[1] > 2 * sizes[0]
    second.session.history.set_clean()


def test_refused_text_comes_back_with_its_clause(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    first = window.project.sections[0].clauses[0].clause
    second = window.project.sections[0].clauses[1].clause
    window.controller.select_clause(first)
    library_body = window.editor.body.template_text()
    body = window.editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Ask {{ first")
    qtbot.waitUntil(lambda: body.problem_range is not None, timeout=3000)
    window.controller.select_clause(second)  # looking elsewhere loses nothing
    assert window.editor.clause_id == second and body.problem_range is None
    window.controller.select_clause(first)
    assert window.editor.body.template_text() == library_body + " Ask {{ first"
    assert body.problem_range is not None
    assert "Not applied yet" in window.editor.state_label.text()
    assert window.editor.reset_button.isEnabled()
    window.editor.reset_button.click()  # drops the refused typing: the clause was library text
    assert window.editor.body.template_text() == library_body
    assert body.problem_range is None and not window.editor.drafts
    assert window.session.history.count == 0
