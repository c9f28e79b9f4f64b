"""Keyword gates: a rule's regex runs only on text holding a word every match of it needs.

The words are read off each pattern (``text.required_words``). If a word were read wrongly, the
gate would hide real matches and rules would go quiet, so the reading is checked three ways: on
hand-made patterns, on every match of every gated pattern over the clause library and the
labelled sentences, and on generated text.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.checks import FAMILIES, load_rules
from socialpolicy.checks import text as text_module
from socialpolicy.checks.text import (
    DETECTORS,
    Keyed,
    analysed,
    keyed,
    keywords_in,
    plain,
    required_words,
    units,
)
from socialpolicy.library import Catalog
from tests.conftest import DATA


def gated_patterns() -> list[tuple[str, Keyed]]:
    load_rules()
    found = []
    for name in ("text", "topics", *FAMILIES):
        module = importlib.import_module(f"socialpolicy.checks.{name}")
        found += [(f"{name}.{k}", v) for k, v in vars(module).items() if isinstance(v, Keyed) and v.words]
    return found


def corpus() -> list[str]:
    texts = []
    for clause in Catalog.default():
        body = plain(clause.body)
        texts += [body, clause.title, *units(body)]
    items = json.loads((DATA / "checks" / "rule-sentences.json").read_text(encoding="utf-8"))["sentences"]
    texts += [s["text"] for s in items]
    return texts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"train\w*|induction|course", {"train", "induction", "course"}),
        (r"\bsocial media (?:lead|manager)|head of social", {"social media", "head of social"}),
        (r"(?:post)+ings?", {"post"}),  # "ing" is required too, but shorter words filter less
        (r"ab?cdef", {"cdef"}),  # an optional letter splits the run
        (r"\b(?:Works|Staff) Council\b", {"council"}),  # case-folded, and the longest shared word wins
        (r"(?:do not|never) (?:post|share)", {"do not", "never"}),
    ],
)
def test_required_words_of_hand_made_patterns(pattern: str, expected: set[str]) -> None:
    assert required_words(pattern, re.IGNORECASE) == expected


@pytest.mark.parametrize(
    "pattern", [r"[A-Za-z]+", r"(?:post)?ing", r"\bus\b|\bwe\b", r"post|\w+ly", r"(?:post)*"]
)
def test_no_words_when_a_match_may_hold_none(pattern: str) -> None:
    assert required_words(pattern, re.IGNORECASE) is None
    ungated = keyed(pattern)
    assert not ungated.words  # not gated: it runs on every text
    text = "xyzzy lovely posting"
    found, expected = ungated.search(text), re.compile(pattern, re.IGNORECASE).search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_every_match_of_every_gated_pattern_holds_one_of_its_words() -> None:
    patterns = gated_patterns()
    assert len(patterns) >= 50  # the rule modules' patterns are gated, not a handful
    texts = corpus()
    matched = 0
    for name, pattern in patterns:
        for text in texts:
            for m in pattern.regex.finditer(text):
                matched += 1
                found = m.group(0).casefold()
                assert any(w in found for w in pattern.words), (
                    f"{name}: {m.group(0)!r} holds none of {pattern.words}"
                )
    assert matched > 1000


def test_gated_and_plain_search_agree_on_the_corpus() -> None:
    for name, pattern in gated_patterns():
        for text in corpus():
            assert bool(pattern.search(text)) == bool(pattern.regex.search(text)), (name, text)


def test_detector_triggers_are_keywords() -> None:
    load_rules()
    text = "Do not disclose anything about the company on social media."
    present = keywords_in(text)
    assert "disclos" in present or any("disclos" in w for w in present) or "company" in present
    for key, (_, triggers) in DETECTORS.items():
        assert triggers and all(words and all(w == w.casefold() for w in words) for words in triggers), key


_FRAGMENTS = [
    "post",
    "Post",
    "share ",
    "do not ",
    "NEVER ",
    "social media ",
    "lead",
    "manager",
    "head of social",
    "training",
    "Induction",
    " course",
    "’",
    "é",
    "\n",
    ". ",
    "x",
    " ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join))
def test_gated_search_is_the_plain_search_on_generated_text(text: str) -> None:
    for pattern in (
        r"\bsocial media (?:lead|manager)|head of social",
        r"train\w*|induction|course",
        r"(?:do not|never)\s+(?:post|share)",
    ):
        gated = keyed(pattern)
        assert isinstance(gated, Keyed)
        assert bool(gated.search(text)) == bool(re.search(pattern, text, re.IGNORECASE))


def test_keywords_found_per_line_are_those_of_each_sentence_and_of_the_text() -> None:
    load_rules()
    lead_ins = (
        "Don't post or send:\n- anything about the company on a forum\n- on  a whim, tweets\n\n  Never  say:\n"
        "- not me\n\nStaff must:\nnot share passwords."
    )
    texts = [lead_ins, *(plain(c.body) for c in Catalog.default())]

    def direct(text: str) -> frozenset[str]:
        return frozenset(w for _, w in text_module._automaton_now().iter(text.casefold()))

    for text in texts:
        found = analysed(text)
        assert [u for u, _ in found] == list(units(text))
        for unit, words in found:
            assert words == direct(unit), unit
        assert keywords_in(text) == direct(text)
    assert {"anything", "post"} <= analysed(lead_ins)[1][1]
    assert " not " in analysed(lead_ins)[-1][1]  # found only across the join: "Staff must: not share"


def test_the_keywords_file_holds_every_gated_patterns_words() -> None:
    """The words keyed() takes from keywords.json are the words read off the patterns now (run
    ``python -m tools.keywords`` after changing a rule's pattern)."""
    import subprocess
    import sys

    root = text_module.KEYWORDS_FILE.parents[2]
    run = [sys.executable, "-m", "tools.keywords", "--check"]  # (a fresh process: only the rules' patterns)
    done = subprocess.run(run, capture_output=True, text=True, cwd=root, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for _, pattern in gated_patterns():
        assert pattern.words == frozenset(required_words(pattern.pattern, pattern.flags) or ())


def test_every_rule_pattern_compiles() -> None:
    """Patterns compile when first used: a mistake in one must still fail here, not in a user's check."""
    load_rules()
    made = text_module.all_patterns()
    assert len(made) >= 150
    for pattern in made:
        assert pattern.regex.pattern == pattern.pattern
        assert pattern.lower is None or pattern.lower.pattern == pattern.pattern


def test_a_list_under_a_lead_in_ends_with_its_last_item() -> None:
    """Items that end "a;" "b;" "c." are a list whose last item is c: the paragraph after it is read alone, not
    as one more item of the lead-in ("This list is complete" is no banned act)."""
    text = (
        "Do not post the following:\nalarm codes;\ncash routes.\nThis list is complete. Pay is never secret."
    )
    assert units(text) == (
        "Do not post the following:",
        "Do not post the following: alarm codes;",
        "Do not post the following: cash routes.",
        "This list is complete.",
        "Pay is never secret.",
    )
    loose = "Do not post:\nphotos of patients\nalarm codes"  # items with no ends stay items
    assert units(loose)[-1] == "Do not post: alarm codes"
