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


def test_real_drafting_of_disclosure_is_read() -> None:
    """'A disclosure only in your bio doesn't count' requires the post itself; a passive 'the connection must be
    disclosed' is a disclosure rule; saying where you work, in a list of what you may do, is no endorsement."""
    promote = "When you promote our products, say in the post itself that you work here."
    for text in (f"{promote} A disclosure that appears only in your bio doesn't count.",):
        assert "endorsements.bio-only" not in rules_of(check_text(f"# P\n\n## Posts\n\n{text}\n", ("us",)))
    passive = (
        "Staff in our ambassador programme who recommend our services must have their connection to us disclosed "
        "clearly in each post."
    )
    found = rules_of(check_text(f"# P\n\n## Ambassadors\n\n{passive}\n", ("us",)))
    assert "endorsements.no-disclosure" not in found
    rights = "You are free to do these things:\n\n- talk about pay;\n- say that you work at Acme in your profile.\n"
    assert "endorsements.bio-only" not in rules_of(
        check_text(f"# P\n\n## What you may do\n\n{rights}", ("us",))
    )
