"""A reviewed Word file back into its project: tracked changes, untracked edits and comments, clause by
clause; the import of our own exports; nothing read from Word dropped silently.

The reviewed files here are made by script (tests/review_tools.py), as Word records changes; the same
edits made by LibreOffice are in tests/core/test_review_libreoffice.py."""

from __future__ import annotations

import json
import shutil
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from socialpolicy import review, templates
from socialpolicy.assembly import assemble
from socialpolicy.cli import main
from socialpolicy.document import Document
from socialpolicy.export.docx import write_docx
from socialpolicy.importers import import_document
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Project
from socialpolicy.project import load_project, save_project, with_id
from socialpolicy.render import render
from tests.conftest import ANSWERS, digest
from tests.review_tools import AUTHOR, Reviewer, normal, pandoc_plain, texts

TODAY = date(2026, 11, 1)
REPLACED = "It also means temporary and agency workers, contractors and volunteers."
REPLACEMENT = "It also covers agency workers and contractors, but not volunteers."
INSERTED = "Board members are covered by their own code of conduct."
COMMENT = "Too casual for a policy?"


@cache
def project() -> Project:
    template = templates.get("social-media-policy")
    answers = json.loads((ANSWERS / "social-media-policy" / "uk-charity.json").read_text(encoding="utf-8"))
    return with_id(assemble(template, answers, Catalog.default(), today=TODAY))


def export(tmp_path: Path, p: Project | None = None, *, review_copy: bool = False) -> Path:
    p = p or project()
    out = tmp_path / "export.docx"
    doc = render(p, Catalog.default(), templates.get(p.template_id))
    write_docx(doc, out, project=p, review=review_copy)
    return out


def reviewed(tmp_path: Path, source: Path | None = None) -> Path:
    """The lawyer's copy: a sentence replaced, a paragraph added, a comment, a phrase deleted, a list
    item deleted, and one edit made with Track Changes off."""
    r = Reviewer(source or export(tmp_path))
    r.replace(REPLACED, REPLACEMENT)
    r.insert_after(REPLACEMENT, INSERTED, in_smart_tag=True)
    r.comment("Most of it is common sense.", COMMENT)
    r.delete(", whether or not we take part")
    r.delete_paragraph("how we look after your privacy and what we check.")
    r.wrap_in_content_control("Where a rule exists because of the law, we say so.")
    r.untracked("The policy covers new platforms as they appear.", "The policy covers every new platform.")
    return r.save(tmp_path / "reviewed.docx")


def document_lines(doc: Document) -> list[str]:
    """What a reader sees of the body, in order: section titles and introductions, the definitions,
    clause titles and text."""
    from socialpolicy.render import parse_markdown

    out: list[str] = []
    for section in doc.sections:
        out.append(section.title)
        if section.intro:
            out += parse_markdown(section.intro).text.split("\n")
        if section.definitions:
            out += [f"\u201c{d.term}\u201d means {parse_markdown(d.text).text}" for d in doc.definitions]
        for block in section.blocks:
            out += [block.title, *block.text.split("\n")]
    return [line for line in (normal(x) for x in out) if line]


def body_lines(lines: list[str], first_heading: str) -> list[str]:
    """The lines from a document's first section heading on (leaving out the cover and contents)."""
    start = [i for i, line in enumerate(lines) if line == first_heading]
    assert start, first_heading
    return lines[start[-1] :]


