"""Loading the libraries the app uses: a broken file is named and left out, the others are used."""

from __future__ import annotations

import json
from pathlib import Path

from socialpolicy.app.libraries import LibraryCache, load_catalog, locations, settings_with


def _write(path: Path, lib_id: str, clause_id: str) -> Path:
    clause = {
        "id": clause_id,
        "version": 1,
        "title": "T",
        "topic": "culture",
        "body": "B.",
        "rationale": "R.",
    }
    data = {
        "format": "socialpolicy.clauses",
        "format_version": 1,
        "library": {"id": lib_id, "title": lib_id, "version": "1"},
        "clauses": [clause],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_one_broken_file_does_not_stop_the_others(tmp_path: Path, monkeypatch) -> None:
    good = _write(tmp_path / "good.clauses.json", "good", "good.a")
    bad = tmp_path / "bad.clauses.json"
    bad.write_text("{ not json", encoding="utf-8")
    clash = _write(tmp_path / "builtin.clauses.json", "builtin", "x.y")
    monkeypatch.setenv("SOCIALPOLICY_LIBRARY_PATH", f"{bad}")
    steps: list[tuple[int, int, str]] = []
    load = load_catalog(
        locations([str(good), str(tmp_path / "missing"), str(clash)]), lambda *a: steps.append(a)
    )
    assert load.catalog.get("good", "good.a") is not None and len(load.catalog) > 100
    assert len(load.problems) == 3 and str(bad) in load.problems[0] and "not valid JSON" in load.problems[0]
    assert "not found" in load.problems[1] and "built-in library" in load.problems[2]
    assert (
        load.summary().startswith(f"A clause library cannot be used: {bad}")
        and "(and 2 more)" in load.summary()
    )
    assert steps[0] == (0, 3, "bad.clauses.json") and steps[-1] == (3, 3, "")
    assert load.files == (good,)
    assert load.problems_from([str(good), str(clash)]) == [load.problems[2]]


def test_cache_reads_a_file_again_only_when_it_changed(tmp_path: Path) -> None:
    path = _write(tmp_path / "org.clauses.json", "org", "org.a")
    cache = LibraryCache()
    first = cache.load(path)
    assert cache.load(path) is first
    _write(path, "org", "org.bb")
    assert cache.load(path).clauses.keys() == {"org.bb"}


def test_settings_with_adds_a_file_only_once(tmp_path: Path) -> None:
    path = _write(tmp_path / "org.clauses.json", "org", "org.a")
    assert settings_with(path, []) == [str(path)]
    assert settings_with(path, [str(tmp_path)]) == [str(tmp_path)]  # the folder covers it
