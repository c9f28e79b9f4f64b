"""Paths that are not ordinary files, and writes that fail: one clear line and exit 2, never a hang or a
traceback."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from socialpolicy.cli import main
from tests.robustness.make_corpus import PROJECT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    _, err = capsys.readouterr()
    return code, err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.policy.json"
    path.write_text(json.dumps(PROJECT), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_output_that_is_a_folder(
    fmt: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, err = run(capsys, "export", str(project), "--format", fmt, "-o", str(folder))
    assert code == 2 and err == f"socialpolicy: {folder}: the output is a folder; give a file name\n"
    assert (
        list(folder.iterdir()) == [] and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    )
    code, err = run(capsys, "new", "governance-charter", "--defaults", "-o", str(folder))
    assert code == 2 and "the output is a folder" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
@pytest.mark.parametrize(
    "name,argv",
    [
        ("pipe.clauses.json", ["library", "validate"]),
        ("pipe.policy.json", ["check"]),
        ("pipe.md", ["check"]),
        ("pipe.docx", ["check"]),
    ],
)
def test_a_named_pipe_is_refused_without_reading_it(
    name: str, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)  # opening it for reading would block for ever
    code, err = run(capsys, *argv, str(pipe))
    assert code == 2 and err == f"socialpolicy: {pipe}: is not a regular file\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "endless.clauses.json"
    link.symlink_to("/dev/zero")
    code, err = run(capsys, "library", "validate", str(tmp_path))
    assert code == 2 and err == f"socialpolicy: {link}: is not a regular file\n"


def test_a_failing_write_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new.policy.json"

    def full_disk(path: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("socialpolicy.jsonio.atomic_write_text", full_disk)
    code, err = run(capsys, "new", "governance-charter", "--defaults", "-o", str(out))
    assert code == 2 and err == f"socialpolicy: {out}: No space left on device\n"
    assert not out.exists()
