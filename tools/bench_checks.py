"""Benchmark of the full check of a 300-clause document (a script, not a test).

    python -m tools.bench_checks [--clauses 300] [--repeat 30] [--unique]

The document is a project of custom clauses copied, in turn, from the clauses of every answer
fixture's assembled document (so titles, definitions and stances repeat as they would in a long,
messy policy), in sections of ten. Every figure is the median time of ``checks.run``, all rules over
all clauses:

- "first check": every text cache cleared before each run, as for a document just opened;
- "after an edit": one clause's text changed before each run (a different clause each time) and the
  caches of the other clauses kept, as when the app re-checks while the author types;
- "unchanged": the same document checked again.

With ``--unique`` every clause's text is made distinct, so that no analysis is shared between
clauses. The labelled-set figures close the report.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import statistics
import sys
import time
from dataclasses import replace
from typing import Any

from socialpolicy import checks, templates
from socialpolicy.assembly import assemble
from socialpolicy.checks import FAMILIES
from socialpolicy.document import Document
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, ProjectSection
from socialpolicy.render import clear_caches, render
from tests.conftest import ANSWERS, TEMPLATE_IDS


def build(n: int, unique: bool = False) -> tuple[Document, Catalog]:
    catalog = Catalog.default()
    clauses: list[Clause] = []
    answers: dict[str, Any] = {}
    for template_id in TEMPLATE_IDS:
        template = templates.get(template_id)
        for path in sorted((ANSWERS / template_id).glob("*.json")):
            fixture = json.loads(path.read_text(encoding="utf-8"))
            answers = {**fixture, **answers}
            project = assemble(template, fixture, catalog)
            for section in project.sections:
                for ref in section.clauses:
                    clause = catalog.get(ref.library, ref.clause)
                    if clause is not None:
                        clauses.append(clause)
    custom: list[Clause] = []
    sections: list[ProjectSection] = []
    refs: list[ClauseRef] = []
    for i in range(n):
        source = clauses[i % len(clauses)]
        custom.append(
            source.__class__(
                **{
                    **{f: getattr(source, f) for f in source.__slots__},  # type: ignore[attr-defined]
                    "id": f"bench.{i}",
                    "library": PROJECT_LIBRARY,
                    "requires": (),
                    "excludes": (),
                    "body": source.body + (f"\n\nThis is copy {i}." if unique else ""),
                }
            )
        )
        refs.append(ClauseRef(f"bench.{i}", PROJECT_LIBRARY, 1))
        if len(refs) == 10 or i == n - 1:
            sections.append(
                ProjectSection(f"s{len(sections) + 1}", f"Section {len(sections) + 1}", tuple(refs))
            )
            refs = []
    answers["jurisdictions"] = ["us", "uk", "eu"]
    project = Project(
        "social-media-policy", "1", {"title": "Benchmark policy"}, answers, tuple(sections), tuple(custom)
    )
    clear_caches()
    return render(project, catalog, templates.get("social-media-policy"), source="bench"), catalog


def edit(doc: Document, n: int, sentence: str = "") -> Document:
    """``doc`` with the body of one clause (the ``n``-th, counting round) given a sentence it has not had
    (``sentence``, or one naming ``n``)."""
    places = [(i, j) for i, section in enumerate(doc.sections) for j in range(len(section.blocks))]
    i, j = places[(n * 7) % len(places)]
    section = doc.sections[i]
    block = section.blocks[j]
    sentence = sentence or f" Edit {n}: we review this clause every year."
    block = replace(block, text=block.text + sentence, markdown=block.markdown + sentence, origin="edited")
    blocks = (*section.blocks[:j], block, *section.blocks[j + 1 :])
    return replace(doc, sections=(*doc.sections[:i], replace(section, blocks=blocks), *doc.sections[i + 1 :]))


def clear_check_caches() -> None:
    for name in ("text", "reading", "locate", "topics", "nlra", "terms", "language", *FAMILIES):
        module = importlib.import_module(f"socialpolicy.checks.{name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clauses", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--unique", action="store_true", help="make every clause's text distinct (no shared caches)"
    )
    args = parser.parse_args(argv)
    doc, catalog = build(args.clauses, args.unique)
    blocks = sum(1 for _ in doc.blocks())
    report = checks.run(doc, catalog=catalog)  # imports and first-use costs are not part of the figure
    cold, warm = [], []
    for _ in range(args.repeat):
        clear_check_caches()
        gc.collect()  # the garbage of the caches just cleared is not this run's
        t = time.perf_counter()
        checks.run(doc, catalog=catalog)
        cold.append((time.perf_counter() - t) * 1000)
    edited = []
    for i in range(args.repeat):
        changed = edit(doc, i)
        t = time.perf_counter()
        checks.run(changed, catalog=catalog)
        edited.append((time.perf_counter() - t) * 1000)
    for _ in range(args.repeat):
        t = time.perf_counter()
        checks.run(doc, catalog=catalog)
        warm.append((time.perf_counter() - t) * 1000)
    families: dict[str, list[str]] = {}
    for rule in checks.load_rules().values():
        families.setdefault(rule.family, []).append(rule.id)
    by_family: dict[str, float] = {}
    for family, rule_ids in families.items():
        times = []
        for _ in range(max(3, args.repeat // 5)):
            clear_check_caches()
            gc.collect()
            t = time.perf_counter()
            checks.run(doc, catalog=catalog, only=rule_ids)
            times.append((time.perf_counter() - t) * 1000)
        by_family[family] = statistics.median(times)
    from tests.checks.test_sentences import scores

    recall, false_rate, _, _ = scores()
    print(f"document: {blocks} clauses, {len(report.findings)} findings ({report.counts()})")
    print(
        f"first check (cold caches): median {statistics.median(cold):.1f} ms (min {min(cold):.1f}, max {max(cold):.1f})"
    )
    print(
        f"after an edit (one clause changed): median {statistics.median(edited):.1f} ms "
        f"(min {min(edited):.1f}, max {max(edited):.1f})"
    )
    print(f"unchanged (warm caches): median {statistics.median(warm):.1f} ms")
    print(
        "first check of one family alone (ms; each pays for the sentence analysis the families share): "
        + ", ".join(f"{k} {v:.1f}" for k, v in sorted(by_family.items(), key=lambda kv: -kv[1]))
    )
    print(f"labelled sentences: recall {recall:.2f} on risky, {false_rate:.2f} of lawful flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
