"""Word export: golden document.xml per template and mode, structure, review mode, reference styles."""

from __future__ import annotations

import json
import os
import re
import zipfile
from datetime import date
from functools import cache
from pathlib import Path

import docx
import pytest
from lxml import etree

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.checks import Finding, Fix
from socialpolicy.cli import main
from socialpolicy.document import Document
from socialpolicy.errors import InputError
from socialpolicy.export import export
from socialpolicy.export.docx import bookmark_name, build_docx, write_docx
from socialpolicy.export.docx_package import read_custom_properties
from socialpolicy.library import Catalog
from socialpolicy.model import AcceptedRisk
from socialpolicy.render import human_date, render
from tests.conftest import ANSWERS, ROOT, TEMPLATE_IDS, digest

GOLDEN = ROOT / "tests" / "golden" / "docx"
FIXTURES = {
    "social-media-policy": "us-hospital",
    "internal-collaboration": "eu-listed-manufacturer",
    "governance-charter": "uk-charity",
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TODAY = date(2026, 11, 1)
MARKDOWN_LEFTOVERS = re.compile(r"\*\*|__|\]\(|\{#|^#+ |^\s*[-*+] |`")


@cache
def fixture_doc(template_id: str) -> Document:
    t = templates.get(template_id)
    answers = json.loads(
        (ANSWERS / template_id / f"{FIXTURES[template_id]}.json").read_text(encoding="utf-8")
    )
    catalog = Catalog.default()
    return render(assemble(t, answers, catalog, today=TODAY), catalog, t)


def excerpt_of(doc: Document) -> tuple[str, str]:
    """A clause id and a phrase from the middle of its first paragraph."""
    block = [b for _, b in doc.blocks()][2]
    words = block.text.split("\n")[0].split()
    return block.clause_id, " ".join(words[2:7])


def review_findings(doc: Document) -> list[Finding]:
    """Fixed findings of every kind (the checker's own output changes as rules are added)."""
    clause, excerpt = excerpt_of(doc)
    first_section = doc.sections[0]
    first_block = doc.sections[0].blocks[0]
    return [
        Finding(
            "terms.example",
            "warning",
            "This phrase needs a defined term.",
            clause=clause,
            excerpt=excerpt,
            citation="Example Act 2020, s. 1",
            fix=Fix("define-term", "Define the term"),
        ),
        Finding(
            "structure.example",
            "error",
            "This section needs an owner.",
            section=f"{first_section.number}. {first_section.title}",
        ),
        Finding("coverage.example", "info", "The document does not say how often it is reviewed."),
        Finding(
            "legal.example",
            "warning",
            "Wording may chill protected activity.",
            clause=first_block.clause_id,
            accepted=AcceptedRisk("legal.example", "A. Reviewer", "2026-10-30", "Our counsel approved it."),
        ),
    ]


def export_fixture(template_id: str, review: bool, out: Path, *, layout: bool = False) -> Path:
    doc = fixture_doc(template_id)
    write_docx(doc, out, review=review, findings=review_findings(doc) if review else (), layout=layout)
    return out


def normalised_document_xml(path: Path) -> str:
    """word/document.xml pretty-printed, without rsids and other volatile attributes."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    for node in root.iter():
        for name in list(node.attrib):
            local = etree.QName(name).localname
            if local.startswith("rsid") or local in ("paraId", "textId"):
                del node.attrib[name]
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, tables included."""
    document = docx.Document(str(path))
    names = {s.style_id: s.name for s in document.styles}
    out = []
    for p in document.element.body.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(
            t.text or "" if t.tag == f"{{{W}}}t" else "\t" for t in p.iter(f"{{{W}}}t", f"{{{W}}}tab")
        )
        out.append((names.get(style.get(f"{{{W}}}val")) if style is not None else "Normal", text))
    return out


@pytest.mark.parametrize("review", [False, True], ids=["normal", "review"])
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_document_xml_matches_golden(template_id: str, review: bool, tmp_path: Path) -> None:
    out = export_fixture(template_id, review, tmp_path / "out.docx")
    actual = normalised_document_xml(out)
    golden = GOLDEN / f"{template_id}-{'review' if review else 'normal'}.document.xml"
    if os.environ.get("SOCIALPOLICY_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), (
        f"missing {golden}; run with SOCIALPOLICY_UPDATE_GOLDEN=1 (tests/golden/README.md)"
    )
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} differs; see tests/golden/README.md"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_headings_numbers_and_styles_match_the_markdown_export(template_id: str, tmp_path: Path) -> None:
    doc = fixture_doc(template_id)
    out = export_fixture(template_id, False, tmp_path / "out.docx")
    paras = paragraphs(out)
    h1 = [text for style, text in paras if style == "Heading 1"]
    h2 = [text for style, text in paras if style == "Heading 2"]
    # No typed numbers: the heading styles are linked to one multilevel list that numbers them.
    assert h1 == [s.title for s in doc.sections]
    assert h2 == [b.title for _, b in doc.blocks()]
    assert heading_list_formats(out) == ("%1.", "%1.%2")
    assert [text for style, text in paras if style == "Title"] == [doc.title]
    body = [
        (style, text)
        for style, text in paras
        if style in ("Body Text", "List Number", "List Bullet", "Quote")
    ]
    assert body and not [t for _, t in body if MARKDOWN_LEFTOVERS.search(t)]
    # Every definition appears as "Term" means ...
    texts = {text for _, text in paras}
    for d in doc.definitions:
        assert any(t.startswith(f"\u201c{d.term}\u201d means ") for t in texts), d.term
    # Lists: bullets and (a), (b) numbering, each numbered list restarting on its own instance.
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    styles = {s.name: s.style_id for s in docx.Document(str(out)).styles}
    numbered = [b for _, b in doc.blocks() if b.tree.find("ol") is not None]
    num_ids = re.findall(
        rf'<w:pStyle w:val="{styles["List Number"]}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="(\d+)"/>',
        xml,
    )
    assert len(set(num_ids)) >= sum(len(b.tree.findall("ol")) for b in numbered) > 0 or not numbered


