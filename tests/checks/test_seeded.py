"""Seeded defects in a real project: each is reported by the rule made for it, and nothing else
turns into an error."""

from __future__ import annotations

from socialpolicy.checks import Finding
from socialpolicy.model import Clause, Term
from tests.checks.helpers import add_custom, drop_clauses, fixture_project, render_doc, run


def _discloses(clause: Clause) -> bool:
    text = clause.body.lower() + " ".join(t.term.lower() for t in clause.defines)
    return "material connection" in text or clause.topic == "endorsement-disclosure"


def seeded() -> list[Finding]:
    project = fixture_project("social-media-policy", "eu-listed-manufacturer")  # an EU document
    project = drop_clauses(project, lambda c: _discloses(c) or c.topic == "monitoring")
    project = add_custom(
        project,
        "products-endorsements",
        "seed.ambassadors",
        "Brand ambassadors",
        "Join our brand ambassador programme: share our product posts and collect points for "
        "each share. Ask {{ ambassador_lead }} to sign you up.",
    )
    project = add_custom(
        project,
        "monitoring",
        "seed.monitoring",
        "Checks on our tools",
        "We monitor your social media activity and review employees' messages on our devices.",
    )
    project = add_custom(
        project,
        "at-work",
        "seed.blocked",
        "Social media at work",
        "We block social media sites on our network. Appeals go through the process in "
        "{{ ref('appeals') }}. The Council reviews appeals each month.",
        stances={"personal-use-at-work": "blocked"},
    )
    project = add_custom(
        project,
        "definitions",
        "seed.terms",
        "Defined terms",
        "Terms used in this policy.",
        defines=(Term("Brand Guardian", "a member of staff who looks after our brand pages"),),
        topic="definitions",
    )
    report = run(render_doc(project))
    return report.findings


def test_each_seeded_defect_is_reported_by_its_rule() -> None:
    findings = seeded()
    got = {(f.rule, f.clause) for f in findings}
    assert ("structure.unfilled-variable", "seed.ambassadors") in got
    assert ("terms.unused", "seed.terms") in got
    assert ("terms.broken-reference", "seed.blocked") in got
    assert ("terms.undefined-role", "seed.blocked") in got
    assert ("structure.contradictory-stances", "seed.blocked") in got
    assert ("endorsements.no-disclosure", "seed.ambassadors") in got
    assert ("endorsements.rewards-undisclosed", "seed.ambassadors") in got
    assert ("jurisdiction.monitoring-notice", "seed.monitoring") in got
    assert ("coverage.missing-topic", None) in got
    by_rule = {f.rule: f for f in findings}
    unfilled, broken = by_rule["structure.unfilled-variable"], by_rule["terms.broken-reference"]
    assert (unfilled.message, unfilled.excerpt) == (
        "'ambassador_lead' has no answer; the text shows a placeholder.",
        "[to be completed: ambassador_lead]",
    )
    assert (broken.message, broken.excerpt) == (
        "Clause 'Social media at work' refers to section 'appeals', which is not in the document.",
        "[missing section: appeals]",
    )
    contradiction = by_rule["structure.contradictory-stances"]
    assert "'blocked'" in contradiction.message and "'reasonable'" in contradiction.message
    assert by_rule["terms.unused"].message == "'Brand Guardian' is defined but never used."
    council = by_rule["terms.undefined-role"]
    assert (
        "'Council'" in council.message and council.fix is not None and council.fix.args == {"term": "Council"}
    )


def test_seeded_errors_are_only_the_seeded_ones() -> None:
    errors = {f.rule for f in seeded() if f.severity == "error"}
    assert errors == {
        "structure.unfilled-variable",
        "terms.broken-reference",
        "structure.contradictory-stances",
        "endorsements.no-disclosure",
        "endorsements.rewards-undisclosed",
        "jurisdiction.monitoring-notice",
        "coverage.missing-topic",
    }
