"""Policy as code: ``socialpolicy check PATH...`` as a gate in a repository's CI.

One process checks many files and folders (projects ``*.policy.json``, Markdown and Word policies),
each with the project config file found above it (:mod:`~socialpolicy.gate.config`), places every finding
on a line of its file (:mod:`~socialpolicy.gate.regions`) and writes one summary in the format a CI system
shows (:mod:`~socialpolicy.gate.output`: text, JSON, SARIF 2.1.0, JUnit XML, GitHub Actions annotations).

A file that cannot be checked is named with what is wrong (one line on stderr) and the others are still
checked; the exit status is then 2. Otherwise ``fail_on`` decides: 1 when a finding of that severity or
worse is open (not accepted as a risk), else 0.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from socialpolicy.errors import InputError
from socialpolicy.gate.config import NO_CONFIG, Config, Finder

if TYPE_CHECKING:
    from socialpolicy.checks import Finding, Report
    from socialpolicy.gate.regions import Region
    from socialpolicy.library import Catalog

FAIL_ON = ("error", "warning", "never")
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
# What a folder walk picks up; a file named on the command line is checked whatever its name.
POLICY_SUFFIXES = (".policy.json", ".md", ".markdown", ".docx")
# Files of a repository that are about the repository, not policies: a folder walk leaves them out.
NOT_POLICIES = frozenset(
    {"readme", "changelog", "changes", "contributing", "license", "licence", "code_of_conduct", "security"}
)
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


@dataclass(frozen=True)
class Request:
    """What to check and how; ``None`` leaves a setting to the config file (then to the default)."""

    paths: tuple[str, ...]
    jurisdictions: tuple[str, ...] | None = None
    sector: str | None = None
    standard: str | None = None
    libraries: tuple[str, ...] = ()
    fail_on: str = "error"
    locate: bool = True  # place each finding on a line of its file
    # Keep a fix only where a dry run shows it works (re-rendering and re-checking the document once per
    # fix): only for output that shows fixes. SARIF, JUnit, annotations and the many-file text do not.
    verify_fixes: bool = True


@dataclass
class Checked:
    """One file's report, with the config that applied and, for each finding, where it is."""

    path: Path
    report: Report
    config: Config = NO_CONFIG
    regions: list[Region] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def shown(self) -> str:
        return self.report.input


@dataclass(frozen=True)
class Unusable:
    """A file (or folder) that could not be checked, and the one line that says why."""

    path: str
    message: str


@dataclass
class Outcome:
    checked: list[Checked]
    unusable: list[Unusable]
    fail_on: str = "error"
    seconds: float = 0.0

    def fails(self, finding: Finding) -> bool:
        """Whether ``finding`` fails the gate under ``fail_on`` (an accepted risk never does)."""
        if finding.accepted is not None or self.fail_on == "never":
            return False
        return finding.severity == "error" or (self.fail_on == "warning" and finding.severity == "warning")

    def counts(self) -> dict[str, int]:
        totals = {"files": len(self.checked) + len(self.unusable), "unusable": len(self.unusable)}
        for key in ("error", "warning", "info", "accepted"):
            totals[key] = sum(c.report.counts()[key] for c in self.checked)
        totals["failing_files"] = sum(1 for c in self.checked if any(map(self.fails, c.report.findings)))
        return totals

    @property
    def exit_code(self) -> int:
        if self.unusable:
            return EXIT_INPUT
        failing = any(self.fails(f) for c in self.checked for f in c.report.findings)
        return EXIT_FINDINGS if failing else EXIT_OK


def _is_policy(path: Path) -> bool:
    name = path.name.lower()
    if not name.endswith(POLICY_SUFFIXES) or name.startswith(
        "~$"
    ):  # ~$: Word's lock file of an open document
        return False
    return name.split(".", 1)[0] not in NOT_POLICIES


def walk(folder: Path, unreadable: list[Unusable] | None = None) -> list[Path]:
    """The policies in ``folder`` and below, in name order, leaving out hidden folders (``.git``) and
    folders of tools (``node_modules``, ``venv``). A folder that cannot be listed is added to
    ``unreadable``. A policy's name that is not a regular file (a pipe, a broken link) is kept, so that
    opening it says what it is."""
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        if unreadable is not None:
            unreadable.append(Unusable(str(folder), f"{folder}: {exc.strerror or exc}"))
        return []
    found: list[Path] = []
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir() and not child.is_symlink():  # (a linked folder could lead round in a circle)
            if child.name not in SKIPPED_FOLDERS:
                found += walk(child, unreadable)
        elif not child.is_dir() and _is_policy(child):
            found.append(child)
    return found


