"""HTML export: a standalone page for the intranet, and the desktop preview."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from socialpolicy import paths, spelling
from socialpolicy.document import DEFINITIONS_INTRO, Block, Document, Section
from socialpolicy.markup import xml_safe
from socialpolicy.render import human_date, parse_markdown

if TYPE_CHECKING:
    from socialpolicy.checks import Finding

COVER_FIELDS = (
    ("organisation", "Organisation"),
    ("version", "Version"),
    ("status", "Status"),
    ("effective_date", "Effective date"),
    ("review_date", "Next review"),
    ("owner", "Owner"),
)
_PLACEHOLDER = re.compile(r"\[(?:to be completed|missing section): [^\]<]*\]")


@cache
def stylesheet() -> str:
    return (paths.resources_dir() / "styles" / "document.css").read_text(encoding="utf-8")


def _e(text: str) -> str:
    """Text for the page: markup escaped, and characters HTML cannot hold shown as U+FFFD."""
    import html  # (here: a Word export imports this module but escapes nothing with it)

    return html.escape(xml_safe(text), quote=True)


def _mark_placeholders(fragment: str) -> str:
    return _PLACEHOLDER.sub(lambda m: f'<span class="missing">{m.group(0)}</span>', fragment)


def _tables(fragment: str) -> str:
    return fragment.replace("<table>", '<table class="body">')


DATE_FIELDS = ("effective_date", "review_date")


def cover_rows(doc: Document) -> list[tuple[str, str, str]]:
    """(key, label, value) for the cover: labels spelled and dates written like the rest of the document."""
    rows = []
    for key, label in COVER_FIELDS:
        value = doc.metadata.get(key)
        if not value:
            continue
        if doc.spelling == "us":
            label = spelling.convert(label, "us")
        rows.append((key, label, human_date(value, doc.spelling or "uk") if key in DATE_FIELDS else value))
    return rows


def cover(doc: Document) -> str:
    rows = "".join(f"<tr><td>{label}</td><td>{_e(value)}</td></tr>" for _, label, value in cover_rows(doc))
    return f'<div class="cover"><table>{rows}</table></div>'


def toc(doc: Document) -> str:
    items = "".join(
        f'<li><a href="#{s.anchor}"><span class="num">{s.number}.</span>{_e(s.title)}</a></li>'
        for s in doc.sections
    )
    return f'<nav class="toc"><h2>Contents</h2><ol>{items}</ol></nav>'


def block_html(block: Block, *, review: bool = False, findings: Sequence[Finding] = ()) -> str:
    parts = [
        f'<section class="clause" id="{block.anchor}" data-clause="{_e(block.clause_id)}">',
        f'<h3><span class="num">{block.number}</span>{_e(block.title)}</h3>',
        _tables(_mark_placeholders(block.html)),
    ]
    if review:
        parts.append(review_note(block, [f for f in findings if f.clause == block.clause_id]))
    parts.append("</section>")
    return "".join(parts)


def review_note(block: Block, findings: Sequence[Finding]) -> str:
    origin = {"library": "library text", "edited": "edited from the library text", "custom": "custom clause"}[
        block.origin
    ]
    lines = [
        f'<div class="review"><div class="meta">{_e(block.library)}:{_e(block.clause_id)} v{block.version} · {origin}</div>'
    ]
    if block.rationale:
        lines.append(f"<div><strong>Why:</strong> {_e(block.rationale)}</div>")
    if block.sources:
        lines.append(
            "<div><strong>Sources:</strong> " + "; ".join(_e(s.citation) for s in block.sources) + "</div>"
        )
    for f in findings:
        lines.append(
            f'<div class="finding-{f.severity}">{_e(f.severity.upper())} {_e(f.rule)}: {_e(f.message)}</div>'
        )
    lines.append("</div>")
    return "".join(lines)


def section_html(
    doc: Document, section: Section, *, review: bool = False, findings: Sequence[Finding] = ()
) -> str:
    parts = [f'<h2 id="{section.anchor}"><span class="num">{section.number}.</span>{_e(section.title)}</h2>']
    if section.intro:
        parts.append(parse_markdown(section.intro).html)
    if section.definitions and doc.definitions:
        lead = "" if section.intro else f"<p>{_e(DEFINITIONS_INTRO)}</p>"
        parts.append(f'<div class="definitions">{lead}')
        for d in doc.definitions:
            text = parse_markdown(d.text.strip()).html.removeprefix("<p>").removesuffix("</p>")
            parts.append(
                f"<p><strong>&ldquo;{_e(d.term)}&rdquo;</strong> means {_mark_placeholders(text)}</p>"
            )
        parts.append("</div>")
    parts += [block_html(b, review=review, findings=findings) for b in section.blocks]
    return "".join(parts)


def body_html(doc: Document, *, review: bool = False, findings: Sequence[Finding] = ()) -> str:
    parts = [f"<h1>{_e(doc.title)}</h1>", cover(doc), toc(doc)]
    parts += [section_html(doc, s, review=review, findings=findings) for s in doc.sections]
    if review and findings:
        parts.append("<h2>Findings</h2><ul>")
        parts += [
            f'<li class="finding-{f.severity}">{_e(f.severity)} · {_e(f.rule)}: {_e(f.message)}</li>'
            for f in findings
        ]
        parts.append("</ul>")
    return "\n".join(parts)


def to_html(doc: Document, *, review: bool = False, findings: Sequence[Finding] = ()) -> str:
    lang = "en-GB" if doc.spelling == "uk" else "en-US"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="Social Policy Studio">\n<title>{_e(doc.title)}</title>\n'
        f"<style>\n{stylesheet()}</style>\n</head>\n<body>\n{body_html(doc, review=review, findings=findings)}\n</body>\n</html>\n"
    )
