"""Revisions and redlines: a project's saved revisions; a Word export with native tracked changes against
one of them, whose "accept all" gives the current text and "reject all" the earlier one."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from socialpolicy import edits, revisions, templates
from socialpolicy.cli import main
from socialpolicy.errors import InputError
from socialpolicy.importers import wordml
from socialpolicy.importers.docx import logical
from socialpolicy.library import Catalog
from socialpolicy.model import Project
from socialpolicy.project import load_project, save_project
from socialpolicy.render import render
from tests.core.test_review import TODAY, document_lines, project
from tests.review_tools import normal, pandoc_plain

NEW_BODY = "A shorter scope, rewritten after the **first** review."


def changed(p: Project) -> Project:
    """The project after revision 0.2: a clause excluded, one rewritten, one retitled, one added."""
    catalog = Catalog.default()
    refs = [r for s in p.sections for r in s.clauses]
    p = edits.set_included(p, refs[3].clause, False, catalog).project
    p = edits.edit_clause(p, "smp.scope.people", catalog, body=NEW_BODY).project
    p = edits.edit_clause(p, refs[5].clause, catalog, title="A better title").project
    return edits.add_custom_clause(
        p, p.sections[1].id, "Added after the first review", "A clause written after **revision 0.2**."
    ).project


def test_revisions_are_saved_listed_and_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.policy.json"
    save_project(path, project())
    assert main(["revisions", str(path)]) == 0
    listed = capsys.readouterr().out
    assert "#1   0.1" in listed and "history only: no saved copy" in listed
    assert main(["revisions", str(path), "--add", "Sent to legal", "--author", "HR"]) == 0
    assert "saved revision 0.2" in capsys.readouterr().out
    saved = load_project(path)
    assert saved.metadata["version"] == "0.2"
    assert [r["version"] for r in saved.revisions] == ["0.1", "0.2"] and saved.revisions[-1]["author"] == "HR"
    earlier, label = revisions.project_at(saved, "0.2")
    assert earlier.sections == saved.sections and label.startswith("version 0.2 of ")
    assert revisions.find(saved, "#2")[1]["version"] == "0.2" and revisions.find(saved, "latest")[0] == 1
    with pytest.raises(InputError, match="no saved copy"):
        revisions.project_at(saved, "0.1")
    with pytest.raises(InputError, match=r"no revision '9\.9'"):
        revisions.find(saved, "9.9")
    assert main(["revisions", str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"saved": true' in out and '"saved": false' in out
    assert revisions.next_version("1.9") == "1.10" and revisions.next_version("2") == "3"


def redline(tmp_path: Path) -> tuple[Path, Project, Project]:
    saved = revisions.add(project(), "Sent to legal", date=TODAY)
    now = changed(saved)
    path = tmp_path / "p.policy.json"
    save_project(path, now)
    out = tmp_path / "redline.docx"
    assert (
        main(
            [
                "export",
                str(path),
                "--format",
                "docx",
                "--redline-against",
                "0.2",
                "--no-layout",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    earlier, _ = revisions.project_at(now, "0.2")
    return out, earlier, now


def body_view(path: Path, mode: str) -> list[str]:
    """The body's lines (from the first section heading) with the tracked changes accepted or rejected,
    read by our own reader, paragraph marks included."""
    word = wordml.read(path)
    lines = []
    for para in logical(word.blocks, mode):
        if para.last.table is not None:
            continue
        line = normal(para.text(mode))
        if line:
            lines.append(line)
    return lines


def expected(p: Project) -> list[str]:
    catalog = Catalog.default()
    return document_lines(render(p, catalog, templates.get(p.template_id)))


def _from(lines: list[str], first: str) -> list[str]:
    return lines[[i for i, x in enumerate(lines) if x == first][-1] :]


def test_a_redline_accepted_is_the_current_text_and_rejected_the_earlier_one(tmp_path: Path) -> None:
    out, earlier, now = redline(tmp_path)
    first = expected(now)[0]
    assert _from(body_view(out, "accept"), first) == expected(now)
    assert _from(body_view(out, "reject"), first) == expected(earlier)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="Social Policy Studio"' in xml and "<w:del " in xml and "<w:ins " in xml
    assert "Changes shown." in xml


def test_pandoc_reads_the_redline_the_same_way(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed; .ci/run installs it")
    out, earlier, now = redline(tmp_path)
    first = expected(now)[0]
    assert _from(pandoc_plain(out, "accept"), first) == expected(now)
    assert _from(pandoc_plain(out, "reject"), first) == expected(earlier)


@pytest.mark.slow
def test_libreoffice_accept_all_and_reject_all_on_the_redline(office: None, tmp_path: Path) -> None:
    from socialpolicy import office as office_mod

    out, earlier, now = redline(tmp_path)
    first = expected(now)[0]
    for job, p in (("accept", now), ("reject", earlier)):
        answer = office_mod.run_job(job, out)
        assert not answer["remaining"]
        lines = [normal(x) for x in answer["paragraphs"] if normal(x)]
        assert _from(lines, first)[: len(expected(p))] == expected(p), job


def test_redline_needs_a_saved_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.policy.json"
    save_project(path, project())
    code = main(
        ["export", str(path), "--format", "docx", "--redline-against", "0.1", "-o", str(tmp_path / "r.docx")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert str(path) in err and "no saved copy" in err and err.count("\n") == 1
    assert not (tmp_path / "r.docx").exists()
