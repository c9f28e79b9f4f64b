"""A finding's place in the author's text (variables still in it) and in laid-out text, and its parts."""

from __future__ import annotations

from pathlib import Path

from socialpolicy import edits
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.finding_places import find_in, map_span, parts, place
from socialpolicy.library import Catalog
from tests.app.conftest import make_project_file

RISKY = (
    "Employees must not discuss their pay or post anything negative about {{ org_short }} managers online."
)


def checked_with_risky_sentence(tmp_path: Path) -> tuple[DocumentSession, str]:
    """A US hospital policy whose fourth clause ends with a sentence the labour-law rules flag."""
    session = DocumentSession(Catalog.default())
    session.open(make_project_file(tmp_path, "social-media-policy", "us-hospital"))
    assert session.document is not None
    cid = [b for _, b in session.document.blocks()][3].clause_id
    text = session.author_text(cid)
    assert text is not None
    body = text.body + "\n\n" + RISKY
    assert session.edit(lambda p: edits.edit_clause(p, cid, session.catalog, title=text.title, body=body))
    request = session.start_check()
    assert request is not None
    session.deliver(request.run())
    return session, cid


def test_finding_maps_to_the_authors_sentence_with_its_variable(tmp_path: Path) -> None:
    session, cid = checked_with_risky_sentence(tmp_path)
    assert session.report is not None and session.document is not None
    finding = next(f for f in session.report.findings if f.rule == "nlra.confidential-pay")
    where = place(finding, session.document, session.author_text(cid))
    assert where is not None and where.clause == cid
    # The rendered sentence names the organisation; the author's text keeps the variable.
    assert "{{" not in where.excerpt and where.excerpt.startswith("Employees must not discuss their pay")
    text = session.author_text(cid)
    assert text is not None and where.editor_span is not None
    start, end = where.editor_span
    assert text.body[start:end] == RISKY


def test_parts_are_separate_and_plain(tmp_path: Path) -> None:
    session, _ = checked_with_risky_sentence(tmp_path)
    assert session.report is not None
    finding = next(f for f in session.report.findings if f.rule == "nlra.confidential-pay")
    p = parts(finding)
    assert p.sentence.startswith("Employees must not discuss their pay") and "\n" not in p.sentence
    assert "pay" in p.reason and p.reason != p.citation
    assert p.suggestion.startswith("For example:")
    assert p.citation and p.headline == finding.message


def test_document_wide_finding_has_no_place(tmp_path: Path) -> None:
    session, _ = checked_with_risky_sentence(tmp_path)
    assert session.report is not None and session.document is not None
    whole = [f for f in session.report.findings if not f.clause]
    for f in whole:
        assert place(f, session.document, None) is None


def test_map_span_keeps_variables_whole() -> None:
    source = "Ask {{ org_short }} first. Then post."
    rendered = "Ask Saint Brendan first. Then post."
    assert map_span(rendered, source, (0, 24)) == (0, 26)  # "Ask {{ org_short }} first."
    # A span that starts inside the filled-in name starts at the variable.
    start, end = map_span(rendered, source, (10, 24)) or (0, 0)
    assert source[start:end] == "{{ org_short }} first."
    assert map_span(rendered, source, (5, 5)) is None
    assert map_span("same", "same", (0, 4)) == (0, 4)
    # A sentence without a variable is found as it is, after a filled-in one.
    source, rendered = "Ask {{ org_short }}. Do not post.", "Ask Saint Brendan. Do not post."
    start, end = map_span(rendered, source, (19, 31)) or (0, 0)
    assert source[start:end] == "Do not post."


def test_find_in_ignores_line_breaks_and_quote_styles() -> None:
    shown = "3.1 Pay\u2029Don\u2019t share\u2028your  pay\u00a0slip."
    assert find_in(shown, "Don't share your pay slip.") == (8, len(shown))
    assert find_in(shown, "not there") is None
    assert find_in(shown, "   ") is None
