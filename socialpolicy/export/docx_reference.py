"""An organisation's house style (a reference .docx), taken in without what could harm a reader.

A reference comes from a shared drive or an e-mail, so it is untrusted. It goes through the same
archive inspection as an import; then only its styles, list numbering, theme, page set-up, headers and
footers are copied into a clean package built from our own reference. Nothing else of it reaches the
export: not its body, macros, custom XML, attached template, settings or embedded objects. In the
headers and footers, fields other than page, section, title and property fields are replaced by their
shown text, external relationships (linked pictures, links, remote objects) are dropped, and pictures
stored in the file are copied. Everything dropped that the organisation might miss is reported in
:attr:`HouseStyle.notes`.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from socialpolicy.errors import InputError
from socialpolicy.export.ooxml import R
from socialpolicy.export.ooxml import wtag as _w

MAX_REFERENCE_BYTES = 32 * 1024 * 1024
# Fields a header or footer may keep: they show facts of the document itself and fetch nothing.
SAFE_FIELDS = frozenset(
    {
        "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "TITLE", "SUBJECT", "AUTHOR", "KEYWORDS",
        "COMMENTS", "DOCPROPERTY", "STYLEREF", "DATE", "SAVEDATE", "PRINTDATE", "CREATEDATE",
        "REVNUM", "FILENAME", "LASTSAVEDBY", "NUMWORDS",
    }
)  # fmt: skip
HEADER_KINDS = ("default", "first", "even")
_FIELD_NAME = re.compile(r"^\s*([A-Za-z]+)")


def _r(tag: str) -> str:
    return f"{{{R}}}{tag}"


@dataclass
class HouseStyle:
    """What the export took from a reference document, and what it left out."""

    numbered_headings: bool = False  # the reference's Heading 1 already carries list numbering
    headers: bool = False  # the reference's own headers and footers are kept
    page_setup: bool = False
    notes: list[str] = field(default_factory=list)


_STORY_LABELS = {"default": "header", "first": "first-page header", "even": "even-page header"}


def _story_label(kind: str, footer: bool) -> str:
    label = _STORY_LABELS[kind]
    return label.replace("header", "footer") if footer else label


def open_reference(path: Path) -> Any:
    """The reference as a python-docx Document, after the archive checks an import makes."""
    from socialpolicy.importers.docx import inspect_archive

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read the reference document ({exc.strerror or exc})") from None
    if size > MAX_REFERENCE_BYTES:
        raise InputError(
            path, f"the reference document is larger than {MAX_REFERENCE_BYTES // (1024 * 1024)} MB"
        )
    inspect_archive(path)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise InputError(
            path, f"not a usable Word reference document ({type(exc).__name__}: {exc})"
        ) from None


def _reported_extras(path: Path, theirs: Any, notes: list[str]) -> None:
    """Say what the reference carried that is never copied and that a reader should know about."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        notes.append("its macros were not copied")
    if any(n.startswith("word/embeddings/") for n in names):
        notes.append("its embedded objects were not copied")
    settings = theirs.settings.element
    attached = settings.find(_w("attachedTemplate"))
    if attached is not None:
        rid = attached.get(_r("id"))
        rel = theirs.part._settings_part.rels.get(rid) if rid else None
        target = rel.target_ref if rel is not None else "an unnamed template"
        notes.append(f"its attached template ({target}) was not linked")


def _field_instructions(story: Any) -> list[tuple[list[Any], str]]:
    """Complex fields of a story: (the runs from begin to end, the instruction text)."""
    found: list[tuple[list[Any], str]] = []
    stack: list[tuple[list[Any], list[str]]] = []
    for run in story.iter(_w("r")):
        char = run.find(_w("fldChar"))
        if char is not None and char.get(_w("fldCharType")) == "begin":
            stack.append(([run], []))
            continue
        if not stack:
            continue
        runs, instr = stack[-1]
        runs.append(run)
        for node in run.findall(_w("instrText")):
            instr.append(node.text or "")
        if char is not None and char.get(_w("fldCharType")) == "end":
            stack.pop()
            found.append((runs, "".join(instr)))
    return found


def _field_name(instruction: str) -> str:
    m = _FIELD_NAME.match(instruction)
    return m.group(1).upper() if m else ""


def _unwrap(node: Any) -> None:
    """Replace ``node`` by its children (a field or link taken away, what it showed kept)."""
    parent = node.getparent()
    index = parent.index(node)
    for child in list(node):
        parent.insert(index, child)
        index += 1
    parent.remove(node)


