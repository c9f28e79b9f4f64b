"""Application-layer fixtures: sessions over the built-in library, no window anywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socialpolicy import templates
from socialpolicy.assembly import assemble
from socialpolicy.library import Catalog
from socialpolicy.project import save_project
from tests.conftest import ANSWERS


def answers_for(kind: str, name: str) -> dict[str, Any]:
    return json.loads((ANSWERS / kind / f"{name}.json").read_text(encoding="utf-8"))


def make_project_file(folder: Path, kind: str = "social-media-policy", name: str = "uk-charity") -> Path:
    project = assemble(templates.get(kind), answers_for(kind, name), Catalog.default())
    path = folder / f"{name}.policy.json"
    save_project(path, project, backup=False)
    return path


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    return make_project_file(tmp_path)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now
