"""Team clause libraries in the app: the library editor, "Save to library" from a document, and the
review of library updates for a project.

Everything that changes a library or a project is a core call (``library_tools.revise``,
``save_library``, ``import_into``/``resolve``, ``take_update``/``pin``); these widgets only collect
the author's choices and show the results. The editor's undo stack holds copies of the library's
clause dicts before and after each change.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from socialpolicy import formats
from socialpolicy.edits import reset_clause
from socialpolicy.errors import InputError
from socialpolicy.gui.clause_form import ClauseForm, diff_html
from socialpolicy.library import LIBRARY_SUFFIX, Catalog, Library, check_clause_syntax, load_library_file
from socialpolicy.library_tools import (
    MEANING_FIELDS,
    Conflict,
    DiffPart,
    Update,
    import_into,
    meaning_changed,
    pin,
    resolve,
    revise,
    save_library,
    take_update,
    three_way,
    updates,
)
from socialpolicy.model import Clause, Project

ROLE_ID = Qt.ItemDataRole.UserRole
FILE_FILTER = f"Clause libraries (*{LIBRARY_SUFFIX});;JSON files (*.json)"
State = dict[str, Any]  # {"meta": {...library fields...}, "clauses": {id: clause dict}}


# -- pure helpers -----------------------------------------------------------------------------------


def today() -> str:
    return dt.date.today().isoformat()


def library_state(lib: Library) -> State:
    meta = {
        "id": lib.id,
        "title": lib.title,
        "version": lib.version,
        "publisher": lib.publisher,
        "description": lib.description,
        "overrides": dict(lib.overrides),
    }
    return {"meta": meta, "clauses": {c.id: c.to_dict() for c in lib}}


def state_library(state: State, path: Path | None = None) -> Library:
    meta = state["meta"]
    clauses = {cid: Clause.from_dict(copy.deepcopy(d), meta["id"]) for cid, d in state["clauses"].items()}
    return Library(
        meta["id"],
        meta["title"],
        meta["version"],
        meta.get("publisher", ""),
        meta.get("description", ""),
        dict(meta.get("overrides", {})),
        clauses,
        [path] if path else [],
    )


def meta_problem(meta: dict[str, str]) -> str:
    """The first problem with library details (id, title, version, publisher), or ``""``."""
    data = {
        "format": formats.CLAUSES.name,
        "format_version": formats.CLAUSES.current,
        "library": {k: v for k, v in meta.items() if v or k in ("id", "title", "version")},
        "clauses": [],
    }
    try:
        formats.validate(data, "clauses", "library")
    except InputError as exc:
        name = (exc.where or "").rsplit("/", 1)[-1].capitalize() or "Library"
        if "pattern" in exc.message:
            return f"{name}: use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
        if "shorter than 1" in exc.message:
            return f"{name}: must not be empty"
        return f"{name}: {exc.message}"
    return ""


def unique_id(base: str, taken: set[str] | dict[str, Any]) -> str:
    candidate, n = f"{base}-copy", 2
    while candidate in taken:
        candidate, n = f"{base}-copy-{n}", n + 1
    return candidate


def with_suffix(path: str) -> Path:
    p = Path(path)
    return p if p.name.endswith(".json") else p.with_name(p.name + LIBRARY_SUFFIX)


def put_clause(lib: Library, clause: Clause, change_note: str, date: str = "") -> Clause:
    """Store ``clause`` in ``lib`` under its id: a new clause at version 1, or the next version of
    the clause already there (through :func:`revise`). Returns what was stored."""
    clause = replace(clause, library=lib.id, retired=False)
    old = lib.clauses.get(clause.id)
    if old is None:
        stored = replace(clause, version=1, history=(), change_note="")
    else:
        stored = revise(old, clause, change_note, date)
    check_clause_syntax(stored, str(lib.files[0]) if lib.files else "library", f"/clauses/{stored.id}")
    lib.clauses[stored.id] = stored
    return stored


# -- undo -------------------------------------------------------------------------------------------


class LibraryCommand(QUndoCommand):
    """Sets the editor's library to copies of ``after`` (redo) or ``before`` (undo)."""

    def __init__(
        self, editor: LibraryEditor, before: State, after: State, text: str, select: str | None
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)
        self._select_before = editor.current_id
        self._select_after = select

    def redo(self) -> None:
        self._editor.apply_state(copy.deepcopy(self.after), self._select_after)

    def undo(self) -> None:
        self._editor.apply_state(copy.deepcopy(self.before), self._select_before)


# -- small dialogs ----------------------------------------------------------------------------------


