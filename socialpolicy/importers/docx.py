"""Word import: read headings, paragraphs, lists, emphasis and tables, then split as Markdown.

The archive is inspected before python-docx sees it: oversized files, too many entries,
zip bombs and XML with a DOCTYPE (external entities) are refused with a clear message.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialpolicy.errors import InputError
from socialpolicy.importers import wordml

MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200
MAX_ENTRY_BYTES = 32 * 1024 * 1024


def _declares_entities(archive: zipfile.ZipFile, name: str) -> bool:
    """Whether an XML entry holds a DOCTYPE or ENTITY declaration anywhere (a long comment can push it
    past the first few kilobytes). Reads at most the entry's declared size, in chunks."""
    tail = b""
    read = 0
    with archive.open(name) as handle:
        while chunk := handle.read(1 << 16):
            read += len(chunk)
            if read > MAX_ENTRY_BYTES:
                raise InputError(archive.filename, f"entry {name!r} unpacks to more than its declared size")
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True
            tail = window[-16:]
    return False


def inspect_archive(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if not path.is_file():
        raise InputError(path, "is a folder, not a file" if path.is_dir() else "is not a regular file")
    if size > MAX_DOCX_BYTES:
        raise InputError(path, f"file is too large ({size:,} bytes; the limit is {MAX_DOCX_BYTES:,})")
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a Word document (.docx files are zip archives; this one is not)")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise InputError(
                    path, f"the archive has {len(entries):,} entries; the limit is {MAX_ENTRIES:,}"
                )
            total = sum(e.file_size for e in entries)
            if total > MAX_UNCOMPRESSED:
                raise InputError(
                    path, f"the archive unpacks to {total:,} bytes; the limit is {MAX_UNCOMPRESSED:,}"
                )
            for e in entries:
                if (
                    e.compress_size
                    and e.file_size / e.compress_size > MAX_RATIO
                    and e.file_size > 1024 * 1024
                ):
                    raise InputError(
                        path, f"entry {e.filename!r} is compressed suspiciously well (a zip bomb?)"
                    )
            names = {e.filename for e in entries}
            if "word/document.xml" not in names:
                raise InputError(path, "not a Word document: word/document.xml is missing")
            for e in entries:
                if e.file_size > MAX_ENTRY_BYTES:
                    raise InputError(
                        path,
                        f"entry {e.filename!r} is {e.file_size:,} bytes; the limit is {MAX_ENTRY_BYTES:,}",
                    )
            for name in sorted(names):
                if name.endswith((".xml", ".rels")) and _declares_entities(archive, name):
                    raise InputError(
                        path, f"entry {name!r} declares a DOCTYPE or entities; refusing to read it"
                    )
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"damaged zip archive ({exc})") from None
    except (OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(path, f"cannot read the archive ({exc})") from None


@dataclass
class Paragraphs:
    """Logical paragraphs of a file in one view of its changes: a paragraph whose mark is not there
    in that view (deleted and accepted, or inserted and rejected) joins the next one, as in Word."""

    blocks: list[wordml.Paragraph]  # the blocks making up one paragraph; the last one's style holds

    @property
    def last(self) -> wordml.Paragraph:
        return self.blocks[-1]

    def pieces(self, mode: str, accepted: frozenset[int] | None = None) -> list[wordml.Piece]:
        return [p for b in self.blocks for p in b.pieces]

    def text(self, mode: str, accepted: frozenset[int] | None = None) -> str:
        return "".join(b.text(mode, accepted) for b in self.blocks)


def logical(
    blocks: list[wordml.Paragraph], mode: str, accepted: frozenset[int] | None = None
) -> list[Paragraphs]:
    out: list[Paragraphs] = []
    pending: list[wordml.Paragraph] = []
    for block in blocks:
        if block.table is not None:
            if pending:
                out.append(Paragraphs(pending))
                pending = []
            out.append(Paragraphs([block]))
            continue
        pending.append(block)
        if mode == wordml.KEEP_MARKED or block.exists(mode, accepted):
            out.append(Paragraphs(pending))
            pending = []
    if pending:
        out.append(Paragraphs(pending))
    return out


def table_markdown(block: wordml.Paragraph, mode: str, accepted: frozenset[int] | None = None) -> list[str]:
    assert block.table is not None
    rows = []
    for row in block.table.rows:
        if mode != wordml.KEEP_MARKED and not wordml.visible(row.change, mode, accepted):
            continue
        cells = []
        for cell in row.cells:
            text = " ".join(
                wordml.markdown(p.pieces, mode, accepted) for p in cell if p.text(mode, accepted).strip()
            )
            cells.append(" ".join(text.replace("|", "\\|").split()))
        rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return lines


LIST_MARKS = {"bullet": "-", "number": "1."}


def blocks_markdown(
    blocks: list[wordml.Paragraph],
    mode: str,
    accepted: frozenset[int] | None = None,
    link: Any = None,
    headings: bool = True,
) -> list[str]:
    """Markdown lines for ``blocks``: headings (``#`` by level, the Title as ``#``), lists, paragraphs and
    tables; ``headings=False`` leaves heading paragraphs out (the caller places them)."""
    lines: list[str] = []
    for para in logical(blocks, mode, accepted):
        last = para.last
        if last.table is not None:
            lines += ["", *table_markdown(last, mode, accepted), ""]
            continue
        text = wordml.markdown(para.pieces(mode, accepted), mode, accepted, link)
        if not text:
            continue
        if last.title or last.heading:
            if not headings:
                continue
            level = 1 if last.title else min(last.heading + 1, 6)
            lines += ["", f"{'#' * level} {text.strip('*')}", ""]
        elif last.list_kind:
            indent = "    " * last.list_level
            lines.append(f"{indent}{LIST_MARKS[last.list_kind]} {text}")
        else:
            if lines and lines[-1].lstrip().startswith(("- ", "1. ")):
                lines.append("")
            lines += [text, ""]
    return lines


@dataclass
class ImportReport:
    """What an import did with what it found, for the user."""

    mode: str = wordml.KEEP_ACCEPTED
    changes: list[wordml.Change] = field(default_factory=list)
    comments: list[wordml.Comment] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    recognised: bool = False  # the file is one of our own exports
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        if self.changes:
            insertions = sum(1 for c in self.changes if c.kind == "insertion")
            deletions = len(self.changes) - insertions
            authors = sorted({c.author for c in self.changes})
            verb = {"accept": "accepted", "reject": "rejected", "keep": "kept as marks"}[self.mode]
            out.append(
                f"tracked changes {verb}: {_count(insertions, 'insertion')} and {_count(deletions, 'deletion')}"
                f" by {', '.join(authors)}"
            )
        if self.comments:
            authors = sorted({c.author for c in self.comments})
            out.append(f"kept {_count(len(self.comments), 'comment')} by {', '.join(authors)}")
        if self.unmapped:
            out.append(
                "could not be imported as text: "
                + ", ".join(f"{n} {what}" for what, n in sorted(self.unmapped.items()))
            )
        out += self.notes
        return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def docx_to_markdown(path: Path, mode: str = wordml.KEEP_ACCEPTED) -> tuple[str, wordml.WordFile]:
    """The Markdown of a Word file in the chosen view of its tracked changes, and the file as read."""
    word = wordml.read(path)
    return "\n".join(blocks_markdown(word.blocks, mode)), word
