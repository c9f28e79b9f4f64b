"""Word import: read headings, paragraphs, lists, emphasis and tables, then split as Markdown.

The archive is inspected before python-docx sees it: oversized files, too many entries,
zip bombs and XML with a DOCTYPE (external entities) are refused with a clear message.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from socialpolicy.errors import InputError

MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200
MAX_ENTRY_BYTES = 32 * 1024 * 1024
MAX_BLOCKS = 30_000  # paragraphs and tables in the body; a 300-page policy has a few thousand  # one part (document.xml, an image); larger parts are refused
_HEADING = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


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


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _runs(paragraph: Any) -> str:
    out = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        core = _escape(text.strip())
        if not core:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        if run.bold and run.italic:
            core = f"***{core}***"
        elif run.bold:
            core = f"**{core}**"
        elif run.italic:
            core = f"*{core}*"
        out.append(f"{lead}{core}{trail}")
    return "".join(out).strip()


def _list_kind(paragraph: Any, style_name: str) -> str | None:
    style = style_name.lower()
    if "list number" in style:
        return "1."
    if "list bullet" in style or "list paragraph" in style:
        return "-"
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return "-"
    return None


def _table(table: Any) -> list[str]:
    rows = [[_escape(" ".join(cell.text.split())) for cell in row.cells] for row in table.rows]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return lines


def docx_to_markdown(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise InputError(path, f"cannot read the Word document ({type(exc).__name__}: {exc})") from None
    # Style names looked up once: python-docx resolves ``paragraph.style`` with an XPath search of the
    # styles part each time, which made a long document take most of a second per thousand paragraphs.
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.style_id: style.name or "" for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = default.name or "" if default is not None else ""
    lines: list[str] = []
    body = document.element.body
    for count, child in enumerate(body.iterchildren(), start=1):
        if count > MAX_BLOCKS:
            raise InputError(path, f"more than {MAX_BLOCKS:,} paragraphs and tables; split the document")
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            lines += ["", *_table(Table(child, document)), ""]
            continue
        if tag != "p":
            continue
        para = Paragraph(child, document)
        text = _runs(para)
        if not text:
            continue
        style_id = child.style
        style = names.get(style_id, default_name) if style_id else default_name
        m = _HEADING.match(style)
        if style.lower() == "title":
            lines += ["", f"# {text.strip('*')}", ""]
        elif m:
            level = min(int(m.group(1)) + 1, 6)
            lines += ["", f"{'#' * level} {text.strip('*')}", ""]
        elif (kind := _list_kind(para, style)) is not None:
            lines.append(f"{kind} {text}")
        else:
            if lines and lines[-1].startswith(("- ", "1. ")):
                lines.append("")
            lines += [text, ""]
    return "\n".join(lines)