def _sanitise_fields(story: Any, where: str, notes: list[str]) -> None:
    """Replace every unsafe field by the text it showed, and say which were removed."""
    removed: list[str] = []
    for simple in list(story.iter(_w("fldSimple"))):
        name = _field_name(simple.get(_w("instr")) or "")
        if name in SAFE_FIELDS:
            continue
        removed.append(name or "unnamed")
        _unwrap(simple)
    for runs, instruction in _field_instructions(story):
        name = _field_name(instruction)
        if name in SAFE_FIELDS:
            continue
        removed.append(name or "unnamed")
        shown = False
        for run in runs:
            char = run.find(_w("fldChar"))
            if char is not None and char.get(_w("fldCharType")) == "separate":
                shown = True
            if char is not None or run.find(_w("instrText")) is not None or not shown:
                parent = run.getparent()
                if parent is not None:
                    parent.remove(run)
    for name in sorted(set(removed)):
        notes.append(f"a {name} field in its {where} was replaced by the text it showed")


def _copy_story(source_part: Any, source: Any, target_part: Any, where: str, notes: list[str]) -> list[Any]:
    """Sanitised copies of a header or footer's block content, with pictures re-related in ``target_part``."""
    content = copy.deepcopy(source)
    _sanitise_fields(content, where, notes)
    dropped_links = dropped_objects = 0
    for tag in ("object", "pict"):
        for node in list(content.iter(_w(tag))):
            node.getparent().remove(node)
            dropped_objects += 1
    for node in list(content.iter(_w("altChunk"))):
        node.getparent().remove(node)
        dropped_objects += 1
    for link in list(content.iter(_w("hyperlink"))):
        if link.get(_r("id")) is None:
            continue
        _unwrap(link)
        dropped_links += 1
    for drawing in list(content.iter(_w("drawing"))):
        keep = True
        for node in drawing.iter():
            for attr in (_r("embed"), _r("link"), _r("id")):
                rid = node.get(attr)
                if rid is None:
                    continue
                rel = source_part.rels.get(rid)
                if attr != _r("embed") or rel is None or rel.is_external or rel.reltype != RT.IMAGE:
                    keep = False
                    continue
                new_rid, _ = target_part.get_or_add_image(io.BytesIO(rel.target_part.blob))
                node.set(attr, new_rid)
        if not keep:
            run = drawing.getparent()
            run.remove(drawing)
            dropped_objects += 1
    for node in content.iter():
        for attr in list(node.attrib):
            if attr.startswith(f"{{{R}}}") and node.tag != _w("drawing") and not _inside_drawing(node):
                del node.attrib[attr]
                dropped_links += 1
    if dropped_links:
        notes.append(f"{dropped_links} link(s) to other files or sites in its {where} were removed")
    if dropped_objects:
        notes.append(f"{dropped_objects} object(s) or linked picture(s) in its {where} were removed")
    return list(content)


def _inside_drawing(node: Any) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag == _w("drawing"):
            return True
        parent = parent.getparent()
    return False


def _has_content(story: Any) -> bool:
    text = "".join(t.text or "" for t in story.iter(_w("t"))).strip()
    return bool(text) or story.find(f".//{_w('drawing')}") is not None or bool(_field_instructions(story))


def _stories(document: Any) -> list[tuple[str, bool, Any]]:
    """(kind, is_footer, header/footer) defined in the reference's last section."""
    section = document.sections[-1]
    found = []
    for kind, header, footer in (
        ("default", section.header, section.footer),
        ("first", section.first_page_header, section.first_page_footer),
        ("even", section.even_page_header, section.even_page_footer),
    ):
        for is_footer, story in ((False, header), (True, footer)):
            if not story.is_linked_to_previous:
                found.append((kind, is_footer, story))
    return found


def _target_story(section: Any, kind: str, is_footer: bool) -> Any:
    if kind == "default":
        return section.footer if is_footer else section.header
    if kind == "first":
        return section.first_page_footer if is_footer else section.first_page_header
    return section.even_page_footer if is_footer else section.even_page_header


PAGE_SETUP = ("pgSz", "pgMar", "cols", "docGrid", "pgNumType")
_SECT_ORDER = (
    "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType",
    "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
    "printerSettings", "sectPrChange",
)  # fmt: skip


