"""Markdown export: YAML front matter, numbered headings with anchors, the definitions section.

Three flavours, which differ only in how a heading is given an id that cross-references link to:

- ``gfm`` (the default): GitHub Flavored Markdown, which GitHub, GitLab and most wikis render. Headings carry
  no attribute; GitHub gives each heading an id from its text (its "slug": lower case, punctuation dropped,
  spaces as hyphens, ``-1``, ``-2`` after a repeated one), and each cross-reference links to that slug.
- ``commonmark``: CommonMark has no heading ids, so each heading starts with an inline anchor
  ``<a id="sec-reporting"></a>`` that cross-references link to (renderers that strip raw HTML lose the
  links, not the text).
- ``pandoc``: the attribute ``{#sec-reporting}`` after each heading, which pandoc and Python-Markdown's
  ``attr_list`` read, and the form our exports had before the other flavours (the golden files).

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

FLAVORS = ("gfm", "commonmark", "pandoc")
DEFAULT_FLAVOR = "gfm"
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


_NOT_SLUG = re.compile(r"[^\w\- ]")
_INTERNAL_LINK = re.compile(r"\]\(#((?:sec|cl)-[a-z0-9-]+)\)")
_BODY_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def github_slug(text: str) -> str:
    """The id GitHub gives a heading with this text: lower case, all but letters, digits, ``_``, ``-`` and
    spaces dropped, each space a hyphen (``3.1 Roles & duties`` is ``31-roles--duties``)."""
    return _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")


class _Slugs:
    """GitHub's ids for the headings of one page, in order: a repeated slug gets ``-1``, ``-2``..."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def add(self, text: str) -> str:
        base = slug = github_slug(text)
        while slug in self.seen:
            self.seen[base] += 1
            slug = f"{base}-{self.seen[base]}"
        self.seen[slug] = 0
        return slug


def _body_headings(markdown: str) -> list[str]:
    """The text of the ATX headings inside a clause's Markdown (outside code fences): they take slugs too."""
    found, fenced = [], False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _BODY_HEADING.match(line)):
            found.append(m.group(1))
    return found


def _targets(doc: Document, flavor: str) -> dict[str, str]:
    """For each anchor of the document (``sec-…``, ``cl-…``), the id its heading has in ``flavor``."""
    if flavor != "gfm":
        return {}
    slugs = _Slugs()
    slugs.add(doc.title)
    out = {}
    for section in doc.sections:
        out[section.anchor] = slugs.add(f"{section.number}. {section.title}")
        for block in section.blocks:
            out[block.anchor] = slugs.add(f"{block.number} {block.title}")
            for text in _body_headings(block.markdown):
                slugs.add(text)
    return out


def _heading(level: int, text: str, anchor: str, flavor: str) -> str:
    if flavor == "pandoc":
        return f"{'#' * level} {text} {{#{anchor}}}"
    if flavor == "commonmark":
        return f'{"#" * level} <a id="{anchor}"></a>{text}'
    return f"{'#' * level} {text}"


def _linked(markdown: str, targets: dict[str, str]) -> str:
    """Cross-references pointed at the ids their headings have in this flavour."""
    if not targets:
        return markdown
    return _INTERNAL_LINK.sub(lambda m: f"](#{targets.get(m.group(1), m.group(1))})", markdown)


def section_markdown(
    doc: Document, section: Section, flavor: str = DEFAULT_FLAVOR, targets: dict[str, str] | None = None
) -> list[str]:
    targets = targets if targets is not None else _targets(doc, flavor)
    out = [_heading(2, f"{section.number}. {inert(section.title)}", section.anchor, flavor), ""]
    if section.intro:
        out += [_linked(inert(section.intro.strip()), targets), ""]
    if section.definitions and doc.definitions:
        if not section.intro:
            out += [DEFINITIONS_INTRO, ""]
        for d in doc.definitions:
            out += [_linked(definition_markdown(d), targets), ""]
    for block in section.blocks:
        out += [
            _heading(3, f"{block.number} {inert(block.title)}", block.anchor, flavor),
            "",
            _linked(inert(block.markdown.strip()), targets),
            "",
        ]
    return out


def to_markdown(doc: Document, flavor: str = DEFAULT_FLAVOR) -> str:
    """The document as Markdown of ``flavor`` (see the module's docstring)."""
    if flavor not in FLAVORS:
        raise ValueError(f"unknown Markdown flavour {flavor!r}")
    targets = _targets(doc, flavor)
    lines = [front_matter(doc), "", f"# {inert(doc.title)}", ""]
    for section in doc.sections:
        lines += section_markdown(doc, section, flavor, targets)
    return "\n".join(lines).rstrip() + "\n"
