"""The compiled validator (jsonschema-rs) and the explaining one (jsonschema) give the same verdict, so a
fast "valid" never lets through what jsonschema would refuse, and every refusal keeps jsonschema's words."""

from __future__ import annotations

import contextlib
import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy import formats, jsonio
from socialpolicy.errors import InputError
from tests.robustness.make_corpus import LIBRARY, PROJECT
from tests.robustness.test_properties import _mutate

ROOT = Path(__file__).resolve().parents[2]
FORMATS = (formats.CLAUSES, formats.TEMPLATE, formats.PROJECT)
pytest.importorskip("jsonschema_rs", reason="jsonschema-rs has no wheel for this platform")


def _explained(data: Any, schema: str) -> bool:
    """jsonschema's own verdict, without the compiled validator."""
    return formats._best_error(data, schema) is None


def _files() -> list[tuple[Path, formats.Format, dict[str, Any]]]:
    found = []
    for path in sorted([*ROOT.glob("tests/data/**/*.json"), *ROOT.glob("resources/**/*.json")]):
        try:
            data = jsonio.load_json(path)
        except InputError:  # (the corpus's broken JSON: refused before any schema)
            continue
        if not isinstance(data, dict):
            continue
        for fmt in FORMATS:
            if data.get("format") in (fmt.name, *fmt.aliases):
                with contextlib.suppress(InputError):  # (files refused before the schema: not for this test)
                    found.append((path, fmt, formats.upgrade(data, fmt, path, trusted=True)))
    return found


def test_the_plain_checks_prove_every_valid_file_and_nothing_else() -> None:
    files = _files()
    for path, fmt, data in files:
        assert formats._plain(fmt.schema)(data) == _explained(data, fmt.schema), path


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("sections", 0, "id"), "about\n"),  # Python's "$" matches before a final line break, ECMA's not
        (("sections", 0, "id"), "about\u2028"),
        (("sections", 0, "clauses", 0, "version"), 1.0),  # an integer to JSON Schema; not proved here
        (("sections", 0, "clauses", 0, "version"), True),
        (("sections", 0, "clauses", 0, "included"), 1),
        (("metadata", "title"), None),
        (("format_version",), 2.0),
    ],
)
def test_the_plain_checks_leave_edge_cases_to_the_validators(where: tuple[Any, ...], value: Any) -> None:
    doc = copy.deepcopy(PROJECT)
    doc.setdefault("sections", [{"id": "about", "title": "About", "clauses": [{"clause": "c"}]}])
    doc["sections"][0].setdefault("clauses", [{"clause": "c"}])
    if not doc["sections"][0]["clauses"]:
        doc["sections"][0]["clauses"].append({"clause": "c"})
    doc["sections"][0]["clauses"][0].setdefault("version", 1)
    assert formats._plain("project")(doc)
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    assert not formats._plain("project")(doc)
    assert (formats.first_problem(doc, "project") is None) == _explained(doc, "project")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from([(LIBRARY, "clauses"), (PROJECT, "project")]))
def test_the_plain_checks_prove_no_mutated_file_that_jsonschema_refuses(
    data: st.DataObject, case: tuple[dict[str, Any], str]
) -> None:
    base, schema = case
    doc = _mutate(copy.deepcopy(base), data)
    if formats._plain(schema)(doc):
        assert _explained(doc, schema)


def test_both_validators_agree_on_every_shipped_and_corpus_file() -> None:
    files = _files()
    refused = [p for p, fmt, data in files if not _explained(data, fmt.schema)]
    assert len(files) >= 100 and refused, "the corpus holds valid and invalid files of each format"
    for path, fmt, data in files:
        assert formats._valid_fast(data, fmt.schema) == _explained(data, fmt.schema), path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from([(LIBRARY, "clauses"), (PROJECT, "project")]))
def test_both_validators_agree_on_mutated_files(
    data: st.DataObject, case: tuple[dict[str, Any], str]
) -> None:
    base, schema = case
    doc = _mutate(copy.deepcopy(base), data)
    assert formats._valid_fast(doc, schema) == _explained(doc, schema)


def test_a_refusal_gives_jsonschemas_message_with_the_file_and_pointer(tmp_path: Path) -> None:
    doc = copy.deepcopy(PROJECT)
    doc["metadata"]["title"] = 42
    with pytest.raises(InputError) as caught:
        formats.upgrade(doc, formats.PROJECT, tmp_path / "p.policy.json")
    assert (
        caught.value.line()
        == f"{tmp_path / 'p.policy.json'}: at /metadata/title: expected string, found integer"
    )


def test_values_the_compiled_validator_cannot_take_go_to_jsonschema() -> None:
    doc = copy.deepcopy(PROJECT)
    doc["metadata"]["title"] = 10**40  # beyond 64 bits
    assert not formats._valid_fast(doc, "project")
    assert formats.first_problem(doc, "project") is not None


def test_loading_a_valid_project_imports_no_validator(tmp_path: Path) -> None:
    path = tmp_path / "p.policy.json"
    path.write_text(json.dumps(PROJECT), encoding="utf-8")
    code = (
        "import sys; from socialpolicy import formats;"
        f"formats.load({str(path)!r}, formats.PROJECT);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'jsonschema_rs', 'referencing')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
