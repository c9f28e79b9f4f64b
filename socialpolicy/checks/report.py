"""The checker's report for people: grouped by severity, each line with where and why."""

from __future__ import annotations

from socialpolicy.checks import SEVERITIES, Finding, Report

_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def counted(report: Report, severities: tuple[str, ...], names: tuple[str, ...]) -> list[str]:
    """ "1 error", "2 warnings" ...: the report's open findings of each severity, named in the singular or plural."""
    counts = report.counts()
    return [
        f"{counts[s]} {name}" if counts[s] == 1 else f"{counts[s]} {name}s"
        for s, name in zip(severities, names, strict=True)
    ]


def details(f: Finding) -> list[str]:
    """What a report prints under a finding's message: the sentence, the reason, the suggestion, the source
    (the text report and the gate's SARIF, JUnit and annotation messages)."""
    lines = []
    if f.excerpt:
        lines.append(f"“{' '.join(f.excerpt.split())}”")
    if f.reason:
        lines.append(f"Reason: {f.reason}")
    if f.suggestion:
        lines.append(f"Suggestion: {f.suggestion}")
    if f.citation:
        lines.append(f"Why: {f.citation}")
    return lines


def format_text(report: Report) -> str:
    lines = [f"Checked {report.input}"]
    if report.note:
        lines.append(f"Note: {report.note}.")
    counts = report.counts()
    lines.append(
        ", ".join(counted(report, ("error", "warning", "info"), ("error", "warning", "note")))
        + (f", {counts['accepted']} accepted" if counts["accepted"] else "")
    )
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity and f.accepted is None]
        if not group:
            continue
        lines += ["", f"{_HEADINGS[severity]}:"]
        for f in group:
            where = ", ".join(x for x in (f.section, f.clause) if x)
            lines.append(f"  [{f.rule}] {f.message}" + (f" ({where})" if where else ""))
            lines += [f"      {line}" for line in details(f)]
            if f.fix:
                lines.append(f"      Fix: {f.fix.label}")
    accepted = [f for f in report.findings if f.accepted is not None]
    if accepted:
        lines += ["", "Accepted risks:"]
        for f in accepted:
            a = f.accepted
            assert a is not None
            where = ", ".join(x for x in (f.section, f.clause) if x)
            lines.append(f"  [{f.rule}] {f.severity}: {f.message}" + (f" ({where})" if where else ""))
            lines.append(f"      Accepted by {a.by} on {a.date}: {a.reason}")
    if report.covered or report.missing:
        total = len(report.covered) + len(report.missing)
        lines += ["", f"Coverage: {len(report.covered)} of {total} required topics"]
        if report.missing:
            lines.append("  missing: " + ", ".join(report.missing))
    return "\n".join(lines)


def format_rules() -> str:
    """The rule reference as Markdown: every rule with its severity (and under Boeing), where it applies,
    why, and its citation. For the documentation and the app's help."""
    from socialpolicy.checks import load_rules

    lines = ["# Checker rules", ""]
    family = ""
    for r in sorted(load_rules().values(), key=lambda r: r.id):
        if r.family != family:
            family = r.family
            lines += [f"## {family}", ""]
        severity = r.severity
        if r.family == "nlra":
            severity += (
                "; set for each finding by what the authorities say (an error where the law is settled, a warning "
                "where they disagree, lower under Boeing)"
            )
        elif "boeing" in r.under:
            severity += f" (Boeing: {r.under['boeing'] or 'not reported'})"
        where = (
            ", ".join(filter(None, [" / ".join(r.jurisdictions), " / ".join(r.sectors)])) or "all documents"
        )
        if r.not_sectors:
            where += f" (not for {' / '.join(r.not_sectors)} employers)"
        lines += [f"### `{r.id}`", "", f"Severity: {severity}. Applies to: {where}.", "", r.explanation, ""]
        if r.citation:
            lines += [f"Source: {r.citation}", ""]
    return "\n".join(lines)
