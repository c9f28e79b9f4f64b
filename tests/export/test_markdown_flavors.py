"""The Markdown flavours: GFM (the default) renders on GitHub's own engine (cmark-gfm) with no literal
``{#`` and every cross-reference landing on a heading's id; CommonMark through inline anchors; pandoc as
before; and the importer reads every flavour back as the same policy."""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.cli import main
from socialpolicy.document import Document
from socialpolicy.export.markdown import FLAVORS, to_markdown
from socialpolicy.importers.markdown import project_from_markdown
from socialpolicy.library import Catalog
from socialpolicy.render import render
from tests.conftest import TEMPLATE_IDS, fixtures_for

CASES = [(t, p) for t in TEMPLATE_IDS for p in fixtures_for(t)]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def _document(template_id: str, answers: Path) -> Document:
    template = templates.get(template_id)
    catalog = Catalog.default()
    project = assemble(template, json.loads(answers.read_text(encoding="utf-8")), catalog)
    return render(project, catalog, template)


class _Page(HTMLParser):
    """Headings (their text, and the ids of anchors inside them), and the targets of links within the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.anchor_ids: list[str] = []
        self.links: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._in_heading = True
            self.headings.append("")
        elif tag == "a":
            if self._in_heading and values.get("id"):
                self.anchor_ids.append(values["id"] or "")
            href = values.get("href") or ""
            if href.startswith("#"):
                self.links.append(href[1:])

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.headings[-1] += data


def github_ids(headings: list[str]) -> set[str]:
    """The ids GitHub gives these headings (github-slugger, as github.com uses it): lower case; dropped
    whatever is not a letter, mark, number, connector, space or hyphen; spaces as hyphens; -1, -2 on repeats."""
    seen: dict[str, int] = {}
    out = set()
    for text in headings:
        kept = "".join(
            ch
            for ch in text.lower()
            if ch in " -" or unicodedata.category(ch)[0] in "LMN" or unicodedata.category(ch) == "Pc"
        )
        base = slug = kept.replace(" ", "-")
        while slug in seen:
            seen[base] += 1
            slug = f"{base}-{seen[base]}"
        seen[slug] = 0
        out.add(slug)
    return out


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("template_id,answers", CASES, ids=[f"{t}-{p.stem}" for t, p in CASES])
def test_gfm_renders_on_github_with_working_links(template_id: str, answers: Path) -> None:
    markdown = to_markdown(_document(template_id, answers))
    assert markdown == to_markdown(_document(template_id, answers), "gfm")  # gfm is the default
    body = FRONT_MATTER.sub("", markdown)  # GitHub shows front matter as a table, not as Markdown
    html = cmarkgfm.github_flavored_markdown_to_html(body)
    assert "{#" not in html and "{#" not in markdown
    page = _page(html)
    ids = github_ids(page.headings)
    assert page.links, "every template cross-references its sections"
    assert [link for link in page.links if link not in ids] == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_commonmark_links_land_on_inline_anchors(template_id: str) -> None:
    doc = _document(template_id, fixtures_for(template_id)[0])
    markdown = to_markdown(doc, "commonmark")
    html = cmarkgfm.markdown_to_html(FRONT_MATTER.sub("", markdown), options=Options.CMARK_OPT_UNSAFE)
    page = _page(html)
    assert "{#" not in html and page.links
    assert [link for link in page.links if link not in page.anchor_ids] == []
    assert len(page.anchor_ids) == len(doc.sections) + sum(len(s.blocks) for s in doc.sections)


def test_pandoc_keeps_the_attributes() -> None:
    doc = _document("governance-charter", fixtures_for("governance-charter")[0])
    markdown = to_markdown(doc, "pandoc")
    section = doc.sections[0]
    assert f"## {section.number}. {section.title} {{#{section.anchor}}}\n" in markdown
    assert "](#sec-" in markdown


_LINK_TARGET = re.compile(r"\]\(#[^)]*\)")


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_flavour_imports_as_the_same_policy(template_id: str, tmp_path: Path) -> None:
    doc = _document(template_id, fixtures_for(template_id)[0])
    projects = {f: project_from_markdown(to_markdown(doc, f), tmp_path / "policy.md") for f in FLAVORS}
    pandoc = projects["pandoc"]
    assert pandoc.template_id == template_id  # our own export is recognised as before
    for flavor, project in projects.items():
        assert project.template_id == pandoc.template_id and project.metadata == pandoc.metadata, flavor
        assert [(s.title, [c.clause for c in s.clauses]) for s in project.sections] == [
            (s.title, [c.clause for c in s.clauses]) for s in pandoc.sections
        ], flavor
        assert [(c.title, _LINK_TARGET.sub("](#)", c.body)) for c in project.custom_clauses] == [
            (c.title, _LINK_TARGET.sub("](#)", c.body)) for c in pandoc.custom_clauses
        ], flavor
        assert not any("<a id" in c.title or "{#" in c.title for c in project.custom_clauses)


def test_github_slugs_of_awkward_headings() -> None:
    from socialpolicy.export.markdown import github_slug

    assert github_slug("3.1 Roles & duties") == "31-roles--duties"
    assert github_slug("2. Employees’ rights: what they are") == "2-employees-rights-what-they-are"
    assert github_slug("Ärger über Café_Regeln") == "ärger-über-café_regeln"


def test_export_md_flavor_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.policy.json"
    assert main(["new", "social-media-policy", "--defaults", "-o", str(project)]) == 0
    outputs = {}
    for flavor in (None, *FLAVORS):
        out = tmp_path / f"{flavor}.md"
        argv = ["export", str(project), "--format", "md", "-o", str(out)]
        assert main(argv + (["--md-flavor", flavor] if flavor else [])) == 0
        outputs[flavor] = out.read_text(encoding="utf-8")
    assert outputs[None] == outputs["gfm"] and "{#" not in outputs["gfm"]
    assert "{#sec-" in outputs["pandoc"] and '<a id="sec-' in outputs["commonmark"]
    capsys.readouterr()
    code = main(
        ["export", str(project), "--format", "html", "--md-flavor", "gfm", "-o", str(tmp_path / "x.html")]
    )
    assert code == 2 and "--md-flavor applies only to --format md" in capsys.readouterr().err
