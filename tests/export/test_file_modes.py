"""Exported and saved files get the user's normal permissions (the umask), not a temporary file's 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from socialpolicy import export, templates, workspace
from socialpolicy.assembly import assemble
from socialpolicy.library import Catalog
from socialpolicy.project import save_project
from tests.conftest import answers_for

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_exports_and_projects_are_readable_by_the_group_as_the_umask_allows(
    tmp_path: Path, umask_022: None, fmt: str
) -> None:
    template = templates.get("social-media-policy")
    catalog = Catalog.default()
    project = assemble(template, answers_for("social-media-policy", "uk-charity"), catalog)
    doc = workspace.render_project(project, catalog, "project")
    out = tmp_path / f"policy.{fmt}"
    export.export(doc, fmt, out, project=project)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    saved = tmp_path / "policy.policy.json"
    save_project(saved, project)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o644
    out.chmod(0o600)  # a file the user made private stays private when it is exported again
    export.export(doc, fmt, out, project=project)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_recovery_files_and_wizard_drafts_are_private(tmp_path: Path, umask_022: None) -> None:
    from socialpolicy.app import wizard_draft
    from socialpolicy.app.recovery import RecoveryFile

    template = templates.get("social-media-policy")
    project = assemble(template, answers_for("social-media-policy", "uk-charity"), Catalog.default())
    recovery = RecoveryFile(tmp_path)
    written = recovery.write(project, None)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600  # a copy of unsaved work only its owner reads
    draft = wizard_draft.save(template.id, {"org_short": "Riverside"}, where=tmp_path)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    recovery.discard()
