"""Where a finding is in the checked file, as line and column (1-based, counted in characters).

- Markdown: the excerpt found in the file itself, after the heading of its clause. Quotes are compared
  straight and curly alike, runs of blanks as one, and the marks of emphasis and code (``*``, ``_``,
  backquotes, backslashes) are skipped, so "**must not** post" is found for "must not post".
- Word (.docx): a "line" is a paragraph of the document's body, counted from 1 in the order Word shows
  them (a table counts as one); the column is the excerpt's place in that paragraph's text.
- Projects (.policy.json): the line of the clause's entry in the project file (``"clause": "id"``), or
  of the section's title for a finding on a section.

A finding on the document as a whole (a missing topic, say) is placed on line 1. When an excerpt cannot
be found, the finding goes on its clause's heading, then its section's, then line 1.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from socialpolicy.checks import Finding
from socialpolicy.workspace import Loaded

_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_SKIP = frozenset("*_`\\")


@dataclass(frozen=True)
class Region:
    start_line: int
    start_column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    snippet: str = ""

    def to_dict(self) -> dict[str, int]:
        out = {"line": self.start_line, "column": self.start_column}
        if self.end_line is not None and self.end_column is not None:
            out |= {"end_line": self.end_line, "end_column": self.end_column}
        return out


WHOLE_FILE = Region(1)


_RUNS = re.compile(r"\s+|[*_`\\]+|[^\s*_`\\]+")


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` as compared (see the module's docstring), and for each of its characters the offset it
    came from. Worked out run by run (blanks, marks, words), not character by character: a 3,000-clause
    Markdown file is folded in a fraction of a second."""
    text = text.translate(_FOLD)
    parts: list[str] = []
    where: list[int] = []
    blank = False
    for m in _RUNS.finditer(text):
        run, start = m.group(), m.start()
        if run[0] in _SKIP:
            continue  # (marks between two blanks leave one blank)
        if run[0].isspace():
            if not blank:
                parts.append(" ")
                where.append(start)
                blank = True
            continue
        blank = False
        low = run.lower()
        if len(low) == len(run):
            parts.append(low)
            where.extend(range(start, start + len(run)))
            continue
        for i, ch in enumerate(run, start):  # a character that lowers to two ("İ")
            for lowered in ch.lower():
                parts.append(lowered)
                where.append(i)
    return "".join(parts), where


def _needles(finding: Finding, markdown: str | None) -> list[str]:
    """What to look for, best first: the finding's Markdown, its excerpt, the excerpt's first eight words."""
    found = []
    if markdown is not None and finding.markdown_span is not None:
        a, b = finding.markdown_span
        found.append(markdown[a:b])
    if finding.excerpt:
        excerpt = finding.excerpt.rstrip("…").strip()
        found.append(excerpt)
        words = excerpt.split()
        if len(words) > 8:
            found.append(" ".join(words[:8]))
    return [n for n in found if n.strip()]


