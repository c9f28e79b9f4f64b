"""A team library named in the settings is used by the app when it opens a document (once, not twice)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socialpolicy import settings
from tests.conftest import ROOT


@pytest.mark.gui
def test_open_with_a_library_in_the_settings(qtbot: Any, project_file: Path, dialogs: Any) -> None:
    from socialpolicy.gui.main_window import MainWindow

    settings.save(settings.Settings(library_paths=[str(ROOT / "docs" / "examples")]))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.controller.open_path(project_file), dialogs.warnings
    assert dialogs.warnings == []
    assert window.catalog.library("acme-legal") is not None
    assert [lib.id for lib in window.catalog.libraries].count("acme-legal") == 1