def heading_list_formats(path: Path) -> tuple[str, ...]:
    """The lvlText of levels 0 and 1 of the list the Heading 1 style is numbered with."""
    document = docx.Document(str(path))
    style = document.styles["Heading 1"].element
    num_id = style.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId").get(f"{{{W}}}val")
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(f"{{{W}}}num") if n.get(f"{{{W}}}numId") == num_id)
    abstract_id = num.find(f"{{{W}}}abstractNumId").get(f"{{{W}}}val")
    abstract = next(
        a for a in numbering.findall(f"{{{W}}}abstractNum") if a.get(f"{{{W}}}abstractNumId") == abstract_id
    )
    levels = {lvl.get(f"{{{W}}}ilvl"): lvl for lvl in abstract.findall(f"{{{W}}}lvl")}
    return tuple(levels[i].find(f"{{{W}}}lvlText").get(f"{{{W}}}val") for i in ("0", "1"))


def ref_fields(path: Path) -> list[tuple[str, str]]:
    """(instruction, cached result) of every REF and PAGEREF field of the body."""
    from socialpolicy.export.docx_layout import fields

    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for instruction, results in fields(root):
        if instruction.strip().split(" ")[0] in ("REF", "PAGEREF"):
            out.append(
                (
                    " ".join(instruction.split()),
                    "".join(t.text or "" for r in results for t in r.iter(f"{{{W}}}t")),
                )
            )
    return out


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_cross_references_are_live_ref_fields_to_heading_bookmarks(template_id: str, tmp_path: Path) -> None:
    doc = fixture_doc(template_id)
    out = export_fixture(template_id, False, tmp_path / "out.docx")
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    bookmarks = {b.get(f"{{{W}}}name") for b in root.iter(f"{{{W}}}bookmarkStart")}
    expected = {bookmark_name(s.anchor) for s in doc.sections} | {
        bookmark_name(b.anchor) for _, b in doc.blocks()
    }
    assert expected <= bookmarks
    assert all(len(name) <= 40 and re.fullmatch(r"_?[A-Za-z][A-Za-z0-9_]*", name) for name in bookmarks)
    # Every "[section 9](#sec-x)" is "section " and a REF field whose cached result is the number.
    numbers = {bookmark_name(s.anchor): s.number for s in doc.sections}
    texts = [b.markdown for _, b in doc.blocks()] + [d.text for d in doc.definitions]
    expected_refs = sorted(
        (f"REF {bookmark_name(anchor)} \\w \\h", number)
        for text in texts
        for number, anchor in re.findall(r"\[section (\d+)\]\(#(sec-[^)]+)\)", text)
    )
    refs = sorted((i, r) for i, r in ref_fields(out) if i.startswith("REF "))
    assert refs and refs == expected_refs
    assert all(numbers[i.split()[1]] == r for i, r in refs)
    # The contents entries are links to the same bookmarks, each with a PAGEREF for its page.
    anchors = [h.get(f"{{{W}}}anchor") for h in root.iter(f"{{{W}}}hyperlink") if h.get(f"{{{W}}}anchor")]
    assert set(anchors) <= bookmarks
    pagerefs = [i for i, _ in ref_fields(out) if i.startswith("PAGEREF ")]
    assert pagerefs == [f"PAGEREF {bookmark_name(s.anchor)} \\h" for s in doc.sections]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_front_matter_toc_headers_and_properties(template_id: str, tmp_path: Path) -> None:
    doc = fixture_doc(template_id)
    out = export_fixture(template_id, False, tmp_path / "out.docx")
    paras = paragraphs(out)
    toc = [text for style, text in paras if style == "toc 1"]
    # Without a layout pass the page numbers are left for Word or LibreOffice to fill in.
    assert toc == [f"{s.number}.\t{s.title}\t" for s in doc.sections]
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert xml.count('TOC \\o "1-1" \\h \\z ') == 1
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert "updateFields" not in settings  # Word would ask about fields at every opening
    texts = [text for _, text in paras]
    meta = doc.metadata
    for value in (
        meta["organisation"],
        meta["version"],
        meta["status"],
        meta["owner"],
        human_date(meta["effective_date"], doc.spelling),
        human_date(meta["review_date"], doc.spelling),
    ):
        assert value in texts
    # Version history and approval rows (empty rows left for signatures).
    rev = doc.revisions[0]
    assert rev["note"] in texts and human_date(rev["date"], doc.spelling) in texts
    document = docx.Document(str(out))
    approvals = document.tables[2]
    assert [c.text for c in approvals.rows[0].cells] == ["Role", "Name", "Signature", "Date"]
    assert len(approvals.rows) == 4 and all(c.text == "" for row in approvals.rows[1:] for c in row.cells)
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert header == f"{doc.title}\tVersion {meta['version']} \u00b7 {meta['status']}"
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "Page " in section.footer.paragraphs[0].text
    assert section.different_first_page_header_footer and not section.first_page_header.paragraphs[0].text
    props = document.core_properties
    assert props.title == doc.title and props.version == meta["version"] and props.revision == 1
    assert props.subject == templates.get(template_id).title and meta["organisation"] in props.keywords
    assert props.author == meta["owner"]
    # Every export identifies its clauses, so a copy that comes back from review can be read back.
    records = [json.loads(v) for k, v in sorted(read_custom_properties(out).items()) if ".Clause." in k]
    assert [(r["id"], r["version"]) for r in records] == [(b.clause_id, b.version) for _, b in doc.blocks()]
    app = zipfile.ZipFile(out).read("docProps/app.xml").decode()
    assert "Social Policy Studio" in app and "Microsoft" not in app
    expected_width = 12240 if doc.spelling == "us" else 11906
    assert abs(section.page_width.twips - expected_width) <= 1


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_review_comments_findings_and_provenance(template_id: str, tmp_path: Path) -> None:
    doc = fixture_doc(template_id)
    out = export_fixture(template_id, True, tmp_path / "out.docx")
    document = docx.Document(str(out))
    comments = list(document.comments)
    blocks = [b for _, b in doc.blocks()]
    findings = review_findings(doc)
    open_findings = [f for f in findings if f.accepted is None]
    # Comments only where there is something to say: clauses not taken unchanged from the library, and
    # open findings; counsel's own comments are not crowded out.
    worth_a_comment = [b for b in blocks if b.origin != "library"]
    assert len(comments) == len(worth_a_comment) + len(open_findings)
    checker = [c for c in comments if c.author == "Social Policy Studio checker"]
    assert len(checker) == len(open_findings)
    assert "WARNING terms.example" in checker[0].text and "Suggested fix: Define the term" in checker[0].text
    # The excerpt finding is anchored on exactly its excerpt.
    anchored = _anchored_texts(out)
    _, excerpt = excerpt_of(doc)
    assert anchored[str(checker[0].comment_id)] == excerpt
    first = doc.sections[0]
    assert anchored[str(checker[1].comment_id)] == first.title
    assert anchored[str(checker[2].comment_id)] == doc.title
    # Appendix: open and accepted findings, with who accepted, and one table of clause provenance.
    texts = [text for _, text in paragraphs(out)]
    assert "Review notes" in texts and "A. Reviewer" in texts and "Our counsel approved it." in texts
    assert "This section needs an owner." in texts
    provenance = document.tables[-1]
    assert [c.text for c in provenance.rows[0].cells] == ["Clause", "Source", "Why it is there"]
    assert len(provenance.rows) == len(blocks) + 1
    for row, block in zip(provenance.rows[1:], blocks, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0] == f"{block.number} {block.title}"
        assert cells[1].startswith(f"{block.library}:{block.clause_id} v{block.version}")
        assert block.rationale in cells[2] and all(s.citation in cells[2] for s in block.sources)
    # A legend on the cover and in the header.
    assert any(t.startswith("Draft for legal review.") for t in texts)
    assert "Draft for legal review" in document.sections[0].header.paragraphs[0].text
    # Provenance in custom properties.
    props = read_custom_properties(out)
    assert props["SocialPolicy.ClauseCount"] == str(len(blocks))
    assert props["SocialPolicy.Template"] == f"{doc.template_id} {doc.template_version}"
    records = [json.loads(v) for k, v in sorted(props.items()) if k.startswith("SocialPolicy.Clause.")]
    assert [(r["id"], r["version"], r["hash"], r["number"]) for r in records] == [
        (b.clause_id, b.version, b.text_hash, b.number) for b in blocks
    ]
    assert all(len(v) <= 255 for v in props.values())


