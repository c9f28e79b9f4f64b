"""The checker's caches change how fast it is, never what it reports.

Clause analyses are cached by text across runs, and each run shares work between its rules
(ctx.cache, the keywords found per sentence). A check with every cache cleared, a check with warm
caches, and a check after one clause was edited must all give the report a fresh process would.
"""

from __future__ import annotations

from socialpolicy import checks
from tools.bench_checks import build, clear_check_caches, edit


def report(doc, catalog) -> dict:  # type: ignore[no-untyped-def]
    return checks.run(doc, catalog=catalog, source="doc").to_dict()


def test_warm_and_after_edit_checks_report_what_a_cold_check_does() -> None:
    doc, catalog = build(90)
    clear_check_caches()
    cold = report(doc, catalog)
    assert cold["findings"]  # the document has something to report, or this test proves nothing
    assert report(doc, catalog) == cold  # warm: every analysis from the cache

    for n in range(3):
        changed = edit(doc, n)
        after_edit = report(changed, catalog)  # warm, except for the edited clause
        clear_check_caches()
        assert report(changed, catalog) == after_edit
    clear_check_caches()
    assert report(doc, catalog) == cold


def test_an_edit_that_adds_a_risky_sentence_is_reported_with_warm_caches() -> None:
    doc, catalog = build(60)
    report(doc, catalog)  # warm the caches
    changed = edit(doc, 0, " Employees must not make negative comments about the company online.")
    block = changed.sections[0].blocks[0]  # edit() counts from the first clause
    found = [
        f
        for f in checks.run(changed, catalog=catalog).findings
        if f.rule == "nlra.disparagement" and f.clause == block.clause_id
    ]
    assert found and "negative comments" in (found[0].excerpt or "")