def test_review_lists_every_change_comment_and_untracked_edit(tmp_path: Path) -> None:
    found = review.read(reviewed(tmp_path))
    lines = "\n".join(review.listing(found, project()))
    assert f"deleted by {AUTHOR} on 2026-12-01: \u201c{REPLACED}\u201d" in lines
    assert f"inserted by {AUTHOR} on 2026-12-01: \u201c{REPLACEMENT}\u201d" in lines
    assert f"inserted by {AUTHOR} on 2026-12-01: \u201c{INSERTED}\u201d" in lines
    assert f"deleted by {AUTHOR} on 2026-12-01: \u201c, whether or not we take part\u201d" in lines
    assert (
        f"deleted by {AUTHOR} on 2026-12-01: \u201chow we look after your privacy and what we check.\u201d"
        in lines
    )
    assert (
        f"comment by {AUTHOR}" in lines
        and COMMENT in lines
        and "\u201cMost of it is common sense.\u201d" in lines
    )
    by_status = {c.exported["id"]: c.status for c in found.clauses if c.exported}
    assert by_status["smp.scope.people"] == "changed"
    assert by_status["smp.purpose.statement"] == "changed"
    assert by_status["smp.scope.platforms"] == "edited without tracking"
    assert sum(1 for s in by_status.values() if s != "unchanged") == 3
    comment = next(c for cr in found.clauses for c in cr.comments)
    assert (comment.author, comment.anchor, comment.text) == (AUTHOR, "Most of it is common sense.", COMMENT)


def test_review_accept_all_gives_the_reviewed_text_and_reject_all_keeps_ours(tmp_path: Path) -> None:
    path = reviewed(tmp_path)
    project_file = tmp_path / "p.policy.json"
    save_project(project_file, project())
    before = digest(path)
    assert (
        main(["review", str(project_file), str(path), "--accept-all", "-o", str(tmp_path / "a.policy.json")])
        == 0
    )
    assert digest(path) == before
    accepted = load_project(tmp_path / "a.policy.json")
    catalog = Catalog.default()
    doc = render(accepted, catalog, templates.get(accepted.template_id))
    ours = document_lines(doc)
    theirs = body_lines(pandoc_plain(path, "accept"), normal(doc.sections[0].title))
    assert ours == theirs
    people = doc.block("smp.scope.people")
    assert people is not None and people.origin == "edited"
    assert REPLACEMENT in people.text and INSERTED in people.text and REPLACED not in people.text
    assert people.provenance == f"Changed in legal review by {AUTHOR} on 2026-12-01"
    assert "{{ org_short }}" in (
        next(r for s in accepted.sections for r in s.clauses if r.clause == "smp.scope.people").body or ""
    )
    assert [n.text for n in accepted.comments] == [COMMENT]
    assert accepted.comments[0].clause == "smp.purpose.statement"
    platforms = doc.block("smp.scope.platforms")
    assert platforms is not None and "The policy covers every new platform." in platforms.text
    assert (
        main(["review", str(project_file), str(path), "--reject-all", "-o", str(tmp_path / "r.policy.json")])
        == 0
    )
    rejected = load_project(tmp_path / "r.policy.json")
    assert rejected.sections == project().sections and [n.text for n in rejected.comments] == [COMMENT]


def test_a_review_from_an_older_revision_applies_only_where_the_clause_is_unchanged_since(
    tmp_path: Path,
) -> None:
    from socialpolicy import edits

    path = reviewed(tmp_path)
    later = edits.edit_clause(
        project(), "smp.scope.people", Catalog.default(), body="Our own newer wording for who is covered."
    ).project
    found = review.read(path)
    outcome = review.apply(later, found, review.Decision.accept_all(found), Catalog.default())
    assert any(
        "1.2 Who this policy covers: the clause has changed in the project" in c for c in outcome.conflicts
    )
    new = outcome.edit.project
    ref = next(r for s in new.sections for r in s.clauses if r.clause == "smp.scope.people")
    assert ref.body == "Our own newer wording for who is covered."  # left alone
    assert any(line.startswith("1.1 Why we have this policy") for line in outcome.applied)


def test_an_untouched_export_imports_as_the_same_clauses_and_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(tmp_path)
    out = tmp_path / "back.policy.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "recognised a Social Policy Studio export" in printed
    assert "tracked changes: accepted (the default" in printed
    back = load_project(out)
    assert back.sections == project().sections
    assert not back.custom_clauses
    assert [(r.clause, r.library, r.version) for s in back.sections for r in s.clauses] == [
        (r.clause, r.library, r.version) for s in project().sections for r in s.clauses
    ]


