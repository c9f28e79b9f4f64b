"""The benchmark: how long each step takes for 30-, 300- and 3,000-clause documents, and how it grows.

    python -m tools.bench [--sizes 30,300,3000] [--json OUT] [--repeat N]

Each document is a project of custom clauses whose text is drawn, in turn, from the built-in
library (variables, definitions and cross-references included), spread over sections of ten
clauses. For each size the run times: assembling the same clauses from a generated template and
library; loading the project file (parse, schema, sandbox syntax); rendering; checking; and exporting
Markdown, HTML and Word. It also loads a 5,000-clause library file, records peak memory, and times
pandoc converting the same Markdown to .docx when pandoc is on PATH. Growth is the time per clause
at the largest size divided by the time per clause at the smallest: about 1 is linear, and a
step far above 1 is growing faster than linearly.

Then, as a user runs them, whole processes at 36, 300 and 3,000 clauses (``--process-sizes``):
``socialpolicy export P --format docx --no-layout``, ``socialpolicy check P`` and ``pandoc P.md -o P.docx``
on the same document's Markdown, taken in turn (ours, pandoc, ours, pandoc ...) so that the machine's
drift falls on both alike; each figure is the median of ``--process-runs`` runs, and each ratio to pandoc
the median of the ratios pair by pair.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from socialpolicy import __version__, jsonio, templates
from socialpolicy.assembly import assemble
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog, Library, builtin, load_library_file
from socialpolicy.model import (
    BUILTIN_LIBRARY,
    PROJECT_LIBRARY,
    Clause,
    ClauseRef,
    Entry,
    Project,
    ProjectSection,
    SectionSpec,
    Template,
)
from socialpolicy.project import project_from_data
from socialpolicy.render import clear_caches, render

DEFAULT_SIZES = (30, 300, 3000)
LIBRARY_SIZE = 5000
PER_SECTION = 10
TEMPLATE_ID = "governance-charter"
PROCESS_SIZES = (36, 300, 3000)
PROCESS_RUNS = 5
PROCESS_STEPS = ("export_docx", "check", "pandoc_docx")
STEPS = ("assemble", "load", "render", "check", "export_md", "export_html", "export_docx", "pandoc_docx")
_REF = re.compile(r"ref\(\s*(['\"])[^'\"]*\1\s*\)")


def answers() -> dict[str, Any]:
    """Every template's default answers together, so that every library clause finds its variables."""
    merged: dict[str, Any] = {}
    for template in templates.available():
        merged.update(template.defaults())
    merged.setdefault("organisation_name", "Northwind Trading Ltd")
    merged.setdefault("effective_date", "2027-01-15")
    return merged


def _section_id(k: int) -> str:
    return f"s{k:04d}"


