"""The gate's outcome in the formats CI systems show: text, JSON, SARIF 2.1.0, JUnit XML and GitHub
Actions workflow commands. Each function returns the whole text; the command line prints or writes it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

from socialpolicy import __version__, digest
from socialpolicy.checks import Finding
from socialpolicy.checks.report import details
from socialpolicy.gate import Checked, Outcome
from socialpolicy.gate.regions import WHOLE_FILE, Region

FORMATS = ("text", "json", "sarif", "junit", "github")
TOOL = "socialpolicy"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_NOUN = {"error": "error", "warning": "warning", "info": "note"}


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _where(f: Finding) -> str:
    return ", ".join(x for x in (f.section, f.clause) if x)


def _region(checked: Checked, i: int) -> Region:
    return checked.regions[i] if i < len(checked.regions) else WHOLE_FILE


def summary(outcome: Outcome) -> str:
    """One line for the whole run: files, findings, what failed."""
    c = outcome.counts()
    checked = c["files"] - c["unusable"]
    parts = [
        f"Checked {_plural(checked, 'file')}",
        ", ".join(_plural(c[s], _NOUN[s]) for s in ("error", "warning", "info"))
        + (f", {c['accepted']} accepted" if c["accepted"] else ""),
    ]
    if outcome.fail_on != "never":
        parts.append(f"{_plural(c['failing_files'], 'file')} failing on {outcome.fail_on}s")
    if c["unusable"]:
        parts.append(f"{_plural(c['unusable'], 'file')} could not be checked")
    return ": ".join(parts[:2]) + ("; " + "; ".join(parts[2:]) if parts[2:] else "") + "."


def text(outcome: Outcome) -> str:
    """Many files: a line per finding under its file (``line:column severity [rule] message``), the notes
    the files share said once, and the summary."""
    lines: list[str] = []
    notes: dict[str, int] = {}
    for checked in outcome.checked:
        report = checked.report
        open_findings = [(i, f) for i, f in enumerate(report.findings) if f.accepted is None]
        counts = report.counts()
        label = ", ".join(_plural(counts[s], _NOUN[s]) for s in ("error", "warning", "info"))
        lines.append(
            f"{checked.shown}: {label}" + (f", {counts['accepted']} accepted" if counts["accepted"] else "")
        )
        for i, f in open_findings:
            r = _region(checked, i)
            where = _where(f)
            lines.append(
                f"  {r.start_line}:{r.start_column} {f.severity:<7} [{f.rule}] {f.message}"
                + (f" ({where})" if where else "")
            )
        if report.note:
            notes[report.note] = notes.get(report.note, 0) + 1
    for u in outcome.unusable:
        lines.append(f"{u.path}: could not be checked: {u.message}")
    if notes:
        lines.append("")
        for note, n in notes.items():
            lines.append(f"Note ({_plural(n, 'file')}): {note}.")
    lines += ["", summary(outcome)]
    return "\n".join(lines)


def to_data(outcome: Outcome) -> dict[str, Any]:
    """Many files as JSON: each file's report as ``check --format json`` prints it for one file, with
    each finding's ``region``; the files that could not be checked; the totals and the exit status."""
    files = []
    for checked in outcome.checked:
        data = checked.report.to_dict()
        for i, f in enumerate(data["findings"]):
            f["region"] = _region(checked, i).to_dict()
            f["fails"] = outcome.fails(checked.report.findings[i])
        if checked.config.path is not None:
            data["config"] = str(checked.config.path)
        files.append(data)
    return {
        "files": files,
        "unusable": [{"input": u.path, "message": u.message} for u in outcome.unusable],
        "counts": outcome.counts(),
        "fail_on": outcome.fail_on,
        "exit": outcome.exit_code,
    }


def _uri(path: Path) -> tuple[str, str | None]:
    """The file as a SARIF artifact URI: relative to the working folder (``%SRCROOT%``) when inside it."""
    resolved = path.resolve()
    try:
        relative = resolved.relative_to(Path.cwd().resolve())
    except ValueError:
        return resolved.as_uri(), None
    return quote(relative.as_posix()), "%SRCROOT%"


def _location(path: Path) -> dict[str, Any]:
    uri, base = _uri(path)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    return artifact


def _fingerprint(checked: Checked, f: Finding) -> str:
    """Stable across runs and line moves: the rule, the file, the clause and the excerpt (or message)."""
    key = "\n".join([f.rule, checked.shown, f.clause or "", f.excerpt or f.message])
    return digest.sha256_hex(key)[:32]


def _rule_descriptor(rule_id: str) -> dict[str, Any]:
    from socialpolicy.checks import RULES

    rule = RULES.get(rule_id)
    if rule is None:
        return {"id": rule_id}
    help_text = rule.explanation + (f"\n\nSource: {rule.citation}" if rule.citation else "")
    out: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id.split(".", 1)[-1].replace("-", " "),
        "shortDescription": {"text": rule.explanation.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.family]},
    }
    if rule.reason:
        out["properties"]["reason"] = rule.reason
    return out


def _sarif_region(r: Region) -> dict[str, Any]:
    out: dict[str, Any] = {"startLine": r.start_line, "startColumn": r.start_column}
    if r.end_line is not None and r.end_column is not None:
        out |= {"endLine": r.end_line, "endColumn": r.end_column}
    if r.snippet:
        out["snippet"] = {"text": r.snippet}
    return out


def _message(f: Finding) -> str:
    return "\n".join([f.message, *details(f)])


