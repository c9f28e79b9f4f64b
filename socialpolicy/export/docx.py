"""Word export for legal review, built with python-docx on the rendered Document.

The file is a working Word document, not a picture of one:

- **Live numbering.** Section and clause headings carry no typed numbers: the Heading 1 and Heading 2
  styles are linked to one multilevel list (``1.``, ``1.1``), so a clause a lawyer inserts, moves or
  deletes renumbers everything after it. Ordered lists in a clause are numbered (a), (b) / (i), (ii), so a
  point can be cited as "3.1(b)". An organisation's reference that numbers its own headings keeps its
  numbering; nothing is ever numbered twice.
- **Live cross-references.** "section 9" is a ``REF`` field to the bookmark on section 9's heading, its
  number cached, so it reads right before any update and follows the numbering after one.
- **Contents with page numbers.** Each entry is a link with a ``PAGEREF`` field; a layout pass
  (:mod:`socialpolicy.office`, when LibreOffice is installed) fills in the numbers before the file leaves.
- **Anchors that survive a review.** Every clause heading holds a hidden bookmark (``_Sps_…``) and a
  visible one; a custom XML part stores the project as exported (:func:`payload`), which Word and
  LibreOffice keep, so a reviewed file can be read back clause by clause (:mod:`socialpolicy.review`).
- **Tracked changes.** A redline (``base=`` an earlier revision's Document) writes native ``w:ins`` and
  ``w:del``: accepting all gives the current text, rejecting all the earlier one. Review copies show each
  edited clause as a redline against its library text.

Review mode adds a "Draft for legal review" legend, comments only where there is something to say
(edited and custom clauses, open findings), and an appendix with the findings and one table of clause
provenance.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from lxml import etree

from socialpolicy import __version__, digest
from socialpolicy.document import DEFINITIONS_INTRO, Block, Definition, Document, Section
from socialpolicy.export import docx_package as pkg
from socialpolicy.export.html import _PLACEHOLDER, cover_rows
from socialpolicy.export.names import AUTHOR, CHECKER, REVIEW_BOOKMARK, bookmark_name
from socialpolicy.export.ooxml import W
from socialpolicy.export.ooxml import wtag as _w
from socialpolicy.render import human_date, parse_markdown

if TYPE_CHECKING:
    from socialpolicy.checks import Finding
    from socialpolicy.export.docx_reference import HouseStyle
    from socialpolicy.model import Project, Source


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
INDENT = 720  # twips: clause text starts under the heading title, after the number
ORIGIN_TEXT = {
    "library": "Library text, unchanged",
    "edited": "Edited from the library text",
    "custom": "Custom clause written for this document",
}
REVIEW_TITLE = "Review notes"
REVIEW_LEGEND = "Draft for legal review"
CLAUSE_BOOKMARK_PREFIX = "_Sps_"
CORE_PROPERTY_LIMIT = 255  # Word refuses longer core properties
REVISION_ID_BASE = 100_000  # w:ins / w:del ids, apart from comment and bookmark ids
# Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab, newline and carriage return,
# lone surrogates and the two non-characters.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Link text of a cross-reference, as render.ref writes it: "section 9".
_REFERENCE_TEXT = re.compile(r"(?i)^((?:section|clause|paragraph|part)s?\s+)(\d+(?:\.\d+)*)$")
_WORD = re.compile(r"\s+|[^\W_]+(?:['\u2019][^\W_]+)*|.", re.UNICODE)


def clause_bookmark(block: Block) -> str:
    """The hidden bookmark that identifies a clause in an export (underscore names are hidden in Word)."""
    key = f"{block.library}:{block.clause_id}"
    return CLAUSE_BOOKMARK_PREFIX + digest.sha1_hex(key)[:12]


_W_NSMAP = {"w": W}
_CLARK: dict[str, str] = {}


def _el(tag: str, parent: Any, **attrs: str) -> Any:
    """A w: child element (it takes its tree's element classes: python-docx's in a python-docx tree)."""
    clark = _CLARK.get(tag)
    if clark is None:
        clark = _CLARK[tag] = _w(tag)
    attrib = {_CLARK.get(k) or _clark_attr(k): v for k, v in attrs.items()} if attrs else None
    return etree.SubElement(parent, clark, attrib)


def _new(make: Any, tag: str, **attrs: str) -> Any:
    """A w: element with no parent yet, made by the package's ``makeelement``."""
    clark = _CLARK.get(tag)
    if clark is None:
        clark = _CLARK[tag] = _w(tag)
    attrib = {_CLARK.get(k) or _clark_attr(k): v for k, v in attrs.items()} if attrs else None
    return make(clark, attrib, nsmap=_W_NSMAP)


def _properties(parent: Any, tag: str, *children: tuple[str, str | bool | None]) -> None:
    """The properties element ``tag`` (pPr, rPr) of ``parent`` with the children that are set, in the order
    given (the schema's): a string is the child's ``w:val``, True an empty child; nothing at all when none is."""
    wanted = [(name, value) for name, value in children if value]
    if wanted:
        props = _el(tag, parent)
        for name, value in wanted:
            _el(name, props, val=value) if isinstance(value, str) else _el(name, props)


def _clark_attr(name: str) -> str:
    _CLARK[name] = clark = _w(name)
    return clark


_ppr = pkg.set_ppr


def _human(value: str, spelling: str) -> str:
    return human_date(value, spelling or "uk")


# -- the layout: what a clause's Markdown becomes, before any XML ---------------------------------


@dataclass(frozen=True, slots=True)
class Seg:
    """A piece of inline content with one formatting."""

    text: str
    fmt: frozenset[str] = frozenset()  # "b", "i", "code", "placeholder", "br"
    link: str = ""  # "#anchor" inside the document or an external address
    ref: str = ""  # a cross-reference: the bookmark whose paragraph number ``text`` shows


@dataclass(slots=True)
class Para:
    """A paragraph of the layout, before any XML."""

    style: str
    segs: list[Seg]
    list_kind: str = ""  # "bullet" or "number"
    level: int = 0
    list_key: int = -1  # which numbered list of the part list this item belongs to
    list_start: int = 1
    indent: int | None = None
    space_after: str | None = None
    bookmarks: tuple[str, ...] = ()
    page_break: bool = False

    def key(self) -> tuple[str, str, int, str]:
        return (self.style, self.list_kind, self.level, plain(self.segs))


