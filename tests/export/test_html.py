"""HTML export (also the desktop preview): cover, contents, clause anchors, safe text."""

from __future__ import annotations

import json

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.export.html import cover_rows, to_html
from socialpolicy.library import Catalog
from socialpolicy.render import render
from tests.conftest import ANSWERS


def _doc(fixture: str):  # type: ignore[no-untyped-def]
    template = templates.get("social-media-policy")
    catalog = Catalog.default()
    answers = json.loads((ANSWERS / "social-media-policy" / f"{fixture}.json").read_text())
    return render(assemble(template, answers, catalog), catalog, template)


def test_cover_labels_and_dates_follow_the_document_variant() -> None:
    us, uk = _doc("us-hospital"), _doc("uk-charity")
    us_rows = {key: (label, value) for key, label, value in cover_rows(us)}
    uk_rows = {key: (label, value) for key, label, value in cover_rows(uk)}
    assert us_rows["organisation"][0] == "Organization" and uk_rows["organisation"][0] == "Organisation"
    # "January 15, 2027" in US documents, "15 January 2027" in UK ones; the metadata keeps ISO dates.
    assert us_rows["effective_date"][1].split()[0].isalpha() and us_rows["effective_date"][1].endswith(
        us.metadata["effective_date"][:4]
    )
    assert uk_rows["effective_date"][1].split()[0].isdigit() and uk_rows["effective_date"][1].endswith(
        uk.metadata["effective_date"][:4]
    )


def test_page_has_cover_contents_and_anchored_clauses() -> None:
    doc = _doc("uk-charity")
    page = to_html(doc)
    assert page.startswith("<!DOCTYPE html>") and 'lang="en-GB"' in page
    for section in doc.sections:
        assert f'<a href="#{section.anchor}">' in page and f'<h2 id="{section.anchor}">' in page
        for block in section.blocks:
            assert f'id="{block.anchor}" data-clause="{block.clause_id}"' in page
    assert "{{" not in page and "<script" not in page
