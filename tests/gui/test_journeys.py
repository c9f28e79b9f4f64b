"""The journeys through the desktop app that cross panels: files, recovery, layout, team libraries, menus."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from socialpolicy import edits, settings
from socialpolicy.gui.main_window import START, MainWindow
from socialpolicy.project import load_project
from tests.conftest import digest
from tests.gui.conftest import Dialogs
from tests.gui.conftest import libraries_loaded as _libraries_loaded
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def test_save_reopen_identical(qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[0].clause
    window.controller.commit_text(cid, "Our purpose", "Why we have this policy, in our words.")
    window.controller.set_included(window.project.sections[2].clauses[0].clause, False)
    assert window.isWindowModified()
    out = tmp_path / "saved.policy.json"
    assert window.controller.save_to(out)
    assert not window.isWindowModified()
    assert window.windowTitle().endswith("— Social Policy Studio")
    saved = window.project
    text = out.read_text(encoding="utf-8")
    window.controller.close_document()
    assert window.stack.currentIndex() == START
    assert window.controller.open_path(out)
    assert window.project == saved
    assert window.controller.save_to(out)
    assert out.read_text(encoding="utf-8") == text
    assert (tmp_path / "saved.policy.json.bak").is_file()
    assert str(out.resolve()) == window.settings.recent_files[0]
    window.show_start_page()
    assert window.start_page.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(out.resolve())


def test_corrupt_file_reports_and_keeps_working(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    assert window.controller.open_path(project_file)
    before = window.project
    bad = tmp_path / "broken.policy.json"
    bad.write_text('{"format": "socialpolicy.project", "format_version": 1, "sections": [', encoding="utf-8")
    digest_before = digest(bad)
    assert window.controller.open_path(bad) is False
    assert len(dialogs.warnings) == 1 and str(bad) in dialogs.warnings[0]
    assert "Traceback" not in dialogs.warnings[0]
    assert digest(bad) == digest_before
    assert window.project == before  # the open document is untouched
    missing = tmp_path / "nope.policy.json"
    assert window.controller.open_path(missing) is False
    assert str(missing) in dialogs.warnings[1]
    cid = before.sections[0].clauses[0].clause
    assert window.controller.set_included(cid, False)  # still working


def test_import_existing_policy_then_save_as_project(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "old-policy.md"
    source.write_text(
        "# Social Media Policy\n\n## Personal accounts\n\nStaff may use their own accounts.\n\n"
        "## Confidential information\n\nDo not post client data.\n",
        encoding="utf-8",
    )
    before = digest(source)
    assert window.controller.open_path(source)
    _settle(qtbot, window)
    assert window.path is None and window.isWindowModified()  # imported, not yet a project
    assert "Staff may use their own accounts." in window.preview.toPlainText()
    assert window.controller.change_answers() is None  # an imported policy has no wizard answers
    out = tmp_path / "imported.policy.json"
    monkeypatch.setattr(
        "socialpolicy.gui.files.QFileDialog.getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "imported"), "")),
    )
    assert window.controller.save()
    assert out.is_file() and window.path == out
    assert load_project(out) == window.project
    assert digest(source) == before


def _crash(window: MainWindow) -> None:
    """What a crash leaves: the recovery file, and a lock naming a process that is gone."""
    window.controller.autosave_timer.stop()
    window.session.history.set_clean()
    window.hide()
    recovery = window.session.recovery
    assert recovery.path is not None
    lock = recovery.path.with_name(recovery.path.name.replace(".policy.json", ".lock"))
    lock.write_text(json.dumps({"pid": 2**22 + 4321, "host": socket.gethostname()}), encoding="utf-8")
    recovery.key = None  # this window no longer owns it


def test_recover_after_simulated_crash(qtbot: Any, project_file: Path, dialogs: Dialogs) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    assert first.controller.open_path(project_file)
    cid = first.project.sections[0].clauses[0].clause
    first.controller.commit_text(cid, "Recovered title", "Text typed before the crash.")
    assert first.controller.autosave()
    recovery_file = first.session.recovery.path
    assert recovery_file is not None and recovery_file.is_file()
    info = json.loads(
        recovery_file.with_name(recovery_file.name.replace(".policy.json", ".json")).read_text()
    )
    assert info["path"] == str(project_file)
    # The crash: the window goes away without closing, so the recovery file stays.
    _crash(first)
    second = MainWindow()
    qtbot.addWidget(second)
    dialogs.answers.append(dialogs.default.Yes)
    assert second.controller.check_recovery()
    assert "did not close normally" in dialogs.questions[-1]
    assert edits.find_ref(second.project, cid).body == "Text typed before the crash."
    assert second.path == project_file
    assert second.isWindowModified()
    assert load_project(project_file) != second.project  # the user's file was never touched
    assert second.controller.save()
    assert not recovery_file.exists()
    third = MainWindow()
    qtbot.addWidget(third)
    assert third.controller.check_recovery() is False  # nothing left to recover


def test_declining_recovery_deletes_it(qtbot: Any, project_file: Path, dialogs: Dialogs) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.controller.open_path(project_file)
    first.controller.set_included(first.project.sections[0].clauses[0].clause, False)
    assert first.controller.autosave()
    recovery_file = first.session.recovery.path
    _crash(first)
    second = MainWindow()
    qtbot.addWidget(second)
    dialogs.answers.append(dialogs.default.No)
    assert second.controller.check_recovery() is False
    assert recovery_file is not None and not recovery_file.exists()


def test_layout_and_settings_survive_a_restart(qtbot: Any, project_file: Path) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.controller.open_path(project_file)
    first.findings_dock.hide()
    first.close()
    stored = settings.load()
    assert stored.window_geometry and stored.window_state
    assert stored.recent_files == [str(project_file.resolve())]
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.stack.currentIndex() == START
    assert second.start_page.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(project_file.resolve())
    second.controller.open_path(project_file)
    assert second.findings_dock.isHidden() and not second.outline_dock.isHidden()


def test_save_clause_to_a_new_team_library_and_use_it(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialpolicy.app.library_session import SaveTarget
    from socialpolicy.gui.library.save_to_library import SaveToLibraryDialog

    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    cid = window.project.sections[0].clauses[0].clause
    window.controller.select_clause(cid)
    window.controller.commit_text(cid, "Why we have a policy", "Our own words on why we have this policy.")
    target = SaveTarget(
        tmp_path / "team.clauses.json",
        "team.purpose",
        "First version",
        {"id": "team", "title": "Team clauses", "version": "1"},
    )
    monkeypatch.setattr(SaveToLibraryDialog, "get_target", classmethod(lambda cls, *a, **k: (target, True)))
    saved = window.controller.save_clause_to_library()
    assert saved == (tmp_path / "team.clauses.json", "team.purpose")
    _libraries_loaded(qtbot, window)
    stored = window.catalog.get("team", "team.purpose")
    assert stored is not None and stored.body == "Our own words on why we have this policy."
    assert settings.load().library_paths == [str(tmp_path / "team.clauses.json")]
    window.library.search.setText("team.purpose")
    assert [c.id for c in window.library.visible_clauses()] == ["team.purpose"]


def test_library_editor_saves_reload_the_catalog(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path
) -> None:
    assert window.controller.open_path(project_file)
    editor = window.controller.open_library_editor()
    assert editor.isVisible() and editor.parent() is window
    path = tmp_path / "org.clauses.json"
    path.write_text(
        json.dumps(
            {
                "format": "socialpolicy.clauses",
                "format_version": 1,
                "library": {"id": "org", "title": "Our clauses", "version": "1"},
                "clauses": [
                    {
                        "id": "org.tea",
                        "version": 1,
                        "title": "Tea breaks",
                        "topic": "culture",
                        "body": "Post about tea breaks if you like.",
                        "rationale": "Small talk builds trust.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    editor.librarySaved.emit(path)  # what the editor emits after writing a library
    _libraries_loaded(qtbot, window)
    assert window.catalog.get("org", "org.tea") is not None
    assert str(path) in window.settings.library_paths
    editor.close()


def test_library_updates_are_one_undoable_step(
    qtbot: Any, window: MainWindow, project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from socialpolicy.gui.library.updates import UpdatesDialog

    assert window.controller.open_path(project_file)
    before = window.project
    pinned = replace(
        before,
        sections=(
            replace(
                before.sections[0], clauses=tuple(replace(r, pinned=True) for r in before.sections[0].clauses)
            ),
            *before.sections[1:],
        ),
    )
    monkeypatch.setattr(
        UpdatesDialog, "review", classmethod(lambda cls, parent, project, catalog: (pinned, True))
    )
    assert window.controller.review_library_updates()
    assert window.project == pinned
    assert window.session.history.undo_text == "Take library updates"
    window.controller.undo()
    assert window.project == before


def test_menus_shortcuts_and_accessible_names(window: MainWindow) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Document", "Help"]
    shortcuts = {
        a.text().replace("&", ""): a.shortcut().toString()
        for m in window.menuBar().actions()
        for a in m.menu().actions()
        if not a.shortcut().isEmpty()
    }
    assert (
        shortcuts["Open…"] == "Ctrl+O" and shortcuts["Save"] == "Ctrl+S" and shortcuts["Export…"] == "Ctrl+E"
    )
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    for widget in (
        window.outline,
        window.preview,
        window.editor.body_edit,
        window.library.search,
        window.findings.tree,
        window.status_label,
    ):
        assert widget.accessibleName()
