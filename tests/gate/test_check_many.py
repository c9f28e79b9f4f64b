"""``socialpolicy check PATH...``: many files and folders in one process, one summary, the exit status
that ``--fail-on`` asks for, and the single-file output that scripts read kept byte for byte."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest

from socialpolicy import checks
from socialpolicy.checks.fixes import verify
from socialpolicy.checks.report import format_text
from socialpolicy.cli import json_safe, terminal_safe
from socialpolicy.library import Catalog
from socialpolicy.workspace import load_document
from tests.conftest import ROOT
from tests.gate.conftest import RISKY_MD, run


def _old_check(path: Path, fmt: str) -> tuple[int, str]:
    """What ``check FILE`` printed before it took many paths (the code of that command, kept here)."""
    loaded = load_document(path, Catalog.configured([]))
    options = checks.Options(jurisdictions=loaded.default_jurisdictions, sector=None, standard="stericycle")
    report = checks.run(loaded.document, options, catalog=loaded.catalog, source=str(path))
    as_found = loaded.document.source_kind if loaded.document.source_kind != "project" else None
    report = verify(report, loaded.project, loaded.catalog, loaded.template, options, as_found=as_found)
    if loaded.note:
        report.note = loaded.note
    if fmt == "json":
        text = json_safe(json.dumps(report.to_dict(), indent=2, ensure_ascii=False)) + "\n"
    else:
        text = terminal_safe(format_text(report)) + "\n"
    return (1 if report.has_errors else 0), text


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", ["project", "risky"])
def test_one_file_prints_what_it_always_printed(
    name: str, fmt: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / ("policies/social.policy.json" if name == "project" else "policies/risky.md")
    expected_code, expected = _old_check(path, fmt)
    code, out, err = run(capsys, "check", str(path), *(["--format", "json"] if fmt == "json" else []))
    assert (code, out, err) == (expected_code, expected, "")


def test_a_folder_is_checked_in_one_run_with_one_summary(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "policies")
    assert code == 1 and err == ""
    lines = out.splitlines()
    # Each file once, in name order, the repository's README left out; one summary at the end.
    heads = [line.split(":")[0] for line in lines if line and not line.startswith((" ", "Note", "Checked"))]
    assert heads == ["policies/charter.policy.json", "policies/risky.md", "policies/social.policy.json"]
    assert "  5:1 error   [nlra.confidential-pay]" in out
    assert lines[-1].startswith("Checked 3 files: ") and "1 file failing on errors." in lines[-1]
    assert sum(1 for line in lines if line.startswith("Checked")) == 1
    assert "Note (1 file): no jurisdiction was given" in out


def test_files_and_folders_mix_and_a_file_named_twice_is_checked_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "policies/risky.md", "policies", "--format", "json")
    data = json.loads(out)
    assert [f["input"] for f in data["files"]] == [
        "policies/risky.md",
        "policies/charter.policy.json",
        "policies/social.policy.json",
    ]
    assert data["counts"]["files"] == 3 and data["exit"] == code == 1
    risky = data["files"][0]
    assert set(risky) >= {"input", "findings", "counts", "coverage"}
    pay = next(f for f in risky["findings"] if f["rule"] == "nlra.confidential-pay")
    assert pay["region"]["line"] == 5 and pay["fails"] is True


def test_an_unusable_file_is_named_and_the_others_are_still_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "policies" / "broken.policy.json").write_text("{ not json", encoding="utf-8")
    (repo / "empty").mkdir()
    code, out, err = run(capsys, "check", "policies", "empty", "missing.md")
    assert code == 2
    err_lines = err.splitlines()
    assert len(err_lines) == 3 and all(line.startswith("socialpolicy: ") for line in err_lines)
    assert any("policies/broken.policy.json" in line for line in err_lines)
    assert any("empty: no policies" in line for line in err_lines)
    assert any("missing.md: file not found" in line for line in err_lines)
    assert "policies/risky.md: 3 errors" in out and "3 files could not be checked" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    "fail_on,code",
    [("error", 1), ("warning", 1), ("never", 0)],
)
def test_fail_on(fail_on: str, code: int, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "policies", "--fail-on", fail_on)[0] == code


def test_fail_on_warning_fails_a_file_with_warnings_only(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "warn.md").write_text(
        RISKY_MD.replace("must not discuss wages", "may discuss wages"), encoding="utf-8"
    )
    (repo / "socialpolicy.toml").write_text('disable = ["nlra.*", "jurisdiction.*"]\n', encoding="utf-8")
    assert run(capsys, "check", "warn.md", "--fail-on", "error")[0] == 0
    assert run(capsys, "check", "warn.md", "--fail-on", "warning")[0] == 1


def test_output_file_holds_the_report_and_the_terminal_the_summary(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "policies", "--format", "sarif", "-o", "results.sarif")
    assert code == 1
    assert out.startswith("Checked 3 files: ") and out.rstrip().endswith("Wrote results.sarif.")
    assert json.loads((repo / "results.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    code, _, err = run(capsys, "check", "policies/risky.md", "-o", "policies/risky.md")
    assert code == 2 and "would overwrite the input" in err


def test_single_file_json_to_a_file_is_the_same_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, printed, _ = run(capsys, "check", "policies/risky.md", "--format", "json")
    run(capsys, "check", "policies/risky.md", "--format", "json", "-o", "r.json")
    assert (repo / "r.json").read_text(encoding="utf-8") == printed


def test_folder_of_fifty_policies_in_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(50):
        (folder / f"p{i:02d}.md").write_text(RISKY_MD.replace("Rules", f"Rules {i}"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(folder), "--format", "json")
    data = json.loads(out)
    assert code == 1 and len(data["files"]) == 50 and data["counts"]["files"] == 50
    assert data["counts"]["error"] == 50 * 3  # pay, criticism, monitoring notice


def _hook() -> dict[str, str]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert entries[0].startswith("- id: ")
    fields = {}
    for line in entries:
        key, _, value = line.lstrip("- ").partition(":")
        fields[key.strip()] = value.strip().strip("'")
    return fields


def test_the_pre_commit_hook_runs_one_check_over_the_policies() -> None:
    hook = _hook()
    assert hook["id"] == "socialpolicy-check" and hook["entry"] == "socialpolicy check"
    assert hook["language"] == "python" and hook["require_serial"] == "true"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for name in ("a.policy.json", "policies/b.md", "old/c.docx", "d.markdown"):
        assert files.search(name) and not exclude.search(name), name
    for name in ("README.md", "docs/CONTRIBUTING.md", "LICENSE.md", "p.clauses.json", "notes.txt"):
        assert not files.search(name) or exclude.search(name), name


def test_the_readme_ci_example_runs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [
        shlex.split(line.split("- run:", 1)[1], comments=True)
        for line in readme.splitlines()
        if "- run: socialpolicy check" in line
    ]
    assert len(commands) >= 2
    for argv in commands:
        argv = [a for a in argv if a != "."] if "--library" not in argv else argv[: argv.index("--library")]
        code, out, err = run(capsys, *argv[1:])
        assert code in (0, 1) and err == "" and "Checked 3 files" in out, (argv, err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_pipe_in_a_folder_is_named_not_read_nor_skipped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(repo / "policies" / "pipe.md")  # opening it for reading would block for ever
    code, out, err = run(capsys, "check", "policies")
    assert code == 2 and err == "socialpolicy: policies/pipe.md: is not a regular file\n"
    assert "Checked 3 files" in out


@pytest.mark.parametrize(
    "fmt,dry_runs", [("json", True), ("text", False), ("sarif", False), ("github", False)]
)
def test_fixes_are_tried_only_for_output_that_shows_them(
    fmt: str, dry_runs: bool, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dry run of every fix re-renders and re-checks the document: minutes at 3,000 clauses, for
    nothing in SARIF, JUnit, annotations or the many-file text, which do not show fixes."""
    from socialpolicy.checks import fixes

    calls: list[str] = []

    def counted(report: checks.Report, *args: object, **kwargs: object) -> checks.Report:
        calls.append(report.input)
        return report

    monkeypatch.setattr(fixes, "verify", counted)
    run(capsys, "check", "policies", "--format", fmt)
    assert bool(calls) is dry_runs
    calls.clear()
    run(capsys, "check", "policies/risky.md")  # one file, as text: the report shows its fixes
    assert calls == ["policies/risky.md"]
