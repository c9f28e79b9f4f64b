"""The user guide: a page for every part of the app, every link between pages leads to a page, and the
pages ship in the wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from socialpolicy import help as guide
from tests.conftest import ROOT

PANELS = (
    "start",
    "wizard",
    "outline",
    "preview",
    "editor",
    "findings",
    "next-steps",
    "library",
    "review",
    "export",
)


def test_every_panel_has_a_page_with_a_title_and_words() -> None:
    for name in (*PANELS, "index", "shortcuts", "legal", "library-editor"):
        page = guide.page_html(name)
        heading = re.search(r"<h1>(.*?)</h1>", page)
        assert heading is not None, name
        words = re.sub(r"<[^>]+>", " ", page).split()
        assert len(words) > 60, f"{name} is too short to help"
    assert set(guide.PAGES) == {p.stem for p in (ROOT / "socialpolicy" / "help").glob("*.html")}


def test_every_link_leads_to_a_page_and_every_page_is_reachable() -> None:
    reached = {"index"}
    for name in guide.PAGES:
        for href in guide.links(name):
            target = guide.page_of(href)
            assert target is not None, f"{name}.html links to {href}, which the guide does not have"
            reached.add(target)
    assert reached == set(guide.PAGES)
    assert set(guide.links("index")) >= {f"{p}.html" for p in guide.PAGES if p != "index"}


def test_page_lookup() -> None:
    assert guide.page_of("findings.html#sentence") == "findings"
    assert guide.page_of("https://example.org/x.html") is None
    assert guide.page_of("nothing.html") is None
    with pytest.raises(KeyError):
        guide.page_html("nothing")
    assert guide.SHORTCUTS_MARK in guide.page_html("shortcuts")
    assert "lawyer" in guide.NOT_LEGAL_ADVICE and "not legal advice" in guide.page_html("index")


@pytest.mark.slow
def test_the_guide_is_in_the_wheel(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("socialpolicy-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"socialpolicy/help/{p}.html" for p in guide.PAGES} <= names
