"""library.update-available and library.override, through the checker and the command line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from socialpolicy import checks, templates
from socialpolicy.assembly import assemble
from socialpolicy.cli import main
from socialpolicy.library import Catalog, builtin, load_library_file
from socialpolicy.library_tools import pin
from socialpolicy.model import ClauseRef
from socialpolicy.project import save_project
from socialpolicy.render import render


def _library(path: Path, version: int, body: str, overrides: dict | None = None) -> Path:
    clause = {
        "id": "acme.intro",
        "version": version,
        "title": "About us",
        "topic": "purpose-scope",
        "body": body,
        "rationale": "Approved by Acme Legal for every policy.",
    }
    if version > 1:
        clause.update(
            change_note="Names the owner.", history=[{"version": 1, "body": "We use social media."}]
        )
    meta: dict = {"id": "acme", "title": "Acme", "version": str(version)}
    if overrides:
        meta["overrides"] = overrides
    path.write_text(
        json.dumps(
            {"format": "socialpolicy.clauses", "format_version": 1, "library": meta, "clauses": [clause]}
        )
    )
    return path


def _project(tmp_path: Path):  # type: ignore[no-untyped-def]
    template = templates.get("social-media-policy")
    lib = _library(tmp_path / "acme.clauses.json", 1, "We use social media.")
    catalog = Catalog([builtin(), load_library_file(lib)])
    real = {"organisation_name": "Acme Ltd", "org_short": "Acme", "policy_contact_email": "policy@acme.test"}
    project = assemble(template, {**template.defaults(), **real}, catalog)  # no sample answers left in
    first = project.sections[0]
    project = replace(
        project,
        sections=(
            replace(first, clauses=(ClauseRef("acme.intro", "acme", 1), *first.clauses)),
            *project.sections[1:],
        ),
    )
    return project, template, lib


def _findings(project, template, catalog, rule_id: str) -> list[checks.Finding]:  # type: ignore[no-untyped-def]
    report = checks.run(render(project, catalog, template), catalog=catalog, only=[rule_id])
    return report.findings


def test_update_available_is_reported_with_diff_and_note(tmp_path: Path) -> None:
    project, template, lib = _project(tmp_path)
    current = Catalog([builtin(), load_library_file(lib)])
    assert _findings(project, template, current, "library.update-available") == []
    _library(lib, 2, "We use social media well.")
    newer = Catalog([builtin(), load_library_file(lib)])
    [finding] = _findings(project, template, newer, "library.update-available")
    assert finding.severity == "info" and finding.clause == "acme.intro"
    assert "version 2; this document uses version 1" in finding.message
    assert "Names the owner." in finding.message and "We use social media{+ well+}." in finding.message
    assert _findings(pin(project, 0, 0), template, newer, "library.update-available") == []


def test_override_is_reported(tmp_path: Path) -> None:
    template = templates.get("social-media-policy")
    target = assemble(template, template.defaults(), Catalog.default()).sections[0].clauses[0].clause
    lib = _library(
        tmp_path / "acme.clauses.json", 1, "We use social media.", {f"builtin:{target}": "acme.intro"}
    )
    catalog = Catalog([builtin(), load_library_file(lib)])
    project = assemble(template, template.defaults(), catalog)
    [finding] = _findings(project, template, catalog, "library.override")
    assert finding.message == f"acme:acme.intro is used in place of builtin:{target}."


def test_check_command_says_an_update_is_available(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _, lib = _project(tmp_path)
    path = tmp_path / "p.policy.json"
    save_project(path, project)
    _library(lib, 2, "We use social media well.")
    code = main(["check", str(path), "--format", "json", "--library", str(lib)])
    report = json.loads(capsys.readouterr().out)
    rules = [f["rule"] for f in report["findings"]]
    assert code == 0 and "library.update-available" in rules