class LibraryDetailsDialog(QDialog):
    """Id, title, version and publisher of a library."""

    def __init__(self, meta: dict[str, str], parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("New clause library" if new else "Library details")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, hint in (
            ("id", "&Id", "e.g. acme-legal (documents refer to clauses as id:clause)"),
            ("title", "&Title", "e.g. Acme Legal approved clauses"),
            ("version", "&Version", "e.g. 2026.1"),
            ("publisher", "&Publisher", "Team or person who maintains it"),
        ):
            edit = QLineEdit(str(meta.get(key, "")))
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(f"Library {key}")
            edit.textChanged.connect(self._update)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.fields["id"].setReadOnly(not new)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.resize(520, 200)
        self._update()

    def values(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.fields.items()}

    def _update(self) -> None:
        problem = meta_problem(self.values())
        self.message.setText(f"<span style='color:#b71c1c'>{html.escape(problem)}</span>")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    @classmethod
    def get_details(
        cls, parent: QWidget, meta: dict[str, str], new: bool = False
    ) -> tuple[dict[str, str], bool]:
        dialog = cls(meta, parent, new=new)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.values(), ok
        finally:
            dialog.deleteLater()


class ConflictsDialog(QDialog):
    """Import conflicts (same id, different text): a word diff each, and ours or theirs."""

    def __init__(self, conflicts: list[Conflict], source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resolve import conflicts")
        many = len(conflicts) != 1
        intro = QLabel(
            f"{len(conflicts)} clause{'s' * many} in {html.escape(source)} "
            f"{'use' if many else 'uses'} an id this library already has, with different text. For each, keep ours or take "
            "theirs (taking theirs makes it the next version, with the old text kept in the history)."
        )
        intro.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        holder = QWidget()
        boxes = QVBoxLayout(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        lay.addWidget(scroll, 1)
        self.groups: dict[str, QButtonGroup] = {}
        for conflict in conflicts:
            box = QGroupBox(f"{conflict.clause_id}: {conflict.ours.title}")
            inner = QVBoxLayout(box)
            view = QTextBrowser()
            view.setAccessibleName(f"Differences in {conflict.clause_id}")
            others = [
                f
                for f in (*MEANING_FIELDS, "rationale", "sources")
                if f != "body" and getattr(conflict.ours, f) != getattr(conflict.theirs, f)
            ]
            note = (
                f"<p style='color:#5a6b7d'>Also different: {html.escape(', '.join(others))}</p>"
                if others
                else ""
            )
            view.setHtml(f"<p>{diff_html(conflict.diff)}</p>{note}")
            view.setMaximumHeight(140)
            inner.addWidget(view)
            row = QHBoxLayout()
            ours = QRadioButton(f"Keep ours (v{conflict.ours.version})")
            theirs = QRadioButton("Take theirs")
            ours.setChecked(True)
            group = QButtonGroup(box)
            group.addButton(ours, 0)
            group.addButton(theirs, 1)
            row.addWidget(ours)
            row.addWidget(theirs)
            row.addStretch(1)
            inner.addLayout(row)
            self.groups[conflict.clause_id] = group
            boxes.addWidget(box)
        boxes.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(720, min(700, 180 + 240 * len(conflicts)))

    def choices(self) -> dict[str, str]:
        return {cid: "theirs" if g.checkedId() == 1 else "ours" for cid, g in self.groups.items()}

    @classmethod
    def get_choices(
        cls, parent: QWidget, conflicts: list[Conflict], source: str
    ) -> tuple[dict[str, str], bool]:
        dialog = cls(conflicts, source, parent)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.choices(), ok
        finally:
            dialog.deleteLater()


# -- the editor -------------------------------------------------------------------------------------


class LibraryEditor(QMainWindow):
    """Create or open a library file; add, edit, duplicate, retire and delete its clauses.

    ``librarySaved(path)`` fires after each write, so a window using the library can reload it.
    """

    librarySaved = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.path: Path | None = None
        self.state: State = {"meta": {"id": "", "title": "", "version": ""}, "clauses": {}}
        self.current_id: str | None = None
        self.drafting = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search clauses")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search this library")
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Clauses in this library")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemSelectionChanged.connect(self._update_actions)
        self.list.setSpacing(2)
        self.count = QLabel()
        self.count.setStyleSheet("color:#5a6b7d")

        self.form = ClauseForm()
        self.form.problemChanged.connect(self._problem_changed)
        self.form.changed.connect(self._form_changed)
        self.save_button = QPushButton("&Save clause")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Store the clause in the library and write the file")
        self.save_button.clicked.connect(self.save_clause)
        self.revert_button = QPushButton("Re&vert")
        self.revert_button.setToolTip("Discard the changes in the form")
        self.revert_button.clicked.connect(self.revert_form)

        self._make_actions()
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(6, 6, 6, 6)
        left_lay.addWidget(self.header)
        left_lay.addWidget(self.search)
        left_lay.addWidget(self.list, 1)
        left_lay.addWidget(self.count)
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

    # -- actions ----------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", "").replace("…", ""))
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        self.act_new = self._action("&New library…", self.new_library, QKeySequence.StandardKey.New)
        self.act_open = self._action("&Open library…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.act_save = self._action(
            "&Save library",
            self.save_all,
            QKeySequence.StandardKey.Save,
            "Save the clause being edited, if any, and the library file",
        )
        self.act_save_as = self._action("Save library &as…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.act_import = self._action(
            "&Import clauses from a library…",
            self.import_dialog,
            tip="Add the clauses of another library file to this one",
        )
        self.act_export = self._action(
            "&Export selected clauses…",
            self.export_dialog,
            tip="Write the selected clauses to a new library file",
        )
        self.act_details = self._action("Library &details…", self.edit_details)
        self.act_close = self._action("&Close", self.close, QKeySequence.StandardKey.Close)
        self.act_undo = self._action("&Undo", self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = self._action("&Redo", self.undo_stack.redo, QKeySequence.StandardKey.Redo)
        self.undo_stack.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._undo_text)
        self.undo_stack.redoTextChanged.connect(self._redo_text)
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        self.act_undo.setIconText("Undo")  # the toolbar stays short; the menu names the step
        self.act_redo.setIconText("Redo")
        self.act_add = self._action("&Add clause", self.new_clause, "Ctrl+Shift+N", "Start a new clause")
        self.act_duplicate = self._action(
            "D&uplicate", self.duplicate_clause, "Ctrl+D", "Start a new clause from a copy of this one"
        )
        self.act_retire = self._action(
            "&Retire",
            self.toggle_retired,
            tip="Keep the clause for documents that use it, but stop offering it",
        )
        self.act_delete = self._action(
            "De&lete",
            self.delete_clause,
            QKeySequence.StandardKey.Delete,
            "Remove the clause from the library",
        )
        # Delete and Duplicate act on the list only, so the keys keep their meaning while typing.
        for action in (self.act_delete, self.act_duplicate):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.list.addAction(action)
        bar = self.menuBar()
        file_menu = bar.addMenu("&Library")
        self._fill(
            file_menu,
            (
                self.act_new,
                self.act_open,
                self.act_save,
                self.act_save_as,
                None,
                self.act_import,
                self.act_export,
                None,
                self.act_details,
                None,
                self.act_close,
            ),
        )
        edit_menu = bar.addMenu("&Edit")
        self._fill(
            edit_menu,
            (
                self.act_undo,
                self.act_redo,
                None,
                self.act_add,
                self.act_duplicate,
                self.act_retire,
                self.act_delete,
            ),
        )
        tools = self.addToolBar("Library")
        tools.setObjectName("library-toolbar")
        tools.setMovable(False)
        self._fill(
            tools,
            (
                self.act_new,
                self.act_open,
                self.act_save,
                None,
                self.act_undo,
                self.act_redo,
                None,
                self.act_import,
                self.act_export,
            ),
        )

    def _undo_text(self, text: str) -> None:
        self.act_undo.setText(f"&Undo {text}".strip())
        self.act_undo.setToolTip(f"Undo {text}".strip())

    def _redo_text(self, text: str) -> None:
        self.act_redo.setText(f"&Redo {text}".strip())
        self.act_redo.setToolTip(f"Redo {text}".strip())

    @staticmethod
    def _fill(target: QMenu | QToolBar, actions: tuple[QAction | None, ...]) -> None:
        for action in actions:
            if action is None:
                target.addSeparator()
            else:
                target.addAction(action)

    # -- state ------------------------------------------------------------------------------------

    @property
    def has_library(self) -> bool:
        return bool(self.state["meta"].get("id"))

    def library(self) -> Library:
        return state_library(self.state, self.path)

    def clause(self, clause_id: str) -> Clause:
        return Clause.from_dict(copy.deepcopy(self.state["clauses"][clause_id]), self.state["meta"]["id"])

    def push(self, after: State, text: str, select: str | None) -> None:
        self.undo_stack.push(LibraryCommand(self, self.state, after, text, select))

    def apply_state(self, state: State, select: str | None) -> None:
        """Show ``state`` (called by undo commands); select ``select`` when it is there."""
        self.state = state
        self.drafting = False
        self.current_id = select if select in state["clauses"] else None
        self._refresh()

    def _refresh(self) -> None:
        self._show_header()
        self.list.blockSignals(True)
        self.list.clear()
        current_item = None
        for cid in sorted(self.state["clauses"]):
            d = self.state["clauses"][cid]
            label = f"{d['title']}\n{cid} · v{d['version']}" + (" · retired" if d.get("retired") else "")
            item = QListWidgetItem(label)
            item.setData(ROLE_ID, cid)
            item.setToolTip(d["body"][:400])
            if d.get("retired"):
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if cid == self.current_id:
                current_item = item
        if current_item is not None:
            self.list.setCurrentItem(current_item)
        self.list.blockSignals(False)
        self._filter()
        self._show_current()

    def _show_header(self) -> None:
        meta = self.state["meta"]
        if self.has_library:
            where = html.escape(str(self.path)) if self.path else "not saved yet"
            self.header.setText(
                f"<b>{html.escape(meta['title'])}</b><br><span style='color:#5a6b7d'>{html.escape(meta['id'])} · "
                f"version {html.escape(meta['version'])}"
                f"{' · ' + html.escape(meta['publisher']) if meta.get('publisher') else ''}<br>{where}</span>"
            )
            self.setWindowTitle(f"{meta['title']}[*] — Library editor")
        else:
            self.header.setText(
                "<b>No library open</b><br><span style='color:#5a6b7d'>Create a new library or "
                "open a library file.</span>"
            )
            self.setWindowTitle("Library editor")

    def _show_current(self) -> None:
        taken = set(self.state["clauses"])
        if self.current_id is not None:
            self.form.set_clause(self.clause(self.current_id), taken_ids=taken - {self.current_id})
        elif not self.drafting:
            self.form.set_clause(None, taken_ids=taken)
        self.form.setEnabled(self.has_library and (self.current_id is not None or self.drafting))
        self._update_actions()

    def _update_actions(self) -> None:
        has, selected = self.has_library, self.current_id is not None
        for action in (self.act_save, self.act_save_as, self.act_import, self.act_details, self.act_add):
            action.setEnabled(has)
        for action in (self.act_duplicate, self.act_retire, self.act_delete):
            action.setEnabled(has and selected)
        self.act_export.setEnabled(has and bool(self.list.selectedItems()))
        if selected:
            retired = bool(self.state["clauses"][self.current_id].get("retired"))
            self.act_retire.setText("Bring &back" if retired else "&Retire")
        self.save_button.setEnabled(self._can_save())
        self.revert_button.setEnabled(self.form.isEnabled() and self.form.dirty)
        count = len(self.state["clauses"])
        shown = sum(not self.list.item(i).isHidden() for i in range(self.list.count()))
        self.count.setText(
            f"{count} clause{'s' * (count != 1)}" + (f", {shown} shown" if shown != count else "")
        )

    def _filter(self) -> None:
        words = self.search.text().lower().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            d = self.state["clauses"][item.data(ROLE_ID)]
            hay = " ".join((d["id"], d["title"], d["topic"], d["body"], " ".join(d.get("tags", ())))).lower()
            item.setHidden(not all(w in hay for w in words))
        self._update_actions()

    def _can_save(self) -> bool:
        return self.form.isEnabled() and not self.form.problem and (self.form.dirty or self.drafting)

    def _problem_changed(self, message: str) -> None:
        self.save_button.setEnabled(self._can_save())

    def _form_changed(self) -> None:
        # Until the debounced check runs, the last verdict stands; saving checks again anyway.
        self.save_button.setEnabled(self._can_save())
        self.revert_button.setEnabled(True)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

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
        self.current_id = new_id
        self.drafting = False
        self._show_current()

    def select(self, clause_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ROLE_ID) == clause_id:
                self.list.setCurrentRow(i)
                return

    def _settle_form(self) -> bool:
        """Before the form shows something else: save, discard or keep its edits. True to go on."""
        if not self.form.dirty:
            return True
        name = self.form.id_edit.text() or "the new clause"
        answer = QMessageBox.question(
            self,
            "Unsaved clause",
            f"Save your changes to {name}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_clause()
        return answer == QMessageBox.StandardButton.Discard

    def _settle_library(self) -> bool:
        """Before the library is replaced or closed: save, discard or cancel. True to go on."""
        if not self._settle_form():
            return False
        if self.undo_stack.isClean():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved library",
            f"Save the changes to {self.state['meta'].get('title') or 'this library'}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # -- library files ----------------------------------------------------------------------------

    def new_library(self) -> bool:
        if not self._settle_library():
            return False
        meta, ok = LibraryDetailsDialog.get_details(self, {"version": "1"}, new=True)
        if not ok:
            return False
        self.create_library(meta)
        return True

    def create_library(self, meta: dict[str, str]) -> None:
        """Start a new, unsaved library with these details."""
        self.path = None
        self.undo_stack.clear()
        self.apply_state({"meta": {**meta, "description": "", "overrides": {}}, "clauses": {}}, None)
        self.undo_stack.resetClean()
        self.setWindowModified(True)  # a new library is not on disk yet
        self.statusBar().showMessage("New library: add clauses, then save it to a file.", 5000)

    def open_dialog(self) -> bool:
        if not self._settle_library():
            return False
        name, _ = QFileDialog.getOpenFileName(self, "Open clause library", "", FILE_FILTER)
        return bool(name) and self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        try:
            lib = load_library_file(path)
        except InputError as exc:
            QMessageBox.warning(self, "Cannot open library", exc.line())
            return False
        self.path = Path(path)
        self.undo_stack.clear()
        self.apply_state(library_state(lib), None)
        self.setWindowModified(False)
        self.statusBar().showMessage(f"Opened {path}", 5000)
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
        if not self.has_library:
            return False
        suggested = self.path or Path(f"{self.state['meta']['id']}{LIBRARY_SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self, "Save clause library", str(suggested), FILE_FILTER)
        if not name:
            return False
        return self._write(with_suffix(name))

    def _write(self, path: Path) -> bool:
        try:
            save_library(path, self.library())
        except InputError as exc:
            QMessageBox.warning(self, "Cannot save library", exc.line())
            return False
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save library", f"{path}: {exc.strerror or exc}")
            return False
        self.path = path
        self.undo_stack.setClean()
        self.setWindowModified(False)
        self._show_header()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        self.librarySaved.emit(path)
        return True

    def edit_details(self) -> None:
        meta, ok = LibraryDetailsDialog.get_details(self, self.state["meta"])
        if not ok or all(meta[k] == self.state["meta"].get(k, "") for k in meta):
            return
        after = copy.deepcopy(self.state)
        after["meta"].update(meta)
        self.push(after, "Change library details", self.current_id)

    # -- clauses ----------------------------------------------------------------------------------

    def new_clause(self) -> bool:
        """Start an empty new clause in the form."""
        return self.add_clause(None)

    def add_clause(self, template: Clause | None = None) -> bool:
        """Start a new clause in the form (from ``template`` when duplicating); it joins the
        library when saved."""
        if not self.has_library or not self._settle_form():
            return False
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.current_id = None
        self.drafting = True
        self.form.set_clause(template, new=True, taken_ids=set(self.state["clauses"]))
        self.form.setEnabled(True)
        if template is not None:
            self.form.dirty = True
            self.form.validate()
        self._update_actions()
        self.form.id_edit.setFocus()
        self.form.id_edit.selectAll()
        return True

    def duplicate_clause(self) -> bool:
        if self.current_id is None:
            return False
        source = self.clause(self.current_id)
        copy_of = replace(
            source,
            id=unique_id(source.id, self.state["clauses"]),
            version=1,
            history=(),
            change_note="",
            retired=False,
        )
        return self.add_clause(copy_of)

    def toggle_retired(self) -> None:
        if self.current_id is None or not self._settle_form():
            return
        after = copy.deepcopy(self.state)
        d = after["clauses"][self.current_id]
        retire = not d.get("retired")
        if retire:
            d["retired"] = True
        else:
            d.pop("retired", None)
        self.push(after, f"{'Retire' if retire else 'Bring back'} {self.current_id}", self.current_id)

    def delete_clause(self) -> None:
        ids = [i.data(ROLE_ID) for i in self.list.selectedItems()] or (
            [self.current_id] if self.current_id else []
        )
        if not ids:
            return
        names = ", ".join(ids)
        answer = QMessageBox.question(
            self,
            "Delete clauses",
            f"Delete {names}? Documents that use {'them' if len(ids) > 1 else 'it'} will no longer find "
            f"{'them' if len(ids) > 1 else 'it'} in this library. Retiring keeps a clause for those documents.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        after = copy.deepcopy(self.state)
        for cid in ids:
            after["clauses"].pop(cid, None)
        self.form.dirty = False
        self.push(after, f"Delete {names}", None)

    def revert_form(self) -> None:
        self.form.dirty = False
        if self.drafting:
            self.drafting = False
        self._show_current()

    def save_clause(self) -> bool:
        """Store the form's clause in the library (the next version when its text or meaning
        changed, with a change note) and write the library file."""
        if self.form.validate():
            self.statusBar().showMessage(f"Not saved: {self.form.problem}", 8000)
            return False
        lib_id = self.state["meta"]["id"]
        new = self.form.clause(lib_id)
        note = self.form.change_note
        if self.drafting:
            stored = replace(new, version=1, history=(), change_note=note)
            text = f"Add {stored.id}"
        elif self.current_id is not None:
            old = self.clause(self.current_id)
            if meaning_changed(old, new) and not note:
                note, ok = QInputDialog.getText(
                    self,
                    "Change note",
                    f"The text or meaning of {old.id} changed: it becomes version "
                    f"{old.version + 1}.\nWhat changed, and why?",
                )
                note = note.strip()
                if not ok or not note:
                    self.statusBar().showMessage("Not saved: a new version needs a change note.", 5000)
                    return False
            stored = revise(old, new, note, today())
            if stored.to_dict() == old.to_dict():
                self.form.dirty = False
                self._update_actions()
                self.statusBar().showMessage("No changes to save.", 5000)
                return True
            text = f"Edit {stored.id}" + (
                f" (version {stored.version})" if stored.version != old.version else ""
            )
        else:
            return False
        after = copy.deepcopy(self.state)
        after["clauses"][stored.id] = stored.to_dict()
        self.form.dirty = False
        self.push(after, text, stored.id)
        return self.save()

    # -- import and export ------------------------------------------------------------------------

    def import_dialog(self) -> bool:
        if not self.has_library or not self._settle_form():
            return False
        name, _ = QFileDialog.getOpenFileName(self, "Import clauses from a library", "", FILE_FILTER)
        return bool(name) and self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        try:
            result = import_into(self.library(), path)
        except InputError as exc:
            QMessageBox.warning(self, "Cannot import library", exc.line())
            return False
        taken: list[str] = []
        if result.conflicts:
            choices, ok = ConflictsDialog.get_choices(self, list(result.conflicts), path.name)
            if not ok:
                self.statusBar().showMessage("Import cancelled: nothing changed.", 5000)
                return False
            for cid, take in choices.items():
                resolve(result, cid, take, f"Imported from {path.name}.")
                if take == "theirs":
                    taken.append(cid)
        summary = (
            f"Imported from {path.name}: {len(result.added)} added, {len(taken)} updated, "
            f"{len(result.unchanged)} already the same"
        )
        if not result.added and not taken:
            self.statusBar().showMessage(summary + ": nothing changed.", 8000)
            return True
        after = library_state(result.library)
        after["meta"] = copy.deepcopy(self.state["meta"])
        self.push(after, f"Import {path.name}", self.current_id)
        self.statusBar().showMessage(summary + ".", 8000)
        return True

    def selected_ids(self) -> list[str]:
        return sorted(i.data(ROLE_ID) for i in self.list.selectedItems())

    def export_dialog(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self, f"Export {len(ids)} clause{'s' * (len(ids) != 1)}", "", FILE_FILTER
        )
        return bool(name) and self.export_clauses(ids, with_suffix(name))

    def export_clauses(self, ids: list[str], path: Path) -> bool:
        if self.path is not None and path.resolve() == self.path.resolve():
            QMessageBox.warning(self, "Cannot export", f"{path}: choose a file other than the library itself")
            return False
        lib = self.library()
        try:
            save_library(path, lib, clauses=[lib.clauses[i] for i in ids])
        except InputError as exc:
            QMessageBox.warning(self, "Cannot export", exc.line())
            return False
        except OSError as exc:
            QMessageBox.warning(self, "Cannot export", f"{path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Exported {len(ids)} clause{'s' * (len(ids) != 1)} to {path}", 8000)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settle_library():
            event.accept()
        else:
            event.ignore()


# -- "Save to library" from a document --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveTarget:
    path: Path
    clause_id: str
    change_note: str = ""
    new_library: dict[str, str] | None = None  # id, title, version, publisher of a library to create


class SaveToLibraryDialog(QDialog):
    """Where a clause from a document goes: which library file and which id."""

    def __init__(
        self, clause: Clause, body: str, title: str, libraries: list[Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save clause to library")
        self._clause = replace(clause, body=body, title=title)
        self._loaded: dict[Path, Library | InputError] = {}
        self.existing = QRadioButton("An &existing library file")
        self.create_new = QRadioButton("A &new library file")
        self.files = QComboBox()
        self.files.setAccessibleName("Library file")
        for path in libraries:  # files, or folders of library files (as in settings)
            for file in (
                sorted(Path(path).glob(f"*{LIBRARY_SUFFIX}")) if Path(path).is_dir() else [Path(path)]
            ):
                self._add_file(file)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.new_path = QLineEdit()
        self.new_path.setAccessibleName("New library file")
        self.new_path.setPlaceholderText(f"folder/name{LIBRARY_SUFFIX}")
        choose = QPushButton("C&hoose…")
        choose.clicked.connect(self._choose_new)
        self.meta: dict[str, QLineEdit] = {}
        new_form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.new_path, 1)
        file_row.addWidget(choose)
        new_form.addRow("File", file_row)
        for key, hint in (
            ("id", "e.g. acme-legal"),
            ("title", "e.g. Acme approved clauses"),
            ("version", "1"),
            ("publisher", "Team that maintains it"),
        ):
            edit = QLineEdit("1" if key == "version" else "")
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(f"New library {key}")
            edit.textChanged.connect(self._update)
            self.meta[key] = edit
            new_form.addRow(key.capitalize(), edit)
        self.new_box = QWidget()
        self.new_box.setLayout(new_form)
        self.clause_id = QComboBox()
        self.clause_id.setEditable(True)
        self.clause_id.setAccessibleName("Clause id in the library")
        self.clause_id.setEditText(clause.id)
        self.change_note = QLineEdit()
        self.change_note.setAccessibleName("Change note")
        self.change_note.setPlaceholderText("What changed, and why")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        existing_row = QHBoxLayout()
        existing_row.addWidget(self.files, 1)
        existing_row.addWidget(browse)
        target = QGroupBox("Library")
        target_lay = QVBoxLayout(target)
        target_lay.addWidget(self.existing)
        target_lay.addLayout(existing_row)
        target_lay.addWidget(self.create_new)
        target_lay.addWidget(self.new_box)
        clause_form = QFormLayout()
        clause_form.addRow("Clause &id", self.clause_id)
        clause_form.addRow("Change &note", self.change_note)
        lay = QVBoxLayout(self)
        intro = QLabel(
            f"Save <b>{html.escape(title)}</b> so that other documents can re-use it. An id the library "
            "already has makes this the clause's next version."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addWidget(target)
        lay.addLayout(clause_form)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        (self.existing if self.files.count() else self.create_new).setChecked(True)
        for signal in (
            self.existing.toggled,
            self.files.currentIndexChanged,
            self.clause_id.editTextChanged,
            self.change_note.textChanged,
            self.new_path.textChanged,
        ):
            signal.connect(self._update)
        self.resize(600, 480)
        self._update()

    def _add_file(self, path: Path) -> None:
        lib = self._library(path)
        label = f"{lib.title} ({lib.id}) — {path}" if isinstance(lib, Library) else f"{path} (cannot be read)"
        self.files.addItem(label, str(path))

    def _library(self, path: Path) -> Library | InputError:
        if path not in self._loaded:
            try:
                self._loaded[path] = load_library_file(path)
            except InputError as exc:
                self._loaded[path] = exc
        return self._loaded[path]

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a clause library", "", FILE_FILTER)
        if name:
            self._add_file(Path(name))
            self.files.setCurrentIndex(self.files.count() - 1)
            self.existing.setChecked(True)

    def _choose_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New clause library", "", FILE_FILTER)
        if name:
            self.new_path.setText(str(with_suffix(name)))
            self.create_new.setChecked(True)

    def target_library(self) -> Library | InputError | None:
        if self.existing.isChecked():
            data = self.files.currentData()
            return self._library(Path(data)) if data else None
        return None

    def _update(self) -> None:
        self.files.setEnabled(self.existing.isChecked())
        self.new_box.setEnabled(self.create_new.isChecked())
        lib = self.target_library()
        ids = sorted(lib.clauses) if isinstance(lib, Library) else []
        if [self.clause_id.itemText(i) for i in range(self.clause_id.count())] != ids:
            text = self.clause_id.currentText()
            self.clause_id.blockSignals(True)
            self.clause_id.clear()
            self.clause_id.addItems(ids)
            self.clause_id.setEditText(text)
            self.clause_id.blockSignals(False)
        problem, note = self._problem(lib)
        self.change_note.setEnabled(bool(note))
        colour = "#b71c1c" if problem else "#2e7d32"
        self.status.setText(
            f"<span style='color:{colour}'>{html.escape(problem or note or 'A new clause, version 1.')}</span>"
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    def _problem(self, lib: Library | InputError | None) -> tuple[str, str]:
        """(problem that blocks saving, note about what saving will do)."""
        cid = self.clause_id.currentText().strip()
        if self.existing.isChecked():
            if lib is None:
                return "Choose a library file, or make a new one.", ""
            if isinstance(lib, InputError):
                return lib.line(), ""
        else:
            if not self.new_path.text().strip():
                return "Choose where to save the new library file.", ""
            problem = meta_problem({k: e.text().strip() for k, e in self.meta.items()})
            if problem:
                return problem, ""
        id_problem = meta_problem({"id": cid, "title": "t", "version": "1"})
        if id_problem:
            return "Clause " + id_problem[0].lower() + id_problem[1:], ""
        old = lib.clauses.get(cid) if isinstance(lib, Library) else None
        if old is None:
            return "", ""
        if not meaning_changed(old, replace(self._clause, id=cid, library=old.library)):
            return "", f"{cid} is already in this library with the same text (version {old.version})."
        note = f"{cid} is in this library: this becomes version {old.version + 1}. Say what changed."
        if not self.change_note.text().strip():
            return note, note
        return "", note

    def values(self) -> SaveTarget:
        cid = self.clause_id.currentText().strip()
        if self.existing.isChecked():
            return SaveTarget(Path(self.files.currentData()), cid, self.change_note.text().strip())
        meta = {k: e.text().strip() for k, e in self.meta.items()}
        return SaveTarget(
            with_suffix(self.new_path.text().strip()), cid, self.change_note.text().strip(), meta
        )

    @classmethod
    def get_target(
        cls, parent: QWidget | None, clause: Clause, body: str, title: str, libraries: list[Path]
    ) -> tuple[SaveTarget | None, bool]:
        dialog = cls(clause, body, title, libraries, parent)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.values() if ok else None), ok
        finally:
            dialog.deleteLater()


def write_clause(
    target: SaveTarget, clause: Clause, body: str, title: str, date: str = ""
) -> tuple[Path, Clause]:
    """Put ``clause`` with ``body`` and ``title`` into the target library file and write it.

    Raises :class:`InputError` for an unreadable library or invalid clause; the file is then untouched.
    """
    if target.new_library is not None:
        if target.path.exists():
            raise InputError(target.path, "a file with this name already exists; choose another name")
        meta = target.new_library
        lib = Library(
            meta["id"], meta["title"], meta["version"], meta.get("publisher", ""), files=[target.path]
        )
    else:
        lib = load_library_file(target.path)
    stored = put_clause(
        lib, replace(clause, id=target.clause_id, body=body, title=title), target.change_note, date
    )
    save_library(target.path, lib)
    return target.path, stored


def save_clause_to_library(
    parent: QWidget | None, clause: Clause, body: str, title: str, libraries: list[Path]
) -> tuple[Path, str] | None:
    """The "Save to library" flow: ask where, write the library file, return (file, clause id).

    ``None`` when the author cancels or the file cannot be written (they were told why).
    """
    target, ok = SaveToLibraryDialog.get_target(parent, clause, body, title, libraries)
    if not ok or target is None:
        return None
    try:
        path, stored = write_clause(target, clause, body, title, today())
    except InputError as exc:
        QMessageBox.warning(parent, "Cannot save to library", exc.line())
        return None
    except OSError as exc:
        QMessageBox.warning(parent, "Cannot save to library", f"{target.path}: {exc.strerror or exc}")
        return None
    return path, stored.id


# -- library updates for a project ------------------------------------------------------------------


class UpdatesDialog(QDialog):
    """Newer library versions of the clauses a project uses: take each update or pin the version.

    Nothing changes in the document until the author chooses; :meth:`get_project` gives the result.
    """

    def __init__(self, parent: QWidget | None, project: Project, catalog: Catalog) -> None:
        super().__init__(parent)
        self.setWindowTitle("Library updates")
        self.project = project
        self.catalog = catalog
        self.updates: list[Update] = []
        self.changes: list[str] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Clauses with a newer library version")
        self.list.currentRowChanged.connect(self._show)
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Change note and word differences")
        self.old_view = QTextBrowser()
        self.old_view.setAccessibleName("Library text, version in the document")
        self.new_view = QTextBrowser()
        self.new_view.setAccessibleName("Library text, new version")
        self.author_view = QTextBrowser()
        self.author_view.setAccessibleName("Your edited text")
        self.three = QWidget()
        three_lay = QHBoxLayout(self.three)
        three_lay.setContentsMargins(0, 0, 0, 0)
        self.three_labels = []
        for view in (self.old_view, self.new_view, self.author_view):
            column = QVBoxLayout()
            label = QLabel()
            label.setWordWrap(True)
            self.three_labels.append(label)
            column.addWidget(label)
            column.addWidget(view)
            three_lay.addLayout(column)
        self.take_button = QPushButton("&Take update")
        self.take_button.clicked.connect(self.take_current)
        self.take_library_button = QPushButton("Take update, &drop my edits")
        self.take_library_button.setToolTip("Use the new library text instead of your edited text")
        self.take_library_button.clicked.connect(self.take_current_library_text)
        self.pin_button = QPushButton("&Pin this version")
        self.pin_button.setToolTip("Keep the version the document has; no more updates are offered for it")
        self.pin_button.clicked.connect(self.pin_current)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        detail = QWidget()
        detail_lay = QVBoxLayout(detail)
        detail_lay.setContentsMargins(0, 0, 0, 0)
        detail_lay.addWidget(self.summary, 1)
        detail_lay.addWidget(self.three, 2)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.pin_button)
        actions.addWidget(self.take_library_button)
        actions.addWidget(self.take_button)
        detail_lay.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setSizes([280, 720])
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(splitter, 1)
        lay.addWidget(self.buttons)
        self.resize(1000, 640)
        self._reload()

    def _reload(self, row: int = 0) -> None:
        self.updates = updates(self.project, self.catalog)
        self.list.blockSignals(True)
        self.list.clear()
        for u in self.updates:
            section = self.project.sections[u.section].title
            edited = " · edited" if u.ref.body is not None else ""
            item = QListWidgetItem(
                f"{u.clause.title}\n{section} · v{u.ref.version} → v{u.clause.version}{edited}"
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        n = len(self.updates)
        self.intro.setText(
            f"{n} clause{'s' * (n != 1)} in this document {'have' if n != 1 else 'has'} a newer "
            "library version. Take the update, or pin the version the document has."
            if n
            else "Every library clause in this document is current (or pinned)."
        )
        if n:
            self.list.setCurrentRow(min(row, n - 1))
        self._show(self.list.currentRow())

    def _show(self, row: int) -> None:
        update = self.updates[row] if 0 <= row < len(self.updates) else None
        self.take_button.setEnabled(update is not None)
        self.pin_button.setEnabled(update is not None)
        self.take_library_button.setVisible(update is not None and update.ref.edited)
        if update is None:
            self.summary.setHtml(
                "<p style='color:#5a6b7d'>Nothing to review.</p>"
                + "".join(f"<p>{html.escape(c)}</p>" for c in self.changes)
            )
            self.three.hide()
            return
        c = update.clause
        note = html.escape(update.change_note) if update.change_note else "<i>No change note given.</i>"
        self.summary.setHtml(
            f"<h3>{html.escape(c.title)}</h3><p style='color:#5a6b7d'>{html.escape(c.library)}:{html.escape(c.id)} · "
            f"version {update.ref.version} in the document, version {c.version} in the library</p>"
            f"<p><b>Change note:</b> {note}</p><p><b>What changed in the library</b> "
            f"({diff_html([DiffPart('delete', 'removed')])}, {diff_html([DiffPart('insert', 'added')])}):</p>"
            f"<p>{diff_html(update.diff)}</p>"
        )
        view = three_way(update)
        self.three.setVisible(view is not None)
        if view is not None:
            self.three_labels[0].setText(
                f"<b>Library, version {update.ref.version}</b> (what you started from)"
            )
            self.three_labels[1].setText(f"<b>Library, version {c.version}</b> (changes marked)")
            self.three_labels[2].setText("<b>Your text</b> (your edits marked; taking the update keeps it)")
            self.old_view.setPlainText(view.library_old)
            self.new_view.setHtml(f"<p>{diff_html(view.library_change)}</p>")
            self.author_view.setHtml(f"<p>{diff_html(view.author_change)}</p>")

    def current(self) -> Update | None:
        row = self.list.currentRow()
        return self.updates[row] if 0 <= row < len(self.updates) else None

    def take_current(self) -> None:
        update = self.current()
        if update is None:
            return
        self.project = take_update(self.project, update)
        self.changes.append(f"Took version {update.clause.version} of {update.clause.id}.")
        self._reload(self.list.currentRow())

    def take_current_library_text(self) -> None:
        update = self.current()
        if update is None:
            return
        taken = take_update(self.project, update)
        self.project = reset_clause(taken, update.ref.clause, self.catalog).project
        self.changes.append(
            f"Took version {update.clause.version} of {update.clause.id} and dropped your edits."
        )
        self._reload(self.list.currentRow())

    def pin_current(self) -> None:
        update = self.current()
        if update is None:
            return
        self.project = pin(self.project, update.section, update.index)
        self.changes.append(f"Pinned {update.ref.clause} at version {update.ref.version}.")
        self._reload(self.list.currentRow())

    def get_project(self) -> Project:
        return self.project

    @classmethod
    def review(cls, parent: QWidget | None, project: Project, catalog: Catalog) -> tuple[Project, bool]:
        """Show the updates; return the new project and whether the author accepted the changes."""
        dialog = cls(parent, project, catalog)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.get_project() if ok else project), ok and dialog.get_project() != project
        finally:
            dialog.deleteLater()
