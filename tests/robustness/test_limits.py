"""Resource limits: inputs that would take excessive memory or time are refused with a clear message,
or bounded. The big files are made here, at test time (sparse where possible), not kept in git."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from socialpolicy import answers, jsonio, markup, sandbox
from socialpolicy.cli import main
from socialpolicy.errors import InputError, SandboxError
from socialpolicy.importers import docx as docx_importer
from socialpolicy.importers import wordml
from socialpolicy.importers.markdown import clean_heading, project_from_markdown
from tests.conftest import ROOT, digest
from tests.robustness.make_corpus import LIBRARY, PROJECT, _docx


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], file: Path, message: str) -> None:
    before = digest(file) if file.stat().st_size < 100 * 1024 * 1024 else None
    code = main(argv)
    _out, err = capsys.readouterr()
    assert code == 2, err
    assert err.count("\n") == 1 and str(file) in err and message in err, err
    if before is not None:
        assert digest(file) == before


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize(
    "name,argv,message",
    [
        ("huge.policy.json", ["check"], "file is too large"),
        ("huge.clauses.json", ["library", "validate"], "file is too large"),
        ("huge.md", ["import"], "file is too large"),
        ("huge.docx", ["import"], "file is too large"),
    ],
)
def test_oversized_files_are_refused_before_reading(
    name: str, argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = sparse(tmp_path / name, 65 * 1024 * 1024)
    extra = ["-o", str(tmp_path / "out.policy.json")] if argv == ["import"] else []
    refused(capsys, [*argv, str(file), *extra], file, message)
    assert not (tmp_path / "out.policy.json").exists()


def test_oversized_answers_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = sparse(tmp_path / "huge.answers.json", 65 * 1024 * 1024)
    refused(
        capsys,
        ["new", "governance-charter", "--answers", str(file), "-o", str(tmp_path / "o.policy.json")],
        file,
        "file is too large",
    )


def _zip_stream(path: Path, entries: dict[str, int | bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip whose entries are given bytes, or that many zero bytes (written in chunks, never held in memory)."""
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, content in entries.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as handle:
                chunk = b"\0" * (1 << 20)
                for _ in range(content // len(chunk)):
                    handle.write(chunk)
    return path


def test_zip_bomb_is_refused_from_its_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = _zip_stream(
        tmp_path / "bomb.docx",
        {
            "[Content_Types].xml": b"<Types/>",
            **{f"word/part{i}.xml": 30 << 20 for i in range(8)},
            "word/document.xml": b"<w:document/>",
        },
    )
    assert bomb.stat().st_size < 3 * 1024 * 1024  # 240 MB of content in a small file
    refused(
        capsys, ["import", str(bomb), "-o", str(tmp_path / "o.policy.json")], bomb, "the archive unpacks to"
    )
    refused(capsys, ["check", str(bomb)], bomb, "the archive unpacks to")


def test_too_many_entries_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _zip_stream(
        tmp_path / "many.docx", {f"word/p{i}.xml": b"<p/>" for i in range(docx_importer.MAX_ENTRIES + 1)}
    )
    refused(
        capsys, ["import", str(path), "-o", str(tmp_path / "o.policy.json")], path, "entries; the limit is"
    )


def test_oversized_image_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = b"\x89PNG\r\n\x1a\n" + os.urandom(
        docx_importer.MAX_ENTRY_BYTES + 1024
    )  # incompressible, like a photo
    path = tmp_path / "photo.docx"
    path.write_bytes(_docx(extra={"word/media/image1.png": image}))
    assert path.stat().st_size < docx_importer.MAX_DOCX_BYTES
    refused(
        capsys,
        ["import", str(path), "-o", str(tmp_path / "o.policy.json")],
        path,
        "'word/media/image1.png' is",
    )


def test_enormous_clause_counts_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clause = PROJECT["custom_clauses"][0]
    project = dict(PROJECT, custom_clauses=[dict(clause, id=f"c{i}") for i in range(20_001)])
    path = tmp_path / "many.policy.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    refused(capsys, ["check", str(path)], path, "has more than 20000 items")
    library = dict(LIBRARY, clauses=[dict(LIBRARY["clauses"][0], id=f"c{i}") for i in range(20_001)])
    lib = tmp_path / "many.clauses.json"
    lib.write_text(json.dumps(library), encoding="utf-8")
    refused(capsys, ["library", "validate", str(lib)], lib, "has more than 20000 items")


def test_enormous_clause_count_in_word_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    doc.add_heading("Policy", 0)
    doc.add_heading("Rules", 1)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = doc.element.body
    sect = body[-1]  # keep the section properties last
    for i in range(5001):  # built as XML: python-docx's add_heading is slow for thousands
        sect.addprevious(
            parse_xml(
                f'<w:p {w}><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Rule {i}</w:t></w:r></w:p>'
            )
        )
    path = tmp_path / "long.docx"
    doc.save(str(path))
    refused(
        capsys, ["import", str(path), "-o", str(tmp_path / "o.policy.json")], path, "more than 5000 clauses"
    )


def test_huge_answers_in_a_project_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for answer, message in (
        ("A" * 5_000_000, "longer than 20,000 characters"),
        (list(range(5000)), "more than 1,000 items"),
    ):
        path = tmp_path / "big-answer.policy.json"
        path.write_text(json.dumps(dict(PROJECT, answers={"organisation_name": answer})), encoding="utf-8")
        refused(capsys, ["check", str(path)], path, message)


def test_answer_rendered_into_too_much_text_is_refused() -> None:
    body = "{% for i in range(5000) %}{{ organisation_name }}{% endfor %}"
    with pytest.raises(SandboxError, match="longer than 200,000"):
        sandbox.render(body, {"organisation_name": "A" * 20_000})


@pytest.mark.parametrize(
    "expression,message",
    [
        ("{{ 'x' * 10**9 }}", "too large"),
        ("{{ (10**60) ** 64 }}", "too large"),
        ("{{ '%0999999999d' % 1 }}", "too large"),
        ("{{ '{:>999999999}'.format(1) }}", "too large"),
        ("{{ 'x'.ljust(999999999) }}", "too large"),
        ("{{ 'ab'.replace('a', 'a' * 99999) * 1 }}", "too large"),
        ("{{ ('x' * 99999).replace('x', 'yy') }}", "too large"),
        ("{% set s = 'x' * 99999 %}{{ s ~ s ~ s }}", "too large"),
        ("{{ [1]|batch(999999999, 'x')|list }}", "too large"),
        ("{{ ('a\\t' * 50000).expandtabs(99999) }}", "too large"),
    ],
)
def test_sandbox_refuses_expressions_that_build_huge_values(expression: str, message: str) -> None:
    with pytest.raises(SandboxError, match=message):
        sandbox.render(expression, {})


def test_sandbox_still_allows_ordinary_formatting() -> None:
    text, _ = sandbox.render(
        "{{ '%5.1f' % 2.25 }} {{ '{:>4}'.format(7) }} {{ ['a', 'b']|join(', ') }} "
        "{{ 'x'|center(5) }} {{ 2 ** 10 }} {{ name ~ '!' }} {{ '{:,}'.format(2500000) }} "
        "{{ '%d'|format(10**7) }} {{ 'x'.ljust(3) }}|",
        {"name": "Acme"},
    )
    assert text == "  2.2    7 a, b   x   1024 Acme! 2,500,000 10000000 x  |"


def test_review_date_survives_absurd_answers() -> None:
    assert answers.review_date({"effective_date": "2027-01-15", "review_months": 1e300}) == ""
    assert answers.review_date({"effective_date": "2027-01-15", "review_months": 10**30}) == ""
    assert answers.review_date({"effective_date": "2027-01-15", "review_months": 12}) == "2028-01-15"


def test_long_text_answers_are_refused_with_the_limit() -> None:
    from socialpolicy import templates

    template = templates.get("governance-charter")
    with pytest.raises(InputError, match="longer than 20,000 characters"):
        answers.validate(template, {"objectives": "x" * 20_001}, "a.json")


PATHOLOGICAL = r"""
import time, sys
from socialpolicy import answers, markup, spelling, typography
from socialpolicy.importers.markdown import clean_heading, project_from_markdown
cases = {
    "heading of spaces": lambda: project_from_markdown("# a" + " " * 20000 + "b\n\ntext\n", "x.md"),
    "heading attribute spaces": lambda: clean_heading("a" + " " * 200000 + "b"),
    "email": lambda: answers.EMAIL.match("a@" + "." * 20000 + " "),
    "brackets": lambda: markup.parse("[" * 100000),
    "many headings in one block": lambda: markup.parse("# a\n" * 25000),
    "many rules in one block": lambda: markup.parse("---\n" * 25000),
    # issue 18: a 99 KB word took 30 s to spell, unclosed tags minutes, 20,000 equal headings over a
    # minute, typographic quotes beside 49,000 "](" 17 s
    "one long word in US spelling": lambda: spelling.convert("a" * 99_000, "us"),
    "unclosed tags in US spelling": lambda: spelling.convert("{{ " * 33_000, "us"),
    "unclosed links in US spelling": lambda: spelling.convert("](" * 49_000 + "@" * 1000, "us"),
    "quotes beside unclosed links": lambda: typography.smarten("](" * 49_000 + '"'),
    "quotes beside unclosed addresses": lambda: typography.smarten("<a:" * 33_000 + '"'),
    "equal headings": lambda: project_from_markdown(
        "# T\n\n" + "## Same\n\ntext\n\n" * 900 + "### Same\n\nx\n\n" * 4_000, "same.md"
    ),
}
for name, run in cases.items():
    start = time.perf_counter()
    run()
    print(f"{name}: {time.perf_counter() - start:.2f}s", flush=True)
"""


def test_pathological_patterns_finish() -> None:
    """Inputs that once took minutes (cubic and quadratic backtracking, quadratic Markdown parsing).

    No timing assertion: the generous timeout only stops a regression from hanging the suite."""
    proc = subprocess.run(
        [sys.executable, "-c", PATHOLOGICAL],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("s\n") == 12


def test_bounded_parsing_keeps_the_text() -> None:
    parsed = markup.parse("Links [a](http://x) stay text " + "[" * (markup.MAX_BRACKETS + 1))
    assert parsed.text.startswith("Links [a](http://x) stay text [[[") and "\ue000" not in parsed.html
    lines = "\n".join(f"Line {i}" for i in range(markup.MAX_BLOCK_LINES * 2 + 5))
    parsed = markup.parse(lines)
    assert parsed.text.split() == lines.split()
    assert clean_heading("Purpose {#purpose}") == "Purpose" and clean_heading("Set {a}") == "Set {a}"
    assert clean_heading("a {# x {#b}") == "a"
    titles = [s.title for s in project_from_markdown("# T\n\n## C# and F# ##\n\nText.\n", "h.md").sections]
    assert titles == ["C# and F#"]


def test_import_fits_long_headings_and_refuses_a_body_over_the_limit() -> None:
    project = project_from_markdown(
        "# " + "T" * 500 + "\n\n## " + "S" * 300 + "\n\n### " + "{{" * 150 + "\n\ntext\n", "long.md"
    )
    assert len(project.metadata["title"]) == 400 and len(project.sections[0].title) == 200
    assert len(project.custom_clauses[0].title) <= 200
    with pytest.raises(InputError, match="add headings to split it"):
        project_from_markdown("# T\n\n## S\n\n" + "word " * 25_000, "big.md")


def test_doctype_anywhere_in_a_part_is_found(tmp_path: Path) -> None:
    path = tmp_path / "late.docx"
    padding = b"<!-- " + b"x" * 200_000 + b" -->"
    path.write_bytes(
        _docx(
            b'<?xml version="1.0"?>'
            + padding
            + b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>'
        )
    )
    with pytest.raises(InputError, match="declares a DOCTYPE"):
        docx_importer.inspect_archive(path)


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    path.write_bytes('{"emoji": "😀"}'.encode("utf-16"))
    with pytest.raises(InputError, match="text is UTF-16"):
        jsonio.load_json(path)
    path.write_bytes(b"\xff\xfe\x00junk")  # odd length: not UTF-16, just binary
    with pytest.raises(InputError, match="binary"):
        jsonio.load_json(path)


def test_word_document_with_too_many_paragraphs_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(wordml, "MAX_BLOCKS", 100)  # the real limit is 30,000; the check is the same
    para = b"<w:p><w:r><w:t>Staff may post.</w:t></w:r></w:p>"
    xml = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + para * 101 + b"</w:body></w:document>"
    )
    path = tmp_path / "long.docx"
    path.write_bytes(_docx(xml))
    refused(
        capsys,
        ["import", str(path), "-o", str(tmp_path / "o.policy.json")],
        path,
        "more than 100 paragraphs and tables",
    )
    path.write_bytes(_docx(xml.replace(para * 101, para * 100)))
    assert main(["import", str(path), "-o", str(tmp_path / "o.policy.json")]) == 0
