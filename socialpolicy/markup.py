"""Clause Markdown, parsed once: the HTML fragment, the element tree and the plain text.

Python-Markdown does the parsing. Raw HTML is not recognised (it is shown as text), links
keep only safe targets, and images become their alt text, so no clause can inject markup or
reach the network.

A parsed tree is shared: the renderer caches it, and every Document rendered from the same text holds
the same tree. So the tree is frozen (:class:`FrozenElement`): it reads like any ElementTree element,
and every way of changing it raises ``TypeError``. Whoever needs to change one takes a copy
(``copy.deepcopy`` gives an ordinary element).

Characters that XML cannot hold (NUL and other controls) are shown as U+FFFD,
so every exporter can write what it is given (the checker reports them from the clause's own text).
Quotes and lists nested more deeply than any policy needs are shown as plain paragraphs with a note:
Python-Markdown and every walk over the tree recurse once a level.
"""

from __future__ import annotations

import copy
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NoReturn

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")


class FrozenElement(ET.Element):
    """An element that cannot be changed: its tag, text, tail, attributes and children are fixed."""

    __slots__ = ()

    def _refuse(self, *_: Any, **__: Any) -> NoReturn:
        raise TypeError("a rendered clause's tree is shared and cannot be changed; change a copy.deepcopy")

    append = extend = insert = remove = clear = set = __setitem__ = __delitem__ = _refuse  # type: ignore[assignment]

    def __setattr__(self, name: str, value: Any) -> None:
        self._refuse()

    @property  # type: ignore[override]
    def attrib(self) -> Mapping[str, str]:  # type: ignore[override]
        return MappingProxyType(_ATTRIB.__get__(self))


# The C element's own descriptors, used while a frozen tree is built (its own setters refuse).
_ATTRIB: Any = ET.Element.__dict__["attrib"]
_TEXT: Any = ET.Element.__dict__["text"]
_TAIL: Any = ET.Element.__dict__["tail"]


def freeze(element: ET.Element) -> FrozenElement:
    """A frozen copy of ``element`` and everything under it."""
    out = FrozenElement(element.tag, dict(element.attrib))
    _TEXT.__set__(out, element.text)
    _TAIL.__set__(out, element.tail)
    children: Iterable[FrozenElement] = (freeze(child) for child in element)
    ET.Element.extend(out, children)
    return out


@dataclass(frozen=True, slots=True)
class Markup:
    """A clause text parsed: its HTML, its frozen tree and its plain text."""

    html: str
    tree: ET.Element  # a frozen <div> holding block elements: p, ul, ol, blockquote, table, h1-h6, pre, hr
    text: str


MAX_NESTING = 16  # quote and list markers at the start of one line
MAX_TREE_DEPTH = 48  # levels of the parsed tree (a list item in a list in a quote is three)


class _TooDeep(Exception):
    pass


