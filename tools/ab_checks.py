"""Compare the speed of the checker in two checkouts, turn and turn about (a script, not a test).

    python -m tools.ab_checks OTHER_CHECKOUT [--rounds 30] [--unique]

This machine's speed drifts by up to 1.8x over minutes (neighbours on the host), so two benchmark runs
minutes apart cannot be compared. Here a worker process per checkout builds the 300-clause benchmark
document once, then the two take turns at a first check (every cache cleared), and the ratio of each
pair is taken: the drift cancels out. For example, against the commit a change starts from:

    git worktree add /tmp/before HEAD~1 && python -m tools.ab_checks /tmp/before

With ``--same-findings`` it checks instead that the two checkouts report the same thing, to the character
(every finding's rule, severity, message, excerpt, spans, reason, suggestion, citation and fix, and the
counts and coverage), on: every clause of the built-in library alone, as found text; every answer fixture's
document under each standard; the Markdown policies in tests/data/checks; the benchmark document (repeated and
unique texts); and every rule of the real-rule corpus and every labelled sentence, under each standard, plain
and with Word typography. A change meant only to make the checker faster must print "identical".
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

WORKER = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from tools.bench_checks import build, clear_check_caches
from socialpolicy import checks
doc, catalog = build(300, sys.argv[2] == "unique")
checks.run(doc, catalog=catalog)
print("ready", flush=True)
for line in sys.stdin:
    clear_check_caches(); gc.collect()
    t = time.perf_counter(); checks.run(doc, catalog=catalog)
    print(f"{(time.perf_counter() - t) * 1000:.3f}", flush=True)
"""


FINDINGS = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from socialpolicy import checks, templates
from socialpolicy.assembly import assemble
from socialpolicy.render import render
from tests.checks.helpers import catalog, check_text
from tests.conftest import ANSWERS, DATA, TEMPLATE_IDS
from tools.bench_checks import build

def emit(name, report):
    text = json.dumps(report.to_dict(), sort_keys=True, ensure_ascii=False)
    print(name + "\t" + hashlib.sha256(text.encode()).hexdigest(), flush=True)

cat = catalog()
for clause in sorted(cat, key=lambda c: (c.library, c.id)):
    emit(f"library {clause.library}:{clause.id}", check_text(clause.body, ("us",)))
for template_id in TEMPLATE_IDS:
    template = templates.get(template_id)
    for path in sorted((ANSWERS / template_id).glob("*.json")):
        doc = render(assemble(template, json.loads(path.read_text(encoding="utf-8")), cat), cat, template)
        for standard in checks.STANDARDS:
            emit(f"fixture {template_id}/{path.stem} {standard}", checks.run(doc, checks.Options(standard=standard), catalog=cat))
for path in sorted((DATA / "checks").glob("*.md")):
    emit(f"markdown {path.name}", check_text(path.read_text(encoding="utf-8")))
for unique in (False, True):
    doc, cat2 = build(300, unique)
    emit(f"bench unique={unique}", checks.run(doc, catalog=cat2))
for name, standard, markdown in json.load(sys.stdin):  # the corpus and the labelled sentences, from this checkout
    emit(name, check_text(markdown, ("us",), standard=standard))
"""


def same_findings(other: Path, here: Path) -> int:
    """Whether the two checkouts give the same reports on every input named in the module's docstring."""
    from tests.checks.real_corpus import STANDARDS, entries, policy, word_typography
    from tests.conftest import DATA

    sentences = json.loads((DATA / "checks" / "rule-sentences.json").read_text(encoding="utf-8"))["sentences"]
    texts = [(f"corpus {e['split']} {e['id']}", e["text"]) for e in entries()]
    texts += [(f"sentence {i}", s["text"]) for i, s in enumerate(sentences)]
    inputs = [
        (
            f"{name} {standard} {'word' if typeset else 'plain'}",
            standard,
            policy(word_typography(t) if typeset else t),
        )
        for name, t in texts
        for standard in STANDARDS
        for typeset in (False, True)
    ]
    digests = []
    for root in (other, here):
        out = subprocess.run(
            [sys.executable, "-c", FINDINGS, str(root)],
            cwd=root,
            input=json.dumps(inputs),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        digests.append(dict(line.split("\t") for line in out.splitlines()))
    before, after = digests
    names = before.keys() | after.keys()
    differ = sorted(n for n in names if before.get(n) != after.get(n))
    for name in differ:
        # Held-out rules are never looked at: only how many of them differ is said.
        if " held-out" not in name:
            print(f"differs: {name}")
    held = sum(" held-out" in n for n in differ)
    if held:
        print(f"differs: {held} held-out corpus checks (not named)")
    print(f"{len(names)} checks, {'identical' if not differ else f'{len(differ)} differ'}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("other", type=Path, help="the checkout to compare this one with")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--unique", action="store_true", help="make every clause's text distinct")
    parser.add_argument(
        "--same-findings",
        action="store_true",
        help="compare the two checkouts' reports instead of their speed",
    )
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parents[1]  # the checkout this script is in
    if args.same_findings:
        return same_findings(args.other.resolve(), here)
    workers = {}
    for name, root in (("other", args.other.resolve()), ("this", here)):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root), "unique" if args.unique else "repeat"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        workers[name] = proc
    times: dict[str, list[float]] = {"other": [], "this": []}
    for i in range(args.rounds):
        for name in ("other", "this") if i % 2 == 0 else ("this", "other"):
            proc = workers[name]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            times[name].append(float(proc.stdout.readline()))
    for proc in workers.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    for name, values in times.items():
        print(f"{name}: first check median {statistics.median(values):.1f} ms (min {min(values):.1f})")
    ratio = statistics.median([b / a for a, b in zip(times["other"], times["this"], strict=True)])
    print(f"this / other, median of the paired ratios: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
