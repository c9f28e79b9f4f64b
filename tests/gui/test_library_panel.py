"""The clause library panel: search, filters, insert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from socialpolicy import edits
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def test_library_search_filter_and_insert(qtbot: Any, window: MainWindow, project_file: Path) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    lib = window.library
    lib.search.setText("market")
    visible = lib.visible_clauses()
    assert visible and all(
        "market" in (c.title + c.body + c.rationale + c.topic + c.id + " ".join(c.tags)).lower()
        for c in visible
    )
    lib.search.clear()
    lib.jurisdiction.setCurrentIndex(lib.jurisdiction.findData("us"))
    assert all(not c.jurisdictions or "us" in c.jurisdictions for c in lib.visible_clauses())
    lib.jurisdiction.setCurrentIndex(0)
    candidate = next(c for c in lib.visible_clauses() if c.id not in window.session.present())
    for i in range(lib.list.count()):
        if lib.list.item(i).data(Qt.ItemDataRole.UserRole) == (candidate.library, candidate.id):
            lib.list.setCurrentRow(i)
    assert candidate.rationale[:40] in lib.details.toPlainText()
    lib.insert_button.click()
    assert edits.find_ref(window.project, candidate.id) is not None
    assert window.document.block(candidate.id) is not None
