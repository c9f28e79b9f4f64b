"""Style and types hold without anyone remembering: ruff and mypy run with the tests."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name  # the venv the tests run in, even when it is not on PATH
    return str(beside) if beside.exists() else shutil.which(name)


def _ruff() -> str | None:
    return _tool("ruff")


def test_ruff_is_clean() -> None:
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    result = subprocess.run(
        [ruff, "check", "socialpolicy", "tests", "tools"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    result = subprocess.run(
        [ruff, "format", "--check", "socialpolicy", "tests", "tools"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, "run 'ruff format' to fix:\n" + result.stdout + result.stderr


def test_mypy_finds_no_type_errors() -> None:
    mypy = _tool("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]' installs it)")
    result = subprocess.run([mypy], capture_output=True, text=True, cwd=ROOT)  # settings: [tool.mypy]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
