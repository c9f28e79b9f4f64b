"""The outline: include and exclude, move, custom clauses, drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from socialpolicy import edits
from socialpolicy.gui.main_window import MainWindow
from socialpolicy.project import load_project
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def test_outline_include_exclude_move_and_custom(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[2].clauses[1].clause
    item = window.outline.clause_item(cid)
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert edits.find_ref(window.project, cid).included is False
    assert window.document.block(cid) is None
    _settle(qtbot, window)
    assert "1 excluded" in window.status_label.text()
    window.outline.select_clause(cid)
    window.controller.move_up()
    assert window.project.sections[2].clauses[0].clause == cid
    window.outline.select_clause(cid)
    window.controller.add_custom_current()
    custom = window.project.custom_clauses[-1]
    assert custom.title == "New clause"
    assert window.editor.clause_id == custom.id
    assert window.session.history.count == 3
    for _ in range(3):
        window.controller.undo()
    assert window.project == load_project(project_file)


def test_drop_index_maths() -> None:
    from socialpolicy.gui.panels.outline import drop_index

    sections = [["a", "b", "c"], ["d"]]
    ids = ["s1", "s2"]
    assert drop_index(sections, ids, "a", 0, 2, True) == ("s1", 2)  # below c: last
    assert drop_index(sections, ids, "c", 0, 0, False) == ("s1", 0)  # above a: first
    assert drop_index(sections, ids, "a", 1, 0, True) == ("s2", 1)
    assert drop_index(sections, ids, "a", 1, None, True) == ("s2", 0)


def test_drag_and_drop_moves_clauses(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    position = QAbstractItemView.DropIndicatorPosition
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    outline = window.outline
    first, second = window.project.sections[0], window.project.sections[2]
    moved = first.clauses[0].clause
    target = outline.clause_item(first.clauses[2].clause)
    assert outline.drop_on(moved, target, position.BelowItem) == (first.id, 2)
    assert [r.clause for r in window.project.sections[0].clauses][2] == moved
    heading = outline.topLevelItem(2)
    assert outline.drop_on(moved, heading, position.OnItem) == (second.id, 0)
    assert window.project.sections[2].clauses[0].clause == moved
    _settle(qtbot, window)
    assert outline.current_clause() == moved
    assert outline.clause_item(moved).parent() is outline.topLevelItem(2)
    window.controller.undo()
    window.controller.undo()
    assert window.project == load_project(project_file)


def test_long_titles_wrap_instead_of_being_cut(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    window.outline_dock.setMinimumWidth(0)
    window.resizeDocks([window.outline_dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.outline.viewport().width() < 320, timeout=3000)
    outline = window.outline
    line = outline.fontMetrics().height()
    wrapped = 0
    for top in outline.sections():
        for i in range(top.childCount()):
            item = top.child(i)
            rect = outline.visualItemRect(item)
            needed = outline.fontMetrics().horizontalAdvance(item.text(0))
            room = (
                rect.width() - outline.style().pixelMetric(outline.style().PixelMetric.PM_IndicatorWidth) - 12
            )
            if needed > room + 40:  # clearly too long for one line: it has the height of two or more
                assert rect.height() >= 2 * line - 2, item.text(0)
                wrapped += 1
    assert wrapped > 0