def collect(paths: Iterable[str], finder: Finder) -> tuple[list[Path], list[Unusable]]:
    """The files to check, each once: files named as they are, folders walked (less what their config
    excludes); a folder that holds no policy is unusable input (a gate that checks nothing would pass)."""
    files: list[Path] = []
    unusable: list[Unusable] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for given in paths:
        p = Path(given)
        if not p.is_dir():
            add(p)  # a missing or unreadable file is reported when it is opened
            continue
        found = []
        for f in walk(p, unusable):
            try:
                if finder.for_file(f).excludes(f):
                    continue
            except InputError:
                pass  # the broken config is reported with the file
            found.append(f)
        if not found:
            unusable.append(
                Unusable(given, f"{given}: no policies (*.policy.json, *.md, *.docx) in this folder")
            )
        for f in found:
            add(f)
    return files, unusable


def _disabled(rule_id: str, patterns: Sequence[str]) -> bool:
    return any(rule_id == p or (p.endswith(".*") and rule_id.startswith(p[:-1])) for p in patterns)


def _severity(rule_id: str, changes: dict[str, str]) -> str | None:
    if rule_id in changes:
        return changes[rule_id]
    family = rule_id.split(".", 1)[0] + ".*"
    return changes.get(family)


def apply_config(report: Report, config: Config) -> Report:
    """``report`` without the findings of rules the config turns off, and with the severities it changes."""
    from socialpolicy.checks import sort_findings

    if not config.disable and not config.severity:
        return report
    findings = []
    for f in report.findings:
        if _disabled(f.rule, config.disable):
            continue
        level = _severity(f.rule, config.severity)
        findings.append(replace(f, severity=level) if level else f)
    return replace(report, findings=sort_findings(findings))


class Gate:
    """Checks files one after another in this process; catalogs and configs are read once and shared."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.finder = Finder()
        self._catalogs: dict[tuple[str, ...], Catalog] = {}

    def catalog(self, config: Config) -> Catalog:
        from socialpolicy.library import Catalog

        key = tuple(str(p) for p in config.libraries) + tuple(self.request.libraries)
        if key not in self._catalogs:
            self._catalogs[key] = Catalog.configured(key)
        return self._catalogs[key]

    def check(self, path: Path) -> Checked:
        """Check one file; unusable input raises :class:`InputError` (as ``socialpolicy check FILE`` reports it)."""
        from socialpolicy import checks
        from socialpolicy.checks.fixes import verify
        from socialpolicy.workspace import load_document

        started = time.perf_counter()
        request = self.request
        config = self.finder.for_file(path)
        loaded = load_document(path, self.catalog(config))
        given = request.jurisdictions or config.jurisdictions
        options = checks.Options(
            jurisdictions=given or loaded.default_jurisdictions,
            sector=request.sector or config.sector,
            standard=request.standard or config.standard or "stericycle",
        )
        only = None
        if config.disable:
            only = [r for r in checks.load_rules() if not _disabled(r, config.disable)]
        report = checks.run(loaded.document, options, catalog=loaded.catalog, source=str(path), only=only)
        if request.verify_fixes:
            as_found = loaded.document.source_kind if loaded.document.source_kind != "project" else None
            report = verify(
                report, loaded.project, loaded.catalog, loaded.template, options, as_found=as_found
            )
        if loaded.note and not given:
            report.note = loaded.note
        report = apply_config(report, config)
        if config.path is not None:
            used = f"settings from {config.name}"
            report.note = f"{report.note}; {used}" if report.note else used
        regions: list[Region] = []
        if request.locate:
            from socialpolicy.gate.regions import locator

            locate = locator(loaded, path)
            regions = [locate(f) for f in report.findings]
        return Checked(path, report, config, regions, time.perf_counter() - started)

    def run(self, on_unusable: Callable[[Unusable], None] | None = None) -> Outcome:
        """Check every file of the request; each file that cannot be checked is passed to ``on_unusable``
        as soon as it is found, and the others are still checked."""
        started = time.perf_counter()
        files, unusable = collect(self.request.paths, self.finder)
        for u in unusable:
            if on_unusable is not None:
                on_unusable(u)
        checked: list[Checked] = []
        for path in files:
            try:
                checked.append(self.check(path))
            except Exception as exc:  # each file on its own: one bad file does not hide the others' findings
                problem = Unusable(str(path), problem_line(exc, path))
                unusable.append(problem)
                if on_unusable is not None:
                    on_unusable(problem)
        return Outcome(checked, unusable, self.request.fail_on, time.perf_counter() - started)


def problem_line(exc: Exception, path: Path) -> str:
    """The one line that says why ``path`` could not be checked; a bug is logged with its traceback."""
    if isinstance(exc, InputError):
        return exc.line()
    if isinstance(exc, OSError):
        return f"{exc.filename or path}: {exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return f"{path}: the input needs more memory than is available"
    from socialpolicy import logs

    return logs.unexpected_line(exc, str(path), f"running 'socialpolicy check' on {path}")


def single_file(paths: Sequence[str]) -> bool:
    """Whether the command names one file (not a folder): its text and JSON output stay as they always were."""
    return len(paths) == 1 and not Path(paths[0]).is_dir()
