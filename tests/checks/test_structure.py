"""Structure and consistency rules."""

from __future__ import annotations

from socialpolicy.checks.structure import near_duplicate_pairs, text_stances
from tests.checks.helpers import add_custom, check_text, fixture_project, render_doc, rules_of, run


def test_library_alternatives_of_one_slot_contradict() -> None:
    project = fixture_project("social-media-policy", "uk-charity")
    clean = run(render_doc(project))
    assert "structure.contradictory-stances" not in rules_of(clean)
    body = "Personal use of social media during working hours is not allowed."
    project = add_custom(
        project,
        "at-work",
        "seed.restricted",
        "Restricted use",
        body,
        stances={"personal-use-at-work": "restricted"},
    )
    report = run(render_doc(project))
    found = [f for f in report.findings if f.rule == "structure.contradictory-stances"]
    assert len(found) == 1 and found[0].clause == "seed.restricted" and found[0].severity == "error"
    assert "'restricted'" in found[0].message and "'open'" in found[0].message


def test_stances_read_from_plain_text() -> None:
    assert text_stances("Social media sites are blocked on our network.") == {
        "personal-use-at-work": "blocked"
    }
    assert text_stances("We do not block social media sites.") == {}
    assert text_stances("You may use social media at work for personal reasons.") == {
        "personal-use-at-work": "allowed"
    }


def test_stances_on_guests_and_advocacy_read_from_text() -> None:
    assert text_stances("Guests are not allowed in any Space.") == {"guest-access": "not-allowed"}
    assert text_stances("You may invite Guests into a Space. Never invite Guests into an Open Space.") == {
        "guest-access": "allowed"
    }  # a ban on guests in some spaces is a condition, not a ban
    assert text_stances("Guests are not allowed in a Confidential Space.") == {}
    assert text_stances("We do not run an employee advocacy programme.") == {"employee-advocacy": "none"}
    assert text_stances("Our advocacy programme offers posts you can share.") == {
        "employee-advocacy": "programme"
    }
    assert text_stances("Before any advocacy programme starts, the sponsor approves it.") == {}


def test_every_library_stance_read_from_its_text_agrees_with_the_declared_one() -> None:
    from socialpolicy.checks.structure import _compatible
    from socialpolicy.checks.text import plain
    from socialpolicy.library import Catalog

    read = 0
    for clause in Catalog.default():
        for question, answer in text_stances(plain(clause.body)).items():
            if question in clause.stances:
                read += 1
                assert _compatible(question, answer, clause.stances[question]), (clause.id, question, answer)
    assert read >= 8


def test_contradictory_guest_and_advocacy_stances_in_a_document_checked_as_found() -> None:
    text = (
        "# Rules\n\n## Spaces\n\n### Guests\n\nYou may invite guests when it helps the work.\n\n"
        "### Outsiders\n\nGuests are not allowed in any Space.\n\n## Sharing\n\n### Advocacy\n\n"
        "We do not run an employee advocacy programme.\n\n### Ambassadors\n\n"
        "Our advocacy programme gives you posts to share if you wish.\n"
    )
    found = [f.message for f in check_text(text).findings if f.rule == "structure.contradictory-stances"]
    assert len(found) == 2
    assert any("guest access" in m and "'not-allowed'" in m for m in found)
    assert any("employee advocacy" in m and "'programme'" in m for m in found)
    text = (
        "# P\n\n## Use\n\n### Open\n\nYou may use social media at work for personal reasons.\n\n"
        "### Closed\n\nSocial media sites are blocked on our network.\n"
    )
    report = check_text(text)
    assert "structure.contradictory-stances" in rules_of(report, "error")


def test_near_duplicates_found_and_distinct_text_left_alone() -> None:
    a = "Tell the IT Service Desk at once if you think an account or device has been hacked or misused."
    b = "Tell the IT Service Desk at once if you think an account or a device has been hacked or misused."
    c = "Official accounts belong to the organisation, together with their followers and sign-in details."
    pairs = near_duplicate_pairs([a, c, b, c])
    assert [(i, j) for i, j, _ in pairs] == [(0, 2), (1, 3)]
    assert pairs[1][2] == 100.0 and 90 <= pairs[0][2] < 100
    assert near_duplicate_pairs([a, c]) == []


def test_near_duplicate_and_duplicate_heading_in_a_document() -> None:
    body = "Do not share customer account numbers, passwords or security details in any post or message."
    text = f"# P\n\n## One\n\n### Security\n\n{body}\n\n## Two\n\n### Security\n\n{body} Ever.\n"
    report = check_text(text)
    dup = [f for f in report.findings if f.rule == "structure.near-duplicate"]
    assert len(dup) == 1 and dup[0].fix is not None and dup[0].fix.kind == "remove-clause"
    assert any(
        f.rule == "structure.duplicate-heading" and "same heading" in f.message for f in report.findings
    )


def test_empty_clause() -> None:
    report = check_text(
        "# P\n\n## One\n\n### Nothing here\n\n### Something\n\nText of the clause goes here.\n"
    )
    assert [f.clause for f in report.findings if f.rule == "structure.empty-clause"] == [
        "imp.one.nothing-here"
    ]


def test_two_alternatives_of_one_slot_offer_removal() -> None:
    from dataclasses import replace

    from socialpolicy.model import ClauseRef

    project = fixture_project("social-media-policy", "uk-charity")
    sections = tuple(
        replace(s, clauses=(*s.clauses, ClauseRef("smp.personal-use.restricted", slot="smp.personal-use")))
        if s.id == "at-work"
        else s
        for s in project.sections
    )
    report = run(render_doc(replace(project, sections=sections)))
    hit = next(f for f in report.findings if f.rule == "structure.contradictory-stances")
    assert hit.clause == "smp.personal-use.restricted" and hit.fix is not None
    assert (hit.fix.kind, hit.fix.args) == ("remove-clause", {"clause": "smp.personal-use.restricted"})


