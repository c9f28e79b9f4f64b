"""Word export for legal review, built with python-docx on the rendered Document.

Every paragraph uses a named style from the reference document (``resources/reference.docx``,
built by :mod:`tools.build_reference`); pass ``reference=PATH`` (or set
``SOCIALPOLICY_DOCX_REFERENCE``) to use an organisation's own reference with the same style names.

Section and clause numbers are written as text, exactly as the Markdown and HTML exports number
them, so no field update can renumber a policy. Cross-references are internal hyperlinks to
bookmarks on the headings. The table of contents is a TOC field whose result already holds the
entries (hyperlinked section numbers and titles), so it shows before any update; Word offers to
update fields on opening, which adds the page numbers. Review mode adds a comment on each clause (provenance, rationale, sources), a comment
for each open finding anchored on the text it concerns, an appendix of findings, and the clause
provenance in custom document properties.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import oxml_parser
from docx.shared import Cm, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from socialpolicy import __version__
from socialpolicy.document import DEFINITIONS_INTRO, Block, Definition, Document, Section
from socialpolicy.export import docx_package as pkg
from socialpolicy.export.html import _PLACEHOLDER, cover_rows
from socialpolicy.render import human_date, parse_markdown

if TYPE_CHECKING:
    from socialpolicy.checks import Finding
    from socialpolicy.model import Source

W = pkg.W
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
INDENT = 720  # twips: clause text starts under the heading title, after the number
AUTHOR = "Social Policy Studio"
CHECKER = "Social Policy Studio checker"
ORIGIN_TEXT = {
    "library": "Library text, unchanged",
    "edited": "Edited from the library text",
    "custom": "Custom clause written for this document",
}
REVIEW_TITLE = "Review notes"
LIBRARY_TEXT_LIMIT = 1500  # characters of the library text quoted in an edited clause's comment
_BOOKMARK_OK = re.compile(r"[^A-Za-z0-9_]")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an anchor: letters, digits and underscores, at most 40 characters."""
    name = _BOOKMARK_OK.sub("_", anchor)
    if not name[:1].isalpha():
        name = "b_" + name
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


_W_NSMAP = {"w": W}
_CLARK: dict[str, str] = {}


def _el(tag: str, parent: Any = None, **attrs: str) -> Any:
    """A w: element made by python-docx's parser (so it gets python-docx's element classes)."""
    clark = _CLARK.get(tag)
    if clark is None:
        clark = _CLARK[tag] = _w(tag)
    node = oxml_parser.makeelement(clark, nsmap=_W_NSMAP)
    for key, value in attrs.items():
        node.set(_w(key), value)
    if parent is not None:
        parent.append(node)
    return node


_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "spacing",
    "ind",
    "contextualSpacing",
    "jc",
    "outlineLvl",
    "rPr",
)


def _ppr(p: Any, tag: str, **attrs: str) -> Any:
    """Add or replace one paragraph property, keeping the schema's element order (Word insists)."""
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = _el("pPr")
        p.insert(0, ppr)
    old = ppr.find(_w(tag))
    if old is not None:
        ppr.remove(old)
    node = _el(tag, **attrs)
    rank = _PPR_ORDER.index(tag)
    for i, child in enumerate(ppr):
        local = child.tag.rsplit("}", 1)[-1]
        if local in _PPR_ORDER and _PPR_ORDER.index(local) > rank:
            ppr.insert(i, node)
            return node
    ppr.append(node)
    return node


def _human(value: str, spelling: str) -> str:
    return human_date(value, spelling or "uk")


