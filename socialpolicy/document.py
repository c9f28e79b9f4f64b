"""The rendered Document: numbered, filled in, traceable. Every exporter, the preview and the
checker read this one structure; none of them re-derives it from the project.

A Document cannot be changed once rendered: its dataclasses are frozen, its mappings are read-only
views of copies (so nothing is shared with the project it came from), and each block's tree is a
:class:`~socialpolicy.markup.FrozenElement`. The checker reads it in a worker while the author types.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from socialpolicy import digest
from socialpolicy.model import AcceptedRisk, Source, Topic

DEFINITIONS_INTRO = (
    "In this document, the words below have the meanings given."  # lead-in of the definitions list
)


def text_hash(text: str) -> str:
    return digest.sha256_hex(text)[:16]


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term as rendered, and the clause that defines it."""

    term: str
    text: str  # rendered text that follows "TERM means"
    clause_id: str


@dataclass(frozen=True, slots=True)
class Block:
    """One clause as it appears in the document."""

    clause_id: str
    library: str
    version: int
    number: str  # "3.2"
    anchor: str  # "cl-smp-personal-use-open"
    title: str
    topic: str
    markdown: str  # body after variables, cross-references and spelling
    html: str
    tree: ET.Element
    text: str  # plain text, for the checker
    origin: str  # "library", "edited" or "custom"
    library_markdown: str = ""  # the library body rendered the same way, when edited
    slot: str = ""
    stances: Mapping[str, str] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    defines: tuple[Definition, ...] = ()
    rationale: str = ""
    sources: tuple[Source, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # answers that were missing when the text was filled in
    broken_refs: tuple[str, ...] = ()  # section ids referred to that are not in the document
    text_hash: str = ""
    pinned: bool = False  # the author chose to stay on this version of the library clause
    provenance: str = ""  # where an edit came from ("Changed in legal review by NAME on DATE")

    def __post_init__(self) -> None:
        object.__setattr__(self, "stances", MappingProxyType(dict(self.stances)))

    @property
    def edited(self) -> bool:
        return self.origin == "edited"


@dataclass(frozen=True, slots=True)
class Section:
    """One numbered section of the document."""

    id: str
    number: str  # "3"
    title: str
    anchor: str  # "sec-reporting"
    blocks: tuple[Block, ...] = ()
    intro: str = ""  # rendered Markdown shown before the first clause
    definitions: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """The rendered, numbered document that every exporter, the preview and the checker read."""

    title: str
    template_id: str
    template_version: str
    metadata: Mapping[str, str]
    answers: Mapping[str, Any]
    sections: tuple[Section, ...]
    definitions: tuple[Definition, ...] = ()
    coverage: tuple[Topic, ...] = ()  # topics this document must cover, already filtered by answers
    accepted_risks: tuple[AcceptedRisk, ...] = ()
    approvals: tuple[Mapping[str, str], ...] = ()
    revisions: tuple[Mapping[str, Any], ...] = ()
    spelling: str = "us"
    source_kind: str = "project"  # "project", or "markdown"/"docx" for a document checked as found
    # For a document checked as found: the numbers its headings carried, (level, number, heading), in order.
    numbering: tuple[tuple[int, str, str], ...] = ()

    def __post_init__(self) -> None:
        for name in ("metadata", "answers"):
            object.__setattr__(self, name, _read_only(getattr(self, name)))
        for name in ("approvals", "revisions"):
            object.__setattr__(self, name, tuple(_read_only(m) for m in getattr(self, name)))

    @property
    def jurisdictions(self) -> tuple[str, ...]:
        value = self.answers.get("jurisdictions") or ()
        return tuple(value) if isinstance(value, list | tuple) else (str(value),)

    @property
    def sector(self) -> str:
        return str(self.answers.get("sector") or "general")

    @property
    def listed(self) -> bool:
        return bool(self.answers.get("listed"))

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        for section in self.sections:
            for block in section.blocks:
                yield section, block

    def block(self, clause_id: str) -> Block | None:
        return next((b for _, b in self.blocks() if b.clause_id == clause_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def topics(self) -> set[str]:
        return {b.topic for _, b in self.blocks()}


def _read_only(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(mapping, MappingProxyType):
        return mapping  # already a view of this document's own copy
    return MappingProxyType(copy.deepcopy(dict(mapping)))
