"""Typographic quotes and apostrophes, as Word sets them, in every output: set once when rendering,
so Markdown, HTML, Word, the preview and the checker see the same characters."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from socialpolicy.typography import plain_quotes, smarten
from tests.export.test_docx import fixture_doc


def test_quotes_and_apostrophes_are_set_typographically() -> None:
    assert (
        smarten("He said \"don't\" and 'quoted'.") == "He said \u201cdon\u2019t\u201d and \u2018quoted\u2019."
    )
    assert smarten("the employees' rights, in the '90s") == "the employees\u2019 rights, in the \u201990s"
    assert smarten('**"Term"** means ("quoted")') == "**\u201cTerm\u201d** means (\u201cquoted\u201d)"
    assert smarten('a \\"literal\\" quote') == 'a \\"literal\\" quote'


def test_code_and_addresses_are_left_alone() -> None:
    text = 'Use `"x"` and [the "site"](https://example.org/?q="a") or <https://example.org/\'b>.\n\n```\nsay "hi"\n```'
    out = smarten(text)
    assert '`"x"`' in out and '(https://example.org/?q="a")' in out and "<https://example.org/'b>" in out
    assert 'say "hi"' in out and "[the \u201csite\u201d]" in out


@given(st.text(alphabet=st.sampled_from(list("ab '\"`()[]*\n-"))))
def test_smartening_is_idempotent_and_only_changes_quotes(text: str) -> None:
    once = smarten(text)
    assert smarten(once) == once
    assert len(once) == len(text) and plain_quotes(once) == plain_quotes(text)


def test_every_export_has_curly_quotes_and_no_straight_apostrophes_in_prose(tmp_path: Path) -> None:
    from socialpolicy.export import export

    doc = fixture_doc("social-media-policy")
    for fmt in ("md", "html", "docx"):
        out = tmp_path / f"p.{fmt}"
        export(doc, fmt, out)
        if fmt == "docx":
            import re

            xml = zipfile.ZipFile(out).read("word/document.xml").decode()
            text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
        else:
            text = out.read_text(encoding="utf-8")
            if fmt == "html":
                import html as html_mod
                import re

                body = text.split("<body", 1)[1]
                text = html_mod.unescape(re.sub(r"<[^>]+>", " ", body))
            else:
                text = text.split("---", 2)[2]  # the front matter holds quoted YAML strings
        assert "\u2019" in text and "\u201c" in text, fmt
        prose = [w for w in text.split() if "'" in w and w.strip("'").isalpha()]
        assert not prose, (fmt, prose[:5])
