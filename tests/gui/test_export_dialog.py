"""The export dialog: each format, failures as messages, and an export fixed when it starts."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


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


@pytest.mark.parametrize("key", ["md", "html", "pdf", "docx", "docx-review"])
def test_export_each_format(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path, key: str
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    dialog = window.controller.export()
    dialog.set_format(key)
    suffix = {"md": ".md", "html": ".html", "pdf": ".pdf"}.get(key, ".docx")
    assert dialog.path.text().endswith(suffix)
    out = tmp_path / f"out-{key}{suffix}"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        dialog.export_button.click()
    ok, message = blocker.args
    if key.startswith("docx") and not ok:
        try:
            import socialpolicy.export.docx  # noqa: F401
        except ImportError:
            assert (
                message
                == "Word export is not available in this installation yet (the Word exporter could not be loaded)."
            )
            assert dialog.status.text() == message and not dialog.open_button.isEnabled()
            pytest.skip("the Word exporter is not in this checkout yet; the dialog said so clearly")
    assert ok, message
    assert dialog.open_button.isEnabled()
    data = out.read_bytes()
    if key == "md":
        text = data.decode("utf-8")
        assert (
            "\n# Riverside Social Media Policy\n" in text and "You never need to ask before posting" in text
        )
    elif key == "html":
        text = data.decode("utf-8")
        assert (
            "<title>Riverside Social Media Policy</title>" in text and 'id="cl-smp-purpose-statement"' in text
        )
    elif key == "pdf":
        assert data.startswith(b"%PDF") and len(data) > 5000
    else:
        assert data.startswith(b"PK")
    dialog.reject()


def test_export_failure_is_a_message(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path
) -> None:
    assert window.controller.open_path(project_file)
    dialog = window.controller.export()
    dialog.set_format("md")
    dialog.path.setText(str(tmp_path / "no-such-folder" / "out.md"))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.export_button.click()
    ok, message = blocker.args
    assert not ok and message.startswith("Could not write the file")
    assert not dialog.open_button.isEnabled()
    dialog.reject()


def _dialog(qtbot: Any, window: MainWindow, project_file: Path) -> Any:
    """The export dialog over the fixture project, once it is open and checked."""
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    dialog = window.controller.export()
    assert dialog is not None
    return dialog


def test_export_onto_an_existing_file_asks_first(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path, dialogs: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog = _dialog(qtbot, window, project_file)
    dialog.set_format("md")
    out = tmp_path / "policy.md"
    out.write_text("the clean copy someone already sent", encoding="utf-8")
    dialog.path.setText(str(out))
    dialogs.answers = [QMessageBox.StandardButton.No]
    dialog.export_button.click()
    assert dialogs.questions == [f"policy.md already exists in {tmp_path}. Replace it with this export?"]
    assert not dialog.running and "Not exported" in dialog.status.text()
    assert out.read_text(encoding="utf-8") == "the clean copy someone already sent"
    dialogs.answers = [QMessageBox.StandardButton.Yes]
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        dialog.export_button.click()
    assert blocker.args == [True, ""] and len(dialogs.questions) == 2
    assert "Riverside" in out.read_text(encoding="utf-8")
    dialog.reject()


def test_review_copy_clean_copy_and_pdf_have_their_own_names_and_the_engine_is_named(
    qtbot: Any, window: MainWindow, project_file: Path
) -> None:
    dialog = _dialog(qtbot, window, project_file)
    stem = str(project_file.parent / project_file.name.removesuffix(".policy.json"))
    assert dialog.path.text() == stem + ".docx"
    dialog.set_format("docx-review")
    assert dialog.path.text() == stem + "-for-review.docx"
    assert dialog.engine.isHidden()
    dialog.set_format("pdf")
    assert dialog.path.text() == stem + ".pdf"
    assert not dialog.engine.isHidden()
    assert "LibreOffice is not installed" in dialog.engine.text()  # the tests run without it
    dialog.set_format("docx")
    assert dialog.path.text() == stem + ".docx"
    dialog.reject()


def test_the_dialog_warns_when_the_document_still_has_errors(
    qtbot: Any, window: MainWindow, project_file: Path
) -> None:
    dialog = _dialog(qtbot, window, project_file)
    dialog.reject()
    cid = window.project.sections[0].clauses[1].clause
    window.controller.commit_text(cid, "Who this covers", "Ask [Company Name] before you post.")
    qtbot.waitUntil(lambda: window.session.report_is_current, timeout=30000)
    dialog = window.controller.export()
    assert not dialog.warning.isHidden()
    assert "still finds" in dialog.warning.text() and "do not publish" in dialog.warning.text()
    dialog.reject()


def test_pdf_through_libreoffice_says_so(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path, office: None
) -> None:
    dialog = _dialog(qtbot, window, project_file)
    dialog.set_format("pdf")
    assert "made by LibreOffice from the Word file" in dialog.engine.text()
    out = tmp_path / "policy.pdf"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=180000) as blocker:
        dialog.export_button.click()
    assert blocker.args == [True, ""]
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.status.text().startswith(f"Exported to {out} (PDF made by LibreOffice)")
    dialog.reject()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed")
def test_qt_pdf_keeps_numbers_apart_from_titles(qtbot: Any, project_file: Path, tmp_path: Path) -> None:
    from socialpolicy import workspace
    from socialpolicy.export.html import to_html
    from socialpolicy.gui.dialogs.export import print_pdf
    from socialpolicy.library import Catalog
    from socialpolicy.project import load_project

    doc = workspace.render_project(load_project(project_file), Catalog.default(), "project")
    out = tmp_path / "qt.pdf"
    print_pdf(to_html(doc), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "1.1 Why we have this policy" in text and "1.1Why" not in text
    assert "1. About this policy" in text


def test_the_progress_bar_appears_only_once_an_export_starts(
    qtbot: Any, window: MainWindow, project_file: Path, tmp_path: Path
) -> None:
    assert window.controller.open_path(project_file)
    _settle(qtbot, window)
    dialog = window.controller.export()
    assert dialog is not None
    assert dialog.progress.isHidden()
    dialog.set_format("md")
    dialog.path.setText(str(tmp_path / "policy.md"))
    dialog.start()
    assert not dialog.progress.isHidden()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30000)
    assert (tmp_path / "policy.md").is_file() and dialog.progress.value() == 1
    dialog.reject()
