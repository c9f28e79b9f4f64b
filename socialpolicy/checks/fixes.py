"""Fixes the app can apply, found in the clause library: the compliant alternative of a slot."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from socialpolicy.document import Block
from socialpolicy.model import Clause

if TYPE_CHECKING:
    from socialpolicy.checks import Context, Fix


def switch_to(ctx: Context, block: Block, accept: Callable[[Clause], bool]) -> Fix | None:
    """A switch-alternative fix from ``block`` to the first other clause of its slot that ``accept``s
    (and that applies in the context's jurisdictions), or ``None``."""
    from socialpolicy.checks import Fix

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
                "switch-alternative",
                f"Switch to '{clause.title}' ({clause.id})",
                {"from": block.clause_id, "to": clause.id, "slot": block.slot},
            )
    return None
