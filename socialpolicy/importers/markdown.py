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

from socialpolicy import formats, jsonio, markup, sandbox
from socialpolicy.document import DEFINITIONS_INTRO
from socialpolicy.errors import InputError
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection, Term

IMPORTED_TOPIC = "imported"
# The heading text is trimmed in code: a regex such as (.*?)[ \t]*#*[ \t]*$ backtracks in cubic time on
# a long run of spaces (a 2,000-space heading took 25 seconds).
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_CLOSING = re.compile(r"(?:^|[ \t])#+$")
_FENCE = re.compile(r"^(```|~~~)")
# An empty anchor opening a heading: <a id="x"></a> or <a name="x"></a> (no nesting, so no backtracking).
_ANCHOR = re.compile(r'^<a[ \t]+(?:id|name)="[^"<>]*"[ \t]*>[ \t]*</a>[ \t]*')
_NUMBER = re.compile(r"^(?:section\s+)?\d+(?:\.\d+)*\.?[):]?\s+", re.IGNORECASE)
_DEFINITION = re.compile(r'^\*\*["“]?(?P<term>[^"”*]+?)["”]?\*\*\s+means\s+(?P<text>.+)$', re.DOTALL)
_DEF_TITLES = {"definitions", "defined terms", "glossary", "interpretation"}
_SLUG = re.compile(r"[^a-z0-9]+")
MAX_CLAUSES = 5000
# Field limits of the project schema, so that an import always writes a project that loads.
MAX_TITLE, MAX_DOC_TITLE, MAX_TERM, MAX_INTRO, MAX_BODY = 200, 400, 120, 4000, 100_000
_META_LIMITS = {
    "organisation": 400,
    "version": 40,
    "status": 60,
    "effective_date": 40,
    "review_date": 40,
    "owner": 400,
}


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


def _strip_attributes(text: str) -> str:
    """Drop a trailing attribute block such as ``{#purpose}`` (what ``\\s*\\{#[^}]*\\}\\s*$`` would remove,
    without its quadratic backtracking on long runs of spaces)."""
    text = text.rstrip()
    if not text.endswith("}"):
        return text
    start = text.find("{#", text.rfind("}", 0, len(text) - 1) + 1)
    return text[:start].rstrip() if start != -1 else text


def clean_heading(text: str) -> str:
    text = _strip_attributes(text).strip()
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


def _heading_text(text: str) -> str:
    """ATX heading text without surrounding blanks, a closing run of #s (``## Title ##``) or an inline
    anchor in front (``## <a id="sec-purpose"></a>1. Purpose``, our CommonMark export)."""
    text = _ANCHOR.sub("", text.strip(" \t"), count=1)
    closing = _CLOSING.search(text)
    return text[: closing.start()].rstrip(" \t") if closing else text


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
            found.append((i, len(m.group(1)), _heading_text(m.group(2))))
        elif i > 0 and lines[i - 1].strip() and re.fullmatch(r"=+\s*", line):
            found.append((i - 1, 1, lines[i - 1].strip()))
        elif (
            i > 0
            and lines[i - 1].strip()
            and re.fullmatch(r"-{3,}\s*", line)
            and not lines[i - 1].lstrip().startswith(("-", "*"))
        ):
            found.append((i - 1, 2, lines[i - 1].strip()))
    return found


