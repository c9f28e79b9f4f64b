"""Terms and references: what a legal proofreader checks."""

from __future__ import annotations

from socialpolicy.model import Term
from tests.checks.helpers import add_custom, check_text, fixture_project, render_doc, rules_of, run

DEFS = "## Definitions\n\n**Official Account** means an account run in our name.\n\n"


def test_clean_fixture_has_no_term_findings() -> None:
    for fixture in ("us-broker-dealer", "uk-charity"):
        report = run(render_doc(fixture_project("governance-charter", fixture)))
        assert not {r for r in rules_of(report) if r.startswith("terms.")}, fixture


def test_unused_and_used_definitions() -> None:
    used = check_text(
        f"# P\n\n{DEFS}## Rules\n\n### Accounts\n\nOnly staff may post on an Official Account.\n"
    )
    assert "terms.unused" not in rules_of(used)
    unused = check_text(f"# P\n\n{DEFS}## Rules\n\n### Accounts\n\nOnly staff may post for us.\n")
    assert [f.message for f in unused.findings if f.rule == "terms.unused"] == [
        "'Official Account' is defined but never used."
    ]


def test_inconsistent_capitals() -> None:
    report = check_text(
        f"# P\n\n{DEFS}## Rules\n\n### Accounts\n\nPost on an Official Account. Never share the "
        "password of an official account.\n"
    )
    hits = [f for f in report.findings if f.rule == "terms.capitalisation"]
    assert len(hits) == 1 and "'official account'" in hits[0].message


def test_defined_twice() -> None:
    project = fixture_project("social-media-policy", "us-hospital")
    project = add_custom(
        project,
        "definitions",
        "seed.defs",
        "More terms",
        "Terms.",
        topic="definitions",
        defines=(Term("Official Account", "any account with our logo"),),
    )
    report = run(render_doc(project))
    hits = [f for f in report.findings if f.rule == "terms.defined-twice"]
    assert len(hits) == 1 and hits[0].severity == "error" and "different meanings" in hits[0].message


def test_undefined_term_and_role() -> None:
    report = check_text(
        "# P\n\n## Rules\n\n### Posting\n\nPost only through Approved Channels. The Council decides "
        "what counts as one, and the Council meets monthly.\n"
    )
    undefined = {f.message for f in report.findings if f.rule == "terms.undefined"}
    roles = [f for f in report.findings if f.rule == "terms.undefined-role"]
    assert undefined == {"'Approved Channels' is used as a defined term but is not defined."}
    assert len(roles) == 1 and roles[0].message == "'Council' is named but never defined (used 2 times)."
    assert roles[0].fix is not None and roles[0].fix.kind == "define-term"


def test_defined_role_and_proper_names_pass() -> None:
    text = (
        "# P\n\n## Definitions\n\n**Council** means the group set up in section 2.\n\n## Rules\n\n### Who\n\n"
        "The Council meets monthly. You may contact the National Labor Relations Board or the Chief "
        "Operating Officer at any time.\n"
    )
    assert not {r for r in rules_of(check_text(text)) if r.startswith("terms.undefined")}


def test_broken_references() -> None:
    project = fixture_project("internal-collaboration", "uk-charity")
    project = add_custom(
        project, project.sections[-1].id, "seed.ref", "See also", "As set out in {{ ref('gone') }}."
    )
    report = run(render_doc(project))
    hits = [f for f in report.findings if f.rule == "terms.broken-reference"]
    assert [(h.clause, h.severity, h.excerpt) for h in hits] == [
        ("seed.ref", "error", "[missing section: gone]")
    ]
    found = check_text("# P\n\n## One\n\n### A\n\nSee section 1 and section 7 for more.\n")
    hits = [f for f in found.findings if f.rule == "terms.broken-reference"]
    assert len(hits) == 1 and "section 7" in hits[0].message


def test_terms_defined_in_running_text_count_as_defined() -> None:
    text = (
        '# P\n\n## Roles\n\n### Council\n\nWe set up a group of staff from every level (the "Council"). '
        'The Council meets monthly. "Approved Channels" means the accounts listed on the intranet. Post '
        "only through Approved Channels.\n"
    )
    assert not {r for r in rules_of(check_text(text)) if r.startswith("terms.undefined")}


def test_longer_proper_names_are_not_roles() -> None:
    text = "# P\n\n## A\n\n### B\n\nTell the Group IT Service Desk, or the Group Data Protection Officer.\n"
    assert "terms.undefined-role" not in rules_of(check_text(text))
