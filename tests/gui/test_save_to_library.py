""" "Save to library" from a document: the dialog, and the clause in a second document."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
)

from socialpolicy import templates
from socialpolicy.app.library_session import SaveTarget
from socialpolicy.assembly import assemble
from socialpolicy.gui.library.save_to_library import SaveToLibraryDialog, save_clause_to_library
from socialpolicy.library import Catalog, builtin, load_library_file
from socialpolicy.model import ClauseRef
from socialpolicy.render import render
from tests.gui.conftest import library_clause as _clause
from tests.gui.conftest import write_library as _write

pytestmark = pytest.mark.gui


def _document_clause() -> tuple[Any, Any, Any]:
    template = templates.get("social-media-policy")
    catalog = Catalog.default()
    project = assemble(template, template.defaults(), catalog)
    block = render(project, catalog, template).sections[0].blocks[0]
    clause = catalog.get(block.library, block.clause_id)
    assert clause is not None
    return template, clause, block


def test_save_clause_to_library_round_trips_into_a_second_document(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    template, clause, block = _document_clause()
    edited = block.markdown + " Acme staff tell their manager before they post about a customer."
    target = tmp_path / "team.clauses.json"
    seen: list[SaveToLibraryDialog] = []

    def fill_new(self: SaveToLibraryDialog) -> int:
        seen.append(self)
        assert self.create_new.isChecked()  # no library files known yet
        assert not self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        self.new_path.setText(str(target))
        for key, value in {
            "id": "team",
            "title": "Team clauses",
            "version": "2026.1",
            "publisher": "HR",
        }.items():
            self.meta[key].setText(value)
        self.clause_id.setEditText("team.purpose")
        assert self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SaveToLibraryDialog, "exec", fill_new)
    assert save_clause_to_library(None, clause, edited, "Our purpose", []) == (target, "team.purpose")
    saved = load_library_file(target)
    assert (saved.id, saved.title, saved.version, saved.publisher) == ("team", "Team clauses", "2026.1", "HR")
    stored = saved.clauses["team.purpose"]
    assert (stored.version, stored.body, stored.title, stored.topic) == (
        1,
        edited,
        "Our purpose",
        clause.topic,
    )

    catalog = Catalog([builtin(), saved])
    project = assemble(template, template.defaults(), catalog)
    first = project.sections[0]
    project = replace(
        project,
        sections=(
            replace(first, clauses=(ClauseRef("team.purpose", "team", 1), *first.clauses)),
            *project.sections[1:],
        ),
    )
    doc = render(project, catalog, template)
    new_block = doc.sections[0].blocks[0]
    assert (new_block.library, new_block.clause_id, new_block.title) == (
        "team",
        "team.purpose",
        "Our purpose",
    )
    assert new_block.markdown == edited and new_block.origin == "library"

    # Saving again under the same id makes version 2, with a change note.
    def fill_existing(self: SaveToLibraryDialog) -> int:
        assert self.existing.isChecked() and self.files.currentData() == str(target)
        self.clause_id.setEditText("team.purpose")
        assert "becomes version 2" in self.status.text()
        assert not self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        self.change_note.setText("Customers named.")
        assert self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SaveToLibraryDialog, "exec", fill_existing)
    assert save_clause_to_library(None, stored, edited + " Ask first.", "Our purpose", [target]) == (
        target,
        "team.purpose",
    )
    again = load_library_file(target).clauses["team.purpose"]
    assert again.version == 2 and again.change_note == "Customers named." and again.history[0].body == edited


def test_save_to_library_through_get_target_and_cancel(
    monkeypatch: pytest.MonkeyPatch, dialogs: Any, tmp_path: Path
) -> None:
    _, clause, _block = _document_clause()
    lib_path = _write(tmp_path / "acme.clauses.json", [_clause("acme.a", "Old.")])
    monkeypatch.setattr(SaveToLibraryDialog, "get_target", classmethod(lambda cls, *a: (None, False)))
    assert save_clause_to_library(None, clause, "x", "y", [lib_path]) is None
    monkeypatch.setattr(
        SaveToLibraryDialog,
        "get_target",
        classmethod(lambda cls, *a: (SaveTarget(lib_path, "acme.a", "Replaced."), True)),
    )
    assert save_clause_to_library(None, clause, "New text.", "A", [lib_path]) == (lib_path, "acme.a")
    a = load_library_file(lib_path).clauses["acme.a"]
    assert (a.version, a.body, a.change_note) == (2, "New text.", "Replaced.")
    before = lib_path.read_bytes()
    assert save_clause_to_library(None, clause, "Broken {{ text", "A", [lib_path]) is None
    assert "template syntax error" in dialogs.warnings[-1] and lib_path.read_bytes() == before


def test_save_to_library_dialog_refuses_an_unreadable_library(qtbot: Any, tmp_path: Path) -> None:
    _, clause, block = _document_clause()
    bad = tmp_path / "bad.clauses.json"
    bad.write_text("{ not json", encoding="utf-8")
    folder = tmp_path / "shared"
    folder.mkdir()
    _write(folder / "one.clauses.json", [_clause("one.a", "A.")], "one")
    _write(folder / "two.clauses.json", [_clause("two.a", "B.")], "two")
    dialog = SaveToLibraryDialog(clause, block.markdown, block.title, [bad, folder])
    qtbot.addWidget(dialog)
    assert [dialog.files.itemData(i) for i in range(dialog.files.count())] == [
        str(bad),
        str(folder / "one.clauses.json"),
        str(folder / "two.clauses.json"),
    ]
    assert dialog.existing.isChecked() and "(cannot be read)" in dialog.files.currentText()
    assert str(bad) in dialog.status.text() and "not valid JSON" in dialog.status.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.create_new.setChecked(True)
    dialog.new_path.setText(str(tmp_path / "new"))
    dialog.meta["id"].setText("Team Lib")
    dialog.meta["title"].setText("Team")
    assert "Id: use lower-case letters" in dialog.status.text()
    dialog.meta["id"].setText("team")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.values() == SaveTarget(
        tmp_path / "new.clauses.json",
        clause.id,
        "",
        {"id": "team", "title": "Team", "version": "1", "publisher": ""},
    )
