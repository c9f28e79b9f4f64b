"""The main window: it composes the panels, the docks and the menus (from :data:`MENUS`, one table) and
hands everything else to the :class:`~socialpolicy.gui.controller.Controller` over a
:class:`~socialpolicy.app.document_session.DocumentSession`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from socialpolicy import APP_NAME, templates
from socialpolicy import settings as settings_mod
from socialpolicy.app.delegate import FromSession
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.window_fit import ASSUMED_FRAME, window_fit
from socialpolicy.checks import Report
from socialpolicy.document import Document
from socialpolicy.gui.actions import SEPARATOR, Act, ActionTable, HistoryActions, K, Menu, Slot
from socialpolicy.gui.controller import Controller
from socialpolicy.gui.dialogs.about import about
from socialpolicy.gui.panels.editor import ClauseEditor
from socialpolicy.gui.panels.findings import FindingsPanel
from socialpolicy.gui.panels.library import LibraryPanel
from socialpolicy.gui.panels.next_steps import NextStepsPanel
from socialpolicy.gui.panels.outline import Outline
from socialpolicy.gui.panels.preview import Preview
from socialpolicy.gui.panels.review import ReviewPanel
from socialpolicy.gui.panels.start_page import StartPage
from socialpolicy.gui.widgets import named
from socialpolicy.library import Catalog, builtin
from socialpolicy.model import Project

START, WORKSPACE = 0, 1
D = "document"
MENUS: tuple[Menu, ...] = (
    (
        "&File",
        (
            Act(
                "choose_new", "&New document…", (K.New,), "Choose a kind of document and answer its questions"
            ),
            Slot("new"),
            Act("show_start_page", "Start &page", (), "Choose a template or a recent document"),
            Act("open_dialog", "&Open…", (K.Open,), "Open a project, or a policy in Markdown or Word"),
            Slot("recent"),
            SEPARATOR,
            Act("save", "&Save", (K.Save,), "Save the document", D),
            Act("save_as", "Save &as…", (K.SaveAs,), "Save under a new name", D),
            Act("export", "&Export…", ("Ctrl+E",), "Word, Markdown, HTML or PDF", D),
            Act(
                "import_review",
                "Import legal &review…",
                ("Ctrl+Shift+L",),
                "Read a reviewed Word copy back: its tracked changes and comments, clause by clause",
                D,
            ),
            SEPARATOR,
            Act("open_library_editor", "Edit clause &libraries…", (), "Create or edit a team clause library"),
            SEPARATOR,
            Act("close_document", "&Close document", (K.Close,), needs=D),
            Act("close", "&Quit", (K.Quit,)),
        ),
    ),
    (
        "&Edit",
        (
            Slot("undo"),
            SEPARATOR,
            Act("move_up", "Move clause &up", ("Ctrl+Shift+Up",), needs=D),
            Act("move_down", "Move clause &down", ("Ctrl+Shift+Down",), needs=D),
            Act("toggle_current", "&Include or exclude clause", ("Ctrl+Shift+X",), needs=D),
            Act("reset_current", "&Reset clause to library text", ("Ctrl+Shift+R",), needs=D),
            Act("add_custom_current", "Add &custom clause", ("Ctrl+Shift+N",), needs=D),
            Act("remove_current", "Remove clause", needs=D),
            Act(
                "save_clause_to_library",
                "Save clause to &library…",
                (),
                "Put the selected clause, as edited, into a team clause library",
                D,
            ),
            SEPARATOR,
            Act("find_in_library", "&Find in library", (K.Find,), needs=D),
            SEPARATOR,
            Act(
                "preferences",
                "Pre&ferences…",
                (K.Preferences,),
                "Team clause libraries, autosave, your name",
                role=QAction.MenuRole.PreferencesRole,
            ),
        ),
    ),
    (
        "&View",
        (
            Slot("docks"),
            Slot("details"),
            SEPARATOR,
            Act("show_start_page", "Start &page"),
            Act("show_document", "Back to the &document", ("Ctrl+Shift+D",), needs=D),
        ),
    ),
    (
        "&Document",
        (
            Act(
                "change_answers",
                "Change &answers…",
                ("Ctrl+Shift+A",),
                "Re-open the wizard; your edits and custom clauses are kept",
                D,
            ),
            Act(
                "edit_properties",
                "Document &properties…",
                ("Ctrl+Shift+P",),
                "Title, version, status, owner, dates, approvals and defined terms",
                D,
            ),
            Act("run_checks", "&Check now", (K.Refresh,), needs=D),
            Act(
                "show_revisions",
                "&Revisions and redline…",
                (),
                "Save a revision of the document, or export what changed since one as Word tracked changes",
                D,
            ),
            Act(
                "review_library_updates",
                "Library &updates…",
                (),
                "Newer library versions of the clauses in this document",
                D,
            ),
            Act(
                "show_why",
                "&Why this clause?",
                ("Ctrl+I",),
                "The rationale and sources of the selected clause",
                D,
            ),
        ),
    ),
    (
        "&Help",
        (
            Act(
                "user_guide",
                "&User guide",
                ("F1",),
                "The guide's page about the part of the window you are in",
            ),
            Act("take_tour", "Take the &tour", (), "A short tour of the parts of the window"),
            Act("keyboard_shortcuts", "&Keyboard shortcuts", (), "Every shortcut of the app"),
            SEPARATOR,
            Act("about", "&About Social Policy Studio"),
            Act("about_qt", "About &Qt"),
        ),
    ),
)


class MainWindow(QMainWindow):
    def __init__(self, settings: settings_mod.Settings | None = None, *, load_libraries: bool = True) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.settings = settings or settings_mod.load()
        self.session = DocumentSession(Catalog([builtin()]))
        self._build_panels()
        self.controller = Controller(self, self.session, self.settings)
        self._dock_shown: dict[str, bool] = {}
        self.history_actions = HistoryActions(
            self.session.history, self.controller.undo, self.controller.redo, self
        )
        self.undo_action, self.redo_action = self.history_actions.undo, self.history_actions.redo
        self.actions_table = ActionTable(_Targets(self), MENUS, self)
        self.actions_table.build(
            self.menuBar(),
            {
                "new": self._new_menu,
                "recent": self._recent_menu,
                "undo": self._undo_menu,
                "docks": self._docks_menu,
                "details": self._details_menu,
            },
        )
        self.resize(1280, 800)
        self._restore_layout()
        self.fit_to_screen()
        self.set_details(self.settings.show_details)
        self.show_start_page()
        if load_libraries:
            self.controller.load_libraries()  # team libraries load in the background from the start
        QTimer.singleShot(0, self.controller, self.controller.first_welcome)  # once the window is laid out

    # -- building ------------------------------------------------------------------------------

    def _build_panels(self) -> None:
        self.start_page = StartPage(templates.available(), self)
        self.preview = Preview()
        self.editor = ClauseEditor()
        self.centre = centre = QSplitter(Qt.Orientation.Vertical)
        centre.setObjectName("centre-splitter")
        centre.addWidget(self.preview)
        centre.addWidget(self.editor)
        centre.setChildrenCollapsible(False)
        centre.setStretchFactor(0, 1)
        centre.setStretchFactor(1, 1)
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
        self.next_steps = NextStepsPanel()
        self.steps_dock = self._dock(
            "Next steps", "next-steps-dock", self.next_steps, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.library_dock, self.steps_dock)
        self.library_dock.raise_()
        self.review_panel = ReviewPanel()
        self.review_dock = self._dock(
            "Legal review", "review-dock", self.review_panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.tabifyDockWidget(self.findings_dock, self.review_dock)
        self.review_dock.hide()
        self.status_label = QLabel("")
        self.status_label.setObjectName("status-counts")
        self.status_label.setAccessibleName("Coverage and counts")
        self.progress = named(QProgressBar(), "Loading clause libraries")
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.status_label)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _new_menu(self, menu: QMenu) -> None:
        new_menu = menu.addMenu("&New")
        for template in templates.available():
            action = new_menu.addAction(template.title)
            action.setData(template.id)
            action.setStatusTip(template.description)
        new_menu.triggered.connect(self._new_from_menu)

    def _recent_menu(self, menu: QMenu) -> None:
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _undo_menu(self, menu: QMenu) -> None:
        menu.addActions([self.undo_action, self.redo_action])

    def _docks_menu(self, menu: QMenu) -> None:
        for dock in self.docks:
            menu.addAction(dock.toggleViewAction())
        menu.addAction(self.review_dock.toggleViewAction())

    def _details_menu(self, menu: QMenu) -> None:
        self.details_action = menu.addAction("Show technical &details")
        self.details_action.setCheckable(True)
        self.details_action.setChecked(self.settings.show_details)
        self.details_action.setStatusTip(
            "Rule and clause ids in the panels, for people who keep the clause library"
        )
        self.details_action.toggled.connect(self.set_details)

    def set_details(self, shown: bool) -> None:
        """Rule ids and clause ids shown (for library keepers) or left out (plain language)."""
        self.findings.set_details(shown)
        self.outline.details = self.editor.details = shown
        if self.settings.show_details != shown:
            self.settings.show_details = shown
            self.save_settings()
            self.controller.refresh_secondary()
        if self.details_action.isChecked() != shown:
            self.details_action.setChecked(shown)

    def fit_to_screen(self) -> None:
        """Keep the whole window, status bar included, on the screen's free area (a first start at
        1366x768, a saved size from a larger screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area, inner, outer = screen.availableGeometry(), self.geometry(), self.frameGeometry()
        frame = (
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )
        fitted = window_fit(
            (area.x(), area.y(), area.width(), area.height()),
            (inner.x(), inner.y(), inner.width(), inner.height()),
            frame if any(frame) else ASSUMED_FRAME,
            centre=not self.settings.window_geometry,
        )
        self.setGeometry(*fitted)

    def _new_from_menu(self, action: QAction) -> None:
        self.controller.new_document(str(action.data()))

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
            self.controller.open_path(str(action.data()))

    # -- what the window shows -----------------------------------------------------------------

    project = FromSession[Project | None]()
    document = FromSession[Document | None]()
    report = FromSession[Report | None]()
    path = FromSession[Path | None]()
    catalog = FromSession[Catalog]()

    @property
    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.outline_dock, self.library_dock, self.steps_dock, self.findings_dock)

    def show_start_page(self) -> None:
        self.start_page.set_recent(self.settings.recent_files)
        self.controller.offer_drafts()
        if self.stack.currentIndex() == WORKSPACE:
            self._dock_shown = {d.objectName(): not d.isHidden() for d in self.docks}
        self.stack.setCurrentIndex(START)
        for dock in (*self.docks, self.review_dock):
            dock.setVisible(False)
        self.update_title()

    def show_document(self) -> None:
        if self.session.is_open:
            self.show_workspace()

    def show_workspace(self) -> None:
        first_time = self.stack.currentIndex() != WORKSPACE and not self.settings.window_state
        self.stack.setCurrentIndex(WORKSPACE)
        for dock in self.docks:
            dock.setVisible(self._dock_shown.get(dock.objectName(), True))
        if first_time:
            self.resizeDocks([self.outline_dock, self.library_dock], [310, 330], Qt.Orientation.Horizontal)
            self.resizeDocks([self.findings_dock], [170], Qt.Orientation.Vertical)
            if not self.settings.editor_split:
                self.centre.setSizes([400, 400])  # the clause editor gets half: writing needs room
        self.controller.first_tour()

    def update_title(self) -> None:
        s = self.session
        if s.is_open:
            self.setWindowTitle(f"{s.title}[*] — {APP_NAME}")
            self.setWindowModified(s.modified)
        else:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
        if hasattr(self, "actions_table"):
            self.actions_table.update({D: s.is_open})

    def show_review_panel(self) -> None:
        self.show_workspace()
        self.review_dock.show()
        self.review_dock.raise_()

    def find_in_library(self) -> None:
        self.library_dock.show()
        self.library_dock.raise_()
        self.library.search.setFocus()
        self.library.search.selectAll()

    def about(self) -> None:
        about(self)

    def about_qt(self) -> None:
        QMessageBox.aboutQt(self)

    # -- layout, settings and closing ----------------------------------------------------------

    def _restore_layout(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode("ascii")))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode("ascii")))
        self.fit_docks()
        self._dock_shown = {d.objectName(): not d.isHidden() for d in self.docks}
        if self.settings.editor_split:
            self.centre.restoreState(QByteArray.fromBase64(self.settings.editor_split.encode("ascii")))

    def fit_docks(self, height: int | None = None) -> None:
        """On a short screen (a layout saved on a larger one), the clause library and Next steps share one
        place as tabs: stacked, their least heights and the findings' make the window taller than the screen,
        and the status bar falls off its bottom."""
        if height is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            height = screen.availableGeometry().height() if screen is not None else 0
        if 0 < height < 900 and self.steps_dock not in self.tabifiedDockWidgets(self.library_dock):
            self.tabifyDockWidget(self.library_dock, self.steps_dock)

    def save_settings(self) -> None:
        try:
            settings_mod.save(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save settings: {exc.strerror or exc}", 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.keep_wizard_draft()
        if not self.controller.confirm_discard():
            event.ignore()
            return
        if self.stack.currentIndex() == WORKSPACE:
            self.settings.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
            self.settings.editor_split = bytes(self.centre.saveState().toBase64().data()).decode("ascii")
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.save_settings()
        self.controller.autosave_timer.stop()
        if self.controller.export_dialog is not None:
            self.controller.export_dialog.wait()
        self.session.close()
        self.controller.worker.stop()
        event.accept()


class _Targets:
    """Where each menu action goes: the window's own commands, else the controller's."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getattr__(self, name: str) -> object:
        return getattr(self._window if name in WINDOW_COMMANDS else self._window.controller, name)


WINDOW_COMMANDS = {"show_start_page", "show_document", "find_in_library", "about", "about_qt", "close"}
