"""Live numbering and cross-references: a lawyer inserts a clause and deletes a section in Word; after
a field update (LibreOffice headless), every later heading and every cross-reference to it is renumbered."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from socialpolicy import office as office_mod
from tests.export.test_docx import W, export_fixture, fixture_doc

pytestmark = pytest.mark.slow


def _style(p: object) -> str:
    node = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")  # type: ignore[attr-defined]
    return node.get(f"{{{W}}}val") if node is not None else ""


def _text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))  # type: ignore[attr-defined]


def test_inserted_clause_and_deleted_section_renumber_headings_and_references(
    office: None, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed; .ci/run installs poppler-utils")
    doc = fixture_doc("social-media-policy")
    source = export_fixture("social-media-policy", False, tmp_path / "export.docx")
    # A section that some later clause refers to ("section N"), and an earlier section to delete.
    referenced = next(
        s for s in doc.sections[2:] if any(f"](#{s.anchor})" in b.markdown for _, b in doc.blocks())
    )
    deleted = doc.sections[1]
    document = docx.Document(str(source))
    body = document.element.body
    h1 = [p for p in body.iterchildren(f"{{{W}}}p") if _style(p) == "Heading1"]
    start = next(p for p in h1 if _text(p) == deleted.title)
    end = h1[h1.index(start) + 1]
    node = start
    while node is not end:
        following = node.getnext()
        body.remove(node)
        node = following
    # A new clause in the first section, before its second clause: a Heading 2 with no number typed.
    h2 = [p for p in body.iterchildren(f"{{{W}}}p") if _style(p) == "Heading2"]
    new = copy.deepcopy(h2[1])
    for mark in [*new.iter(f"{{{W}}}bookmarkStart"), *new.iter(f"{{{W}}}bookmarkEnd")]:
        mark.getparent().remove(mark)
    runs = list(new.iter(f"{{{W}}}t"))
    runs[0].text = "A clause the lawyer added"
    for extra in runs[1:]:
        extra.text = ""
    h2[1].addprevious(new)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    pdf = tmp_path / "edited.pdf"
    office_mod.convert(edited, pdf, "writer_pdf_Export", update=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squashed = " ".join(text.split())
    first = doc.sections[0]
    assert f"{first.number}.2 A clause the lawyer added" in squashed
    assert f"{first.blocks[1].number[:-1]}3 {first.blocks[1].title}" in squashed  # 1.2 is now 1.3
    new_number = int(referenced.number) - 1
    assert f"{new_number}. {referenced.title}" in squashed
    refs = re.findall(rf"section (\d+) \({re.escape(referenced.title)}\)", squashed)
    assert refs and set(refs) == {str(new_number)}
    # The contents page was updated too: the deleted section is gone from it.
    contents = squashed.split("Contents", 1)[1].split(doc.sections[0].blocks[0].title, 1)[0]
    assert deleted.title not in contents and f"{new_number}. {referenced.title}" in contents


def test_pdf_export_is_made_from_the_word_file_by_libreoffice(
    office: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from socialpolicy.cli import main
    from tests.conftest import ANSWERS

    project = tmp_path / "p.policy.json"
    answers = ANSWERS / "governance-charter" / "uk-charity.json"
    assert main(["new", "governance-charter", "--answers", str(answers), "-o", str(project)]) == 0
    out = tmp_path / "p.pdf"
    assert main(["export", str(project), "--format", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    title = json.loads(project.read_text())["metadata"]["title"]
    assert title in text and re.search(r"1\.\s+\S", text)
    contents = text.split("Contents", 1)[1][:2000]
    assert re.search(r"\.{5,}\s*\d+", contents)  # page numbers on the contents page
