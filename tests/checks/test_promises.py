"""promises.contradiction: one clause's absolute promise broken by another clause of the same document,
on text as real policies write it."""

from __future__ import annotations

import pytest

from socialpolicy.checks.promises import TOPICS, statements
from tests.checks.helpers import check_text, fixture_project


def _policy(*clauses: tuple[str, str]) -> str:
    parts = ["# Social media policy"]
    for i, (title, body) in enumerate(clauses, 1):
        parts.append(f"## {i}. {title}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def _findings(markdown: str) -> list[str]:
    report = check_text(markdown)
    return [f.message for f in report.findings if f.rule == "promises.contradiction"]


# One promise and one statement that breaks it, for every kind of promise, written as policies write them.
EXAMPLES = {
    "personal-account-access": (
        "We will never ask for access to your personal account.",
        "Advisers who use LinkedIn for business must connect their personal account to our archiving tool.",
    ),
    "posting-approval": (
        "You never need to ask before posting on your own accounts.",
        "Your profile on a professional network must be approved by Compliance before it is posted.",
    ),
    "record-protected-activity": (
        "We do not watch or record employees' protected activity, such as union meetings.",
        "We keep a copy of every message sent on our chat tools.",
    ),
    "monitor-personal-accounts": (
        "We do not monitor your personal accounts.",
        "Our listening tools search public posts that mention our brands.",
    ),
    "reporting-optional": (
        "Reporting is your choice.",
        "If you see patient details in a chat, tell the Privacy Officer at once.",
    ),
    "act-on-protected-posts": (
        "We never act on posts about pay or working conditions.",
        "We act on a post if it may be harassment of a colleague.",
    ),
    "not-asked-to-share": (
        "We don't ask you to share our news.",
        "Our advocacy programme offers ready-made posts for you to share.",
    ),
    "patient-information-never-posted": (
        "Never post patient information on any account.",
        "Posts that feature a patient need the patient's written authorisation.",
    ),
    "never-shared-outside": (
        "Never share confidential information outside the company.",
        "You can always report a possible breach of the law to a regulator, and give it documents.",
    ),
    "no-deletion": (
        "Don't delete business messages.",
        "If you post a customer's details by mistake, delete it and tell us.",
    ),
    "comments-removed-only-by-law": (
        "We remove a comment only when the law requires it.",
        "We hide comments in which people share someone else's health details.",
    ),
    "staff-hear-first": (
        "Staff hear about our news before customers do.",
        "Results must reach the market first.",
    ),
    "no-blocking": (
        "We do not block social media sites.",
        "Our network may block some social media sites during working hours.",
    ),
    "rules-switched-off": (
        "You may share photos of working conditions. If a rule seems to stop you, it does not apply to that.",
        "Don't take photos in areas where patients can be seen.",
    ),
}


def test_every_kind_of_promise_has_an_example() -> None:
    assert set(EXAMPLES) == {t.id for t in TOPICS}


@pytest.mark.parametrize("topic", sorted(EXAMPLES))
def test_a_promise_broken_by_another_clause_is_found(topic: str) -> None:
    promise, breach = EXAMPLES[topic]
    found = _findings(_policy(("What we promise", promise), ("What we do", breach)))
    assert len(found) == 1, found
    assert "'What we promise'" in found[0] and "'What we do'" in found[0]
    assert next(t for t in TOPICS if t.id == topic).promised in found[0]


@pytest.mark.parametrize("topic", sorted(EXAMPLES))
def test_a_promise_and_its_breach_in_one_clause_state_their_own_exception(topic: str) -> None:
    promise, breach = EXAMPLES[topic]
    assert _findings(_policy(("Both", f"{promise}\n\n{breach}"))) == []


@pytest.mark.parametrize(
    "promise",
    [
        "We will never ask for access to your personal account, except when you choose to connect it to our archive.",
        "Apart from the checks of the advocacy programme, we do not monitor your personal accounts.",
        "We never act on a post because it is about pay or working conditions.",
        "We do not use our records to find out who takes part in protected activity or union meetings.",
        "You don't have to pass on posts about pay, working conditions or criticism of the company.",
        "Don't delete a business message to tidy up.",
    ],
)
def test_a_qualified_promise_is_not_absolute(promise: str) -> None:
    breaches = "\n\n".join(b for _, b in EXAMPLES.values())
    assert _findings(_policy(("What we promise", promise), ("What we do", breaches))) == []


def test_a_negated_statement_does_not_break_a_promise() -> None:
    assert (
        _findings(
            _policy(
                ("Monitoring", "We do not monitor your personal accounts."),
                (
                    "Advocacy",
                    "We don't track who shares our content, and we don't check posts shared by staff.",
                ),
            )
        )
        == []
    )


def test_word_typography_is_read_the_same() -> None:
    promise = "We don\u2019t ask you to share our news."
    breach = "Our advocacy programme offers ready\u2010made posts for you to share."
    assert [s.kind for s in statements(promise)] == ["promise"]
    assert len(_findings(_policy(("Sharing", promise), ("Advocacy", breach.replace("\u2010", "-"))))) == 1


def test_a_breach_that_reconciles_itself_with_the_promise_is_not_reported() -> None:
    assert (
        _findings(
            _policy(
                ("Records", "Don't delete business messages."),
                (
                    "Mistakes",
                    "If you post a customer's details by mistake, delete it and tell us. The archive keeps the copy the law requires.",
                ),
            )
        )
        == []
    )


def test_the_fixtures_keep_their_promises() -> None:
    from socialpolicy import checks, templates
    from socialpolicy.library import Catalog
    from socialpolicy.render import render

    catalog = Catalog.default()
    for template_id, fixture in (
        ("social-media-policy", "us-broker-dealer"),
        ("internal-collaboration", "us-broker-dealer"),
        ("governance-charter", "eu-listed-manufacturer"),
    ):
        template = templates.get(template_id)
        doc = render(fixture_project(template_id, fixture), catalog, template)
        report = checks.run(doc, catalog=catalog, only=["promises.contradiction"])
        assert report.findings == []
