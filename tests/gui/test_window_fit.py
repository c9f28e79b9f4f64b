"""The main window on a short screen: a dock layout saved on a taller one still leaves the status bar on it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def test_a_layout_from_a_tall_screen_puts_library_and_next_steps_in_tabs_on_a_short_one(
    qtbot: Any, window: Any, project_file: Any
) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.controller.open_path(project_file)  # (the docks show with a document)
    window.removeDockWidget(
        window.steps_dock
    )  # stacked under the library, as a layout saved at 1920x1080 has it
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.steps_dock)
    window.steps_dock.show()
    qtbot.wait(50)
    assert window.steps_dock not in window.tabifiedDockWidgets(window.library_dock)
    window.fit_docks(1080)  # room enough: the author's layout stays
    assert window.steps_dock not in window.tabifiedDockWidgets(window.library_dock)
    window.fit_docks(768)
    qtbot.waitUntil(
        lambda: window.steps_dock in window.tabifiedDockWidgets(window.library_dock), timeout=2000
    )