def test_edited_clause_is_shown_as_a_redline_against_the_library_text(tmp_path: Path) -> None:
    from dataclasses import replace

    from socialpolicy.model import Source
    from socialpolicy.render import parse_markdown

    doc = fixture_doc("governance-charter")
    section = doc.sections[0]
    original = section.blocks[0]
    edited_md = "The **new** wording, agreed with the works council."
    parsed = parse_markdown(edited_md)
    edited = replace(
        original,
        origin="edited",
        markdown=edited_md,
        tree=parsed.tree,
        text=parsed.text,
        html=parsed.html,
        library_markdown="The **old** library wording.",
        sources=(Source("Example Act 2024, s. 3", in_flux=True, note="amendments pending"),),
    )
    doc = replace(doc, sections=(replace(section, blocks=(edited, *section.blocks[1:])), *doc.sections[1:]))
    write_docx(doc, tmp_path / "e.docx", review=True)
    comments = list(docx.Document(str(tmp_path / "e.docx")).comments)
    assert len(comments) == 1
    assert (
        f"edited from {original.library}:{original.clause_id}, version {original.version}" in comments[0].text
    )
    assert (
        "tracked changes in this clause show how it differs from the approved library text"
        in comments[0].text
    )
    root = etree.fromstring(zipfile.ZipFile(tmp_path / "e.docx").read("word/document.xml"))
    ours = [
        m
        for m in root.iter(f"{{{W}}}ins", f"{{{W}}}del")
        if m.get(f"{{{W}}}author") == "Social Policy Studio"
    ]
    deleted = "".join(t.text or "" for m in ours if m.tag.endswith("del") for t in m.iter(f"{{{W}}}delText"))
    inserted = "".join(t.text or "" for m in ours if m.tag.endswith("ins") for t in m.iter(f"{{{W}}}t"))
    assert "old" in deleted and "library" in deleted and "new" in inserted and "works council" in inserted
    provenance = docx.Document(str(tmp_path / "e.docx")).tables[-1]
    assert provenance.rows[1].cells[1].text.endswith(", edited")
    assert "Example Act 2024, s. 3 (law in flux: amendments pending)" in provenance.rows[1].cells[2].text
    cover = [t for _, t in paragraphs(tmp_path / "e.docx")]
    assert "Written for: United Kingdom; sector: general." in cover
    assert (
        json.loads(read_custom_properties(tmp_path / "e.docx")["SocialPolicy.Clause.001"])["origin"]
        == "edited"
    )