class _Writer:
    def __init__(self, doc: Document, document: Any, *, review: bool, findings: Sequence[Finding]) -> None:
        self.doc = doc
        self.document = document
        self.review = review
        self.findings = list(findings)
        self.body = document.element.body
        self.sect_pr = self.body.find(_w("sectPr"))
        self.ids = pkg.style_ids(document)
        self.numbering = pkg.Numbering(document, self.ids)
        self.part = document.part
        self.next_bookmark = 0
        self.external: dict[str, str] = {}
        self.block_paragraphs: dict[str, list[Any]] = {}
        self.clause_heading: dict[str, tuple[Any, Any, Any]] = {}  # clause id -> (p, first run, last run)
        self.section_heading: dict[str, tuple[Any, Any, Any]] = {}  # "3. Title" -> (p, first run, last run)
        self.title_runs: tuple[Any, Any, Any] | None = None
        self.comment_store: Any = None
        self.definition_paragraphs: dict[str, list[Any]] = {}  # clause id -> its definitions
        self.targets = {s.anchor for s in doc.sections} | {b.anchor for _, b in doc.blocks()}

    # -- low-level builders -------------------------------------------------------------------

    def style(self, name: str) -> str:
        return self.ids.get(name, name.replace(" ", ""))

    def para(self, style: str | None = None, *, page_break: bool = False, keep_next: bool = False) -> Any:
        p = _el("p")
        if style or page_break or keep_next:
            ppr = _el("pPr", p)
            if style:
                _el("pStyle", ppr, val=self.style(style))
            if keep_next:
                _el("keepNext", ppr)
            if page_break:
                _el("pageBreakBefore", ppr)
        self.sect_pr.addprevious(p) if self.sect_pr is not None else self.body.append(p)
        return p

    def run(
        self,
        parent: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        char_style: str | None = None,
    ) -> Any:
        r = _el("r", parent)
        if bold or italic or char_style:
            rpr = _el("rPr", r)
            if char_style:
                _el("rStyle", rpr, val=self.style(char_style))
            if bold:
                _el("b", rpr)
            if italic:
                _el("i", rpr)
        t = _el("t", r)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(XML_SPACE, "preserve")
        return r

    def tab(self, parent: Any) -> Any:
        r = _el("r", parent)
        _el("tab", r)
        return r

    def text_runs(self, parent: Any, text: str, fmt: frozenset[str]) -> None:
        """Runs for plain text, with unfilled placeholders highlighted."""
        text = text.replace("\n", " ")
        if not text:
            return
        pos = 0
        for m in _PLACEHOLDER.finditer(text):
            if m.start() > pos:
                self._fmt_run(parent, text[pos : m.start()], fmt)
            self._fmt_run(parent, m.group(0), fmt, char_style="Placeholder")
            pos = m.end()
        if pos < len(text):
            self._fmt_run(parent, text[pos:], fmt)

    def _fmt_run(self, parent: Any, text: str, fmt: frozenset[str], char_style: str | None = None) -> None:
        style = char_style or ("Hyperlink" if "link" in fmt else None) or ("Code" if "code" in fmt else None)
        self.run(parent, text, bold="b" in fmt, italic="i" in fmt, char_style=style)

    def bookmark(self, p: Any, anchor: str) -> tuple[Any, Any]:
        start = _el("bookmarkStart", id=str(self.next_bookmark), name=bookmark_name(anchor))
        end = _el("bookmarkEnd", id=str(self.next_bookmark))
        self.next_bookmark += 1
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)
        return start, end

    def hyperlink(self, parent: Any, href: str) -> Any:
        link = _el("hyperlink", parent)
        if href.startswith("#"):
            link.set(_w("anchor"), bookmark_name(href[1:]))
        else:
            if href not in self.external:
                self.external[href] = self.part.relate_to(href, RT.HYPERLINK, is_external=True)
            link.set(R_ID, self.external[href])
        link.set(_w("history"), "1")
        return link

    def field(self, parent: Any, instruction: str, result: str) -> None:
        """A complex field (begin, instruction, separate, result, end) so Word and LibreOffice both update it."""
        _el("fldChar", _el("r", parent), fldCharType="begin")
        instr = _el("instrText", _el("r", parent))
        instr.text = f" {instruction} "
        instr.set(XML_SPACE, "preserve")
        _el("fldChar", _el("r", parent), fldCharType="separate")
        self.run(parent, result)
        _el("fldChar", _el("r", parent), fldCharType="end")

    # -- Markdown tree to Word ----------------------------------------------------------------

    def inline(self, parent: Any, elem: ET.Element, fmt: frozenset[str] = frozenset()) -> None:
        if elem.text:
            self.text_runs(parent, elem.text, fmt)
        for child in elem:
            tag = child.tag
            if tag in ("strong", "b"):
                self.inline(parent, child, fmt | {"b"})
            elif tag in ("em", "i"):
                self.inline(parent, child, fmt | {"i"})
            elif tag == "code":
                self.inline(parent, child, fmt | {"code"})
            elif tag == "a":
                href = (child.get("href") or "").strip()
                if href.startswith("#") and href[1:] not in self.targets:
                    self.inline(parent, child, fmt)  # a broken reference stays plain text
                elif href:
                    self.inline(self.hyperlink(parent, href), child, fmt | {"link"})
                else:
                    self.inline(parent, child, fmt)
            elif tag == "br":
                _el("br", _el("r", parent))
            else:
                self.inline(parent, child, fmt)
            if child.tail:
                self.text_runs(parent, child.tail, fmt)

    def blocks(
        self, tree: ET.Element, out: list[Any], *, style: str = "Body Text", table_indent: int = INDENT
    ) -> None:
        for elem in tree:
            tag = elem.tag
            if tag == "p":
                p = self.para(style)
                self.inline(p, elem)
                out.append(p)
            elif tag in ("ul", "ol"):
                start = len(out)
                self.list_(elem, 0, out)
                if len(out) > start:  # the usual paragraph gap after the last item, not the list gap
                    _ppr(out[-1], "spacing", after="140")
            elif tag == "blockquote":
                if len(elem):
                    self.blocks(elem, out, style="Quote")
                else:
                    p = self.para("Quote")
                    self.inline(p, elem)
                    out.append(p)
            elif tag == "table":
                self.table_from_tree(elem, table_indent)
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                p = self.para("Heading 3")
                self.inline(p, elem)
                out.append(p)
            elif tag == "pre":
                for line in "".join(elem.itertext()).rstrip("\n").split("\n"):
                    p = self.para(style)
                    self.run(p, line or " ", char_style="Code")
                    out.append(p)
            elif tag == "hr":
                p = self.para(style)
                bdr = _ppr(p, "pBdr")
                _el("bottom", bdr, val="single", sz="4", space="1", color="A6A6A6")
            else:
                p = self.para(style)
                self.text_runs(p, " ".join("".join(elem.itertext()).split()), frozenset())
                out.append(p)

    def list_(self, elem: ET.Element, level: int, out: list[Any]) -> None:
        level = min(level, 2)
        if elem.tag == "ol":
            try:
                start = max(1, int(elem.get("start", "1")))
            except ValueError:
                start = 1
            num_id, style = self.numbering.new_numbered_list(level, start), "List Number"
        else:
            num_id, style = self.numbering.bullet_num, "List Bullet"
        for li in elem:
            if li.tag != "li":
                continue
            p = self.para(style)
            num_pr = _ppr(p, "numPr")
            _el("ilvl", num_pr, val=str(level))
            _el("numId", num_pr, val=str(num_id))
            out.append(p)
            first_block = True
            # Inline content up to the first block child goes in the list paragraph.
            if li.text and li.text.strip():
                self.text_runs(p, li.text.lstrip(), frozenset())
            for child in li:
                if child.tag in ("ul", "ol"):
                    self.list_(child, level + 1, out)
                elif child.tag == "p":
                    if first_block:
                        self.inline(p, child)
                        first_block = False
                    else:
                        cont = self.para("Body Text")
                        _ppr(cont, "ind", left=str(INDENT + 567 * (level + 1)))
                        self.inline(cont, child)
                        out.append(cont)
                    continue
                else:
                    holder = ET.Element("span")
                    holder.append(child)
                    self.inline(p, holder)
                    continue
                if child.tail and child.tail.strip():
                    self.text_runs(p, child.tail, frozenset())

    def table(
        self,
        rows: list[list[tuple[Any, str]]],
        *,
        widths: Sequence[int],
        indent: int = 0,
        header: bool = True,
        label_column: bool = False,
        row_height: int = 0,
    ) -> Any:
        """A table in the Policy Table style. Each cell is (content, align) where content is an
        ElementTree element (inline Markdown) or a string."""
        tbl = _el("tbl")
        self.sect_pr.addprevious(tbl)
        tpr = _el("tblPr", tbl)
        _el("tblStyle", tpr, val=self.style("Policy Table"))
        _el("tblW", tpr, w=str(sum(widths)), type="dxa")
        if indent:
            _el("tblInd", tpr, w=str(indent), type="dxa")
        _el("tblLayout", tpr, type="fixed")
        look = (0x20 if header else 0) | (0x80 if label_column else 0) | 0x600
        _el(
            "tblLook",
            tpr,
            val=f"{look:04X}",
            firstRow="1" if header else "0",
            lastRow="0",
            firstColumn="1" if label_column else "0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
        grid = _el("tblGrid", tbl)
        for width in widths:
            _el("gridCol", grid, w=str(width))
        for i, row in enumerate(rows):
            tr = _el("tr", tbl)
            trpr = _el("trPr", tr)
            _el("cantSplit", trpr)
            if row_height and i > 0:
                _el("trHeight", trpr, val=str(row_height))
            if header and i == 0:
                _el("tblHeader", trpr)
            for (content, align), width in zip(row, widths, strict=False):
                tc = _el("tc", tr)
                tcpr = _el("tcPr", tc)
                _el("tcW", tcpr, w=str(width), type="dxa")
                p = _el("p", tc)
                ppr = _el("pPr", p)
                _el("pStyle", ppr, val=self.style("Table Text"))
                if align in ("center", "right"):
                    _el("jc", ppr, val=align)
                if isinstance(content, str):
                    if content:
                        self.text_runs(p, content, frozenset())
                else:
                    self.inline(p, content)
        return tbl

    def table_from_tree(self, elem: ET.Element, indent: int) -> None:
        rows: list[list[tuple[Any, str]]] = []
        has_header = elem.find("thead") is not None
        for tr in elem.iter("tr"):
            cells = []
            for cell in tr:
                style = cell.get("style") or ""
                m = re.search(r"text-align:\s*(left|center|right)", style)
                cells.append((cell, cell.get("align") or (m.group(1) if m else "")))
            rows.append(cells)
        if not rows:
            return
        columns = max(len(r) for r in rows)
        width = self.text_width() - indent
        self.table(rows, widths=[width // columns] * columns, indent=indent, header=has_header)
        # Word has no space after a table: an empty paragraph keeps the next text off its border.
        _ppr(self.para("Table Text"), "spacing", before="0", after="60")

    def text_width(self) -> int:
        section = self.document.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        return int(width) // 635 if width else 9070

    # -- the document -------------------------------------------------------------------------

    def headers(self, builtin: bool) -> None:
        """Page size (built-in reference only), and headers and footers; none on the cover page."""
        doc, document = self.doc, self.document
        section = document.sections[0]
        if builtin:
            if doc.spelling == "us":
                section.page_width, section.page_height = Twips(12240), Twips(15840)
                section.left_margin = section.right_margin = Cm(2.54)
            else:
                section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.different_first_page_header_footer = True
        right = self.text_width()
        if builtin:  # page numbers of a refreshed contents list sit at the right margin
            for style in self.document.styles:
                if style.name in ("toc 1", "toc 2"):
                    for tab in style.element.iter(_w("tab")):
                        if tab.get(_w("val")) == "right":
                            tab.set(_w("pos"), str(right))
        meta = doc.metadata
        version = " \u00b7 ".join(
            x
            for x in (f"Version {meta['version']}" if meta.get("version") else "", meta.get("status", ""))
            if x
        )

        def fresh(story: Any, style: str | None) -> Any:
            story.is_linked_to_previous = False
            element = story._element
            for child in list(element):
                element.remove(child)
            p = _el("p", element)
            if style:
                ppr = _el("pPr", p)
                _el("pStyle", ppr, val=self.style(style))
                _el("tab", _el("tabs", ppr), val="right", pos=str(right))
            return p

        p = fresh(section.header, "Header")
        self.run(p, doc.title)
        self.tab(p)
        self.run(p, version)
        p = fresh(section.footer, "Footer")
        self.run(p, meta.get("organisation", ""))
        self.tab(p)
        self.run(p, "Page ")
        self.field(p, "PAGE", "1")
        self.run(p, " of ")
        self.field(p, "NUMPAGES", "1")
        fresh(section.first_page_header, None)
        fresh(section.first_page_footer, None)

    def write(self, builtin: bool = True) -> None:
        self.headers(builtin)
        self.cover()
        self.document_control()
        self.contents()
        first = True
        for section in self.doc.sections:
            self.section(section, page_break=first)
            first = False
        if self.review:
            self.review_appendix()
        self.comments()

    def cover(self) -> None:
        doc, meta = self.doc, self.doc.metadata
        p = self.para("Title")
        self.title_runs = (p, self.run(p, doc.title), None)
        if meta.get("organisation"):
            self.run(self.para("Subtitle"), meta["organisation"])
        rows = [[(label, ""), (value, "")] for _, label, value in cover_rows(doc)]
        if rows:
            self.table(rows, widths=[2835, 5670], header=False, label_column=True)
        if self.review:
            p = self.para("Body Text")
            _ppr(p, "spacing", before="480")
            _ppr(p, "ind", left="0")
            self.run(p, "Review copy. ", bold=True)
            self.run(
                p,
                "Comments give each clause's source, version, reasons and citations, and the checker's "
                "open findings; the last pages list every finding. Not for publication.",
            )
            scope = self.scope()
            if scope:
                p = self.para("Body Text")
                _ppr(p, "ind", left="0")
                self.run(p, "Written for: ", bold=True)
                self.run(p, scope)

    def scope(self) -> str:
        """The jurisdictions and sector the answers chose, for the reviewer."""
        names = {"us": "United States", "uk": "United Kingdom", "eu": "European Union"}
        places = [names.get(j, j.upper()) for j in self.doc.jurisdictions if j]
        parts = []
        if places:
            parts.append(", ".join(places))
        if self.doc.answers.get("sector"):
            parts.append(f"sector: {self.doc.sector}")
        if self.doc.listed:
            parts.append("listed company")
        return "; ".join(parts) + ("." if parts else "")

    def document_control(self) -> None:
        doc = self.doc
        self.run(self.para("Front Matter Heading", page_break=True), "Version history")
        with_author = any(r.get("author") for r in doc.revisions)
        head = ["Version", "Date"] + (["Author"] if with_author else []) + ["Changes"]
        rows: list[list[tuple[Any, str]]] = [[(h, "") for h in head]]
        for rev in doc.revisions:
            row = [(str(rev.get("version", "")), ""), (_human(str(rev.get("date", "")), doc.spelling), "")]
            if with_author:
                row.append((str(rev.get("author", "")), ""))
            row.append((str(rev.get("note", "")), ""))
            rows.append(row)
        if len(rows) == 1:
            rows.append([("", "")] * len(head))
        total = self.text_width()
        widths = [1134, 1985] + ([1985] if with_author else [])
        self.table(rows, widths=[*widths, total - sum(widths)])

        self.run(self.para("Front Matter Heading"), "Approvals")
        approvals = list(doc.approvals) or [{"role": ""}, {"role": ""}, {"role": ""}]
        rows = [[("Role", ""), ("Name", ""), ("Signature", ""), ("Date", "")]]
        for a in approvals:
            rows.append(
                [
                    (a.get("role", ""), ""),
                    (a.get("name", ""), ""),
                    ("", ""),
                    (_human(a.get("date", ""), doc.spelling) if a.get("date") else "", ""),
                ]
            )
        self.table(rows, widths=[2551, 2551, 2268, total - 7370], row_height=680)

    def toc_entries(self) -> list[tuple[str, str, str]]:
        entries = [(f"{s.number}.", s.title, s.anchor) for s in self.doc.sections]
        if self.review:
            entries.append(("", REVIEW_TITLE, "review-notes"))
        return entries

    def contents(self) -> None:
        self.run(self.para("TOC Heading", page_break=True), "Contents")
        entries = self.toc_entries()
        if not entries:
            p = self.para("toc 1")
            self.field(p, 'TOC \\o "1-1" \\h \\z \\u', "This document has no sections yet.")
            return
        for i, (number, title, anchor) in enumerate(entries):
            p = self.para("toc 1")
            if i == 0:
                _el("fldChar", _el("r", p), fldCharType="begin")
                instr = _el("instrText", _el("r", p))
                instr.text = ' TOC \\o "1-1" \\h \\z \\u '
                instr.set(XML_SPACE, "preserve")
                _el("fldChar", _el("r", p), fldCharType="separate")
            # Page numbers are unknown until a layout: Word adds them when it refreshes the field.
            link = self.hyperlink(p, "#" + anchor)
            link.attrib.pop(_w("history"), None)
            if number:
                self.run(link, number)
            self.tab(link)
            self.run(link, title)
            if i == len(entries) - 1:
                _el("fldChar", _el("r", p), fldCharType="end")

    def heading(
        self, style: str, number: str, title: str, anchor: str, *, page_break: bool = False
    ) -> tuple[Any, Any, Any]:
        p = self.para(style, page_break=page_break)
        first = self.run(p, number) if number else None
        if number:
            self.tab(p)
        last = self.run(p, title)
        self.bookmark(p, anchor)
        return p, first if first is not None else last, last

    def section(self, section: Section, *, page_break: bool) -> None:
        label = f"{section.number}. {section.title}"
        self.section_heading[label] = self.heading(
            "Heading 1", f"{section.number}.", section.title, section.anchor, page_break=page_break
        )
        out: list[Any] = []
        if section.intro:
            self.blocks(parse_markdown(section.intro).tree, out)
        if section.definitions and self.doc.definitions:
            if not section.intro:
                self.run(self.para("Body Text"), DEFINITIONS_INTRO)
            for d in self.doc.definitions:
                self.definition(d)
        for block in section.blocks:
            self.clause(block)

    def definition(self, d: Definition) -> None:
        tree = parse_markdown(d.text.strip()).tree
        p = self.para("Body Text")
        self.definition_paragraphs.setdefault(d.clause_id, []).append(p)
        self.run(p, f"\u201c{d.term}\u201d", bold=True)
        self.run(p, " means ")
        children = list(tree)
        if children and children[0].tag == "p":
            self.inline(p, children[0])
            rest = ET.Element("div")
            rest.extend(children[1:])
            self.blocks(rest, [])
        else:
            self.blocks(tree, [])

    def clause(self, block: Block) -> None:
        self.clause_heading[block.clause_id] = self.heading(
            "Heading 2", block.number, block.title, block.anchor
        )
        out: list[Any] = []
        self.blocks(block.tree, out)
        self.block_paragraphs[block.clause_id] = out

    # -- review mode --------------------------------------------------------------------------

    def _open(self) -> list[Finding]:
        return [f for f in self.findings if f.accepted is None]

    def _where(self, f: Finding) -> str:
        block = self.doc.block(f.clause) if f.clause else None
        if block is not None:
            return f"{block.number} {block.title}"
        return f.section or "Whole document"

    def review_appendix(self) -> None:
        p = self.para("Heading 1", page_break=True)
        self.run(p, REVIEW_TITLE)
        self.bookmark(p, "review-notes")
        open_findings = self._open()
        accepted = [f for f in self.findings if f.accepted is not None]
        self.run(
            self.para("Body Text"),
            f"{len(open_findings)} open finding{'s' if len(open_findings) != 1 else ''} from the checker "
            f"(each also appears as a comment on the text it concerns) and {len(accepted)} accepted "
            f"finding{'s' if len(accepted) != 1 else ''}. Each clause carries a comment with its library "
            "id, version, whether it was edited, and the reasons and sources behind it.",
        )
        total = self.text_width()
        self.run(self.para("Front Matter Heading"), "Open findings")
        if open_findings:
            rows: list[list[tuple[Any, str]]] = [
                [("Severity", ""), ("Rule", ""), ("Where", ""), ("Finding", "")]
            ]
            for f in open_findings:
                rows.append(
                    [
                        (f.severity.capitalize(), ""),
                        (f.rule, ""),
                        (self._where(f), ""),
                        (f.message + (f" ({f.citation})" if f.citation else ""), ""),
                    ]
                )
            self.table(rows, widths=[1020, 2098, 2098, total - 5216])
        else:
            self.run(self.para("Body Text"), "The checker reported no open findings.")
        self.run(self.para("Front Matter Heading"), "Accepted findings")
        if accepted:
            rows = [
                [
                    ("Rule", ""),
                    ("Where", ""),
                    ("Finding", ""),
                    ("Accepted by", ""),
                    ("Date", ""),
                    ("Reason", ""),
                ]
            ]
            for f in accepted:
                risk = f.accepted
                assert risk is not None
                rows.append(
                    [
                        (f.rule, ""),
                        (self._where(f), ""),
                        (f.message, ""),
                        (risk.by, ""),
                        (_human(risk.date, self.doc.spelling), ""),
                        (risk.reason, ""),
                    ]
                )
            self.table(rows, widths=[1588, 1474, 2268, 1247, 1134, total - 7711])
        else:
            self.run(self.para("Body Text"), "No finding has been accepted as a risk.")

    def comments(self) -> None:
        if not self.review:
            return
        self.comment_store = self.document.comments
        stamp = self._stamp()
        for _, block in self.doc.blocks():
            p, first, last = self.clause_heading[block.clause_id]
            lines = [
                f"Clause {block.number}: {block.library}:{block.clause_id}, version {block.version}",
                ORIGIN_TEXT.get(block.origin, block.origin),
            ]
            if block.rationale:
                lines.append(f"Why: {block.rationale}")
            if block.sources:
                lines.append("Sources: " + "; ".join(_source(s) for s in block.sources))
            if block.origin == "edited" and block.library_markdown:
                library_text = parse_markdown(block.library_markdown).text.replace("\n", " ")
                if len(library_text) > LIBRARY_TEXT_LIMIT:
                    library_text = library_text[:LIBRARY_TEXT_LIMIT].rsplit(" ", 1)[0] + " \u2026"
                lines.append(f"Library text was: {library_text}")
            self._comment(p, first, last, lines, AUTHOR, "SPS", stamp)
        for f in self._open():
            p, first, last = self._anchor(f)
            lines = [f"{f.severity.upper()} {f.rule}: {f.message}"]
            if f.citation:
                lines.append(f"Citation: {f.citation}")
            if f.fix is not None:
                lines.append(f"Suggested fix: {f.fix.label}")
            self._comment(p, first, last, lines, CHECKER, "SPC", stamp)

    def _stamp(self) -> dt.datetime:
        value = self.doc.metadata.get("modified") or self.doc.metadata.get("created") or ""
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            day = dt.date(2000, 1, 1)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    def _comment(
        self, p: Any, first: Any, last: Any, lines: list[str], author: str, initials: str, stamp: dt.datetime
    ) -> None:
        comment = self.comment_store.add_comment(text="", author=author, initials=initials)
        element = comment._comment_elm
        element.date = stamp
        first_p = element.find(_w("p"))
        for i, line in enumerate(lines):
            if i == 0:
                target = first_p
            else:
                target = _el("p", element)
                target.append(copy.deepcopy(first_p.find(_w("pPr"))))
            self.run(target, line, bold=i == 0)
        paragraph = Paragraph(p, self.document._body)
        Run(first, paragraph).mark_comment_range(Run(last, paragraph), comment.comment_id)

    def _anchor(self, f: Finding) -> tuple[Any, Any, Any]:
        """Where an open finding's comment goes: its excerpt, else its clause, section or the title."""
        if f.clause and f.excerpt:
            candidates = self.block_paragraphs.get(f.clause, []) + self.definition_paragraphs.get(
                f.clause, []
            )
            for p in candidates:
                found = _split_for(p, f.excerpt)
                if found is not None:
                    return (p, *found)
        if f.clause and f.clause in self.clause_heading:
            return self.clause_heading[f.clause]
        if f.clause and f.clause in self.definition_paragraphs:
            # A clause shown only as definitions: anchor on its first definition.
            p = self.definition_paragraphs[f.clause][0]
            runs = p.findall(_w("r"))
            return p, runs[0], runs[-1]
        if f.section and f.section in self.section_heading:
            return self.section_heading[f.section]
        assert self.title_runs is not None
        p, r, _ = self.title_runs
        return p, r, r


def _source(source: Source) -> str:
    text = source.citation + (f" <{source.url}>" if source.url else "")
    if source.in_flux:
        text += " (law in flux" + (f": {source.note}" if source.note else "") + ")"
    return text


def _run_text(r: Any) -> str:
    return "".join(t.text or "" for t in r.findall(_w("t")))


def _split_run(r: Any, offset: int) -> Any:
    """Split a one-text run at ``offset``; return the second half (inserted after the first)."""
    text = _run_text(r)
    second = copy.deepcopy(r)
    for node, value in ((r, text[:offset]), (second, text[offset:])):
        t = node.find(_w("t"))
        t.text = value
        t.set(XML_SPACE, "preserve")
    r.addnext(second)
    return second


def _split_for(p: Any, excerpt: str) -> tuple[Any, Any] | None:
    """The first and last run covering ``excerpt`` in paragraph ``p``, splitting runs at its edges."""
    runs = [r for r in p.iter(_w("r")) if len(r.findall(_w("t"))) == 1]  # hyperlink runs included
    texts = [_run_text(r) for r in runs]
    joined = "".join(texts)
    needle = " ".join(excerpt.split())
    start = joined.find(needle)
    if start < 0 or not needle:
        return None
    end = start + len(needle)
    pos = 0
    first = last = None
    for r, text in zip(runs, texts, strict=True):
        r_start, r_end = pos, pos + len(text)
        pos = r_end
        if r_end <= start or r_start >= end:
            continue
        if first is None:
            if start > r_start:
                r = _split_run(r, start - r_start)
                r_start = start
            first = r
        if end < r_end:
            _split_run(r, end - r_start)
            last = r
            break
        last = r
    if first is None or last is None:
        return None
    return first, last


def _set_properties(doc: Document, document: Any, review: bool) -> None:
    meta = doc.metadata
    props = document.core_properties
    props.title = doc.title
    try:
        from socialpolicy import templates

        kind = templates.get(doc.template_id).title
    except Exception:  # an unknown or broken template still exports
        kind = doc.template_id
    props.subject = kind
    props.author = meta.get("owner") or meta.get("organisation") or AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = "; ".join(
        k for k in (kind, meta.get("organisation", ""), meta.get("status", ""), "policy") if k
    )
    props.category = "Policy"
    props.content_status = meta.get("status", "")
    props.version = meta.get("version", "")
    props.revision = max(1, len(doc.revisions))
    props.language = "en-US" if doc.spelling == "us" else "en-GB"
    props.comments = (
        f"Generated by Social Policy Studio {__version__} from template {doc.template_id} "
        f"{doc.template_version}" + (" (review copy)" if review else "")
    )
    props.identifier = doc.template_id
    for attr, key in (("created", "created"), ("modified", "modified")):
        value = meta.get(key)
        try:
            day = dt.date.fromisoformat((value or "")[:10])
        except ValueError:
            continue
        setattr(props, attr, dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


def provenance(doc: Document) -> list[tuple[str, str]]:
    """Custom document properties that let a later import recognise each clause."""
    values = [
        (f"{pkg.PROPERTY_PREFIX}Generator", f"Social Policy Studio {__version__}"),
        (f"{pkg.PROPERTY_PREFIX}Template", f"{doc.template_id} {doc.template_version}"),
        (f"{pkg.PROPERTY_PREFIX}ClauseCount", str(sum(1 for _ in doc.blocks()))),
    ]
    width = max(3, len(str(sum(1 for _ in doc.blocks()))))
    for i, (_, block) in enumerate(doc.blocks(), start=1):
        record = {
            "id": block.clause_id,
            "library": block.library,
            "version": block.version,
            "hash": block.text_hash,
            "number": block.number,
            "origin": block.origin,
        }
        values.append(
            (f"{pkg.PROPERTY_PREFIX}Clause.{i:0{width}d}", json.dumps(record, separators=(",", ":")))
        )
    return values


def build_docx(
    doc: Document,
    *,
    review: bool = False,
    findings: Sequence[Finding] = (),
    reference: str | Path | None = None,
) -> Any:
    """The python-docx Document for ``doc`` (not saved)."""
    document, builtin = pkg.open_reference(reference)
    pkg.prepare(document)
    if doc.spelling in ("us", "uk"):
        pkg.set_language(document, "en-US" if doc.spelling == "us" else "en-GB")
    _Writer(doc, document, review=review, findings=findings).write(builtin)
    _set_properties(doc, document, review)
    pkg.ask_to_update_fields(document)
    if review:
        pkg.set_custom_properties(document, provenance(doc))
    return document


def write_docx(
    doc: Document,
    out: str | Path,
    *,
    review: bool = False,
    findings: Sequence[Finding] = (),
    reference: str | Path | None = None,
) -> None:
    """Write ``doc`` as a Word file to ``out`` (atomically).

    ``reference``: an organisation's reference .docx whose named styles (see
    :mod:`tools.build_reference`) replace the built-in ones; defaults to the
    ``SOCIALPOLICY_DOCX_REFERENCE`` environment variable, then ``resources/reference.docx``.
    """
    pkg.save_atomic(build_docx(doc, review=review, findings=findings, reference=reference), out)
