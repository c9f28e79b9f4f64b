""" "Save to library" from a document: which library file and which id a clause goes to.

The dialog only collects the choice; :func:`socialpolicy.app.library_session.save_problem` says whether
it can be saved, and :func:`~socialpolicy.app.library_session.write_clause` writes the file.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app.library_session import SaveTarget, save_problem, today, with_suffix, write_clause
from socialpolicy.errors import InputError
from socialpolicy.gui.ask import warn
from socialpolicy.gui.dialogs import Standard, ok_cancel
from socialpolicy.gui.rich import ERROR, OK, coloured
from socialpolicy.gui.widgets import named, push_button, wrapped_label
from socialpolicy.library import LIBRARY_SUFFIX, Library, load_library_file
from socialpolicy.model import Clause

FILE_FILTER = f"Clause libraries (*{LIBRARY_SUFFIX});;JSON files (*.json)"


def choose_file(parent: QWidget, title: str, suggested: str = "", *, save: bool = False) -> str:
    """A library file to open, or (``save``) to write; "" when the author cancels."""
    ask = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
    return ask(parent, title, suggested, FILE_FILTER)[0]


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
        self.files = named(QComboBox(), "Library file")
        for path in libraries:  # files, or folders of library files (as in settings)
            for file in (
                sorted(Path(path).glob(f"*{LIBRARY_SUFFIX}")) if Path(path).is_dir() else [Path(path)]
            ):
                self._add_file(file)
        browse = push_button("&Browse…", self._browse)
        self.new_path = named(QLineEdit(), "New library file")
        self.new_path.setPlaceholderText(f"folder/name{LIBRARY_SUFFIX}")
        choose = push_button("C&hoose…", self._choose_new)
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
        self.change_note = named(QLineEdit(), "Change note")
        self.change_note.setPlaceholderText("What changed, and why")
        self.status = wrapped_label()
        self.buttons = ok_cancel(self, Standard.Save)

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
        intro = wrapped_label(
            f"Save <b>{html.escape(title)}</b> so that other documents can re-use it. An id the library "
            "already has makes this the clause's next version."
        )
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
        name = choose_file(self, "Choose a clause library")
        if name:
            self._add_file(Path(name))
            self.files.setCurrentIndex(self.files.count() - 1)
            self.existing.setChecked(True)

    def _choose_new(self) -> None:
        name = choose_file(self, "New clause library", save=True)
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
        problem, note = self._check(lib)
        self.change_note.setEnabled(bool(note))
        self.status.setText(coloured(problem or note or "A new clause, version 1.", ERROR if problem else OK))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    def _check(self, lib: Library | InputError | None) -> tuple[str, str]:
        """(problem that blocks saving, note about what saving will do)."""
        if not self.existing.isChecked() and not self.new_path.text().strip():
            return "Choose where to save the new library file.", ""
        details = None if self.existing.isChecked() else {k: e.text().strip() for k, e in self.meta.items()}
        check = save_problem(
            self._clause, self.clause_id.currentText().strip(), lib, details, self.change_note.text()
        )
        return (check.problem.message if check.problem else ""), check.note

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
        path, stored = write_clause(target, replace(clause, body=body, title=title), today())
    except InputError as exc:
        warn(parent, "Cannot save to library", exc.line())
        return None
    except OSError as exc:
        warn(parent, "Cannot save to library", f"{target.path}: {exc.strerror or exc}")
        return None
    return path, stored.id
