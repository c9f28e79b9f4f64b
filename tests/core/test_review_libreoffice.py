"""The review round trip through LibreOffice, as a lawyer using it makes it: changes tracked, a comment,
saved as .docx. What LibreOffice keeps of our anchors, fields and comments is measured here too
(``python -m tools.roundtrip`` prints the same figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socialpolicy import office as office_mod
from socialpolicy import review, templates
from socialpolicy.importers import import_document
from socialpolicy.library import Catalog
from socialpolicy.render import render
from tests.core.test_review import (
    COMMENT,
    INSERTED,
    REPLACED,
    REPLACEMENT,
    body_lines,
    document_lines,
    export,
)
from tests.review_tools import AUTHOR, pandoc_plain
from tools.roundtrip import kept

pytestmark = pytest.mark.slow

EDITS = [
    {"kind": "replace", "find": REPLACED, "text": REPLACEMENT},
    {"kind": "insert-after", "find": "It also covers agency workers", "text": INSERTED},
    {"kind": "comment", "find": "Most of it is common sense.", "text": COMMENT, "author": AUTHOR},
    {"kind": "delete", "find": ", whether or not we take part"},
]


@pytest.fixture
def lo_reviewed(office: None, tmp_path: Path) -> tuple[Path, Path]:
    source = export(tmp_path)
    out = tmp_path / "reviewed-in-libreoffice.docx"
    office_mod.run_job("review", source, output=str(out), user=AUTHOR, edits=EDITS)
    return source, out


def test_libreoffice_review_is_read_clause_by_clause(lo_reviewed: tuple[Path, Path]) -> None:
    _, path = lo_reviewed
    found = review.read(path)
    lines = "\n".join(review.listing(found))
    assert f"deleted by {AUTHOR}" in lines and f"\u201c{REPLACED}\u201d" in lines
    assert f"inserted by {AUTHOR}" in lines and f"\u201c{REPLACEMENT}\u201d" in lines
    assert f"\u201c{INSERTED}\u201d" in lines and "(a paragraph break)" not in lines
    assert f"comment by {AUTHOR}" in lines and COMMENT in lines
    changed = {c.exported["id"]: c.status for c in found.clauses if c.exported and c.status != "unchanged"}
    assert changed == {"smp.scope.people": "changed", "smp.purpose.statement": "changed"}


def test_libreoffice_review_accepted_equals_pandoc_and_nothing_is_lost(
    lo_reviewed: tuple[Path, Path],
) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed; .ci/run installs it")
    _, path = lo_reviewed
    catalog = Catalog.default()
    for changes in ("accept", "reject"):
        imported = import_document(path, changes, catalog)
        doc = render(imported.project, catalog, templates.get(imported.project.template_id))
        ours = document_lines(doc)
        assert ours == body_lines(pandoc_plain(path, changes), ours[0]), changes
    imported = import_document(path, "accept", catalog)
    assert [(n.author, n.text) for n in imported.project.comments] == [(AUTHOR, COMMENT)]


def test_what_a_libreoffice_round_trip_keeps(lo_reviewed: tuple[Path, Path]) -> None:
    source, path = lo_reviewed
    figures = kept(source, path)
    assert figures["clause bookmarks"] == (figures["clause bookmarks"][0], figures["clause bookmarks"][0])
    assert figures["section bookmarks"][1] == figures["section bookmarks"][0]
    assert figures["REF fields"][1] == figures["REF fields"][0] > 0
    # LibreOffice writes the contents back as its own index, without PAGEREF fields: the TOC field stays,
    # and an update in Word or LibreOffice rebuilds the entries.
    assert figures["TOC fields"] == (1, 1) and figures["PAGEREF fields"][0] > 0
    assert figures["stored project"] == (1, 1)
    assert figures["clause properties"][1] == figures["clause properties"][0]
    assert figures["numbered heading styles"] == (2, 2)
