"""The package side of the Word export: the reference document, its styles and numbering,
custom document properties (clause provenance) and the atomic save."""

from __future__ import annotations

import contextlib
import copy
import os
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from socialpolicy import paths
from socialpolicy.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_URI = PackURI("/docProps/custom.xml")
PROPERTY_PREFIX = "SocialPolicy."
REFERENCE_ENV = "SOCIALPOLICY_DOCX_REFERENCE"
MAX_REFERENCE_BYTES = 32 * 1024 * 1024

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
    "Table Text",
    "Header",
    "Footer",
    "Hyperlink",
    "Code",
    "Placeholder",
    "Policy Table",
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def builtin_reference() -> Path:
    return paths.resources_dir() / "reference.docx"


@cache
def _builtin_bytes() -> bytes:
    return builtin_reference().read_bytes()


def open_reference(reference: str | Path | None) -> tuple[Any, bool]:
    """The python-docx Document to build on, and whether it is the built-in reference.

    ``reference`` (or the ``SOCIALPOLICY_DOCX_REFERENCE`` environment variable) names an
    organisation's own reference .docx; its body is discarded, its styles, numbering, page
    set-up and theme are kept. Raises :class:`InputError` when it cannot be used.
    """
    import io

    chosen = reference if reference is not None else os.environ.get(REFERENCE_ENV) or None
    if chosen is None:
        return docx.Document(io.BytesIO(_builtin_bytes())), True
    path = Path(chosen)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read the reference document ({exc.strerror or exc})") from None
    if size > MAX_REFERENCE_BYTES:
        raise InputError(
            path, f"the reference document is larger than {MAX_REFERENCE_BYTES // (1024 * 1024)} MB"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            if "word/document.xml" not in archive.namelist():
                raise InputError(path, "not a Word document: word/document.xml is missing")
            total = sum(info.file_size for info in archive.infolist())
            if total > 8 * MAX_REFERENCE_BYTES:
                raise InputError(path, "the reference document unpacks to more than 256 MB")
        document = docx.Document(str(path))
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(path, f"not a usable Word reference document ({exc})") from None
    return document, False


def prepare(document: Any) -> None:
    """Empty the body (keeping the page set-up) and add any style the reference lacks."""
    body = document.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)
    styles = document.styles.element
    have = {s.name for s in document.styles}
    missing = [name for name in STYLE_NAMES if name not in have]
    if not missing:
        return
    builtin = docx.Document(str(builtin_reference()))
    theirs = {s.name: s for s in builtin.styles}
    for name in missing:
        element = copy.deepcopy(theirs[name].element)
        # A copied list style must not point at the reference's own (unrelated) list numbers;
        # Numbering then brings our list definition along.
        ppr = element.find(_w("pPr"))
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if num_pr is not None:
            ppr.remove(num_pr)
        styles.append(element)


def style_ids(document: Any) -> dict[str, str]:
    return {s.name: s.style_id for s in document.styles}


def set_language(document: Any, lang: str) -> None:
    """Proofing language for the whole document (docDefaults), e.g. en-GB."""
    styles = document.styles.element
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


_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def ask_to_update_fields(document: Any) -> None:
    """Set w:updateFields so Word refreshes the table of contents (adding page numbers) on opening."""
    settings = document.settings.element
    node = settings.find(_w("updateFields"))
    if node is None:
        node = etree.Element(_w("updateFields"))
        later = [child for child in settings if etree.QName(child).localname in _AFTER_UPDATE_FIELDS]
        if later:
            later[0].addprevious(node)
        else:
            settings.append(node)
    node.set(_w("val"), "true")


class Numbering:
    """Numbering instances for lists: every numbered list restarts at its own first item."""

    def __init__(self, document: Any, ids: dict[str, str]) -> None:
        self.part = document.part.numbering_part
        self.root = self.part.element
        self.bullet_num = self._style_num(document, "List Bullet", 1, "bullet")
        self.number_abstract = self._abstract_of(self._style_num(document, "List Number", 2, "lowerLetter"))
        self.next_id = max([int(n.get(_w("numId"))) for n in self.root.findall(_w("num"))] + [0]) + 1

    def _abstract_of(self, num_id: int) -> str:
        for num in self.root.findall(_w("num")):
            if num.get(_w("numId")) == str(num_id):
                return num.find(_w("abstractNumId")).get(_w("val"))
        raise LookupError(num_id)

    def _style_num(self, document: Any, style_name: str, builtin_num: int, fmt: str) -> int:
        style = next(s for s in document.styles if s.name == style_name)
        ppr = style.element.find(_w("pPr"))
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = num_pr.find(_w("numId")) if num_pr is not None else None
        if num_id is not None:
            value = int(num_id.get(_w("val")))
            if any(n.get(_w("numId")) == str(value) for n in self.root.findall(_w("num"))):
                return value
        return self._import_builtin(builtin_num)

    def _import_builtin(self, builtin_num: int) -> int:
        """Copy one of the built-in reference's list definitions into this document."""
        builtin = docx.Document(str(builtin_reference())).part.numbering_part.element
        num = next(n for n in builtin.findall(_w("num")) if n.get(_w("numId")) == str(builtin_num))
        abstract_id = num.find(_w("abstractNumId")).get(_w("val"))
        abstract = copy.deepcopy(
            next(a for a in builtin.findall(_w("abstractNum")) if a.get(_w("abstractNumId")) == abstract_id)
        )
        new_abstract = (
            max([int(a.get(_w("abstractNumId"))) for a in self.root.findall(_w("abstractNum"))] + [0]) + 1
        )
        new_num = max([int(n.get(_w("numId"))) for n in self.root.findall(_w("num"))] + [0]) + 1
        abstract.set(_w("abstractNumId"), str(new_abstract))
        nums = self.root.findall(_w("num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            self.root.append(abstract)
        self._add_num(new_num, str(new_abstract))
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


def set_custom_properties(document: Any, values: list[tuple[str, str]]) -> None:
    package = document.part.package
    existing = next((p for p in package.iter_parts() if p.partname == CUSTOM_URI), None)
    blob = custom_properties_xml(existing.blob if existing is not None else None, values)
    if existing is not None:
        if hasattr(existing, "_element"):
            existing._element = etree.fromstring(blob)
        else:
            existing._blob = blob
        return
    part = Part(CUSTOM_URI, CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(path: str | Path) -> dict[str, str]:
    """Custom document properties of a .docx (for tests and a later import)."""
    with zipfile.ZipFile(path) as archive:
        if "docProps/custom.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(
            archive.read("docProps/custom.xml"), etree.XMLParser(resolve_entities=False, no_network=True)
        )
    return {p.get("name"): "".join(p.itertext()) for p in root.findall(f"{{{CUSTOM_NS}}}property")}


def save_atomic(document: Any, out: str | Path) -> None:
    """Save to a temporary file in the target's folder, then replace the target in one step."""
    target = Path(out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(target, "the folder for the output does not exist")
    if target.is_dir():
        raise InputError(target, "the output is a folder; give a file name ending in .docx")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(target, f"cannot write in this folder ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            document.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise InputError(target, f"cannot write the file ({exc.strerror or exc})") from None
        raise