def tree_depth(tree: ET.Element) -> int:
    """How many levels ``tree`` has, walked without recursion."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in element)
    return deepest


def _replace_with_text(parent: ET.Element, child: ET.Element, text: str) -> None:
    index = list(parent).index(child)
    tail = (text or "") + (child.tail or "")
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + tail
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + tail


def _markdown() -> Any:
    """A Python-Markdown parser with our extensions (imported on first use: most clause texts never
    need it, see :func:`plain_blocks`)."""
    import markdown
    from markdown.extensions import Extension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.treeprocessors import Treeprocessor

    class _Capture(Treeprocessor):
        def run(self, root: ET.Element) -> None:
            if tree_depth(root) > MAX_TREE_DEPTH:
                raise _TooDeep()  # before any recursive walk (deepcopy, serialising)
            for parent in root.iter():
                for child in list(parent):
                    if child.tag == "img":
                        _replace_with_text(parent, child, child.get("alt", ""))
                    elif child.tag == "a":
                        href = (child.get("href") or "").strip()
                        if not href.lower().startswith(SAFE_SCHEMES):
                            child.attrib.pop("href", None)
                        child.attrib.pop("title", None) if not child.get("title") else None
            self.md.captured = copy.deepcopy(root)  # type: ignore[attr-defined]

    class _SafeExtension(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.preprocessors.deregister("html_block")
            for name in ("html", "entity", "automail"):
                md.inlinePatterns.deregister(name)
            md.treeprocessors.register(_Capture(md), "socialpolicy-capture", -10)

    # Instances, not names: a name makes Python-Markdown read every installed package's entry points.
    extensions = [TableExtension(), SaneListExtension(), _SafeExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html")


_local = threading.local()


def _md() -> Any:
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _markdown()
    return md


MAX_BRACKETS = 1000  # Python-Markdown's link matching is quadratic in the "[" of a paragraph
MAX_BLOCK_LINES = 300  # and its block parser re-reads the rest of a block for every line it splits off
_BLANK = re.compile(r"\n[ \t]*\n")
_STAND_IN = "\ue000"  # a private-use character that stands for "[" while parsing


def _bounded(text: str) -> tuple[str, bool]:
    """Text whose parse time stays bounded, and whether "[" was replaced by a stand-in.

    Past MAX_BRACKETS, each "[" is parsed as a plain character and restored afterwards, so links show
    as written (20,000 "[" took minutes). A block of more than MAX_BLOCK_LINES lines with no blank
    line is broken by blank lines every so many lines (20,000 one-line headings in one block took
    25 seconds: the cost grows with the square of a block's length)."""
    hidden = text.count("[") > MAX_BRACKETS
    if hidden:
        text = text.replace(_STAND_IN, "").replace("[", _STAND_IN)
    if text.count("\n") > MAX_BLOCK_LINES:
        blocks = []
        for block in _BLANK.split(text):
            lines = block.split("\n")
            blocks.append(
                "\n\n".join(
                    "\n".join(lines[i : i + MAX_BLOCK_LINES]) for i in range(0, len(lines), MAX_BLOCK_LINES)
                )
            )
        text = "\n\n".join(blocks)
    return text, hidden


def _restore(tree: ET.Element) -> None:
    for element in tree.iter():
        if element.text:
            element.text = element.text.replace(_STAND_IN, "[")
        if element.tail:
            element.tail = element.tail.replace(_STAND_IN, "[")
        for key, value in element.attrib.items():
            element.set(key, value.replace(_STAND_IN, "["))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Quote and list markers at the start of a line (possessive, so the scan is linear).
_CONTAINERS = re.compile(r"^(?:[ \t]*+(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*+", re.MULTILINE)
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")
TOO_DEEP_NOTE = (
    "[This text nests quotes or lists more deeply than a policy can show; it is shown as plain paragraphs.]"
)


def xml_safe(text: str) -> str:
    """``text`` with each character XML cannot hold (controls, lone surrogates) shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def nesting(text: str) -> int:
    """The most quote and list markers that open one line of ``text`` (indentation counts a level
    for every four columns): about how deeply Python-Markdown would nest it."""
    deepest = 0
    for m in _CONTAINERS.finditer(text):
        if m.end() == m.start():
            continue
        run = m.group()
        indent = len(run) - len(run.lstrip(" \t"))
        deepest = max(deepest, len(_MARKER.findall(run)) + indent // 4)
    return deepest


def _flat(text: str) -> Markup:
    """Plain paragraphs, for text nested too deeply to parse: every word kept, no structure."""
    root = ET.Element("div")
    note = ET.SubElement(root, "p")
    note.text = TOO_DEEP_NOTE
    for block in _BLANK.split(text):
        words = " ".join(block.split())
        if words:
            ET.SubElement(root, "p").text = words
    from html import escape

    html = "\n".join(f"<p>{escape(p.text or '')}</p>" for p in root)
    return Markup(html=html, tree=root, text=plain_text(root))


# The fast path (plain_blocks) takes text whose every character and construct is one of these, and gives
# what Python-Markdown gives for it. Characters with an inline meaning (emphasis, code, links, escapes, raw
# HTML and entities, tables) are "special": only a **strong** run and a [link](#anchor) may hold them.
_SPECIAL = "\\\\`*_\\[\\]<>&!|{}~\\t\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029"
_RUN = f"[^{_SPECIAL}]"
_EDGE = f"[^\\s{_SPECIAL}]"
_INLINE = re.compile(
    rf"\*\*(?P<strong>{_EDGE}(?:{_RUN}*{_EDGE})?)\*\*"
    rf"|\[(?P<text>{_EDGE}(?:{_RUN}*{_EDGE})?)\]\((?P<href>#[A-Za-z0-9-]+)\)"
)
_PLAIN_TEXT = re.compile(f"[^{_SPECIAL}]*")
# How a paragraph line or a list item's text may start: nothing a block parser reads (no marker, digit,
# "#", "=", indentation).
_LINE_START = re.compile(r"[^\W\d_]|[\u201c\u2018\"'(]|\*\*[^\s*]|\[")
_BULLET = "- "
_NUMBERED = re.compile(r"([1-9]\d{0,8})\. ")


def _inline(parent: ET.Element, text: str) -> bool:
    """Fill ``parent`` with ``text``'s inline content as Python-Markdown would; False if it cannot."""
    pos = 0
    last: ET.Element | None = None
    for m in _INLINE.finditer(text):
        before = text[pos : m.start()]
        if not _PLAIN_TEXT.fullmatch(before) or (last is not None and not before):
            return False
        if last is None:
            parent.text = before or None
        else:
            last.tail = before
        if m["strong"] is not None:
            last = ET.SubElement(parent, "strong")
            last.text = m["strong"]
        else:
            last = ET.SubElement(parent, "a", href=m["href"])
            last.text = m["text"]
        pos = m.end()
    rest = text[pos:]
    if not _PLAIN_TEXT.fullmatch(rest):
        return False
    if last is None:
        parent.text = rest
    else:
        last.tail = rest or None
    return True


def _html_inline(element: ET.Element) -> str:
    out = [element.text or ""]
    for child in element:
        attrs = "".join(f' {k}="{v}"' for k, v in child.attrib.items())
        out.append(f"<{child.tag}{attrs}>{child.text or ''}</{child.tag}>{child.tail or ''}")
    return "".join(out)


_TABLE_RULE = re.compile(r"-{3,}")


def _cells(line: str) -> list[str] | None:
    if len(line) < 2 or line[0] != "|" or line[-1] != "|":
        return None
    return [cell.strip() for cell in line[1:-1].split("|")]


def _table(lines: list[str]) -> ET.Element | None:
    """A table as Python-Markdown's tables extension builds it, for the simplest form only: every row
    between pipes, a rule of dashes (no alignment), the same number of cells in every row."""
    rows = [_cells(line) for line in lines]
    if len(rows) < 3 or any(r is None for r in rows):
        return None
    head, rule, *body = (r for r in rows if r is not None)
    if len(rule) != len(head) or not all(_TABLE_RULE.fullmatch(c) for c in rule):
        return None
    table = ET.Element("table")
    table.text = table.tail = "\n"
    for tag, cell_tag, group in (("thead", "th", [head]), ("tbody", "td", body)):
        section = ET.SubElement(table, tag)
        section.text = section.tail = "\n"
        for row in group:
            if len(row) != len(head):
                return None
            tr = ET.SubElement(section, "tr")
            tr.text = tr.tail = "\n"
            for cell in row:
                element = ET.SubElement(tr, cell_tag)
                element.tail = "\n"
                if (cell and not _LINE_START.match(cell)) or not _inline(element, cell):
                    return None
    return table


def _html_table(table: ET.Element) -> str:
    out = ["<table>"]
    for section in table:
        out.append(f"<{section.tag}>")
        for tr in section:
            out.append("<tr>")
            out += [f"<{cell.tag}>{_html_inline(cell)}</{cell.tag}>" for cell in tr]
            out.append("</tr>")
        out.append(f"</{section.tag}>")
    out.append("</table>")
    return "\n".join(out)


def _lines_start_plainly(lines: Iterable[str]) -> bool:
    return all(_LINE_START.match(line) for line in lines)


def plain_blocks(text: str) -> Markup | None:
    """What Python-Markdown makes of ``text`` when it is only paragraphs, tight lists ("- " or "1. ") and
    simple tables of plain text with **strong** runs and [links](#anchor), without running it (a parse costs about
    0.5 ms); ``None`` for any other text (a test holds the two to the same result)."""
    if text.count("\n") > MAX_BLOCK_LINES:
        return None
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif line[-1].isspace() or line[0].isspace():  # (a line of spaces is not a blank line to it)
            return None
        else:
            blocks[-1].append(line)
    root = ET.Element("div")
    root.text = root.tail = "\n"
    html: list[str] = []
    previous_list = False
    for lines in blocks:
        if not lines:
            continue
        first = _NUMBERED.match(lines[0])
        if lines[0].startswith("|"):
            table = _table(lines)
            if table is None:
                return None
            root.append(table)
            html.append(_html_table(table))
            previous_list = False
        elif lines[0].startswith(_BULLET) or first:
            # A list after a blank line would join the one before (as a loose list): not here.
            if previous_list:
                return None
            if first:
                markers = [_NUMBERED.match(line) for line in lines]
                if not all(markers):
                    return None
                items = [line[m.end() :] for line, m in zip(lines, markers, strict=True) if m]
                ol = ET.SubElement(root, "ol")
                if first[1] != "1":
                    ol.set("start", first[1])
                block = ol
            else:
                if not all(line.startswith(_BULLET) for line in lines):
                    return None
                items = [line[2:] for line in lines]
                block = ET.SubElement(root, "ul")
            if not _lines_start_plainly(items):
                return None
            block.text = block.tail = "\n"
            attrs = "".join(f' {k}="{v}"' for k, v in block.attrib.items())
            html.append(f"<{block.tag}{attrs}>")
            for item in items:
                li = ET.SubElement(block, "li")
                li.tail = "\n"
                if not _inline(li, item):
                    return None
                html.append(f"<li>{_html_inline(li)}</li>")
            html.append(f"</{block.tag}>")
            previous_list = True
        else:
            if len(lines) > 1 or not _lines_start_plainly(lines):
                return None  # (a paragraph over several lines keeps Python-Markdown's soft breaks: not here)
            p = ET.SubElement(root, "p")
            p.tail = "\n"
            if not _inline(p, lines[0]):
                return None
            html.append(f"<p>{_html_inline(p)}</p>")
            previous_list = False
    if not len(root):
        return None
    return Markup(html="\n".join(html), tree=freeze(root), text=plain_text(root))


def parse(text: str) -> Markup:
    text = xml_safe(text)
    return plain_blocks(text) or parse_markdown(text)


def parse_markdown(text: str) -> Markup:
    """``text`` (XML-safe) through Python-Markdown."""
    if nesting(text) > MAX_NESTING:
        return _flat(text)
    md = _md()
    md.reset()
    md.captured = None
    source, hidden = _bounded(text)
    try:
        html = md.convert(source)
    except (_TooDeep, RecursionError):
        md.reset()
        return _flat(text)
    tree = md.captured if md.captured is not None else ET.Element("div")
    tree.tag = "div"
    if hidden:
        html = html.replace(_STAND_IN, "[")
        _restore(tree)
    return Markup(html=html, tree=freeze(tree), text=plain_text(tree))


def plain_text(tree: ET.Element) -> str:
    """Block elements on their own lines, inline markup dropped."""
    lines: list[str] = []
    for block in tree:
        if block.tag in ("ul", "ol"):
            lines.extend(" ".join("".join(li.itertext()).split()) for li in block.iter("li"))
        elif block.tag == "table":
            lines.extend(
                " | ".join(" ".join("".join(c.itertext()).split()) for c in row) for row in block.iter("tr")
            )
        else:
            lines.append(" ".join("".join(block.itertext()).split()))
    return "\n".join(line for line in lines if line)
