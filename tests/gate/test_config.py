"""The project config file (``socialpolicy.toml`` or ``[tool.socialpolicy]`` in ``pyproject.toml``): found by
walking up from each checked file, each key honoured, the command line winning, mistakes named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.gate.conftest import run


def _findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, "check", *args, "--format", "json")
    assert err == "", err
    return code, json.loads(out)


def _rules(report: dict[str, Any]) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in report["findings"]}


def _config(repo: Path, text: str, name: str = "socialpolicy.toml") -> Path:
    path = repo / name
    path.write_text(text, encoding="utf-8")
    return path


RISKY = "policies/risky.md"


def test_without_a_config_every_jurisdiction_applies(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = _findings(capsys, RISKY)
    rules = _rules(report)
    assert rules["nlra.confidential-pay"] == "error" and rules["jurisdiction.monitoring-notice"] == "error"
    assert "every jurisdiction" in report["note"]


def test_jurisdictions_from_the_file_and_the_command_line_wins(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _config(repo, 'jurisdictions = ["us"]\n')
    _, report = _findings(capsys, RISKY)
    rules = _rules(report)
    assert "nlra.confidential-pay" in rules and "jurisdiction.monitoring-notice" not in rules
    assert report["note"] == f"settings from {repo / 'socialpolicy.toml'}"  # not "every jurisdiction"
    _, report = _findings(capsys, RISKY, "--jurisdiction", "eu")
    rules = _rules(report)
    assert "nlra.confidential-pay" not in rules and "jurisdiction.monitoring-notice" in rules


def test_sector_from_the_file_and_the_command_line_wins(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _config(repo, 'jurisdictions = ["us"]\nsector = "public"\n')
    _, report = _findings(capsys, RISKY)
    rules = _rules(report)
    assert "public.speech-ban" in rules and not any(r.startswith("nlra.") for r in rules)
    assert "outside the NLRA" in report["note"]
    _, report = _findings(capsys, RISKY, "--sector", "general")
    assert "nlra.confidential-pay" in _rules(report)


def test_standard_from_the_file_and_the_command_line_wins(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _config(repo, 'standard = "boeing"\n')
    _, report = _findings(capsys, RISKY)
    assert _rules(report)["nlra.disparagement"] == "warning"  # an error under Stericycle
    _, report = _findings(capsys, RISKY, "--standard", "stericycle")
    assert _rules(report)["nlra.disparagement"] == "error"


def test_libraries_relative_to_the_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "lib").mkdir()
    (repo / "lib" / "org.clauses.json").write_text(
        json.dumps(
            {
                "format": "socialpolicy.clauses",
                "format_version": 1,
                "library": {"id": "acme", "title": "Acme legal", "version": "3"},
                "clauses": [
                    {
                        "id": "acme.hello",
                        "version": 2,
                        "title": "Hello",
                        "topic": "purpose-scope",
                        "body": "Hi.",
                        "rationale": "Because.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    project = {
        "format": "socialpolicy.project",
        "format_version": 1,
        "template": {"id": "imported", "version": "0"},
        "metadata": {"title": "Acme policy"},
        "answers": {},
        "sections": [
            {
                "id": "intro",
                "title": "Introduction",
                "clauses": [{"clause": "acme.hello", "library": "acme", "version": 2}],
            }
        ],
        "custom_clauses": [],
    }
    (repo / "acme").mkdir()
    path = repo / "acme" / "uses-acme.policy.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and "clause 'acme.hello' is not in library 'acme'" in err
    _config(repo, 'libraries = ["lib/org.clauses.json"]\n')
    # The library's path is relative to the config file, whatever the working folder.
    code, out, err = run(capsys, "check", str(path))
    assert code == 0 and err == "" and f"Checked {path}" in out


def test_disable_a_rule_or_a_family(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config(repo, 'disable = ["nlra.confidential-pay"]\n')
    rules = _rules(_findings(capsys, RISKY)[1])
    assert "nlra.confidential-pay" not in rules and "nlra.disparagement" in rules
    _config(repo, 'disable = ["nlra.*", "jurisdiction.*"]\n')
    code, report = _findings(capsys, RISKY)
    assert code == 0 and not any(r.startswith(("nlra.", "jurisdiction.")) for r in _rules(report))


def test_severity_changed_for_a_rule_or_a_family(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config(repo, '[severity]\n"nlra.confidential-pay" = "info"\n"jurisdiction.*" = "warning"\n')
    code, report = _findings(capsys, RISKY)
    rules = _rules(report)
    assert rules["nlra.confidential-pay"] == "info" and rules["nlra.disparagement"] == "error"
    assert rules["jurisdiction.monitoring-notice"] == "warning"
    severities = [f["severity"] for f in report["findings"]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)  # still in order
    assert report["counts"]["info"] == 1 and code == 1


def test_exclude_leaves_files_out_of_a_folder_walk(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config(repo, 'exclude = ["policies/risky.md", "*.policy.json"]\n')
    (repo / "policies" / "other.md").write_text(
        "# Other\n\n## Purpose\n\nWhy we have this.\n", encoding="utf-8"
    )
    _, data = _findings(capsys, "policies")
    assert [f["input"] for f in data["files"]] == ["policies/other.md"]
    _, report = _findings(capsys, RISKY)  # a file named on the command line is checked all the same
    assert report["input"] == RISKY


def test_pyproject_table_and_which_file_wins(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config(repo, '[project]\nname = "x"\n\n[tool.socialpolicy]\njurisdictions = ["us"]\n', "pyproject.toml")
    rules = _rules(_findings(capsys, RISKY)[1])
    assert "jurisdiction.monitoring-notice" not in rules
    # A pyproject.toml without the table is passed over on the way up, even a broken one.
    _config(repo, '[project]\nname = "inner\n', "policies/pyproject.toml")
    report = _findings(capsys, RISKY)[1]
    assert "jurisdiction.monitoring-notice" not in _rules(report) and "[tool.socialpolicy]" in report["note"]
    # socialpolicy.toml nearer the file wins; in one folder it wins over pyproject.toml.
    _config(repo, 'jurisdictions = ["eu"]\n', "policies/socialpolicy.toml")
    rules = _rules(_findings(capsys, RISKY)[1])
    assert "jurisdiction.monitoring-notice" in rules and "nlra.confidential-pay" not in rules


def test_each_file_gets_the_config_above_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "us").mkdir()
    (repo / "us" / "risky.md").write_text((repo / RISKY).read_text(encoding="utf-8"), encoding="utf-8")
    _config(repo, 'jurisdictions = ["us"]\n', "us/socialpolicy.toml")
    _, data = _findings(capsys, RISKY, "us/risky.md")
    eu_rules, us_rules = (_rules(f) for f in data["files"])
    assert "jurisdiction.monitoring-notice" in eu_rules and "jurisdiction.monitoring-notice" not in us_rules
    assert data["files"][1]["config"] == str(repo / "us" / "socialpolicy.toml")


@pytest.mark.parametrize(
    "text,message",
    [
        ("jurisdiction = ['us']\n", "socialpolicy.toml: at jurisdiction: unknown setting 'jurisdiction'"),
        ("jurisdictions = ['fr']\n", "at jurisdictions: 'fr' is not one of us, uk, eu"),
        ("sector = 'banking'\n", "at sector: 'banking' is not one of general"),
        ("disable = ['nlra.no-such-rule']\n", "at disable: 'nlra.no-such-rule' is not a rule of the checker"),
        ("[severity]\n'terms.unused' = 'fatal'\n", "at severity.terms.unused: 'fatal' is not one of error"),
        ("libraries = 'lib'\nlibraries = 'x'\n", "is not valid TOML"),
        ("libraries = ['missing.clauses.json']\n", "missing.clauses.json"),
    ],
)
def test_mistakes_in_the_file_are_one_line_naming_it(
    text: str, message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(repo, text)
    code, out, err = run(capsys, "check", RISKY)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err
    if "TOML" in message or "at " in message:
        assert str(config) in err
    # In a run over a folder: named once per file, the run goes on, exit 2.
    code, out, err = run(capsys, "check", "policies")
    assert code == 2 and message in err and "Checked 0 files" in out
