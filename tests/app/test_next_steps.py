"""Next steps: read from the answers, the readiness findings and the coverage report; ticked off as they
are settled, each linked to the place that settles it."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy import edits, templates
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.next_steps import CLAUSE, INSERT, NEEDS, QUESTION, Step, _need, answered, next_steps
from socialpolicy.checks import load_rules
from socialpolicy.library import Catalog
from tests.app.conftest import make_project_file


def _checked(session: DocumentSession) -> dict[str, Step]:
    request = session.start_check()
    if request is not None:
        session.deliver(request.run())
    assert session.document is not None
    return {s.id: s for s in next_steps(session.document, session.report, session.template)}


def _charter(tmp_path: Path) -> DocumentSession:
    session = DocumentSession(Catalog.default())
    session.open(make_project_file(tmp_path, "governance-charter", "uk-charity"))
    return session


def test_charter_steps_tick_off_as_answers_change(tmp_path: Path) -> None:
    session = _charter(tmp_path)
    steps = _checked(session)
    assert {"sponsor", "lead-team", "council", "measures", "reporting", "training", "internal-first"} <= set(
        steps
    )
    # The charity's social media lead works alone: the one open step, linked to the team-size question.
    lead = steps["lead-team"]
    assert not lead.done and lead.detail == "The team has one person: the lead works alone."
    assert lead.link is not None and (lead.link.kind, lead.link.ref) == (QUESTION, "social_team_size")
    assert steps["sponsor"].done and "Director of Fundraising" in steps["sponsor"].detail
    assert next(iter(steps.values())).id == "lead-team"  # open steps come first
    answers = dict(session.project.answers)
    session.reassemble(
        {**answers, "social_team_size": 3, "exec_sponsor": "[Senior role]", "training_weeks": 1}
    )
    steps = _checked(session)
    assert steps["lead-team"].done
    sponsor = steps["sponsor"]
    assert not sponsor.done and sponsor.detail == "Not answered yet."
    assert sponsor.link is not None and (sponsor.link.kind, sponsor.link.ref) == (QUESTION, "exec_sponsor")
    assert not steps["training"].done and steps["training"].detail == "Training lasts less than two weeks."


def test_a_removed_clause_reopens_its_step_with_the_clause_to_add(tmp_path: Path) -> None:
    session = _charter(tmp_path)
    steps = _checked(session)
    council = steps["council"]
    assert council.done and council.link is not None and council.link.kind == CLAUSE
    cid = council.link.ref
    for _, block in list(session.document.blocks()):
        if block.topic == "council":
            session.edit(lambda p, c=block.clause_id: edits.set_included(p, c, False, session.catalog))
    steps = _checked(session)
    council = steps["council"]
    assert not council.done
    assert council.link is not None and council.link.kind == INSERT and council.link.ref
    assert not steps["coverage"].done and "13 of 14" in steps["coverage"].detail
    session.edit(lambda p: edits.set_included(p, cid, True, session.catalog))
    assert _checked(session)["council"].done


def test_steps_follow_the_document_kind(tmp_path: Path) -> None:
    session = DocumentSession(Catalog.default())
    session.open(make_project_file(tmp_path, "social-media-policy", "uk-charity"))
    steps = _checked(session)
    assert "sponsor" not in steps and {"training", "spokespeople", "owner", "dates", "coverage"} <= set(steps)
    assert all(s.done for s in steps.values())
    assert steps["coverage"].detail.endswith("topics covered.")


def test_placeholders_do_not_count_as_answers() -> None:
    for value in ("", "  ", "[Name of the sponsor]", "TBD", "xx", "{{ sponsor }}", None, []):
        assert not answered(value), value
    for value in ("Chief Executive", 0, False, ["hr"], "n/a-free text"):
        assert answered(value), value


def test_an_imported_policy_gets_steps_from_its_report_only(tmp_path: Path) -> None:
    path = tmp_path / "policy.md"
    path.write_text(
        "# Social media policy\n\n## Using social media\n\nStaff may use social media in their own time. "
        "We block access to social media sites at work.\n\n## Campaigns\n\nWe launch campaigns and offers "
        "on our accounts.\n",
        encoding="utf-8",
    )
    session = DocumentSession(Catalog.default())
    session.open(path)
    steps = _checked(session)
    assert session.template is None and session.report is not None
    # No wizard behind it: no answer steps, but each missing topic and each readiness finding is one.
    assert "owner" not in steps and "sponsor" not in steps
    topics = [s for s in steps.values() if s.id.startswith("topic:")]
    assert topics and all(not s.done and s.title.startswith("Add a part on '") for s in topics)
    assert len(topics) == len(session.report.missing)
    blocking = [s for s in steps.values() if s.id.startswith("finding:readiness.blocking-access")]
    assert len(blocking) == 1 and blocking[0].link is not None and blocking[0].link.kind == CLAUSE
    assert not steps["coverage"].done


def test_the_steps_file_names_only_what_exists() -> None:
    """next_steps.toml names templates, wizard questions, coverage topics and checker rules that exist, so a
    renamed question or rule cannot leave a step that never ticks off."""
    rules = load_rules()
    kinds = {t.id: t for t in templates.available()}
    assert [n.id for n in NEEDS][:3] == ["sponsor", "lead-team", "council"]
    for need in NEEDS:
        assert need.kinds and set(need.kinds) <= set(kinds), need.id
        mine = [kinds[k] for k in need.kinds]
        for q in need.questions:
            assert any(t.question(q) is not None for t in mine), (need.id, q)
        for topic in need.topics:
            assert any(topic in {c.id for c in t.coverage} for t in mine), (need.id, topic)
        assert set(need.rules) <= set(rules), need.id
        if need.enough is not None:
            assert need.enough.question in need.questions, need.id


def test_a_bad_steps_entry_is_named() -> None:
    entry = {"id": "odd", "title": "T", "why": "W", "kinds": ["social-media-policy"]}
    assert _need(entry).questions == ()
    with pytest.raises(ValueError, match=r"next_steps.toml \[need odd\]: unknown keys \['colour'\]"):
        _need({**entry, "colour": "red"})
    with pytest.raises(ValueError, match=r"\[need odd\]: no kinds, why"):
        _need({"id": "odd", "title": "T"})
    with pytest.raises(ValueError, match="enough has a question"):
        _need({**entry, "enough": {"question": "q", "short": "s"}})
    lead = _need({**entry, "enough": {"question": "n", "at_least": 2, "short": "Too few."}}).enough
    yes = _need({**entry, "enough": {"question": "n", "equals": True, "short": "Not yes."}}).enough
    assert lead is not None and yes is not None
    assert (lead.problem({"n": 3}), lead.problem({"n": 1}), lead.problem({"n": "x"})) == (
        "",
        "Too few.",
        "Too few.",
    )
    assert (yes.problem({"n": True}), yes.problem({"n": 1}), yes.problem({})) == ("", "Not yes.", "Not yes.")
