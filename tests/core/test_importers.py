import zipfile
from pathlib import Path

import docx
import pytest

from socialpolicy.errors import InputError
from socialpolicy.importers import import_file
from tests.conftest import digest

POLICY_MD = """# Acme Social Media Policy

## 1. Purpose

We want you to **enjoy** social media.

### 1.1 Scope

This covers *everyone*:

- staff
- contractors

## 2. Rules

Be kind.

| Do | Don't |
|---|---|
| share | leak |
"""


def test_markdown_split_keeps_headings_lists_and_emphasis(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(POLICY_MD, encoding="utf-8")
    project = import_file(path)
    assert project.metadata["title"] == "Acme Social Media Policy"
    assert [s.title for s in project.sections] == ["Purpose", "Rules"]
    bodies = {c.title: c.body for c in project.custom_clauses}
    assert bodies["Purpose"] == "We want you to **enjoy** social media."
    assert "- staff\n- contractors" in bodies["Scope"] and "*everyone*" in bodies["Scope"]
    assert "| share | leak |" in bodies["Rules"]


def _make_docx(path: Path) -> None:
    d = docx.Document()
    d.add_heading("Acme Policy", level=0)
    d.add_heading("Purpose", level=1)
    p = d.add_paragraph("We ")
    p.add_run("really").bold = True
    p.add_run(" mean it.")
    d.add_heading("Scope", level=2)
    d.add_paragraph("staff", style="List Bullet")
    d.add_paragraph("contractors", style="List Bullet")
    d.add_paragraph("After the list.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(1, 0).text, t.cell(1, 1).text = (
        "Do",
        "Don't",
        "share",
        "leak",
    )
    d.save(str(path))


def test_docx_import(tmp_path: Path) -> None:
    path = tmp_path / "p.docx"
    _make_docx(path)
    before = digest(path)
    project = import_file(path)
    assert project.metadata["title"] == "Acme Policy"
    assert [s.title for s in project.sections] == ["Purpose"]
    bodies = {c.title: c.body for c in project.custom_clauses}
    assert bodies["Purpose"] == "We **really** mean it."
    assert "- staff\n- contractors\n\nAfter the list." in bodies["Scope"]
    assert "| share | leak |" in bodies["Scope"]
    assert digest(path) == before


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("hello")
    with pytest.raises(InputError, match="not a Word document"):
        import_file(path)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b"0" * (210 * 1024 * 1024) + b"</a>")
    with pytest.raises(InputError, match=r"unpacks to|suspiciously"):
        import_file(path)


def test_external_entities_are_refused(tmp_path: Path) -> None:
    src = tmp_path / "ok.docx"
    _make_docx(src)
    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            zout.writestr(item, data)
    with pytest.raises(InputError, match="DOCTYPE"):
        import_file(path)


def test_empty_markdown(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_text("   \n")
    with pytest.raises(InputError):
        import_file(path)
