"""Document properties: edited in the dialog, kept as one undoable step, shown on the Word cover."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt

from socialpolicy import export
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


def test_properties_edited_in_the_dialog_reach_the_word_cover_and_undo(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path
) -> None:
    assert window.controller.open_path(project_file)
    settle(qtbot, window)
    dialog = window.controller.edit_properties()
    assert dialog is not None and dialog.isVisible()
    assert dialog.fields["version"].text() == "0.1" and dialog.fields["status"].text() == "Draft"
    assert dialog.definitions.rowCount() == len(window.document.definitions) > 0
    dialog.fields["title"].setText("Riverside Social Media Policy 2027")
    dialog.fields["version"].setText("1.0")
    dialog.fields["status"].setText("Approved")
    dialog.fields["owner"].setText("Director of People")
    dialog.fields["effective_date"].setText("1 March")  # not a date: OK says so and the dialog stays
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Effective date: write the date as year-month-day" in dialog.error.text()
    dialog.fields["effective_date"].setText("2027-03-01")
    dialog._add_empty_approval()
    for col, value in enumerate(("Chief Executive", "Sam Okafor", "2027-02-20")):
        dialog.approvals.item(0, col).setText(value)
    dialog.history.item(0, 3).setText("Approved by the board.")
    term = dialog.definitions.item(0, 0).text()
    dialog.definitions.item(0, 1).setText("The wording our lawyers asked for")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    settle(qtbot, window)
    assert window.windowTitle().startswith("Riverside Social Media Policy 2027[*]")
    assert window.undo_action.text() == "&Undo Edit document properties"
    out = tmp_path / "policy.docx"
    export.export(window.document, "docx", out, project=window.project)
    word = docx.Document(str(out))
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert word.paragraphs[0].text == "Riverside Social Media Policy 2027"
    for shown in ("1.0", "Approved", "Director of People", "1 March 2027", "Sam Okafor", "Chief Executive"):
        assert shown in cells, shown
    assert "Approved by the board." in cells
    assert any(
        d.term == term and d.text == "The wording our lawyers asked for." for d in window.document.definitions
    )
    window.undo_action.trigger()
    assert (
        window.document.metadata["version"] == "0.1"
        and window.document.title != "Riverside Social Media Policy 2027"
    )


def test_cancel_changes_nothing(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    settle(qtbot, window)
    before = window.project
    dialog = window.controller.edit_properties()
    assert dialog is not None
    dialog.fields["status"].setText("Published")
    dialog.reject()
    assert window.project is before and not window.undo_action.isEnabled()
