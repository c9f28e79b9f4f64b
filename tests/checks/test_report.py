"""The rule registry, the report for people and machines, accepted risks and the CLI contract."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from socialpolicy import checks
from socialpolicy.checks import FAMILIES, RULES, SEVERITIES, load_rules
from socialpolicy.checks.report import format_text
from socialpolicy.cli import main
from socialpolicy.model import AcceptedRisk
from socialpolicy.project import save_project
from tests.checks.helpers import add_custom, fixture_project, render_doc, run
from tests.conftest import DATA

RISKY = DATA / "checks" / "risky-policy.md"


def test_every_rule_is_documented() -> None:
    rules = load_rules()
    assert len(rules) >= 40
    families = {r.family for r in rules.values()}
    assert families == set(FAMILIES)
    for r in rules.values():
        assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", r.id) and r.severity in SEVERITIES
        assert len(r.explanation) > 80, r.id
        if r.family in ("nlra", "endorsements", "sector", "jurisdiction"):
            assert r.citation, r.id
    assert RULES["nlra.disparagement"].jurisdictions == ("us",)
    assert RULES["sector.finance-retention"].sectors == ("finance",)


def test_rules_file_is_checked_when_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rules.toml holds what every rule says; a typo there names the file and the rule, never a silent default."""
    text = checks.RULES_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "rules.toml"
    monkeypatch.setattr(checks, "RULES_FILE", bad)
    cases = [
        (
            '["nlra.disparagement"]',
            'severity = "error"',
            'severity = "fatal"',
            "[nlra.disparagement]: bad severity 'fatal'",
        ),
        ('["nlra.disparagement"]', "jurisdictions =", "jurisdiction =", "unknown keys ['jurisdiction']"),
        (
            '["nlra.media-contact".kinds.agency]',
            'profile = "settled"',
            'profile = "firm"',
            "a finding's profile is one of",
        ),
        (
            '["nlra.media-contact".kinds.ban]',
            "message =",
            "note =",
            "[nlra.media-contact]: a finding has a message",
        ),
    ]
    for entry, old, replacement, message in cases:
        start = text.index(entry)
        at = text.index(old, start)
        bad.write_text(text[:at] + replacement + text[at + len(old) :], encoding="utf-8")
        checks.rule_texts.cache_clear()
        try:
            with pytest.raises(ValueError, match=re.escape(message)):
                checks.rule_texts()
        finally:
            checks.rule_texts.cache_clear()
    monkeypatch.undo()
    # every rule the file describes has a check, and every check has its words in the file
    assert set(checks.rule_texts()) == set(load_rules())


def _accepted_project() -> tuple[checks.Report, checks.Report]:
    project = fixture_project("social-media-policy", "us-hospital")
    project = add_custom(
        project,
        "information",
        "seed.quiet",
        "Keep it quiet",
        "Employees must not post negative comments about the company.",
    )
    before = run(render_doc(project))
    risk = AcceptedRisk(
        "nlra.disparagement", "A. Lawyer", "2027-01-10", "Union agreement covers this", "seed.quiet"
    )
    after = run(render_doc(replace(project, accepted_risks=(risk,))))
    return before, after


def test_accepted_risk_stays_visible_but_is_not_an_error() -> None:
    before, after = _accepted_project()
    assert before.has_errors and before.counts()["error"] == 1
    assert not after.has_errors and after.counts()["error"] == 0 and after.counts()["accepted"] == 1
    accepted = [f for f in after.findings if f.accepted is not None]
    assert [f.rule for f in accepted] == ["nlra.disparagement"]
    data = after.to_dict()
    assert data["findings"][-1]["accepted"] == {
        "rule": "nlra.disparagement",
        "by": "A. Lawyer",
        "date": "2027-01-10",
        "reason": "Union agreement covers this",
        "clause": "seed.quiet",
    }
    text = format_text(after)
    assert "0 errors" in text and "1 accepted" in text
    assert "Accepted risks:\n  [nlra.disparagement] error: " in text
    assert "Accepted by A. Lawyer on 2027-01-10: Union agreement covers this" in text


def test_text_report_groups_by_severity_with_where_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(RISKY), "--jurisdiction", "us"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.index("Errors:") < out.index("Warnings:") < out.index("Notes:")
    assert "[nlra.disparagement] A ban on negative or damaging comments" in out
    assert "(2. Rules for posting, imp.rules-for-posting.protecting-the-company)" in out
    assert (
        "“Employees must not post negative comments about the company, its management or its products.”"
        in out
    )
    assert "Why: Three D, LLC d/b/a Triple Play Sports Bar" in out
    assert "Reason: Staff have a legal right to complain in public" in out
    assert "Suggestion: For example: 'Do not post threats, harassment" in out
    assert "Note:" not in out  # a jurisdiction was given


