"""The package side of the Word export: the reference document, its styles and numbering,
custom document properties (clause provenance) and the atomic save."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import zipfile
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from lxml import etree

from socialpolicy import digest, jsonio, paths
from socialpolicy.errors import InputError
from socialpolicy.export import docx_lite
from socialpolicy.export.ooxml import (
    CT_CUSTOM_PROPERTIES,
    CT_EXTENDED_PROPERTIES,
    CUSTOM_NS,
    RT_CUSTOM_PROPERTIES,
    RT_CUSTOM_XML,
    RT_EXTENDED_PROPERTIES,
    RT_NUMBERING,
    RT_STYLES,
    VT_NS,
)
from socialpolicy.export.ooxml import wtag as _w

if TYPE_CHECKING:
    from socialpolicy.export.docx_reference import HouseStyle

CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_URI = "/docProps/custom.xml"
PROPERTY_PREFIX = "SocialPolicy."
REFERENCE_ENV = "SOCIALPOLICY_DOCX_REFERENCE"

# Style names the exporter writes with; a reference lacking one gets ours.
STYLE_NAMES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Body Text",
    "List Bullet",
    "List Number",
    "Quote",
    "TOC Heading",
    "toc 1",
    "Front Matter Heading",
    "Front Matter Subheading",
    "Table Text",
    "Header",
    "Footer",
    "Hyperlink",
    "Code",
    "Placeholder",
    "Policy Table",
)


def builtin_reference() -> Path:
    return paths.resources_dir() / "reference.docx"


@cache
def _builtin_bytes() -> bytes:
    return builtin_reference().read_bytes()


class DocxPackage:
    """The export's view of a python-docx Document (the interface of
    :class:`~socialpolicy.export.docx_lite.LiteDocument`): used for an organisation's reference document,
    review copies (comments) and the layout pass."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.parser import oxml_parser

        self.document = document
        self.main = document.part
        self.body = document.element.body
        self.styles_root = document.styles.element
        self.numbering_root = document.part.numbering_part.element
        self.settings_root = document.settings.element
        self.makeelement = oxml_parser.makeelement

    def styles(self) -> list[tuple[str | None, str | None, Any]]:
        return [(s.name, s.style_id, s.element) for s in self.document.styles]

    def relate_hyperlink(self, href: str) -> str:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        return str(self.main.relate_to(href, RT.HYPERLINK, is_external=True))

    @property
    def sect_pr(self) -> Any:
        return self.body.find(_w("sectPr"))

    def text_width(self) -> int:
        section = self.document.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        return int(width) // 635 if width else 9070

    def set_page(self, width: int, height: int, side_margins: int | None = None) -> None:
        from docx.shared import Twips

        section = self.document.sections[0]
        section.page_width, section.page_height = Twips(width), Twips(height)
        if side_margins is not None:
            section.left_margin = section.right_margin = Twips(side_margins)

    def set_title_page(self) -> None:
        self.document.sections[0].different_first_page_header_footer = True

    def new_story(self, kind: str, footer: bool) -> Any:
        section = self.document.sections[0]
        story = getattr(
            section, ("first_page_" if kind == "first" else "") + ("footer" if footer else "header")
        )
        story.is_linked_to_previous = False
        return story._element

    def set_core_properties(self, values: list[tuple[str, Any]]) -> None:
        props = self.document.core_properties
        for attr, value in values:
            setattr(props, attr, value)

    def part_names(self) -> set[str]:
        return {str(p.partname) for p in self.main.package.iter_parts()}

    def find_part(self, partname: str) -> Any:
        return next((p for p in self.main.package.iter_parts() if p.partname == partname), None)

    def add_part(
        self, partname: str, content_type: str, blob: bytes, reltype: str, source: Any = None
    ) -> Any:
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        package = self.main.package
        part = Part(PackURI(partname), content_type, blob, package)
        (package if source is None else source).relate_to(part, reltype)
        return part

    def builtin_parts(self) -> tuple[Any, Any]:
        """The built-in reference's styles and numbering, as python-docx elements (copy what you take)."""
        builtin = _builtin_document()
        return builtin.styles.element, builtin.part.numbering_part.element

    def save(self, handle: IO[bytes]) -> None:
        self.document.save(handle)