def test_import_of_a_reviewed_export_takes_changes_as_asked(tmp_path: Path) -> None:
    path = reviewed(tmp_path)
    catalog = Catalog.default()

    def people(changes: str) -> str:
        imported = import_document(path, changes, catalog)
        doc = render(imported.project, catalog, templates.get(imported.project.template_id))
        block = doc.block("smp.scope.people")
        assert block is not None
        return block.markdown

    assert REPLACEMENT in people("accept") and REPLACED not in people("accept")
    assert REPLACED in people("reject") and INSERTED not in people("reject")
    marked = people("keep")
    assert "{--" + REPLACED + "--}" in marked and "{++" + REPLACEMENT + "++}" in marked
    lines = import_document(path, "accept", catalog).lines
    assert any(
        "tracked changes accepted: 3 insertions and 4 deletions by Dana Reviewer" in line for line in lines
    )


def test_import_accept_gives_the_same_text_as_pandoc(tmp_path: Path) -> None:
    """The oracle: pandoc --track-changes=accept|reject on the reviewed file reads what we import."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed; .ci/run installs it")
    path = reviewed(tmp_path)
    catalog = Catalog.default()
    for changes in ("accept", "reject"):
        imported = import_document(path, changes, catalog)
        doc = render(imported.project, catalog, templates.get(imported.project.template_id))
        ours = document_lines(doc)
        oracle = body_lines(pandoc_plain(path, changes), normal(doc.sections[0].title))
        assert ours == oracle, changes


def test_nothing_read_from_word_is_lost(tmp_path: Path) -> None:
    """Every piece of text of the reviewed body (w:t and w:delText) is in what the import gives."""
    path = reviewed(tmp_path)
    catalog = Catalog.default()
    for changes, tag in (("accept", "t"), ("reject", "delText")):
        imported = import_document(path, changes, catalog)
        doc = render(imported.project, catalog, templates.get(imported.project.template_id))
        shown = " ".join(document_lines(doc))
        first = doc.sections[0].title
        pieces = texts(path, tag)
        start = pieces.index(first) if tag == "t" else 0
        missing = [
            p for p in pieces[start:] if len(normal(p)) > 3 and normal(p) not in shown and not p.isdigit()
        ]
        assert not missing, (changes, missing[:5])


def test_a_foreign_word_file_keeps_tracked_changes_comments_and_link_text(tmp_path: Path) -> None:
    """A policy written elsewhere: text in insertions, hyperlinks, smart tags and content controls is read,
    runs of one formatting are joined before Markdown ("**“Term”**"), comments become notes."""
    import docx
    from docx.oxml.parser import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_heading("Acme social media policy", 0)
    d.add_heading("Conduct", 1)
    p = d.add_paragraph()
    for text in ("\u201c", "Advocacy Programme", "\u201d"):
        p.add_run(text).bold = True
    p.add_run(" means the scheme described in ")
    link = parse_xml(
        f'<w:hyperlink {w} w:anchor="sec_x"><w:r><w:t>the advocacy section</w:t></w:r></w:hyperlink>'
    )
    p._p.append(link)
    p._p.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="Lee" w:date="2026-11-20T10:00:00Z"><w:r><w:t xml:space="preserve"> and its rules</w:t></w:r></w:ins>'
        )
    )
    p._p.append(parse_xml(f"<w:r {w}><w:t>.</w:t></w:r>"))
    q = d.add_paragraph("Staff ")
    q._p.append(
        parse_xml(f'<w:smartTag {w} w:uri="x" w:element="place"><w:r><w:t>in London</w:t></w:r></w:smartTag>')
    )
    q._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="Lee" w:date="2026-11-20T10:00:00Z"><w:r><w:delText> never</w:delText></w:r></w:del>'
        )
    )
    q._p.append(
        parse_xml(
            f'<w:sdt {w}><w:sdtContent><w:r><w:t xml:space="preserve"> may post.</w:t></w:r></w:sdtContent></w:sdt>'
        )
    )
    comment = d.comments.add_comment(text="Check the London office.", author="Lee", initials="L")
    q.runs[0].mark_comment_range(q.runs[0], comment.comment_id)
    path = tmp_path / "acme.docx"
    d.save(str(path))
    from socialpolicy.importers import read_as_markdown

    text = read_as_markdown(path)
    assert (
        "**\u201cAdvocacy Programme\u201d** means the scheme described in the advocacy section and its rules."
        in text
    )
    imported = import_document(path, "accept")
    terms = {t.term: t.definition for c in imported.project.custom_clauses for t in c.defines}
    assert terms == {"Advocacy Programme": "the scheme described in the advocacy section and its rules."}
    bodies = "\n".join(
        [c.body for c in imported.project.custom_clauses] + [s.intro for s in imported.project.sections]
    )
    assert "Staff in London may post." in bodies
    assert "never" not in bodies
    assert "Staff in London never may post." in read_as_markdown(path, "reject")
    notes = imported.project.comments
    assert [(n.author, n.text, n.anchor) for n in notes] == [("Lee", "Check the London office.", "Staff")]
    assert notes[0].clause is not None and notes[0].clause.startswith("imp.")
    assert any("1 insertion and 1 deletion by Lee" in line for line in imported.lines)
    assert all(c.library == PROJECT_LIBRARY for c in imported.project.custom_clauses)


def test_changes_are_taken_one_by_one_and_can_be_taken_back(tmp_path: Path) -> None:
    """The review panel's model: each accepted or rejected change is one edit of the current project,
    worked out from the clause as it was when the review was opened."""
    from socialpolicy import edits

    found = review.read(reviewed(tmp_path))
    catalog = Catalog.default()
    base = project()
    opened = review.Opened.open(found, base, catalog)
    people = found.clause("builtin:smp.scope.people")
    assert people is not None
    replaced, inserted_text, inserted = people.groups()[0], people.groups()[1], people.groups()[2]
    assert INSERTED in inserted.text and REPLACEMENT in inserted_text.text

    def text(p: Project) -> str:
        block = render(p, catalog, templates.get(p.template_id)).block("smp.scope.people")
        assert block is not None
        return block.text

    # Another edit made meanwhile in another clause survives every decision below.
    current = edits.edit_clause(base, "smp.scope.platforms", catalog, body="Our own words.").project
    opened, edit = opened.decide(current, people.key, inserted, True)
    assert INSERTED in text(edit.project) and REPLACED in text(edit.project)
    assert edit.text == f"Accept insertion by {AUTHOR} in 1.2 Who this policy covers"
    opened, edit = opened.decide(edit.project, people.key, replaced, True)
    opened, edit = opened.decide(edit.project, people.key, inserted_text, True)
    assert (
        REPLACED not in text(edit.project)
        and REPLACEMENT in text(edit.project)
        and INSERTED in text(edit.project)
    )
    opened, edit = opened.decide(edit.project, people.key, inserted, False)
    assert INSERTED not in text(edit.project) and REPLACEMENT in text(edit.project)
    for group in (replaced, inserted_text):
        opened, edit = opened.decide(edit.project, people.key, group, False)
    assert text(edit.project) == text(base)
    assert edit.project.custom_clauses == current.custom_clauses
    ref = next(r for s in edit.project.sections for r in s.clauses if r.clause == "smp.scope.platforms")
    assert ref.body == "Our own words."
    opened, edit = opened.decide_all(edit.project, True)
    assert REPLACEMENT in text(edit.project) and edit.text == "Accept every change of the review"
    kept = review.keep_comments(edit.project, found).project
    assert [n.text for n in kept.comments] == [COMMENT]
    resolved = review.resolve_note(kept, 0).project
    assert resolved.comments[0].resolved and not kept.comments[0].resolved