def test_inline_markdown_becomes_word_formatting(tmp_path: Path) -> None:
    from dataclasses import replace

    from socialpolicy.render import parse_markdown

    doc = fixture_doc("governance-charter")
    md = (
        "Plain **bold** and *italic* and `code`, see [section 1](#sec-purpose) and "
        "[the site](https://example.org).\n\n> Quoted words.\n\n"
        "| Who | What |\n|---|---|\n| Lead | **Runs** it |\n\n1. one\n2. two\n    - nested\n"
    )
    parsed = parse_markdown(md)
    section = doc.sections[0]
    block = replace(section.blocks[0], markdown=md, tree=parsed.tree, html=parsed.html, text=parsed.text)
    doc = replace(doc, sections=(replace(section, blocks=(block,)), *doc.sections[1:]))
    out = tmp_path / "inline.docx"
    write_docx(doc, out)
    document = docx.Document(str(out))
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert re.search(r"<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>", xml)
    assert re.search(r"<w:r><w:rPr><w:i/></w:rPr><w:t>italic</w:t></w:r>", xml)
    assert re.search(r'<w:rStyle w:val="Code"/></w:rPr><w:t>code</w:t>', xml)
    # "section 1" is a live cross-reference: the word, then a REF field showing the number.
    assert re.search(
        r'<w:t xml:space="preserve">, see section </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        r'<w:r><w:instrText xml:space="preserve"> REF sec_purpose \\w \\h </w:instrText></w:r>'
        r'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>',
        xml,
    )
    rels = document.part.rels
    assert any(r.is_external and r.target_ref == "https://example.org" for r in rels.values())
    paras = paragraphs(out)
    assert ("Quote", "Quoted words.") in paras
    assert ("List Number", "one") in paras and ("List Bullet", "nested") in paras
    table = document.tables[-1] if document.tables[-1].rows[0].cells[0].text == "Who" else document.tables[3]
    assert [[c.text for c in r.cells] for r in table.rows] == [["Who", "What"], ["Lead", "Runs it"]]
    assert not [
        t for s, t in paras if s in ("Body Text", "Quote", "List Number") and MARKDOWN_LEFTOVERS.search(t)
    ]


