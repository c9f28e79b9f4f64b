"""The one controller: it listens to the document session and shows its state in the panels, and it
turns what the author asks for (a panel's signal, a menu action) into session calls.

The window only builds and lays out; the session only decides. The file and library flows are
written in :mod:`socialpolicy.gui.files` and :mod:`socialpolicy.gui.library.flows` and mixed in here,
so this class stays readable; they share this state.

One edit travels like this: the clause editor's typing pause emits ``textEdited`` ->
:meth:`commit_text` -> ``session.edit`` (a pure edit, rendered, recorded in the history) ->
``session.changed`` -> :meth:`_shown` puts the new Document in the preview at once, then the other
panels (:meth:`refresh_secondary`) and, after a pause, a background check (:meth:`run_checks`).
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from socialpolicy import edits, sandbox
from socialpolicy.app import clause_text
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.finding_places import place
from socialpolicy.app.libraries import LibraryCache
from socialpolicy.app.scheduling import CheckResult
from socialpolicy.checks import Finding
from socialpolicy.errors import InputError
from socialpolicy.gui.dialogs.accept_risk import AcceptRiskDialog
from socialpolicy.gui.files import FileFlows
from socialpolicy.gui.guide_flows import GuideFlows
from socialpolicy.gui.library.flows import LibraryFlows
from socialpolicy.gui.review_flows import ReviewFlows
from socialpolicy.gui.workers import Outcome, Worker
from socialpolicy.model import Project
from socialpolicy.settings import Settings

if TYPE_CHECKING:
    from socialpolicy.gui.main_window import MainWindow

log = logging.getLogger(__name__)


class Controller(FileFlows, LibraryFlows, ReviewFlows, GuideFlows, QObject):
    def __init__(self, window: MainWindow, session: DocumentSession, settings: Settings) -> None:
        QObject.__init__(self, window)
        self.window = window
        self.session = session
        self.settings = settings
        self.worker = Worker(self)
        self.cache = LibraryCache()
        self.secondary = self._timer(0, self.refresh_secondary)  # outline, findings, status after the preview
        self.check_timer = self._timer(int(session.scheduler.delay * 1000), self.run_checks)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(settings.autosave_seconds * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        LibraryFlows.__init__(self)
        FileFlows.__init__(self)
        ReviewFlows.__init__(self)
        GuideFlows.__init__(self)
        session.changed.connect(self._shown)
        session.report_changed.connect(self._report_shown)
        session.history.changed.connect(self.window.update_title)
        session.closed.connect(self._closed)
        self._wire()

    def _timer(self, ms: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _wire(self) -> None:
        w = self.window
        w.start_page.newRequested.connect(self.new_document)
        w.start_page.resumeRequested.connect(self.resume_draft)
        w.start_page.openRequested.connect(self.open_dialog)
        w.start_page.recentRequested.connect(self.open_path)
        o = w.outline
        o.clauseSelected.connect(self.select_clause)
        o.sectionSelected.connect(self._section_selected)
        o.includeToggled.connect(self.set_included)
        o.moveRequested.connect(self.move_clause)
        o.switchRequested.connect(self.switch_alternative)
        o.resetRequested.connect(self.reset_clause)
        o.removeRequested.connect(self.remove_clause)
        o.whyRequested.connect(self._why_for)
        o.addCustomRequested.connect(self.add_custom_clause)
        w.editor.textEdited.connect(self.commit_text)
        w.editor.resetRequested.connect(self.reset_clause)
        w.preview.clauseClicked.connect(self._clicked_in_preview)
        w.library.insertRequested.connect(self.insert_library_clause)
        w.findings.clauseRequested.connect(self.select_clause)
        w.findings.findingSelected.connect(self.show_finding)
        w.findings.fixRequested.connect(self.apply_fix)
        w.findings.acceptRequested.connect(self.accept_risk)
        w.findings.withdrawRequested.connect(self.withdraw_risk)

    def say(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- showing the session -------------------------------------------------------------------

    def _shown(self) -> None:
        """A new project and Document: the preview now, the other panels next."""
        doc = self.session.document
        if doc is None:
            return
        self.window.preview.show_document(doc)
        self.secondary.start()
        self.window.update_title()

    def refresh_secondary(self) -> None:
        """Outline, editor, findings, library and status bar: after the preview, off the typing path."""
        self.secondary.stop()
        s, w = self.session, self.window
        project, doc = s.project, s.document
        if project is None or doc is None:
            return
        titles = {b.clause_id: b.title for _, b in doc.blocks()}
        alternatives = {}
        for _, _, ref in project.refs():
            if ref.clause not in titles:
                titles[ref.clause] = edits.title_of(project, ref, s.catalog)
            if ref.slot:
                alternatives[ref.clause] = edits.alternatives(project, ref.clause, s.catalog, s.template)
        w.outline.set_project(project, doc, titles, alternatives)
        due = s.scheduler.due_in()
        if due is not None:
            self.check_timer.start(int(due * 1000))
        w.library.set_present(s.present())
        self._show_in_editor(w.outline.current_clause())

    def _report_shown(self) -> None:
        w = self.window
        w.findings.set_report(self.session.report)
        text, tip = self.session.status()
        w.status_label.setText(text)
        w.status_label.setToolTip(tip)
        self.show_next_steps()

    def _closed(self) -> None:
        self.check_timer.stop()
        self.close_review()
        w = self.window
        w.preview.clear_document()
        w.editor.set_block(None)
        w.editor.forget_drafts()
        w.outline.clear()
        w.findings.set_report(None)
        w.next_steps.set_steps(None)
        w.status_label.clear()
        w.update_title()

    @property
    def busy(self) -> bool:
        """Work still to come for the current document (panels or checker): tests wait on this."""
        return self.secondary.isActive() or self.check_timer.isActive() or self.session.check_pending

    # -- checking ------------------------------------------------------------------------------

    def run_checks(self) -> None:
        """Check the current Document in the background; the findings panel updates when done."""
        self.check_timer.stop()
        request = self.session.start_check()
        if request is not None:
            self.worker.submit(lambda _progress: request.run(), self._checked)

    def _checked(self, outcome: Outcome[CheckResult]) -> None:
        self.session.deliver(outcome.get())

    def check_now(self) -> None:
        """Check now and wait for the report (the window keeps turning meanwhile)."""
        request = self.session.start_check()
        if request is not None:
            self.session.deliver(self.worker.wait(lambda _progress: request.run()))

    # -- selection and the editor --------------------------------------------------------------

    def select_clause(self, clause_id: str, *, scroll: bool = True) -> None:
        w = self.window
        if w.outline.current_clause() != clause_id:
            w.outline.select_clause(clause_id, emit=False)
        self._show_in_editor(clause_id)
        if scroll:
            w.preview.scroll_to_clause(clause_id)

    def show_finding(self, finding: Finding) -> None:
        """Select the finding's clause and mark its sentence in the preview and the editor."""
        s, w = self.session, self.window
        where = (
            place(finding, s.document, s.author_text(finding.clause))
            if s.document and finding.clause
            else None
        )
        if where is None:
            w.preview.highlight("", "")
            w.editor.highlight(0, 0)
            return
        self.select_clause(where.clause)
        if not w.preview.highlight(where.clause, where.excerpt):
            w.preview.scroll_to_clause(where.clause)
        w.editor.highlight(*(where.editor_span or (0, 0)))

    def _clicked_in_preview(self, clause_id: str) -> None:
        self.select_clause(clause_id, scroll=False)  # the reader is looking at it already

    def _section_selected(self, _section_id: str) -> None:
        self.window.editor.flush()
        self.window.editor.set_block(None)

    def _show_in_editor(self, clause_id: str) -> None:
        editor, s = self.window.editor, self.session
        if editor.clause_id and editor.clause_id != clause_id:
            editor.flush()
        editor.set_template(s.template)
        block = s.document.block(clause_id) if clause_id and s.document else None
        text = s.author_text(clause_id) if clause_id else None
        if block is None or text is None:
            if text is not None:
                editor.show_excluded()
            else:
                editor.set_block(None)
            return
        editor.set_block(block, text)

    def commit_text(self, clause_id: str, title: str, body: str) -> None:
        """The editor's text (after the typing pause) becomes an undoable edit."""
        s = self.session
        if s.project is None or edits.find_ref(s.project, clause_id) is None:
            return
        found = clause_text.problem(body)
        if found is not None:  # marked in the editor; the preview keeps the last text that worked
            self.window.editor.refuse(
                f"Not applied yet: the template code here is unfinished or wrong ({found.message})", found
            )
            return
        try:
            sandbox.check_syntax(title, "clause title", "title")
        except InputError as exc:
            self.window.editor.refuse(f"Not applied yet (title): {exc.message}")
            return
        if not body.strip() or not title.strip():
            self.window.editor.refuse("Not applied yet: a clause needs a title and some text.")
            return
        self.push(
            lambda p: edits.edit_clause(p, clause_id, s.catalog, title=title, body=body), ("text", clause_id)
        )

    def show_why(self) -> None:
        self.window.editor.show_why()

    def _why_for(self, clause_id: str) -> None:
        self.select_clause(clause_id)
        self.window.editor.show_why()

    # -- edits: each is one pure core edit ----------------------------------------------------

    def push(
        self,
        make: Callable[[Project], edits.Edit],
        merge_key: Hashable | None = None,
        select: str | None = None,
    ) -> bool:
        """Make an edit of the current project (after pending typing) and push it; say why when it
        cannot be made (an unknown clause, text the sandbox refuses)."""
        if merge_key is None:
            self.window.editor.flush()
        try:
            changed = self.session.edit(make, merge_key)
        except edits.EditError as exc:
            self.say(str(exc))
            return False
        except InputError as exc:
            log.info("edit not applied: %s", exc.line())
            message = f"Not applied: {exc.message}"
            self.window.editor.refuse(message)
            self.say(message, 10000)
            return False
        if changed and select:
            self.refresh_secondary()
            self.select_clause(select)
        return changed

    def undo(self) -> None:
        self.window.editor.flush()
        self._step(self.session.undo)

    def redo(self) -> None:
        self._step(self.session.redo)

    def _step(self, step: Callable[[], bool]) -> None:
        try:
            step()
        except InputError as exc:  # the libraries changed since, and the old state no longer renders
            log.warning("undo or redo step cannot be shown: %s", exc.line())
            self.say(f"Cannot show that step: {exc.line()}", 10000)

    def set_included(self, clause_id: str, included: bool) -> bool:
        return self.push(lambda p: edits.set_included(p, clause_id, included, self.session.catalog))

    def move_clause(self, clause_id: str, section_id: str, index: int) -> bool:
        catalog = self.session.catalog
        return self.push(
            lambda p: edits.move_clause(p, clause_id, section_id, index, catalog), select=clause_id
        )

    def _move_by(self, delta: int) -> None:
        clause_id, project = self.window.outline.current_clause(), self.session.project
        if not clause_id or project is None:
            return
        si, ci = edits.locate(project, clause_id)
        target, sections = ci + delta, project.sections
        if 0 <= target < len(sections[si].clauses):
            self.move_clause(clause_id, sections[si].id, target)
        elif target < 0 and si > 0:
            self.move_clause(clause_id, sections[si - 1].id, len(sections[si - 1].clauses))
        elif target >= len(sections[si].clauses) and si + 1 < len(sections):
            self.move_clause(clause_id, sections[si + 1].id, 0)

    def move_up(self) -> None:
        self._move_by(-1)

    def move_down(self) -> None:
        self._move_by(1)

    def switch_alternative(self, clause_id: str, alternative: str) -> bool:
        s = self.session
        return self.push(
            lambda p: edits.switch_alternative(p, clause_id, alternative, s.catalog, s.template),
            select=alternative,
        )

    def reset_clause(self, clause_id: str) -> bool:
        return self.push(lambda p: edits.reset_clause(p, clause_id, self.session.catalog))

    def remove_clause(self, clause_id: str) -> bool:
        return self.push(lambda p: edits.remove_clause(p, clause_id, self.session.catalog))

    def add_custom_clause(self, section_id: str) -> bool:
        project = self.session.project
        if project is None:
            return False
        before = {c.id for c in project.custom_clauses}
        ok = self.push(
            lambda p: edits.add_custom_clause(p, section_id, "New clause", "Write the clause here.")
        )
        if ok and self.session.project is not None:
            new = next(c.id for c in self.session.project.custom_clauses if c.id not in before)
            self.refresh_secondary()
            self.select_clause(new)
            self.window.editor.title_edit.setFocus()
            self.window.editor.title_edit.selectAll()
        return ok

    def insert_library_clause(self, library_id: str, clause_id: str) -> bool:
        s = self.session
        clause = s.catalog.get(library_id, clause_id)
        if clause is None:
            return False
        after = self.window.outline.current_clause() or None
        return self.push(
            lambda p: edits.insert_clause(p, clause, template=s.template, after=after, catalog=s.catalog),
            select=clause_id,
        )

    def apply_fix(self, finding: Finding) -> bool:
        fix, s = finding.fix, self.session
        if fix is None:
            return False
        target = str(fix.args.get("clause") or "") if fix.kind == "insert-clause" else ""
        return self.push(
            lambda p: edits.apply_fix(p, fix.kind, dict(fix.args), s.catalog, s.template),
            select=target or None,
        )

    def accept_risk(self, finding: Finding) -> bool:
        author = self.settings.author_name or _user_name()
        by, reason, ok = AcceptRiskDialog.get_reason(self.window, finding, author)
        if not ok:
            return False
        self.settings.author_name = by
        return self.push(
            lambda p: edits.accept_risk(
                p, finding.rule, reason, by, clause=finding.clause, excerpt=finding.excerpt
            )
        )

    def withdraw_risk(self, finding: Finding) -> bool:
        risk = finding.accepted
        if risk is None:
            return False
        return self.push(lambda p: edits.withdraw_risk(p, risk.rule, risk.clause, risk.excerpt))

    def toggle_current(self) -> None:
        cid, project = self.window.outline.current_clause(), self.session.project
        ref = edits.find_ref(project, cid) if cid and project else None
        if ref is not None:
            self.set_included(cid, not ref.included)

    def reset_current(self) -> None:
        if self.window.outline.current_clause():
            self.reset_clause(self.window.outline.current_clause())

    def remove_current(self) -> None:
        if self.window.outline.current_clause():
            self.remove_clause(self.window.outline.current_clause())

    def add_custom_current(self) -> None:
        project = self.session.project
        section = self.window.outline.current_section() or (project.sections[-1].id if project else "")
        if section:
            self.add_custom_clause(section)


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
