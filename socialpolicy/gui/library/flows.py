"""The controller's library flows: loading the team libraries in the background (at start, after a
library is saved, from Preferences), the library editor, "Save to library" and library updates.
Mixed into :class:`~socialpolicy.gui.controller.Controller`, whose state they use."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from socialpolicy import edits
from socialpolicy.app.libraries import LibraryLoad, load_catalog, locations, settings_with
from socialpolicy.errors import InputError
from socialpolicy.gui.dialogs import shown
from socialpolicy.gui.dialogs.preferences import PreferencesDialog
from socialpolicy.gui.library.editor import LibraryEditor
from socialpolicy.gui.library.save_to_library import save_clause_to_library
from socialpolicy.gui.library.updates import UpdatesDialog
from socialpolicy.gui.workers import Outcome, Progress
from socialpolicy.library import library_files
from socialpolicy.model import PROJECT_LIBRARY

if TYPE_CHECKING:
    from socialpolicy.gui.controller import Controller

log = logging.getLogger(__name__)


class LibraryFlows:
    def __init__(self: Controller) -> None:
        self.library_problem = ""
        self.loading_libraries = 0  # loads started and not finished
        self.preferences_dialog: PreferencesDialog | None = None
        self.library_editor: LibraryEditor | None = None
        self.worker.progressed.connect(self._progress)

    # -- loading -------------------------------------------------------------------------------

    def load_libraries(self: Controller) -> None:
        """Read the libraries again in the background; the document is rendered with them when they
        arrive. One file that cannot be used is named in the status bar; the others are used."""
        paths, cache = locations(self.settings.library_paths), self.cache

        def job(progress: Progress) -> LibraryLoad:
            return load_catalog(paths, progress, cache)

        self.loading_libraries += 1
        self.window.progress.show()
        self.worker.submit(job, self._libraries_loaded)

    def _progress(self: Controller, done: int, total: int, text: str) -> None:
        bar = self.window.progress
        bar.setRange(0, max(total, 1) if total else 0)
        bar.setValue(done)
        if text:
            self.window.statusBar().showMessage(f"Loading clause library {text} ({done + 1} of {total})…", 0)

    def _libraries_loaded(self: Controller, outcome: Outcome[LibraryLoad]) -> None:
        self.loading_libraries -= 1
        if not self.loading_libraries:
            self.window.progress.hide()
        load = outcome.get()
        self.window.statusBar().clearMessage()
        self.use_catalog(load)
        self.show_library_problems(load)

    def use_catalog(self: Controller, load: LibraryLoad) -> None:
        s = self.session
        s.set_catalog(load.catalog)
        if s.project is not None:
            self.window.library.set_catalog(s.catalog, s.project.template_id, s.present())

    def show_library_problems(self: Controller, load: LibraryLoad) -> None:
        self.library_problem = load.summary()
        if self.library_problem:
            self.window.statusBar().showMessage(self.library_problem)

    # -- preferences ---------------------------------------------------------------------------

    def preferences(self: Controller) -> PreferencesDialog:
        """Open the preferences (non-blocking); OK applies them with the libraries it loaded."""
        dialog = PreferencesDialog(self.settings, self.worker, self.cache, self.window)
        self.preferences_dialog = shown(dialog, self.preferences_dialog)
        dialog.accepted.connect(self._preferences_accepted)
        return dialog

    def _preferences_accepted(self: Controller) -> None:
        dialog = self.preferences_dialog
        if dialog is None or dialog.load is None:
            return
        dialog.apply_to(self.settings)
        self.window.save_settings()
        self.autosave_timer.setInterval(self.settings.autosave_seconds * 1000)
        self.use_catalog(dialog.load)
        self.show_library_problems(dialog.load)
        if not self.library_problem:
            self.say(f"Preferences saved: {len(self.session.catalog)} clauses in the libraries.", 6000)

    # -- team libraries ------------------------------------------------------------------------

    def _library_files(self: Controller) -> list[Path]:
        files: list[Path] = []
        for location in self.settings.library_paths:
            try:
                files += library_files(location)
            except InputError:  # a missing folder: nothing to offer from it
                continue
        return files

    def open_library_editor(self: Controller) -> LibraryEditor:
        if self.library_editor is None:
            self.library_editor = LibraryEditor(self.window)
            self.library_editor.librarySaved.connect(self._library_saved)
        self.library_editor.show()
        self.library_editor.raise_()
        return self.library_editor

    def _library_saved(self: Controller, path: Path) -> None:
        paths = settings_with(Path(path), self.settings.library_paths)
        if paths != self.settings.library_paths:
            self.settings.library_paths = paths
            self.window.save_settings()
        self.load_libraries()

    def save_clause_to_library(self: Controller) -> tuple[Path, str] | None:
        s = self.session
        clause_id = self.window.outline.current_clause()
        if s.project is None or not clause_id:
            self.say("Select a clause to save it to a library.", 6000)
            return None
        self.window.editor.flush()
        ref = edits.find_ref(s.project, clause_id)
        text = s.author_text(clause_id)
        if ref is None or text is None:
            return None
        clause = (
            s.project.custom(clause_id)
            if ref.library == PROJECT_LIBRARY
            else s.catalog.get(ref.library, ref.clause)
        )
        if clause is None:
            return None
        saved = save_clause_to_library(self.window, clause, text.body, text.title, self._library_files())
        if saved is not None:
            self._library_saved(saved[0])
            self.say(f"Saved as {saved[1]} in {saved[0].name}")
        return saved

    def review_library_updates(self: Controller) -> bool:
        s = self.session
        if s.project is None:
            return False
        self.window.editor.flush()
        project, changed = UpdatesDialog.review(self.window, s.project, s.catalog)
        return changed and self.push(lambda _p: edits.Edit(project, "Take library updates"))
