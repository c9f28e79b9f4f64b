"""GUI fixtures: message boxes never block (they are recorded and answered), documents come
from the answer fixtures, and every window is closed by pytest-qt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox

from socialpolicy.checks import Finding
from tests.conftest import answers_for, make_project_file

__all__ = ["answers_for", "make_project_file"]

Button = QMessageBox.StandardButton


@dataclass
class Dialogs:
    """What message boxes were shown, and how the next question is answered."""

    warnings: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answers: list[Button] = field(default_factory=list)  # answers to give, in order
    default: Button = Button.Discard

    def answer(self) -> Button:
        return self.answers.pop(0) if self.answers else self.default


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def warning(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Button:
        record.warnings.append(text)
        return Button.Ok

    def question(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Button:
        record.questions.append(text)
        return record.answer()

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: None))
    return record


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    from socialpolicy.gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.session.history.set_clean()


def finding(window: Any, rule: str, clause: str | None = None) -> Finding | None:
    """The first finding of ``rule`` (on ``clause``) in the window's last report."""
    report = window.report
    assert report is not None
    return next(
        (f for f in report.findings if f.rule == rule and (clause is None or f.clause == clause)), None
    )


def settle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=30000)


def libraries_loaded(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.controller.loading_libraries, timeout=30000)


# -- team library files for the library tests ---------------------------------------------------------

META = {"id": "acme", "title": "Acme approved clauses", "version": "1", "publisher": "Acme Legal"}


def library_clause(cid: str, body: str, version: int = 1, **extra: Any) -> dict[str, Any]:
    """A clause of a library file, in file shape."""
    return {
        "id": cid,
        "version": version,
        "title": f"Title of {cid}",
        "topic": "purpose-scope",
        "body": body,
        "rationale": "Approved wording.",
        **extra,
    }


def write_library(path: Path, clauses: list[dict[str, Any]], lib_id: str = "acme") -> Path:
    meta = {**META, "id": lib_id}
    path.write_text(
        json.dumps(
            {"format": "socialpolicy.clauses", "format_version": 1, "library": meta, "clauses": clauses}
        ),
        encoding="utf-8",
    )
    return path