Package = DocxPackage | docx_lite.LiteDocument


def set_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a part that neither writer parses."""
    if isinstance(part, docx_lite.Part):
        part.set_blob(blob)
    elif hasattr(part, "_element"):
        part._element = etree.fromstring(blob)
    else:
        part._blob = blob


def open_base(
    reference: str | Path | None, *, python_docx: bool = False
) -> tuple[Package, HouseStyle | None]:
    """A fresh package to build on, and the house style taken into it.

    The package is always our own reference (``resources/reference.docx``). ``reference`` (or the
    ``SOCIALPOLICY_DOCX_REFERENCE`` environment variable) names an organisation's reference .docx: its
    styles, numbering, theme, page set-up, headers and footers are copied in, sanitised
    (:mod:`socialpolicy.export.docx_reference`). Raises :class:`InputError` when it cannot be used.
    Without a reference (and unless ``python_docx``) the package is a
    :class:`~socialpolicy.export.docx_lite.LiteDocument`, which does not import python-docx.
    """
    chosen = reference if reference is not None else os.environ.get(REFERENCE_ENV) or None
    if chosen is None and not python_docx:
        return docx_lite.LiteDocument(_builtin_bytes()), None
    document = _builtin_document()
    if chosen is None:
        return DocxPackage(document), None
    from socialpolicy.export import docx_reference

    house = docx_reference.apply(document, Path(chosen))
    return DocxPackage(document), house


def prepare(document: Package) -> None:
    """Empty the body (keeping the page set-up), add any style the reference lacks, and make sure the
    Heading 1 and Heading 2 styles are numbered (with our heading list when the reference has none)."""
    body = document.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)
    styles = document.styles_root
    have = {name for name, _, _ in document.styles()}
    missing = [name for name in STYLE_NAMES if name not in have]
    if missing:
        theirs = {name: element for name, _, element in docx_lite.styles_of(builtin_parts(document)[0])}
        for name in missing:
            element = copy.deepcopy(theirs[name])
            # A copied list or heading style must not point at the reference's own (unrelated) list
            # numbers; Numbering brings our list definitions along.
            ppr = element.find(_w("pPr"))
            num_pr = ppr.find(_w("numPr")) if ppr is not None else None
            if num_pr is not None:
                ppr.remove(num_pr)
            styles.append(element)
    Numbering.ensure_heading_numbers(document)


def builtin_parts(document: Package) -> tuple[Any, Any]:
    """The built-in reference's styles and numbering as ``document``'s kind of element (read only: copy
    what you take)."""
    if isinstance(document, DocxPackage):
        return document.builtin_parts()
    return _builtin_lite()


def _builtin_lite() -> tuple[Any, Any]:
    """Fresh trees each time (nothing shared between exports, or threads)."""
    styles, numbering = _builtin_blobs()
    return docx_lite.parse_xml(styles), docx_lite.parse_xml(numbering)


@cache
def _builtin_blobs() -> tuple[bytes, bytes]:
    package = docx_lite.Package(_builtin_bytes())
    return package.related(RT_STYLES).blob, package.related(RT_NUMBERING).blob


def _builtin_document() -> Any:
    import io

    import docx

    return docx.Document(io.BytesIO(_builtin_bytes()))


def style_ids(document: Package) -> dict[str | None, str | None]:
    return {name: style_id for name, style_id, _ in document.styles()}


def style_num_id(styles: list[tuple[str | None, str | None, Any]], name: str) -> str | None:
    """The list a paragraph style is numbered with (following basedOn), or ``None``."""
    by_id = {style_id: element for _, style_id, element in styles}
    style = next(((i, e) for n, i, e in styles if n == name), None)
    seen = set()
    while style is not None and style[0] not in seen:
        seen.add(style[0])
        element = style[1]
        num_id = element.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        if num_id is not None:
            value = num_id.get(_w("val"))
            return value if value and value != "0" else None
        based = element.find(_w("basedOn"))
        if based is None or based.get(_w("val")) not in by_id:
            return None
        style = (based.get(_w("val")), by_id[based.get(_w("val"))])
    return None


def set_language(document: Package, lang: str) -> None:
    """Proofing language for the whole document (docDefaults), e.g. en-GB."""
    styles = document.styles_root
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, _w("docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, _w("rPrDefault"))
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _w("rPr"))
    node = rpr.find(_w("lang"))
    if node is None:
        node = etree.SubElement(rpr, _w("lang"))
    node.set(_w("val"), lang)


def clear_update_fields(document: Package) -> None:
    """No w:updateFields: it makes Word ask, at every opening, about fields that "may refer to other
    files". The contents page arrives with its entries (and, after a layout pass, its page numbers)."""
    settings = document.settings_root
    for node in settings.findall(_w("updateFields")):
        settings.remove(node)


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def set_document_ids(document: Package, seed: str) -> None:
    """A w14:docId (and w15:docId, when present) of this document's own, derived from ``seed`` so that
    the same document exported twice keeps its id while two documents never share one."""
    hashed = digest.sha256_hex(seed)
    settings = document.settings_root
    node = settings.find(f"{{{W14}}}docId")
    if node is not None:
        node.set(f"{{{W14}}}val", f"{int(hashed[:8], 16) & 0x7FFFFFFF:08X}")
    node15 = settings.find(f"{{{W15}}}docId")
    if node15 is not None:
        g = hashed[8:40].upper()
        node15.set(f"{{{W15}}}val", f"{{{g[:8]}-{g[8:12]}-{g[12:16]}-{g[16:20]}-{g[20:32]}}}")


EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_app_properties(document: Package, application: str) -> None:
    """docProps/app.xml that says which program wrote the file (python-docx's template claims Word)."""
    root = etree.Element(f"{{{EXTENDED_NS}}}Properties", nsmap={None: EXTENDED_NS, "vt": VT_NS})
    etree.SubElement(root, f"{{{EXTENDED_NS}}}Application").text = application
    etree.SubElement(root, f"{{{EXTENDED_NS}}}DocSecurity").text = "0"
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    app = document.find_part("/docProps/app.xml")
    if app is not None:
        set_blob(app, blob)
        return
    document.add_part("/docProps/app.xml", CT_EXTENDED_PROPERTIES, blob, RT_EXTENDED_PROPERTIES)


PAYLOAD_NS = "urn:socialpolicy:export"
CUSTOM_XML_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def set_payload(document: Package, data: dict[str, Any]) -> str:
    """Store ``data`` (the project as exported) in a custom XML part, which Word and LibreOffice keep
    through a review, so the file can be read back into the model it came from; return its JSON text."""
    taken = document.part_names()
    n = 1
    while f"/customXml/item{n}.xml" in taken:
        n += 1
    root = etree.Element(f"{{{PAYLOAD_NS}}}export", nsmap={"sps": PAYLOAD_NS})
    root.set("version", "1")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    root.text = text
    item: Any = document.add_part(
        f"/customXml/item{n}.xml",
        "application/xml",
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
        RT_CUSTOM_XML,
        source=document.main,
    )
    guid = digest.sha256_hex(text).upper()
    props = etree.Element(f"{{{CUSTOM_XML_PROPS_NS}}}datastoreItem", nsmap={"ds": CUSTOM_XML_PROPS_NS})
    props.set(
        f"{{{CUSTOM_XML_PROPS_NS}}}itemID",
        f"{{{guid[:8]}-{guid[8:12]}-{guid[12:16]}-{guid[16:20]}-{guid[20:32]}}}",
    )
    refs = etree.SubElement(props, f"{{{CUSTOM_XML_PROPS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{CUSTOM_XML_PROPS_NS}}}schemaRef").set(
        f"{{{CUSTOM_XML_PROPS_NS}}}uri", PAYLOAD_NS
    )
    document.add_part(
        f"/customXml/itemProps{n}.xml",
        CT_CUSTOM_XML_PROPS,
        etree.tostring(props, xml_declaration=True, encoding="UTF-8", standalone=False),
        RT_CUSTOM_XML_PROPS,
        source=item,
    )
    return text


