"""The Word export opened by real programs: LibreOffice lays it out (the contents page gets its page
numbers) and renders it to PDF (pdftotext reads the text back), and pandoc reads its heading structure.
Skips when those programs are absent."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.document import Document
from socialpolicy.render import human_date
from tests.conftest import TEMPLATE_IDS
from tests.export.test_docx import export_fixture, fixture_doc

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PANDOC = shutil.which("pandoc")
CASES = [(t, mode) for t in TEMPLATE_IDS for mode in ("normal", "review")]


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every fixture exported in both modes and converted to PDF in one LibreOffice run."""
    from socialpolicy import office

    if PDFTOTEXT is None:
        pytest.skip("pdftotext is not installed; .ci/run installs poppler-utils")
    folder = tmp_path_factory.mktemp("docx-pdf")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOCIALPOLICY_SOFFICE", raising=False)
        if SOFFICE is None or not office.available():
            pytest.skip("LibreOffice with python3-uno is not installed; .ci/run installs both")
        files = {
            case: export_fixture(
                case[0], case[1] == "review", folder / f"{case[0]}-{case[1]}.docx", layout=True
            )
            for case in CASES
        }
    profile = tmp_path_factory.mktemp("lo-profile")
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = {case: path.with_suffix(".pdf") for case, path in files.items()}
    missing = [p.name for p in out.values() if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stderr[-2000:]}"
    return out


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = [str(PDFTOTEXT), "-layout"]
    if first is not None:
        args += ["-f", str(first), "-l", str(last if last is not None else first)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("template_id", "mode"), CASES)
def test_pdf_shows_every_heading_the_contents_and_the_cover(
    pdfs: dict[tuple[str, str], Path], template_id: str, mode: str
) -> None:
    doc: Document = fixture_doc(template_id)
    pdf = pdfs[(template_id, mode)]
    text = _squash(pdf_text(pdf))
    for section in doc.sections:
        assert f"{section.number}. {section.title}" in text, section.title
    for _, block in doc.blocks():
        assert f"{block.number} {block.title}" in text, block.title
    cover = _squash(pdf_text(pdf, 1))
    meta = doc.metadata
    assert _squash(doc.title) in cover
    for value in (
        meta["organisation"],
        meta["version"],
        meta["status"],
        meta["owner"],
        human_date(meta["effective_date"], doc.spelling),
        human_date(meta["review_date"], doc.spelling),
    ):
        assert value in cover, value
    contents = _squash(pdf_text(pdf, 3))
    legend = " \u00b7 Draft for legal review" if mode == "review" else ""
    assert contents.startswith(f"{doc.title}{legend} Version {meta['version']}") and "Contents" in contents
    entries = re.findall(r"(\d+)\. ", contents.split("Contents", 1)[1])
    assert entries[: len(doc.sections)] == [s.number for s in doc.sections]
    for section in doc.sections:
        assert f"{section.number}. {section.title}" in contents
    assert ("Review notes" in contents) == (mode == "review")
    pages = int(re.search(r"Page \d+ of (\d+)", text).group(1))  # type: ignore[union-attr]
    assert f"Page {pages} of {pages}" in text and "Page 1 of" not in text  # no footer on the cover


def _plain(inlines: list[dict[str, Any]]) -> str:
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout"):
            out.append(_plain(content))
        elif kind in ("Link", "Span"):
            out.append(_plain(content[1]))
    return "".join(out)


@pytest.mark.parametrize(("template_id", "mode"), CASES)
def test_contents_page_numbers_are_the_pages_the_headings_are_on(
    pdfs: dict[tuple[str, str], Path], template_id: str, mode: str
) -> None:
    doc: Document = fixture_doc(template_id)
    pdf = pdfs[(template_id, mode)]
    pages = pdf_text(pdf).split("\f")
    contents = _squash(pages[2])
    for section in doc.sections:
        m = re.search(rf"{section.number}\. {re.escape(section.title)}\.*\s?(\d+)", contents)
        assert m, f"no page number for {section.number}. {section.title}: {contents[:400]}"
        listed = int(m.group(1))
        # The heading is on that page of the PDF (page 1 is the cover), and on no page before it.
        heading = re.compile(rf"^\s*{section.number}\.\s+{re.escape(section.title)}\s*$", re.MULTILINE)
        found = [i + 1 for i, page in enumerate(pages[3:], start=3) if heading.search(page)]
        assert found and found[0] == listed, (section.title, listed, found)


@pytest.mark.parametrize(("template_id", "mode"), CASES)
def test_pandoc_reads_sections_as_level_1_and_clauses_as_level_2(
    template_id: str, mode: str, tmp_path: Path
) -> None:
    if PANDOC is None:
        pytest.skip("pandoc is not installed; .ci/run installs it")
    doc = fixture_doc(template_id)
    out = export_fixture(template_id, mode == "review", tmp_path / "out.docx")
    result = subprocess.run(
        [PANDOC, "-f", "docx", "-t", "json", str(out)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    ast = json.loads(result.stdout)
    headers = [(b["c"][0], _squash(_plain(b["c"][2]))) for b in ast["blocks"] if b["t"] == "Header"]
    expected: list[tuple[int, str]] = []
    for section in doc.sections:  # the numbers are list numbering, which pandoc does not print
        expected.append((1, section.title))
        expected += [(2, b.title) for b in section.blocks]
    assert headers == expected
    title = ast["meta"].get("title", {})
    assert _squash(_plain(title.get("c", []))) == doc.title
    # No Markdown syntax survives into the Word text.
    body = json.dumps(ast["blocks"])
    assert "**" not in body and "](#" not in body and "{#" not in body