def test_numbering_gaps_in_a_document_checked_as_found() -> None:
    text = (
        "# Policy\n\n## 1. Scope\n\n### 1.1 Who\n\nEveryone who works here.\n\n### 1.3 When\n\nAt all times.\n\n"
        "## 2. Use\n\n### 2.1 Personal use\n\nUse social media in your breaks.\n\n### 2.1 Breaks\n\nTake them.\n\n"
        "## 5. Monitoring\n\n### 5.1 What we check\n\nOnly our own systems.\n"
    )
    found = {f.message: f for f in check_text(text).findings if f.rule == "structure.numbering-gap"}
    assert set(found) == {
        "Heading 1.3 ('When') skips 1.2.",
        "Heading 2.1 ('Breaks') comes after 2.1: the number is repeated or goes back.",
        "Heading 5 ('Monitoring') skips 3 to 4.",
    }
    assert found["Heading 1.3 ('When') skips 1.2."].clause is not None
    assert found["Heading 5 ('Monitoring') skips 3 to 4."].section == "3. Monitoring"


def test_numbering_in_order_or_absent_is_not_reported() -> None:
    numbered = "# P\n\n## 1. Scope\n\n### 1.1 Who\n\nEveryone.\n\n### 1.2 When\n\nAlways.\n\n## 2. Use\n\n### 2.1 How\n\nWell.\n"
    plain = "# P\n\n## Scope\n\n### Who\n\nEveryone.\n\n## Use\n\n### How\n\nWell.\n"
    for text in (numbered, plain):
        assert not [f for f in check_text(text).findings if f.rule == "structure.numbering-gap"]


def test_projects_have_no_source_numbering() -> None:
    from tests.checks.helpers import fixture_project, render_doc

    assert render_doc(fixture_project("social-media-policy", "uk-charity")).numbering == ()


def test_sample_answers_left_in_are_errors_and_real_answers_are_not() -> None:
    from socialpolicy import templates
    from socialpolicy.assembly import assemble
    from tests.checks.helpers import catalog

    template = templates.get("social-media-policy")
    real = fixture_project("social-media-policy", "uk-charity")
    assert "structure.sample-answer" not in rules_of(run(render_doc(real)))
    sample = assemble(template, {**real.answers, **template.examples()}, catalog())
    found = [f for f in run(render_doc(sample)).findings if f.rule == "structure.sample-answer"]
    assert found and {f.severity for f in found} == {"error"}
    messages = " ".join(f.message for f in found)
    assert (
        "'Example Organisation Ltd' is the wizard's sample answer for 'Full name of the organisation'"
        in messages
    )
    assert "'policy@example.org' is the wizard's sample answer" in messages
    assert "The answer to 'Short name used in the text' is still the sample 'Example'." in messages
    short = next(f for f in found if "Short name" in f.message)
    assert short.clause and short.excerpt == "Example"  # it points at a place the sample shows
    email = next(f for f in found if "policy@example.org" in f.message)
    assert email.excerpt and "policy@example.org" in email.excerpt


def test_sample_answers_are_found_in_imported_text_but_not_the_word_example() -> None:
    report = check_text(
        "# Social media policy\n\n## Questions\n\nFor example, ask your manager. "
        "Example Organisation Ltd runs this policy; write to policy@example.org.\n",
        ("uk",),
    )
    found = [f for f in report.findings if f.rule == "structure.sample-answer"]
    assert sorted(f.message.split("'")[1] for f in found) == [
        "Example Organisation Ltd",
        "policy@example.org",
    ]
    assert all("For example" not in (f.excerpt or "") for f in found)


def test_near_duplicates_are_the_same_in_every_process() -> None:
    """The sketches once used Python's hash of strings, which changes with each process: on a
    3,000-clause document two runs of `check` reported different near-duplicates."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "from tools import bench\n"
        "from socialpolicy.checks.structure import near_duplicate_pairs\n"
        "print(near_duplicate_pairs([c.body for c in bench.bench_clauses(3000)]))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=dict(os.environ, PYTHONHASHSEED=seed),
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and outputs.pop().count("(") > 50  # before the fix: 85, 91 and 88 pairs


def test_the_blanks_of_a_signature_block_are_not_placeholders() -> None:
    """An acknowledgement's "Name: ____ Signature: ____ Date: ____" is for the employee to fill in; a blank in
    the running text is still a template's leftover."""
    form = "I have read this policy.\n\nEmployee name: ____________ Signature: ____________ Date: ______\n"
    report = check_text(f"# P\n\n## Acknowledgement\n\n{form}", ("us",))
    assert [f for f in report.findings if f.rule == "structure.leftover-placeholder"] == []
    left = check_text("# P\n\n## Questions\n\nQuestions go to ________ in HR.\n", ("us",))
    assert [f.excerpt for f in left.findings if f.rule == "structure.leftover-placeholder"] == [
        "Questions go to ________ in HR."
    ]


def test_a_section_of_another_text_or_the_numbers_the_headings_carry_are_no_broken_reference() -> None:
    text = (
        "# Handbook chapter 9\n\n## 9.1 Your rights\n\nNothing here limits your rights under Section 7 of the "
        "National Labor Relations Act.\n\n## 9.2 Rules\n\nSection 9.1 describes your rights. See section 4 of "
        "this policy.\n"
    )
    broken = [f.message for f in check_text(text, ("us",)).findings if f.rule == "terms.broken-reference"]
    assert broken == ["Clause 'Rules' refers to section 4, which the document does not have."]
