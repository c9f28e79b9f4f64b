"""What a LibreOffice review round trip keeps of a Word export: our bookmarks, fields, comments,
custom properties, the stored project and the heading numbering, before and after.

    python -m tools.roundtrip [PROJECT.policy.json]

Exports the project (default: the UK charity social media policy fixture), has LibreOffice make a
reviewer's edits with changes tracked and a comment and save as .docx, and prints one line per feature:
how many the export had and how many came back."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def features(path: Path) -> dict[str, int]:
    from socialpolicy.export.docx_layout import fields
    from socialpolicy.export.docx_package import read_custom_properties, read_payload

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
        names = archive.namelist()
        comments = (
            etree.fromstring(archive.read("word/comments.xml")) if "word/comments.xml" in names else None
        )
    marks = [b.get(_w("name")) or "" for b in root.iter(_w("bookmarkStart"))]
    instructions = [" ".join(i.split()) for i, _ in fields(root)]
    numbered = 0
    for style in styles.iter(_w("style")):
        name = style.find(_w("name"))
        if name is not None and (name.get(_w("val")) or "").lower() in ("heading 1", "heading 2"):
            numbered += style.find(f"{_w('pPr')}/{_w('numPr')}") is not None
    return {
        "clause bookmarks": sum(1 for m in marks if m.startswith("_Sps_")),
        "section bookmarks": sum(1 for m in marks if m.startswith("sec_")),
        "REF fields": sum(1 for i in instructions if i.startswith("REF ")),
        "PAGEREF fields": sum(1 for i in instructions if i.startswith("PAGEREF ")),
        "TOC fields": sum(1 for i in instructions if i.startswith("TOC ")),
        "comments": len(comments.findall(_w("comment"))) if comments is not None else 0,
        "clause properties": sum(1 for k in read_custom_properties(path) if ".Clause." in k),
        "stored project": 1 if read_payload(path) else 0,
        "numbered heading styles": numbered,
    }


def kept(before: Path, after: Path) -> dict[str, tuple[int, int]]:
    a, b = features(before), features(after)
    return {key: (a[key], b[key]) for key in a}


def main(argv: list[str] | None = None) -> int:
    from socialpolicy import office, templates
    from socialpolicy.assembly import assemble
    from socialpolicy.export.docx import write_docx
    from socialpolicy.library import Catalog
    from socialpolicy.project import load_project
    from socialpolicy.render import render

    parser = argparse.ArgumentParser(prog="python -m tools.roundtrip", description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?")
    args = parser.parse_args(argv)
    catalog = Catalog.default()
    if args.project:
        project = load_project(args.project)
    else:
        root = Path(__file__).resolve().parent.parent
        answers = json.loads(
            (root / "tests/data/answers/social-media-policy/uk-charity.json").read_text("utf-8")
        )
        project = assemble(templates.get("social-media-policy"), answers, catalog)
    doc = render(
        project,
        catalog,
        templates.get(project.template_id) if project.template_id in templates.TEMPLATE_IDS else None,
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "export.docx"
        write_docx(doc, source, project=project, review=True)
        first = next(b for _, b in doc.blocks() if len(b.text) > 40)
        phrase = first.text.split("\n")[0][:40]
        out = Path(folder) / "reviewed.docx"
        office.run_job(
            "review",
            source,
            output=str(out),
            user="Dana Reviewer",
            edits=[
                {"kind": "comment", "find": phrase, "text": "A comment from the review."},
                {"kind": "insert-after", "find": phrase, "text": "A paragraph added in review."},
            ],
        )
        for key, (a, b) in kept(source, out).items():
            print(f"{key:<24} {a:>5} -> {b:<5} {'kept' if a == b else 'CHANGED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
