"""Start-up pays only for what the command uses (issue 17): `--help` loads none of the heavy libraries, and
`check` of a project loads no Word, Qt, Markdown-importer or explaining-validator code; the app's main window
loads no Word code. Each runs in a fresh interpreter, as a user's command does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

HEAVY = (
    "docx",
    "lxml",
    "PySide6",
    "jsonschema",
    "referencing",
    "jinja2",
    "markdown",
    "rapidfuzz",
    "ahocorasick",
)


def loaded_after(code: str, *, env: dict[str, str] | None = None) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    return {
        m.split(".")[0] if not m.startswith("socialpolicy") else m
        for m in json.loads(done.stdout.splitlines()[-1])
    }


def assert_absent(loaded: set[str], *modules: str) -> None:
    found = sorted(set(modules) & loaded)
    assert not found, f"loaded without need: {found}"


def test_help_loads_none_of_the_heavy_libraries() -> None:
    code = "from socialpolicy.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = loaded_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "socialpolicy.checks" not in loaded and "socialpolicy.library" not in loaded
    # argparse measures the terminal for each argument it adds; we measure it without shutil.
    assert_absent(loaded, "shutil")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from socialpolicy.cli import main

    path = tmp_path_factory.mktemp("startup") / "p.policy.json"
    answers = DATA / "answers" / "social-media-policy" / "uk-charity.json"
    assert main(["new", "social-media-policy", "--answers", str(answers), "-o", str(path)]) == 0
    return path


def test_check_of_a_project_loads_only_what_checking_needs(project: Path) -> None:
    code = f"from socialpolicy.cli import main\nmain(['check', {str(project)!r}])"
    loaded = loaded_after(code)
    assert_absent(
        loaded, "docx", "lxml", "PySide6", "jsonschema", "referencing", "socialpolicy.importers.markdown"
    )
    assert "socialpolicy.checks.nlra" in loaded  # (it did check)
    assert_absent(loaded, "socialpolicy.checks.learned")  # (the learned reading reads text as found only)


def test_export_of_markdown_loads_no_word_or_checker_code(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.md"
    code = f"from socialpolicy.cli import main\nmain(['export', {str(project)!r}, '--format', 'md', '-o', {str(out)!r}])"
    loaded = loaded_after(code)
    assert_absent(
        loaded,
        "docx",
        "lxml",
        "PySide6",
        "jsonschema",
        "socialpolicy.checks.nlra",
        "socialpolicy.export.docx",
    )
    assert out.is_file()


def test_the_main_window_loads_no_word_code() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = (
        "from socialpolicy.gui.app import application\napp = application()\n"
        "from socialpolicy.gui.main_window import MainWindow"
    )
    loaded = loaded_after(code, env=env)
    assert_absent(loaded, "docx", "socialpolicy.export.docx", "socialpolicy.review", "jsonschema")


def test_export_of_word_loads_no_checker_jinja_or_qt_code(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.docx"
    code = (
        f"from socialpolicy.cli import main\n"
        f"main(['export', {str(project)!r}, '--format', 'docx', '--no-layout', '-o', {str(out)!r}])"
    )
    loaded = loaded_after(code)
    checker = sorted(m for m in loaded if m == "socialpolicy.checks" or m.startswith("socialpolicy.checks."))
    assert not checker, f"loaded without need: {checker}"
    assert_absent(loaded, "PySide6", "jsonschema", "referencing", "socialpolicy.library_tools")
    # The built-in clauses and conditions are all in the forms the sandbox reads without Jinja.
    assert_absent(loaded, "jinja2", "socialpolicy.sandbox_engine")
    # A plain export on our own reference is written without python-docx (socialpolicy.export.docx_lite).
    assert_absent(loaded, "docx", "socialpolicy.office")
    # Its clause texts are all paragraphs, lists, tables, strong runs and links that markup.plain_blocks
    # builds itself: Python-Markdown is not imported.
    assert_absent(loaded, "markdown")
    # A project the program wrote is proved valid by formats' plain checks: no compiled validator.
    assert_absent(loaded, "jsonschema_rs")
    # A UK policy needs no spelling lists, a plain export no diff, and Word no HTML escaping.
    assert_absent(loaded, "breame", "difflib", "html")
    # Ids and names are hashed without OpenSSL, and the file is saved without tempfile (and random).
    assert_absent(loaded, "_hashlib", "hashlib", "tempfile", "random")
    assert "socialpolicy.export.docx" in loaded and out.is_file()


def test_a_default_word_export_without_libreoffice_loads_no_python_docx(
    project: Path, tmp_path: Path
) -> None:
    """Without LibreOffice the layout pass cannot run: the export says so and writes the fast package, as
    --no-layout does, instead of reading it back into python-docx for nothing."""
    out = tmp_path / "p.docx"
    code = (
        "from socialpolicy import office\n"
        "office.available = lambda: False\n"
        "from socialpolicy.cli import main\n"
        f"assert main(['export', {str(project)!r}, '--format', 'docx', '-o', {str(out)!r}]) == 0\n"
    )
    loaded = loaded_after(code)
    assert_absent(loaded, "docx")
    assert out.is_file() and out.stat().st_size > 10_000


@pytest.mark.parametrize("columns", ["", "0", "abc", "57", "200"])
def test_the_help_is_as_wide_as_shutil_would_make_it(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from socialpolicy.cli import terminal_columns

    monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    monkeypatch.delenv("COLUMNS")
    assert terminal_columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("text", ["", "abc", "Acme’s policy\u00a0— 1.2", "x" * 100_000])
def test_the_digests_are_hashlibs(text: str) -> None:
    import hashlib

    from socialpolicy import digest

    assert digest.sha1_hex(text) == hashlib.sha1(text.encode("utf-8")).hexdigest()
    assert digest.sha256_hex(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
