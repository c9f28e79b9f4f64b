"""Findings placed on the lines of Markdown written as people write it: emphasis, straight or curly
quotes, sentences over two lines, a clause under a repeated heading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialpolicy.gate.regions import _Text, fold
from tests.gate.conftest import run

POLICY = """\
---
title: "Policy"
---

# Social media policy

## About this policy

### Rules

Be kind online.

## Conduct

### Rules

Staff **must not** discuss "wages" or working
conditions on social media.
"""


def test_fold_keeps_each_character_s_place() -> None:
    folded, where = fold("A  **“Big”**\tdeal")
    assert folded == 'a "big" deal'
    assert [where[i] for i in (0, 2, 3, 8)] == [0, 5, 6, 13]


def test_an_excerpt_is_found_across_emphasis_quotes_and_lines() -> None:
    text = _Text(POLICY)
    region = text.find("Staff must not discuss “wages” or working conditions on social media.")
    assert region is not None
    assert (region.start_line, region.start_column, region.end_line) == (17, 1, 18)
    assert (
        region.snippet.endswith("on social media.")
        and region.end_column == len("conditions on social media.") + 1
    )
    assert text.find("nowhere in the text") is None


def test_a_finding_goes_on_its_clause_under_a_repeated_heading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "policy.md").write_text(POLICY, encoding="utf-8")
    (tmp_path / "other.md").write_text(POLICY.replace("**must not**", "must not"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", ".", "--format", "json", "--jurisdiction", "us")
    assert code == 1
    for report in json.loads(out)["files"]:
        pay = next(f for f in report["findings"] if f["rule"] == "nlra.confidential-pay")
        assert pay["region"]["line"] == 17 and pay["region"]["column"] == 1, report["input"]
        whole = [f for f in report["findings"] if f["clause"] is None]
        assert all(f["region"] == {"line": 1, "column": 1} for f in whole)
