"""The checker's report for people: grouped by severity, each line with where and why."""

from __future__ import annotations

from socialpolicy.checks import SEVERITIES, Report

_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def format_text(report: Report) -> str:
    lines = [f"Checked {report.input}"]
    if report.note:
        lines.append(f"Note: {report.note}.")
    counts = report.counts()
    lines.append(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes"
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
            if f.excerpt:
                lines.append(f"      “{f.excerpt}”")
            if f.citation:
                lines.append(f"      Why: {f.citation}")
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
