"""Clause Markdown, parsed once: the HTML fragment, the element tree and the plain text.

Python-Markdown does the parsing. Raw HTML is not recognised (it is shown as text), links
keep only safe targets, and images become their alt text, so no clause can inject markup or
reach the network.
"""

from __future__ import annotations

import copy
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")


@dataclass(frozen=True, slots=True)
class Markup:
    html: str
    tree: ET.Element  # a <div> holding block elements: p, ul, ol, blockquote, table, h1-h6, pre, hr
    text: str


class _Capture(Treeprocessor):
    def run(self, root: ET.Element) -> None:
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


def _replace_with_text(parent: ET.Element, child: ET.Element, text: str) -> None:
    index = list(parent).index(child)
    tail = (text or "") + (child.tail or "")
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + tail
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + tail


class _SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown API)
        md.preprocessors.deregister("html_block")
        for name in ("html", "entity", "automail"):
            md.inlinePatterns.deregister(name)
        md.treeprocessors.register(_Capture(md), "socialpolicy-capture", -10)


_local = threading.local()


def _md() -> Any:
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=["tables", "sane_lists", _SafeExtension()], output_format="html")
        _local.md = md
    return md


def parse(text: str) -> Markup:
    md = _md()
    md.reset()
    md.captured = None
    html = md.convert(text)
    tree = md.captured if md.captured is not None else ET.Element("div")
    tree.tag = "div"
    return Markup(html=html, tree=tree, text=plain_text(tree))


def plain_text(tree: ET.Element) -> str:
    """Block elements on their own lines, inline markup dropped."""
    lines: list[str] = []
    for block in tree:
        if block.tag in ("ul", "ol"):
            lines.extend(" ".join("".join(li.itertext()).split()) for li in block.iter("li"))
        elif block.tag == "table":
            lines.extend(" | ".join(" ".join("".join(c.itertext()).split()) for c in row) for row in block.iter("tr"))
        else:
            lines.append(" ".join("".join(block.itertext()).split()))
    return "\n".join(line for line in lines if line)
