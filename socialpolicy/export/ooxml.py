"""The Office Open XML names the Word writers and readers share: namespaces, relationship types and content
types (ECMA-376 Part 1 and Part 2). Plain strings, so that importing them loads nothing."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

_RT = R + "/"  # relationship types
RT_HEADER = _RT + "header"
RT_FOOTER = _RT + "footer"
RT_HYPERLINK = _RT + "hyperlink"
RT_NUMBERING = _RT + "numbering"
RT_STYLES = _RT + "styles"
RT_SETTINGS = _RT + "settings"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_CUSTOM_XML = _RT + "customXml"
RT_CUSTOM_PROPERTIES = _RT + "custom-properties"
RT_EXTENDED_PROPERTIES = _RT + "extended-properties"

CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."  # content types
CT_HEADER = CT_WML + "header+xml"
CT_FOOTER = CT_WML + "footer+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
CT_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_EXTENDED_PROPERTIES = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def wtag(name: str) -> str:
    """A WordprocessingML element or attribute name in Clark notation: ``{W}name``."""
    return f"{{{W}}}{name}"
