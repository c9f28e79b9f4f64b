"""Preferences and the libraries in the settings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socialpolicy import settings
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import libraries_loaded as _libraries_loaded

pytestmark = pytest.mark.gui


def test_a_bad_library_in_the_settings_is_reported(qtbot: Any, tmp_path: Path) -> None:
    bad = tmp_path / "org.clauses.json"
    bad.write_text("{ not json", encoding="utf-8")
    settings.save(settings.Settings(library_paths=[str(bad)]))
    window = MainWindow()
    qtbot.addWidget(window)
    _libraries_loaded(qtbot, window)
    assert str(bad) in window.controller.library_problem
    assert window.statusBar().currentMessage() == window.controller.library_problem
    assert len(window.catalog) > 100  # the built-in library is still there


def test_preferences_add_a_team_library(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "org.clauses.json").write_text(
        json.dumps(
            {
                "format": "socialpolicy.clauses",
                "format_version": 1,
                "library": {"id": "org", "title": "Our clauses", "version": "1"},
                "clauses": [
                    {
                        "id": "org.coffee",
                        "version": 1,
                        "title": "Coffee chats",
                        "topic": "culture",
                        "body": "Staff may post about our coffee chats.",
                        "rationale": "People like them.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert window.controller.open_path(project_file)
    before = len(window.catalog)
    dialog = window.controller.preferences()
    dialog.add_path(str(tmp_path / "missing"))
    dialog.accept()
    assert dialog.isVisible() and "cannot be used" in dialog.error.text()
    dialog.libraries.takeItem(0)
    dialog.add_path(str(folder))
    dialog.autosave.setValue(45)
    dialog.accept()
    assert not dialog.isVisible()
    assert len(window.catalog) == before + 1 and window.catalog.get("org", "org.coffee") is not None
    assert window.controller.autosave_timer.interval() == 45_000
    assert settings.load().library_paths == [str(folder)]
    window.library.search.setText("coffee chats")
    assert [c.id for c in window.library.visible_clauses()] == ["org.coffee"]
