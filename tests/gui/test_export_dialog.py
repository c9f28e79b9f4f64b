"""The export dialog: each format, failures as messages, and an export fixed when it starts."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _settle(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=30000)


def test_switching_the_format_during_an_export_reports_the_file_written(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    dialog = window.controller.export()
    dialog.set_format("md")
    out = tmp_path / "policy.md"
    dialog.path.setText(str(out))
    gate = threading.Event()
    window.controller.worker.submit(lambda _progress: gate.wait(30))  # keeps the export waiting its turn
    dialog.export_button.click()
    assert dialog.running and dialog.status.text() == "Exporting to policy.md…"
    dialog.set_format("pdf")  # the author changes their mind while it runs
    assert dialog.path.text() == str(tmp_path / "policy.pdf")
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        gate.set()
    assert blocker.args == [True, ""]
    assert dialog.status.text() == f"Exported to {out}"
    assert dialog.finished_job is not None and dialog.finished_job.key == "md"
    assert out.read_text(encoding="utf-8").startswith("---") or "# Riverside" in out.read_text(
        encoding="utf-8"
    )
    assert not (tmp_path / "policy.pdf").exists()  # nothing was printed to the file now in the box
    dialog.reject()


def test_export_for_review_uses_the_last_report(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    report = window.report
    assert report is not None and window.session.report_is_current
    calls: list[object] = []
    import socialpolicy.checks as checks

    real = checks.run
    monkeypatch.setattr(checks, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    dialog = window.controller.export()
    dialog.set_format("docx-review")
    dialog.path.setText(str(tmp_path / "review.docx"))
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        dialog.export_button.click()
    ok, message = blocker.args
    if not ok and "not available" in message:
        pytest.skip(message)
    assert ok, message
    assert calls == []  # no second check: the session's report went into the comments
    assert dialog.finished_job.findings == tuple(report.findings)
    dialog.reject()
