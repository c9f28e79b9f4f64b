"""Reading a Word file as it is: every run at any depth, tracked changes, comments, bookmarks, fields.

python-docx's ``paragraph.runs`` holds only a paragraph's direct runs, so the text inside insertions,
deletions, hyperlinks, smart tags, content controls and field results was lost. This reader walks the XML
itself and keeps each piece of text with its formatting, its link and its revision state (inserted or
deleted, by whom and when), so that the caller can choose what to see: the text with every change
accepted, rejected, kept as marks, or with only some changes accepted (:meth:`Paragraph.text`).

What it cannot represent (pictures, text boxes, embedded objects, footnotes, equations) is counted and
named in :attr:`WordFile.unmapped`, never dropped silently.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from socialpolicy.errors import InputError
from socialpolicy.export.ooxml import R, W
from socialpolicy.export.ooxml import wtag as _w

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MAX_BLOCKS = 30_000  # paragraphs and tables in the body; a 300-page policy has a few thousand
MAX_RUNS = 200_000  # text pieces in the whole body
_HEADING = re.compile(r"^(?:heading|überschrift|titre|título|titolo|kop)\s*(\d)$", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _on(node: Any) -> bool:
    """A toggle property (w:b, w:i...) that is present and not switched off."""
    if node is None:
        return False
    value = node.get(_w("val"))
    return value not in ("0", "false", "off", "none")


# -- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One tracked change: an insertion or deletion of text, of a paragraph mark, or a move."""

    id: int
    kind: str  # "insertion" or "deletion"
    author: str
    date: str
    move: bool = False


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text with one formatting, link and revision state."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str = ""  # an address, or "#bookmark" inside the document
    change: Change | None = None
    field: str = ""  # the instruction of the field whose shown result this is ("REF sec_x \w \h")

    @property
    def inserted(self) -> bool:
        return self.change is not None and self.change.kind == "insertion"

    @property
    def deleted(self) -> bool:
        return self.change is not None and self.change.kind == "deletion"


KEEP_ACCEPTED = "accept"
KEEP_REJECTED = "reject"
KEEP_MARKED = "keep"


def visible(change: Change | None, mode: str, accepted: frozenset[int] | None = None) -> bool:
    """Whether text with ``change`` shows when changes are accepted, rejected, or (``accepted`` given)
    when exactly those changes are accepted and the rest rejected."""
    if change is None or mode == KEEP_MARKED:
        return True
    if accepted is not None:
        taken = change.id in accepted
        return taken if change.kind == "insertion" else not taken
    if mode == KEEP_ACCEPTED:
        return change.kind == "insertion"
    return change.kind == "deletion"


@dataclass
class Paragraph:
    index: int  # position among the body's blocks
    style: str  # style name ("Heading 2", "Body Text"...)
    pieces: list[Piece] = field(default_factory=list)
    heading: int = 0  # 1-9 for headings, 0 otherwise; the Title style counts as 0 with title=True
    title: bool = False
    list_kind: str = ""  # "bullet" or "number"
    list_level: int = 0
    bookmarks: list[str] = field(default_factory=list)
    mark: Change | None = None  # the paragraph mark itself was inserted or deleted
    comments: list[int] = field(default_factory=list)  # comments that start in this paragraph
    table: Table | None = None  # set for a table block (its cells hold paragraphs)

    def text(self, mode: str = KEEP_ACCEPTED, accepted: frozenset[int] | None = None) -> str:
        return "".join(p.text for p in self.pieces if visible(p.change, mode, accepted))

    def changes(self) -> list[Change]:
        found = {p.change.id: p.change for p in self.pieces if p.change is not None}
        if self.mark is not None:
            found.setdefault(self.mark.id, self.mark)
        if self.table is not None:
            for row in self.table.rows:
                if row.change is not None:
                    found.setdefault(row.change.id, row.change)
                for cell in row.cells:
                    for p in cell:
                        for c in p.changes():
                            found.setdefault(c.id, c)
        return list(found.values())

    def exists(self, mode: str = KEEP_ACCEPTED, accepted: frozenset[int] | None = None) -> bool:
        """Whether the paragraph (mark included) is there in that view of the document."""
        return visible(self.mark, mode, accepted)


@dataclass
class Row:
    cells: list[list[Paragraph]]
    change: Change | None = None


@dataclass
class Table:
    rows: list[Row]


@dataclass
class Comment:
    id: int
    author: str
    date: str
    initials: str
    text: str
    anchor: str = ""  # the text it is anchored on
    paragraph: int = -1  # the block index where its range starts
    parent: int | None = None  # the comment it replies to
    done: bool = False


