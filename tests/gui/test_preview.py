"""The preview: only changed clauses are laid out again; a click selects a clause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def test_preview_updates_only_the_changed_clause(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    full = window.preview.full_renders
    cid = window.project.sections[2].clauses[0].clause
    window.controller.commit_text(cid, "Title", "New words for the clause.")
    assert window.preview.full_renders == full
    assert "New words for the clause." in window.preview.toPlainText()


def test_clicking_a_clause_in_the_preview_selects_it(
    qtbot: Any, window: MainWindow, project_file: Path
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    target = window.project.sections[2].clauses[1].clause
    window.preview.scroll_to_clause(target)
    cursor = window.preview.textCursor()
    cursor.movePosition(cursor.MoveOperation.NextBlock)  # into the clause's text, past its heading
    point = window.preview.cursorRect(cursor).center()
    assert window.preview.clause_at(cursor.position()) == target
    qtbot.mouseClick(window.preview.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.outline.current_clause() == target
    assert window.editor.clause_id == target
