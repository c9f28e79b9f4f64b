"""The main window on a small screen, Ctrl+N, and the technical-details toggle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socialpolicy import settings as settings_mod
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


def test_the_window_and_its_status_bar_fit_the_screen_on_first_start(window: MainWindow) -> None:
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    assert area.contains(window.geometry()), (area, window.geometry())
    assert frame.bottom() <= area.bottom() and frame.right() <= area.right()
    bar = window.statusBar()
    bottom_left = bar.mapToGlobal(bar.rect().bottomLeft())
    assert area.contains(bottom_left)


def test_ctrl_n_chooses_a_template_then_opens_its_wizard(qtbot: Any, window: MainWindow) -> None:
    action = window.actions_table.actions["choose_new"]
    assert action.shortcut().toString() == "Ctrl+N"
    assert window.actions_table.actions["show_start_page"].shortcut().isEmpty()
    action.trigger()
    dialog = window.controller.new_dialog
    assert dialog is not None and dialog.isVisible() and dialog.list.count() == 3
    assert dialog.chosen() == "social-media-policy"
    dialog.choose("governance-charter")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    wizard = window.controller.wizard
    assert wizard is not None and wizard.isVisible() and wizard.template.id == "governance-charter"


def test_rule_ids_show_only_with_technical_details(
    qtbot: Any, window: MainWindow, project_file: Path
) -> None:
    assert window.controller.open_path(project_file)
    settle(qtbot, window)
    tree = window.findings.tree
    assert tree.isColumnHidden(1)  # a drafter sees findings, not rule ids
    clause = window.outline.clause_item(window.project.sections[0].clauses[0].clause)
    assert clause is not None and ":" not in clause.toolTip(0) and "clause library" in clause.toolTip(0)
    window.details_action.trigger()
    assert not tree.isColumnHidden(1)
    QApplication.processEvents()
    clause = window.outline.clause_item(window.project.sections[0].clauses[0].clause)
    assert clause is not None and clause.toolTip(0).startswith("builtin:")
    assert settings_mod.load().show_details  # kept for the next start
    window.details_action.trigger()
    assert tree.isColumnHidden(1) and not settings_mod.load().show_details