class _Text:
    """A text searched by folded excerpts, offsets mapped back to lines and columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._folded: tuple[str, list[int]] | None = None

    @property
    def folded(self) -> str:
        return self._fold()[0]

    @property
    def where(self) -> list[int]:
        return self._fold()[1]

    def _fold(self) -> tuple[str, list[int]]:
        if self._folded is None:  # (a project's findings are placed without searching its text)
            self._folded = fold(self.text)
        return self._folded

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset_of_line(self, line: int) -> int:
        return self.line_starts[min(max(line, 1), len(self.line_starts)) - 1]

    def find(self, needle: str, start: int = 0) -> Region | None:
        target = fold(needle)[0].strip()
        if not target:
            return None
        begin = bisect.bisect_left(self.where, start)
        k = self.folded.find(target, begin)
        if k < 0:
            k = self.folded.find(target)
        if k < 0:
            return None
        a, b = self.where[k], self.where[k + len(target) - 1]
        (l1, c1), (l2, c2) = self.position(a), self.position(b)
        return Region(l1, c1, l2, c2 + 1, self.text[a : b + 1])


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    """(line, heading as the importer names it) for each heading of a Markdown text."""
    from socialpolicy.importers.markdown import _front_matter, _headings, clean_heading

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    skipped = len(lines) - len(_front_matter(lines)[1])
    return [(i + skipped + 1, clean_heading(t)) for i, _, t in _headings(lines[skipped:])]


def _heading_lines(loaded: Loaded, headings: list[tuple[int, str]]) -> tuple[dict[str, int], dict[str, int]]:
    """The line of each clause's heading and each section's, matched in document order."""
    clauses: dict[str, int] = {}
    sections: dict[str, int] = {}
    k = 0
    for section in loaded.document.sections:
        label = f"{section.number}. {section.title}"
        for j in range(k, len(headings)):
            if headings[j][1] == section.title:
                sections[label], k = headings[j][0], j + 1
                break
        for block in section.blocks:
            for j in range(k, len(headings)):
                if headings[j][1] == block.title:
                    clauses[block.clause_id], k = headings[j][0], j + 1
                    break
            else:
                clauses[block.clause_id] = sections.get(label, 1)
    return clauses, sections


Locator = Callable[[Finding], Region]


def _markdown_locator(loaded: Loaded, text: str) -> Locator:
    source = _Text(text.replace("\r\n", "\n").replace("\r", "\n"))
    clause_lines, section_lines = _heading_lines(loaded, _markdown_headings(source.text))
    blocks = {b.clause_id: b for _, b in loaded.document.blocks()}

    def locate(f: Finding) -> Region:
        block = blocks.get(f.clause or "")
        line = clause_lines.get(f.clause or "") or section_lines.get(f.section or "")
        if block is not None:
            start = source.offset_of_line(line or 1)
            for needle in _needles(f, block.markdown):
                found = source.find(needle, start)
                if found is not None:
                    return found
        return Region(line) if line else WHOLE_FILE

    return locate


def _docx_locator(loaded: Loaded, path: Path) -> Locator:
    from socialpolicy.importers import wordml

    word = wordml.read(path)

    def block_text(p: wordml.Paragraph) -> str:
        if p.table is None:
            return p.text()
        return " ".join(c.text() for row in p.table.rows for cell in row.cells for c in cell)

    paragraphs = [(p.index + 1, block_text(p), p.heading) for p in word.blocks]
    texts = [(n, _Text(t)) for n, t, _ in paragraphs]
    headings = [(n, _clean(t)) for n, t, level in paragraphs if level]
    clause_lines, section_lines = _heading_lines(loaded, headings)

    def locate(f: Finding) -> Region:
        line = clause_lines.get(f.clause or "") or section_lines.get(f.section or "")
        for needle in _needles(f, None):
            for n, text in texts:
                if line and n < line:
                    continue
                found = text.find(needle)
                if found is not None:
                    return Region(n, found.start_column, n, found.end_column, found.snippet)
        return Region(line) if line else WHOLE_FILE

    return locate


def _clean(heading: str) -> str:
    from socialpolicy.importers.markdown import clean_heading

    return clean_heading(heading)


_JSON_KEY = re.compile(r'"(clause|id)"\s*:\s*("(?:[^"\\\n]|\\.)*")')


def _project_locator(loaded: Loaded, text: str) -> Locator:
    source = _Text(text)
    sections = {f"{s.number}. {s.title}": s.id for s in loaded.document.sections}
    first: dict[tuple[str, str], Region] = {}  # ("clause" or "id", value) -> where it first appears
    for m in _JSON_KEY.finditer(text):
        try:
            value = json.loads(m.group(2))
        except ValueError:
            continue
        key = (m.group(1), value)
        if key not in first:
            (l1, c1), (l2, c2) = source.position(m.start()), source.position(m.end() - 1)
            first[key] = Region(l1, c1, l2, c2 + 1, m.group())

    def locate(f: Finding) -> Region:
        if f.clause:
            found = first.get(("clause", f.clause)) or first.get(("id", f.clause))
            if found is not None:
                return found
        if f.section and f.section in sections:
            found = first.get(("id", sections[f.section]))
            if found is not None:
                return found
        return WHOLE_FILE

    return locate


def locator(loaded: Loaded, path: Path) -> Locator:
    """A function placing each finding of ``loaded``'s report in the file at ``path``."""
    from socialpolicy import jsonio

    kind = loaded.document.source_kind
    if kind == "docx":
        return _docx_locator(loaded, path)
    text = jsonio.read_text(path)
    if kind == "markdown":
        return _markdown_locator(loaded, text)
    return _project_locator(loaded, text)
