"""Sector rules (finance, healthcare, listed) and jurisdiction rules (EU/UK monitoring, US passwords)."""

from __future__ import annotations

from tests.checks.helpers import check_text, drop_clauses, fixture_project, render_doc, rules_of, run

BASIC = (
    "# Social media policy\n\n## Use\n\n### Posting\n\nOn your personal accounts you speak for yourself.\n"
)


def test_finance_rules_fire_only_for_finance() -> None:
    finance = check_text(BASIC, ("us",), sector="finance")
    assert {
        "sector.finance-retention",
        "sector.finance-preapproval",
        "sector.finance-third-party",
    } <= rules_of(finance)
    assert not {r for r in rules_of(check_text(BASIC, ("us",))) if r.startswith("sector.")}


def test_finance_fixture_passes() -> None:
    for template_id in ("social-media-policy", "governance-charter", "internal-collaboration"):
        report = run(render_doc(fixture_project(template_id, "us-broker-dealer")))
        assert not {r for r in rules_of(report) if r.startswith("sector.")}, template_id


def test_healthcare_and_listed() -> None:
    assert "sector.healthcare-patient-information" in rules_of(
        check_text(BASIC, ("us",), sector="healthcare")
    )
    assert "sector.listed-disclosure" in rules_of(check_text(BASIC, ("us",), sector="listed"))
    text = (
        BASIC
        + "\nNever share material non-public information; we disclose only through our investor relations site.\n"
    )
    assert "sector.listed-disclosure" not in rules_of(check_text(text, ("us",), sector="listed"))


def test_healthcare_fixture_without_patient_clauses() -> None:
    project = drop_clauses(
        fixture_project("social-media-policy", "us-hospital"),
        lambda c: "patient" in c.body.lower() or c.topic == "patient-privacy",
    )
    assert "sector.healthcare-patient-information" in rules_of(run(render_doc(project)))


MONITOR = "# P\n\n## Monitoring\n\n### Checks\n\nWe monitor your social media activity and your use of our devices.\n"


def test_monitoring_without_notice_or_basis_in_eu_only() -> None:
    eu = check_text(MONITOR, ("eu",))
    assert {"jurisdiction.monitoring-notice", "jurisdiction.monitoring-legal-basis"} <= rules_of(eu)
    assert not {r for r in rules_of(check_text(MONITOR, ("us",))) if r.startswith("jurisdiction.monitoring")}
    ok = MONITOR + (
        "This section is our notice to you: we tell you what we collect and why. Our legal basis is "
        "legitimate interests, and we check that each check is necessary and proportionate.\n"
    )
    assert not {r for r in rules_of(check_text(ok, ("eu",))) if r.startswith("jurisdiction.monitoring")}


def test_staff_checking_their_own_account_is_no_monitoring() -> None:
    """ "We will not discipline anyone for checking a personal account briefly" watches no one."""
    text = BASIC.replace(
        "### ",
        "### Breaks\n\nNo one is disciplined for checking a personal account briefly during a long day.\n\n### ",
        1,
    )
    assert text != BASIC
    assert not {r for r in rules_of(check_text(text, ("eu",))) if r.startswith("jurisdiction.monitoring")}
    assert "jurisdiction.monitoring-notice" in rules_of(check_text(MONITOR, ("eu",)))
    for sentence in (
        "If readers might mistake your post for an official one, add a line saying it is your view.",
        "I have read the Staff Social Media Policy and kept a copy.",
        "We will never ask for the login to any personal account.",
    ):
        text = BASIC.replace("### ", f"### Notes\n\n{sentence}\n\n### ", 1)
        assert not {
            r for r in rules_of(check_text(text, ("eu",))) if r.startswith("jurisdiction.monitoring")
        }, sentence


def test_consent_and_candidate_screening() -> None:
    text = MONITOR + (
        "By signing this policy you consent to the monitoring of your accounts.\n\n### Hiring\n\n"
        "We check candidates' social media profiles before interviews.\n"
    )
    report = check_text(text, ("uk",))
    assert {"jurisdiction.consent-basis", "jurisdiction.candidate-screening"} <= rules_of(report)
    fair = (
        "# P\n\n## Hiring\n\n### Checks\n\nFor some roles we may look at candidates' public profiles; we tell "
        "candidates in the job advert and look only at what matters for the role.\n"
    )
    assert "jurisdiction.candidate-screening" not in rules_of(check_text(fair, ("uk",)))


def test_password_requests_in_us() -> None:
    bad = "# P\n\n## Access\n\n### Investigations\n\nYou must provide the password to your personal accounts on request.\n"
    assert "jurisdiction.password-request" in rules_of(check_text(bad, ("us",)), "error")
    good = (
        "# P\n\n## Access\n\n### Privacy\n\nWe will never ask you for the password to a personal account.\n"
    )
    assert "jurisdiction.password-request" not in rules_of(check_text(good, ("us",)))
    assert "jurisdiction.password-request" not in rules_of(check_text(bad, ("eu",)))