def test_organisation_reference_restyles_and_missing_styles_fall_back(tmp_path: Path) -> None:
    from docx.shared import RGBColor

    from socialpolicy.export.docx_package import builtin_reference

    reference = docx.Document(str(builtin_reference()))
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x00)
    reference.styles["Code"].element.getparent().remove(reference.styles["Code"].element)
    ref_path = tmp_path / "org.docx"
    reference.save(str(ref_path))
    doc = fixture_doc("governance-charter")
    out = tmp_path / "styled.docx"
    write_docx(doc, out, reference=ref_path)
    styles = docx.Document(str(out)).styles
    assert styles["Heading 1"].font.color.rgb == RGBColor(0x80, 0x00, 0x00)
    assert "Code" in [s.name for s in styles]
    assert next(t for s, t in paragraphs(out) if s == "Heading 1") == doc.sections[0].title
    assert heading_list_formats(out) == ("%1.", "%1.%2")  # the reference had no numbering: ours is linked


def test_unusable_reference_is_one_clear_error_and_leaves_the_output_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    with pytest.raises(InputError) as info:
        write_docx(fixture_doc("governance-charter"), out, reference=bad)
    assert str(bad) in str(info.value) and "Word" in str(info.value)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "out.docx"]
    with pytest.raises(InputError, match="cannot read"):
        write_docx(fixture_doc("governance-charter"), out, reference=tmp_path / "missing.docx")