def sarif(outcome: Outcome) -> dict[str, Any]:
    """One SARIF 2.1.0 run: a result per finding on its file's region, accepted risks as suppressed
    results, and each file that could not be checked as a tool notification."""
    rule_ids = sorted({f.rule for c in outcome.checked for f in c.report.findings})
    index = {r: i for i, r in enumerate(rule_ids)}
    results = []
    for checked in outcome.checked:
        for i, f in enumerate(checked.report.findings):
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": _message(f)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": _location(checked.path),
                            "region": _sarif_region(_region(checked, i)),
                        },
                        **(
                            {
                                "logicalLocations": [
                                    {"name": f.clause, "fullyQualifiedName": _where(f), "kind": "member"}
                                ]
                            }
                            if f.clause
                            else {}
                        ),
                    }
                ],
                "partialFingerprints": {"socialpolicyFinding/v1": _fingerprint(checked, f)},
            }
            if f.accepted is not None:
                a = f.accepted
                result["suppressions"] = [
                    {
                        "kind": "inSource",
                        "status": "accepted",
                        "justification": f"Accepted by {a.by} on {a.date}: {a.reason}",
                    }
                ]
            results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": u.message},
            "locations": [{"physicalLocation": {"artifactLocation": _location(Path(u.path))}}],
        }
        for u in outcome.unusable
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL,
                "fullName": "Social Policy Studio checker",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(r) for r in rule_ids],
            }
        },
        "invocations": [
            {"executionSuccessful": not outcome.unusable, "toolExecutionNotifications": notifications}
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _xml_text(text: str) -> str:
    from socialpolicy.markup import xml_safe

    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    from socialpolicy.markup import xml_safe

    return quoteattr(xml_safe(text))


def _finding_line(checked: Checked, i: int, f: Finding) -> str:
    r = _region(checked, i)
    where = _where(f)
    return f"{checked.shown}:{r.start_line}:{r.start_column}: {f.severity}: [{f.rule}] {f.message}" + (
        f" ({where})" if where else ""
    )


def junit(outcome: Outcome) -> str:
    """JUnit XML: one test case per file; a ``failure`` per finding that fails the gate (its severity
    at or above ``fail_on``), the other findings in the case's output; a file that could not be checked
    is an ``error``."""
    cases: list[str] = []
    failing = errors = 0
    for checked in outcome.checked:
        failures, others = [], []
        for i, f in enumerate(checked.report.findings):
            if outcome.fails(f):
                body = _xml_text(_finding_line(checked, i, f) + "\n" + _message(f))
                failures.append(
                    f"      <failure type={_attr(f.severity)} message={_attr(f'[{f.rule}] {f.message}')}>{body}</failure>"
                )
            else:
                status = " (accepted risk)" if f.accepted is not None else ""
                others.append(_finding_line(checked, i, f) + status)
        failing += bool(failures)
        inner = failures + (
            [f"      <system-out>{_xml_text(chr(10).join(others))}</system-out>"] if others else []
        )
        cases.append(
            f'    <testcase name={_attr(checked.shown)} classname="socialpolicy.check" file={_attr(checked.shown)} '
            f'time="{checked.seconds:.3f}">'
            + ("\n" + "\n".join(inner) + "\n    " if inner else "")
            + "</testcase>"
        )
    for u in outcome.unusable:
        errors += 1
        cases.append(
            f'    <testcase name={_attr(u.path)} classname="socialpolicy.check" file={_attr(u.path)} time="0.000">\n'
            f'      <error type="unusable-input" message={_attr(u.message)}>{_xml_text(u.message)}</error>\n'
            "    </testcase>"
        )
    total = len(cases)
    head = f'name="socialpolicy check" tests="{total}" failures="{failing}" errors="{errors}"'
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<testsuites {head} time="{outcome.seconds:.3f}">',
            f'  <testsuite {head} skipped="0" time="{outcome.seconds:.3f}">',
            f'    <properties><property name="fail-on" value={_attr(outcome.fail_on)}/></properties>',
            *cases,
            "  </testsuite>",
            "</testsuites>",
        ]
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file_property(path: Path | str) -> str:
    """The file as GitHub wants it: relative to the workspace (the working folder) when inside it."""
    p = Path(path)
    root = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def github(outcome: Outcome) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message`` for each open
    finding (``::warning``, ``::notice`` for the others), then the summary as plain text."""
    lines = []
    for checked in outcome.checked:
        for i, f in enumerate(checked.report.findings):
            if f.accepted is not None:
                continue
            r = _region(checked, i)
            props = [
                f"file={_escape_property(_file_property(checked.path))}",
                f"line={r.start_line}",
                f"col={r.start_column}",
            ]
            if r.end_line is not None and r.end_column is not None:
                props += [f"endLine={r.end_line}", f"endColumn={r.end_column}"]
            props.append(f"title={_escape_property(f.rule)}")
            where = _where(f)
            message = (
                f.message + (f" ({where})" if where else "") + (f"\nWhy: {f.citation}" if f.citation else "")
            )
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(message)}")
    for u in outcome.unusable:
        lines.append(
            f"::error file={_escape_property(_file_property(u.path))},title=unusable input::{_escape_data(u.message)}"
        )
    lines.append(summary(outcome))
    return "\n".join(lines)


def render(outcome: Outcome, fmt: str) -> str:
    """The outcome in ``fmt`` (one of :data:`FORMATS`) as the text to print or write."""
    if fmt == "text":
        return text(outcome)
    if fmt == "json":
        return json.dumps(to_data(outcome), indent=2, ensure_ascii=False)
    if fmt == "sarif":
        return json.dumps(sarif(outcome), indent=2, ensure_ascii=False)
    if fmt == "junit":
        return junit(outcome)
    if fmt == "github":
        return github(outcome)
    raise ValueError(f"unknown format {fmt!r}")