@dataclass
class WordFile:
    path: Path
    blocks: list[Paragraph]
    comments: list[Comment]
    unmapped: dict[str, int]  # what could not be read as text: "pictures" -> 2
    properties: dict[str, str]

    def changes(self) -> list[Change]:
        found: dict[int, Change] = {}
        for block in self.blocks:
            for c in block.changes():
                found.setdefault(c.id, c)
        return sorted(found.values(), key=lambda c: c.id)

    def unmapped_text(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in sorted(self.unmapped.items()))


# -- reading -----------------------------------------------------------------------------------


class _Reader:
    def __init__(self, document: Any, path: Path) -> None:
        self.document = document
        self.path = path
        self.styles = {s.style_id: s for s in document.styles}
        default = next(
            (s for s in document.styles if s.type == 1 and s.element.get(_w("default")) == "1"), None
        )
        self.default_style = default.name if default is not None and default.name else "Normal"
        self.rels = document.part.rels
        self.unmapped: dict[str, int] = {}
        self.changes: dict[tuple[str, str, str, str], Change] = {}
        self.next_change = 0
        self.pieces = 0
        self.comment_starts: dict[int, int] = {}
        self.comment_text: dict[int, list[str]] = {}
        self.open_comments: set[int] = set()
        self.numbering = self._numbering_formats()
        self.char_styles = self._char_style_formats()

    def count(self, what: str, n: int = 1) -> None:
        self.unmapped[what] = self.unmapped.get(what, 0) + n

    def change(self, node: Any, kind: str, move: bool = False) -> Change:
        """One Change per tracked-change element, identified by its w:id (or a fresh one)."""
        key = (node.get(_w("id")) or "", kind, node.get(_w("author")) or "", node.get(_w("date")) or "")
        found = self.changes.get(key)
        if found is None:
            found = Change(self.next_change, kind, key[2] or "unknown", key[3], move)
            self.next_change += 1
            self.changes[key] = found
        return found

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        """(numId, level) -> number format ("bullet", "decimal", "lowerLetter"...)."""
        try:
            root = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, ValueError):
            return {}
        abstract = {}
        for a in root.findall(_w("abstractNum")):
            levels = {}
            for lvl in a.findall(_w("lvl")):
                fmt = lvl.find(_w("numFmt"))
                levels[int(lvl.get(_w("ilvl")) or 0)] = fmt.get(_w("val")) if fmt is not None else "decimal"
            abstract[a.get(_w("abstractNumId"))] = levels
        out = {}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            levels = abstract.get(ref.get(_w("val")) if ref is not None else None, {})
            for level, fmt in levels.items():
                out[(num.get(_w("numId")) or "", level)] = fmt
        return out

    def _char_style_formats(self) -> dict[str, tuple[bool, bool, bool]]:
        """Character style id -> (bold, italic, code): "Strong", "Emphasis", our "Code"."""
        out = {}
        for style_id, style in self.styles.items():
            rpr = style.element.find(_w("rPr"))
            if rpr is None:
                continue
            fonts = rpr.find(_w("rFonts"))
            face = (fonts.get(_w("ascii")) or "") if fonts is not None else ""
            code = (style.name or "") == "Code" or any(
                m in face for m in ("Courier", "Consolas", "Mono", "Menlo")
            )
            out[style_id] = (_on(rpr.find(_w("b"))), _on(rpr.find(_w("i"))), code)
        return out

    def style_name(self, p: Any) -> str:
        ppr = p.find(_w("pPr"))
        node = ppr.find(_w("pStyle")) if ppr is not None else None
        if node is None:
            return self.default_style
        style = self.styles.get(node.get(_w("val")) or "")
        return (style.name if style is not None else None) or self.default_style

    def style_numbering(self, name: str) -> tuple[str, int] | None:
        style = next((s for s in self.styles.values() if s.name == name), None)
        seen: set[str] = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            num_pr = style.element.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                num_id = num_pr.find(_w("numId"))
                level = num_pr.find(_w("ilvl"))
                if num_id is not None:
                    return num_id.get(_w("val")) or "", int(
                        level.get(_w("val")) or 0
                    ) if level is not None else 0
            based = style.element.find(_w("basedOn"))
            style = self.styles.get(based.get(_w("val")) or "") if based is not None else None
        return None

    def paragraph(self, p: Any, index: int) -> Paragraph:
        style = self.style_name(p)
        para = Paragraph(index, style)
        m = _HEADING.match(style)
        if style.lower() == "title":
            para.title = True
        elif m:
            para.heading = int(m.group(1))
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            outline = ppr.find(_w("outlineLvl"))
            if (
                not para.heading
                and not para.title
                and outline is not None
                and style.lower().startswith("heading")
            ):
                para.heading = int(outline.get(_w("val")) or 0) + 1
            rpr = ppr.find(_w("rPr"))
            if rpr is not None:
                for tag, kind in (
                    ("ins", "insertion"),
                    ("del", "deletion"),
                    ("moveTo", "insertion"),
                    ("moveFrom", "deletion"),
                ):
                    node = rpr.find(_w(tag))
                    if node is not None:
                        para.mark = self.change(node, kind, move=tag.startswith("move"))
                        break
        if not para.heading and not para.title:
            numbering = None
            num_pr = ppr.find(_w("numPr")) if ppr is not None else None
            if num_pr is not None and num_pr.find(_w("numId")) is not None:
                num_id = num_pr.find(_w("numId")).get(_w("val")) or ""
                level = num_pr.find(_w("ilvl"))
                numbering = (num_id, int(level.get(_w("val")) or 0) if level is not None else 0)
            else:
                numbering = self.style_numbering(style)
            lowered = style.lower()
            if numbering is not None and numbering[0] != "0":
                fmt = self.numbering.get(numbering, "")
                para.list_kind = (
                    "bullet" if fmt in ("bullet", "none", "") and "number" not in lowered else "number"
                )
                para.list_level = min(numbering[1], 2)
            elif "list number" in lowered:
                para.list_kind = "number"
            elif "list bullet" in lowered or "list paragraph" in lowered:
                para.list_kind = "bullet"
        self.walk(p, para, _State())
        for cid in self.open_comments:  # a comment that runs on into the next paragraph
            self.comment_text.setdefault(cid, []).append(" ")
        return para

    def walk(self, node: Any, para: Paragraph, state: _State) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = tag.rsplit("}", 1)[-1]
            ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
            if ns == MC and local == "AlternateContent":
                fallback = child.find(f"{{{MC}}}Fallback")
                choice = child.find(f"{{{MC}}}Choice")
                target = choice if choice is not None else fallback
                if target is not None:
                    self.walk(target, para, state)
                continue
            if ns != W:
                continue
            if local == "r":
                self.run(child, para, state)
            elif local in ("ins", "moveTo"):
                self.walk(child, para, state.but(change=self.change(child, "insertion", local == "moveTo")))
            elif local in ("del", "moveFrom"):
                self.walk(child, para, state.but(change=self.change(child, "deletion", local == "moveFrom")))
            elif local == "hyperlink":
                self.walk(child, para, state.but(link=self.link(child)))
            elif local in ("smartTag", "customXml", "dir", "bdo", "sdtContent"):
                self.walk(child, para, state)
            elif local == "sdt":
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.walk(content, para, state)
            elif local == "fldSimple":
                self.walk(child, para, state.but(simple_field=child.get(_w("instr")) or ""))
            elif local == "bookmarkStart":
                name = child.get(_w("name")) or ""
                if name and name != "_GoBack":
                    para.bookmarks.append(name)
            elif local == "commentRangeStart":
                cid = int(child.get(_w("id")) or -1)
                self.comment_starts.setdefault(cid, para.index)
                self.open_comments.add(cid)
                self.comment_text.setdefault(cid, [])
                if cid not in para.comments:
                    para.comments.append(cid)
            elif local == "commentRangeEnd":
                self.open_comments.discard(int(child.get(_w("id")) or -1))
            elif local in ("oMath", "oMathPara"):
                self.count("equations")

    def link(self, node: Any) -> str:
        anchor = node.get(_w("anchor"))
        if anchor:
            return "#" + anchor
        rid = node.get(f"{{{R}}}id")
        rel = self.rels.get(rid) if rid else None
        return rel.target_ref if rel is not None and rel.is_external else ""

    def run(self, r: Any, para: Paragraph, state: _State) -> None:
        rpr = r.find(_w("rPr"))
        bold = italic = code = False
        if rpr is not None:
            style = rpr.find(_w("rStyle"))
            if style is not None:
                bold, italic, code = self.char_styles.get(style.get(_w("val")) or "", (False, False, False))
            if rpr.find(_w("b")) is not None:
                bold = _on(rpr.find(_w("b")))
            if rpr.find(_w("i")) is not None:
                italic = _on(rpr.find(_w("i")))
            if _on(rpr.find(_w("vanish"))) and not _on(rpr.find(_w("specVanish"))):
                self.count("hidden text runs")
        for child in r:
            tag = child.tag
            if not isinstance(tag, str) or not tag.startswith(f"{{{W}}}"):
                if isinstance(tag, str) and tag == f"{{{MC}}}AlternateContent":
                    self.walk(child, para, state)
                continue
            local = tag.rsplit("}", 1)[-1]
            if local == "fldChar":
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    state.fields.append(["", False])
                elif kind == "separate" and state.fields:
                    state.fields[-1][1] = True
                elif kind == "end" and state.fields:
                    state.fields.pop()
                continue
            if local == "instrText" or local == "delInstrText":
                if state.fields and not state.fields[-1][1]:
                    state.fields[-1][0] += child.text or ""
                continue
            if state.fields and not state.fields[-1][1]:
                continue  # inside a field's instruction: not shown
            text = ""
            if local in ("t", "delText"):
                text = child.text or ""
            elif local in ("tab", "ptab"):
                text = "\t"
            elif local in ("br", "cr"):
                text = "\n" if child.get(_w("type")) in (None, "textWrapping") else ""
            elif local == "noBreakHyphen":
                text = "\u2011"
            elif local == "sym":
                try:
                    text = chr(int(child.get(_w("char")) or "0", 16))
                except ValueError:
                    text = ""
            elif local in ("footnoteReference", "endnoteReference"):
                self.count("footnotes" if local.startswith("foot") else "endnotes")
            elif local == "drawing":
                self.drawing(child, para, state)
            elif local in ("pict", "object"):
                self.count("embedded objects" if local == "object" else "pictures")
            if text:
                self.add(para, state, text, bold, italic, code)

    def drawing(self, node: Any, para: Paragraph, state: _State) -> None:
        boxes = node.findall(f".//{_w('txbxContent')}")
        if boxes:
            self.count("text boxes", len(boxes))
            for box in boxes:
                for p in box.iter(_w("p")):
                    text = "".join(t.text or "" for t in p.iter(_w("t")))
                    if text.strip():
                        self.add(para, state, f" [{text.strip()}] ", False, False, False)
            return
        self.count("pictures")
        doc_pr = node.find(f".//{{{WP}}}docPr")
        alt = (doc_pr.get("descr") or doc_pr.get("title") or "") if doc_pr is not None else ""
        if alt.strip():
            self.add(para, state, f"[Picture: {alt.strip()}]", False, True, False)

    def add(self, para: Paragraph, state: _State, text: str, bold: bool, italic: bool, code: bool) -> None:
        self.pieces += 1
        if self.pieces > MAX_RUNS:
            raise InputError(self.path, f"more than {MAX_RUNS:,} pieces of text; split the document")
        instruction = state.fields[-1][0].strip() if state.fields else state.simple_field
        piece = Piece(text, bold, italic, code, state.link, state.change, instruction)
        last = para.pieces[-1] if para.pieces else None
        if last is not None and (last.bold, last.italic, last.code, last.link, last.change, last.field) == (
            bold, italic, code, state.link, state.change, instruction
        ):  # fmt: skip
            para.pieces[-1] = Piece(
                last.text + text, bold, italic, code, state.link, state.change, instruction
            )
        else:
            para.pieces.append(piece)
        for cid in self.open_comments:
            if visible(state.change, KEEP_ACCEPTED):
                self.comment_text.setdefault(cid, []).append(text)

    def table(self, tbl: Any, index: int) -> Paragraph:
        rows = []
        for tr in tbl.findall(_w("tr")):
            change = None
            trpr = tr.find(_w("trPr"))
            if trpr is not None:
                for tag, kind in (("ins", "insertion"), ("del", "deletion")):
                    node = trpr.find(_w(tag))
                    if node is not None:
                        change = self.change(node, kind)
            cells = []
            for tc in tr.findall(_w("tc")):
                cells.append([self.paragraph(p, index) for p in tc.iter(_w("p"))])
            rows.append(Row(cells, change))
        block = Paragraph(index, "table")
        block.table = Table(rows)
        return block

    def comments(self) -> list[Comment]:
        part = next(
            (
                r.target_part
                for r in self.rels.values()
                if r.reltype.endswith("/comments") and not r.is_external
            ),
            None,
        )
        if part is None:
            return []
        root = etree.fromstring(part.blob, _PARSER)
        done: dict[str, tuple[str | None, bool]] = {}
        extended = next(
            (
                r.target_part
                for r in self.rels.values()
                if r.reltype.endswith("/commentsExtended") and not r.is_external
            ),
            None,
        )
        if extended is not None:
            for ex in etree.fromstring(extended.blob, _PARSER).iter(f"{{{W15}}}commentEx"):
                done[ex.get(f"{{{W15}}}paraId") or ""] = (
                    ex.get(f"{{{W15}}}paraIdParent"),
                    ex.get(f"{{{W15}}}done") == "1",
                )
        by_para: dict[str, int] = {}
        out: list[Comment] = []
        for node in root.findall(_w("comment")):
            cid = int(node.get(_w("id")) or -1)
            paragraphs = node.findall(_w("p"))
            text = "\n".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in paragraphs).strip()
            last_para = paragraphs[-1].get(f"{{{W14}}}paraId") if paragraphs else None
            comment = Comment(
                cid,
                node.get(_w("author")) or "unknown",
                node.get(_w("date")) or "",
                node.get(_w("initials")) or "",
                text,
                " ".join("".join(self.comment_text.get(cid, [])).split()),
                self.comment_starts.get(cid, -1),
            )
            if last_para:
                by_para[last_para] = cid
                parent, is_done = done.get(last_para, (None, False))
                comment.done = is_done
                if parent:
                    comment.parent = by_para.get(parent, -1)
            out.append(comment)
        return out


