"""The start page: a new document from each template, open, recent documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from socialpolicy.gui.main_window import START, WORKSPACE, MainWindow

pytestmark = pytest.mark.gui


def test_start_page_offers_each_template(window: MainWindow) -> None:
    assert window.stack.currentIndex() == START
    assert window.windowTitle() == "Social Policy Studio"
    buttons = window.start_page.new_buttons
    assert set(buttons) == {"social-media-policy", "internal-collaboration", "governance-charter"}
    for button in buttons.values():
        assert button.accessibleDescription()  # the template's description


def test_start_page_open_and_recent(
    qtbot: Any, window: MainWindow, project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "socialpolicy.gui.files.QFileDialog.getOpenFileName",
        staticmethod(lambda *a, **k: (str(project_file), "")),
    )
    qtbot.mouseClick(window.start_page.open_button, Qt.MouseButton.LeftButton)
    assert window.path == project_file and window.stack.currentIndex() == WORKSPACE
    assert window.controller.close_document()
    assert window.stack.currentIndex() == START
    recent = window.start_page.recent
    assert recent.item(0).data(Qt.ItemDataRole.UserRole) == str(project_file.resolve())
    recent.itemActivated.emit(recent.item(0))
    assert window.path == project_file.resolve()
    assert window.controller.autosave_timer.interval() == 30_000