def read_payload(path: str | Path) -> dict[str, Any] | None:
    """The project data an export stored (see :func:`set_payload`), or ``None``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("customXml/item") and name.endswith(".xml")) or "Props" in name:
                continue
            try:
                root = etree.fromstring(archive.read(name), parser)
            except etree.XMLSyntaxError:
                continue
            if root.tag != f"{{{PAYLOAD_NS}}}export":
                continue
            try:
                data = json.loads(root.text or "")
            except ValueError:
                return None
            return data if isinstance(data, dict) else None
    return None


HEADING_LIST = 3  # numId of the heading list in our reference (tools/build_reference.py)


class Numbering:
    """List numbering: bullets, (a)/(i) enumerations that restart with every list, heading numbers."""

    def __init__(self, document: Package) -> None:
        self.root = document.numbering_root
        self.package = document
        self.bullet_num = self._style_num(document, "List Bullet", 1)
        self.number_abstract = self._abstract_of(self._style_num(document, "List Number", 2))
        self.next_id = self._max("num", "numId") + 1

    def _max(self, tag: str, attr: str) -> int:
        return max([int(n.get(_w(attr))) for n in self.root.findall(_w(tag))] + [0])

    def _abstract_of(self, num_id: int) -> str:
        for num in self.root.findall(_w("num")):
            if num.get(_w("numId")) == str(num_id):
                return str(num.find(_w("abstractNumId")).get(_w("val")))
        raise LookupError(num_id)

    def _style_num(self, document: Package, style_name: str, builtin_num: int) -> int:
        style = next(element for name, _, element in document.styles() if name == style_name)
        num_id = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        if num_id is not None:
            value = int(num_id.get(_w("val")))
            if any(n.get(_w("numId")) == str(value) for n in self.root.findall(_w("num"))):
                return value
        return self.import_builtin(builtin_num)

    def import_builtin(self, builtin_num: int) -> int:
        """Copy one of the built-in reference's list definitions into this document; its new numId."""
        builtin = builtin_parts(self.package)[1]
        num = next(n for n in builtin.findall(_w("num")) if n.get(_w("numId")) == str(builtin_num))
        abstract_id = num.find(_w("abstractNumId")).get(_w("val"))
        abstract = copy.deepcopy(
            next(a for a in builtin.findall(_w("abstractNum")) if a.get(_w("abstractNumId")) == abstract_id)
        )
        new_abstract = self._max("abstractNum", "abstractNumId") + 1
        new_num = self._max("num", "numId") + 1
        abstract.set(_w("abstractNumId"), str(new_abstract))
        for nsid in abstract.findall(_w("nsid")):
            abstract.remove(nsid)
        nums = self.root.findall(_w("num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self.root.append(abstract)
        self._add_num(new_num, str(new_abstract))
        self.next_id = max(getattr(self, "next_id", 0), new_num + 1)
        return new_num

    def _add_num(
        self, num_id: int, abstract_id: str, restart_level: int | None = None, start: int = 1
    ) -> None:
        num = etree.SubElement(self.root, _w("num"))
        num.set(_w("numId"), str(num_id))
        etree.SubElement(num, _w("abstractNumId")).set(_w("val"), abstract_id)
        if restart_level is not None:
            override = etree.SubElement(num, _w("lvlOverride"))
            override.set(_w("ilvl"), str(restart_level))
            etree.SubElement(override, _w("startOverride")).set(_w("val"), str(start))

    def new_numbered_list(self, level: int, start: int = 1) -> int:
        num_id = self.next_id
        self.next_id += 1
        self._add_num(num_id, self.number_abstract, level, start)
        return num_id

    @staticmethod
    def ensure_heading_numbers(document: Package) -> bool:
        """Link the Heading 1 and Heading 2 styles to the heading list unless Heading 1 is numbered
        already (a reference's own numbering is used as it is, never doubled). True when linked here."""
        styles = document.styles()
        ids = {name: style_id for name, style_id, _ in styles}
        existing = style_num_id(styles, "Heading 1")
        root = document.numbering_root
        if existing is not None and any(n.get(_w("numId")) == existing for n in root.findall(_w("num"))):
            if style_num_id(styles, "Heading 2") is None:
                _set_style_num(document, "Heading 2", existing, 1)
            return False
        numbering = Numbering.__new__(Numbering)
        numbering.root = root
        numbering.package = document
        num_id = numbering.import_builtin(HEADING_LIST)
        abstract_id = numbering._abstract_of(num_id)
        abstract = next(
            a for a in root.findall(_w("abstractNum")) if a.get(_w("abstractNumId")) == abstract_id
        )
        for lvl in abstract.findall(_w("lvl")):
            pstyle = lvl.find(_w("pStyle"))
            if pstyle is not None:
                name = "Heading 1" if lvl.get(_w("ilvl")) == "0" else "Heading 2"
                pstyle.set(_w("val"), ids.get(name, pstyle.get(_w("val"))))
        _set_style_num(document, "Heading 1", str(num_id), 0)
        _set_style_num(document, "Heading 2", str(num_id), 1)
        return True


_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
_PPR_RANK = {name: i for i, name in enumerate(_PPR_ORDER)}


def set_ppr(p: Any, tag: str, **attrs: str) -> Any:
    """Add or replace one paragraph property of ``p`` (a w:p or a style), in the schema's order."""
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, _w("pPr"))
        if p.tag == _w("p"):
            p.remove(ppr)
            p.insert(0, ppr)
        else:  # in a style, pPr comes after the style's own settings and before rPr
            rpr = p.find(_w("rPr"))
            if rpr is not None:
                p.remove(ppr)
                rpr.addprevious(ppr)
    old = ppr.find(_w(tag))
    if old is not None:
        ppr.remove(old)
    node = etree.Element(_w(tag))
    for key, value in attrs.items():
        node.set(_w(key), value)
    rank = _PPR_RANK[tag]
    for i, child in enumerate(ppr):
        later = _PPR_RANK.get(child.tag.rpartition("}")[2] if isinstance(child.tag, str) else "", -1)
        if later > rank:
            ppr.insert(i, node)
            return node
    ppr.append(node)
    return node


def _set_style_num(document: Package, name: str, num_id: str, level: int) -> None:
    style = next((element for n, _, element in document.styles() if n == name), None)
    if style is None:
        return
    num_pr = set_ppr(style, "numPr")
    etree.SubElement(num_pr, _w("ilvl")).set(_w("val"), str(level))
    etree.SubElement(num_pr, _w("numId")).set(_w("val"), num_id)


def custom_properties_xml(existing: bytes | None, values: list[tuple[str, str]]) -> bytes:
    """docProps/custom.xml: the reference's own properties kept, ours (``SocialPolicy.*``) replaced."""
    nsmap = {None: CUSTOM_NS, "vt": VT_NS}
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap=nsmap)
    if existing:
        try:
            old = etree.fromstring(existing, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            old = None
        if old is not None:
            for prop in old.findall(f"{{{CUSTOM_NS}}}property"):
                if not (prop.get("name") or "").startswith(PROPERTY_PREFIX):
                    root.append(copy.deepcopy(prop))
    for name, value in values:
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
        prop.set("fmtid", CUSTOM_FMTID)
        prop.set("name", name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    for pid, prop in enumerate(root, start=2):
        prop.set("pid", str(pid))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_custom_properties(document: Package, values: list[tuple[str, str]]) -> None:
    existing = document.find_part(CUSTOM_URI)
    blob = custom_properties_xml(existing.blob if existing is not None else None, values)
    if existing is not None:
        set_blob(existing, blob)
        return
    document.add_part(CUSTOM_URI, CT_CUSTOM_PROPERTIES, blob, RT_CUSTOM_PROPERTIES)


def read_custom_properties(path: str | Path) -> dict[str, str]:
    """Custom document properties of a .docx (for tests and a later import)."""
    with zipfile.ZipFile(path) as archive:
        if "docProps/custom.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(
            archive.read("docProps/custom.xml"), etree.XMLParser(resolve_entities=False, no_network=True)
        )
    return {p.get("name"): "".join(p.itertext()) for p in root.findall(f"{{{CUSTOM_NS}}}property")}


def save_atomic(document: Package, out: str | Path) -> None:
    """Save to a temporary file in the target's folder, then replace the target in one step."""
    target = Path(out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(target, "the folder for the output does not exist")
    if target.is_dir():
        raise InputError(target, "the output is a folder; give a file name ending in .docx")
    try:
        fd, tmp_name = jsonio.temporary_file(folder, target.name)
    except OSError as exc:
        raise InputError(target, f"cannot write in this folder ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            document.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, jsonio.file_mode(target))  # the temporary file is owner-only
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise InputError(target, f"cannot write the file ({exc.strerror or exc})") from None
        raise
