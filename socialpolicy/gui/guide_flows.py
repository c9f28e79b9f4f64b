"""The controller's flows that guide the author: the Next steps panel (what the organisation still has to
decide, and going to the place that settles each step). Mixed into
:class:`~socialpolicy.gui.controller.Controller`, whose state they use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from socialpolicy import edits
from socialpolicy.app.next_steps import CLAUSE, INSERT, QUESTION, Link, next_steps
from socialpolicy.checks import FixKind
from socialpolicy.gui.dialogs.wizard import PolicyWizard, QuestionPage

if TYPE_CHECKING:
    from socialpolicy.gui.controller import Controller


class GuideFlows:
    def __init__(self: Controller) -> None:
        self.window.next_steps.linkRequested.connect(self.follow_step)

    def show_next_steps(self: Controller) -> None:
        """The steps for the document the current report was made on (the answers and findings agree)."""
        s = self.session
        doc = s.report_document or s.document
        self.window.next_steps.set_steps(next_steps(doc, s.report, s.template) if doc is not None else None)

    def follow_step(self: Controller, link: Link) -> None:
        if link.kind == QUESTION:
            self.ask_question(link.ref)
        elif link.kind == CLAUSE:
            self.select_clause(link.ref)
        elif link.kind == INSERT:
            s = self.session
            self.push(
                lambda p: edits.apply_fix(
                    p, FixKind.INSERT_CLAUSE, {"clause": link.ref}, s.catalog, s.template
                ),
                select=link.ref,
            )

    def ask_question(self: Controller, question_id: str) -> PolicyWizard | None:
        """Open the wizard (changing the answers) at the page that asks ``question_id``."""
        wizard = self.change_answers()
        if wizard is None:
            return None
        for page_id in wizard.pageIds():
            page = wizard.page(page_id)
            if isinstance(page, QuestionPage) and question_id in page.fields:
                wizard.setStartId(page_id)
                wizard.restart()
                page.fields[question_id].editor.setFocus()
                break
        return wizard
