"""Versions never change silently: library.version-missing, the note in the document, export refusing,
and ``library validate`` rejecting a history with a version missing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from socialpolicy import checks, templates
from socialpolicy.assembly import assemble
from socialpolicy.cli import main
from socialpolicy.export import export
from socialpolicy.library import Catalog, builtin, load_library_file
from socialpolicy.library_tools import pin
from socialpolicy.model import ClauseRef, Project
from socialpolicy.project import save_project
from socialpolicy.render import render

BODIES = {1: "We use social media.", 2: "We use social media with care.", 3: "We use social media well."}


def _library(path: Path, version: int, history: list[int]) -> Path:
    clause: dict[str, Any] = {
        "id": "acme.intro",
        "version": version,
        "title": "About us",
        "topic": "purpose-scope",
        "body": BODIES[version],
        "rationale": "Approved by Acme Legal.",
    }
    if history:
        clause["history"] = [{"version": v, "body": BODIES[v]} for v in history]
    meta = {"id": "acme", "title": "Acme", "version": str(version)}
    data = {"format": "socialpolicy.clauses", "format_version": 1, "library": meta, "clauses": [clause]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _project(version: int) -> Project:
    template = templates.get("social-media-policy")
    project = assemble(template, template.defaults(), Catalog.default())
    first = project.sections[0]
    ref = ClauseRef("acme.intro", "acme", version)
    return replace(project, sections=(replace(first, clauses=(ref, *first.clauses)), *project.sections[1:]))


def _findings(project: Project, catalog: Catalog, rule_id: str) -> list[checks.Finding]:
    doc = render(project, catalog, templates.get("social-media-policy"))
    return checks.run(doc, catalog=catalog, only=[rule_id]).findings


def test_a_version_newer_than_the_library_is_an_error_naming_both(tmp_path: Path) -> None:
    catalog = Catalog([builtin(), load_library_file(_library(tmp_path / "acme.clauses.json", 1, []))])
    [finding] = _findings(_project(2), catalog, "library.version-missing")
    assert finding.severity == "error" and finding.clause == "acme.intro"
    assert "uses version 2" in finding.message and "only version(s) 1" in finding.message
    assert "load the newer library" in finding.message and "take version 1" in finding.message
    assert _findings(_project(2), catalog, "library.update-available") == []


def test_a_version_dropped_from_the_history_is_an_error(tmp_path: Path) -> None:
    catalog = Catalog([builtin(), load_library_file(_library(tmp_path / "acme.clauses.json", 3, [2]))])
    for project in (_project(1), pin(_project(1), 0, 0)):
        [finding] = _findings(project, catalog, "library.version-missing")
        assert "uses version 1, which the library no longer keeps" in finding.message
        assert "version(s) 2, 3" in finding.message and "Restore version 1" in finding.message
    # No "update available ... uses version 1" beside it, with nothing to show as the change.
    assert _findings(_project(1), catalog, "library.update-available") == []


def test_a_version_in_the_history_is_shown_as_it_was(tmp_path: Path) -> None:
    catalog = Catalog([builtin(), load_library_file(_library(tmp_path / "acme.clauses.json", 3, [2, 1]))])
    assert _findings(_project(1), catalog, "library.version-missing") == []
    doc = render(_project(1), catalog)
    block = doc.block("acme.intro")
    assert block is not None and block.markdown == BODIES[1]
    [update] = _findings(_project(1), catalog, "library.update-available")
    assert "{+well+}" in update.message or "well" in update.message


def test_the_document_says_which_text_it_shows_instead(tmp_path: Path) -> None:
    catalog = Catalog([builtin(), load_library_file(_library(tmp_path / "acme.clauses.json", 1, []))])
    doc = render(_project(2), catalog)
    block = doc.block("acme.intro")
    assert block is not None
    assert block.markdown.startswith("**[Version 2 of this clause is not in the clause library")
    assert BODIES[1] in block.markdown and "The text below is version 1" in block.text
    # Any exporter the app calls shows the note too.
    out = tmp_path / "p.md"
    export(doc, "md", out)
    assert "Version 2 of this clause is not in the clause library" in out.read_text(encoding="utf-8")


def test_check_finds_the_error_and_export_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = _library(tmp_path / "acme.clauses.json", 1, [])
    path = tmp_path / "p.policy.json"
    save_project(path, _project(2))
    code = main(["check", str(path), "--format", "json", "--library", str(lib)])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    [finding] = [f for f in report["findings"] if f["rule"] == "library.version-missing"]
    assert finding["severity"] == "error" and finding["clause"] == "acme.intro"
    out = tmp_path / "p.md"
    code = main(["export", str(path), "--format", "md", "-o", str(out), "--library", str(lib)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.startswith(f"socialpolicy: {path}: acme:acme.intro: this document uses version 2")
    assert err.rstrip().endswith("Nothing was exported.") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("version", "history", "message"),
    [
        (3, [2], "version 3 has no history for version(s) 1"),
        (3, [], "no history for version(s) 1, 2"),
        (2, [1, 1], "holds version(s) 1 more than once"),
        (2, [1, 3], "not older than the clause's version 2"),
    ],
)
def test_library_validate_rejects_a_version_without_its_history(
    version: int, history: list[int], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = _library(tmp_path / "acme.clauses.json", version, history)
    assert main(["library", "validate", str(lib)]) == 2
    err = capsys.readouterr().err
    assert f"{lib}: at /clauses/0/history (clause acme:acme.intro): " in err and message in err


def test_library_validate_accepts_a_whole_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = _library(tmp_path / "acme.clauses.json", 3, [2, 1])
    assert main(["library", "validate", str(lib)]) == 0
    assert "ok, library 'acme' version 3, 1 clauses" in capsys.readouterr().out
