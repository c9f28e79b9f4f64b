"""US public employers, imported policies' coverage, leftover placeholders and terms defined in running text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialpolicy.cli import main
from tests.checks.helpers import check_text, rules_of

PUBLIC = """# Social media policy

## Rules

### Posting

Employees must not post negative comments about the Department or its leadership.

All posts about the city must be approved by your supervisor before posting.

### Official pages

Moderators may delete comments that are critical of the city at their discretion.
"""


def test_public_sector_turns_nlra_off_and_first_amendment_rules_on() -> None:
    public = check_text(PUBLIC, ("us",), sector="public")
    assert not {r for r in rules_of(public) if r.startswith("nlra.")}
    assert {"public.speech-ban", "public.prior-restraint", "public.official-account-moderation"} <= rules_of(
        public
    )
    assert "First Amendment" in public.note
    private = check_text(PUBLIC, ("us",))
    assert {"nlra.disparagement", "nlra.prior-approval"} <= rules_of(private)
    assert not {r for r in rules_of(private) if r.startswith("public.")}


def test_viewpoint_neutral_moderation_passes() -> None:
    text = PUBLIC.replace(
        "comments that are critical of the city at their discretion", "spam, threats and obscene comments"
    )
    assert "public.official-account-moderation" not in rules_of(check_text(text, ("us",), sector="public"))


ITEM9 = """# Social Media Policy

## Purpose

Questions go to {{ contact_email }} or to [Company Name] by [insert date].

## Definitions

"Social Media Council" means the group that reviews this policy.

## Rules

### Conduct

The policy was updated on TBD by XX. Don't share the Approved Channels list.

### Reviews

The Brand Review Panel checks posts each month. Ask the team\u2019\u20ac\u2122s lead.
"""


def test_consistency_checks_work_on_imported_text_with_whole_word_excerpts() -> None:
    report = check_text(ITEM9, ("us",))
    by_rule: dict[str, list] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    placeholders = {f.message.split("'")[1] for f in by_rule["structure.leftover-placeholder"]}
    assert placeholders == {"{{ contact_email }}", "[Company Name]", "[insert date]", "TBD", "XX"}
    assert any("Social Media Council" in f.message for f in by_rule["terms.unused"])
    assert any("team’€™s" in f.message for f in by_rule["language.stray-characters"])
    assert any("Approved Channels" in f.message for f in by_rule["terms.undefined"])
    for f in report.findings:
        if f.excerpt and f.span:
            assert f.excerpt[0].isalnum() or f.excerpt[0] in '"\u201c\u2018{[', (
                f.excerpt
            )  # starts on a word, never mid-word
    role = next(f for f in by_rule["terms.undefined-role"] if "Brand Review Panel" in f.message)
    assert role.excerpt == "The Brand Review Panel checks posts each month."


SOUND = """# Social media policy

## Purpose and scope

This policy covers how staff use social media, personally and for the company.

## Rules

### Respect

Do not post threats, slurs or harassment about anyone.
"""


def test_missing_topics_of_an_imported_policy_are_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.md"
    path.write_text(SOUND, encoding="utf-8")
    code = main(["check", str(path), "--jurisdiction", "us", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    missing = [f for f in report["findings"] if f["rule"] == "coverage.missing-topic"]
    assert missing and {f["severity"] for f in missing} == {"warning"}
    assert code == 0 and report["counts"]["error"] == 0


def test_json_findings_keep_every_key_and_add_reason_suggestion_and_spans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.md"
    path.write_text(PUBLIC, encoding="utf-8")
    main(["check", str(path), "--jurisdiction", "us", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    for f in report["findings"]:
        assert {"rule", "severity", "message", "section", "clause", "excerpt", "citation"} <= set(f)
        assert {"reason", "suggestion", "span", "markdown_span"} <= set(f)
    hit = next(f for f in report["findings"] if f["rule"] == "nlra.disparagement")
    assert (
        hit["excerpt"] == "Employees must not post negative comments about the Department or its leadership."
    )
    assert hit["span"] == [0, len(hit["excerpt"])] and hit["reason"] and hit["suggestion"]
