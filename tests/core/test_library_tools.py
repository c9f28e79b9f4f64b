"""Team libraries: ids that never collide, overrides, versions, updates, pinning, import conflicts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.export.markdown import to_markdown
from socialpolicy.library import Catalog, builtin, load_library_file
from socialpolicy.library_tools import (
    diff_text,
    import_into,
    pin,
    resolve,
    revise,
    save_library,
    take_update,
    updates,
    word_diff,
)
from socialpolicy.model import Clause, ClauseRef, ClauseVersion
from socialpolicy.render import render


def _write_library(path: Path, lib_id: str, clauses: list[dict], overrides: dict | None = None) -> Path:
    meta: dict = {"id": lib_id, "title": f"{lib_id} library", "version": "1", "publisher": "Legal"}
    if overrides:
        meta["overrides"] = overrides
    path.write_text(
        json.dumps(
            {"format": "socialpolicy.clauses", "format_version": 1, "library": meta, "clauses": clauses}
        )
    )
    return path


def _clause(cid: str, body: str, version: int = 1, **extra: object) -> dict:
    return {
        "id": cid,
        "version": version,
        "title": "Using social media",
        "topic": "purpose-scope",
        "body": body,
        "rationale": "Approved wording from the legal team.",
        **extra,
    }


def test_two_libraries_with_the_same_clause_id_coexist(tmp_path: Path) -> None:
    first_id = next(iter(builtin())).id
    org = load_library_file(
        _write_library(tmp_path / "org.clauses.json", "acme", [_clause(first_id, "Acme wording.")])
    )
    catalog = Catalog([builtin(), org])
    assert catalog.get("builtin", first_id).body != catalog.get("acme", first_id).body
    assert catalog.get("acme", first_id).library == "acme"


def test_override_and_hide_are_reported(tmp_path: Path) -> None:
    template = templates.get("social-media-policy")
    base = assemble(template, template.defaults(), Catalog.default())
    target = base.sections[0].clauses[0].clause
    hidden = base.sections[0].clauses[1].clause
    org = load_library_file(
        _write_library(
            tmp_path / "org.clauses.json",
            "acme",
            [_clause("our-purpose", "Acme's own purpose text.")],
            overrides={f"builtin:{target}": "our-purpose", f"builtin:{hidden}": None},
        )
    )
    catalog = Catalog([builtin(), org])
    clause, note = catalog.resolve(target)
    assert (
        clause is not None
        and clause.library == "acme"
        and note == f"acme:our-purpose overrides builtin:{target}"
    )
    assert catalog.resolve(hidden) == (None, f"builtin:{hidden} is hidden by an organisation library")
    project = assemble(template, template.defaults(), catalog)
    first = project.sections[0].clauses
    assert first[0] == ClauseRef("our-purpose", "acme", 1)
    assert all(ref.clause != hidden for ref in first)
    assert {"id": "acme", "version": "1"} in project.libraries


def _project_on(tmp_path: Path, body: str, version: int = 1, history: list | None = None):
    lib = load_library_file(
        _write_library(
            tmp_path / "org.clauses.json",
            "acme",
            [
                _clause(
                    "c1",
                    body,
                    version,
                    **({"history": history} if history else {}),
                    **({"change_note": "Shorter."} if history else {}),
                )
            ],
        )
    )
    catalog = Catalog([builtin(), lib])
    template = templates.get("social-media-policy")
    project = assemble(template, template.defaults(), catalog)
    first = project.sections[0]
    project = replace(
        project,
        sections=(
            replace(first, clauses=(ClauseRef("c1", "acme", 1), *first.clauses)),
            *project.sections[1:],
        ),
    )
    return project, catalog, template


def test_newer_version_is_detected_and_can_be_taken_or_pinned(tmp_path: Path) -> None:
    project, catalog, template = _project_on(tmp_path, "Old wording for staff.")
    assert updates(project, catalog) == []
    _, new_catalog, _ = _project_on(
        tmp_path,
        "New wording for all staff.",
        version=2,
        history=[{"version": 1, "body": "Old wording for staff.", "title": "Using social media"}],
    )
    found = updates(project, new_catalog)
    assert len(found) == 1 and found[0].change_note == "Shorter."
    assert diff_text(found[0].diff) == "[-Old-]{+New+} wording for {+all +}staff."
    # The document does not change by itself: it still shows version 1.
    doc = render(project, new_catalog, template)
    assert (
        doc.sections[0].blocks[0].markdown == "Old wording for staff."
        and doc.sections[0].blocks[0].version == 1
    )
    taken = take_update(project, found[0])
    assert render(taken, new_catalog, template).sections[0].blocks[0].markdown == "New wording for all staff."
    pinned = pin(project, found[0].section, found[0].index)
    assert updates(pinned, new_catalog) == [] and len(updates(pinned, new_catalog, include_pinned=True)) == 1


def test_pinned_project_exports_byte_identical_after_library_change(tmp_path: Path) -> None:
    project, catalog, template = _project_on(tmp_path, "Old wording for staff.")
    project = pin(project, 0, 0)
    before = to_markdown(render(project, catalog, template))
    _, new_catalog, _ = _project_on(
        tmp_path,
        "Completely different text.",
        version=2,
        history=[{"version": 1, "body": "Old wording for staff.", "title": "Using social media"}],
    )
    assert to_markdown(render(project, new_catalog, template)) == before


def test_edited_clause_gets_a_three_way_view(tmp_path: Path) -> None:
    project, _, _ = _project_on(tmp_path, "Old wording for staff.")
    ref = replace(project.sections[0].clauses[0], body="Our own wording for staff.")
    sections = (
        replace(project.sections[0], clauses=(ref, *project.sections[0].clauses[1:])),
        *project.sections[1:],
    )
    project = replace(project, sections=sections)
    _, new_catalog, _ = _project_on(
        tmp_path,
        "New wording for staff.",
        version=2,
        history=[{"version": 1, "body": "Old wording for staff."}],
    )
    update = updates(project, new_catalog)[0]
    assert (update.old_body, update.new_body, update.ref.body) == (
        "Old wording for staff.",
        "New wording for staff.",
        "Our own wording for staff.",
    )
    assert update.author_change is not None
    assert diff_text(update.author_change) == "[-Old-]{+Our own+} wording for staff."
    assert diff_text(update.diff) == "[-Old-]{+New+} wording for staff."


def test_revise_bumps_version_only_for_meaning() -> None:
    old = Clause("c", 1, "T", "t", "Body one.", "Why.")
    same = revise(old, replace(old, rationale="Better reason."), "note")
    assert same.version == 1 and same.history == ()
    new = revise(old, replace(old, body="Body two."), "Clearer.", "2026-11-22")
    assert new.version == 2 and new.change_note == "Clearer."
    assert new.history == (ClauseVersion(1, "Body one.", "T", None, "2026-11-22"),)
    assert [h.to_dict() for h in new.history] == [
        {"version": 1, "title": "T", "body": "Body one.", "date": "2026-11-22"}
    ]
    assert [p.op for p in word_diff("a b", "a c")] == ["equal", "delete", "insert"]


def test_import_reports_conflicts_and_saves_merge_friendly(tmp_path: Path) -> None:
    ours = load_library_file(
        _write_library(tmp_path / "ours.clauses.json", "acme", [_clause("b", "Same."), _clause("a", "Ours.")])
    )
    theirs = _write_library(
        tmp_path / "theirs.clauses.json",
        "other",
        [_clause("a", "Theirs."), _clause("b", "Same."), _clause("c", "New.")],
    )
    result = import_into(ours, theirs)
    assert (
        result.added == ["c"]
        and result.unchanged == ["b"]
        and [c.clause_id for c in result.conflicts] == ["a"]
    )
    assert result.library.clauses["a"].body == "Ours."  # nothing overwritten
    resolve(result, "a", "theirs")
    assert result.library.clauses["a"].body == "Theirs." and result.library.clauses["a"].version == 2
    out = tmp_path / "merged.clauses.json"
    save_library(out, result.library)
    data = json.loads(out.read_text())
    assert [c["id"] for c in data["clauses"]] == ["a", "b", "c"]
    assert data["clauses"][0]["history"][0]["body"] == "Ours."
    assert load_library_file(out).clauses["c"].library == "acme"


def test_readme_example_library_overrides_and_hides(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ROOT

    monkeypatch.setenv("SOCIALPOLICY_LIBRARY_PATH", str(ROOT / "docs" / "examples"))
    catalog = Catalog.default()
    template = templates.get("social-media-policy")
    project = assemble(template, template.defaults(), catalog)
    refs = [ref for _, _, ref in project.refs()]
    assert ClauseRef("acme.review.cycle", "acme-legal", 2) in refs
    assert all(ref.clause not in ("smp.review.cycle", "smp.scope.other-policies") for ref in refs)
    doc = render(project, catalog, template)
    block = doc.block("acme.review.cycle")
    assert block is not None and "Acme Legal signs off each new version" in block.markdown
    assert "[to be completed" not in block.markdown
