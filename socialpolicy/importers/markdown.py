"""Markdown import: split a policy at its headings into sections and custom clauses.

The top heading level (when used once, first) is the title; the next level makes sections;
the level below makes clauses. Text is kept as written, so lists, emphasis and tables survive.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from socialpolicy import jsonio, sandbox
from socialpolicy.errors import InputError
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection, Term

IMPORTED_TOPIC = "imported"
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^(```|~~~)")
_ATTR = re.compile(r"\s*\{#[^}]*\}\s*$")
_NUMBER = re.compile(r"^(?:section\s+)?\d+(?:\.\d+)*\.?[):]?\s+", re.IGNORECASE)
_DEFINITION = re.compile(r'^\*\*["“]?(?P<term>[^"”*]+?)["”]?\*\*\s+means\s+(?P<text>.+)$', re.DOTALL)
_DEF_TITLES = {"definitions", "defined terms", "glossary", "interpretation"}
_DEF_INTRO = "In this document, the words below have the meanings given."
_SLUG = re.compile(r"[^a-z0-9]+")
MAX_CLAUSES = 5000


@dataclass
class _Part:
    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class _Sec:
    title: str
    intro: list[str] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)


def slug(text: str, fallback: str) -> str:
    s = _SLUG.sub("-", text.lower()).strip("-")[:40].strip("-")
    return s or fallback


def clean_heading(text: str) -> str:
    text = _ATTR.sub("", text).strip()
    text = _NUMBER.sub("", text).strip()
    return text.strip("*_ ").strip() or "Untitled"


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in ("---", "..."):
            meta: dict[str, str] = {}
            for raw in lines[1:i]:
                key, sep, value = raw.partition(":")
                if not sep or not key.strip():
                    continue
                value = value.strip()
                if value.startswith('"'):
                    try:
                        value = str(json.loads(value))
                    except ValueError:
                        value = value.strip('"')
                meta[key.strip()] = value.strip("'")
            return meta, lines[i + 1 :]
    return {}, lines


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) for every heading outside code fences; setext headings become ATX."""
    found = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if fenced:
            continue
        m = _ATX.match(line)
        if m:
            found.append((i, len(m.group(1)), m.group(2)))
        elif i > 0 and lines[i - 1].strip() and re.fullmatch(r"=+\s*", line):
            found.append((i - 1, 1, lines[i - 1].strip()))
        elif i > 0 and lines[i - 1].strip() and re.fullmatch(r"-{3,}\s*", line) and not lines[i - 1].lstrip().startswith(("-", "*")):
            found.append((i - 1, 2, lines[i - 1].strip()))
    return found