@dataclass(slots=True)
class Table:
    """A table of the layout, before any XML."""

    rows: list[list[tuple[list[Seg], str]]]
    header: bool

    def key(self) -> tuple[str, str, int, str]:
        return ("table", "", 0, "\n".join("\t".join(plain(c) for c, _ in row) for row in self.rows))


Part = Para | Table


def plain(segs: Iterable[Seg]) -> str:
    return "".join("\n" if "br" in s.fmt else s.text for s in segs)


class Layout:
    """Turns a clause's parsed Markdown into paragraphs and tables of inline segments."""

    def __init__(self, targets: set[str]) -> None:
        self.targets = targets  # anchors present in the document
        self.lists = 0

    def inline(self, elem: ET.Element, fmt: frozenset[str] = frozenset(), link: str = "") -> list[Seg]:
        out: list[Seg] = []
        if elem.text:
            out += self.text(elem.text, fmt, link)
        for child in elem:
            tag = child.tag
            if tag in ("strong", "b"):
                out += self.inline(child, fmt | {"b"}, link)
            elif tag in ("em", "i"):
                out += self.inline(child, fmt | {"i"}, link)
            elif tag == "code":
                out += self.inline(child, fmt | {"code"}, link)
            elif tag == "a":
                out += self.link(child, fmt)
            elif tag == "br":
                out.append(Seg("", fmt | {"br"}))
            else:
                out += self.inline(child, fmt, link)
            if child.tail:
                out += self.text(child.tail, fmt, link)
        return out

    def text(self, text: str, fmt: frozenset[str], link: str) -> list[Seg]:
        text = text.replace("\n", " ")
        out: list[Seg] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(text):
            if m.start() > pos:
                out.append(Seg(text[pos : m.start()], fmt, link))
            out.append(Seg(m.group(0), fmt | {"placeholder"}, link))
            pos = m.end()
        if pos < len(text):
            out.append(Seg(text[pos:], fmt, link))
        return out

    def link(self, a: ET.Element, fmt: frozenset[str]) -> list[Seg]:
        href = (a.get("href") or "").strip()
        if not href or (href.startswith("#") and href[1:] not in self.targets):
            return self.inline(a, fmt)  # a broken reference stays plain text
        if href.startswith("#") and not len(a):
            m = _REFERENCE_TEXT.match(" ".join((a.text or "").split()))
            if m:
                return [Seg(m.group(1), fmt), Seg(m.group(2), fmt, ref=bookmark_name(href[1:]))]
        return self.inline(a, fmt, href)

    def parts(self, tree: ET.Element, style: str = "Body Text") -> list[Part]:
        out: list[Part] = []
        for elem in tree:
            tag = elem.tag
            if tag == "p":
                out.append(Para(style, self.inline(elem)))
            elif tag in ("ul", "ol"):
                start = len(out)
                self.list_(elem, 0, out)
                if len(out) > start and isinstance(out[-1], Para):
                    out[-1].space_after = "140"  # the usual paragraph gap after the last item
            elif tag == "blockquote":
                if len(elem):
                    out += self.parts(elem, "Quote")
                else:
                    out.append(Para("Quote", self.inline(elem)))
            elif tag == "table":
                table = self.table(elem)
                if table is not None:
                    out.append(table)
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                out.append(Para("Heading 3", self.inline(elem)))
            elif tag == "pre":
                for line in "".join(elem.itertext()).rstrip("\n").split("\n"):
                    out.append(Para(style, [Seg(line or " ", frozenset({"code"}))]))
            elif tag == "hr":
                out.append(Para(style, [], space_after="hr"))
            else:
                out.append(
                    Para(style, self.text(" ".join("".join(elem.itertext()).split()), frozenset(), ""))
                )
        return out

    def list_(self, elem: ET.Element, level: int, out: list[Part]) -> None:
        level = min(level, 2)
        numbered = elem.tag == "ol"
        key = -1
        start = 1
        if numbered:
            key = self.lists
            self.lists += 1
            try:
                start = max(1, int(elem.get("start", "1")))
            except ValueError:
                start = 1
        for li in elem:
            if li.tag != "li":
                continue
            item = Para(
                "List Number" if numbered else "List Bullet",
                [],
                list_kind="number" if numbered else "bullet",
                level=level,
                list_key=key,
                list_start=start,
            )
            out.append(item)
            first_block = True
            if li.text and li.text.strip():
                item.segs += self.text(li.text.lstrip(), frozenset(), "")
            for child in li:
                if child.tag in ("ul", "ol"):
                    self.list_(child, level + 1, out)
                elif child.tag == "p":
                    if first_block:
                        item.segs += self.inline(child)
                        first_block = False
                    else:
                        out.append(Para("Body Text", self.inline(child), indent=INDENT + 567 * (level + 1)))
                    continue
                else:
                    holder = ET.Element("span")
                    holder.append(child)
                    item.segs += self.inline(holder)
                    continue
                if child.tail and child.tail.strip():
                    item.segs += self.text(child.tail, frozenset(), "")

    def table(self, elem: ET.Element) -> Table | None:
        rows: list[list[tuple[list[Seg], str]]] = []
        for tr in elem.iter("tr"):
            cells = []
            for cell in tr:
                style = cell.get("style") or ""
                m = re.search(r"text-align:\s*(left|center|right)", style)
                cells.append((self.inline(cell), cell.get("align") or (m.group(1) if m else "")))
            rows.append(cells)
        return Table(rows, elem.find("thead") is not None) if rows else None


# -- tracked changes ---------------------------------------------------------------------------


@dataclass(slots=True)
class Revision:
    """Who and when for the tracked changes of one export, and the next free id."""

    author: str
    date: str  # ISO 8601, as Word writes it
    make: Any  # the package's makeelement
    next_id: int = REVISION_ID_BASE

    def mark(self, tag: str) -> Any:
        node = _new(self.make, tag, id=str(self.next_id), author=self.author, date=self.date)
        self.next_id += 1
        return node


