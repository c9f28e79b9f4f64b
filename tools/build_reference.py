"""Build ``resources/reference.docx``: the named styles the Word export uses.

Run ``python -m tools.build_reference`` after changing a style here and commit the
result. An organisation restyles its exports by opening the reference in Word, changing the
styles (keeping their names) and passing the file as ``write_docx(..., reference=PATH)``.

Styles the exporter uses (by name): Normal, Title, Subtitle, Heading 1-3, Body Text, List Bullet,
List Number, Quote, TOC Heading, toc 1, Front Matter Heading, Table Text, Header, Footer,
Hyperlink, Code, Placeholder and the table style Policy Table. A style missing from an
organisation's reference is copied from this one, so a partial reference still works.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAVY = "1F3864"
GREY = "595959"
RULE = "A6A6A6"
SHADE = "DCE3EC"
LABEL_SHADE = "F2F2F2"
TEXT_RIGHT = 9070  # twips: the right edge of the text on A4 with 2.5 cm margins (Letter is wider)
INDENT = 720  # twips: where clause text starts, under the title after the number

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def _para_style(
    style_id: str,
    name: str,
    *,
    based_on: str | None = "Normal",
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="{0 if _builtin(name) else 1}" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}{nxt}{extra}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


_BUILTIN = {
    "Normal",
    "Title",
    "Subtitle",
    "heading 1",
    "heading 2",
    "heading 3",
    "Body Text",
    "List Bullet",
    "List Number",
    "Quote",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "header",
    "footer",
    "Hyperlink",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "annotation text",
    "annotation reference",
}


def _builtin(name: str) -> bool:
    return name in _BUILTIN


def _font(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def _sz(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def styles_xml() -> str:
    body_font = _font("Arial")
    heading = f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>'
    toc_tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_RIGHT}"/></w:tabs>'
    styles = [
        # Document defaults and the base styles.
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'{body_font}{_sz(21)}<w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:widowControl/><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        # Cover and front matter.
        _para_style(
            "Title",
            "Title",
            next_style="Subtitle",
            ppr='<w:spacing w:before="1440" w:after="240" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>',
            rpr=f'{heading}<w:kern w:val="28"/>{_sz(48)}',  # the schema puts kern before sz
        ),
        _para_style(
            "Subtitle",
            "Subtitle",
            next_style="Normal",
            ppr='<w:spacing w:after="600"/>',
            rpr=f'<w:color w:val="{GREY}"/>{_sz(28)}',
        ),
        _para_style(
            "FrontMatterHeading",
            "Front Matter Heading",
            next_style="Normal",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="160"/><w:outlineLvl w:val="0"/>',
            rpr=f"{heading}{_sz(24)}",
        ),
        _para_style(
            "FrontMatterSubheading",
            "Front Matter Subheading",
            next_style="Normal",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="1"/>',
            rpr=f"{heading}{_sz(21)}",
        ),
        _para_style(
            "TOCHeading",
            "TOC Heading",
            next_style="Normal",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="0"/>',
            rpr=f"{heading}{_sz(28)}",
        ),
        _para_style(
            "TOC1",
            "toc 1",
            next_style="Normal",
            ppr=f'{toc_tabs}<w:spacing w:after="80"/><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/>',
        ),
        _para_style(
            "TOC2",
            "toc 2",
            next_style="Normal",
            ppr=f'{toc_tabs}<w:spacing w:after="40"/><w:ind w:left="{2 * INDENT}" w:hanging="{INDENT}"/>',
            rpr=_sz(19),
        ),
        # Body.
        _para_style(
            "Heading1",
            "heading 1",
            next_style="BodyText",
            ppr='<w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="3"/></w:numPr>'
            '<w:spacing w:before="400" w:after="160"/>'
            f'<w:ind w:left="{INDENT}" w:hanging="{INDENT}"/><w:outlineLvl w:val="0"/>',
            rpr=f"{heading}{_sz(28)}",
        ),
        _para_style(
            "Heading2",
            "heading 2",
            next_style="BodyText",
            ppr='<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>'
            '<w:spacing w:before="240" w:after="80"/>'
            f'<w:ind w:left="{INDENT}" w:hanging="{INDENT}"/><w:outlineLvl w:val="1"/>',
            rpr=f"{heading}{_sz(22)}",
        ),
        _para_style(
            "Heading3",
            "heading 3",
            next_style="BodyText",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/>'
            f'<w:ind w:left="{INDENT}"/><w:outlineLvl w:val="2"/>',
            rpr=f'<w:b/><w:bCs/><w:i/><w:iCs/><w:color w:val="{NAVY}"/>{_sz(21)}',
        ),
        _para_style(
            "BodyText",
            "Body Text",
            ppr=f'<w:spacing w:after="140" w:line="276" w:lineRule="auto"/><w:ind w:left="{INDENT}"/>',
        ),
        _para_style(
            "ListBullet",
            "List Bullet",
            based_on="BodyText",
            ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="80"/>'
            f'<w:ind w:left="{INDENT + 425}" w:hanging="425"/>',
        ),
        _para_style(
            "ListNumber",
            "List Number",
            based_on="BodyText",
            ppr='<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="80"/>'
            f'<w:ind w:left="{INDENT + 567}" w:hanging="567"/>',
        ),
        _para_style(
            "Quote",
            "Quote",
            based_on="BodyText",
            next_style="BodyText",
            ppr=f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{SHADE}"/></w:pBdr>'
            f'<w:ind w:left="{INDENT + 340}" w:right="567"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{GREY}"/>',
        ),
        _para_style(
            "TableText",
            "Table Text",
            ppr='<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>',
            rpr=_sz(19),
        ),
        _para_style(
            "Header",
            "header",
            ppr=f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
            f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_RIGHT}"/></w:tabs>',
            rpr=f'<w:color w:val="{GREY}"/>{_sz(16)}',
        ),
        _para_style(
            "Footer",
            "footer",
            ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_RIGHT}"/></w:tabs>',
            rpr=f'<w:color w:val="{GREY}"/>{_sz(16)}',
        ),
        _para_style("CommentText", "annotation text", rpr=_sz(18)),
        # Character styles.
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:rPr>{_sz(16)}</w:rPr></w:style>',
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="1F4E9B"/><w:u w:val="single"/></w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="Code"><w:name w:val="Code"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>{_font("Courier New")}{_sz(19)}</w:rPr></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="Placeholder"><w:name w:val="Placeholder"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
        '<w:rPr><w:b/><w:shd w:val="clear" w:color="auto" w:fill="FFE699"/></w:rPr></w:style>',
        # The table style: grey rules, shaded header row, shaded first column for label/value tables.
        '<w:style w:type="table" w:customStyle="1" w:styleId="PolicyTable"><w:name w:val="Policy Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:rPr>{_sz(19)}</w:rPr>"
        "<w:tblPr><w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/></w:tcPr></w:tblStylePr>'
        '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{LABEL_SHADE}"/></w:tcPr></w:tblStylePr>'
        "</w:style>",
    ]
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
    )


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int, font: str = "") -> str:
    rpr = f"<w:rPr>{_font(font)}</w:rPr>" if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>'
    )


HEADING_NUM_ID = 3  # the list the Heading 1 and Heading 2 styles are linked to


def _heading_level(ilvl: int, style_id: str, text: str) -> str:
    # isLgl on the clause level keeps "3.2" decimal whatever a reference does to level 1.
    legal = "<w:isLgl/>" if ilvl else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="{style_id}"/>{legal}<w:suff w:val="tab"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
    )


def numbering_xml() -> str:
    """Three list definitions: bullets (numId 1), legal-style (a), (i), 1. numbering (numId 2), and the
    heading numbers "1." / "1.1" that the Heading 1 and Heading 2 styles are linked to (numId 3), so
    a section or clause a lawyer adds, moves or deletes in Word renumbers everything after it."""
    bullets = "".join(
        _level(i, "bullet", char, INDENT + 425 * (i + 1), 425, "Arial") for i, char in enumerate("•–▪")
    )
    numbers = (
        _level(0, "lowerLetter", "(%1)", INDENT + 567, 567)
        + _level(1, "lowerRoman", "(%2)", INDENT + 1134, 567)
        + _level(2, "decimal", "%3.", INDENT + 1701, 567)
    )
    headings = _heading_level(0, "Heading1", "%1.") + _heading_level(1, "Heading2", "%1.%2")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{bullets}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>{numbers}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="multilevel"/>{headings}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        f'<w:num w:numId="{HEADING_NUM_ID}"><w:abstractNumId w:val="3"/></w:num>'
        "</w:numbering>"
    )


def build() -> bytes:
    """The reference document as bytes (reproducible: fixed properties and zip timestamps)."""
    document = docx.Document()
    part = document.part
    # Drop what python-docx's own template carries and we do not want to ship.
    for rel in list(part.rels.values()):
        if rel.reltype in (
            RT.CUSTOM_XML,
            "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
        ):
            part.drop_rel(rel.rId)
    package_rels = part.package.rels
    for rel in list(package_rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel.rId)
    part._styles_part._element = parse_xml(styles_xml().encode())
    part.numbering_part._element = parse_xml(numbering_xml().encode())
    # Word 2013+ layout, so current Word does not open exports in "Compatibility Mode".
    for setting in document.settings.element.iter(f"{{{W_NS}}}compatSetting"):
        if setting.get(f"{{{W_NS}}}name") == "compatibilityMode":
            setting.set(f"{{{W_NS}}}val", "15")
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    section = document.sections[0]
    sect_pr = section._sectPr
    for name in list(sect_pr.attrib):
        if "rsid" in name:
            del sect_pr.attrib[name]
    from docx.shared import Cm

    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    props = document.core_properties
    import datetime as dt

    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    props.title = "Social Policy Studio reference styles"
    props.author = props.last_modified_by = "Social Policy Studio"
    props.created = props.modified = stamp
    props.revision = 1
    props.comments = "Named styles for Word exports. Restyle them, keep the names."
    for attr in ("subject", "keywords", "category"):
        setattr(props, attr, "")
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def reference_path() -> Path:
    """The checkout's own copy (this tool runs from a source checkout, never from an installed wheel)."""
    return Path(__file__).resolve().parent.parent / "resources" / "reference.docx"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else reference_path()
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
