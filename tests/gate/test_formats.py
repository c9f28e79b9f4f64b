"""The formats CI systems read: SARIF 2.1.0 (validated against the official schema in tests/data/sarif),
JUnit XML (read back with junitparser, as CI plug-ins do), GitHub Actions annotations; and the regions
that put each finding on its line in Markdown, Word and project files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import DATA
from tests.gate.conftest import run

SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(capsys: pytest.CaptureFixture[str], *paths: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "check", *paths, "--format", "sarif")
    data: dict[str, Any] = json.loads(out)
    assert code in (0, 1, 2)
    return data


def _validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def _with_gag(repo: Path) -> dict[str, Any]:
    """The default social media policy with a custom clause that bans talk about pay (an NLRA error)."""
    data: dict[str, Any] = json.loads((repo / "policies" / "social.policy.json").read_text(encoding="utf-8"))
    data.setdefault("custom_clauses", []).append(
        {
            "id": "gag",
            "version": 1,
            "title": "Pay",
            "topic": "imported",
            "body": "Employees must not discuss wages or working conditions on social media.",
            "rationale": "r",
        }
    )
    data["sections"][1]["clauses"].append({"clause": "gag", "library": "project", "version": 1})
    return data


def test_the_vendored_schema_is_the_official_one() -> None:
    assert SARIF_SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    # It rejects what is not SARIF: the test below could not pass on anything.
    with pytest.raises(AssertionError):
        _validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]})


def test_sarif_of_a_repository_validates_and_puts_findings_on_lines(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "policies" / "broken.policy.json").write_text("[]", encoding="utf-8")
    log = _sarif(capsys, "policies")
    _validate(log)
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    results = run_["results"]
    assert driver["name"] == "socialpolicy" and results
    rule_ids = [r["id"] for r in driver["rules"]]
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
    by_rule = {
        r["ruleId"]: r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "policies/risky.md"
    }
    pay = by_rule["nlra.confidential-pay"]
    region = pay["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (5, 1)
    assert region["snippet"]["text"].startswith("Employees must not discuss wages")
    assert pay["level"] == "error" and "NLRA" in pay["message"]["text"]
    criticise = by_rule["nlra.disparagement"]["locations"][0]["physicalLocation"]["region"]
    line5 = (repo / "policies" / "risky.md").read_text(encoding="utf-8").splitlines()[4]
    assert (
        line5[criticise["startColumn"] - 1 : criticise["endColumn"] - 1]
        == "You must never criticise the company."
    )
    monitoring = by_rule["jurisdiction.monitoring-notice"]["locations"][0]["physicalLocation"]["region"]
    assert monitoring["startLine"] == 9
    assert by_rule["coverage.missing-topic"]["level"] == "warning"
    # The file that could not be read is a notification, and the run says it did not finish cleanly.
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert "policies/broken.policy.json" in note["message"]["text"]


def test_sarif_places_project_and_word_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Social media policy", 0)
    word.add_heading("Rules", 1)
    word.add_paragraph("Be kind online.")
    word.add_paragraph("Employees must not discuss wages or working conditions on social media.")
    word.add_heading("Monitoring", 1)
    word.add_paragraph("We monitor all employee accounts.")
    word.save(str(repo / "policies" / "word.docx"))
    project = repo / "policies" / "custom.policy.json"
    data = _with_gag(repo)
    project.write_text(json.dumps(data, indent=2), encoding="utf-8")
    log = _sarif(capsys, "policies/word.docx", "policies/custom.policy.json")
    _validate(log)
    found = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r["locations"][0][
            "physicalLocation"
        ]["region"]
        for r in log["runs"][0]["results"]
    }
    # Word: the fourth paragraph of the body (title, heading, a paragraph, then this one).
    assert found["policies/word.docx", "nlra.confidential-pay"]["startLine"] == 4
    assert found["policies/word.docx", "jurisdiction.monitoring-notice"]["startLine"] == 6
    # A project: the line of the clause's entry in the file.
    lines = project.read_text(encoding="utf-8").splitlines()
    line = found["policies/custom.policy.json", "nlra.confidential-pay"]["startLine"]
    assert '"clause": "gag"' in lines[line - 1]


def test_accepted_risks_are_suppressed_results(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = repo / "policies" / "custom.policy.json"
    data = _with_gag(repo)
    data["accepted_risks"] = [
        {
            "rule": "nlra.confidential-pay",
            "clause": "gag",
            "by": "Legal",
            "date": "2026-11-01",
            "reason": "Reviewed.",
        }
    ]
    project.write_text(json.dumps(data, indent=2), encoding="utf-8")
    log = _sarif(capsys, str(project))
    _validate(log)
    [pay] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "nlra.confidential-pay"]
    assert pay["suppressions"][0]["justification"] == "Accepted by Legal on 2026-11-01: Reviewed."


def test_junit_one_case_per_file_and_a_failure_per_failing_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from junitparser import Error, Failure, JUnitXml

    (repo / "policies" / "broken.policy.json").write_text("{", encoding="utf-8")
    code, _, _ = run(capsys, "check", "policies", "--format", "junit", "-o", "report.xml")
    assert code == 2
    xml = JUnitXml.fromfile(str(repo / "report.xml"))
    [suite] = list(xml)
    cases = {case.name: case for case in suite}
    assert set(cases) == {
        "policies/broken.policy.json",
        "policies/charter.policy.json",
        "policies/risky.md",
        "policies/social.policy.json",
    }
    assert suite.tests == 4 and suite.failures == 1 and suite.errors == 1
    risky = [r for r in cases["policies/risky.md"].result if isinstance(r, Failure)]
    assert sorted(r.message.split("]")[0][1:] for r in risky) == [
        "jurisdiction.monitoring-notice",
        "nlra.confidential-pay",
        "nlra.disparagement",
    ]  # (discussing pay "on social media" is not talking to the press: no nlra.media-contact)
    assert "policies/risky.md:5:1: error:" in risky[0].text
    assert "coverage.missing-topic" in cases["policies/risky.md"].system_out  # warnings: listed, not failing
    assert cases["policies/social.policy.json"].is_passed
    [error] = cases["policies/broken.policy.json"].result
    assert isinstance(error, Error) and "broken.policy.json" in error.message
    # Under --fail-on warning the warnings fail too.
    run(capsys, "check", "policies/risky.md", "--format", "junit", "--fail-on", "warning", "-o", "w.xml")
    [case] = list(next(iter(JUnitXml.fromfile(str(repo / "w.xml")))))
    assert len(case.result) == 3 + 13  # every error and warning fails


def test_github_annotations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "policies", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    pay = next(line for line in lines if "title=nlra.confidential-pay" in line)
    assert pay.startswith("::error file=policies/risky.md,line=5,col=1,endLine=5,endColumn=")
    head, message = pay.split("::", 2)[1:]
    assert "title=nlra.confidential-pay" in head
    assert message.startswith("Pay, benefits") and "%0AWhy: NLRA" in message and "\n" not in message
    assert any(line.startswith("::warning file=policies/risky.md,line=1,col=1,") for line in lines)
    assert lines[-1].startswith("Checked 3 files: ")
