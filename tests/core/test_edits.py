"""Pure edits of a project: each returns a new project and leaves the old one alone."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from socialpolicy import edits, templates
from socialpolicy.assembly import assemble
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Project
from socialpolicy.render import render
from tests.conftest import ANSWERS

TODAY = dt.date(2027, 1, 10)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.default()


def _answers(kind: str = "social-media-policy", name: str = "uk-charity") -> dict[str, Any]:
    return json.loads((ANSWERS / kind / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(catalog: Catalog) -> Project:
    return assemble(templates.get("social-media-policy"), _answers(), catalog, today=TODAY)


def _ids(project: Project) -> list[str]:
    return [r.clause for _, _, r in project.refs()]


def _doc_text(project: Project, catalog: Catalog) -> str:
    doc = render(project, catalog, templates.get(project.template_id))
    return "\n".join(b.text for _, b in doc.blocks())


def test_exclude_and_include_again(project: Project, catalog: Catalog) -> None:
    target = _ids(project)[2]
    edit = edits.set_included(project, target, False, catalog)
    assert edits.find_ref(edit.project, target).included is False
    assert edits.find_ref(project, target).included is True  # the original is untouched
    assert edit.text.startswith("Exclude \u2018")
    doc = render(edit.project, catalog)
    assert doc.block(target) is None
    back = edits.set_included(edit.project, target, True, catalog)
    assert back.project == project


def test_move_within_and_across_sections(project: Project, catalog: Catalog) -> None:
    first = project.sections[0]
    moved = first.clauses[0].clause
    within = edits.move_clause(project, moved, first.id, 2, catalog).project
    assert [r.clause for r in within.sections[0].clauses][2] == moved
    assert len(within.sections[0].clauses) == len(first.clauses)
    last = project.sections[-1]
    across = edits.move_clause(project, moved, last.id, 0, catalog)
    assert across.project.sections[-1].clauses[0].clause == moved
    assert moved not in [r.clause for r in across.project.sections[0].clauses]
    assert "to \u2018" in across.text
    assert sorted(_ids(across.project)) == sorted(_ids(project))


def test_edit_body_and_title_then_reset(project: Project, catalog: Catalog) -> None:
    cid = _ids(project)[0]
    edit = edits.edit_clause(project, cid, catalog, title="Our purpose", body="We use social media **well**.")
    ref = edits.find_ref(edit.project, cid)
    assert ref.title == "Our purpose" and ref.body == "We use social media **well**."
    doc = render(edit.project, catalog)
    block = doc.block(cid)
    assert block.origin == "edited" and block.title == "Our purpose"
    assert "We use social media well." in block.text
    assert block.library_markdown  # the library text is kept beside the edit for the diff
    reset = edits.reset_clause(edit.project, cid, catalog)
    assert reset.project == project
    assert "library text" in reset.text


def test_typing_the_library_text_back_is_no_edit(project: Project, catalog: Catalog) -> None:
    cid = _ids(project)[0]
    ref = edits.find_ref(project, cid)
    title, body = edits.library_text(project, ref, catalog)
    changed = edits.edit_clause(project, cid, catalog, body=body + " More.").project
    back = edits.edit_clause(changed, cid, catalog, title=title, body=body).project
    assert edits.find_ref(back, cid).edited is False


def test_alternatives_and_switch(project: Project, catalog: Catalog) -> None:
    slotted = next(r for _, _, r in project.refs() if r.slot)
    options = edits.alternatives(project, slotted.clause, catalog, templates.get("social-media-policy"))
    assert slotted.clause in [c.id for c in options] and len(options) >= 2
    other = next(c for c in options if c.id != slotted.clause)
    edit = edits.switch_alternative(
        project, slotted.clause, other.id, catalog, templates.get("social-media-policy")
    )
    new_ref = edits.find_ref(edit.project, other.id)
    assert new_ref is not None and new_ref.slot == slotted.slot
    assert edits.find_ref(edit.project, slotted.clause) is None
    assert edits.locate(edit.project, other.id) == edits.locate(project, slotted.clause)
    with pytest.raises(edits.EditError):
        edits.switch_alternative(project, slotted.clause, _ids(project)[0], catalog)


def test_insert_library_clause_goes_where_the_template_puts_it(project: Project, catalog: Catalog) -> None:
    template = templates.get("social-media-policy")
    target = _ids(project)[3]
    removed = edits.remove_clause(project, target, catalog).project
    clause = catalog.get("builtin", target)
    back = edits.insert_clause(removed, clause, template=template, catalog=catalog)
    assert _ids(back.project) == _ids(project)
    assert back.text.startswith("Insert")
    with pytest.raises(edits.EditError):
        edits.insert_clause(project, clause, template=template)


def test_insert_after_a_given_clause(project: Project, catalog: Catalog) -> None:
    extra = next(
        c for c in catalog if c.id.startswith("smp.") and c.id not in _ids(project) and not c.retired
    )
    anchor = _ids(project)[5]
    new = edits.insert_clause(project, extra, after=anchor).project
    ids = _ids(new)
    assert ids[ids.index(anchor) + 1] == extra.id


def test_custom_clause_add_edit_remove(project: Project, catalog: Catalog) -> None:
    section = project.sections[1].id
    edit = edits.add_custom_clause(project, section, "Our own rule", "Staff must be kind online.")
    custom = edit.project.custom_clauses[-1]
    assert custom.library == PROJECT_LIBRARY and custom.id == "custom-1"
    assert edit.project.sections[1].clauses[-1].clause == "custom-1"
    edited = edits.edit_clause(
        edit.project, "custom-1", catalog, body="Staff must be kind online and off."
    ).project
    assert edited.custom("custom-1").body == "Staff must be kind online and off."
    assert "kind online and off." in _doc_text(edited, catalog)
    second = edits.add_custom_clause(edited, section, "Another", "Text.").project
    assert second.custom_clauses[-1].id == "custom-2"
    removed = edits.remove_clause(second, "custom-1", catalog).project
    assert removed.custom("custom-1") is None and "custom-1" not in _ids(removed)
    with pytest.raises(edits.EditError):
        edits.reset_clause(second, "custom-2")
    with pytest.raises(edits.EditError):
        edits.add_custom_clause(project, section, " ", "text")


def test_accept_and_withdraw_risk(project: Project) -> None:
    edit = edits.accept_risk(
        project,
        "structure.missing-required",
        "Covered by our code of conduct.",
        "Ann Lee",
        clause="smp.purpose.statement",
        date=TODAY,
    )
    risk = edit.project.accepted_risks[-1]
    assert (risk.rule, risk.by, risk.date, risk.reason, risk.clause) == (
        "structure.missing-required",
        "Ann Lee",
        "2027-01-10",
        "Covered by our code of conduct.",
        "smp.purpose.statement",
    )
    again = edits.accept_risk(
        edit.project,
        "structure.missing-required",
        "New reason.",
        "Ann Lee",
        clause="smp.purpose.statement",
        date=TODAY,
    ).project
    assert len(again.accepted_risks) == 1 and again.accepted_risks[0].reason == "New reason."
    assert (
        edits.withdraw_risk(
            again, "structure.missing-required", "smp.purpose.statement"
        ).project.accepted_risks
        == ()
    )
    with pytest.raises(edits.EditError):
        edits.accept_risk(project, "x", "  ", "me")


def test_apply_fix_kinds(project: Project, catalog: Catalog) -> None:
    template = templates.get("social-media-policy")
    target = _ids(project)[4]
    removed = edits.remove_clause(project, target, catalog).project
    inserted = edits.apply_fix(removed, "insert-clause", {"clause": target}, catalog, template).project
    assert target in _ids(inserted)
    gone = edits.apply_fix(project, "remove-clause", {"clause": target}, catalog, template).project
    assert target not in _ids(gone)
    slotted = next(r for _, _, r in project.refs() if r.slot)
    other = next(
        c for c in edits.alternatives(project, slotted.clause, catalog, template) if c.id != slotted.clause
    )
    switched = edits.apply_fix(
        project, "switch-alternative", {"from": slotted.clause, "to": other.id}, catalog, template
    ).project
    assert other.id in _ids(switched)
    defined = edits.apply_fix(project, "define-term", {"term": "Zorbing"}, catalog, template).project
    term_clause = defined.custom_clauses[-1]
    assert term_clause.defines[0].term == "Zorbing"
    doc = render(defined, catalog, template)
    assert any(d.term == "Zorbing" for d in doc.definitions)
    with pytest.raises(edits.EditError):
        edits.apply_fix(project, "rewrite-everything", {}, catalog, template)


def test_reassemble_keeps_edits_and_custom_clauses_and_reports(project: Project, catalog: Catalog) -> None:
    template = templates.get("social-media-policy")
    cid = _ids(project)[1]
    work = edits.edit_clause(project, cid, catalog, body="Our own wording about scope.").project
    work = edits.add_custom_clause(work, work.sections[0].id, "House rule", "Be kind.").project
    excluded = _ids(project)[6]
    work = edits.set_included(work, excluded, False).project
    answers = {**project.answers, "listed": True, "personal_use": "restricted"}
    result = edits.reassemble(work, answers, template, catalog, today=TODAY)
    new = result.project
    assert new.answers == answers
    assert edits.find_ref(new, cid).body == "Our own wording about scope."
    assert new.custom("custom-1") is not None and "custom-1" in _ids(new)
    assert edits.find_ref(new, excluded).included is False
    fresh = assemble(template, answers, catalog, today=TODAY)
    added = [c for c in _ids(fresh) if c not in _ids(project)]
    assert added and all(c in _ids(new) for c in added)
    assert any(line.startswith("Added") for line in result.changes)
    assert any(line.startswith("Switched") and "smp.personal-use" in line for line in result.changes)
    assert "personal_use" in result.text
    # nothing changed: one line says so
    same = edits.reassemble(work, dict(project.answers), template, catalog, today=TODAY)
    assert same.project.sections == work.sections
    assert same.changes == ("No clause changed: the new answers call for the same clauses.",)


def test_reassemble_excludes_an_edited_clause_instead_of_losing_it(catalog: Catalog) -> None:
    template = templates.get("social-media-policy")
    answers = {**_answers(), "listed": True}
    listed = assemble(template, answers, catalog, today=TODAY)
    plain = assemble(template, {**answers, "listed": False}, catalog, today=TODAY)
    only_listed = [c for c in _ids(listed) if c not in _ids(plain)]
    assert only_listed
    work = edits.edit_clause(listed, only_listed[0], catalog, body="Edited market text.").project
    result = edits.reassemble(work, {**answers, "listed": False}, template, catalog, today=TODAY)
    ref = edits.find_ref(result.project, only_listed[0])
    assert ref is not None and ref.included is False and ref.body == "Edited market text."
    assert any("edited text is kept" in line for line in result.changes)
    for cid in only_listed[1:]:
        assert edits.find_ref(result.project, cid) is None


def test_word_diff() -> None:
    from socialpolicy.library_tools import word_diff

    diff = [(p.op, p.text) for p in word_diff("Staff may post freely.", "Staff may not post freely today.")]
    assert any(op == "insert" and "not" in t for op, t in diff)
    assert "".join(t for op, t in diff if op != "delete") == "Staff may not post freely today."
    assert "".join(t for op, t in diff if op != "insert") == "Staff may post freely."


def test_unknown_clause_is_an_edit_error(project: Project, catalog: Catalog) -> None:
    with pytest.raises(edits.EditError, match="not in the document"):
        edits.set_included(project, "no.such.clause", False)
    with pytest.raises(edits.EditError):
        edits.move_clause(project, _ids(project)[0], "no-section", 0)
