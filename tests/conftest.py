"""Shared fixtures. GUI tests run offscreen; settings and recovery files go to a temporary folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

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


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fixtures_for(template_id: str) -> list[Path]:
    return sorted((ANSWERS / template_id).glob("*.json"))
