"""The controller's flows for the loop with legal: import a reviewed Word file into the review panel and
decide its changes, save revisions, export a redline. Mixed into
:class:`~socialpolicy.gui.controller.Controller`, whose state they use."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from socialpolicy import revisions
from socialpolicy.app.export_job import redline_path
from socialpolicy.edits import Edit, EditError
from socialpolicy.errors import InputError
from socialpolicy.gui.ask import warn
from socialpolicy.gui.dialogs import shown
from socialpolicy.gui.dialogs.revisions import RevisionsDialog
from socialpolicy.gui.workers import Outcome, Progress
from socialpolicy.model import Project

if TYPE_CHECKING:
    from socialpolicy.app.review_session import ReviewSession
    from socialpolicy.gui.controller import Controller

log = logging.getLogger(__name__)
REVIEW_FILTER = "Reviewed Word documents (*.docx)"


class ReviewFlows:
    def __init__(self: Controller) -> None:
        self.review: ReviewSession | None = None
        self.revisions_dialog: RevisionsDialog | None = None
        p = self.window.review_panel
        p.clauseRequested.connect(self._review_clause)
        p.decideRequested.connect(self.decide_change)
        p.allRequested.connect(self.decide_all_changes)
        p.resolveRequested.connect(self.resolve_note)
        p.closeRequested.connect(self.close_review)

    # -- a legal review ------------------------------------------------------------------------

    def import_review(self: Controller) -> bool:
        if self.session.project is None:
            return False
        start = str(self.session.export_base().parent)
        path, _ = QFileDialog.getOpenFileName(self.window, "Import legal review", start, REVIEW_FILTER)
        return self.open_review(path) if path else False

    def open_review(self: Controller, path: str | Path) -> bool:
        """Read a reviewed copy of the open document into the review panel; its comments are kept with
        the document at once (one undoable step)."""
        if self.session.project is None:
            return False
        self.window.editor.flush()
        from socialpolicy.app.review_session import ReviewSession  # (Word reading: loaded when first needed)

        try:
            found = ReviewSession.read(path)
        except InputError as exc:
            warn(self.window, "Cannot import the review", exc.line())
            return False
        self.close_review()
        self.review = ReviewSession(self.session, found)
        self.review.changed.connect(self._review_changed)
        self.review.keep_comments()
        self.window.review_panel.set_session(self.review)
        self.window.show_review_panel()
        self._review_changed()
        warning = self.review.warning()
        self.say(
            warning or f"Review of {Path(path).name}: {self.review.open_count()} changes to decide.", 10000
        )
        log.info("legal review opened: %s", path)
        return True

    def close_review(self: Controller) -> None:
        if self.review is not None:
            self.review.close()
            self.review = None
        self.window.review_panel.set_session(None)
        self.window.preview.set_annotations({})
        self.window.editor.set_review("")

    def _review_changed(self: Controller) -> None:
        r = self.review
        if r is None:
            return
        self.window.review_panel.refresh()
        self.window.preview.set_annotations(
            {
                item.clause_id: r.redline(item.key)
                for item in r.items()
                if item.clause_id and r.redline(item.key)
            }
        )
        current = self.window.outline.current_clause()
        self.window.editor.set_review(self._review_html(current) if current else "")

    def _review_html(self: Controller, clause_id: str) -> str:
        r = self.review
        if r is None:
            return ""
        item = next((i for i in r.items() if i.clause_id == clause_id), None)
        if item is None:
            return ""
        notes = "".join(
            f"<p><b>{'Resolved: ' if n.resolved else ''}Comment by {n.author}</b>: {n.text}</p>"
            for _, n in r.notes()
            if n.clause == clause_id
        )
        return f"<p><b>{item.label}: {item.status}</b></p>{r.redline(item.key)}{notes}"

    def _review_clause(self: Controller, clause_id: str) -> None:
        self.select_clause(clause_id)
        self.window.editor.set_review(self._review_html(clause_id))

    def decide_change(self: Controller, key: str, index: int, accept: bool) -> bool:
        if self.review is None:
            return False
        self.window.editor.flush()
        try:
            return self.review.decide(key, None if index < 0 else index, accept)
        except (EditError, InputError) as exc:
            self.say(str(exc) if isinstance(exc, EditError) else exc.line(), 10000)
            return False

    def decide_all_changes(self: Controller, accept: bool) -> bool:
        if self.review is None:
            return False
        self.window.editor.flush()
        try:
            return self.review.decide_all(accept)
        except InputError as exc:
            self.say(exc.line(), 10000)
            return False

    def resolve_note(self: Controller, index: int, resolved: bool) -> bool:
        return self.review.resolve(index, resolved) if self.review is not None else False

    # -- revisions and redlines ----------------------------------------------------------------

    def show_revisions(self: Controller) -> RevisionsDialog | None:
        if self.session.project is None:
            return None
        dialog = RevisionsDialog(revisions.listing(self.session.project), self.window)
        dialog.saveRequested.connect(self.save_revision)
        dialog.redlineRequested.connect(self.export_redline)
        self.revisions_dialog = shown(dialog, self.revisions_dialog)
        return dialog

    def save_revision(self: Controller, note: str) -> bool:
        """A new revision with a copy of the document as it is now (one undoable step)."""
        author = self.settings.user_name if hasattr(self.settings, "user_name") else ""

        def make(p: Project) -> Edit:
            try:
                new = revisions.add(p, note, author=str(author or ""))
            except InputError as exc:
                raise EditError(exc.message) from None
            return Edit(new, f"Save revision {new.revisions[-1]['version']}")

        saved = self.push(make)
        if saved and self.revisions_dialog is not None and self.session.project is not None:
            self.revisions_dialog.set_rows(revisions.listing(self.session.project))
        if saved and self.session.project is not None:
            self.say(f"Saved revision {self.session.project.revisions[-1]['version']}.")
        return saved

    def export_redline(self: Controller, version: str, path: str | Path | None = None) -> int | None:
        """Export the document now as a Word redline against revision ``version`` (in the background)."""
        s = self.session
        if s.project is None or s.document is None:
            return None
        try:
            earlier, label = revisions.project_at(s.project, version)
            base = s.render(earlier)
        except InputError as exc:
            warn(self.window, "Cannot make the redline", exc.message)
            return None
        if path is None:
            default = redline_path(s.export_base(), version)
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, "Export redline", str(default), "Word documents (*.docx)"
            )
            if not chosen:
                return None
            path = chosen
        doc, project, out = s.document, s.project, Path(path)

        def job(_progress: Progress) -> list[str]:
            from socialpolicy.export import export

            return export(doc, "docx", out, project=project, base=base, base_label=label, layout=True)

        def done(outcome: Outcome[list[str]]) -> None:
            try:
                notes = outcome.get()
            except InputError as exc:
                warn(self.window, "The redline was not written", exc.line())
                return
            self.say(
                f"Exported the changes since {label} to {out.name}."
                + (f" Note: {notes[0]}" if notes else ""),
                12000,
            )

        return self.worker.submit(job, done)
