"""Settings are a plain dataclass saved as JSON in a folder the environment can redirect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialpolicy import settings


def test_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ENV_VAR, str(tmp_path / "cfg"))
    assert settings.config_dir() == tmp_path / "cfg"
    assert (tmp_path / "cfg").is_dir()
    from socialpolicy.app import recovery

    assert recovery.folder() == tmp_path / "cfg" / "recovery"  # the recovery files go with the settings


def test_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ENV_VAR, str(tmp_path))
    assert settings.load() == settings.Settings()
    s = settings.Settings(
        window_geometry="AAEC",
        window_state="AQID",
        autosave_seconds=60,
        library_paths=["/libs/org"],
        author_name="Ann Lee",
    )
    s.add_recent(tmp_path / "a.policy.json")
    s.add_recent(tmp_path / "b.policy.json")
    s.add_recent(tmp_path / "a.policy.json")
    settings.save(s)
    data = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert data["recent_files"] == [str(tmp_path / "a.policy.json"), str(tmp_path / "b.policy.json")]
    assert settings.load() == s


def test_recent_files_are_capped(tmp_path: Path) -> None:
    s = settings.Settings()
    for i in range(settings.MAX_RECENT + 5):
        s.add_recent(tmp_path / f"{i}.policy.json")
    assert len(s.recent_files) == settings.MAX_RECENT
    assert s.recent_files[0].endswith(f"{settings.MAX_RECENT + 4}.policy.json")
    s.remove_recent(tmp_path / f"{settings.MAX_RECENT + 4}.policy.json")
    assert len(s.recent_files) == settings.MAX_RECENT - 1


def test_damaged_file_is_set_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ENV_VAR, str(tmp_path))
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert settings.load() == settings.Settings()
    assert (tmp_path / "settings.damaged.json").read_text(encoding="utf-8") == "{not json"


def test_values_of_the_wrong_type_are_ignored() -> None:
    s = settings.Settings.from_dict(
        {
            "recent_files": "x",
            "autosave_seconds": "30",
            "window_state": 5,
            "library_paths": ["/a", 3],
            "author_name": "Bo",
            "unknown": 1,
        }
    )
    assert s == settings.Settings(author_name="Bo")
    assert settings.Settings.from_dict({"autosave_seconds": 1}).autosave_seconds == 5
    assert settings.Settings.from_dict([1, 2]) == settings.Settings()
