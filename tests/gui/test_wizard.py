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
    # A wrong answer stops the page (a text left empty only keeps the document's placeholder).
    wizard.set_answer("organisation_name", "A")
    wizard.next()
    assert wizard.currentPage() is first
    assert "Full name of the organisation: needs at least 2 characters" in first.error.text()
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


def _to_summary(wizard: Any) -> None:
    for _ in range(20):
        if wizard.currentPage() is wizard.summary:
            return
        wizard.next()


def _fill_first_page(wizard: Any) -> None:
    wizard.set_answer("organisation_name", "Riverside Community Trust")
    wizard.set_answer("org_short", "Riverside")


def test_sample_answers_are_hints_never_values(qtbot: Any, window: MainWindow) -> None:
    wizard = window.controller.new_document("social-media-policy")
    assert wizard is not None
    name = wizard.question_field("organisation_name")
    email = wizard.question_field("policy_contact_email")
    assert name.value() == "" and email.value() == ""
    assert name.editor.placeholderText() == "for example: Example Organisation Ltd"
    assert email.editor.placeholderText() == "for example: policy@example.org"
    assert "organisation_name" not in wizard.answers() and "org_short" not in wizard.answers()
    assert wizard.question_field("comms_contact").value() == "the Communications team"  # a real default stays
    # Nothing typed: every page lets the author through, and the summary says what is still open.
    _to_summary(wizard)
    assert wizard.currentPage() is wizard.summary
    summary = wizard.summary.view.toPlainText()
    assert "Not answered yet" in summary and "Full name of the organisation" in summary
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.document is not None)
    _settle(qtbot, window)
    text = window.preview.toPlainText()
    assert "Example Organisation" not in text and "policy@example.org" not in text
    assert "[to be completed: org_short]" in text  # the gap is visible in the document
    unfilled = [f for f in window.report.findings if f.rule == "structure.unfilled-variable"]
    assert unfilled and all(f.severity == "error" for f in unfilled)


def test_cancel_after_answering_asks_keeps_a_draft_and_the_start_page_resumes_it(
    qtbot: Any, window: MainWindow, dialogs: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from socialpolicy import templates
    from socialpolicy.app import wizard_draft

    Button = QMessageBox.StandardButton
    resume = window.start_page.resume_buttons["social-media-policy"]
    assert resume.isHidden()
    wizard = window.controller.new_document("social-media-policy")
    assert wizard is not None
    wizard.reject()  # nothing answered yet: closes without a question
    assert dialogs.questions == [] and not wizard.isVisible()
    wizard = window.controller.new_document("social-media-policy")
    assert wizard is not None
    _fill_first_page(wizard)
    dialogs.answers = [Button.Cancel]
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Escape asks; Cancel goes back to the questions
    assert len(dialogs.questions) == 1 and "Keep your answers as a draft" in dialogs.questions[0]
    assert wizard.isVisible()
    dialogs.answers = [Button.Save]
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert len(dialogs.questions) == 2 and not wizard.isVisible()
    draft = wizard_draft.get(templates.get("social-media-policy"))
    assert draft is not None and draft.answers["organisation_name"] == "Riverside Community Trust"
    assert resume.isVisibleTo(window.start_page) and "Resume your answers" in resume.text()
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    resumed = window.controller.wizard
    assert resumed is not None and resumed is not wizard and resumed.isVisible()
    assert resumed.question_field("organisation_name").value() == "Riverside Community Trust"
    assert resumed.question_field("org_short").value() == "Riverside"
    resumed.reject()  # unchanged since it was resumed: no question, the draft stays
    assert len(dialogs.questions) == 2 and wizard_draft.get(templates.get("social-media-policy")) is not None
    # Discarding throws the draft away; building the document removes it too.
    again = window.controller.resume_draft("social-media-policy")
    assert again is not None
    again.set_answer("org_short", "RCT")
    dialogs.answers = [Button.Discard]
    again.close()  # the window's close button asks as well
    assert len(dialogs.questions) == 3 and wizard_draft.get(templates.get("social-media-policy")) is None
    assert resume.isHidden()


def test_moving_between_pages_keeps_a_draft_and_building_removes_it(qtbot: Any, window: MainWindow) -> None:
    from socialpolicy import templates
    from socialpolicy.app import wizard_draft

    smp = templates.get("social-media-policy")
    wizard = window.controller.new_document("social-media-policy")
    assert wizard is not None
    _fill_first_page(wizard)
    wizard.next()
    draft = wizard_draft.get(smp)
    assert draft is not None and draft.answers["org_short"] == "Riverside"  # a crash now loses nothing
    window.controller.keep_wizard_draft()  # what closing the window does with the wizard open
    _to_summary(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.document is not None)
    assert wizard_draft.get(smp) is None
    assert "Riverside" in window.document.title


def test_changing_answers_asks_before_throwing_the_changes_away(
    qtbot: Any, window: MainWindow, project_file: Path, dialogs: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    wizard = window.controller.change_answers()
    assert wizard is not None
    wizard.set_answer("org_short", "Changed")
    dialogs.answers = [QMessageBox.StandardButton.No]
    wizard.reject()
    assert wizard.isVisible() and "Close without using them" in dialogs.questions[-1]
    dialogs.answers = [QMessageBox.StandardButton.Yes]
    wizard.reject()
    assert not wizard.isVisible()
    assert window.project.answers["org_short"] != "Changed"