def test_export_dispatch_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = fixture_doc("internal-collaboration")
    export(doc, "docx", tmp_path / "a.docx")
    assert zipfile.is_zipfile(tmp_path / "a.docx")
    project = tmp_path / "p.policy.json"
    answers = ANSWERS / "internal-collaboration" / "uk-charity.json"
    assert main(["new", "internal-collaboration", "--answers", str(answers), "-o", str(project)]) == 0
    before = digest(project)
    assert main(["export", str(project), "--format", "docx", "-o", str(tmp_path / "r.docx")]) == 0
    assert "wrote" in capsys.readouterr().out
    assert digest(project) == before
    headings = [t for s, t in paragraphs(tmp_path / "r.docx") if s == "Heading 1"]
    assert len(headings) > 5 and not re.match(r"\d", headings[0])  # numbers come from the list, not the text


def test_reference_build_is_reproducible_and_matches_the_committed_file(tmp_path: Path) -> None:
    from tools import build_reference

    assert build_reference.build() == build_reference.build()
    names = {s.name for s in docx.Document(str(build_reference.reference_path())).styles}
    assert {
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Body Text",
        "List Number",
        "List Bullet",
        "Quote",
        "Policy Table",
    } <= names
    built = tmp_path / "reference.docx"
    build_reference.main([str(built)])
    # The parts we write ourselves must match the committed file (the rest comes from python-docx).
    capture = zipfile.ZipFile(built)
    committed = zipfile.ZipFile(build_reference.reference_path())
    for part in ("word/styles.xml", "word/numbering.xml"):
        assert capture.read(part) == committed.read(part), f"{part}: run python -m tools.build_reference"


def test_build_docx_is_deterministic() -> None:
    doc = fixture_doc("social-media-policy")
    one = build_docx(doc, review=True, findings=review_findings(doc))
    two = build_docx(doc, review=True, findings=review_findings(doc))
    assert one.element.xml == two.element.xml
    assert [c.timestamp for c in one.comments] == [c.timestamp for c in two.comments]


def _anchored_texts(path: Path) -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    anchored: dict[str, str] = {}
    active: set[str] = set()
    for node in root.iter(f"{{{W}}}commentRangeStart", f"{{{W}}}commentRangeEnd", f"{{{W}}}t"):
        cid = node.get(f"{{{W}}}id")
        if node.tag.endswith("commentRangeStart"):
            active.add(cid)
            anchored[cid] = ""
        elif node.tag.endswith("commentRangeEnd"):
            active.discard(cid)
        else:
            for a in active:
                anchored[a] += node.text or ""
    return anchored


def test_findings_on_definitions_and_across_links_are_anchored_on_their_excerpt(tmp_path: Path) -> None:
    doc = fixture_doc("governance-charter")
    linked = next(d for d in doc.definitions if "](#sec-" in d.text)
    plain = next(d for d in doc.definitions if "](" not in d.text)
    # "... keeps under section 6 (Official Accounts)." : the excerpt runs into and out of the link.
    link_text = re.search(r"\[([^\]]+)\]\(#sec-", linked.text).group(1)  # type: ignore[union-attr]
    before = linked.text.split("[", 1)[0].split()[-2:]
    across = " ".join([*before, link_text, "(Official"])
    plain_excerpt = " ".join(plain.text.split()[1:5])
    findings = [
        Finding("terms.a", "warning", "Across a link.", clause=linked.clause_id, excerpt=across),
        Finding("terms.b", "info", "In a definition.", clause=plain.clause_id, excerpt=plain_excerpt),
    ]
    out = tmp_path / "defs.docx"
    write_docx(doc, out, review=True, findings=findings)
    comments = list(docx.Document(str(out)).comments)
    anchored = _anchored_texts(out)
    by_text = {c.text.split("\n")[0]: anchored[str(c.comment_id)] for c in comments}
    assert by_text["WARNING terms.a: Across a link."] == across
    assert by_text["INFO terms.b: In a definition."] == plain_excerpt


