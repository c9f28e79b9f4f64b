"""About the program, and the crash dialog that says where the log is."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from socialpolicy import __version__ as VERSION


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Social Policy Studio",
        f"<h3>Social Policy Studio {html.escape(VERSION)}</h3>"
        "<p>Build employee social media policies, internal collaboration guidelines and social media "
        "governance charters from a library of modular clauses; check them; send them to Word for legal "
        "review and to Markdown or HTML for the intranet.</p>"
        "<p>Clauses are guidance, not legal advice: have a lawyer review the final document.</p>",
    )


def crash(parent: QWidget | None, error: BaseException, log: Path | None) -> None:
    """Tell the author that something went wrong in the program (not in their file), and where the details are."""
    where = (
        f"The details were written to <a href='{log.as_uri()}'>{html.escape(str(log))}</a>; "
        "please send that file with a note of what you were doing."
        if log is not None
        else "The details could not be written to a log file."
    )
    QMessageBox.critical(
        parent,
        "Something went wrong",
        f"<p>Social Policy Studio ran into a problem it did not expect: {html.escape(type(error).__name__)}: "
        f"{html.escape(str(error)[:300])}</p><p>{where}</p>"
        "<p>Your document is kept in its recovery file; save it under a new name to be safe.</p>",
    )
