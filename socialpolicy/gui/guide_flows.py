"""The controller's flows that guide the author: the Next steps panel (what the organisation still has to
decide, and going to the place that settles each step), the user guide (F1 opens the page of the part of
the app in focus) and the tour of the main window. Mixed into
:class:`~socialpolicy.gui.controller.Controller`, whose state they use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from socialpolicy import edits
from socialpolicy.app.next_steps import CLAUSE, INSERT, QUESTION, Link, next_steps
from socialpolicy.checks import FixKind
from socialpolicy.gui.actions import Act
from socialpolicy.gui.dialogs.guide import GuideWindow
from socialpolicy.gui.dialogs.wizard import PolicyWizard, QuestionPage
from socialpolicy.gui.tour import WELCOME, Tour

if TYPE_CHECKING:
    from socialpolicy.gui.controller import Controller

# The guide's page for a window or dialog the main window does not hold (by object or class name).
PAGE_OF_NAME = {
    "wizard": "wizard",
    "export-dialog": "export",
    "revisions-dialog": "review",
    "AcceptRiskDialog": "findings",
    "ChangesDialog": "wizard",
    "LibraryEditor": "library-editor",
    "SaveToLibraryDialog": "library-editor",
    "UpdatesDialog": "library-editor",
    "LibraryDetailsDialog": "library-editor",
    "ConflictsDialog": "library-editor",
    "PreferencesDialog": "library-editor",
    "guide-window": "index",
}


class GuideFlows:
    def __init__(self: Controller) -> None:
        self.guide: GuideWindow | None = None
        self.tour: Tour | None = None
        self.welcome: Tour | None = None
        self.window.next_steps.linkRequested.connect(self.follow_step)
        self._f1 = _HelpKey(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._f1)

    # -- next steps ----------------------------------------------------------------------------

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

    # -- the user guide ------------------------------------------------------------------------

    def user_guide(self: Controller) -> GuideWindow:
        """F1: the guide's page about the part of the app that has the focus (the contents elsewhere)."""
        return self.show_help(self.help_page_for(QApplication.focusWidget()))

    def keyboard_shortcuts(self: Controller) -> GuideWindow:
        return self.show_help("shortcuts")

    def show_help(self: Controller, page: str) -> GuideWindow:
        if self.guide is None:
            self.guide = GuideWindow(shortcut_rows(self.window), self.window)
        self.guide.show_page(page)
        return self.guide

    def help_page_for(self: Controller, widget: QWidget | None) -> str:
        """The guide's page for ``widget``: the page of the first panel, dock or dialog that holds it."""
        w = self.window
        panels: dict[int, str] = {
            id(w.start_page): "start",
            id(w.outline_dock): "outline",
            id(w.preview): "preview",
            id(w.editor): "editor",
            id(w.findings_dock): "findings",
            id(w.steps_dock): "next-steps",
            id(w.library_dock): "library",
            id(w.review_dock): "review",
        }
        while widget is not None:
            page = (
                panels.get(id(widget))
                or PAGE_OF_NAME.get(widget.objectName())
                or PAGE_OF_NAME.get(type(widget).__name__)
            )
            if page:
                return page
            widget = widget.parentWidget()
        return "index"

    # -- the tour ------------------------------------------------------------------------------

    def take_tour(self: Controller) -> Tour | None:
        """Help > Take the tour: it shows the document's window, so it needs a document open."""
        if not self.session.is_open:
            self.say("Open or build a document first: the tour shows the parts of its window.", 8000)
            return None
        self.window.show_workspace()
        if self.tour is None:
            self.tour = Tour(self.window)
        self.tour.start()
        return self.tour

    def first_welcome(self: Controller) -> None:
        """The first time the app starts, a note on the start page says what it does and that it is not
        legal advice (once: the settings remember it)."""
        if self.settings.welcome_shown or self.session.is_open:
            return
        self.settings.welcome_shown = True
        self.window.save_settings()
        self.welcome = Tour(self.window, WELCOME)
        self.welcome.start()

    def first_tour(self: Controller) -> None:
        """The first time a document is shown, the tour runs once; the settings remember it was shown."""
        if self.welcome is not None:
            self.welcome.stop()
        if self.settings.tour_shown or (self.tour is not None and self.tour.running):
            return
        self.settings.tour_shown = True
        self.window.save_settings()
        self.take_tour()


class _HelpKey(QObject):
    """F1 in a dialog or a window of its own (the wizard, the export dialog, the library editor), where the
    main window's F1 does not reach; in the main window its Help > User guide action answers F1."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_F1 or not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        first = watched is focus or (focus is None and watched.isWindow())  # not again as it goes to parents
        if not first or watched.window() is self.controller.window:
            return False
        self.controller.user_guide()
        return True


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command with a shortcut, in menu order."""
    from socialpolicy.gui.main_window import MENUS, MainWindow

    assert isinstance(window, MainWindow)
    rows = []
    for title, items in MENUS:
        menu = title.replace("&", "")
        for row in items:
            if isinstance(row, Act):
                action = window.actions_table.actions[row.name]
                keys = ", ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                )
                if keys:
                    rows.append((menu, action.text().replace("&", "").rstrip("…"), keys))
        if menu == "Edit":
            for action in (window.undo_action, window.redo_action):
                keys = ", ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                )
                rows.append((menu, action.iconText(), keys))
    return rows
