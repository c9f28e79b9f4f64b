"""The controller's file flows: new (through the wizard), open, save, autosave and recovery, close,
change answers, export. Mixed into :class:`~socialpolicy.gui.controller.Controller`, whose state they use."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from socialpolicy import edits, properties, templates
from socialpolicy.app import recovery, wizard_draft
from socialpolicy.app.document_session import Opened, open_file
from socialpolicy.app.export_job import ExportResult, pdf_engine
from socialpolicy.app.libraries import LibraryLoad, load_catalog, locations
from socialpolicy.errors import InputError
from socialpolicy.gui.ask import settle, warn, yes
from socialpolicy.gui.dialogs import shown
from socialpolicy.gui.dialogs.changes import ChangesDialog
from socialpolicy.gui.dialogs.export import ExportDialog
from socialpolicy.gui.dialogs.new_document import NewDocumentDialog
from socialpolicy.gui.dialogs.properties import PropertiesDialog
from socialpolicy.gui.dialogs.wizard import PolicyWizard
from socialpolicy.gui.workers import Progress
from socialpolicy.model import Template
from socialpolicy.project import PROJECT_SUFFIX

if TYPE_CHECKING:
    from socialpolicy.gui.controller import Controller

log = logging.getLogger(__name__)
OPEN_FILTER = "Policy projects (*.policy.json);;Existing policies (*.md *.docx);;All files (*)"


class FileFlows:
    def __init__(self: Controller) -> None:
        self.wizard: PolicyWizard | None = None
        self.changes_dialog: ChangesDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.properties_dialog: PropertiesDialog | None = None
        self.new_dialog: NewDocumentDialog | None = None
        self.last_changes: tuple[str, ...] = ()

    # -- new, and changing the answers ---------------------------------------------------------

    def new_document(self: Controller, template_id: str) -> PolicyWizard | None:
        """Start the wizard for a new document (non-blocking; ``wizard`` is the dialog)."""
        if not self.confirm_discard():
            return None
        return self._open_wizard(templates.get(template_id), None, changing=False)

    def choose_new(self: Controller) -> NewDocumentDialog:
        """Ctrl+N: pick a kind of document, then its wizard opens."""
        self.new_dialog = shown(NewDocumentDialog(templates.available(), self.window), self.new_dialog)
        self.new_dialog.accepted.connect(self._new_chosen)
        return self.new_dialog

    def _new_chosen(self: Controller) -> None:
        if self.new_dialog is not None and self.new_dialog.chosen():
            self.new_document(self.new_dialog.chosen())

    def resume_draft(self: Controller, template_id: str) -> PolicyWizard | None:
        """Open the wizard on the answers kept in the draft for ``template_id``."""
        template = templates.get(template_id)
        draft = wizard_draft.get(template)
        if draft is None:
            self.say("That draft can no longer be read; start a new document instead.", 8000)
            self.offer_drafts()
            return None
        if not self.confirm_discard():
            return None
        wizard = self._open_wizard(template, draft.answers, changing=False)
        if draft.dropped:
            self.say(
                "Some kept answers no longer fit their question and were left out: "
                + ", ".join(draft.dropped)
            )
        return wizard

    def offer_drafts(self: Controller) -> None:
        """Show the kept wizard drafts on the start page (a damaged one is named in the status bar)."""
        try:
            found = wizard_draft.pending(templates.available())
        except OSError as exc:
            self.say(f"Could not read the kept wizard answers: {exc.strerror or exc}", 8000)
            return
        self.window.start_page.set_drafts([(d.template_id, d.when) for d in found.found])
        if found.problems:
            self.say(found.problems[0], 12000)

    def keep_wizard_draft(self: Controller) -> None:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.keep_draft()

    def _keep_draft(self: Controller, answers: dict[str, Any]) -> None:
        if self.wizard is None:
            return
        try:
            wizard_draft.save(self.wizard.template.id, answers)
        except OSError as exc:
            warn(self.window, "Could not keep your answers", f"{exc.filename or ''}: {exc.strerror or exc}")
            return
        self.offer_drafts()

    def _discard_draft(self: Controller) -> None:
        if self.wizard is not None:
            wizard_draft.discard(self.wizard.template.id)
            self.offer_drafts()

    def change_answers(self: Controller) -> PolicyWizard | None:
        s = self.session
        if s.project is None or s.template is None:
            self.say("This document was imported: it has no wizard answers to change.", 6000)
            return None
        self.window.editor.flush()
        return self._open_wizard(s.template, dict(s.project.answers), changing=True)

    def _open_wizard(
        self: Controller, template: Template, initial: dict[str, Any] | None, *, changing: bool
    ) -> PolicyWizard:
        self.wizard = shown(PolicyWizard(template, initial, self.window, changing=changing), self.wizard)
        self.wizard.accepted.connect(self._wizard_changed if changing else self._wizard_new)
        self.wizard.draftKept.connect(self._keep_draft)
        self.wizard.draftDiscarded.connect(self._discard_draft)
        return self.wizard

    def _wizard_new(self: Controller) -> None:
        if self.wizard is not None and self.finish_new(self.wizard.template, self.wizard.answers()):
            wizard_draft.discard(self.wizard.template.id)  # the answers are in the document now
            self.offer_drafts()

    def finish_new(self: Controller, template: Template, answers: dict[str, Any]) -> bool:
        try:
            self.session.new(template, answers)
        except InputError as exc:
            warn(self.window, "Cannot build the document", exc.line())
            return False
        self._opened()
        self.say("Document assembled. Save it with Ctrl+S.")
        return True

    def _wizard_changed(self: Controller) -> None:
        if self.wizard is not None:
            self.reassemble(self.wizard.answers())

    def reassemble(self: Controller, answers: dict[str, Any]) -> tuple[str, ...]:
        """Set new answers, keep the author's work, show what changed (undoable in one step)."""
        try:
            result = self.session.reassemble(answers)
        except InputError as exc:
            warn(self.window, "Cannot re-assemble the document", exc.line())
            return ()
        if result is None:
            return ()
        self.last_changes = result.changes
        self.changes_dialog = shown(ChangesDialog(result.changes, self.window), self.changes_dialog)
        return result.changes

    # -- the document's facts ------------------------------------------------------------------

    def edit_properties(self: Controller) -> PropertiesDialog | None:
        """Title, version, status, owner, dates, approvals, history notes and definitions (one undo step)."""
        s = self.session
        if s.project is None:
            return None
        self.window.editor.flush()
        dialog = PropertiesDialog(properties.of(s.project, s.document), self.window)
        self.properties_dialog = shown(dialog, self.properties_dialog)
        dialog.accepted.connect(self._properties_chosen)
        return dialog

    def _properties_chosen(self: Controller) -> None:
        if self.properties_dialog is None:
            return
        chosen, shown = self.properties_dialog.properties(), self.session.document
        if self.push(lambda p: edits.set_properties(p, chosen, shown)):
            self.window.update_title()
            self.say("Document properties changed; every export shows them. Undo puts them back.", 8000)

    # -- open and close ------------------------------------------------------------------------

    def open_dialog(self: Controller) -> None:
        start = str(self.session.path.parent) if self.session.path else ""
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Open", start, OPEN_FILTER)
        if chosen:
            self.open_path(chosen)

    def open_path(self: Controller, path: str | Path) -> bool:
        """Open a project (or import a .md/.docx policy). The libraries are read again and the file
        read and rendered in the background; a file that cannot be opened is reported in a dialog and
        the current document and the file are left as they were."""
        p = Path(path)
        if not self.confirm_discard():
            return False
        paths, cache = locations(self.settings.library_paths), self.cache

        def job(progress: Progress) -> tuple[LibraryLoad, Opened]:
            load = load_catalog(paths, progress, cache)
            return load, open_file(p, load.catalog)

        self.say(f"Opening {p.name}…", 0)
        try:
            load, opened = self.worker.wait(job)
        except InputError as exc:
            return self._cannot_open(exc.line())
        except OSError as exc:
            return self._cannot_open(f"{p}: {exc.strerror or exc}")
        self.session.adopt(opened)
        self._opened()
        self.show_library_problems(load)
        if opened.is_project:
            self.settings.add_recent(p)
            self.window.save_settings()
            if not load.problems:
                self.say(f"Opened {p.name}", 5000)
        else:
            self.say(f"Imported {p.name}: save it as a project to keep your work.")
        return True

    def _cannot_open(self: Controller, message: str) -> bool:
        log.warning("cannot open: %s", message)
        self.window.statusBar().clearMessage()
        warn(self.window, "Cannot open the file", message)
        return False

    def _opened(self: Controller) -> None:
        """A document was opened, assembled or recovered: show it from the top."""
        w, s = self.window, self.session
        w.editor.set_block(None)
        w.library.set_catalog(s.catalog, s.project.template_id if s.project else "", s.present())
        w.show_workspace()
        w.findings.set_checking()
        w.status_label.clear()
        self.refresh_secondary()  # starts the checker's timer: the window paints before checks begin
        first = next((r.clause for _, _, r in s.project.refs() if r.included), "") if s.project else ""
        if first:
            w.outline.select_clause(first)

    def close_document(self: Controller) -> bool:
        if not self.confirm_discard():
            return False
        self.session.close()
        self.window.show_start_page()
        return True

    def confirm_discard(self: Controller) -> bool:
        """Ask before dropping unsaved changes. True when it is fine to go on."""
        self.window.editor.flush()
        if not self.session.modified:
            return True
        return settle(
            self.window, "Unsaved changes", "The document has unsaved changes. Save them first?", self.save
        )

    # -- saving and recovery -------------------------------------------------------------------

    def save(self: Controller) -> bool:
        path = self.session.path
        if not self.session.is_open:
            return False
        if path is None or not path.name.endswith(PROJECT_SUFFIX):
            return self.save_as()
        return self.save_to(path)

    def save_as(self: Controller) -> bool:
        if not self.session.is_open:
            return False
        suggestion = str(self.session.suggested_path())
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save as", suggestion, "Policy projects (*.policy.json)"
        )
        if not chosen:
            return False
        if not chosen.endswith(PROJECT_SUFFIX):
            chosen = chosen.removesuffix(".json") + PROJECT_SUFFIX
        return self.save_to(Path(chosen))

    def save_to(self: Controller, path: str | Path) -> bool:
        """Save atomically (the previous file is kept as .bak)."""
        self.window.editor.flush()
        if not self.session.is_open:
            return False
        p = Path(path)
        try:
            self.session.save(p)
        except OSError as exc:
            warn(self.window, "Cannot save", f"{p}: {exc.strerror or exc}")
            return False
        self.settings.add_recent(p)
        self.window.save_settings()
        self.window.update_title()
        self.say(f"Saved {p.name}", 5000)
        return True

    def autosave(self: Controller) -> bool:
        """Write the unsaved document to its recovery file (not to the author's file)."""
        self.window.editor.flush()
        try:
            return self.session.autosave() is not None
        except OSError as exc:
            self.say(f"Autosave failed: {exc.strerror or exc}")
            return False

    def check_recovery(self: Controller) -> bool:
        """Work a crashed instance left: offer to restore it (one at a time, newest first)."""
        for found in recovery.pending():
            when = found.saved or "an earlier session"
            on = f" on {found.document.name}" if found.document else ""
            question = f"Social Policy Studio did not close normally. Unsaved work from {when}{on} was kept. Recover it?"
            if not yes(self.window, "Recover unsaved work?", question):
                recovery.decline(found)
                continue
            try:
                project = recovery.load(found)
            except InputError as exc:
                warn(self.window, "Cannot recover", exc.line())
                continue
            self.session.recover(found, project)
            log.info("recovered %s (%s)", found.file, found.document or "untitled")
            self._opened()
            self.say("Recovered unsaved work. Save it to keep it.", 10000)
            return True
        return False

    # -- export --------------------------------------------------------------------------------

    def export(self: Controller) -> ExportDialog | None:
        s = self.session
        if s.document is None:
            return None
        self.window.editor.flush()
        if self.export_dialog is not None:
            self.export_dialog.wait()  # (for the export it may be running)
        dialog = ExportDialog(
            s.export_job,
            self.worker,
            s.export_path("docx"),
            self.window,
            warning=s.export_warning(),
            pdf_engine=pdf_engine,
        )
        dialog.report_ready = self._exported
        self.export_dialog = shown(dialog, self.export_dialog)
        return dialog

    def _exported(self: Controller, result: ExportResult) -> None:
        self.session.adopt_report(result.report, result.job.document)
