"""Shared fixtures. GUI tests run offscreen; settings and recovery files go to a temporary folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ANSWERS = DATA / "answers"
TEMPLATE_IDS = ("social-media-policy", "internal-collaboration", "governance-charter")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALPOLICY_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("SOCIALPOLICY_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    monkeypatch.delenv("SOCIALPOLICY_LIBRARY_PATH", raising=False)
    # LibreOffice only where a test asks for it (the `office` fixture): it takes seconds per run.
    monkeypatch.setenv("SOCIALPOLICY_SOFFICE", "none")


@pytest.fixture
def office(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice with its Python scripting (uno), or skip: .ci/run installs libreoffice-writer and python3-uno."""
    from socialpolicy import office as office_mod

    monkeypatch.delenv("SOCIALPOLICY_SOFFICE", raising=False)
    if office_mod.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer")
    if not office_mod.available():
        pytest.skip("LibreOffice's Python scripting (uno) is missing; .ci/run installs python3-uno")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fixtures_for(template_id: str) -> list[Path]:
    return sorted((ANSWERS / template_id).glob("*.json"))


def answers_for(kind: str, name: str) -> dict[str, Any]:
    """The wizard answers of a fixture organisation."""
    return json.loads((ANSWERS / kind / f"{name}.json").read_text(encoding="utf-8"))


def make_project_file(folder: Path, kind: str = "social-media-policy", name: str = "uk-charity") -> Path:
    """A project assembled from a fixture's answers, saved in ``folder``."""
    from socialpolicy import templates
    from socialpolicy.assembly import assemble
    from socialpolicy.library import Catalog
    from socialpolicy.project import save_project

    project = assemble(templates.get(kind), answers_for(kind, name), Catalog.default())
    path = folder / f"{name}.policy.json"
    save_project(path, project, backup=False)
    return path


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A social media policy project of the UK charity fixture."""
    return make_project_file(tmp_path)
