"""The desktop app's open path gets the bad-input corpus: an error dialog with one clear message,
the current document and the file untouched, and the app still working afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox

from tests.conftest import digest
from tests.robustness.test_corpus import BAD, EXPECTED, GOOD_PROJECT, outcome

pytestmark = pytest.mark.gui

# Files the open dialog can be pointed at, and whose message comes from the file itself.
OPENABLE = [c for c in EXPECTED if ("check" in c["commands"] or "export" in c["commands"])]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return shown


def _opens(case: dict[str, Any]) -> bool:
    """The app opens what ``check`` accepts (hostile data the schema allows, or a document with errors)."""
    expect = outcome(case, "check")
    return expect is not None and expect["exit"] != 2


def test_open_refuses_every_bad_file_and_keeps_working(
    qtbot: Any, tmp_path: Path, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialpolicy.gui.main_window import MainWindow

    good = tmp_path / "good.policy.json"
    good.write_text(json.dumps(GOOD_PROJECT), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.controller.open_path(good)
    current = window.project
    assert len(OPENABLE) >= 50
    for case in OPENABLE:
        file = tmp_path / case["file"]
        file.write_bytes((BAD / case["file"]).read_bytes())
        before = digest(file)
        shown = len(warnings)
        if case.get("library"):
            monkeypatch.setenv("SOCIALPOLICY_LIBRARY_PATH", str(BAD / case["library"]))
        else:
            monkeypatch.delenv("SOCIALPOLICY_LIBRARY_PATH", raising=False)
        if _opens(case):
            assert window.controller.open_path(file), f"{case['file']}: {warnings[shown:]}"
            assert len(warnings) == shown, f"{case['file']}: {warnings[shown:]}"
            assert window.project is not current
            window.session.history.set_clean()
            assert window.controller.open_path(good)
            current = window.project
            continue
        assert window.controller.open_path(file) is False, case["file"]
        assert len(warnings) == shown + 1, f"{case['file']}: expected one error dialog"
        message = warnings[-1]
        assert str(file) in message and case["message"] in message and "Traceback" not in message, message
        assert "\n" not in message.strip()
        assert window.project is current, f"{case['file']} replaced the open document"
        assert digest(file) == before
        assert window.isVisible()
    assert window.controller.open_path(good)  # still working
    window.session.history.set_clean()
