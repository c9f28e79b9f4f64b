"""The built-in user guide: one HTML page per part of the app, shown in the app's guide window (F1).

No Qt here: the pages are package data, read with :mod:`importlib.resources`, and the GUI decides which
page belongs to which panel. ``NOT_LEGAL_ADVICE`` is the one wording of the notice the app shows where it
matters (the first-run tour, the export dialog).
"""

from __future__ import annotations

import re
from importlib import resources

# Page name (file name without ".html") -> title, in the order of the contents page.
PAGES: dict[str, str] = {
    "index": "Contents",
    "start": "Starting a document",
    "wizard": "Answering the questions",
    "outline": "The outline",
    "preview": "The preview",
    "editor": "The clause editor",
    "findings": "Findings",
    "next-steps": "Next steps",
    "library": "The clause library",
    "review": "Legal review",
    "export": "Exporting",
    "library-editor": "Team clause libraries",
    "shortcuts": "Keyboard shortcuts",
    "legal": "This is not legal advice",
}
SHORTCUTS_MARK = "<!-- shortcuts -->"  # where the shortcuts page gets the table of the app's shortcuts
NOT_LEGAL_ADVICE = "This app is not legal advice. Have a lawyer review the document before you use it."

_HREF = re.compile(r'href="([^"#:]*)(?:#[^"]*)?"')


def page_html(name: str) -> str:
    """The HTML of page ``name`` (KeyError for a page the guide does not have)."""
    if name not in PAGES:
        raise KeyError(name)
    return resources.files(__package__).joinpath(f"{name}.html").read_text(encoding="utf-8")


def page_of(url: str) -> str | None:
    """The page a link inside the guide goes to ("findings.html#x" -> "findings"); None for other links."""
    path = url.split("#", 1)[0].rsplit("/", 1)[-1]
    name = path[: -len(".html")] if path.endswith(".html") else ""
    return name if name in PAGES else None


def links(name: str) -> list[str]:
    """The pages that page ``name`` links to, as written in its links (for the guide's own test)."""
    return [m.group(1) for m in _HREF.finditer(page_html(name)) if m.group(1)]
