"""Benchmark of the Word export against pandoc converting our own Markdown export to .docx.

    python -m socialpolicy.export.bench_docx [--clauses 300] [--repeat 3] [--pages] [--out DIR]

Builds a document of ``--clauses`` custom clauses (the clauses of one fixture document of each
template, repeated, in sections of ten), then times in one run: our export (normal and review
mode) and ``pandoc -f markdown -t docx`` on the Markdown export of the same document (the process
as a user would run it). Prints the figures and the ratio ours/pandoc; the target is at most 0.5.
``--pages`` also converts our file to PDF with LibreOffice to report the page count.

:func:`bench_docx` is the entry point for ``python -m socialpolicy.bench``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.document import Document
from socialpolicy.export.docx import write_docx
from socialpolicy.export.markdown import to_markdown
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection, Term
from socialpolicy.render import render

PER_SECTION = 10
_LINK = re.compile(r"\]\(#(?:sec|cl)-[^)]*\)")
FIXTURES = {
    "social-media-policy": "us-hospital",
    "internal-collaboration": "eu-listed-manufacturer",
    "governance-charter": "uk-charity",
}


def _fixture_documents() -> list[Document]:
    from socialpolicy import paths

    catalog = Catalog.default()
    docs = []
    answers_dir = paths.data_root() / "tests" / "data" / "answers"
    for template_id, fixture in FIXTURES.items():
        template = templates.get(template_id)
        path = answers_dir / template_id / f"{fixture}.json"
        answers = json.loads(path.read_text(encoding="utf-8")) if path.exists() else template.defaults()
        docs.append(render(assemble(template, answers, catalog, today=dt.date(2026, 11, 1)), catalog, template))
    return docs


def large_document(clauses: int = 300) -> Document:
    """A ``clauses``-clause document of custom clauses copied from the fixture documents."""
    sources = _fixture_documents()
    pool = [(s, b) for d in sources for s, b in d.blocks()]
    custom: list[Clause] = []
    defined: set[str] = set()
    for i in range(clauses):
        section, block = pool[i % len(pool)]
        terms = tuple(Term(d.term, d.text) for d in block.defines if d.term not in defined)
        defined |= {t.term for t in terms}
        body = _LINK.sub("](#sec-part-01)", block.markdown)
        custom.append(Clause(id=f"bench-{i + 1:04d}", version=1, title=block.title, topic=block.topic, body=body,
                             rationale=block.rationale or "Copied for the benchmark.", defines=terms,
                             sources=block.sources, library=PROJECT_LIBRARY))
    sections = [ProjectSection("definitions", "Definitions", definitions=True)]
    for k in range(0, clauses, PER_SECTION):
        title = pool[k % len(pool)][0].title
        refs = tuple(ClauseRef(c.id, PROJECT_LIBRARY, 1) for c in custom[k:k + PER_SECTION])
        sections.insert(1 if k == 0 else len(sections), ProjectSection(f"part-{k // PER_SECTION + 1:02d}", title, refs))
    first = sources[-1]
    project = Project(
        template_id=first.template_id, template_version=first.template_version,
        metadata={**first.metadata, "title": f"Benchmark policy ({clauses} clauses)"},
        answers=dict(first.answers), sections=tuple(sections), custom_clauses=tuple(custom),
        revisions=first.revisions,
    )
    return render(project, Catalog.default())


def _time(func: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def bench_docx(doc: Document, out_dir: str | Path, *, repeat: int = 3) -> dict[str, Any]:
    """Time our Word export (normal and review) and pandoc's Markdown-to-docx on the same document.

    Returns seconds (median of ``repeat`` runs) as ``docx``, ``docx_review`` and ``pandoc`` (None
    when pandoc is not on PATH), ``ratio`` = docx / pandoc, the clause count, and the file sizes.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ours, review_out = out / "ours.docx", out / "ours-review.docx"
    ours_times = _time(lambda: write_docx(doc, ours), repeat)
    review_times = _time(lambda: write_docx(doc, review_out, review=True), repeat)
    result: dict[str, Any] = {
        "clauses": sum(1 for _ in doc.blocks()),
        "sections": len(doc.sections),
        "docx": statistics.median(ours_times),
        "docx_review": statistics.median(review_times),
        "docx_bytes": ours.stat().st_size,
        "pandoc": None,
        "ratio": None,
    }
    pandoc = shutil.which("pandoc")
    if pandoc:
        md = out / "ours.md"
        md.write_text(to_markdown(doc), encoding="utf-8")
        theirs = out / "pandoc.docx"
        command = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(theirs), str(md)]
        pandoc_times = _time(lambda: subprocess.run(command, check=True, capture_output=True), repeat)
        result["pandoc"] = statistics.median(pandoc_times)
        result["pandoc_bytes"] = theirs.stat().st_size
        result["ratio"] = result["docx"] / result["pandoc"]
    return result


def page_count(docx_path: Path) -> int | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx_path)], check=True, capture_output=True, timeout=600)
        pdf = Path(tmp) / (docx_path.stem + ".pdf")
        match = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes())
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            found = re.search(r"^Pages:\s+(\d+)", info, re.M)
            return int(found.group(1)) if found else None
        return int(match.group(1)) if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialpolicy.export.bench_docx", description=__doc__.split("\n")[0])
    parser.add_argument("--clauses", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", action="store_true", help="convert to PDF with LibreOffice and count pages")
    parser.add_argument("--out", type=Path, help="folder for the files (default: a temporary folder)")
    args = parser.parse_args(argv)
    doc = large_document(args.clauses)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        result = bench_docx(doc, folder, repeat=args.repeat)
        if args.pages:
            result["pages"] = page_count(folder / "ours.docx")
    print(f"document: {result['clauses']} clauses in {result['sections']} sections"
          + (f", {result['pages']} pages" if result.get("pages") else ""))
    print(f"ours (python-docx): {result['docx']:.3f} s  (review mode {result['docx_review']:.3f} s)")
    if result["pandoc"] is None:
        print("pandoc: not on PATH, no comparison")
    else:
        print(f"pandoc markdown -> docx: {result['pandoc']:.3f} s")
        verdict = "meets" if result["ratio"] <= 0.5 else "misses"
        print(f"ratio ours/pandoc: {result['ratio']:.2f} ({verdict} the target of 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
