"""The library editor window over the library session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
)

from socialpolicy.gui.library import editor as le
from socialpolicy.gui.library.clause_form import ClauseForm
from socialpolicy.gui.library.details import ConflictsDialog, LibraryDetailsDialog
from socialpolicy.gui.library.editor import LibraryEditor
from socialpolicy.library import load_library_file
from tests.conftest import ROOT
from tests.gui.conftest import META
from tests.gui.conftest import library_clause as _clause
from tests.gui.conftest import write_library as _write

pytestmark = pytest.mark.gui


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _open_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _note(monkeypatch: pytest.MonkeyPatch, note: str, asked: list[str]) -> None:
    def get_text(parent: Any, title: str, label: str, *args: Any, **kwargs: Any) -> tuple[str, bool]:
        asked.append(label)
        return note, True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))


@pytest.fixture
def editor(qtbot: Any) -> LibraryEditor:
    w = LibraryEditor()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def opened(editor: LibraryEditor, tmp_path: Path) -> LibraryEditor:
    path = _write(
        tmp_path / "acme.clauses.json",
        [
            _clause("acme.a", "Staff may post about work."),
            _clause("acme.b", "Managers answer questions within {{ response_days }} days."),
            _clause("acme.c", "Ask the social media lead first."),
        ],
    )
    assert editor.open_file(path)
    return editor


def _fill(form: ClauseForm, qtbot: Any) -> None:
    qtbot.keyClicks(form.id_edit, "acme.purpose")
    form.title_edit.setText("Why we have this policy")
    form.topic_edit.setText("purpose-scope")
    qtbot.keyClicks(form.body_edit.writer, "{{ organisation_name }} staff may speak about their work online.")
    form.rationale_edit.setPlainText("Sets a permissive tone that the NLRA expects.")
    form.jurisdictions["us"].setChecked(True)
    form.sectors["general"].setChecked(True)
    form.kinds["social-media-policy"].setChecked(True)
    form.slot_edit.setText("purpose")
    form.stances_edit.setPlainText("tone = permissive")
    form.requires_edit.setText("acme.contact, acme.review")
    form.condition_edit.setText("'us' in jurisdictions")
    form.add_row(form.defines, ["Staff", "everyone who works for {{ organisation_name }}"])
    form.add_row(
        form.sources, ["NLRA section 7", "https://www.nlrb.gov/", "", "Protected concerted activity"], True
    )
    form.tags_edit.setText("tone, purpose")


def test_create_a_library_and_add_a_clause_through_the_form(
    editor: LibraryEditor, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        LibraryDetailsDialog, "get_details", classmethod(lambda cls, *a, **k: (dict(META), True))
    )
    assert not editor.act_add.isEnabled()
    assert editor.new_library()
    assert editor.isWindowModified() and "Acme approved clauses" in editor.windowTitle()
    add_button = next(b for b in editor.findChildren(QPushButton) if b.text() == "&Add clause")
    add_button.click()
    assert editor.drafting and not editor.form.dirty and editor.form.id_edit.text() == ""
    assert editor.form.isEnabled() and not editor.save_button.isEnabled()
    assert editor.form.problem == "Id: must not be empty"
    _fill(editor.form, qtbot)
    assert editor.form.validate() == ""
    assert editor.save_button.isEnabled()
    target = tmp_path / "acme"
    _save_as(monkeypatch, target)
    editor.save_button.click()
    path = tmp_path / "acme.clauses.json"
    assert editor.path == path and not editor.isWindowModified()
    lib = load_library_file(path)
    assert (lib.id, lib.title, lib.publisher) == ("acme", "Acme approved clauses", "Acme Legal")
    c = lib.clauses["acme.purpose"]
    assert c.version == 1 and c.body == "{{ organisation_name }} staff may speak about their work online."
    assert c.jurisdictions == ("us",) and c.sectors == ("general",) and c.kinds == ("social-media-policy",)
    assert c.stances == {"tone": "permissive"} and c.requires == ("acme.contact", "acme.review")
    assert c.condition == "'us' in jurisdictions" and c.slot == "purpose" and c.tags == ("tone", "purpose")
    assert [(t.term, t.definition) for t in c.defines] == [
        ("Staff", "everyone who works for {{ organisation_name }}")
    ]
    assert [(s.citation, s.url, s.in_flux, s.note) for s in c.sources] == [
        ("NLRA section 7", "https://www.nlrb.gov/", True, "Protected concerted activity")
    ]
    assert editor.list.count() == 1 and editor.current_id == "acme.purpose"
    assert editor.form.id_edit.isReadOnly()  # documents refer to it by id now


def test_invalid_input_disables_save_and_says_why(opened: LibraryEditor, qtbot: Any) -> None:
    opened.select("acme.a")
    form = opened.form
    assert form.problem == "" and not opened.save_button.isEnabled()  # nothing to save yet
    assert "No unsaved changes" in form.problem_label.text()
    form.body_edit.setPlainText("Posts need approval {{ unclosed")
    form.validate()
    assert not opened.save_button.isEnabled()
    assert form.problem.startswith("Text: template syntax error") and form.problem_field == "body"
    assert form.problem.endswith("(the '{{' on line 1 is not closed with '}}')")
    assert "template syntax error" in form.problem_label.text()
    assert not opened.save_clause() and opened.statusBar().currentMessage() == f"Not saved: {form.problem}"
    assert "border" in form.widgets["body"].styleSheet()
    assert form.body_edit.writer.problem_range is not None  # the unclosed tag is underlined
    form.body_edit.setPlainText("Posts need approval.")
    qtbot.waitUntil(lambda: opened.save_button.isEnabled())  # validated as you type (debounced)
    assert form.widgets["body"].styleSheet() == ""
    assert form.body_edit.writer.problem_range is None
    opened.act_add.trigger()  # the edit is discarded (the fixture answers Discard)
    qtbot.keyClicks(form.id_edit, "Bad Id")
    form.validate()
    assert (
        form.problem == "Id: use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
    )
    assert not opened.save_button.isEnabled()
    form.id_edit.setText("acme.b")
    form.validate()
    assert form.problem == "the id 'acme.b' is already used by another clause in this library"
    form.id_edit.setText("acme.d")
    form.title_edit.setText("D")
    form.topic_edit.setText("purpose-scope")
    form.body_edit.setPlainText("Text.")
    form.rationale_edit.setPlainText("Why.")
    form.condition_edit.setText("sector ==")
    assert form.validate().startswith("Condition: template syntax error")
    form.condition_edit.setText("sector == 'finance'")
    form.stances_edit.setPlainText("tone")
    assert form.validate() == "Stances, line 1: write each stance as key = value"
    form.stances_edit.setPlainText("")
    form.add_row(form.defines, ["Staff", ""])
    assert form.validate() == "Defined terms (item 1): must not be empty"
    form.remove_row(form.defines)
    assert form.validate() == "" and opened.save_button.isEnabled()


def test_edit_body_saves_version_2_with_history_and_change_note(
    opened: LibraryEditor, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    _note(monkeypatch, "Name the lead.", asked)
    written: list[Path] = []
    opened.librarySaved.connect(written.append)
    opened.select("acme.c")
    opened.form.body_edit.setPlainText("Ask the social media lead, Dana, first.")
    opened.save_button.click()
    assert len(asked) == 1 and "becomes version 2" in asked[0]
    data = json.loads(opened.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    saved = next(c for c in data["clauses"] if c["id"] == "acme.c")
    assert saved["version"] == 2 and saved["body"] == "Ask the social media lead, Dana, first."
    assert written == [opened.path]
    assert saved["change_note"] == "Name the lead."
    assert (
        saved["history"][0]["version"] == 1
        and saved["history"][0]["body"] == "Ask the social media lead first."
    )
    assert Path(str(opened.path) + ".bak").exists()
    assert [c["id"] for c in data["clauses"]] == ["acme.a", "acme.b", "acme.c"]
    assert opened.form.version_label.text() == "Version 2 · 1 earlier version kept"
    history = opened.form.history_view.toPlainText()
    assert (
        history.startswith("Version 2 (")
        and "Name the lead." in history
        and "Version 1: first version" in history
    )
    assert "#d7f5dd" in opened.form.history_view.toHtml()  # ", Dana," shown as inserted words
    # A change of rationale alone keeps the version and asks for no note.
    opened.form.rationale_edit.setPlainText("People know whom to ask.")
    opened.save_button.click()
    assert len(asked) == 1
    assert load_library_file(opened.path).clauses["acme.c"].version == 2  # type: ignore[arg-type]


def test_undo_and_redo_an_edit(opened: LibraryEditor, monkeypatch: pytest.MonkeyPatch) -> None:
    _note(monkeypatch, "Shorter.", [])
    opened.select("acme.a")
    opened.form.body_edit.setPlainText("Staff may post.")
    opened.act_save.trigger()  # Ctrl+S saves the clause being edited
    assert opened.session.clause("acme.a").version == 2 and not opened.isWindowModified()
    assert opened.act_undo.text() == "&Undo Edit acme.a (version 2)" and not opened.act_redo.isEnabled()
    opened.act_undo.trigger()
    assert opened.session.clause("acme.a").body == "Staff may post about work."
    assert opened.session.clause("acme.a").version == 1
    assert (
        opened.form.body_edit.toPlainText() == "Staff may post about work." and opened.current_id == "acme.a"
    )
    assert opened.isWindowModified()  # the file still has version 2
    opened.act_redo.trigger()
    assert opened.session.clause("acme.a").body == "Staff may post." and not opened.isWindowModified()
    # Undo steps hold immutable libraries: the shown state cannot be changed behind undo's back.
    with pytest.raises(TypeError):
        opened.session.library.clauses["acme.a"] = opened.session.clause("acme.b")  # type: ignore[index]
    with pytest.raises(AttributeError):
        opened.session.clause("acme.a").body = "tampered"  # type: ignore[misc]
    opened.act_undo.trigger()
    opened.act_redo.trigger()
    assert opened.session.clause("acme.a").body == "Staff may post."


def test_duplicate_retire_and_delete(
    opened: LibraryEditor, dialogs: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened.select("acme.b")
    opened.act_duplicate.trigger()
    assert (
        opened.drafting
        and opened.form.id_edit.text() == "acme.b-copy"
        and not opened.form.id_edit.isReadOnly()
    )
    assert opened.form.body_edit.toPlainText().endswith("{{ response_days }} days.")
    opened.form.id_edit.setText("acme.b2")
    opened.save_button.click()
    assert opened.session.clause("acme.b2").version == 1 and opened.session.clause("acme.b2").history == ()
    assert load_library_file(opened.path).clauses["acme.b2"].body == opened.session.clause("acme.b").body  # type: ignore[arg-type]
    opened.select("acme.a")
    opened.act_retire.trigger()
    assert opened.session.clause("acme.a").retired is True and opened.session.clause("acme.a").version == 1
    assert opened.act_retire.text() == "Bring &back" and "retired" in opened.list.currentItem().text()
    assert any(b.text() == "Bring &back" for b in opened.findChildren(QPushButton))
    opened.act_undo.trigger()
    assert not opened.session.clause("acme.a").retired
    dialogs.answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    opened.act_delete.trigger()
    assert "acme.a" in opened.session.library.clauses
    opened.act_delete.trigger()
    assert (
        "acme.a" not in opened.session.library.clauses and "Retiring keeps a clause" in dialogs.questions[-1]
    )
    assert opened.list.count() == 3
    opened.act_undo.trigger()
    assert "acme.a" in opened.session.library.clauses


def test_delete_key_deletes_only_from_the_list(opened: LibraryEditor, dialogs: Any, qtbot: Any) -> None:
    opened.select("acme.c")
    opened.form.body_edit.writer.setFocus()
    qtbot.keyClick(opened.form.body_edit.writer, Qt.Key.Key_Delete)
    assert (
        dialogs.questions == [] and opened.form.body_edit.toPlainText() == "sk the social media lead first."
    )
    opened.revert_form()
    opened.list.setFocus()
    dialogs.answers = [QMessageBox.StandardButton.Yes]
    qtbot.keyClick(opened.list, Qt.Key.Key_Delete)
    assert len(dialogs.questions) == 1 and "acme.c" not in opened.session.library.clauses


def test_search_filters_the_list(opened: LibraryEditor) -> None:
    opened.search.setText("response_days")
    shown = [
        opened.list.item(i).data(le.ROLE_ID)
        for i in range(opened.list.count())
        if not opened.list.item(i).isHidden()
    ]
    assert shown == ["acme.b"] and opened.count.text() == "3 clauses, 1 shown"


def test_import_with_a_conflict_resolved_theirs(
    opened: LibraryEditor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = _write(
        tmp_path / "other.clauses.json",
        [
            _clause("acme.a", "Staff may post about their work."),  # conflict
            _clause("acme.b", "Managers answer questions within {{ response_days }} days."),  # the same
            _clause("acme.z", "New clause from the other team."),
        ],
        lib_id="other",
    )
    shown: list[str] = []

    def take_theirs(self: ConflictsDialog) -> int:
        shown.append(self.findChildren(QTextBrowser)[0].toHtml())
        self.groups["acme.a"].button(1).setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictsDialog, "exec", take_theirs)
    _open_as(monkeypatch, other)
    assert opened.act_import.isEnabled()
    opened.act_import.trigger()
    assert len(shown) == 1 and 'background-color:#d7f5dd;">their </span>' in shown[0]
    assert "Also different" not in shown[0]
    a = opened.session.clause("acme.a")
    assert a.body == "Staff may post about their work." and a.version == 2
    assert (
        a.change_note == "Imported from other.clauses.json."
        and a.history[0].body == "Staff may post about work."
    )
    assert "acme.z" in opened.session.library.clauses and opened.session.library.id == "acme"
    assert (
        opened.statusBar().currentMessage()
        == "Imported from other.clauses.json: 2 added, 1 updated, 1 already the same."
        or opened.statusBar().currentMessage()
        == "Imported from other.clauses.json: 1 added, 1 updated, 1 already the same."
    )
    assert opened.isWindowModified()
    opened.act_undo.trigger()
    assert "acme.z" not in opened.session.library.clauses and opened.session.clause("acme.a").version == 1


def test_import_of_a_broken_file_names_it_and_changes_nothing(
    opened: LibraryEditor, dialogs: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.clauses.json"
    bad.write_text(
        '{"format": "socialpolicy.clauses", "format_version": 1, "library": {"id": "x"}, "clauses": []}'
    )
    before = opened.session.library
    assert not opened.import_file(bad)
    assert dialogs.warnings and str(bad) in dialogs.warnings[0] and "/library" in dialogs.warnings[0]
    assert opened.session.library is before and opened.session.history.count == 0


def test_export_selected_clauses(
    opened: LibraryEditor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened.list.item(0).setSelected(True)
    opened.list.item(2).setSelected(True)
    assert opened.selected_ids() == ["acme.a", "acme.c"] and opened.act_export.isEnabled()
    _save_as(monkeypatch, tmp_path / "subset")
    opened.act_export.trigger()
    out = load_library_file(tmp_path / "subset.clauses.json")
    assert sorted(out.clauses) == ["acme.a", "acme.c"] and out.id == "acme"
    assert out.clauses["acme.c"].body == "Ask the social media lead first."


def test_open_refuses_a_broken_file(editor: LibraryEditor, dialogs: Any, tmp_path: Path) -> None:
    bad = _write(tmp_path / "dup.clauses.json", [_clause("x", "One."), _clause("x", "Two.")])
    assert not editor.open_file(bad)
    assert dialogs.warnings == [f"{bad}: at /clauses/1/id: clause id 'x' is used twice in this library"]
    assert editor.path is None and not editor.act_add.isEnabled()


def test_editor_screenshot(qtbot: Any, tmp_path: Path) -> None:
    w = LibraryEditor()
    qtbot.addWidget(w)
    assert w.open_file(ROOT / "docs" / "examples" / "acme-legal.clauses.json")
    w.resize(1100, 700)
    w.show()
    w.select(sorted(w.session.library.clauses)[0])
    qtbot.waitExposed(w)
    image = w.grab()
    out = tmp_path / "library-editor.png"
    assert image.save(str(out)) and image.width() == 1100 and out.stat().st_size > 10_000


def test_closing_with_unsaved_changes_asks(opened: LibraryEditor, dialogs: Any) -> None:
    opened.select("acme.a")
    opened.act_retire.trigger()
    assert opened.isWindowModified()
    dialogs.answers = [QMessageBox.StandardButton.Cancel]
    assert not opened.close() and opened.isVisible()
    assert dialogs.questions[-1] == "Save the changes to Acme approved clauses?"
    dialogs.answers = [QMessageBox.StandardButton.Save]
    assert opened.close()
    assert load_library_file(opened.path).clauses["acme.a"].retired  # type: ignore[arg-type]


def test_saving_keeps_what_the_form_does_not_show(editor: LibraryEditor, tmp_path: Path) -> None:
    path = tmp_path / "acme-legal.clauses.json"
    path.write_bytes((ROOT / "docs" / "examples" / "acme-legal.clauses.json").read_bytes())
    assert editor.open_file(path)
    editor.select("acme.devices.loaned")
    editor.act_retire.trigger()
    assert editor.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["library"]["overrides"] == {
        "builtin:smp.review.cycle": "acme.review.cycle",
        "builtin:smp.scope.other-policies": None,
    }
    assert data["library"]["description"].startswith("Wording the Acme legal team has approved")
    review = next(c for c in data["clauses"] if c["id"] == "acme.review.cycle")
    assert (
        review["history"][0]["date"] == "2026-06-01"
        and review["change_note"] == "Acme Legal signs off each version."
    )
    assert next(c for c in data["clauses"] if c["id"] == "acme.devices.loaned")["retired"] is True
