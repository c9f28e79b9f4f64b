"""The document's facts: read from a project, checked, applied as one undoable edit, and shown by every export."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from socialpolicy import edits, export, jsonio, properties, workspace
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.library import Catalog
from socialpolicy.project import load_project, save_project
from socialpolicy.properties import Approval, Properties

DATA = Path(__file__).resolve().parent.parent / "data"


def _edited(props: Properties) -> Properties:
    fields = {
        **props.fields,
        "title": "Riverside Social Media Policy 2027",
        "version": "1.0",
        "status": "Approved",
        "owner": "Director of People",
        "effective_date": "2027-03-01",
        "review_date": "2028-03-01",
    }
    approvals = (
        Approval("Chief Executive", "Sam Okafor", "2027-02-20"),
        Approval("Legal counsel", "Ana Ruiz"),
    )
    history = tuple(replace(r, note="First version, approved by the board.") for r in props.history)
    assert props.definitions
    term = sorted(props.definitions)[0]
    definitions = {**props.definitions, term: "Our own wording of this term"}
    return Properties(fields, approvals, history, definitions)


def test_properties_edited_feed_every_export_and_undo_puts_them_back(
    project_file: Path, tmp_path: Path
) -> None:
    session = DocumentSession(Catalog.default())
    session.open(project_file)
    assert session.project is not None and session.document is not None
    before = properties.of(session.project, session.document)
    assert before.fields["version"] == "0.1" and before.fields["status"] == "Draft"
    chosen = _edited(before)
    term = next(t for t, v in chosen.definitions.items() if v == "Our own wording of this term")  # type: ignore[union-attr]
    doc_before = session.document
    assert session.edit(lambda p: edits.set_properties(p, chosen, doc_before))
    assert session.history.undo_text == "Edit document properties"
    doc = session.document
    assert doc.title == "Riverside Social Media Policy 2027" and doc.metadata["status"] == "Approved"
    assert [d.text for d in doc.definitions if d.term == term] == ["Our own wording of this term."]
    assert session.project.definitions == {term: "Our own wording of this term"}  # only what changed is kept
    out = tmp_path / "policy.docx"
    export.export(doc, "docx", out, project=session.project)
    word = docx.Document(str(out))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert word.paragraphs[0].text == "Riverside Social Media Policy 2027"
    assert "1.0" in cells and "Approved" in cells and "Director of People" in cells
    assert "1 March 2027" in cells and "1 March 2028" in cells
    assert (
        "Sam Okafor" in cells
        and "Chief Executive" in cells
        and "Legal counsel" in cells
        and "20 February 2027" in cells
    )
    assert "First version, approved by the board." in cells
    assert "Our own wording of this term." in text + cells
    header = "\n".join(p.text for p in word.sections[0].header.paragraphs)
    assert "Version 1.0 · Approved" in header
    md = tmp_path / "policy.md"
    export.export(doc, "md", md)
    assert 'status: "Approved"' in md.read_text(encoding="utf-8")
    # The edit is one step: undo brings every fact back, and the file keeps them across a save.
    assert session.undo() and session.document.metadata["status"] == "Draft"
    assert session.project.definitions == {}
    assert session.redo()
    saved = tmp_path / "saved.policy.json"
    session.save(saved)
    again = load_project(saved)
    assert again.metadata["version"] == "1.0" and again.approvals[0]["name"] == "Sam Okafor"
    assert again.definitions == {term: "Our own wording of this term"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"title": "  "}, "Title: the document needs a title"),
        ({"effective_date": "1 March 2027"}, "Effective date: write the date as year-month-day"),
        ({"effective_date": "2027-03-01", "review_date": "2027-01-01"}, "Next review: it should come after"),
        ({"version": "x" * 41}, "Version: keep it under 40 characters"),
    ],
)
def test_problems_are_named_and_refused(project_file: Path, change: dict[str, str], problem: str) -> None:
    project = load_project(project_file)
    props = properties.of(project)
    bad = replace(props, fields={**props.fields, **change})
    assert any(p.startswith(problem) for p in properties.problems(bad))
    with pytest.raises(edits.EditError, match=problem.split(":")[0]):
        edits.set_properties(project, bad)


def test_approvals_need_a_role_and_rows_without_anything_are_dropped(project_file: Path) -> None:
    project = load_project(project_file)
    props = properties.of(project)
    named = replace(props, approvals=(Approval("", "Sam Okafor"),))
    assert properties.problems(named) == ["Approval 1: say in what role Sam Okafor approves"]
    blank = replace(props, approvals=(Approval("Board", "", "2027-02-30"), Approval("")))
    assert properties.problems(blank) == ["Approval 1: write the date as year-month-day, such as 2027-01-31"]
    kept = edits.set_properties(project, replace(props, approvals=(Approval("Board"), Approval("")))).project
    assert kept.approvals == ({"role": "Board"},)


def test_an_older_project_without_definitions_still_opens_and_a_new_one_validates(tmp_path: Path) -> None:
    old = workspace.load_document(DATA / "old" / "project.v0.json", Catalog.default())
    assert old.project.definitions == {}
    project = replace(
        old.project, definitions={"Social Media": "Any website or app where people share posts"}
    )
    path = tmp_path / "p.policy.json"
    save_project(path, project)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["definitions"] == {"Social Media": "Any website or app where people share posts"}
    assert load_project(path).definitions == project.definitions
    data["definitions"] = {"Social Media": ""}
    path.write_text(jsonio.dumps(data), encoding="utf-8")
    with pytest.raises(Exception, match="definitions"):
        load_project(path)