def test_json_report_and_note_for_found_documents(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(RISKY), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert set(report) == {"input", "findings", "counts", "coverage", "note"}
    assert "every jurisdiction" in report["note"]
    rules = {f["rule"] for f in report["findings"]}
    assert {
        "nlra.disparagement",
        "jurisdiction.consent-basis",
        "endorsements.bio-only",
        "terms.undefined-role",
        "language.stray-characters",
        "readiness.blocking-access",
    } <= rules
    assert report["counts"]["error"] == sum(f["severity"] == "error" for f in report["findings"])
    assert "personal-account-access" in report["coverage"]["missing"]


def test_boeing_standard_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(RISKY), "--format", "json", "--jurisdiction", "us", "--standard", "boeing"])
    boeing = json.loads(capsys.readouterr().out)
    main(["check", str(RISKY), "--format", "json", "--jurisdiction", "us"])
    stericycle = json.loads(capsys.readouterr().out)
    b_rules = {f["rule"] for f in boeing["findings"] if f["severity"] in ("error", "warning")}
    assert "nlra.civility" not in b_rules and "nlra.photography" not in b_rules  # lawful under Boeing: notes
    notes = [f for f in boeing["findings"] if f["rule"] == "nlra.civility"]
    assert notes and {f["severity"] for f in notes} == {"info"}
    assert "Lawful under Boeing, the standard chosen" in notes[0]["message"]
    assert boeing["counts"]["error"] < stericycle["counts"]["error"]


def test_project_with_accepted_risk_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = fixture_project("social-media-policy", "us-hospital")
    project = add_custom(
        project,
        "information",
        "seed.quiet",
        "Keep it quiet",
        "Employees must not post negative comments about the company.",
    )
    path = tmp_path / "p.policy.json"
    save_project(path, project)
    assert main(["check", str(path)]) == 1
    risk = AcceptedRisk("nlra.disparagement", "A. Lawyer", "2027-01-10", "Reviewed", "seed.quiet")
    save_project(path, replace(project, accepted_risks=(risk,)))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert "Accepted risks:" in capsys.readouterr().out


def test_docx_policy_is_checked_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed; it converts the Markdown sample to Word")
    import subprocess

    docx = tmp_path / "risky.docx"
    subprocess.run(["pandoc", str(RISKY), "-o", str(docx)], check=True)
    code = main(["check", str(docx), "--format", "json", "--jurisdiction", "us"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and "nlra.disparagement" in {f["rule"] for f in report["findings"]}


def test_rule_reference_lists_every_rule() -> None:
    from socialpolicy.checks.report import format_rules

    text = format_rules()
    for rule_id in load_rules():
        assert f"### `{rule_id}`" in text
    assert "Severity: warning; set for each finding by what the authorities say" in text  # nlra.civility
    assert "not for public employers" in text
    assert "Applies to: finance." in text and "Source: First Transit" in text


def test_imported_project_without_jurisdictions_gets_every_jurisdiction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "imported.policy.json"
    assert main(["import", str(RISKY), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["check", str(project), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert "does not say which jurisdictions" in report["note"]
    rules = {f["rule"] for f in report["findings"]}
    assert {"nlra.disparagement", "jurisdiction.consent-basis"} <= rules
    fixes = [f["fix"] for f in report["findings"] if f["rule"] == "coverage.missing-topic" and "fix" in f]
    # A library clause inserted into an imported project (which has no answers) would show placeholders for
    # its variables, so the dry run keeps such fixes back; any still offered insert a clause of the template.
    assert all(x["kind"] == "insert-clause" and x["args"]["clause"].startswith("smp.") for x in fixes)
    assert main(["check", str(project), "--jurisdiction", "uk", "--format", "json"]) == 1
    uk = json.loads(capsys.readouterr().out)
    assert "note" not in uk and not any(f["rule"].startswith("nlra.") for f in uk["findings"])


def test_counts_are_named_in_the_singular_or_plural() -> None:
    from socialpolicy.checks import Finding, Report
    from socialpolicy.checks.report import counted, format_text

    one_error = Finding("terms.unused", "error", "x")
    report = Report(
        "doc",
        [one_error, Finding("terms.unused", "warning", "y"), Finding("terms.unused", "warning", "z")],
        [],
        [],
    )
    assert counted(report, ("error", "warning", "info"), ("error", "warning", "note")) == [
        "1 error",
        "2 warnings",
        "0 notes",
    ]
    assert "1 error, 2 warnings, 0 notes" in format_text(report)


def test_a_kind_rule_and_its_file_name_the_same_kinds() -> None:
    """A rule whose detector names kinds (nlra.media-contact: agency, ban, refer) has a message for each in
    rules.toml; a kind without one is named when the rule is made, not when a policy first meets it."""
    from socialpolicy.checks import nlra

    with pytest.raises(ValueError, match=re.escape("the detector finds ['agency', 'ban'], the file has")):
        nlra._kinds("nlra.media-contact", nlra.media_contact, ("agency", "ban"))
