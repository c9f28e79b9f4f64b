"""The log file: unexpected exceptions are written there with their traceback, and a folder that cannot be
written never stops the program."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy import logs


def _boom() -> None:
    raise ValueError("the widget fell over")


def test_unexpected_exception_is_logged_with_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(logs.ENV_VAR, str(tmp_path / "logs"))
    try:
        _boom()
    except ValueError as exc:
        path = logs.log_unexpected(exc, "opening policy.json")
    assert path == tmp_path / "logs" / logs.FILE_NAME
    text = path.read_text(encoding="utf-8")
    assert "unexpected error while opening policy.json" in text
    assert "Traceback (most recent call last)" in text and "_boom" in text
    assert "ValueError: the widget fell over" in text


def test_unwritable_log_folder_gives_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.ENV_VAR, str(blocker / "logs"))
    assert logs.log_unexpected(RuntimeError("x")) is None