def split(text: str) -> tuple[str, dict[str, str], list[_Sec]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, lines = _front_matter(lines)
    heads = _headings(lines)
    setext_lines = {i + 1 for i, _, _ in heads if i + 1 < len(lines) and re.fullmatch(r"(=+|-{3,})\s*", lines[i + 1])}
    title = meta.get("title", "")
    levels = sorted({lvl for _, lvl, _ in heads})
    top = levels[0] if levels else 1
    title_line = -1
    if heads and sum(1 for _, lvl, _ in heads if lvl == top) == 1 and heads[0][1] == top:
        title_line = heads[0][0]
        title = clean_heading(heads[0][2])
        levels = levels[1:]
    sec_level = levels[0] if levels else 2
    clause_level = levels[1] if len(levels) > 1 else 99
    by_line = {i: (lvl, t) for i, lvl, t in heads}
    sections: list[_Sec] = []
    current: _Sec | None = None
    part: _Part | None = None
    for i, line in enumerate(lines):
        if i == title_line or i in setext_lines:
            continue
        head = by_line.get(i)
        if head and head[0] == sec_level:
            current = _Sec(clean_heading(head[1]))
            sections.append(current)
            part = None
            continue
        if head and head[0] == clause_level:
            if current is None:
                current = _Sec(title or "Introduction")
                sections.append(current)
            part = _Part(clean_heading(head[1]))
            current.parts.append(part)
            continue
        if head and head[0] < sec_level:  # a second top-level heading: treat it as a section
            current = _Sec(clean_heading(head[1]))
            sections.append(current)
            part = None
            continue
        if current is None:
            if not line.strip():
                continue
            current = _Sec("Introduction")
            sections.append(current)
        if part is None:
            current.intro.append(line)
        else:
            part.lines.append(line)
    return title, meta, sections


def _definitions(lines: list[str]) -> tuple[list[Term], list[str]]:
    terms: list[Term] = []
    rest: list[str] = []
    for para in "\n".join(lines).split("\n\n"):
        m = _DEFINITION.match(para.strip())
        if m:
            terms.append(Term(m.group("term").strip(), sandbox.literal(" ".join(m.group("text").split()))))
        elif para.strip() and para.strip() != _DEF_INTRO:
            rest.append(para.strip())
    return terms, rest


def project_from_markdown(text: str, source: str | Path) -> Project:
    title, meta, sections = split(text)
    if not any(s.intro or s.parts for s in sections) and not text.strip():
        raise InputError(source, "the file is empty")
    rationale = f"Imported from {Path(source).name}; review before relying on it."
    customs: list[Clause] = []
    psections: list[ProjectSection] = []
    used_ids: set[str] = set()

    def new_clause(sec_slug: str, title: str, body: str, defines: tuple[Term, ...] = (),
                   topic: str = IMPORTED_TOPIC) -> ClauseRef:
        base = f"imp.{sec_slug}.{slug(title, 'clause')}"
        cid, n = base, 2
        while cid in used_ids:
            cid, n = f"{base}-{n}", n + 1
        used_ids.add(cid)
        # Imported text is data, not a template: any Jinja delimiters in it must show as written.
        customs.append(Clause(id=cid, version=1, title=sandbox.literal(title), topic=topic,
                              body=sandbox.literal(body), rationale=rationale,
                              defines=defines, library=PROJECT_LIBRARY))
        if len(customs) > MAX_CLAUSES:
            raise InputError(source, f"more than {MAX_CLAUSES} clauses; split the document")
        return ClauseRef(cid, PROJECT_LIBRARY, 1)

    sec_ids: set[str] = set()
    for k, sec in enumerate(sections, start=1):
        sec_slug = slug(sec.title, f"section-{k}")
        sid, n = sec_slug, 2
        while sid in sec_ids:
            sid, n = f"{sec_slug}-{n}", n + 1
        sec_ids.add(sid)
        refs: list[ClauseRef] = []
        intro = "\n".join(sec.intro).strip()
        terms, rest = _definitions(sec.intro)
        is_defs = sec.title.strip().lower() in _DEF_TITLES or (bool(terms) and len(terms) >= len(rest))
        if is_defs and terms:
            refs.append(new_clause(sid, "Defined terms", _DEF_INTRO, tuple(terms), topic="definitions"))
            intro = "\n\n".join(rest)
            sec_intro = sandbox.literal(intro)
            intro = ""
        else:
            sec_intro = ""
        if intro:
            refs.append(new_clause(sid, sec.title, intro))
        for part in sec.parts:
            body = "\n".join(part.lines).strip() or "(This clause had no text.)"
            refs.append(new_clause(sid, part.title, body))
        if refs:
            psections.append(ProjectSection(sid, sec.title, tuple(refs), intro=sec_intro, definitions=is_defs))
    if not psections:
        raise InputError(source, "found no text to import")
    stamp = dt.date.today().isoformat()
    metadata = {k: v for k, v in meta.items() if k in ("organisation", "version", "status", "effective_date", "review_date", "owner")}
    metadata.update({"title": title or Path(source).stem, "created": stamp, "modified": stamp, "source_file": Path(source).name})
    template_id = meta.get("template", "imported")
    return Project(
        template_id=template_id,
        template_version=meta.get("template_version", "0"),
        metadata=metadata,
        answers={},
        sections=tuple(psections),
        custom_clauses=tuple(customs),
        revisions=({"version": metadata.get("version", "0.1"), "date": stamp, "note": f"Imported from {Path(source).name}."},),
    )


def import_markdown(path: str | Path) -> Project:
    return project_from_markdown(jsonio.read_text(path, max_bytes=8 * 1024 * 1024), path)