@dataclass
class _State:
    change: Change | None = None
    link: str = ""
    simple_field: str = ""  # the instruction of the w:fldSimple being read
    fields: list[list[Any]] = field(default_factory=list)  # complex fields open: [instruction, separated]

    def but(self, **changes: Any) -> _State:
        return _State(
            changes.get("change", self.change),
            changes.get("link", self.link),
            changes.get("simple_field", self.simple_field),
            self.fields,
        )


def _custom_properties(path: Path) -> dict[str, str]:
    from socialpolicy.export.docx_package import read_custom_properties

    try:
        return read_custom_properties(path)
    except (etree.XMLSyntaxError, KeyError, zipfile.BadZipFile):
        return {}


def read(path: str | Path) -> WordFile:
    """Read a Word file (already inspected with :func:`socialpolicy.importers.docx.inspect_archive`)."""
    import docx

    p = Path(path)
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise InputError(p, f"cannot read the Word document ({type(exc).__name__}: {exc})") from None
    reader = _Reader(document, p)
    blocks: list[Paragraph] = []
    body = document.element.body
    for index, child in enumerate(_body_blocks(body)):
        if index >= MAX_BLOCKS:
            raise InputError(p, f"more than {MAX_BLOCKS:,} paragraphs and tables; split the document")
        if child.tag == _w("tbl"):
            blocks.append(reader.table(child, index))
        else:
            blocks.append(reader.paragraph(child, index))
    comments = reader.comments()
    return WordFile(p, blocks, comments, reader.unmapped, _custom_properties(p))


