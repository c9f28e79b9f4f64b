"""The Word export without python-docx (socialpolicy.export.docx_lite) writes the same package as the
python-docx writer: the same members in the same order, each byte for byte."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.document import Document
from socialpolicy.export.docx import build
from socialpolicy.export.docx_lite import LiteDocument
from socialpolicy.export.docx_package import DocxPackage, read_payload
from socialpolicy.library import Catalog
from socialpolicy.render import render
from tests.conftest import ANSWERS, TEMPLATE_IDS
from tests.export.test_docx import TODAY

CASES = [
    ("social-media-policy", "uk-charity"),
    ("social-media-policy", "us-hospital"),
    ("internal-collaboration", "eu-listed-manufacturer"),
    ("governance-charter", "us-broker-dealer"),
]


def _doc(template_id: str, answers_name: str) -> tuple[Document, object]:
    t = templates.get(template_id)
    answers = json.loads((ANSWERS / template_id / f"{answers_name}.json").read_text(encoding="utf-8"))
    catalog = Catalog.default()
    project = assemble(t, answers, catalog, today=TODAY)
    return render(project, catalog, t), project


def _members(package: object) -> list[tuple[str, bytes]]:
    buffer = io.BytesIO()
    package.save(buffer)  # type: ignore[attr-defined]
    with zipfile.ZipFile(buffer) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def _same(lite: list[tuple[str, bytes]], reference: list[tuple[str, bytes]]) -> None:
    assert [n for n, _ in lite] == [n for n, _ in reference]
    for (name, ours), (_, theirs) in zip(lite, reference, strict=True):
        assert ours == theirs, name


@pytest.mark.parametrize(("template_id", "answers"), CASES)
def test_the_lite_writer_writes_what_python_docx_writes(template_id: str, answers: str) -> None:
    doc, project = _doc(template_id, answers)
    lite = build(doc, project=project)  # type: ignore[arg-type]
    assert isinstance(lite.package, LiteDocument)
    heavy = build(doc, project=project, python_docx=True)  # type: ignore[arg-type]
    assert isinstance(heavy.package, DocxPackage)
    _same(_members(lite.package), _members(heavy.package))
    assert lite.notes == heavy.notes


def test_a_redline_without_python_docx_is_the_same(tmp_path: object) -> None:
    doc, project = _doc("social-media-policy", "uk-charity")
    base, _ = _doc("social-media-policy", "us-hospital")
    options = {"project": project, "base": base, "base_label": "version 0.9"}
    lite = build(doc, **options)  # type: ignore[arg-type]
    heavy = build(doc, python_docx=True, **options)  # type: ignore[arg-type]
    assert isinstance(lite.package, LiteDocument)
    _same(_members(lite.package), _members(heavy.package))


def test_the_python_docx_document_of_a_lite_build_reads_back(tmp_path: object) -> None:
    """Callers that want python-docx's Document still get one (read from the written bytes)."""
    doc, project = _doc(TEMPLATE_IDS[0], "uk-charity")
    result = build(doc, project=project)  # type: ignore[arg-type]
    document = result.document
    assert document.core_properties.title == doc.title
    assert isinstance(result.package, DocxPackage)
    buffer = io.BytesIO()
    result.package.save(buffer)
    buffer.seek(0)
    assert read_payload(buffer)["title"] == doc.title  # type: ignore[arg-type,index]
