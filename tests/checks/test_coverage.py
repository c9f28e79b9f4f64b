"""Coverage: per kind, jurisdiction and sector; inferred for documents checked as found."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy import checks
from socialpolicy.checks.topics import infer_kind
from socialpolicy.export import export
from socialpolicy.workspace import load_document
from tests.checks.helpers import drop_clauses, fixture_project, found_document, render_doc, run
from tests.conftest import TEMPLATE_IDS


def test_missing_law_topic_is_an_error_with_an_insert_fix() -> None:
    project = drop_clauses(
        fixture_project("social-media-policy", "us-hospital"), lambda c: c.topic == "patient-privacy"
    )
    report = run(render_doc(project))
    assert "patient-privacy" in report.missing
    hit = next(
        f for f in report.findings if f.rule == "coverage.missing-topic" and "Patient privacy" in f.message
    )
    assert hit.severity == "error" and hit.fix is not None and hit.fix.kind == "insert-clause"
    assert str(hit.fix.args["clause"]).startswith("smp.")


def test_missing_practice_topic_is_a_warning() -> None:
    project = drop_clauses(
        fixture_project("governance-charter", "uk-charity"), lambda c: c.topic == "council"
    )
    report = run(render_doc(project))
    hit = next(f for f in report.findings if f.rule == "coverage.missing-topic")
    assert hit.severity == "warning" and report.missing == ["council"]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_exported_policy_checked_as_found_is_read_as_its_kind(template_id: str, tmp_path: Path) -> None:
    doc = render_doc(fixture_project(template_id, "us-hospital"))
    md = tmp_path / "policy.md"
    export(doc, "md", md)
    loaded = load_document(md)
    assert loaded.document.source_kind == "markdown"
    assert infer_kind(loaded.document) == template_id
    report = checks.run(
        loaded.document,
        checks.Options(jurisdictions=("us",), sector="healthcare"),
        catalog=loaded.catalog,
        source=str(md),
    )
    assert report.covered and report.missing == [], report.missing
    assert not report.has_errors, [f.message for f in report.findings if f.severity == "error"]


def test_found_document_reports_missing_topics_of_its_kind() -> None:
    doc = found_document(
        "# Social media policy\n\n## Use\n\n### Personal accounts\n\nOn your personal accounts you "
        "speak for yourself.\n\n### Harassment\n\nWe ban harassment and threats.\n"
    )
    report = checks.run(doc, checks.Options(jurisdictions=("us",)), source="p.md")
    assert "business-personal-use" in report.covered and "harassment" in report.covered
    assert {"employee-rights", "confidential-information", "monitoring"} <= set(report.missing)
    messages = [f.message for f in report.findings if f.rule == "coverage.missing-topic"]
    assert any(m.startswith("The document (read as a social media policy) does not cover") for m in messages)
    assert all(
        f.fix is None for f in report.findings if f.rule == "coverage.missing-topic"
    )  # a file, not a project


def test_kind_is_inferred_from_words() -> None:
    charter = found_document(
        "# Plan\n\n## Roles\n\n### Sponsor\n\nThe Executive Sponsor chairs the Council and "
        "the Social Media Lead keeps the Account Register and runs escalation.\n"
    )
    assert infer_kind(charter) == "governance-charter"
    icg = found_document(
        "# Working together\n\n## Spaces\n\n### Channels\n\nUse open channels in Slack and Viva "
        "Engage communities; invite guests only to private spaces.\n"
    )
    assert infer_kind(icg) == "internal-collaboration"
