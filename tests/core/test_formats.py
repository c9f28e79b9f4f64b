import json
from pathlib import Path

import pytest

from socialpolicy import formats
from socialpolicy.errors import InputError
from socialpolicy.library import load_library_file
from socialpolicy.project import load_project
from tests.conftest import DATA, digest


def test_version_0_project_migrates_in_memory_and_file_is_untouched() -> None:
    path = DATA / "old" / "project.v0.json"
    before = digest(path)
    project = load_project(path)
    assert project.template_id == "social-media-policy"
    assert project.metadata["title"] == "Old draft from format version 0"
    assert project.custom("old-intro") is not None
    assert project.to_dict()["format_version"] == formats.PROJECT.current
    assert digest(path) == before


def test_version_0_library_loads() -> None:
    lib = load_library_file(DATA / "old" / "library.v0.clauses.json")
    assert [c.id for c in lib] == ["legacy.one"]


def test_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.policy.json"
    path.write_text(json.dumps({"format": "socialpolicy.project", "format_version": 99}))
    with pytest.raises(InputError) as info:
        load_project(path)
    assert "newer than this program" in info.value.line()
    assert "/format_version" in info.value.line()


def test_schema_error_names_pointer(tmp_path: Path) -> None:
    path = tmp_path / "bad.clauses.json"
    path.write_text(
        json.dumps(
            {
                "format": "socialpolicy.clauses",
                "format_version": 1,
                "library": {"id": "x", "title": "X", "version": "1"},
                "clauses": [
                    {"id": "a", "version": 1, "title": "T", "topic": "t", "body": 5, "rationale": "r"}
                ],
            }
        )
    )
    with pytest.raises(InputError) as info:
        load_library_file(path)
    assert info.value.where == "/clauses/0/body"
    assert "expected string, found integer" in info.value.message


def test_wrong_format_kind_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.policy.json"
    path.write_text(json.dumps({"format": "socialpolicy.clauses", "format_version": 1}))
    with pytest.raises(InputError, match=r"not a 'socialpolicy\.project' file"):
        load_project(path)
