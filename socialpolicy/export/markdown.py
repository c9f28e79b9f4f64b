"""Markdown export: YAML front matter, numbered headings with anchors, the definitions section."""

from __future__ import annotations

import json

from socialpolicy import __version__
from socialpolicy.document import DEFINITIONS_INTRO, Definition, Document, Section

FRONT_MATTER_KEYS = ("title", "organisation", "version", "status", "effective_date", "review_date", "owner")


def _yaml_scalar(value: object) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(str(value), ensure_ascii=False)


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
    return f'**"{d.term}"** means {d.text.strip()}'


def section_markdown(doc: Document, section: Section) -> list[str]:
    out = [f"## {section.number}. {section.title} {{#{section.anchor}}}", ""]
    if section.intro:
        out += [section.intro.strip(), ""]
    if section.definitions and doc.definitions:
        if not section.intro:
            out += [DEFINITIONS_INTRO, ""]
        for d in doc.definitions:
            out += [definition_markdown(d), ""]
    for block in section.blocks:
        out += [f"### {block.number} {block.title} {{#{block.anchor}}}", "", block.markdown.strip(), ""]
    return out


def to_markdown(doc: Document) -> str:
    lines = [front_matter(doc), "", f"# {doc.title}", ""]
    for section in doc.sections:
        lines += section_markdown(doc, section)
    return "\n".join(lines).rstrip() + "\n"