def _copy_page_setup(theirs: Any, base: Any) -> bool:
    src = theirs.sections[-1]._sectPr
    dst = base.sections[0]._sectPr
    copied = False
    for tag in PAGE_SETUP:
        node = src.find(_w(tag))
        if node is None:
            continue
        old = dst.find(_w(tag))
        if old is not None:
            dst.remove(old)
        new = copy.deepcopy(node)
        for attr in list(new.attrib):
            if attr.startswith(f"{{{R}}}"):
                del new.attrib[attr]
        rank = _SECT_ORDER.index(tag)
        for i, child in enumerate(dst):
            local = etree.QName(child).localname
            if local in _SECT_ORDER and _SECT_ORDER.index(local) > rank:
                dst.insert(i, new)
                break
        else:
            dst.append(new)
        copied = True
    return copied


def _numbering_of(document: Any) -> Any | None:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _style_num_id(document: Any, name: str) -> str | None:
    """The list a paragraph style is numbered with (following basedOn), or ``None``."""
    from socialpolicy.export.docx_package import style_num_id

    return style_num_id([(s.name, s.style_id, s.element) for s in document.styles], name)


_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)  # fmt: skip


def _in_schema_order(parent: Any, order: tuple[str, ...]) -> None:
    """Children of ``parent`` sorted into the schema's order (Word refuses files that break it; a
    hand-edited reference sometimes does). Unknown children keep their place at the end."""
    rank = {name: i for i, name in enumerate(order)}
    children = list(parent)
    ordered = sorted(
        children,
        key=lambda c: (
            rank.get(etree.QName(c).localname, len(order)) if isinstance(c.tag, str) else len(order)
        ),
    )
    if ordered != children:
        for child in children:
            parent.remove(child)
        parent.extend(ordered)


def _repair_order(styles: Any, numbering: Any | None) -> None:
    from socialpolicy.export.docx_package import _PPR_ORDER

    for ppr in styles.iter(_w("pPr")):
        _in_schema_order(ppr, _PPR_ORDER)
    for rpr in styles.iter(_w("rPr")):
        _in_schema_order(rpr, _RPR_ORDER)
    if numbering is not None:
        _in_schema_order(numbering, ("numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"))


def apply(base: Any, path: Path) -> HouseStyle:
    """Copy the house style of the reference at ``path`` into ``base`` (a fresh package of ours)."""
    theirs = open_reference(path)
    result = HouseStyle()
    _reported_extras(path, theirs, result.notes)
    # Styles, and the theme their fonts and colours may refer to.
    base.part._styles_part._element = copy.deepcopy(theirs.styles.element)
    theme = next((r for r in theirs.part.rels.values() if r.reltype == RT.THEME), None)
    ours = next((r for r in base.part.rels.values() if r.reltype == RT.THEME), None)
    if theme is not None and ours is not None and not theme.target_part.rels:
        ours.target_part._blob = theme.target_part.blob
    # List numbering: theirs replaces ours, without picture bullets (which refer to other parts).
    numbering = _numbering_of(theirs)
    if numbering is not None:
        fresh = copy.deepcopy(numbering)
        pictures = fresh.findall(_w("numPicBullet"))
        for node in pictures:
            fresh.remove(node)
        for node in list(fresh.iter(_w("lvlPicBulletId"))):
            node.getparent().remove(node)
        if pictures:
            result.notes.append("its picture bullets were replaced by plain bullets")
        base.part.numbering_part._element = fresh
    _repair_order(base.styles.element, base.part.numbering_part.element if numbering is not None else None)
    result.numbered_headings = _style_num_id(theirs, "Heading 1") is not None and numbering is not None
    result.page_setup = _copy_page_setup(theirs, base)
    # Headers and footers with something in them.
    section = base.sections[0]
    stories = [(k, f, s) for k, f, s in _stories(theirs) if _has_content(s._element)]
    for kind, is_footer, story in stories:
        where = _story_label(kind, is_footer)
        target = _target_story(section, kind, is_footer)
        target.is_linked_to_previous = False
        element = target._element
        for child in list(element):
            element.remove(child)
        for child in _copy_story(story.part, story._element, target.part, where, result.notes):
            element.append(child)
        if not len(element):
            etree.SubElement(element, _w("p"))
    result.headers = bool(stories)
    if any(kind == "first" for kind, _, _ in stories):
        section.different_first_page_header_footer = True
    if any(kind == "even" for kind, _, _ in stories):
        base.settings.odd_and_even_pages_header_footer = True
    tab = theirs.settings.element.find(_w("defaultTabStop"))
    mine = base.settings.element.find(_w("defaultTabStop"))
    if tab is not None and mine is not None:
        mine.set(_w("val"), tab.get(_w("val")) or mine.get(_w("val")))
    return result
