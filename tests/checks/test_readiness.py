"""Readiness rules from the source articles."""

from __future__ import annotations

from tests.checks.helpers import check_text, drop_clauses, fixture_project, render_doc, rules_of, run

CHARTER = (
    "# Social media governance charter\n\n## Roles\n\n### Lead\n\nThe social media manager runs our official "
    "accounts and approves content.\n\n### Objectives\n\nOur objectives are more followers.\n"
)


def test_thin_charter() -> None:
    report = check_text(CHARTER, ("us",))
    got = rules_of(report)
    assert "readiness.lead-without-team" in got and "readiness.no-objectives" in got
    assert {"readiness.no-sponsor", "readiness.no-council"}.isdisjoint(
        got
    )  # reported once, as missing topics
    assert {"executive-sponsor", "council"} <= set(report.missing)


def test_full_charter_fixtures_are_ready() -> None:
    for fixture in ("us-hospital", "eu-listed-manufacturer"):
        report = run(render_doc(fixture_project("governance-charter", fixture)))
        assert not {r for r in rules_of(report) if r.startswith("readiness.")}, fixture


def test_progress_reporting_needed_when_measures_exist() -> None:
    project = drop_clauses(
        fixture_project("governance-charter", "uk-charity"), lambda c: c.id == "gov.objectives.reporting"
    )
    doc = render_doc(project)
    text = "\n".join(b.text for _, b in doc.blocks())
    report = run(doc)
    if "progress" in text.lower() and "report" in text.lower():
        return  # other clauses still promise reports; nothing to flag
    assert "readiness.no-progress-reporting" in rules_of(report)


def test_single_session_training_and_blocking() -> None:
    text = (
        "# Social media policy\n\n## Training\n\n### Course\n\nEveryone attends a single one-hour training "
        "session.\n\n## Use\n\n### At work\n\nSocial media sites are blocked on our network.\n"
    )
    report = check_text(text, ("uk",))
    assert "readiness.single-session-training" in rules_of(report, "warning")
    assert "readiness.blocking-access" in rules_of(report, "info")
    weeks = text.replace("a single one-hour training session", "training over six weeks with a mentor")
    assert "readiness.single-session-training" not in rules_of(check_text(weeks, ("uk",)))


def test_internal_first_for_campaigns() -> None:
    text = "# Social media policy\n\n## News\n\n### Campaigns\n\nOur marketing team runs campaigns on our pages.\n"
    report = check_text(text, ("uk",))
    assert [f.severity for f in report.findings if f.rule == "readiness.no-internal-first"] == ["info"]
    first = text + "Staff hear about every campaign before customers do.\n"
    assert "readiness.no-internal-first" not in rules_of(check_text(first, ("uk",)))
