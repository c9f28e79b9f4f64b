"""Compare the speed of the checker in two checkouts, turn and turn about (a script, not a test).

    python -m tools.ab_checks OTHER_CHECKOUT [--rounds 30] [--unique]

This machine's speed drifts by up to 1.8x over minutes (neighbours on the host), so two benchmark runs
minutes apart cannot be compared. Here a worker process per checkout builds the 300-clause benchmark
document once, then the two take turns at a first check (every cache cleared), and the ratio of each
pair is taken: the drift cancels out. For example, against the commit a change starts from:

    git worktree add /tmp/before HEAD~1 && python -m tools.ab_checks /tmp/before
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("other", type=Path, help="the checkout to compare this one with")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--unique", action="store_true", help="make every clause's text distinct")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parents[1]  # the checkout this script is in
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
