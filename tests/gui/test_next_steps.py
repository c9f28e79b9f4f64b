"""The Next steps panel: items tick off as the answers change; each goes to the place that settles it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from socialpolicy import edits
from socialpolicy.gui.main_window import MainWindow
from socialpolicy.gui.panels.next_steps import DONE, OPEN
from tests.gui.conftest import make_project_file
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def _row(window: MainWindow, step_id: str) -> str:
    panel = window.next_steps
    index = next(i for i, s in enumerate(panel.steps) if s.id == step_id)
    item = panel.list.item(index)
    assert item is not None
    return item.text()


def test_steps_tick_off_as_the_answers_change(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    assert window.controller.open_path(make_project_file(tmp_path, "governance-charter", "uk-charity"))
    _settle(qtbot, window)
    panel = window.next_steps
    assert not window.steps_dock.isHidden()
    assert _row(window, "lead-team") == f"{OPEN}  Give the social media lead a team"
    assert _row(window, "sponsor") == f"{DONE}  Name a senior sponsor"
    assert panel.summary.text().startswith("1 of ")
    # The open step says why and goes to the question that settles it, in the wizard.
    assert panel.select("lead-team")
    assert "works alone" in panel.detail.text() and panel.go_button.text() == "Answer the question"
    panel.go_button.click()
    wizard = window.controller.wizard
    assert wizard is not None and wizard.isVisible()
    assert "social_team_size" in wizard.currentPage().fields
    wizard.set_answer("social_team_size", 3)
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    _settle(qtbot, window)
    assert window.project.answers["social_team_size"] == 3
    assert _row(window, "lead-team") == f"{DONE}  Give the social media lead a team"
    assert panel.summary.text().startswith("Everything on this list is settled")
    # Taking the council out re-opens its step, which now adds the clause back.
    for _, block in list(window.document.blocks()):
        if block.topic == "council":
            window.controller.set_included(block.clause_id, False)
    _settle(qtbot, window)
    assert _row(window, "council").startswith(OPEN)
    assert panel.select("council") and panel.go_button.text() == "Add the clause"
    panel.go_button.click()
    _settle(qtbot, window)
    assert _row(window, "council").startswith(DONE)
    council = panel.step("council")
    assert council is not None and council.link is not None
    # A done step still goes to its clause.
    assert panel.select("council") and panel.go_button.text() == "Go to the clause"
    panel.go_button.click()
    assert window.outline.current_clause() == council.link.ref
    assert edits.find_ref(window.project, council.link.ref) is not None


def test_no_document_no_steps(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    assert window.controller.open_path(make_project_file(tmp_path, "social-media-policy", "uk-charity"))
    _settle(qtbot, window)
    assert window.next_steps.list.count() >= 5
    window.controller.close_document()
    assert window.next_steps.list.count() == 0 and window.next_steps.summary.text().startswith(
        "Open or build"
    )