def _body_blocks(body: Any) -> Iterable[Any]:
    """Paragraphs and tables of the body, also those wrapped in content controls or custom XML."""
    for child in body:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _body_blocks(content)


# -- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(
    pieces: Iterable[Piece],
    mode: str = KEEP_ACCEPTED,
    accepted: frozenset[int] | None = None,
    link: Callable[[Piece], str | None] | None = None,
) -> str:
    """Inline Markdown for the pieces that show in ``mode``: adjacent pieces of the same formatting are
    joined first, so "**“**" "**Term**" "**”**" becomes "**“Term”**". ``link`` may turn a piece (a link
    or a field result) into Markdown of its own (cross-references); otherwise links keep their text and
    address. In "keep" mode, insertions and deletions are marked ``{++ ++}`` and ``{-- --}``."""
    shown = [p for p in pieces if visible(p.change, mode, accepted)]
    merged: list[Piece] = []
    for p in shown:
        key = (p.bold, p.italic, p.code, p.link, p.field, p.change if mode == KEEP_MARKED else None)
        if merged:
            last = merged[-1]
            if (
                last.bold,
                last.italic,
                last.code,
                last.link,
                last.field,
                last.change if mode == KEEP_MARKED else None,
            ) == key:
                merged[-1] = Piece(last.text + p.text, p.bold, p.italic, p.code, p.link, last.change, p.field)
                continue
        merged.append(p)
    out: list[str] = []
    for p in merged:
        special = link(p) if link is not None else None
        if special is not None:
            out.append(special)
            continue
        text = p.text.replace("\t", " ").replace("\n", "  \n")
        core = escape(text.strip()) if not p.code else f"`{text.strip()}`"
        if not text.strip():
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        if not p.code:
            if p.bold and p.italic:
                core = f"***{core}***"
            elif p.bold:
                core = f"**{core}**"
            elif p.italic:
                core = f"*{core}*"
        if p.link and not p.link.startswith("#"):
            core = f"[{core}]({p.link})"
        if mode == KEEP_MARKED and p.change is not None:
            core = f"{{++{core}++}}" if p.inserted else f"{{--{core}--}}"
        out.append(f"{lead}{core}{trail}")
    return "".join(out).strip()
