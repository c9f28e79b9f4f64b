"""Fixes the app can apply: the compliant alternative of a slot (:func:`switch_to`), and the dry run that
keeps a fix only where applying it removes its finding and adds none (:func:`verify`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from socialpolicy.document import Block
from socialpolicy.errors import InputError
from socialpolicy.model import Clause, Project, Template

if TYPE_CHECKING:
    from socialpolicy.checks import Context, Finding, Fix, Options, Report
    from socialpolicy.library import Catalog


def insert_clause(ctx: Context, clause_id: str, **more: str) -> Fix:
    """A fix that inserts the library clause ``clause_id``, labelled with its title as the author reads it."""
    from socialpolicy.checks import Fix, FixKind

    return Fix(
        FixKind.INSERT_CLAUSE,
        f"Insert the clause '{clause_title(ctx, clause_id)}'",
        {"clause": clause_id, **more},
    )


def clause_title(ctx: Context, clause_id: str) -> str:
    """A library clause's title (its id only when the libraries in use do not have it)."""
    if ctx.catalog is not None:
        for clause in ctx.catalog:
            if clause.id == clause_id:
                return clause.title
    return clause_id


def switch_to(ctx: Context, block: Block, accept: Callable[[Clause], bool]) -> Fix | None:
    """A switch-alternative fix from ``block`` to the first other clause of its slot that ``accept``s
    (and that applies in the context's jurisdictions), or ``None``."""
    from socialpolicy.checks import Fix, FixKind

    if not block.slot or ctx.catalog is None:
        return None
    key = f"slot:{block.slot}"
    choices = ctx.cache.get(key)
    if choices is None:
        choices = [c for c in ctx.catalog if c.slot == block.slot and not c.retired]
        ctx.cache[key] = choices
    for clause in choices:
        if clause.id == block.clause_id:
            continue
        if clause.jurisdictions and not set(clause.jurisdictions) & set(ctx.jurisdictions):
            continue
        if clause.sectors and ctx.sector not in clause.sectors:
            continue
        if accept(clause):
            return Fix(
                FixKind.SWITCH_ALTERNATIVE,
                f"Switch to '{clause.title}' ({clause.id})",
                {"from": block.clause_id, "to": clause.id, "slot": block.slot},
            )
    return None


def _key(f: Finding) -> tuple[str, str | None, str | None]:
    return (f.rule, f.clause, f.excerpt if f.rule != "coverage.missing-topic" else f.message)


def verify(
    report: Report,
    project: Project,
    catalog: Catalog,
    template: Template | None,
    options: Options,
    *,
    as_found: str | None = None,
) -> Report:
    """``report`` with a fix kept only where a dry run shows it works: the project with the fix applied is
    rendered and checked again, and the fix must remove its finding and add none. ``as_found`` is the
    kind ("markdown", "docx") of a policy checked as found, rendered the same way again."""
    from socialpolicy import edits
    from socialpolicy.checks import run
    from socialpolicy.render import render

    before = {_key(f) for f in report.findings}
    tried: dict[tuple[str, str], bool] = {}
    out = []
    for f in report.findings:
        fix = f.fix
        if fix is None:
            out.append(f)
            continue
        id_ = (str(fix.kind), repr(sorted(fix.args.items())))
        if id_ not in tried:
            tried[id_] = False
            try:
                changed = edits.apply_fix(project, fix.kind, dict(fix.args), catalog, template).project
                doc = render(changed, catalog, template, source=report.input or "dry run")
                if as_found:
                    doc = replace(doc, source_kind=as_found)
                after = {_key(g) for g in run(doc, options, catalog=catalog).findings}
                tried[id_] = after <= before and _key(f) not in after
            except (InputError, ValueError):
                tried[id_] = False
        out.append(f if tried[id_] else replace(f, fix=None))
    return replace(report, findings=out)
