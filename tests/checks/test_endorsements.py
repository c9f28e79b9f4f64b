"""Endorsement rules (FTC 16 CFR 255.5)."""

from __future__ import annotations

from tests.checks.helpers import check_text, fixture_project, render_doc, rules_of, run

ADVOCACY = "# P\n\n## Advocacy\n\n### Ambassadors\n\nJoin our brand ambassador programme and share our product posts.\n"


def test_advocacy_without_disclosure_or_reminder() -> None:
    report = check_text(ADVOCACY, ("us",))
    assert {"endorsements.no-disclosure", "endorsements.no-reminder"} <= rules_of(report)
    assert "endorsements.rewards-undisclosed" not in rules_of(report)


def test_rewards_and_bio_only() -> None:
    text = ADVOCACY + "Each share earns points and prizes. Saying you work here in your bio is enough.\n"
    report = check_text(text, ("us",))
    assert {
        "endorsements.rewards-undisclosed",
        "endorsements.bio-only",
        "endorsements.no-disclosure",
    } <= rules_of(report)


def test_disclosure_and_reminders_satisfy_the_rules() -> None:
    text = ADVOCACY + (
        "\n### Disclosure\n\nDisclose that you work for us in the post itself, for example with "
        "#employee. We send a reminder every six months and ask you to correct posts without it.\n"
    )
    assert not {r for r in rules_of(check_text(text, ("us",))) if r.startswith("endorsements.")}


def test_library_advocacy_fixture_is_clean() -> None:
    report = run(render_doc(fixture_project("social-media-policy", "eu-listed-manufacturer")))  # incentivised
    assert not {r for r in rules_of(report) if r.startswith("endorsements.")}
