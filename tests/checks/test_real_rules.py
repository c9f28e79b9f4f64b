"""The checker on the corpus of real employer rules (tests/data/checks/real/rules.json).

The tuning part is held to the issue's bar. The held-out part was never used to tune the checker; its
figures are printed (``python -m tests.checks.real_corpus held-out``) and held here to the bar too, so a
change that loses them fails."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest

from socialpolicy import checks
from socialpolicy.checks.text import normalise, normalised
from socialpolicy.workspace import render_project
from tests.checks.helpers import catalog, check_text, fixture_project
from tests.checks.real_corpus import CORPUS, entries, policy, score, word_typography
from tests.conftest import ANSWERS, DATA, TEMPLATE_IDS


def test_the_corpus_is_large_labelled_and_sourced() -> None:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    items = data["entries"]
    assert len(items) >= 300
    assert len({e["text"] for e in items}) == len(items)
    held = [e for e in items if e["split"] == "held-out"]
    assert len(held) * 3 >= len(items)
    for e in items:
        assert e["source"] in data["sources"] and data["sources"][e["source"]]["year"]
        assert e["label"] in ("lawful", "unlawful") and e["stericycle"] in ("lawful", "unlawful")
        assert e["boeing"] in ("lawful", "unlawful")
    styles = {e["style"] for e in items}
    assert {"no-one", "refrain", "prohibited", "discipline", "acknowledge", "lead-list"} <= styles


# The bar: 90% of unlawful rules flagged, at most 1 in 15 lawful ones. The tuning part meets it; the
# held-out part read 87% and 4.2% when first measured (see docs/BENCHMARKS.md); never tuned on, it reads 92% and
# 4.2% after round 3, and is held to the bar.
# The second held-out batch (round 2) read 79% caught and 3 of 26 lawful rules flagged (11.5%) when measured once
# at the end of that round. Round 3 tuned on it (it is now a tuning set, held to the bar) and measured a
# third batch written blind for it, "held-out-3" (round3.json), once at the end: held here to what that read.
# held-out-3 read 37/64 caught (58%) and 2/31 lawful flagged (6.5%) when measured once, before anyone looked at it;
# round 3 then tuned on it too (95%, 0 of 31 after), so it is held to the bar, and a fourth blind batch,
# "held-out-4" (round4.json), measured the round once at its end: 27/63 caught (43%), 1/31 lawful flagged (3.2%).
# A last pass tuned on held-out-4 too (81%, 0 of 31 after: held to that), and "held-out-5" (round5.json) measured
# it, blind, once: 33/61 caught (54%), 4/31 lawful flagged (12.9%). Three blind batches in a row read 43-58%: the
# reading still misses drafting it has not met. A pass on held-out-5's misses then read 80%, 0 of 31 (held to that):
# the next blind batch is the figure to trust. "held-out-6" (round6.json, 15 other sources), measured once at the
# end: 22/55 caught (40%), 4/25 lawful flagged (16%); a pass on its misses then read 64%, 0 of 25 (held to that),
# and "held-out-7" (round7.json, 24 other sources) measured that pass, blind, once, and was not tuned on: 34/55
# caught (62%), 2/29 lawful flagged (6.9%). A pass on its misses then read 82%, 0 of 29 (held to that), and
# "held-out-8" (round8.json, 13 other sources) measured that pass, blind, once, and was not tuned on: 27/55 caught
# (49%), 4/29 lawful flagged (13.8%). Six blind batches read 40-62%: that, not the tuned figures, is the checker's
# recall on drafting it has not met. "held-out-9" (round9.json) read 20/55 (36%), 2/25 when measured once; round 10
# tuned on it (40/55 after) and the older splits gained with it (held-out-4 to -7, held to what they read now), and
# "held-out-10" (round10.json, 27 other sources) measured round 10, blind, once: 21/54 caught (39%), 1/29 lawful
# flagged (3.4%), the same with Word typography. Round 11 tuned on held-out-10's misses (40/54 after, the older
# splits gaining a rule or two with it), and "held-out-11" (round11.json, 31 other sources) measured round 11, blind,
# once: 26/52 caught (50%), 2/28 lawful flagged (7.1%), the same with Word typography.
BAR = {
    "tune": (0.9, 1 / 15),
    "held-out": (0.9, 1 / 15),
    "held-out-2": (0.9, 1 / 15),
    "held-out-3": (0.9, 1 / 15),
    "held-out-4": (52 / 63, 1 / 15),
    "held-out-5": (51 / 61, 1 / 15),
    "held-out-6": (38 / 55, 1 / 15),
    "held-out-7": (47 / 55, 1 / 15),
    "held-out-8": (27 / 55, 4 / 29),
    "held-out-9": (40 / 55, 1 / 25),  # blind at 20/55 after the house refactor; then tuned on (round 10)
    "held-out-10": (40 / 54, 1 / 29),  # blind at 21/54 at the end of round 10; then tuned on (round 11)
    "held-out-11": (26 / 52, 2 / 28),  # blind, measured once at the end of round 11; not tuned on
}


@pytest.mark.parametrize("split", list(BAR))
@pytest.mark.parametrize("typography", [False, True])
def test_unlawful_rules_are_caught_and_lawful_ones_pass_under_stericycle(
    split: str, typography: bool
) -> None:
    s = score(entries(split), "stericycle", typography)
    recall, false_alarms = BAR[split]
    assert s.recall >= recall, s.line()
    assert s.false_alarms <= false_alarms, s.line()


@pytest.mark.parametrize("split", list(BAR))
def test_word_typography_gives_the_same_figures(split: str) -> None:
    plain, typeset = score(entries(split), "stericycle"), score(entries(split), "stericycle", True)
    assert (plain.missed_ids, plain.flagged_ids) == (typeset.missed_ids, typeset.flagged_ids)


def _findings(text: str) -> list[tuple[str, str, str]]:
    report = check_text(policy(text), ("us",))
    return [(f.rule, f.severity, f.message) for f in report.findings]


def test_labelled_sentences_give_identical_findings_with_word_typography() -> None:
    labelled = json.loads((DATA / "checks" / "rule-sentences.json").read_text(encoding="utf-8"))["sentences"]
    texts = [s["text"] for s in labelled] + [e["text"] for e in entries("tune")[:80]]
    for (
        text
    ) in texts:  # curly quotes, Unicode hyphens and dashes, non-breaking spaces (no invisible characters)
        assert _findings(text) == _findings(word_typography(text, invisible=False)), text


def test_excerpts_quote_the_authors_characters_with_offsets() -> None:
    text = "Employees\u00a0mustn\u2019t post negative comments about the company\u2019s non\u2010public plans\u200b."
    report = check_text(policy(text), ("us",))
    hit = next(f for f in report.findings if f.rule == "nlra.disparagement")
    shown = " ".join(text.split())  # Block.text: the Markdown's words, one space between them
    assert hit.excerpt == shown and hit.span == (0, len(shown))
    assert hit.markdown_span is not None and hit.markdown_span[0] == 0
    assert hit.reason and hit.suggestion and hit.citation and hit.reason != hit.citation


def test_normalised_text_maps_back_to_the_original() -> None:
    original = "Don\u2019t\u200b share \u201cinternal\u201d news\u2026 ever"
    n = normalised(original)
    assert n.text == normalise(original) == 'Don\'t share "internal" news. ever'
    start = n.text.index("share")
    assert original[slice(*n.span(start, start + 5))] == "share"


def test_the_second_batch_is_labelled_sourced_and_new() -> None:
    from tests.checks.real_corpus import ROUND2, corpus

    data = json.loads(ROUND2.read_text(encoding="utf-8"))
    sources = corpus()["sources"]
    first = {e["text"].lower() for e in json.loads(CORPUS.read_text(encoding="utf-8"))["entries"]}
    held = [e for e in data["entries"] if e["split"] == "held-out-2"]
    assert len(held) >= 60
    assert len({e["id"] for e in corpus()["entries"]}) == len(corpus()["entries"])
    for e in data["entries"]:
        assert e["text"].lower() not in first
        assert e["source"] in sources and sources[e["source"]]["year"]
        assert e["stericycle"] in ("lawful", "unlawful") and e["boeing"] in ("lawful", "unlawful")
        assert e["split"] in ("tune", "held-out-2")


def _typeset_document(doc: Any) -> Any:
    """``doc`` as Word would have typeset every clause and definition (same length: no invisible characters)."""
    sections = tuple(
        replace(
            s,
            blocks=tuple(
                replace(
                    b,
                    text=word_typography(b.text, invisible=False),
                    markdown=word_typography(b.markdown, invisible=False),
                )
                for b in s.blocks
            ),
        )
        for s in doc.sections
    )
    definitions = tuple(replace(d, text=word_typography(d.text, invisible=False)) for d in doc.definitions)
    return replace(doc, sections=sections, definitions=definitions)


def _seen(report: Any, spans: bool = True) -> list[tuple[Any, ...]]:
    return [(f.rule, f.severity, f.clause, f.section, f.span if spans else None) for f in report.findings]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_fixtures_give_the_same_findings_with_word_typography(template_id: str) -> None:
    for path in sorted((ANSWERS / template_id).glob("*.json")):
        doc = render_project(fixture_project(template_id, path.stem), catalog())
        for standard in ("stericycle", "boeing"):
            options = checks.Options(standard=standard)
            plain = checks.run(doc, options, catalog=catalog())
            typeset = checks.run(_typeset_document(doc), options, catalog=catalog())
            assert _seen(plain) == _seen(typeset), path.stem


_TEMPLATE_CODE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})", re.DOTALL)


def test_library_clauses_give_the_same_findings_with_word_typography() -> None:
    for clause in catalog():
        # Word typesets the words, not the template code ("{{ ref('approval') }}" keeps its quotes); and not with
        # the non-breaking space after a text's first word (the corpus tests have it), which here would land after
        # a list's bullet, where Word never puts one.
        pieces = _TEMPLATE_CODE.split(clause.body)
        body = "".join(p if i % 2 else word_typography(f"x y\n{p}", False)[4:] for i, p in enumerate(pieces))
        plain = check_text(clause.body, ("us",))
        typeset = check_text(body, ("us",))
        # (an ellipsis for "..." shortens the text, so the spans move)
        assert _seen(plain, spans=False) == _seen(typeset, spans=False), clause.id
