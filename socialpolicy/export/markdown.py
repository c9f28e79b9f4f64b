"""Markdown export: YAML front matter, numbered headings with anchors, the definitions section.

The export is inert in any Markdown renderer, as the HTML export is: every ``<`` that does not open a
plain web or mail address is written ``&lt;`` (so raw HTML, comments and script show as text), a link
target with any scheme but http, https or mailto gets a ``#`` in front (a link within the page, which
runs nothing), images become links, and characters that XML cannot hold are shown as U+FFFD.
"""

from __future__ import annotations

import html
import json
import re

from socialpolicy import __version__
from socialpolicy.document import DEFINITIONS_INTRO, Definition, Document, Section
from socialpolicy.markup import xml_safe

FRONT_MATTER_KEYS = ("title", "organisation", "version", "status", "effective_date", "review_date", "owner")
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# A "<" that opens a plain address (<https://example.org>) may stay; every other one is escaped.
_LT = re.compile(r"<(?!(?:https?://|mailto:)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+>)")
# Where a link target starts: after "](" or "]:" (a reference definition), blanks and an optional "<".
_TARGET = re.compile(r"\](?:\(|:)[ \t]*(?:\r?\n[ \t]*)?<?")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_SCHEME_CHAR = re.compile(r"[A-Za-z0-9+.\-]")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def link_scheme(text: str, start: int) -> str | None:
    """The scheme a browser would see in the link target at ``start`` once a Markdown renderer has
    decoded its entities and backslash escapes, and the browser has dropped blanks before it and tabs
    and line breaks in it (``&#106;ava&#x09;script:`` is ``javascript``); ``None`` for a target with
    no scheme (a relative or in-page link)."""
    scheme: list[str] = []
    i, n = start, len(text)
    while i < n and len(scheme) <= 40:
        char, step = text[i], 1
        if char == "\\" and i + 1 < n and text[i + 1] in _PUNCTUATION:
            char, step = text[i + 1], 2
        elif char == "&":
            m = _ENTITY.match(text, i)
            if m:
                char, step = html.unescape(m.group()), len(m.group())
        i += step
        if char in "\t\n\r" or (not scheme and (not char or ord(char[0]) <= 0x20)):
            continue
        if char == ":":
            return "".join(scheme).lower() if scheme and scheme[0].isalpha() else None
        if len(char) != 1 or not _SCHEME_CHAR.match(char):
            return None
        scheme.append(char)
    return None


def inert(text: str) -> str:
    """Markdown that no renderer turns into HTML of its own, script or a request to another site."""
    text = xml_safe(text)
    out: list[str] = []
    last = 0
    for m in _TARGET.finditer(text):
        scheme = link_scheme(text, m.end())
        if scheme is not None and scheme not in SAFE_LINK_SCHEMES:
            out.append(text[last : m.end()])
            out.append("#")
            last = m.end()
    out.append(text[last:])
    text = "".join(out).replace("![", "\\![")
    return _LT.sub("&lt;", text)


def _yaml_scalar(value: object) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(inert(str(value)), ensure_ascii=False)


def front_matter(doc: Document) -> str:
    lines = ["---"]
    for key in FRONT_MATTER_KEYS:
        if doc.metadata.get(key):
            lines.append(f"{key}: {_yaml_scalar(doc.metadata[key])}")
    lines.append(f"template: {_yaml_scalar(doc.template_id)}")
    lines.append(f"template_version: {_yaml_scalar(doc.template_version)}")
    lines.append(f"generator: {_yaml_scalar('Social Policy Studio ' + __version__)}")
    lines.append("---")
    return "\n".join(lines)


def definition_markdown(d: Definition) -> str:
    return f'**"{inert(d.term)}"** means {inert(d.text.strip())}'


def section_markdown(doc: Document, section: Section) -> list[str]:
    out = [f"## {section.number}. {inert(section.title)} {{#{section.anchor}}}", ""]
    if section.intro:
        out += [inert(section.intro.strip()), ""]
    if section.definitions and doc.definitions:
        if not section.intro:
            out += [DEFINITIONS_INTRO, ""]
        for d in doc.definitions:
            out += [definition_markdown(d), ""]
    for block in section.blocks:
        out += [
            f"### {block.number} {inert(block.title)} {{#{block.anchor}}}",
            "",
            inert(block.markdown.strip()),
            "",
        ]
    return out


def to_markdown(doc: Document) -> str:
    lines = [front_matter(doc), "", f"# {inert(doc.title)}", ""]
    for section in doc.sections:
        lines += section_markdown(doc, section)
    return "\n".join(lines).rstrip() + "\n"