def test_reference_from_environment_and_missing_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx.shared import Pt

    from socialpolicy.export.docx_package import builtin_reference

    reference = docx.Document(str(builtin_reference()))
    reference.styles["Body Text"].font.size = Pt(12)
    ref_path = tmp_path / "house-style.docx"
    reference.save(str(ref_path))
    monkeypatch.setenv("SOCIALPOLICY_DOCX_REFERENCE", str(ref_path))
    out = tmp_path / "env.docx"
    write_docx(fixture_doc("social-media-policy"), out)
    assert docx.Document(str(out)).styles["Body Text"].font.size == Pt(12)
    with pytest.raises(InputError, match="folder for the output does not exist"):
        write_docx(fixture_doc("social-media-policy"), tmp_path / "nowhere" / "x.docx")
    folder = tmp_path / "a-folder.docx"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        write_docx(fixture_doc("social-media-policy"), folder)
    assert not list(folder.iterdir()) and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_recorded_approvals_and_revision_authors_fill_the_tables(tmp_path: Path) -> None:
    from dataclasses import replace

    doc = replace(
        fixture_doc("governance-charter"),
        approvals=(
            {"role": "General Counsel", "name": "Jo Smith", "date": "2026-12-01"},
            {"role": "Chief Executive"},
        ),
        revisions=(
            {"version": "0.1", "date": "2026-11-01", "note": "First draft.", "author": "HR"},
            {"version": "0.2", "date": "2026-11-20", "note": "Legal comments applied.", "author": "Legal"},
        ),
    )
    out = tmp_path / "approved.docx"
    write_docx(doc, out)
    document = docx.Document(str(out))
    history, approvals = document.tables[1], document.tables[2]
    assert [[c.text for c in r.cells] for r in history.rows] == [
        ["Version", "Date", "Author", "Changes"],
        ["0.1", "1 November 2026", "HR", "First draft."],
        ["0.2", "20 November 2026", "Legal", "Legal comments applied."],
    ]
    assert [[c.text for c in r.cells] for r in approvals.rows] == [
        ["Role", "Name", "Signature", "Date"],
        ["General Counsel", "Jo Smith", "", "1 December 2026"],
        ["Chief Executive", "", "", ""],
    ]
    assert document.core_properties.revision == 2


def test_an_empty_document_with_no_metadata_still_exports(tmp_path: Path) -> None:
    doc = Document(
        title="Untitled policy",
        template_id="no-such-template",
        template_version="1",
        metadata={},
        answers={},
        sections=(),
    )
    out = tmp_path / "empty.docx"
    write_docx(doc, out)
    paras = paragraphs(out)
    assert ("Title", "Untitled policy") in paras
    assert ("toc 1", "This document has no sections yet.") in paras
    write_docx(doc, out, review=True)
    assert ("toc 1", "\tReview notes\t") in paragraphs(out)
    assert docx.Document(str(out)).core_properties.subject == "no-such-template"
    assert read_custom_properties(out)["SocialPolicy.ClauseCount"] == "0"


def test_reference_without_list_styles_gets_ours(tmp_path: Path) -> None:
    """A plain Word document as reference: our list styles and list definitions are brought in."""
    plain = docx.Document()
    for name in ("List Number", "List Bullet"):
        element = plain.styles[name].element
        element.getparent().remove(element)
    ref_path = tmp_path / "plain.docx"
    plain.save(str(ref_path))
    out = tmp_path / "lists.docx"
    write_docx(fixture_doc("governance-charter"), out, reference=ref_path)
    document = docx.Document(str(out))
    numbering = document.part.numbering_part.element
    formats = {}
    for num in numbering.findall(f"{{{W}}}num"):
        abstract_id = num.find(f"{{{W}}}abstractNumId").get(f"{{{W}}}val")
        abstract = next(
            a
            for a in numbering.findall(f"{{{W}}}abstractNum")
            if a.get(f"{{{W}}}abstractNumId") == abstract_id
        )
        formats[num.get(f"{{{W}}}numId")] = abstract.find(f"{{{W}}}lvl/{{{W}}}numFmt").get(f"{{{W}}}val")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    ids = {s.name: s.style_id for s in document.styles}
    used = dict(
        re.findall(
            rf'<w:pStyle w:val="({ids["List Number"]}|{ids["List Bullet"]})"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="(\d+)"/>',
            xml,
        )
    )
    assert formats[used[ids["List Bullet"]]] == "bullet"
    assert formats[used[ids["List Number"]]] == "lowerLetter"
