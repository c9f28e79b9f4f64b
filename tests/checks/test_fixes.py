"""Every fix the checker offers works: applying it removes its finding and adds no finding; define-term
fixes use clauses of the document's own template only, and leave a definition the author can edit."""

from __future__ import annotations

import pytest

from socialpolicy import checks, edits, templates
from socialpolicy.checks import FixKind
from socialpolicy.checks.fixes import verify
from socialpolicy.render import render
from tests.checks.helpers import add_custom, catalog, fixture_project, render_doc
from tests.conftest import TEMPLATE_IDS


def _key(f: checks.Finding) -> tuple[str, str | None, str | None]:
    return (f.rule, f.clause, f.excerpt if f.rule != "coverage.missing-topic" else f.message)


def _offered(project, template):  # type: ignore[no-untyped-def]
    cat = catalog()
    options = checks.Options()
    report = checks.run(render(project, cat, template), options, catalog=cat)
    return report, verify(report, project, cat, template, options)


def _assert_every_fix_works(project, template) -> int:  # type: ignore[no-untyped-def]
    cat = catalog()
    report, verified = _offered(project, template)
    before = {_key(f) for f in report.findings}
    offered = [f for f in verified.findings if f.fix is not None]
    for f in offered:
        assert f.fix is not None
        changed = edits.apply_fix(project, f.fix.kind, dict(f.fix.args), cat, template).project
        after = checks.run(render(changed, cat, template), checks.Options(), catalog=cat).findings
        assert _key(f) not in {_key(g) for g in after}, (f.rule, f.fix)
        added = [g for g in after if _key(g) not in before]
        assert not added, (f.fix, [(g.rule, g.severity, g.message) for g in added])
    return len(offered)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_fix_offered_on_a_seeded_fixture_works(template_id: str) -> None:
    template = templates.get(template_id)
    project = fixture_project(template_id, "us-hospital")
    project = add_custom(
        project,
        project.sections[-1].id,
        "seed.fixes",
        "Reviews",
        "The Brand Review Panel checks posts each month.",
    )
    offered = _assert_every_fix_works(project, template)
    assert offered >= 1  # the define-term fix for the panel at least


def test_every_fix_offered_on_the_bench_document_works() -> None:
    # The bench document is rendered from a project of custom clauses; that project is kept to apply fixes.
    project = _bench_project(40)
    template = templates.get("social-media-policy")
    _assert_every_fix_works(project, template)


def _bench_project(n: int):  # type: ignore[no-untyped-def]
    import tools.bench_checks as bench
    from socialpolicy.render import render as real_render

    captured = {}

    def keep(project, cat, template=None, *, source="project"):  # type: ignore[no-untyped-def]
        captured["project"] = project
        return real_render(project, cat, template, source=source)

    bench.render = keep  # type: ignore[assignment]
    try:
        bench.build(n)
    finally:
        bench.render = real_render  # type: ignore[assignment]
    return captured["project"]


def test_a_fix_that_fails_its_dry_run_is_not_offered() -> None:
    template = templates.get("social-media-policy")
    project = fixture_project("social-media-policy", "us-hospital")
    doc = render_doc(project)
    report = checks.run(doc, checks.Options(), catalog=catalog())
    target = doc.sections[0].blocks[0].clause_id
    bogus = checks.Finding(
        "structure.near-duplicate",
        "warning",
        "seeded",
        clause=target,
        fix=checks.Fix(
            FixKind.INSERT_CLAUSE, "Insert a clause that is not there", {"clause": "no.such.clause"}
        ),
    )
    checked = verify(
        checks.Report(report.input, [bogus], [], []), project, catalog(), template, checks.Options()
    )
    assert checked.findings[0].fix is None


def test_define_term_takes_clauses_of_the_same_template_and_makes_an_editable_definition() -> None:
    cat = catalog()
    template = templates.get("governance-charter")
    project = fixture_project("governance-charter", "us-hospital")
    defined = {
        t.term.lower() for c in cat for t in c.defines if c.kinds and "governance-charter" not in c.kinds
    }
    foreign = next(iter(sorted(defined)), None)
    if foreign is not None:
        edit = edits.apply_fix(project, FixKind.DEFINE_TERM, {"term": foreign}, cat, template)
        inserted = {r.clause for _, _, r in edit.project.refs()} - {r.clause for _, _, r in project.refs()}
        assert all(
            "governance-charter" in (cat.get("builtin", c).kinds or ("governance-charter",))
            for c in inserted
            if cat.get("builtin", c)
        )
    edit = edits.apply_fix(project, FixKind.DEFINE_TERM, {"term": "Zorbing Panel"}, cat, template)
    holder = next(c for c in edit.project.custom_clauses if any(t.term == "Zorbing Panel" for t in c.defines))
    term = next(t for t in holder.defines if t.term == "Zorbing Panel")
    assert "[to be completed" not in term.definition and term.definition.startswith("the group of people")
    changed = edits.edit_definition(
        edit.project, holder.id, "Zorbing Panel", "the panel that reviews zorbing"
    )
    doc = render(changed.project, cat, template)
    assert any(
        d.term == "Zorbing Panel" and d.text.startswith("the panel that reviews zorbing")
        for d in doc.definitions
    )
    unfilled = [f for f in checks.run(doc, catalog=cat).findings if f.rule == "structure.unfilled-variable"]
    assert not unfilled


def test_fix_kinds_are_an_enum_with_one_fixer_each() -> None:
    assert set(edits.FIXERS) == set(FixKind)
    assert checks.Fix("remove-clause", "x").kind is FixKind.REMOVE_CLAUSE
    with pytest.raises(ValueError):
        checks.Fix("rewrite-everything", "x")
