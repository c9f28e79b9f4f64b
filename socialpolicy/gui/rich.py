"""Rich text the panels and dialogs show: word diffs, a clause's history, why a clause is there."""

from __future__ import annotations

import html
from collections.abc import Sequence

from socialpolicy.document import Block
from socialpolicy.library_tools import DiffPart, word_diff
from socialpolicy.model import JURISDICTIONS, SECTORS, Clause

MUTED = "#5a6b7d"
ERROR = "#b71c1c"
OK = "#2e7d32"


def diff_html(parts: Sequence[DiffPart]) -> str:
    """A word diff as HTML: removed words in ``<del>``, added words in ``<ins>``."""
    out = []
    for part in parts:
        text = html.escape(part.text).replace("\n", "<br>")
        if part.op == "delete":
            out.append(f'<del style="background-color:#fde2e1;color:#a4161a">{text}</del>')
        elif part.op == "insert":
            out.append(f'<ins style="background-color:#d7f5dd;color:#0a5d1b">{text}</ins>')
        else:
            out.append(text)
    return "".join(out)


def text_diff_html(old: str, new: str) -> str:
    return diff_html(word_diff(old, new))


def coloured(text: str, colour: str) -> str:
    return f"<span style='color:{colour}'>{html.escape(text)}</span>"


def history_html(clause: Clause) -> str:
    """The clause's versions, newest first: version, date, change note and what changed in the text."""
    if not clause.history:
        return ""
    rows = []
    newer_body, newer_version, newer_note = clause.body, clause.version, clause.change_note
    for entry in clause.history:
        note = html.escape(newer_note) if newer_note else "<i>no change note</i>"
        when = f" ({html.escape(entry.date)})" if entry.date else ""
        rows.append(
            f"<p><b>Version {newer_version}</b>{when}: {note}<br>{text_diff_html(entry.body, newer_body)}</p>"
        )
        newer_body, newer_version, newer_note = entry.body, entry.version, entry.change_note or ""
    rows.append(f"<p><b>Version {newer_version}</b>: first version</p>")
    return "".join(rows)


def rationale_html(block: Block) -> str:
    """Why a clause is in the document: rationale, sources, stance, what it needs."""
    parts = [
        f"<h3>{html.escape(block.title)}</h3>",
        f"<p style='color:{MUTED}'>{html.escape(block.library)}:{html.escape(block.clause_id)} "
        f"v{block.version} · topic {html.escape(block.topic)} · {html.escape(block.origin)}</p>",
        f"<p><b>Why this clause:</b> {html.escape(block.rationale or 'No rationale recorded.')}</p>",
    ]
    if block.sources:
        items = "".join(
            f"<li>{html.escape(s.citation)}{' (law in flux)' if s.in_flux else ''}"
            f"{' &mdash; ' + html.escape(s.note) if s.note else ''}</li>"
            for s in block.sources
        )
        parts.append(f"<p><b>Sources</b></p><ul>{items}</ul>")
    if block.stances:
        items = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in block.stances.items())
        parts.append(f"<p><b>Stance</b></p><ul>{items}</ul>")
    if block.requires:
        parts.append(f"<p><b>Needs:</b> {html.escape(', '.join(block.requires))}</p>")
    return "".join(parts)


def clause_html(clause: Clause) -> str:
    """A library clause, as the library panel shows it."""
    meta = [f"{clause.library}:{clause.id} v{clause.version}", f"topic {clause.topic}"]
    if clause.jurisdictions:
        meta.append("for " + ", ".join(JURISDICTIONS.get(j, j) for j in clause.jurisdictions))
    if clause.sectors:
        meta.append("sectors: " + ", ".join(SECTORS.get(s, s) for s in clause.sectors))
    parts = [
        f"<h3>{html.escape(clause.title)}</h3>",
        f"<p style='color:{MUTED}'>{html.escape(' · '.join(meta))}</p>",
        f"<p><b>Why:</b> {html.escape(clause.rationale)}</p>",
    ]
    if clause.sources:
        parts.append(
            "<p><b>Sources:</b> " + "; ".join(html.escape(s.citation) for s in clause.sources) + "</p>"
        )
    parts.append(f"<pre style='white-space:pre-wrap'>{html.escape(clause.body)}</pre>")
    return "".join(parts)
