"""The wizard, for a new document and for changing the answers of one (with what changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from socialpolicy import edits
from socialpolicy.gui.main_window import WORKSPACE, MainWindow
from tests.gui.conftest import answers_for
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def test_wizard_to_finished_document(qtbot: Any, window: MainWindow) -> None:
    qtbot.mouseClick(window.start_page.new_buttons["social-media-policy"], Qt.MouseButton.LeftButton)
    wizard = window.controller.wizard
    assert wizard is not None and wizard.isVisible()
    first = wizard.question_pages[0]
    assert first.title() == "Your organisation"
    # Required questions must be answered before moving on.
    wizard.set_answer("organisation_name", "")
    wizard.next()
    assert wizard.currentPage() is first
    assert "please answer" in first.error.text()
    assert first.findChild(object, "help-organisation_name") is not None  # help text is on the page
    given = answers_for("social-media-policy", "uk-charity")
    for page in wizard.question_pages:
        for qid in page.fields:
            if qid in given:
                wizard.set_answer(qid, given[qid])
    # A bad value is refused with the core's message.
    wizard.set_answer("policy_contact_email", "not-an-email")
    field = wizard.question_field("monitoring_log_days")
    visited, refused = [], []
    for _ in range(20):
        page = wizard.currentPage()
        if page is wizard.summary:
            break
        visited.append(page.title())
        if "monitoring_log_days" in page.fields:
            assert not field.isVisible()  # monitoring is "none": no log period is asked
        wizard.next()
        if wizard.currentPage() is page:
            refused.append(page.error.text())
            wizard.set_answer("policy_contact_email", given["policy_contact_email"])
    assert refused and "not an email address" in refused[0]
    # A UK charity that is not listed has no sector or market questions: that page is skipped.
    assert "Sector and market details" not in visited
    assert "Your approach" in visited
    assert wizard.currentPage() is wizard.summary
    assert "Riverside Community Trust" in wizard.summary.view.toPlainText()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.project is not None)
    _settle(qtbot, window)
    assert window.stack.currentIndex() == WORKSPACE
    assert window.document.title == "Riverside Social Media Policy"
    assert window.windowTitle() == "Riverside Social Media Policy[*] — Social Policy Studio"
    assert window.isWindowModified()
    assert "Why we have this policy" in window.preview.toPlainText()
    assert window.outline.topLevelItemCount() == len(window.project.sections)
    assert "monitoring_log_days" not in wizard.answers() or given["monitoring"] == "security"
    assert "Coverage" in window.status_label.text()


def test_change_answers_keeps_edits_and_lists_changes(
    qtbot: Any, window: MainWindow, project_file: Path
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[1].clause
    window.controller.commit_text(cid, "Who this covers", "Our own scope text.")
    wizard = window.controller.change_answers()
    assert (
        wizard is not None
        and wizard.question_field("organisation_name").value() == "Riverside Community Trust"
    )
    wizard.set_answer("listed", True)
    wizard.set_answer("personal_use", "restricted")
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(
        lambda: window.controller.changes_dialog is not None and window.controller.changes_dialog.isVisible()
    )
    changes = [
        window.controller.changes_dialog.list.item(i).text()
        for i in range(window.controller.changes_dialog.list.count())
    ]
    assert any(c.startswith("Added") for c in changes)
    assert any(c.startswith("Switched") for c in changes)
    assert window.project.answers["listed"] is True
    assert edits.find_ref(window.project, cid).body == "Our own scope text."
    window.controller.changes_dialog.accept()
    window.controller.undo()
    assert window.project.answers["listed"] is False