def split(text: str) -> tuple[str, dict[str, str], list[_Sec]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, lines = _front_matter(lines)
    heads = _headings(lines)
    setext_lines = {
        i + 1 for i, _, _ in heads if i + 1 < len(lines) and re.fullmatch(r"(=+|-{3,})\s*", lines[i + 1])
    }
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
            terms.append(
                Term(
                    _shorten(m.group("term").strip(), MAX_TERM),
                    sandbox.literal(" ".join(m.group("text").split())),
                )
            )
        elif para.strip() and para.strip() != DEFINITIONS_INTRO:
            rest.append(para.strip())
    return terms, rest


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit_literal(text: str, limit: int) -> str:
    """``text`` made literal (see :func:`sandbox.literal`), shortened with an ellipsis to fit ``limit``."""
    out, cut = sandbox.literal(text), len(text)
    while len(out) > limit:
        cut = min(cut - 1, limit - 1)
        out = sandbox.literal(text[:cut].rstrip() + "…")
    return out


def _unique(base: str, used: set[str], next_suffix: dict[str, int]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... whichever is free first; records it in ``used``."""
    ident = base
    n = next_suffix.get(base, 2)
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    next_suffix[base] = n
    used.add(ident)
    return ident


def project_from_markdown(text: str, source: str | Path) -> Project:
    title, meta, sections = split(text)
    if not any(s.intro or s.parts for s in sections) and not text.strip():
        raise InputError(source, "the file is empty")
    rationale = f"Imported from {Path(source).name}; review before relying on it."
    customs: list[Clause] = []
    psections: list[ProjectSection] = []
    used_ids: set[str] = set()
    next_suffix: dict[str, int] = {}  # per base id, the next number to try: ids stay linear in count
    token_total = [0]  # template tokens of the literal text so far: a project the sandbox can fill in

    def new_clause(
        sec_slug: str, title: str, body: str, defines: tuple[Term, ...] = (), topic: str = IMPORTED_TOPIC
    ) -> ClauseRef:
        cid = _unique(f"imp.{sec_slug}.{slug(title, 'clause')}", used_ids, next_suffix)
        depth = markup.nesting(body)
        if depth > markup.MAX_NESTING:
            raise InputError(
                source,
                f"the text under {title[:80]!r} nests quotes or lists {depth} levels deep (the limit is "
                f"{markup.MAX_NESTING}); flatten it",
            )
        tokens = sandbox.literal_tokens(body) + sandbox.literal_tokens(title)
        tokens += sum(sandbox.literal_tokens(t.definition) for t in defines)
        if tokens > sandbox.MAX_TOKENS:
            raise InputError(
                source,
                f"the text under {title[:80]!r} holds too many '{{{{', '{{%' and '{{#' to fill in (at most "
                f"{sandbox.MAX_TOKENS // 4 - 1:,}); add headings to split it",
            )
        token_total[0] += tokens
        if token_total[0] > sandbox.MAX_DOCUMENT_TOKENS:
            raise InputError(
                source, "the document holds too many '{{', '{%' and '{#' to fill in; split the document"
            )
        # Imported text is data, not a template: any Jinja delimiters in it must show as written.
        body = sandbox.literal(body)
        if len(body) > MAX_BODY:
            raise InputError(
                source,
                f"the text under {title[:80]!r} is longer than {MAX_BODY:,} characters; "
                "add headings to split it",
            )
        customs.append(
            Clause(
                id=cid,
                version=1,
                title=_fit_literal(title, MAX_TITLE),
                topic=topic,
                body=body,
                rationale=rationale,
                defines=defines,
                library=PROJECT_LIBRARY,
            )
        )
        if len(customs) > MAX_CLAUSES:
            raise InputError(source, f"more than {MAX_CLAUSES} clauses; split the document")
        return ClauseRef(cid, PROJECT_LIBRARY, 1)

    sec_ids: set[str] = set()
    sec_suffix: dict[str, int] = {}
    for k, sec in enumerate(sections, start=1):
        sid = _unique(slug(sec.title, f"section-{k}"), sec_ids, sec_suffix)
        refs: list[ClauseRef] = []
        intro = "\n".join(sec.intro).strip()
        terms, rest = _definitions(sec.intro)
        is_defs = sec.title.strip().lower() in _DEF_TITLES or (bool(terms) and len(terms) >= len(rest))
        if is_defs and terms:
            refs.append(
                new_clause(sid, "Defined terms", DEFINITIONS_INTRO, tuple(terms), topic="definitions")
            )
            intro = "\n\n".join(rest)
            sec_intro = sandbox.literal(intro)
            if len(sec_intro) <= MAX_INTRO:
                intro = ""  # short text beside the definitions introduces them; longer text stays a clause
            else:
                sec_intro = ""
        else:
            sec_intro = ""
        if intro:
            refs.append(new_clause(sid, sec.title, intro))
        for part in sec.parts:
            body = "\n".join(part.lines).strip() or "(This clause had no text.)"
            refs.append(new_clause(sid, part.title, body))
        if refs:
            psections.append(
                ProjectSection(
                    sid, _shorten(sec.title, MAX_TITLE), tuple(refs), intro=sec_intro, definitions=is_defs
                )
            )
    if not psections:
        raise InputError(source, "found no text to import")
    stamp = dt.date.today().isoformat()
    metadata = {k: _shorten(v, _META_LIMITS[k]) for k, v in meta.items() if k in _META_LIMITS}
    metadata.update(
        {
            "title": _shorten(title or Path(source).stem, MAX_DOC_TITLE),
            "created": stamp,
            "modified": stamp,
            "source_file": _shorten(Path(source).name, 2000),
        }
    )
    template_id = _shorten(meta.get("template", "imported"), 120)
    project = Project(
        template_id=template_id,
        template_version=_shorten(meta.get("template_version", "0"), 40),
        metadata=metadata,
        answers={},
        sections=tuple(psections),
        custom_clauses=tuple(customs),
        revisions=(
            {
                "version": metadata.get("version", "0.1"),
                "date": stamp,
                "note": f"Imported from {Path(source).name}.",
            },
        ),
    )
    # Whatever slipped past the limits above is refused here, rather than written as a project that will not load.
    formats.validate(project.to_dict(), formats.PROJECT.schema, source)
    return project


def read_markdown(path: str | Path) -> str:
    return jsonio.read_text(path, max_bytes=8 * 1024 * 1024)


def heading_numbers(text: str) -> tuple[tuple[int, str, str], ...]:
    """The numbers that the headings of ``text`` carry, in order: ``(level, number, heading)`` with the
    heading as the importer names the section or clause ("3.2", "Personal use" for "### 3.2 Personal use").
    The importer leaves the numbers out, since the exporters number afresh; the checker reads them here."""
    found = []
    for _, level, raw in _headings(text.split("\n")):
        m = _NUMBER.match(_strip_attributes(raw).strip().strip("*_ "))
        if m:
            found.append((level, m.group(0).strip(), clean_heading(raw)))
    return tuple(found)
