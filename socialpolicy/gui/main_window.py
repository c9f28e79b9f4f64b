"""The main window: composes the panels, wires their signals to core edits in one place, and
owns the undo stack, saving, autosave and recovery."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from socialpolicy import APP_NAME, edits, sandbox, templates, workspace
from socialpolicy import checks as checks_mod
from socialpolicy import settings as settings_mod
from socialpolicy.assembly import assemble
from socialpolicy.checks import Finding, Report
from socialpolicy.checks.report import counted
from socialpolicy.document import Document
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog, library_files
from socialpolicy.model import PROJECT_LIBRARY, Project, Template
from socialpolicy.project import PROJECT_SUFFIX, load_project, save_project
from socialpolicy.render import body_at_version

from .checking import CheckRunner
from .commands import ProjectCommand
from .dialogs import AcceptRiskDialog, ChangesDialog, about
from .editor import ClauseEditor
from .export_dialog import ExportDialog
from .findings_panel import FindingsPanel
from .library_editor import LibraryEditor, UpdatesDialog, save_clause_to_library
from .library_panel import LibraryPanel
from .outline import Outline
from .preferences import PreferencesDialog
from .preview import Preview
from .start_page import StartPage
from .wizard import PolicyWizard

OPEN_FILTER = "Policy projects (*.policy.json);;Existing policies (*.md *.docx);;All files (*)"
START, WORKSPACE = 0, 1
CHECK_DELAY_MS = 400


class MainWindow(QMainWindow):
    def __init__(self, settings: settings_mod.Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.settings = settings or settings_mod.load()
        self.library_problem = ""
        self.catalog = self._load_catalog()
        self.project: Project | None = None
        self.template: Template | None = None
        self.document: Document | None = None
        self.report: Report | None = None
        self.path: Path | None = None
        self.dirty_without_undo = False  # new, imported or recovered: unsaved though nothing was undone
        self.wizard: PolicyWizard | None = None
        self.export_dialog: ExportDialog | None = None
        self.changes_dialog: ChangesDialog | None = None
        self.preferences_dialog: PreferencesDialog | None = None
        self.library_editor: LibraryEditor | None = None
        self.last_changes: tuple[str, ...] = ()
        self.checker = CheckRunner(self)
        self.checker.finished.connect(self._show_report)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self._doc_actions: list[QAction] = []
        self._dock_shown: dict[str, bool] = {}
        self._rendered: tuple[Project, Document] | None = None  # the edit being pushed, already rendered

        self._build_panels()
        self._build_actions()
        self._wire()
        self.secondary = QTimer(self)  # outline, findings and status after the preview
        self.secondary.setSingleShot(True)
        self.secondary.setInterval(0)
        self.secondary.timeout.connect(self.refresh_secondary)
        self.check_timer = QTimer(self)  # the checker runs once typing has paused for a while
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.run_checks)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(self.settings.autosave_seconds * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.resize(1280, 800)
        self._restore_layout()
        self.show_start_page()
        if self.library_problem:
            self.statusBar().showMessage(self.library_problem)

    # ---------------------------------------------------------------- building

    def _load_catalog(self) -> Catalog:
        try:
            return Catalog.default(self.settings.library_paths)
        except InputError as exc:
            self.library_problem = f"A clause library in your settings cannot be used: {exc.line()}"
            return Catalog.default()

    def _build_panels(self) -> None:
        self.start_page = StartPage(templates.available(), self)
        self.preview = Preview()
        self.editor = ClauseEditor()
        self.centre = centre = QSplitter(Qt.Orientation.Vertical)
        centre.setObjectName("centre-splitter")
        centre.addWidget(self.preview)
        centre.addWidget(self.editor)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        start_scroll = QScrollArea()  # so the start page never sets the window's minimum width
        start_scroll.setWidgetResizable(True)
        start_scroll.setFrameShape(QFrame.Shape.NoFrame)
        start_scroll.setWidget(self.start_page)
        self.stack = QStackedWidget()
        self.stack.addWidget(start_scroll)
        self.stack.addWidget(centre)
        self.setCentralWidget(self.stack)

        self.outline = Outline()
        self.outline.setMinimumWidth(260)
        self.library = LibraryPanel()
        self.library.setMinimumWidth(300)
        self.findings = FindingsPanel()
        self.outline_dock = self._dock(
            "Outline", "outline-dock", self.outline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.library_dock = self._dock(
            "Clause library", "library-dock", self.library, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.findings_dock = self._dock(
            "Findings", "findings-dock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.status_label = QLabel("")
        self.status_label.setObjectName("status-counts")
        self.status_label.setAccessibleName("Coverage and counts")
        self.statusBar().addPermanentWidget(self.status_label)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        *,
        needs_doc: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        if needs_doc:
            self._doc_actions.append(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        k = QKeySequence.StandardKey
        file = bar.addMenu("&File")
        new_menu = file.addMenu("&New")
        for template in templates.available():
            action = new_menu.addAction(template.title)
            action.setData(template.id)
            action.setStatusTip(template.description)
        new_menu.triggered.connect(self._new_from_menu)
        self._action(
            file, "Start &page", self.show_start_page, k.New, "Choose a template or a recent document"
        )
        self._action(
            file, "&Open…", self.open_dialog, k.Open, "Open a project, or a policy in Markdown or Word"
        )
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file.addSeparator()
        self.save_action = self._action(file, "&Save", self.save, k.Save, "Save the document", needs_doc=True)
        self._action(file, "Save &as…", self.save_as, k.SaveAs, "Save under a new name", needs_doc=True)
        self._action(file, "&Export…", self.export, "Ctrl+E", "Word, Markdown, HTML or PDF", needs_doc=True)
        file.addSeparator()
        self._action(
            file,
            "Edit clause &libraries…",
            self.open_library_editor,
            tip="Create or edit a team clause library",
        )
        file.addSeparator()
        self._action(file, "&Close document", self.close_document, k.Close, needs_doc=True)
        self._action(file, "&Quit", self.close, k.Quit)

        edit = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence(k.Undo))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence(k.Redo), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit.addSeparator()
        self._action(edit, "Move clause &up", self.move_up, "Ctrl+Shift+Up", needs_doc=True)
        self._action(edit, "Move clause &down", self.move_down, "Ctrl+Shift+Down", needs_doc=True)
        self._action(edit, "&Include or exclude clause", self.toggle_current, "Ctrl+Shift+X", needs_doc=True)
        self._action(
            edit, "&Reset clause to library text", self.reset_current, "Ctrl+Shift+R", needs_doc=True
        )
        self._action(edit, "Add &custom clause", self.add_custom_current, "Ctrl+Shift+N", needs_doc=True)
        self._action(edit, "Remove clause", self.remove_current, needs_doc=True)
        self._action(
            edit,
            "Save clause to &library…",
            self.save_clause_to_library,
            needs_doc=True,
            tip="Put the selected clause, as edited, into a team clause library",
        )
        edit.addSeparator()
        self._action(edit, "&Find in library", self.find_in_library, k.Find, needs_doc=True)
        edit.addSeparator()
        prefs = self._action(
            edit,
            "Pre&ferences…",
            self.preferences,
            k.Preferences,
            "Team clause libraries, autosave, your name",
        )
        prefs.setMenuRole(QAction.MenuRole.PreferencesRole)

        view = bar.addMenu("&View")
        for dock in (self.outline_dock, self.library_dock, self.findings_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        self._action(view, "Start &page", self.show_start_page)
        self._action(view, "Back to the &document", self.show_document, "Ctrl+Shift+D", needs_doc=True)

        document = bar.addMenu("&Document")
        self._action(
            document,
            "Change &answers…",
            self.change_answers,
            "Ctrl+Shift+A",
            "Re-open the wizard; your edits and custom clauses are kept",
            needs_doc=True,
        )
        self._action(document, "&Check now", self.run_checks, k.Refresh, needs_doc=True)
        self._action(
            document,
            "Library &updates…",
            self.review_library_updates,
            needs_doc=True,
            tip="Newer library versions of the clauses in this document",
        )
        self._action(
            document,
            "&Why this clause?",
            self.show_why,
            "Ctrl+I",
            "The rationale and sources of the selected clause",
            needs_doc=True,
        )

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Social Policy Studio", self.about)
        self._action(help_menu, "About &Qt", self._about_qt)

    def _wire(self) -> None:
        s = self.start_page
        s.newRequested.connect(self.new_document)
        s.openRequested.connect(self.open_dialog)
        s.recentRequested.connect(self.open_path)
        o = self.outline
        o.clauseSelected.connect(self.select_clause)
        o.sectionSelected.connect(self._section_selected)
        o.includeToggled.connect(self.set_included)
        o.moveRequested.connect(self.move_clause)
        o.switchRequested.connect(self.switch_alternative)
        o.resetRequested.connect(self.reset_clause)
        o.removeRequested.connect(self.remove_clause)
        o.whyRequested.connect(self._why_for)
        o.addCustomRequested.connect(self.add_custom_clause)
        self.editor.textEdited.connect(self.commit_text)
        self.editor.resetRequested.connect(self.reset_clause)
        self.preview.clauseClicked.connect(self._clicked_in_preview)
        self.library.insertRequested.connect(self.insert_library_clause)
        self.findings.clauseRequested.connect(self.select_clause)
        self.findings.fixRequested.connect(self.apply_fix)
        self.findings.acceptRequested.connect(self.accept_risk)
        self.findings.withdrawRequested.connect(self.withdraw_risk)

    # ---------------------------------------------------------------- pages and title

    @property
    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.outline_dock, self.library_dock, self.findings_dock)

    def show_start_page(self) -> None:
        self.start_page.set_recent(self.settings.recent_files)
        if self.stack.currentIndex() == WORKSPACE:
            self._dock_shown = {d.objectName(): not d.isHidden() for d in self.docks}
        self.stack.setCurrentIndex(START)
        for dock in self.docks:
            dock.setVisible(False)
        self._update_title()

    def show_document(self) -> None:
        if self.project is not None:
            self._show_workspace()

    def _show_workspace(self) -> None:
        first_time = self.stack.currentIndex() != WORKSPACE and not self.settings.window_state
        self.stack.setCurrentIndex(WORKSPACE)
        for dock in self.docks:
            dock.setVisible(self._dock_shown.get(dock.objectName(), True))
        if first_time:
            self.resizeDocks([self.outline_dock, self.library_dock], [310, 330], Qt.Orientation.Horizontal)
            self.resizeDocks([self.findings_dock], [170], Qt.Orientation.Vertical)
            self.centre.setSizes([520, 300])

    @property
    def modified(self) -> bool:
        return self.project is not None and (self.dirty_without_undo or not self.undo_stack.isClean())

    def _update_title(self, *_: object) -> None:
        if self.project is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
        else:
            title = (
                self.document.title
                if self.document
                else self.project.metadata.get("title", "Untitled policy")
            )
            self.setWindowTitle(f"{title}[*] — {APP_NAME}")
            self.setWindowModified(self.modified)
        for action in self._doc_actions:
            action.setEnabled(self.project is not None)

    # ---------------------------------------------------------------- new, open, close

    def _new_from_menu(self, action: QAction) -> None:
        self.new_document(str(action.data()))

    def new_document(self, template_id: str) -> PolicyWizard | None:
        """Start the wizard for a new document (non-blocking; ``self.wizard`` is the dialog)."""
        if not self.confirm_discard():
            return None
        template = templates.get(template_id)
        return self._open_wizard(template, None, changing=False)

    def change_answers(self) -> PolicyWizard | None:
        if self.project is None or self.template is None:
            self.statusBar().showMessage(
                "This document was imported: it has no wizard answers to change.", 6000
            )
            return None
        self.editor.flush()
        return self._open_wizard(self.template, dict(self.project.answers), changing=True)

    def _open_wizard(
        self, template: Template, initial: dict[str, Any] | None, *, changing: bool
    ) -> PolicyWizard:
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = PolicyWizard(template, initial, self, changing=changing)
        self.wizard.accepted.connect(
            self._wizard_finished_changing if changing else self._wizard_finished_new
        )
        self.wizard.open()
        return self.wizard

    def _wizard_finished_new(self) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        self.finish_new(wizard.template, wizard.answers())

    def finish_new(self, template: Template, answers: dict[str, Any]) -> bool:
        try:
            project = assemble(template, answers, self.catalog)
        except InputError as exc:
            QMessageBox.warning(self, "Cannot build the document", exc.line())
            return False
        self.set_document(project, None, dirty=True)
        self.statusBar().showMessage("Document assembled. Save it with Ctrl+S.", 8000)
        return True

    def _wizard_finished_changing(self) -> None:
        wizard = self.wizard
        if wizard is not None:
            self.reassemble(wizard.answers())

    def reassemble(self, answers: dict[str, Any]) -> tuple[str, ...]:
        """Set new answers, keep the author's work, show what changed (undoable in one step)."""
        if self.project is None or self.template is None:
            return ()
        try:
            result = edits.reassemble(self.project, answers, self.template, self.catalog)
        except InputError as exc:
            QMessageBox.warning(self, "Cannot re-assemble the document", exc.line())
            return ()
        self.push(result)
        self.last_changes = result.changes
        if self.changes_dialog is not None:
            self.changes_dialog.deleteLater()
        self.changes_dialog = ChangesDialog(result.changes, self)
        self.changes_dialog.open()
        return result.changes

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Open", start, OPEN_FILTER)
        if chosen:
            self.open_path(chosen)

    def open_path(self, path: str | Path) -> bool:
        """Open a project (or import a .md/.docx policy). A file that cannot be opened is
        reported in a dialog; the current document and the file are left as they were."""
        p = Path(path)
        if not self.confirm_discard():
            return False
        try:
            loaded = workspace.load_document(p, Catalog.default(self.settings.library_paths))
        except InputError as exc:
            self._cannot_open(exc.line())
            return False
        except OSError as exc:
            self._cannot_open(f"{p}: {exc.strerror or exc}")
            return False
        is_project = p.name.endswith(".json")
        self.catalog = loaded.catalog  # libraries as they are on disk now
        self._rendered = (loaded.project, loaded.document)  # already rendered while loading
        self.set_document(loaded.project, p if is_project else None, dirty=not is_project)
        if is_project:
            self.settings.add_recent(p)
            self._save_settings()
        else:
            self.statusBar().showMessage(f"Imported {p.name}: save it as a project to keep your work.", 8000)
        return True

    def _cannot_open(self, message: str) -> None:
        QMessageBox.warning(self, "Cannot open the file", message)

    def set_document(self, project: Project, path: Path | None, *, dirty: bool = False) -> None:
        self.undo_stack.clear()
        self.path = path
        self.dirty_without_undo = dirty
        self.template = workspace.template_for(project)
        self.project = None
        self.preview.clear_document()
        self.editor.set_block(None)
        self.apply_project(project)
        self.library.set_catalog(self.catalog, project.template_id, self._present())
        self._show_workspace()
        self.undo_stack.setClean()
        self.report = None
        self.findings.set_checking()
        self.refresh_secondary()  # starts the checker's timer: the window paints before checks begin
        self._update_title()
        first = next((r.clause for _, _, r in project.refs() if r.included), "")
        if first:
            self.outline.select_clause(first)

    def close_document(self) -> bool:
        if not self.confirm_discard():
            return False
        self._discard_document()
        self.show_start_page()
        return True

    def _discard_document(self) -> None:
        self.undo_stack.clear()
        self.project = self.document = self.report = None
        self.check_timer.stop()
        self.checker.cancel()
        self.path = None
        self.dirty_without_undo = False
        self.preview.clear_document()
        self.editor.set_block(None)
        self.outline.clear()
        self.findings.set_report(None)
        self.status_label.clear()
        settings_mod.recovery_path().unlink(missing_ok=True)
        settings_mod.recovery_info_path().unlink(missing_ok=True)

    def confirm_discard(self) -> bool:
        """Ask before dropping unsaved changes. True when it is fine to go on."""
        self.editor.flush()
        if not self.modified:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "The document has unsaved changes. Save them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ---------------------------------------------------------------- the one way state changes

    def push(self, edit: edits.Edit, merge_key: tuple[str, str] | None = None) -> bool:
        """Make ``edit`` the next undoable step. It is rendered first: an edit whose text cannot be
        rendered (say, a variable the sandbox refuses) is reported and not applied."""
        if self.project is None or edit.project == self.project:
            return False
        try:
            doc = workspace.render_project(edit.project, self.catalog, self.path or "project")
        except InputError as exc:
            message = f"Not applied: {exc.message}"
            self.editor.state_label.setText(message)
            self.statusBar().showMessage(message, 10000)
            return False
        self._rendered = (edit.project, doc)
        self.undo_stack.push(
            ProjectCommand(self.apply_project, self.project, edit.project, edit.text, merge_key)
        )
        return True

    def apply_project(self, project: Project) -> None:
        """Show ``project``: render it, update the preview now and the other panels next."""
        if self._rendered is not None and self._rendered[0] is project:
            doc = self._rendered[1]
        else:
            try:
                doc = workspace.render_project(project, self.catalog, self.path or "project")
            except InputError as exc:
                QMessageBox.warning(self, "Cannot render the document", exc.line())
                return
        self._rendered = None
        self.project = project
        self.document = doc
        self.preview.show_document(doc)
        self.secondary.start()
        self._update_title()

    def refresh_secondary(self) -> None:
        """Outline, editor, findings, library and status bar: after the preview, off the typing path."""
        self.secondary.stop()
        if self.project is None or self.document is None:
            return
        project, doc = self.project, self.document
        titles = {b.clause_id: b.title for _, b in doc.blocks()}
        alternatives = {}
        for _, _, ref in project.refs():
            if ref.clause not in titles:
                titles[ref.clause] = edits.title_of(project, ref, self.catalog)
            if ref.slot:
                alternatives[ref.clause] = edits.alternatives(
                    project, ref.clause, self.catalog, self.template
                )
        self.outline.set_project(project, doc, titles, alternatives)
        self.check_timer.start()
        self.library.set_present(self._present())
        self._show_in_editor(self.outline.current_clause())

    def _present(self) -> set[str]:
        return {r.clause for _, _, r in self.project.refs() if r.included} if self.project else set()

    @property
    def busy(self) -> bool:
        """Work still to come for the current project (panels or checker): tests wait on this."""
        return self.secondary.isActive() or self.check_timer.isActive() or self.checker.pending

    def run_checks(self) -> None:
        """Check the current Document in the background; the findings panel updates when done."""
        self.check_timer.stop()
        if self.document is not None:
            self.checker.request(self.document, self.catalog, str(self.path or ""))

    def check_now(self) -> Report | None:
        """Check the current Document on this thread (export needs the findings right away)."""
        if self.document is None:
            return None
        self.checker.cancel()
        try:
            report = checks_mod.run(self.document, catalog=self.catalog, source=str(self.path or ""))
        except Exception as exc:  # a broken rule must not take the editor down with it
            self._show_report(None, f"The checker failed: {exc}")
            return None
        self._show_report(report, "")
        return report

    def _show_report(self, report: Report | None, error: str) -> None:
        self.report = report
        self.findings.set_report(report)
        if report is None or self.document is None:
            self.status_label.setText(error)
            return
        counts = report.counts()
        total = len(report.covered) + len(report.missing)
        refs = [r for _, _, r in self.project.refs()] if self.project else []
        excluded = sum(1 for r in refs if not r.included)
        text = (
            f"Coverage {len(report.covered)}/{total} topics · "
            + " · ".join(counted(report, ("error", "warning", "info"), ("error", "warning", "note")))
            + f" · {counts['accepted']} accepted · "
            f"{len(refs) - excluded} clauses" + (f" ({excluded} excluded)" if excluded else "")
        )
        self.status_label.setText(text)
        labels = {t.id: t.label for t in self.document.coverage}
        self.status_label.setToolTip(
            "Missing topics: " + ", ".join(labels.get(t, t) for t in report.missing)
            if report.missing
            else "Every required topic is covered."
        )

    # ---------------------------------------------------------------- selection and the editor

    def select_clause(self, clause_id: str, *, scroll: bool = True) -> None:
        if self.outline.current_clause() != clause_id:
            self.outline.select_clause(clause_id, emit=False)
        self._show_in_editor(clause_id)
        if scroll:
            self.preview.scroll_to_clause(clause_id)

    def _clicked_in_preview(self, clause_id: str) -> None:
        self.select_clause(clause_id, scroll=False)  # the reader is looking at it already

    def _section_selected(self, _section_id: str) -> None:
        self.editor.flush()
        self.editor.set_block(None)

    def _show_in_editor(self, clause_id: str) -> None:
        if self.editor.clause_id and self.editor.clause_id != clause_id:
            self.editor.flush()
        if not clause_id or self.project is None or self.document is None:
            self.editor.set_block(None)
            return
        ref = edits.find_ref(self.project, clause_id)
        block = self.document.block(clause_id)
        if ref is None or block is None:
            self.editor.set_block(None)
            if ref is not None:
                self.editor.heading.setText(
                    "This clause is excluded from the document. Tick it in the outline "
                    "to include and edit it."
                )
            return
        if ref.library == PROJECT_LIBRARY:
            custom = self.project.custom(clause_id)
            title, body, lib_body = (custom.title, custom.body, None) if custom else ("", "", None)
        else:
            clause = self.catalog.get(ref.library, ref.clause)
            lib_title, lib_body = body_at_version(clause, ref.version) if clause else ("", "")
            title = ref.title if ref.title is not None else lib_title
            body = ref.body if ref.body is not None else lib_body
        self.editor.set_block(block, title, body, lib_body)

    def commit_text(self, clause_id: str, title: str, body: str) -> None:
        """The editor's text (after the typing pause) becomes an undoable edit."""
        if self.project is None or edits.find_ref(self.project, clause_id) is None:
            return
        try:
            sandbox.check_syntax(body, "clause text", "body")
            sandbox.check_syntax(title, "clause title", "title")
        except InputError as exc:
            self.editor.state_label.setText(f"Not applied yet: {exc.message}")
            return
        if not body.strip() or not title.strip():
            self.editor.state_label.setText("Not applied yet: a clause needs a title and some text.")
            return
        self.push(
            edits.edit_clause(self.project, clause_id, self.catalog, title=title, body=body),
            merge_key=("text", clause_id),
        )

    # ---------------------------------------------------------------- edits

    def _try(self, make: Callable[[Project], edits.Edit], select: str | None = None) -> bool:
        """Make an edit of the current project (after pending typing) and push it."""
        self.editor.flush()
        if self.project is None:
            return False
        try:
            edit = make(self.project)
        except (edits.EditError, InputError) as exc:
            self.statusBar().showMessage(str(exc.line() if isinstance(exc, InputError) else exc), 8000)
            return False
        if not self.push(edit):
            return False
        if select:
            self.refresh_secondary()
            self.select_clause(select)
        return True

    def set_included(self, clause_id: str, included: bool) -> bool:
        return self._try(lambda project: edits.set_included(project, clause_id, included, self.catalog))

    def move_clause(self, clause_id: str, section_id: str, index: int) -> bool:
        return self._try(
            lambda project: edits.move_clause(project, clause_id, section_id, index, self.catalog),
            select=clause_id,
        )

    def _move_by(self, delta: int) -> None:
        clause_id = self.outline.current_clause()
        if not clause_id or self.project is None:
            return
        si, ci = edits.locate(self.project, clause_id)
        target = ci + delta
        sections = self.project.sections
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
        return self._try(
            lambda project: edits.switch_alternative(
                project, clause_id, alternative, self.catalog, self.template
            ),
            select=alternative,
        )

    def reset_clause(self, clause_id: str) -> bool:
        return self._try(lambda project: edits.reset_clause(project, clause_id, self.catalog))

    def remove_clause(self, clause_id: str) -> bool:
        return self._try(lambda project: edits.remove_clause(project, clause_id, self.catalog))

    def add_custom_clause(self, section_id: str) -> bool:
        if self.project is None:
            return False
        before = {c.id for c in self.project.custom_clauses}
        ok = self._try(
            lambda project: edits.add_custom_clause(
                project, section_id, "New clause", "Write the clause here."
            )
        )
        if ok and self.project is not None:
            new = next(c.id for c in self.project.custom_clauses if c.id not in before)
            self.refresh_secondary()
            self.select_clause(new)
            self.editor.title_edit.setFocus()
            self.editor.title_edit.selectAll()
        return ok

    def insert_library_clause(self, library_id: str, clause_id: str) -> bool:
        clause = self.catalog.get(library_id, clause_id)
        if clause is None:
            return False
        after = self.outline.current_clause() or None
        return self._try(
            lambda project: edits.insert_clause(
                project, clause, template=self.template, after=after, catalog=self.catalog
            ),
            select=clause_id,
        )

    def apply_fix(self, finding: Finding) -> bool:
        if finding.fix is None:
            return False
        fix = finding.fix
        target = str(fix.args.get("clause") or "") if fix.kind in ("insert-clause",) else None
        return self._try(
            lambda project: edits.apply_fix(project, fix.kind, dict(fix.args), self.catalog, self.template),
            select=target or None,
        )

    def accept_risk(self, finding: Finding) -> bool:
        author = self.settings.author_name or _user_name()
        by, reason, ok = AcceptRiskDialog.get_reason(self, finding, author)
        if not ok:
            return False
        self.settings.author_name = by
        return self._try(
            lambda project: edits.accept_risk(
                project, finding.rule, reason, by, clause=finding.clause, excerpt=finding.excerpt
            )
        )

    def withdraw_risk(self, finding: Finding) -> bool:
        risk = finding.accepted
        if risk is None:
            return False
        return self._try(lambda project: edits.withdraw_risk(project, risk.rule, risk.clause, risk.excerpt))

    def toggle_current(self) -> None:
        cid = self.outline.current_clause()
        ref = edits.find_ref(self.project, cid) if cid and self.project else None
        if ref is not None:
            self.set_included(cid, not ref.included)

    def reset_current(self) -> None:
        if self.outline.current_clause():
            self.reset_clause(self.outline.current_clause())

    def remove_current(self) -> None:
        if self.outline.current_clause():
            self.remove_clause(self.outline.current_clause())

    def add_custom_current(self) -> None:
        section = self.outline.current_section() or (self.project.sections[-1].id if self.project else "")
        if section:
            self.add_custom_clause(section)

    def find_in_library(self) -> None:
        self.library_dock.show()
        self.library_dock.raise_()
        self.library.search.setFocus()
        self.library.search.selectAll()

    def show_why(self) -> None:
        self.editor.show_why()

    def _why_for(self, clause_id: str) -> None:
        self.select_clause(clause_id)
        self.editor.show_why()

    # ---------------------------------------------------------------- saving

    def save(self) -> bool:
        if self.project is None:
            return False
        if self.path is None or not self.path.name.endswith(PROJECT_SUFFIX):
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        if self.project is None:
            return False
        suggestion = (
            str(self.path)
            if self.path
            else _slug(self.document.title if self.document else "policy") + PROJECT_SUFFIX
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save as", suggestion, "Policy projects (*.policy.json)"
        )
        if not chosen:
            return False
        if not chosen.endswith(PROJECT_SUFFIX):
            chosen = chosen.removesuffix(".json") + PROJECT_SUFFIX
        return self.save_to(Path(chosen))

    def save_to(self, path: str | Path) -> bool:
        """Save atomically (the previous file is kept as .bak)."""
        self.editor.flush()
        if self.project is None:
            return False
        p = Path(path)
        try:
            save_project(p, self.project)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save", f"{p}: {exc.strerror or exc}")
            return False
        self.path = p
        self.dirty_without_undo = False
        self.undo_stack.setClean()
        settings_mod.recovery_path().unlink(missing_ok=True)
        settings_mod.recovery_info_path().unlink(missing_ok=True)
        self.settings.add_recent(p)
        self._save_settings()
        self._update_title()
        self.statusBar().showMessage(f"Saved {p.name}", 5000)
        return True

    def autosave(self) -> bool:
        """Write the unsaved document to the recovery file (not to the user's file)."""
        self.editor.flush()
        if self.project is None or not self.modified:
            return False
        try:
            save_project(settings_mod.recovery_path(), self.project, backup=False)
            info = {
                "path": str(self.path) if self.path else None,
                "saved": dt.datetime.now().isoformat(timespec="seconds"),
            }
            settings_mod.recovery_info_path().write_text(json.dumps(info), encoding="utf-8")
        except OSError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc.strerror or exc}", 8000)
            return False
        return True

    def check_recovery(self) -> bool:
        """After a crash the recovery file is still there: offer to restore it."""
        recovery = settings_mod.recovery_path()
        if not recovery.is_file():
            return False
        info: dict[str, Any] = {}
        try:
            info = json.loads(settings_mod.recovery_info_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        original = info.get("path") if isinstance(info, dict) else None
        when = info.get("saved", "an earlier session") if isinstance(info, dict) else "an earlier session"
        answer = QMessageBox.question(
            self,
            "Recover unsaved work?",
            f"Social Policy Studio did not close normally. Unsaved work from {when}"
            + (f" on {Path(original).name}" if original else "")
            + " was kept. Recover it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            recovery.unlink(missing_ok=True)
            settings_mod.recovery_info_path().unlink(missing_ok=True)
            return False
        try:
            project = load_project(recovery)
        except InputError as exc:
            QMessageBox.warning(self, "Cannot recover", exc.line())
            return False
        self.set_document(project, Path(original) if original else None, dirty=True)
        self.statusBar().showMessage("Recovered unsaved work. Save it to keep it.", 10000)
        return True

    # ---------------------------------------------------------------- export and help

    def export(self) -> ExportDialog | None:
        if self.document is None:
            return None
        self.editor.flush()
        if self.report is None or self.checker.pending:
            self.check_now()
        base = (
            self.path.with_name(self.path.name.removesuffix(PROJECT_SUFFIX))
            if self.path
            else Path.home() / _slug(self.document.title)
        )
        if self.export_dialog is not None:
            self.export_dialog.wait()
            self.export_dialog.deleteLater()
        self.export_dialog = ExportDialog(
            self.document, self.report.findings if self.report else [], base.with_suffix(".docx"), self
        )
        self.export_dialog.open()
        return self.export_dialog

    def preferences(self) -> PreferencesDialog:
        """Open the preferences (non-blocking); OK applies them and reloads the libraries."""
        if self.preferences_dialog is not None:
            self.preferences_dialog.deleteLater()
        self.preferences_dialog = PreferencesDialog(self.settings, self)
        self.preferences_dialog.accepted.connect(self._preferences_accepted)
        self.preferences_dialog.open()
        return self.preferences_dialog

    def _preferences_accepted(self) -> None:
        dialog = self.preferences_dialog
        if dialog is None or dialog.catalog is None:
            return
        dialog.apply_to(self.settings)
        self._save_settings()
        self.autosave_timer.setInterval(self.settings.autosave_seconds * 1000)
        self.catalog = dialog.catalog
        self.library_problem = ""
        if self.project is not None:
            self.library.set_catalog(self.catalog, self.project.template_id, self._present())
            self.apply_project(self.project)
        self.statusBar().showMessage(
            f"Preferences saved: {len(self.catalog)} clauses in the libraries.", 6000
        )

    # ---------------------------------------------------------------- team libraries (issue 8 widgets)

    def reload_libraries(self) -> bool:
        """Load the libraries again (after one was written) and re-render with them."""
        try:
            catalog = Catalog.default(self.settings.library_paths)
        except InputError as exc:
            self.statusBar().showMessage(f"A clause library cannot be used: {exc.line()}", 10000)
            return False
        self.catalog = catalog
        if self.project is not None:
            self.library.set_catalog(self.catalog, self.project.template_id, self._present())
            self.apply_project(self.project)
        return True

    def _library_files(self) -> list[Path]:
        files: list[Path] = []
        for location in self.settings.library_paths:
            try:
                files += library_files(location)
            except InputError:
                continue
        return files

    def _remember_library(self, path: Path) -> None:
        covered = {f.resolve() for f in self._library_files()}
        if path.resolve() not in covered:
            self.settings.library_paths.append(str(path))
            self._save_settings()

    def open_library_editor(self) -> LibraryEditor:
        if self.library_editor is None:
            self.library_editor = LibraryEditor(self)
            self.library_editor.librarySaved.connect(self._library_saved)
        self.library_editor.show()
        self.library_editor.raise_()
        return self.library_editor

    def _library_saved(self, path: Path) -> None:
        self._remember_library(Path(path))
        self.reload_libraries()

    def save_clause_to_library(self) -> tuple[Path, str] | None:
        clause_id = self.outline.current_clause()
        if self.project is None or not clause_id:
            self.statusBar().showMessage("Select a clause to save it to a library.", 6000)
            return None
        self.editor.flush()
        ref = edits.find_ref(self.project, clause_id)
        clause = (
            self.project.custom(clause_id)
            if ref and ref.library == PROJECT_LIBRARY
            else (self.catalog.get(ref.library, ref.clause) if ref else None)
        )
        if ref is None or clause is None:
            return None
        original = edits.library_text(self.project, ref, self.catalog)
        title = ref.title if ref.title is not None else (original[0] if original else clause.title)
        body = ref.body if ref.body is not None else (original[1] if original else clause.body)
        saved = save_clause_to_library(self, clause, body, title, self._library_files())
        if saved is not None:
            self._library_saved(saved[0])
            self.statusBar().showMessage(f"Saved as {saved[1]} in {saved[0].name}", 8000)
        return saved

    def review_library_updates(self) -> bool:
        if self.project is None:
            return False
        self.editor.flush()
        project, changed = UpdatesDialog.review(self, self.project, self.catalog)
        return changed and self.push(edits.Edit(project, "Take library updates"))

    def about(self) -> None:
        about(self)

    def _about_qt(self) -> None:
        QMessageBox.aboutQt(self)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for p in self.settings.recent_files:
            action = self.recent_menu.addAction(p)
            action.setData(p)
            action.triggered.connect(self._open_recent_action)
        if not self.settings.recent_files:
            self.recent_menu.addAction("No recent documents").setEnabled(False)

    def _open_recent_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_path(str(action.data()))

    # ---------------------------------------------------------------- layout and closing

    def _restore_layout(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode("ascii")))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode("ascii")))
        self._dock_shown = {d.objectName(): not d.isHidden() for d in self.docks}

    def _save_settings(self) -> None:
        try:
            settings_mod.save(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save settings: {exc.strerror or exc}", 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        if self.stack.currentIndex() == WORKSPACE:
            self.settings.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self._save_settings()
        self.autosave_timer.stop()
        if self.export_dialog is not None:
            self.export_dialog.wait()
        self._discard_document()
        self.checker.stop()
        event.accept()


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _slug(title: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split()) or "policy"
