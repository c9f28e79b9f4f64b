"""The legal-risk rules measured against the labelled rule sentences in tests/data/checks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from socialpolicy.checks import RULES, load_rules
from socialpolicy.checks.sentences import DETECTORS, classify
from tests.conftest import DATA

SET = DATA / "checks" / "rule-sentences.json"


def sentences() -> list[dict[str, Any]]:
    return list(json.loads(SET.read_text(encoding="utf-8"))["sentences"])


def scores(standard: str = "stericycle") -> tuple[float, float, list[str], list[str]]:
    """Recall on the risky sentences (the expected rule fires) and the share of lawful ones flagged."""
    risky = [s for s in sentences() if s["label"] == "risky"]
    lawful = [s for s in sentences() if s["label"] == "lawful"]
    missed = [s["text"] for s in risky if s["rule"] not in classify(s["text"], standard)]
    flagged = [s["text"] for s in lawful if classify(s["text"], standard)]
    return 1 - len(missed) / len(risky), len(flagged) / len(lawful), missed, flagged


def test_the_set_is_large_and_labelled() -> None:
    items = sentences()
    assert len(items) >= 60
    assert {s["label"] for s in items} == {"risky", "lawful"}
    load_rules()
    assert all(s["rule"] in RULES and s["rule"] in DETECTORS for s in items if s["label"] == "risky")
    assert len({s["text"] for s in items}) == len(items)
    assert (
        sum(s["label"] == "risky" for s in items) >= 30 and sum(s["label"] == "lawful" for s in items) >= 30
    )


def test_recall_and_false_alarms_under_stericycle() -> None:
    recall, false_rate, missed, flagged = scores()
    assert recall >= 0.9, missed
    assert false_rate <= 0.1, flagged


def test_brief_examples() -> None:
    assert classify("Do not disclose trade secrets.") == []
    assert "nlra.confidential-broad" in classify("Do not disclose anything not public.")
    assert classify("We ban harassment in posts about colleagues.") == []
    assert "nlra.disparagement" in classify("Do not make negative comments about the company.")


@pytest.mark.parametrize(
    ("sentence", "stericycle", "boeing"),
    [
        ("Always be respectful and professional when you talk about work online.", True, False),
        ("Photographs of the workplace or of coworkers must not be posted.", True, False),
        ("Employees must not post negative comments about the company.", True, True),
    ],
)
def test_standard_changes_what_is_reported(sentence: str, stericycle: bool, boeing: bool) -> None:
    assert bool(classify(sentence, "stericycle")) is stericycle
    assert bool(classify(sentence, "boeing")) is boeing