def bench_clauses(n: int, *, library: str = PROJECT_LIBRARY) -> list[Clause]:
    """``n`` clauses with text from the built-in library, cross-references pointing at sections of the bench."""
    source = sorted((c for c in builtin() if not c.retired), key=lambda c: c.id)
    sections = max(1, -(-n // PER_SECTION))
    out = []
    for i in range(n):
        base = source[i % len(source)]
        target = _section_id((i * 7 + 3) % sections)
        # Each clause pairs two library bodies, a different pair every time, so that no two clauses say
        # the same thing and every size has the same amount of text per clause.
        other = source[(i % len(source) + 1 + i // len(source)) % len(source)]
        title = f"{base.title}: {other.title}" if len(base.title) + len(other.title) < 198 else base.title
        body = _REF.sub(f"ref('{target}')", f"{base.body}\n\n{other.body}")
        if i % 5 == 0:
            body += f"\n\nSee also {{{{ ref('{_section_id((i + 1) % sections)}') }}}}."
        out.append(
            replace(
                base,
                id=f"b{i:05d}.{base.id}"[:120],
                library=library,
                title=title,
                body=body,
                condition="",
                slot="",
                requires=(),
                excludes=(),
                defines=base.defines
                if i < len(source)
                else (),  # each term defined once, as in a real document
            )
        )
    return out


def _sections(refs: Sequence[ClauseRef]) -> tuple[ProjectSection, ...]:
    return tuple(
        ProjectSection(_section_id(k), f"Part {k + 1}", tuple(refs[j : j + PER_SECTION]))
        for k, j in enumerate(range(0, len(refs), PER_SECTION))
    )


def bench_project(n: int) -> Project:
    clauses = bench_clauses(n)
    template = templates.get(TEMPLATE_ID)
    return Project(
        template_id=template.id,
        template_version=template.version,
        metadata={"title": f"Benchmark policy ({n} clauses)", "organisation": "Northwind Trading Ltd"},
        answers=answers(),
        sections=_sections([ClauseRef(c.id, PROJECT_LIBRARY, c.version) for c in clauses]),
        custom_clauses=tuple(clauses),
    )


def bench_library_data(n: int) -> dict[str, Any]:
    return {
        "format": "socialpolicy.clauses",
        "format_version": 1,
        "library": {"id": "bench", "title": "Benchmark library", "version": "1"},
        "clauses": [c.to_dict() for c in bench_clauses(n, library="bench")],
    }


def assembly_inputs(n: int) -> tuple[Template, dict[str, Any], Catalog]:
    """A generated template naming ``n`` clauses (every fifth with a condition), its answers and a catalog.

    The generated library stands in for the built-in one (same id), as a template names clauses there."""
    clauses = bench_clauses(n, library=BUILTIN_LIBRARY)
    catalog = Catalog(
        [Library(BUILTIN_LIBRARY, "Benchmark library", "1", clauses={c.id: c for c in clauses})]
    )
    specs = []
    for k, j in enumerate(range(0, n, PER_SECTION)):
        entries = tuple(
            Entry(clause=c.id, when="'us' in jurisdictions or 'uk' in jurisdictions" if i % 5 == 4 else "")
            for i, c in enumerate(clauses[j : j + PER_SECTION])
        )
        specs.append(SectionSpec(_section_id(k), f"Part {k + 1}", entries=entries))
    template = replace(templates.get(TEMPLATE_ID), sections=tuple(specs), document_title="Benchmark policy")
    return template, answers(), catalog


def _cold() -> None:
    """Forget what earlier runs parsed, compiled and analysed (rendering, and the checker's and exporters'
    per-text caches), so that a repeated step is timed as the first time it runs on a text."""
    clear_caches()
    for name, module in list(sys.modules.items()):
        if name.startswith(("socialpolicy.checks", "socialpolicy.export")):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                    value.cache_clear()


def _timed(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        _cold()  # every run starts cold, as when a user opens a file
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _docx_available() -> bool:
    try:
        import socialpolicy.export.docx  # noqa: F401
    except ImportError:
        return False
    return True


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_size(n: int, work: Path, repeat: int) -> dict[str, Any]:
    from socialpolicy import checks
    from socialpolicy.export import export

    row: dict[str, Any] = {"clauses": n}
    inputs = assembly_inputs(n)
    row["assemble"], _ = _timed(lambda: assemble(*inputs), repeat)
    project_path = work / f"bench-{n}.policy.json"
    jsonio.save_json(project_path, bench_project(n).to_dict(), backup=False)
    row["load"], project = _timed(
        lambda: project_from_data(jsonio.load_json(project_path), project_path), repeat
    )
    catalog = Catalog.default()
    template = templates.get(project.template_id)
    row["render"], doc = _timed(lambda: render(project, catalog, template, source=project_path), repeat)
    try:
        row["check"], report = _timed(
            lambda: checks.run(doc, catalog=catalog, source=str(project_path)), repeat
        )
        row["findings"] = len(report.findings)
    except ImportError as exc:  # a rule module that does not load; report the step as missing, time the rest
        row["check"], row["findings"], row["check_error"] = None, None, str(exc)
    md, html, docx = work / f"bench-{n}.md", work / f"bench-{n}.html", work / f"bench-{n}.docx"
    row["export_md"], _ = _timed(lambda: export(doc, "md", md), repeat)
    row["export_html"], _ = _timed(lambda: export(doc, "html", html), repeat)
    row["export_docx"] = None
    if _docx_available():
        row["export_docx"], _ = _timed(lambda: export(doc, "docx", docx), repeat)
    row["pandoc_docx"] = None
    pandoc = shutil.which("pandoc")
    if pandoc:
        out = work / f"bench-{n}.pandoc.docx"
        row["pandoc_docx"], _ = _timed(
            lambda: subprocess.run([pandoc, str(md), "-o", str(out)], check=True, capture_output=True), repeat
        )
    row["md_bytes"] = md.stat().st_size
    row["peak_mb"] = _traced_peak_mb(project_path, work)
    return row


def _traced_peak_mb(project_path: Path, work: Path) -> float:
    """Peak Python memory of a cold load, render and Markdown and HTML export (traced separately from the timings)."""
    from socialpolicy.export import export

    _cold()
    gc.collect()
    tracemalloc.start()
    try:
        project = project_from_data(jsonio.load_json(project_path), project_path)
        doc = render(project, Catalog.default(), templates.get(project.template_id), source=project_path)
        export(doc, "md", work / "traced.md")
        export(doc, "html", work / "traced.html")
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _process_seconds(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one whole process, from start to exit, as a user waits for it. A run that
    fails (exit 2 and over; ``check`` exits 1 when it finds errors) is no figure: it stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, check=False, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise InputError(argv[-1], f"{' '.join(argv[:4])}... failed: {done.stderr.strip()[:300]}")
    return seconds


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def run_processes(n: int, work: Path, runs: int) -> dict[str, Any]:
    """Our export to Word and our check of an ``n``-clause project, each as a whole process, against
    pandoc converting the same document's Markdown to Word, taken in turn."""
    import os

    from socialpolicy.export import export

    project_path = work / f"process-{n}.policy.json"
    jsonio.save_json(project_path, bench_project(n).to_dict(), backup=False)
    md = work / f"process-{n}.md"
    project = project_from_data(jsonio.load_json(project_path), project_path)
    doc = render(project, Catalog.default(), templates.get(project.template_id), source=project_path)
    export(doc, "md", md, md_flavor="pandoc")  # the form pandoc reads natively (heading ids kept)
    env = dict(os.environ, SOCIALPOLICY_CONFIG_DIR=str(work / "settings"), SOCIALPOLICY_SOFFICE="none")
    ours = [sys.executable, "-m", "socialpolicy"]
    commands = {
        "export_docx": [
            *ours,
            "export",
            str(project_path),
            "--format",
            "docx",
            "--no-layout",
            "-o",
            str(work / "o.docx"),
        ],
        "check": [*ours, "check", str(project_path)],
    }
    pandoc = shutil.which("pandoc")
    if pandoc:
        commands["pandoc_docx"] = [pandoc, str(md), "-o", str(work / "p.docx")]
    times: dict[str, list[float]] = {step: [] for step in commands}
    for argv in commands.values():  # a warm-up of each: the file cache, as a user's second run
        _process_seconds(argv, env)
    for _ in range(runs):
        for step, argv in commands.items():
            times[step].append(_process_seconds(argv, env))
    row: dict[str, Any] = {"clauses": n, "runs": runs}
    for step in PROCESS_STEPS:
        row[step] = _median(times[step]) if times.get(step) else None
    for step in ("export_docx", "check"):
        row[f"{step}/pandoc"] = (
            _median([a / b for a, b in zip(times[step], times["pandoc_docx"], strict=True)])
            if pandoc
            else None
        )
    return row


def _growth(
    small: dict[str, Any], large: dict[str, Any], steps: Sequence[str] = STEPS
) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for step in steps:
        a, b = small.get(step), large.get(step)
        out[step] = (b / large["clauses"]) / (a / small["clauses"]) if a and b else None
    return out


def run(
    sizes: Sequence[int],
    repeat: int = 1,
    library_size: int = LIBRARY_SIZE,
    process_sizes: Sequence[int] = PROCESS_SIZES,
    process_runs: int = PROCESS_RUNS,
) -> dict[str, Any]:
    sizes = sorted(sizes)
    with tempfile.TemporaryDirectory(prefix="socialpolicy-bench-") as tmp:
        work = Path(tmp)
        run_size(min(5, sizes[0]), work, 1)  # warm up: imports, templates, the built-in library
        rows = [run_size(n, work, repeat) for n in sizes]
        lib_path = work / "bench.clauses.json"
        jsonio.save_json(lib_path, bench_library_data(library_size), backup=False)
        library_load, _ = _timed(lambda: load_library_file(lib_path), repeat)
        processes = [run_processes(n, work, process_runs) for n in sorted(process_sizes)]
    growth = _growth(rows[0], rows[-1]) if len(rows) > 1 else {}
    growth_last = _growth(rows[-2], rows[-1]) if len(rows) > 2 else {}
    return {
        "version": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sizes": rows,
        "growth": growth,  # time per clause, largest size / smallest
        "growth_last": growth_last,  # time per clause, largest size / the size before it
        "library_load": {"clauses": library_size, "seconds": library_load},
        "peak_rss_mb": _peak_rss_mb(),
        "pandoc": shutil.which("pandoc") is not None,
        "processes": processes,
        "process_growth": _growth(processes[0], processes[-1], PROCESS_STEPS) if len(processes) > 1 else {},
    }


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:,.0f}" if value >= 0.1 else f"{value * 1000:,.1f}"


def format_table(result: dict[str, Any]) -> str:
    head = ["clauses", *STEPS, "docx/pandoc"]
    lines = ["times in milliseconds (best of the runs)", ""]
    table = [head]
    for row in result["sizes"]:
        ratio = (
            f"{row['export_docx'] / row['pandoc_docx']:.2f}"
            if row.get("export_docx") and row.get("pandoc_docx")
            else "n/a"
        )
        table.append([f"{row['clauses']:,}", *(_ms(row.get(s)) for s in STEPS), ratio])
    sizes = [r["clauses"] for r in result["sizes"]]
    for key, label in (
        ("growth", f"growth {sizes[0]:,}>{sizes[-1]:,}"),
        ("growth_last", f"growth {sizes[-2]:,}>{sizes[-1]:,}" if len(sizes) > 2 else ""),
    ):
        if result.get(key):
            table.append(
                [label, *("n/a" if result[key][s] is None else f"{result[key][s]:.2f}x" for s in STEPS), ""]
            )
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for k, r in enumerate(table):
        lines.append("  ".join(cell.rjust(w) for cell, w in zip(r, widths, strict=True)))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    lib = result["library_load"]
    lines += [
        "",
        "growth: time per clause at the larger size / at the smaller (about 1x is linear; well above 1x grows "
        "faster than linearly)"
        if result["growth"]
        else "growth: needs two sizes or more",
        f"library load: {lib['clauses']:,} clauses in {_ms(lib['seconds'])} ms",
        "peak traced memory of load + render + md/html export: "
        + ", ".join(f"{r['clauses']:,} clauses {r['peak_mb']:.1f} MB" for r in result["sizes"]),
        f"peak resident memory of the whole run: {result['peak_rss_mb']:.0f} MB",
        "pandoc: " + ("timed on the exported Markdown" if result["pandoc"] else "not on PATH, not timed"),
    ]
    if result.get("processes"):
        lines += ["", *format_processes(result)]
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def format_processes(result: dict[str, Any]) -> list[str]:
    """The whole-process table: medians in seconds, the ratios to pandoc, and the growth."""
    rows = result["processes"]
    head = ["clauses", "export_docx s", "check s", "pandoc_docx s", "export/pandoc", "check/pandoc"]
    table = [head]
    for row in rows:
        table.append(
            [
                f"{row['clauses']:,}",
                *(_seconds(row[s]) for s in PROCESS_STEPS),
                *(
                    "n/a" if row[k] is None else f"{row[k]:.2f}x"
                    for k in ("export_docx/pandoc", "check/pandoc")
                ),
            ]
        )
    growth = result.get("process_growth") or {}
    if growth:
        label = f"growth {rows[0]['clauses']:,}>{rows[-1]['clauses']:,}"
        table.append(
            [label, *("n/a" if growth[s] is None else f"{growth[s]:.2f}x" for s in PROCESS_STEPS), "", ""]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    lines = [
        f"whole processes (socialpolicy export --format docx --no-layout, socialpolicy check, pandoc on the same "
        f"Markdown), taken in turn; median of {rows[0]['runs']} runs each, ratios the median of the pairs",
        "",
    ]
    for k, r in enumerate(table):
        lines.append("  ".join(cell.rjust(w) for cell, w in zip(r, widths, strict=True)))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="clause counts, comma-separated (default: 30,300,3000)",
    )
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step; the best time is kept")
    parser.add_argument(
        "--library-size", type=int, default=LIBRARY_SIZE, help="clauses in the library load test"
    )
    parser.add_argument(
        "--process-sizes",
        default=",".join(map(str, PROCESS_SIZES)),
        help="clause counts of the whole-process comparison with pandoc (default: 36,300,3000)",
    )
    parser.add_argument(
        "--process-runs",
        type=int,
        default=PROCESS_RUNS,
        help="runs of each whole process (the median is kept)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        process_sizes = [int(s) for s in args.process_sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes and --process-sizes take whole numbers separated by commas, e.g. 30,300,3000")
    if not sizes or not process_sizes or min(sizes + process_sizes) < 1:
        parser.error("sizes must be at least 1")
    if args.repeat < 1 or args.library_size < 1 or args.process_runs < 1:
        parser.error("--repeat, --library-size and --process-runs must be at least 1")
    try:
        result = run(sizes, args.repeat, args.library_size, process_sizes, args.process_runs)
    except InputError as exc:
        sys.stderr.write(f"tools.bench: {exc.line()}\n")
        return 2
    print(format_table(result))
    if args.json:
        jsonio.atomic_write_text(args.json, json.dumps(result, indent=2) + "\n", backup=False)
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
