"""The library editor window: create or open a library file; add, edit, duplicate, retire and delete
its clauses; import from and export to other library files.

It shows a :class:`~socialpolicy.app.library_session.LibrarySession` and turns the author's clicks into
its calls; the session holds the immutable library, the undo history and the file. ``librarySaved(path)``
fires after each write, so a window using the library can reload it.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app.delegate import FromSession
from socialpolicy.app.library_session import LibrarySession, today, with_suffix
from socialpolicy.errors import InputError
from socialpolicy.gui.actions import ActionTable, HistoryActions
from socialpolicy.gui.ask import settle, warn, yes
from socialpolicy.gui.library.clause_form import ClauseForm
from socialpolicy.gui.library.details import ConflictsDialog, LibraryDetailsDialog
from socialpolicy.gui.library.menus import MENUS, TOOLBAR
from socialpolicy.gui.library.save_to_library import choose_file
from socialpolicy.gui.rich import MUTED
from socialpolicy.gui.widgets import named, push_button, wrapped_label
from socialpolicy.model import Clause

ROLE_ID = Qt.ItemDataRole.UserRole


class LibraryEditor(QMainWindow):
    librarySaved = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.session = LibrarySession()
        self.session.changed.connect(self._refresh)
        self.session.saved.connect(self.librarySaved.emit)
        self.session.history.changed.connect(self._history_changed)
        self.drafting = False  # a new clause is in the form, not in the library yet

        self.header = wrapped_label()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search clauses")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search this library")
        self.search.textChanged.connect(self._filter)
        self.list = named(QListWidget(), "Clauses in this library")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemSelectionChanged.connect(self._update_actions)
        self.list.setSpacing(2)
        self.count = QLabel()
        self.count.setStyleSheet(f"color:{MUTED}")
        self.form = ClauseForm()
        self.form.problemChanged.connect(self._update_actions)
        self.form.changed.connect(self._form_changed)
        self.save_button = push_button(
            "&Save clause", self.save_clause, "Store the clause in the library and write the file"
        )
        self.save_button.setDefault(True)
        self.revert_button = push_button("Re&vert", self.revert_form, "Discard the changes in the form")

        self.table = ActionTable(self, MENUS, self)
        self.history_actions = HistoryActions(
            self.session.history, self.session.undo, self.session.redo, self
        )
        self.act_undo, self.act_redo = self.history_actions.undo, self.history_actions.redo
        a = self.table.actions
        self.act_add, self.act_duplicate = a["new_clause"], a["duplicate_clause"]
        self.act_retire, self.act_delete = a["toggle_retired"], a["delete_clause"]
        self.act_save, self.act_import, self.act_export = (
            a["save_all"],
            a["import_dialog"],
            a["export_dialog"],
        )
        for action in (self.act_delete, self.act_duplicate):  # the keys keep their meaning while typing
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.list.addAction(action)
        self.table.build(self.menuBar(), {"undo": self._undo_slot})
        tools = self.addToolBar("Library")
        tools.setObjectName("library-toolbar")
        tools.setMovable(False)
        for name in TOOLBAR:
            if name == "-":
                tools.addSeparator()
            elif name == "undo":
                tools.addActions([self.act_undo, self.act_redo])
            else:
                tools.addAction(a[name])

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(6, 6, 6, 6)
        for widget, stretch in ((self.header, 0), (self.search, 0), (self.list, 1), (self.count, 0)):
            left_lay.addWidget(widget, stretch)
        grid = QGridLayout()
        for i, action in enumerate((self.act_add, self.act_duplicate, self.act_retire, self.act_delete)):
            button = QPushButton(action.text().replace("…", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setEnabled(action.isEnabled())
            action.changed.connect(lambda b=button, a=action: b.setText(a.text().replace("…", "")))
            grid.addWidget(button, i // 2, i % 2)
        left_lay.addLayout(grid)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(6, 6, 6, 6)
        right_lay.addWidget(self.form, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right_lay.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 770])
        self.setCentralWidget(splitter)
        self.statusBar()
        self.resize(1100, 700)
        self._refresh()

    def _undo_slot(self, menu: object) -> None:
        menu.addActions([self.act_undo, self.act_redo])  # type: ignore[attr-defined]

    # -- showing the session -------------------------------------------------------------------

    path = FromSession[Path | None]()
    current_id = FromSession[str | None]("selected")
    has_library = FromSession[bool]("is_open")

    def _history_changed(self) -> None:
        self.setWindowModified(self.session.modified)

    def _refresh(self) -> None:
        self.drafting = False
        self._show_header()
        lib = self.session.library
        self.list.blockSignals(True)
        self.list.clear()
        for clause in sorted(lib or (), key=lambda c: c.id):
            label = f"{clause.title}\n{clause.id} · v{clause.version}" + (
                " · retired" if clause.retired else ""
            )
            item = QListWidgetItem(label)
            item.setData(ROLE_ID, clause.id)
            item.setToolTip(clause.body[:400])
            if clause.retired:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if clause.id == self.current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._filter()
        self._show_current()

    def _show_header(self) -> None:
        lib = self.session.library
        if lib is None:
            self.header.setText(
                f"<b>No library open</b><br><span style='color:{MUTED}'>Create a new library or open a library file.</span>"
            )
            self.setWindowTitle("Library editor")
            return
        where = html.escape(str(self.path)) if self.path else "not saved yet"
        publisher = f" · {html.escape(lib.publisher)}" if lib.publisher else ""
        self.header.setText(
            f"<b>{html.escape(lib.title)}</b><br><span style='color:{MUTED}'>{html.escape(lib.id)} · "
            f"version {html.escape(lib.version)}{publisher}<br>{where}</span>"
        )
        self.setWindowTitle(f"{lib.title}[*] — Library editor")
        self.setWindowModified(self.session.modified)

    def _taken(self) -> set[str]:
        return set(self.session.library.clauses) if self.session.library else set()

    def _show_current(self) -> None:
        if self.current_id is not None:
            self.form.set_clause(
                self.session.clause(self.current_id), taken_ids=self._taken() - {self.current_id}
            )
        elif not self.drafting:
            self.form.set_clause(None, taken_ids=self._taken())
        self.form.setEnabled(self.has_library and (self.current_id is not None or self.drafting))
        self._update_actions()

    def _update_actions(self, *_: object) -> None:
        selected = self.current_id is not None
        self.table.update(
            {
                "library": self.has_library,
                "clause": self.has_library and selected,
                "selection": bool(self.selected_ids()),
            }
        )
        if selected and self.current_id is not None:
            self.act_retire.setText(
                "Bring &back" if self.session.clause(self.current_id).retired else "&Retire"
            )
        self.save_button.setEnabled(self._can_save())
        self.revert_button.setEnabled(self.form.isEnabled() and self.form.dirty)
        count = len(self._taken())
        shown = sum(not self.list.item(i).isHidden() for i in range(self.list.count()))
        self.count.setText(
            f"{count} clause{'s' * (count != 1)}" + (f", {shown} shown" if shown != count else "")
        )

    def _filter(self) -> None:
        words = self.search.text().lower().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            c = self.session.clause(item.data(ROLE_ID))
            hay = " ".join((c.id, c.title, c.topic, c.body, " ".join(c.tags))).lower()
            item.setHidden(not all(w in hay for w in words))
        self._update_actions()

    def _can_save(self) -> bool:
        return self.form.isEnabled() and not self.form.problem and (self.form.dirty or self.drafting)

    def _form_changed(self) -> None:
        # Until the debounced check runs, the last verdict stands; saving checks again anyway.
        self.save_button.setEnabled(self._can_save())
        self.revert_button.setEnabled(True)

    def _current_changed(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        new_id = item.data(ROLE_ID) if item is not None else None
        if new_id == self.current_id and not self.drafting:
            self._update_actions()
            return
        if not self._settle_form():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self.list.row(previous) if previous is not None else -1)
            self.list.blockSignals(False)
            return
        self.session.select(new_id)
        self.drafting = False
        self._show_current()

    def select(self, clause_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ROLE_ID) == clause_id:
                self.list.setCurrentRow(i)
                return

    def selected_ids(self) -> list[str]:
        return sorted(i.data(ROLE_ID) for i in self.list.selectedItems())

    def _settle_form(self) -> bool:
        """Before the form shows something else: save, discard or keep its edits. True to go on."""
        if not self.form.dirty:
            return True
        name = self.form.id_edit.text() or "the new clause"
        return settle(
            self, "Unsaved clause", f"Save your changes to {name}?", self.save_clause, default_save=False
        )

    def _settle_library(self) -> bool:
        """Before the library is replaced or closed: save, discard or cancel. True to go on."""
        if not self._settle_form():
            return False
        if not self.session.modified:
            return True
        title = self.session.library.title if self.session.library else "this library"
        return settle(self, "Unsaved library", f"Save the changes to {title}?", self.save, default_save=False)

    def _failed(self, title: str, exc: InputError | OSError, path: Path | None = None) -> bool:
        text = exc.line() if isinstance(exc, InputError) else f"{path}: {exc.strerror or exc}"
        warn(self, title, text)
        return False

    def _say(self, text: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(text, ms)

    # -- library files -------------------------------------------------------------------------

    def new_library(self) -> bool:
        if not self._settle_library():
            return False
        meta, ok = LibraryDetailsDialog.get_details(self, {"version": "1"}, new=True)
        if ok:
            self.create_library(meta)
        return ok

    def create_library(self, meta: dict[str, str]) -> None:
        """Start a new, unsaved library with these details."""
        self.session.create(meta)
        self._say("New library: add clauses, then save it to a file.")

    def open_dialog(self) -> bool:
        if not self._settle_library():
            return False
        name = choose_file(self, "Open clause library")
        return bool(name) and self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        try:
            self.session.open(path)
        except InputError as exc:
            return self._failed("Cannot open library", exc)
        self._say(f"Opened {path}")
        return True

    def save(self) -> bool:
        if not self.has_library:
            return False
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_all(self) -> bool:
        """Save the form's clause when it has changes (which writes the file), else the library."""
        if self.form.isEnabled() and (self.form.dirty or self.drafting):
            return self.save_clause()
        return self.save()

    def save_as(self) -> bool:
        if self.session.library is None:
            return False
        suggested = self.path or Path(f"{self.session.library.id}.clauses.json")
        name = choose_file(self, "Save clause library", str(suggested), save=True)
        return bool(name) and self._write(with_suffix(name))

    def _write(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except (InputError, OSError) as exc:
            return self._failed("Cannot save library", exc, path)
        self._show_header()
        self._say(f"Saved {path}")
        return True

    def edit_details(self) -> None:
        lib = self.session.library
        if lib is not None:
            meta, ok = LibraryDetailsDialog.get_details(
                self, {k: getattr(lib, k) for k in ("id", "title", "version", "publisher")}
            )
            if ok:
                self.session.set_details(meta)

    # -- clauses -------------------------------------------------------------------------------

    def new_clause(self) -> bool:
        """Start an empty new clause in the form."""
        return self.add_clause(None)

    def add_clause(self, template: Clause | None = None) -> bool:
        """Start a new clause in the form (from ``template`` when duplicating); it joins the library when saved."""
        if not self.has_library or not self._settle_form():
            return False
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.session.select(None)
        self.drafting = True
        self.form.set_clause(template, new=True, taken_ids=self._taken())
        self.form.setEnabled(True)
        if template is not None:
            self.form.dirty = True
            self.form.validate()
        self._update_actions()
        self.form.id_edit.setFocus()
        self.form.id_edit.selectAll()
        return True

    def duplicate_clause(self) -> bool:
        return self.current_id is not None and self.add_clause(self.session.draft_copy(self.current_id))

    def toggle_retired(self) -> None:
        if self.current_id is not None and self._settle_form():
            self.session.toggle_retired(self.current_id)

    def delete_clause(self) -> None:
        ids = self.selected_ids() or ([self.current_id] if self.current_id else [])
        if not ids:
            return
        them = "them" if len(ids) > 1 else "it"
        question = (
            f"Delete {', '.join(ids)}? Documents that use {them} will no longer find {them} in this library. "
            "Retiring keeps a clause for those documents."
        )
        if yes(self, "Delete clauses", question, default_yes=False):
            self.form.dirty = False
            self.session.delete(ids)

    def revert_form(self) -> None:
        self.form.dirty = False
        self.drafting = False
        self._show_current()

    def save_clause(self) -> bool:
        """Store the form's clause in the library (the next version when its text or meaning changed,
        with a change note) and write the library file."""
        if self.form.validate():
            self._say(f"Not saved: {self.form.problem}", 8000)
            return False
        if self.session.library is None or not (self.drafting or self.current_id is not None):
            return False
        new = self.form.clause(self.session.library.id)
        note = self.form.change_note
        old = None if self.drafting else self.session.needs_note(new)
        if old is not None and not note:
            note, ok = QInputDialog.getText(
                self,
                "Change note",
                f"The text or meaning of {old.id} changed: it becomes version {old.version + 1}.\nWhat changed, and why?",
            )
            note = note.strip()
            if not ok or not note:
                self._say("Not saved: a new version needs a change note.")
                return False
        try:
            stored = self.session.put(new, note, new=self.drafting, date=today())
        except InputError as exc:
            return self._failed("Cannot save clause", exc)
        self.form.dirty = False
        if stored is None:
            self._update_actions()
            self._say("No changes to save.")
            return True
        return self.save()

    # -- import and export ---------------------------------------------------------------------

    def import_dialog(self) -> bool:
        if not self.has_library or not self._settle_form():
            return False
        name = choose_file(self, "Import clauses from a library")
        return bool(name) and self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        try:
            result = self.session.read_import(path)
        except InputError as exc:
            return self._failed("Cannot import library", exc)
        choices: dict[str, str] = {}
        if result.conflicts:
            choices, ok = ConflictsDialog.get_choices(self, list(result.conflicts), path.name)
            if not ok:
                self._say("Import cancelled: nothing changed.")
                return False
        unchanged = len(result.unchanged)
        added, taken = self.session.apply_import(result, choices, path.name)
        summary = f"Imported from {path.name}: {added} added, {taken} updated, {unchanged} already the same"
        self._say(summary + (": nothing changed." if not added and not taken else "."), 8000)
        return True

    def export_dialog(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        name = choose_file(self, f"Export {len(ids)} clause{'s' * (len(ids) != 1)}", save=True)
        return bool(name) and self.export_clauses(ids, with_suffix(name))

    def export_clauses(self, ids: list[str], path: Path) -> bool:
        try:
            self.session.export_clauses(ids, path)
        except (InputError, OSError) as exc:
            return self._failed("Cannot export", exc, path)
        self._say(f"Exported {len(ids)} clause{'s' * (len(ids) != 1)} to {path}", 8000)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settle_library():
            event.accept()
        else:
            event.ignore()