def _tokens(segs: Sequence[Seg]) -> list[Seg]:
    """Segments split into words, spaces and marks, each keeping its formatting (for word diffs)."""
    out: list[Seg] = []
    for seg in segs:
        if seg.ref or "br" in seg.fmt or not seg.text:
            out.append(seg)
            continue
        out += [Seg(m.group(0), seg.fmt, seg.link) for m in _WORD.finditer(seg.text)]
    return out


def _merge(tokens: Iterable[tuple[str, Seg]]) -> list[tuple[str, Seg]]:
    """Neighbouring tokens with the same mark and formatting joined into one run."""
    out: list[tuple[str, Seg]] = []
    for op, seg in tokens:
        if out and not seg.ref and "br" not in seg.fmt:
            last_op, last = out[-1]
            if (
                last_op == op
                and not last.ref
                and "br" not in last.fmt
                and (last.fmt, last.link) == (seg.fmt, seg.link)
            ):
                out[-1] = (op, Seg(last.text + seg.text, seg.fmt, seg.link))
                continue
        out.append((op, seg))
    return out


def word_diff(old: Sequence[Seg], new: Sequence[Seg]) -> list[tuple[str, Seg]]:
    """("eq" | "del" | "ins", segment) in reading order, so that keeping "eq" and "ins" gives ``new``
    and keeping "eq" and "del" gives ``old``."""
    a, b = _tokens(old), _tokens(new)
    import difflib  # (only a redline needs it)

    matcher = difflib.SequenceMatcher(
        a=[(s.text, s.fmt, s.link, s.ref) for s in a],
        b=[(s.text, s.fmt, s.link, s.ref) for s in b],
        autojunk=False,
    )
    out: list[tuple[str, Seg]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [("eq", s) for s in b[j1:j2]]
        else:
            out += [("del", s) for s in a[i1:i2]]
            out += [("ins", s) for s in b[j1:j2]]
    return _merge(out)


# -- the writer --------------------------------------------------------------------------------


@dataclass
class Options:
    """What an export was asked for (review copy, findings, redline base, project, revision)."""

    review: bool = False
    findings: Sequence[Finding] = ()
    base: Document | None = None  # an earlier revision: write a redline against it
    base_label: str = ""
    project: Project | None = None
    revision: str = ""
    notes: list[str] = field(default_factory=list)  # what the export had to leave out or change


class _Writer:
    def __init__(
        self, doc: Document, package: pkg.Package, options: Options, house: HouseStyle | None
    ) -> None:
        self.doc = doc
        self.package = package
        self.make = package.makeelement
        self.options = options
        self.review = options.review
        self.findings = list(options.findings)
        self.house = house
        self.body = package.body
        self.sect_pr = self.body.find(_w("sectPr"))
        self.ids = pkg.style_ids(package)
        self.numbering = pkg.Numbering(package)
        self.next_bookmark = 0
        self.external: dict[str, str] = {}
        self.block_paragraphs: dict[str, list[Any]] = {}
        self.clause_heading: dict[str, tuple[Any, Any, Any]] = {}  # clause id -> (p, first run, last run)
        self.section_heading: dict[str, tuple[Any, Any, Any]] = {}  # "3. Title" -> (p, first run, last run)
        self.title_runs: tuple[Any, Any, Any] | None = None
        self.comment_store: Any = None
        self.definition_paragraphs: dict[str, list[Any]] = {}  # clause id -> its definitions
        targets = {s.anchor for s in doc.sections} | {b.anchor for _, b in doc.blocks()}
        self.layout = Layout(targets)
        self.revision = Revision(AUTHOR, _stamp(doc).strftime("%Y-%m-%dT%H:%M:%SZ"), self.make)
        self.removed_characters = 0

    # -- low-level builders -------------------------------------------------------------------

    def style(self, name: str) -> str:
        return str(self.ids.get(name, name.replace(" ", "")))

    def para(self, style: str | None = None, *, page_break: bool = False, keep_next: bool = False) -> Any:
        p = _new(self.make, "p")
        _properties(
            p,
            "pPr",
            ("pStyle", style and self.style(style)),
            ("keepNext", keep_next),
            ("pageBreakBefore", page_break),
        )
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body.append(p)
        return p

    def clean(self, text: str) -> str:
        cleaned = _XML_INVALID.sub("", text)
        self.removed_characters += len(text) - len(cleaned)
        return cleaned

    def run(
        self,
        parent: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        char_style: str | None = None,
        deleted: bool = False,
    ) -> Any:
        r = _el("r", parent)
        _properties(r, "rPr", ("rStyle", char_style and self.style(char_style)), ("b", bold), ("i", italic))
        text = self.clean(text)
        t = _el("delText" if deleted else "t", r)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(XML_SPACE, "preserve")
        return r

    def tab(self, parent: Any) -> Any:
        r = _el("r", parent)
        _el("tab", r)
        return r

    def bookmark(self, p: Any, name: str) -> tuple[Any, Any]:
        start = _new(self.make, "bookmarkStart", id=str(self.next_bookmark), name=name)
        end = _new(self.make, "bookmarkEnd", id=str(self.next_bookmark))
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
                self.external[href] = self.package.relate_hyperlink(href)
            link.set(R_ID, self.external[href])
        link.set(_w("history"), "1")
        return link

    def field(self, parent: Any, instruction: str, result: str, *, char_style: str | None = None) -> Any:
        """A complex field (begin, instruction, separate, result, end); returns the result run."""
        _el("fldChar", _el("r", parent), fldCharType="begin")
        instr = _el("instrText", _el("r", parent))
        instr.text = f" {instruction} "
        instr.set(XML_SPACE, "preserve")
        _el("fldChar", _el("r", parent), fldCharType="separate")
        result_run = self.run(parent, result, char_style=char_style)
        _el("fldChar", _el("r", parent), fldCharType="end")
        return result_run

    # -- segments to runs ---------------------------------------------------------------------

    def seg_run(self, parent: Any, seg: Seg, *, deleted: bool = False) -> None:
        if "br" in seg.fmt:
            _el("br", _el("r", parent))
            return
        if seg.ref and not deleted:
            self.field(parent, f"REF {seg.ref} \\w \\h", seg.text)
            return
        style = (
            ("Placeholder" if "placeholder" in seg.fmt else None)
            or ("Hyperlink" if seg.link else None)
            or ("Code" if "code" in seg.fmt else None)
        )
        self.run(
            parent, seg.text, bold="b" in seg.fmt, italic="i" in seg.fmt, char_style=style, deleted=deleted
        )

    def segs(self, p: Any, segs: Sequence[Seg]) -> None:
        self.marked(p, [("eq", s) for s in segs])

    def marked(self, p: Any, items: Sequence[tuple[str, Seg]]) -> None:
        """Runs for (mark, segment) pairs: links become hyperlinks, "ins"/"del" become tracked changes."""
        items = _merge(items)
        i = 0
        while i < len(items):
            link = items[i][1].link
            j = i
            while j < len(items) and items[j][1].link == link:
                j += 1
            container = self.hyperlink(p, link) if link else p
            k = i
            while k < j:
                op = items[k][0]
                m = k
                while m < j and items[m][0] == op:
                    m += 1
                target = container if op == "eq" else _el(op, container)
                if op != "eq":
                    mark = self.revision.mark(op)
                    target.attrib.update(mark.attrib)
                for _, seg in items[k:m]:
                    self.seg_run(target, seg, deleted=op == "del")
                k = m
            i = j

    # -- parts to paragraphs ------------------------------------------------------------------

    def emit(self, parts: Sequence[Part], out: list[Any], *, mark: str = "") -> None:
        """Write parts; ``mark`` "ins" or "del" writes them all as one tracked insertion or deletion."""
        lists: dict[int, int] = {}
        for part in parts:
            self._emit_one(part, lists, out, mark)

    def para_start(self, part: Para, lists: dict[int, int]) -> Any:
        p = self.para(part.style, page_break=part.page_break)
        if part.list_kind:
            num_pr = _ppr(p, "numPr")
            _el("ilvl", num_pr, val=str(part.level))
            if part.list_kind == "number":
                if part.list_key not in lists:
                    lists[part.list_key] = self.numbering.new_numbered_list(part.level, part.list_start)
                num_id = lists[part.list_key]
            else:
                num_id = self.numbering.bullet_num
            _el("numId", num_pr, val=str(num_id))
        if part.indent is not None:
            _ppr(p, "ind", left=str(part.indent))
        if part.space_after == "hr":
            bdr = _ppr(p, "pBdr")
            _el("bottom", bdr, val="single", sz="4", space="1", color="A6A6A6")
        elif part.space_after:
            _ppr(p, "spacing", after=part.space_after)
        return p

    def para_end(self, p: Any, part: Para, mark: str) -> None:
        if mark:  # the paragraph mark itself is inserted or deleted
            rpr = _ppr(p, "rPr")
            rpr.append(self.revision.mark(mark))
        for name in part.bookmarks:
            self.bookmark(p, name)

    def emit_diff(self, old: Sequence[Part], new: Sequence[Part], out: list[Any]) -> None:
        """Tracked changes from ``old`` to ``new``: paragraphs aligned by text, words diffed within."""
        import difflib  # (only a redline needs it)

        matcher = difflib.SequenceMatcher(a=[p.key() for p in old], b=[p.key() for p in new], autojunk=False)
        lists_new: dict[int, int] = {}
        lists_old: dict[int, int] = {}
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for part in new[j1:j2]:
                    self._emit_one(part, lists_new, out, "")
                continue
            olds, news = list(old[i1:i2]), list(new[j1:j2])
            # Within a changed stretch, a new paragraph that is mostly an old one (same kind, at least half
            # its words) is shown as word changes; the rest as whole paragraphs deleted or inserted.
            at = 0
            for b in news:
                match = next(
                    (k for k in range(at, len(olds)) if _similar(olds[k], b)),
                    None,
                )
                if match is None:
                    self._emit_one(b, lists_new, out, "ins")
                    continue
                for part in olds[at:match]:
                    self._emit_one(part, lists_old, out, "del")
                a = olds[match]
                assert isinstance(a, Para) and isinstance(b, Para)
                p = self.para_start(b, lists_new)
                self.marked(p, word_diff(a.segs, b.segs))
                self.para_end(p, b, "")
                out.append(p)
                at = match + 1
            for part in olds[at:]:
                self._emit_one(part, lists_old, out, "del")

    def _emit_one(self, part: Part, lists: dict[int, int], out: list[Any], mark: str) -> None:
        if isinstance(part, Table):
            self.table_part(part, INDENT, mark=mark)
            return
        p = self.para_start(part, lists)
        self.marked(p, [(mark or "eq", s) for s in part.segs])
        self.para_end(p, part, mark)
        out.append(p)

    def table(
        self,
        rows: list[list[tuple[Any, str]]],
        *,
        widths: Sequence[int],
        indent: int = 0,
        header: bool = True,
        label_column: bool = False,
        row_height: int = 0,
        mark: str = "",
    ) -> Any:
        """A table in the Policy Table style. Each cell is (content, align): a string or a list of
        segments. Rows never split, and every row but the last keeps with the next, so a short table
        stays on one page."""
        tbl = _new(self.make, "tbl")
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
            if mark:
                trpr.append(self.revision.mark(mark))
            for (content, align), width in zip(row, widths, strict=False):
                tc = _el("tc", tr)
                tcpr = _el("tcPr", tc)
                _el("tcW", tcpr, w=str(width), type="dxa")
                p = _el("p", tc)
                ppr = _el("pPr", p)
                _el("pStyle", ppr, val=self.style("Table Text"))
                if i < len(rows) - 1:
                    _ppr(p, "keepNext")
                if align in ("center", "right"):
                    _el("jc", ppr, val=align)
                segs = self.layout.text(content, frozenset(), "") if isinstance(content, str) else content
                self.marked(p, [(mark or "eq", s) for s in segs])
                if mark:
                    _ppr(p, "rPr").append(self.revision.mark(mark))
        return tbl

    def table_part(self, part: Table, indent: int, *, mark: str = "") -> None:
        columns = max(len(r) for r in part.rows)
        width = self.text_width() - indent
        rows = [list(r) + [([], "")] * (columns - len(r)) for r in part.rows]
        self.table(rows, widths=[width // columns] * columns, indent=indent, header=part.header, mark=mark)
        # Word has no space after a table: an empty paragraph keeps the next text off its border.
        gap = self.para("Table Text")
        _ppr(gap, "spacing", before="0", after="60")
        if mark:
            _ppr(gap, "rPr").append(self.revision.mark(mark))

    def text_width(self) -> int:
        return self.package.text_width()

    # -- the document -------------------------------------------------------------------------

    def page_setup(self) -> None:
        """Page size for our own reference: Letter for US English, A4 otherwise."""
        if self.house is not None and self.house.page_setup:
            return
        if self.doc.spelling == "us":
            self.package.set_page(12240, 15840, 1440)  # Letter, 2.54 cm margins
        else:
            self.package.set_page(11906, 16838)  # A4: 21 x 29.7 cm

    def headers(self) -> None:
        """Our headers and footers, unless the organisation's reference brought its own; none on the cover."""
        doc = self.doc
        right = self.text_width()
        if self.house is None:  # our contents styles: page numbers at the right margin of this page size
            for name, _, element in self.package.styles():
                if name in ("toc 1", "toc 2"):
                    for tab in element.iter(_w("tab")):
                        if tab.get(_w("val")) == "right":
                            tab.set(_w("pos"), str(right))
        if self.house is not None and self.house.headers:
            if self.review:
                assert isinstance(self.package, pkg.DocxPackage)
                self.legend_in_headers(self.package.document.sections[0])
            return
        self.package.set_title_page()
        meta = doc.metadata
        version = " \u00b7 ".join(
            x
            for x in (f"Version {meta['version']}" if meta.get("version") else "", meta.get("status", ""))
            if x
        )

        def fresh(kind: str, footer: bool, style: str | None) -> Any:
            element = self.package.new_story(kind, footer)
            for child in list(element):
                element.remove(child)
            p = _el("p", element)
            if style:
                ppr = _el("pPr", p)
                _el("pStyle", ppr, val=self.style(style))
                _el("tab", _el("tabs", ppr), val="right", pos=str(right))
            return p

        p = fresh("default", False, "Header")
        self.run(p, doc.title + (f" \u00b7 {REVIEW_LEGEND}" if self.review else ""))
        self.tab(p)
        self.run(p, version)
        p = fresh("default", True, "Footer")
        self.run(p, meta.get("organisation", ""))
        self.tab(p)
        self.run(p, "Page ")
        self.field(p, "PAGE", "1")
        self.run(p, " of ")
        self.field(p, "NUMPAGES", "1")
        fresh("first", False, None)
        fresh("first", True, None)

    def legend_in_headers(self, section: Any) -> None:
        """A review copy's legend above an organisation's own header text."""
        for story in (section.header, section.first_page_header, section.even_page_header):
            if story.is_linked_to_previous:
                continue
            p = _new(self.make, "p")
            story._element.insert(0, p)
            ppr = _el("pPr", p)
            _el("pStyle", ppr, val=self.style("Header"))
            self.run(p, REVIEW_LEGEND.upper(), bold=True)

    def write(self) -> None:
        self.page_setup()
        self.headers()
        self.cover()
        self.document_control()
        self.contents()
        if self.options.base is not None:
            self.redline_sections(self.options.base)
        else:
            for i, section in enumerate(self.doc.sections):
                self.section(section, page_break=i == 0)
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
        if self.options.base is not None:
            p = self.para("Body Text")
            _ppr(p, "spacing", before="480")
            _ppr(p, "ind", left="0")
            self.run(p, "Changes shown. ", bold=True)
            self.run(
                p,
                f"Tracked changes show what changed since {self.options.base_label or 'the earlier revision'}: "
                "accept them all for this version, reject them all for the earlier one.",
            )
        if self.review:
            p = self.para("Body Text")
            _ppr(p, "spacing", before="480")
            _ppr(p, "ind", left="0")
            self.run(p, f"{REVIEW_LEGEND}. ", bold=True)
            self.run(
                p,
                "Not for publication. Edited clauses show their changes from the approved library text as "
                "tracked changes; comments mark custom clauses and the checker's open findings; the last "
                "pages list every finding and where each clause comes from. This document is not legal "
                "advice: it is drafted for review by a qualified lawyer.",
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
        entries = [(f"{s.number}.", s.title, bookmark_name(s.anchor)) for s in self.doc.sections]
        if self.review:
            entries.append(("", REVIEW_TITLE, bookmark_name(REVIEW_BOOKMARK)))
        return entries

    def contents(self) -> None:
        self.run(self.para("TOC Heading", page_break=True), "Contents")
        entries = self.toc_entries()
        if not entries:
            p = self.para("toc 1")
            self.field(p, 'TOC \\o "1-1" \\h \\z', "This document has no sections yet.")
            return
        for i, (number, title, bookmark) in enumerate(entries):
            p = self.para("toc 1")
            if i == 0:
                _el("fldChar", _el("r", p), fldCharType="begin")
                instr = _el("instrText", _el("r", p))
                instr.text = ' TOC \\o "1-1" \\h \\z '
                instr.set(XML_SPACE, "preserve")
                _el("fldChar", _el("r", p), fldCharType="separate")
            link = self.hyperlink(p, "#" + bookmark)
            link.attrib.pop(_w("history"), None)
            link.set(_w("anchor"), bookmark)
            if number:
                self.run(link, number)
            self.tab(link)
            self.run(link, title)
            self.tab(link)
            # The page number is a live PAGEREF: a layout pass (or Word's F9) fills it in.
            self.field(link, f"PAGEREF {bookmark} \\h", "")
            if i == len(entries) - 1:
                _el("fldChar", _el("r", p), fldCharType="end")

    # -- sections and clauses -----------------------------------------------------------------

    def section_parts(self, section: Section, *, page_break: bool) -> tuple[Para, list[Part]]:
        heading = Para(
            "Heading 1",
            [Seg(section.title)],
            bookmarks=(bookmark_name(section.anchor),),
            page_break=page_break,
        )
        body: list[Part] = []
        if section.intro:
            body += self.layout.parts(parse_markdown(section.intro).tree)
        if section.definitions and self.doc.definitions and not section.intro:
            body.append(Para("Body Text", [Seg(DEFINITIONS_INTRO)]))
        return heading, body

    def definition_parts(self, d: Definition) -> list[Part]:
        tree = parse_markdown(d.text.strip()).tree
        children = list(tree)
        first: list[Seg] = [Seg(f"\u201c{d.term}\u201d", frozenset({"b"})), Seg(" means ")]
        rest: list[Part] = []
        if children and children[0].tag == "p":
            first += self.layout.inline(children[0])
            tail = ET.Element("div")
            tail.extend(children[1:])
            rest = self.layout.parts(tail)
        else:
            rest = self.layout.parts(tree)
        return [Para("Body Text", first), *rest]

    def clause_parts(self, block: Block) -> tuple[Para, list[Part]]:
        heading = Para(
            "Heading 2",
            [Seg(block.title)],
            bookmarks=(bookmark_name(block.anchor), clause_bookmark(block)),
        )
        return heading, self.layout.parts(block.tree)

    def heading_paragraph(
        self, heading: Para, *, mark: str = "", old: Para | None = None
    ) -> tuple[Any, Any, Any]:
        p = self.para_start(heading, {})
        if old is not None and plain(old.segs) != plain(heading.segs):
            self.marked(p, word_diff(old.segs, heading.segs))
        else:
            self.marked(p, [(mark or "eq", s) for s in heading.segs])
        self.para_end(p, heading, mark)
        runs = [r for r in p.iter(_w("r")) if r.find(_w("t")) is not None]
        first = runs[0] if runs else _el("r", p)
        return p, first, runs[-1] if runs else first

    def section(self, section: Section, *, page_break: bool) -> None:
        heading, body = self.section_parts(section, page_break=page_break)
        self.section_heading[f"{section.number}. {section.title}"] = self.heading_paragraph(heading)
        self.emit(body, [])
        if section.definitions and self.doc.definitions:
            for d in self.doc.definitions:
                out: list[Any] = []
                self.emit(self.definition_parts(d), out)
                self.definition_paragraphs.setdefault(d.clause_id, []).append(out[0])
        for block in section.blocks:
            self.clause(block)

    def clause(self, block: Block) -> None:
        heading, body = self.clause_parts(block)
        self.clause_heading[block.clause_id] = self.heading_paragraph(heading)
        out: list[Any] = []
        if self.review and block.origin == "edited" and block.library_markdown:
            old = self.layout.parts(parse_markdown(block.library_markdown).tree)
            self.emit_diff(old, body, out)
        else:
            self.emit(body, out)
        self.block_paragraphs[block.clause_id] = out

    def redline_sections(self, base: Document) -> None:
        """The body as tracked changes against ``base``: sections and clauses aligned by id."""
        units_new = _units(self.doc)
        units_old = _units(base)
        import difflib  # (only a redline needs it)

        matcher = difflib.SequenceMatcher(
            a=[k for k, _ in units_old], b=[k for k, _ in units_new], autojunk=False
        )
        first = True
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for (_, old), (_, new) in zip(units_old[i1:i2], units_new[j1:j2], strict=True):
                    self.unit(new, old=old, page_break=first, old_definitions=base.definitions)
                    first = False
                continue
            for _, old in units_old[i1:i2]:
                self.unit(old, mark="del", page_break=False, old_definitions=base.definitions)
            for _, new in units_new[j1:j2]:
                self.unit(new, mark="ins", page_break=first, old_definitions=base.definitions)
                first = False

    def unit(
        self,
        unit: Section | Block,
        *,
        old: Section | Block | None = None,
        mark: str = "",
        page_break: bool,
        old_definitions: Sequence[Definition],
    ) -> None:
        if isinstance(unit, Section):
            heading, body = self.section_parts(unit, page_break=page_break)
            old_heading: Para | None = None
            old_body: list[Part] = []
            if isinstance(old, Section):
                old_heading, old_body = self.section_parts(old, page_break=page_break)
            if mark == "del":
                heading.bookmarks = ()
            made = self.heading_paragraph(heading, mark=mark, old=old_heading)
            if mark != "del":
                self.section_heading[f"{unit.number}. {unit.title}"] = made
            if isinstance(old, Section):
                self.emit_diff(old_body, body, [])
            else:
                self.emit(body, [], mark=mark)
            if unit.definitions:
                new_parts = [p for d in self.doc.definitions for p in self.definition_parts(d)]
                old_parts = [p for d in old_definitions for p in self.definition_parts(d)]
                if mark == "ins":
                    self.emit(new_parts, [], mark="ins")
                elif mark == "del":
                    self.emit(old_parts, [], mark="del")
                else:
                    self.emit_diff(old_parts, new_parts, [])
            return
        heading, body = self.clause_parts(unit)
        out: list[Any] = []
        if mark == "del":
            heading.bookmarks = ()
            self.heading_paragraph(heading, mark="del")
            self.emit(body, out, mark="del")
            return
        old_heading = None
        if isinstance(old, Block):
            old_heading, old_body = self.clause_parts(old)
        self.clause_heading[unit.clause_id] = self.heading_paragraph(heading, mark=mark, old=old_heading)
        if isinstance(old, Block):
            self.emit_diff(old_body, body, out)
        else:
            self.emit(body, out, mark=mark)
        self.block_paragraphs[unit.clause_id] = out

    # -- review mode --------------------------------------------------------------------------

    def _open(self) -> list[Finding]:
        return [f for f in self.findings if f.accepted is None]

    def _where(self, f: Finding) -> str:
        block = self.doc.block(f.clause) if f.clause else None
        if block is not None:
            return f"{block.number} {block.title}"
        return f.section or "Whole document"

    def review_appendix(self) -> None:
        p = self.para("Front Matter Heading", page_break=True)
        self.run(p, REVIEW_TITLE)
        self.bookmark(p, bookmark_name(REVIEW_BOOKMARK))
        open_findings = self._open()
        accepted = [f for f in self.findings if f.accepted is not None]
        self.run(
            self.para("Body Text"),
            f"{len(open_findings)} open finding{'s' if len(open_findings) != 1 else ''} from the checker "
            f"(each also appears as a comment on the text it concerns) and {len(accepted)} accepted "
            f"finding{'s' if len(accepted) != 1 else ''}, then where each clause comes from.",
        )
        total = self.text_width()
        self.run(self.para("Front Matter Subheading"), "Open findings")
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
        self.run(self.para("Front Matter Subheading"), "Accepted findings")
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
        self.provenance_table(total)

    def provenance_table(self, total: int) -> None:
        self.run(self.para("Front Matter Subheading"), "Where each clause comes from")
        rows: list[list[tuple[Any, str]]] = [[("Clause", ""), ("Source", ""), ("Why it is there", "")]]
        for _, block in self.doc.blocks():
            source = (
                "Written for this document"
                if block.origin == "custom"
                else f"{block.library}:{block.clause_id} v{block.version}"
                + (", edited" if block.origin == "edited" else "")
            )
            why = block.rationale
            if block.sources:
                why += (" " if why else "") + "Sources: " + "; ".join(_source(s) for s in block.sources) + "."
            rows.append([(f"{block.number} {block.title}", ""), (source, ""), (why, "")])
        if len(rows) == 1:
            self.run(self.para("Body Text"), "The document has no clauses yet.")
            return
        self.table(rows, widths=[1985, 2948, total - 4933])  # clause ids unbroken in the middle column

    def comments(self) -> None:
        if not self.review:
            return
        assert isinstance(self.package, pkg.DocxPackage)  # comments are written with python-docx
        self.comment_store = self.package.document.comments
        stamp = _stamp(self.doc)
        for _, block in self.doc.blocks():
            lines = self.clause_comment(block)
            if not lines:
                continue
            p, first, last = self.clause_heading[block.clause_id]
            self._comment(p, first, last, lines, AUTHOR, "SPS", stamp)
        for f in self._open():
            p, first, last = self._anchor(f)
            lines = [f"{f.severity.upper()} {f.rule}: {f.message}"]
            if f.citation:
                lines.append(f"Citation: {f.citation}")
            if f.fix is not None:
                lines.append(f"Suggested fix: {f.fix.label}")
            self._comment(p, first, last, lines, CHECKER, "SPC", stamp)

    def clause_comment(self, block: Block) -> list[str]:
        """A comment only where the reviewer needs one: text that is not the approved library text."""
        if block.origin == "edited":
            lines = [
                f"Clause {block.number}: edited from {block.library}:{block.clause_id}, version {block.version}",
                "The tracked changes in this clause show how it differs from the approved library text.",
            ]
        elif block.origin == "custom":
            lines = [
                f"Clause {block.number}: custom clause written for this document",
                "It does not come from the clause library, so nothing in it has been reviewed before.",
            ]
        else:
            return []
        if block.rationale:
            lines.append(f"Why: {block.rationale}")
        return lines

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
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        assert isinstance(self.package, pkg.DocxPackage)
        paragraph = Paragraph(p, self.package.document._body)
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


def _similar(a: Part, b: Part) -> bool:
    """Two paragraphs of the same kind sharing at least half their words, in order."""
    if not (isinstance(a, Para) and isinstance(b, Para)) or (a.style, a.list_kind) != (b.style, b.list_kind):
        return False
    import difflib  # (only a redline needs it)

    return (
        difflib.SequenceMatcher(a=plain(a.segs).split(), b=plain(b.segs).split(), autojunk=False).ratio()
        >= 0.5
    )


def _units(doc: Document) -> list[tuple[str, Section | Block]]:
    """The body in reading order, one key per section and clause, for aligning two revisions."""
    out: list[tuple[str, Section | Block]] = []
    for section in doc.sections:
        out.append((f"section:{section.id}", section))
        out += [(f"clause:{b.library}:{b.clause_id}", b) for b in section.blocks]
    return out


def _stamp(doc: Document) -> dt.datetime:
    value = doc.metadata.get("modified") or doc.metadata.get("created") or ""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        day = dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


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
    runs = [r for r in p.iter(_w("r")) if len(r.findall(_w("t"))) == 1]  # hyperlink and field runs included
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


def _limited(value: str) -> str:
    value = _XML_INVALID.sub("", value)
    return (
        value if len(value) <= CORE_PROPERTY_LIMIT else value[: CORE_PROPERTY_LIMIT - 1].rstrip() + "\u2026"
    )


def _set_properties(doc: Document, package: pkg.Package, review: bool) -> None:
    meta = doc.metadata
    try:
        from socialpolicy import templates

        kind = templates.get(doc.template_id).title
    except Exception:  # an unknown or broken template still exports
        kind = doc.template_id
    props: list[tuple[str, Any]] = [
        ("title", _limited(doc.title)),
        ("subject", _limited(kind)),
        ("author", _limited(meta.get("owner") or meta.get("organisation") or AUTHOR)),
        ("last_modified_by", AUTHOR),
        (
            "keywords",
            _limited(
                "; ".join(
                    k for k in (kind, meta.get("organisation", ""), meta.get("status", ""), "policy") if k
                )
            ),
        ),
        ("category", "Policy"),
        ("content_status", _limited(meta.get("status", ""))),
        ("version", _limited(meta.get("version", ""))),
        ("revision", max(1, len(doc.revisions))),
        ("language", "en-US" if doc.spelling == "us" else "en-GB"),
        (
            "comments",
            _limited(
                f"Generated by Social Policy Studio {__version__} from template {_limited(doc.template_id)[:120]} "
                f"{_limited(doc.template_version)[:40]}" + (" (review copy)" if review else "")
            ),
        ),
        ("identifier", _limited(doc.template_id)),
    ]
    for attr, key in (("created", "created"), ("modified", "modified")):
        value = meta.get(key)
        try:
            day = dt.date.fromisoformat((value or "")[:10])
        except ValueError:
            continue
        props.append((attr, dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)))
    package.set_core_properties(props)


def provenance(doc: Document, options: Options) -> list[tuple[str, str]]:
    """Custom document properties that let a later import recognise each clause (each under 255
    characters, the most Word shows)."""
    project_id = (options.project.metadata.get("project_id", "") if options.project is not None else "") or ""
    values = [
        (f"{pkg.PROPERTY_PREFIX}Generator", f"Social Policy Studio {__version__}"),
        (f"{pkg.PROPERTY_PREFIX}Template", f"{doc.template_id} {doc.template_version}"[:CORE_PROPERTY_LIMIT]),
        (f"{pkg.PROPERTY_PREFIX}ClauseCount", str(sum(1 for _ in doc.blocks()))),
    ]
    if project_id:
        values.append((f"{pkg.PROPERTY_PREFIX}Project", project_id[:CORE_PROPERTY_LIMIT]))
    if options.revision:
        values.append((f"{pkg.PROPERTY_PREFIX}Revision", options.revision[:CORE_PROPERTY_LIMIT]))
    width = max(3, len(str(sum(1 for _ in doc.blocks()))))
    for i, (_, block) in enumerate(doc.blocks(), start=1):
        record = {
            "id": block.clause_id[:100],
            "library": block.library[:40],
            "version": block.version,
            "hash": block.text_hash,
            "number": block.number,
            "origin": block.origin,
            "bookmark": clause_bookmark(block),
        }
        values.append(
            (f"{pkg.PROPERTY_PREFIX}Clause.{i:0{width}d}", json.dumps(record, separators=(",", ":")))
        )
    return values


def payload(doc: Document, options: Options) -> dict[str, Any]:
    """What an export stores about itself, so that the reviewed file can be read back into its project:
    every clause as exported (id, version, bookmark, text) and the project it was rendered from."""
    project = options.project
    data: dict[str, Any] = {
        "generator": f"Social Policy Studio {__version__}",
        "payload_version": 1,
        "template": {"id": doc.template_id, "version": doc.template_version},
        "title": doc.title,
        "spelling": doc.spelling,
        "review": options.review,
        "revision": options.revision,
        "redline_against": options.base_label if options.base is not None else "",
        "sections": [
            {"id": s.id, "number": s.number, "title": s.title, "bookmark": bookmark_name(s.anchor)}
            for s in doc.sections
        ],
        "clauses": [
            {
                "bookmark": clause_bookmark(b),
                "anchor": bookmark_name(b.anchor),
                "section": s.id,
                "library": b.library,
                "id": b.clause_id,
                "version": b.version,
                "origin": b.origin,
                "number": b.number,
                "title": b.title,
                "hash": b.text_hash,
                "markdown": b.markdown,
            }
            for s, b in doc.blocks()
        ],
        "definitions": [{"term": d.term, "clause": d.clause_id, "text": d.text} for d in doc.definitions],
    }
    if project is not None:
        state = project.to_dict()
        state["revisions"] = [
            {k: v for k, v in r.items() if k != "snapshot"} for r in state.get("revisions", [])
        ]
        if not options.review:
            state.pop("accepted_risks", None)  # internal reasoning stays out of a clean copy
        data["project_id"] = project.metadata.get("project_id", "")
        data["project"] = state
    return data


@dataclass
class Result:
    """What :func:`build` made, and what it had to leave out or change, in words for the user."""

    package: pkg.Package
    notes: list[str]

    @property
    def document(self) -> Any:
        """The python-docx Document (read from the written bytes when it was built without python-docx)."""
        if isinstance(self.package, pkg.DocxPackage):
            return self.package.document
        import io

        import docx

        self.package = pkg.DocxPackage(docx.Document(io.BytesIO(self.package.to_bytes())))
        return self.package.document


class WordOptions(TypedDict, total=False):
    """What a Word export can be asked for (every exporter entry point takes these)."""

    review: bool
    findings: Sequence[Finding]
    reference: str | Path | None
    base: Document | None  # an earlier revision's Document: write a redline against it
    base_label: str
    project: Project | None  # stored in the file, so a reviewed copy can be read back


def build(doc: Document, *, python_docx: bool = False, **options: Unpack[WordOptions]) -> Result:
    """The package for ``doc`` (not saved), with notes on what changed on the way.

    A plain export on our own reference is built without python-docx (:mod:`docx_lite`, the same bytes);
    an organisation's reference, a review copy (comments) or ``python_docx`` builds on python-docx."""
    review = options.get("review", False)
    findings = options.get("findings", ())
    reference = options.get("reference")
    base = options.get("base")
    base_label = options.get("base_label", "")
    project = options.get("project")
    document, house = pkg.open_base(reference, python_docx=python_docx or review)
    pkg.prepare(document)
    if doc.spelling in ("us", "uk"):
        pkg.set_language(document, "en-US" if doc.spelling == "us" else "en-GB")
    revision = ""
    if project is not None and project.revisions:
        revision = str(project.revisions[-1].get("version", "")) or str(len(project.revisions))
    chosen = Options(
        review=review, findings=findings, base=base, base_label=base_label, project=project, revision=revision
    )
    writer = _Writer(doc, document, chosen, house)
    writer.write()
    _set_properties(doc, document, review)
    pkg.clear_update_fields(document)
    pkg.set_app_properties(document, f"Social Policy Studio {__version__}")
    data = payload(doc, chosen)
    # The ids come from the payload's own text (one serialisation of the data, not two).
    pkg.set_document_ids(document, pkg.set_payload(document, data))
    pkg.set_custom_properties(document, provenance(doc, chosen))
    notes = []
    if house is not None and house.notes:
        notes.append("from the reference document: " + "; ".join(house.notes))
    if writer.removed_characters:
        notes.append(
            f"{writer.removed_characters} control character(s) that a Word file cannot hold were left out"
        )
    return Result(document, notes)


def build_docx(doc: Document, **options: Unpack[WordOptions]) -> Any:
    """The python-docx Document for ``doc`` (not saved)."""
    return build(doc, **options).document


def write_docx(
    doc: Document, out: str | Path, *, layout: bool = False, **options: Unpack[WordOptions]
) -> list[str]:
    """Write ``doc`` as a Word file to ``out`` (atomically); returns notes on what was left out.

    ``reference``: an organisation's reference .docx whose styles, numbering, page set-up, headers and
    footers are used (sanitised); defaults to the ``SOCIALPOLICY_DOCX_REFERENCE`` environment variable,
    then ``resources/reference.docx``. ``base``: an earlier revision's Document, for a redline.
    ``layout``: run a layout pass through LibreOffice, when it is installed, to fill in the contents
    page's page numbers and the cross-references' numbers before the file is written.
    """
    run_layout = False
    if layout:
        from socialpolicy import office

        run_layout = office.available()
    # The layout pass edits a python-docx Document: build on one when the pass will run.
    result = build(doc, python_docx=run_layout, **options)
    if run_layout:
        note = office.fill_layout(result.document)
        if note:
            result.notes.append(note)
    elif layout:  # (no LibreOffice: the fast package is saved as built, without python-docx)
        result.notes.append(office.NO_LAYOUT)
    pkg.save_atomic(result.package, out)
    return result.notes
