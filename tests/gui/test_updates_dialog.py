"""The library updates dialog: take an update, pin a version, drop the author's edits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QDialog,
)

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.gui.library.updates import UpdatesDialog
from socialpolicy.library import Catalog, builtin, load_library_file
from socialpolicy.library_tools import pin, take_update, updates
from socialpolicy.model import ClauseRef
from socialpolicy.render import render
from tests.gui.conftest import library_clause as _clause
from tests.gui.conftest import write_library as _write

pytestmark = pytest.mark.gui


def _project_and_catalogs(tmp_path: Path, edited_body: str | None = None) -> tuple[Any, Catalog, Catalog]:
    template = templates.get("social-media-policy")
    v1 = load_library_file(
        _write(tmp_path / "v1.clauses.json", [_clause("acme.a", "Old wording for staff.")])
    )
    project = assemble(template, template.defaults(), Catalog([builtin(), v1]))
    first = project.sections[0]
    ref = ClauseRef("acme.a", "acme", 1, body=edited_body)
    project = replace(
        project, sections=(replace(first, clauses=(ref, *first.clauses)), *project.sections[1:])
    )
    v2 = load_library_file(
        _write(
            tmp_path / "v2.clauses.json",
            [
                _clause(
                    "acme.a",
                    "New wording for all staff.",
                    2,
                    change_note="Covers contractors too.",
                    history=[{"version": 1, "body": "Old wording for staff.", "title": "Title of acme.a"}],
                )
            ],
        )
    )
    return project, Catalog([builtin(), v1]), Catalog([builtin(), v2])


def test_updates_dialog_takes_an_update(qtbot: Any, tmp_path: Path) -> None:
    project, _, catalog = _project_and_catalogs(tmp_path)
    dialog = UpdatesDialog(None, project, catalog)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "v1 → v2" in dialog.list.item(0).text()
    summary = dialog.summary.toPlainText()
    assert "Covers contractors too." in summary and "OldNew wording for all staff." in summary
    assert "line-through" in dialog.summary.toHtml() and dialog.three.isHidden()
    expected = take_update(project, updates(project, catalog)[0])
    dialog.take_button.click()
    assert dialog.get_project() == expected and dialog.list.count() == 0
    assert not dialog.take_button.isEnabled() and "Took version 2 of acme.a." in dialog.summary.toPlainText()
    assert (
        render(dialog.get_project(), catalog).sections[0].blocks[0].markdown == "New wording for all staff."
    )


def test_updates_dialog_pins_an_edited_clause_with_a_three_way_view(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _, catalog = _project_and_catalogs(tmp_path, edited_body="Our own wording for staff.")
    dialog = UpdatesDialog(None, project, catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.three.isVisible() and "edited" in dialog.list.item(0).text()
    assert dialog.old_view.toPlainText() == "Old wording for staff."
    assert dialog.new_view.toPlainText() == "OldNew wording for all staff."
    assert dialog.author_view.toPlainText() == "OldOur own wording for staff."
    dialog.pin_button.click()
    assert dialog.get_project() == pin(project, 0, 0) and updates(dialog.get_project(), catalog) == []
    dialog.close()

    def accept(self: UpdatesDialog) -> int:
        self.pin_current()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(UpdatesDialog, "exec", accept)
    new, ok = UpdatesDialog.review(None, project, catalog)
    assert (
        ok
        and new.sections[0].clauses[0].pinned
        and new.sections[0].clauses[0].body == "Our own wording for staff."
    )


def test_updates_dialog_can_drop_the_authors_edits(qtbot: Any, tmp_path: Path) -> None:
    project, _, catalog = _project_and_catalogs(tmp_path, edited_body="Our own wording for staff.")
    dialog = UpdatesDialog(None, project, catalog)
    qtbot.addWidget(dialog)
    assert not dialog.take_library_button.isHidden()
    dialog.take_button.click()  # keeps the edit
    kept = dialog.get_project().sections[0].clauses[0]
    assert (kept.version, kept.body) == (2, "Our own wording for staff.")
    dialog = UpdatesDialog(None, project, catalog)
    qtbot.addWidget(dialog)
    dialog.take_library_button.click()
    ref = dialog.get_project().sections[0].clauses[0]
    assert (ref.version, ref.body, ref.title) == (2, None, None)
    assert (
        render(dialog.get_project(), catalog).sections[0].blocks[0].markdown == "New wording for all staff."
    )
    assert dialog.changes == ["Took version 2 of acme.a and dropped your edits."]
