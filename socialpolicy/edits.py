"""Pure edits of a :class:`~socialpolicy.model.Project`: each takes a project and returns an
:class:`Edit` holding the new project and a short description (the app's undo text).

Nothing here touches files or Qt; the app wraps each edit in an undo command that holds the
project before and after. Clauses are addressed by clause id, which is unique in a project.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from socialpolicy import properties
from socialpolicy.assembly import assemble
from socialpolicy.checks import FixKind
from socialpolicy.checks.terms import ROLE_GROUPS, ROLE_PEOPLE, ROLE_SERVICES
from socialpolicy.document import DEFINITIONS_INTRO, Document
from socialpolicy.library import Catalog
from socialpolicy.model import (
    PROJECT_LIBRARY,
    AcceptedRisk,
    Clause,
    ClauseRef,
    Project,
    ProjectSection,
    Template,
    Term,
)
from socialpolicy.render import clause_for

CUSTOM_TOPIC = "custom"
CUSTOM_RATIONALE = "Written by the author of this document for this organisation."
_EMPTY = Catalog([])  # for looking up custom clauses when no catalog is at hand


class EditError(ValueError):
    """An edit that cannot be made (unknown clause, clause already present...)."""


@dataclass(frozen=True)
class Edit:
    project: Project
    text: str  # "Exclude 'Personal use'": what the edit did, for the undo menu


@dataclass(frozen=True)
class Reassembly(Edit):
    changes: tuple[str, ...] = field(default_factory=tuple)  # what changed, one line each


# ---------------------------------------------------------------- looking things up


def locate(project: Project, clause_id: str) -> tuple[int, int]:
    """Section and clause index of ``clause_id``; raise :class:`EditError` when absent."""
    for si, section in enumerate(project.sections):
        for ci, ref in enumerate(section.clauses):
            if ref.clause == clause_id:
                return si, ci
    raise EditError(f"clause {clause_id!r} is not in the document")


def find_ref(project: Project, clause_id: str) -> ClauseRef | None:
    try:
        si, ci = locate(project, clause_id)
    except EditError:
        return None
    return project.sections[si].clauses[ci]


def section_index(project: Project, section_id: str) -> int:
    for si, section in enumerate(project.sections):
        if section.id == section_id:
            return si
    raise EditError(f"section {section_id!r} is not in the document")


def title_of(project: Project, ref: ClauseRef, catalog: Catalog | None) -> str:
    """The title an author sees for ``ref`` (their edit, else the clause's)."""
    if ref.title is not None:
        return ref.title
    text = author_text(project, ref, catalog or _EMPTY)
    return text.title if text is not None else ref.clause


@dataclass(frozen=True, slots=True)
class AuthorText:
    """What the author sees of a clause in their document: its title and body as they stand (with
    variables, before rendering), and the library body they started from (``None`` for a custom
    clause)."""

    title: str
    body: str
    library_body: str | None


def author_text(project: Project, ref: ClauseRef, catalog: Catalog) -> AuthorText | None:
    """The text of ``ref`` as the author sees it; ``None`` when its clause cannot be found."""
    if ref.library == PROJECT_LIBRARY:
        custom = project.custom(ref.clause)
        return AuthorText(custom.title, custom.body, None) if custom is not None else None
    clause = catalog.get(ref.library, ref.clause)
    if clause is None:
        return None
    lib_title, lib_body = clause.text_at(ref.version)
    title = ref.title if ref.title is not None else lib_title
    return AuthorText(title, ref.body if ref.body is not None else lib_body, lib_body)


def library_text(project: Project, ref: ClauseRef, catalog: Catalog) -> tuple[str, str] | None:
    """The library title and body ``ref`` started from (``None`` for a custom clause)."""
    if ref.library == PROJECT_LIBRARY:
        return None
    clause = catalog.get(ref.library, ref.clause)
    if clause is None:
        return None
    return clause.text_at(ref.version)


def _with_ref(project: Project, si: int, ci: int, ref: ClauseRef) -> Project:
    section = project.sections[si]
    clauses = list(section.clauses)
    clauses[ci] = ref
    return _with_section(project, si, replace(section, clauses=tuple(clauses)))


def _with_section(project: Project, si: int, section: ProjectSection) -> Project:
    sections = list(project.sections)
    sections[si] = section
    return replace(project, sections=tuple(sections))


def _quote(title: str) -> str:
    return f"\u2018{title}\u2019" if len(title) <= 60 else f"\u2018{title[:57]}...\u2019"


# ---------------------------------------------------------------- include, move, text


def set_included(project: Project, clause_id: str, included: bool, catalog: Catalog | None = None) -> Edit:
    si, ci = locate(project, clause_id)
    ref = project.sections[si].clauses[ci]
    title = title_of(project, ref, catalog)
    if ref.included == included:
        return Edit(project, f"{'Include' if included else 'Exclude'} {_quote(title)}")
    new = _with_ref(project, si, ci, replace(ref, included=included))
    return Edit(new, f"{'Include' if included else 'Exclude'} {_quote(title)}")


def move_clause(
    project: Project, clause_id: str, section_id: str, index: int, catalog: Catalog | None = None
) -> Edit:
    """Move a clause to position ``index`` of section ``section_id`` (the index counts the
    clauses of the target section without the moved one; it is clamped to the section)."""
    si, ci = locate(project, clause_id)
    ref = project.sections[si].clauses[ci]
    ti = section_index(project, section_id)
    source = list(project.sections[si].clauses)
    del source[ci]
    project2 = _with_section(project, si, replace(project.sections[si], clauses=tuple(source)))
    target = list(project2.sections[ti].clauses)
    index = max(0, min(index, len(target)))
    target.insert(index, ref)
    new = _with_section(project2, ti, replace(project2.sections[ti], clauses=tuple(target)))
    where = "" if ti == si else f" to {_quote(project.sections[ti].title)}"
    return Edit(new, f"Move {_quote(title_of(project, ref, catalog))}{where}")


def edit_clause(
    project: Project, clause_id: str, catalog: Catalog, *, title: str | None = None, body: str | None = None
) -> Edit:
    """Replace a clause's title and/or body (``None`` leaves that part as it is).

    Text that equals the library text is stored as "no edit", so typing a change and then
    typing it back leaves the clause as library text.
    """
    si, ci = locate(project, clause_id)
    ref = project.sections[si].clauses[ci]
    if ref.library == PROJECT_LIBRARY:
        custom = project.custom(clause_id)
        if custom is None:
            raise EditError(f"custom clause {clause_id!r} is missing")
        changed = replace(
            custom,
            title=title if title is not None else custom.title,
            body=body if body is not None else custom.body,
        )
        customs = tuple(changed if c.id == clause_id else c for c in project.custom_clauses)
        part = "title" if body is None else "text"
        return Edit(replace(project, custom_clauses=customs), f"Edit {part} of {_quote(changed.title)}")
    original = library_text(project, ref, catalog)
    lib_title, lib_body = original if original is not None else ("", "")
    new_ref = ref
    if title is not None:
        new_ref = replace(new_ref, title=None if title == lib_title else title)
    if body is not None:
        new_ref = replace(new_ref, body=None if body == lib_body else body)
    part = "title" if body is None else "text"
    shown = title if title is not None else title_of(project, ref, catalog)
    return Edit(_with_ref(project, si, ci, new_ref), f"Edit {part} of {_quote(shown)}")


def reset_clause(project: Project, clause_id: str, catalog: Catalog | None = None) -> Edit:
    """Drop the author's edits of a library clause: back to the library text."""
    si, ci = locate(project, clause_id)
    ref = project.sections[si].clauses[ci]
    if ref.library == PROJECT_LIBRARY:
        raise EditError("a custom clause has no library text to go back to")
    new = _with_ref(project, si, ci, replace(ref, title=None, body=None))
    return Edit(new, f"Reset {_quote(title_of(project, ref, catalog))} to library text")


# ---------------------------------------------------------------- alternatives


def alternatives(
    project: Project, clause_id: str, catalog: Catalog, template: Template | None
) -> list[Clause]:
    """The clauses that can stand in the same slot as ``clause_id`` (itself included), in the
    template's order; empty when the clause is not one of a set of alternatives."""
    ref = find_ref(project, clause_id)
    if ref is None or ref.library == PROJECT_LIBRARY:
        return []
    clause = catalog.get(ref.library, ref.clause)
    slot = ref.slot or (clause.slot if clause else "")
    if not slot:
        return []
    ids: list[str] = []
    if template is not None:
        for spec in template.sections:
            for entry in spec.entries:
                if entry.slot == slot:
                    ids += [c for c in entry.choices if c not in ids]
    ids += [c.id for c in catalog if c.slot == slot and not c.retired and c.id not in ids]
    found: list[Clause] = []
    for cid in ids:
        resolved, _ = catalog.resolve(cid)
        if resolved is not None and not resolved.retired and resolved not in found:
            found.append(resolved)
    return found


def switch_alternative(
    project: Project, clause_id: str, new_clause_id: str, catalog: Catalog, template: Template | None = None
) -> Edit:
    """Put another alternative of the same slot in place of ``clause_id``.

    The author's edits belong to the text they edited, so they do not carry over.
    """
    si, ci = locate(project, clause_id)
    ref = project.sections[si].clauses[ci]
    options = {c.id: c for c in alternatives(project, clause_id, catalog, template)}
    if new_clause_id not in options:
        raise EditError(f"{new_clause_id!r} is not an alternative to {clause_id!r}")
    if new_clause_id != clause_id and find_ref(project, new_clause_id) is not None:
        raise EditError(f"clause {new_clause_id!r} is already in the document")
    chosen = options[new_clause_id]
    old_title = title_of(project, ref, catalog)
    slot = ref.slot or chosen.slot
    new_ref = ClauseRef(chosen.id, chosen.library, chosen.version, included=ref.included, slot=slot)
    new = _with_ref(project, si, ci, new_ref)
    return Edit(new, f"Switch {_quote(old_title)} to {_quote(chosen.title)}")


# ---------------------------------------------------------------- inserting and removing


def place_for(
    project: Project,
    clause: Clause,
    template: Template | None,
    after: str | None = None,
    catalog: Catalog | None = None,
) -> tuple[str, int]:
    """Where a clause belongs: after ``after`` if given; else where the template puts it, after
    the nearest clause that precedes it there; else after the last clause on the same topic;
    else at the end of the last section."""
    if not project.sections:
        raise EditError("the document has no sections")
    if after:
        ref = find_ref(project, after)
        if ref is not None:
            si, ci = locate(project, after)
            return project.sections[si].id, ci + 1
    if template is not None:
        for spec in template.sections:
            ids = [e.clause or e.slot for e in spec.entries]
            names = [({e.clause} if e.clause else set(e.choices)) for e in spec.entries]
            for ei, candidates in enumerate(names):
                if clause.id not in candidates and not (clause.slot and ids[ei] == clause.slot):
                    continue
                try:
                    si = section_index(project, spec.id)
                except EditError:
                    break
                present = [r.clause for r in project.sections[si].clauses]
                earlier = {c for group in names[:ei] for c in group}
                index = 0
                for pos, cid in enumerate(present):
                    if cid in earlier:
                        index = pos + 1
                return spec.id, index
    last: tuple[str, int] | None = None
    for section in project.sections:
        for ci, ref in enumerate(section.clauses):
            other = clause_for(ref, project, catalog or _EMPTY)
            if other is not None and other.topic == clause.topic:
                last = (section.id, ci + 1)
    if last is not None:
        return last
    return project.sections[-1].id, len(project.sections[-1].clauses)


def insert_clause(
    project: Project,
    clause: Clause,
    section_id: str | None = None,
    index: int | None = None,
    template: Template | None = None,
    after: str | None = None,
    catalog: Catalog | None = None,
) -> Edit:
    """Insert a library clause. A clause already in the document but excluded is included again."""
    existing = find_ref(project, clause.id)
    if existing is not None:
        if existing.included:
            raise EditError(f"clause {clause.id!r} is already in the document")
        edit = set_included(project, clause.id, True)
        return Edit(edit.project, f"Include {_quote(clause.title)}")
    if section_id is None:
        section_id, index = place_for(project, clause, template, after, catalog)
    si = section_index(project, section_id)
    clauses = list(project.sections[si].clauses)
    index = len(clauses) if index is None else max(0, min(index, len(clauses)))
    clauses.insert(index, ClauseRef(clause.id, clause.library, clause.version, slot=clause.slot))
    new = _with_section(project, si, replace(project.sections[si], clauses=tuple(clauses)))
    libs = list(project.libraries)
    if clause.library != PROJECT_LIBRARY and not any(x.get("id") == clause.library for x in libs):
        libs.append({"id": clause.library})
        new = replace(new, libraries=tuple(libs))
    return Edit(new, f"Insert {_quote(clause.title)}")


def _custom_id(project: Project) -> str:
    taken = {c.id for c in project.custom_clauses} | {r.clause for _, _, r in project.refs()}
    n = 1
    while f"custom-{n}" in taken:
        n += 1
    return f"custom-{n}"


def add_custom_clause(
    project: Project,
    section_id: str,
    title: str,
    body: str,
    *,
    index: int | None = None,
    topic: str = CUSTOM_TOPIC,
    rationale: str = CUSTOM_RATIONALE,
    defines: Sequence[Term] = (),
) -> Edit:
    """Add a clause the author wrote. It lives in the project, not in a library."""
    if not title.strip() or not body.strip():
        raise EditError("a custom clause needs a title and some text")
    clause = Clause(
        id=_custom_id(project),
        version=1,
        title=title.strip(),
        topic=topic,
        body=body,
        rationale=rationale,
        defines=tuple(defines),
        library=PROJECT_LIBRARY,
    )
    si = section_index(project, section_id)
    clauses = list(project.sections[si].clauses)
    index = len(clauses) if index is None else max(0, min(index, len(clauses)))
    clauses.insert(index, ClauseRef(clause.id, PROJECT_LIBRARY, 1))
    new = _with_section(project, si, replace(project.sections[si], clauses=tuple(clauses)))
    new = replace(new, custom_clauses=(*project.custom_clauses, clause))
    return Edit(new, f"Add custom clause {_quote(clause.title)}")


def remove_clause(project: Project, clause_id: str, catalog: Catalog | None = None) -> Edit:
    """Take a clause out of the document (a custom clause is deleted with it)."""
    si, ci = locate(project, clause_id)
    ref = project.sections[si].clauses[ci]
    title = title_of(project, ref, catalog)
    clauses = list(project.sections[si].clauses)
    del clauses[ci]
    new = _with_section(project, si, replace(project.sections[si], clauses=tuple(clauses)))
    if ref.library == PROJECT_LIBRARY:
        new = replace(new, custom_clauses=tuple(c for c in project.custom_clauses if c.id != clause_id))
    return Edit(new, f"Remove {_quote(title)}")


# ---------------------------------------------------------------- risks and fixes


def accept_risk(
    project: Project,
    rule: str,
    reason: str,
    by: str,
    *,
    clause: str | None = None,
    excerpt: str | None = None,
    date: dt.date | None = None,
) -> Edit:
    """Record that the author accepts a finding's risk, and why."""
    if not reason.strip():
        raise EditError("say why the risk is accepted")
    risk = AcceptedRisk(
        rule, by.strip() or "author", (date or dt.date.today()).isoformat(), reason.strip(), clause, excerpt
    )
    kept = tuple(
        r for r in project.accepted_risks if (r.rule, r.clause, r.excerpt) != (rule, clause, excerpt)
    )
    return Edit(replace(project, accepted_risks=(*kept, risk)), f"Accept risk {rule}")


def withdraw_risk(project: Project, rule: str, clause: str | None = None, excerpt: str | None = None) -> Edit:
    kept = tuple(
        r for r in project.accepted_risks if (r.rule, r.clause, r.excerpt) != (rule, clause, excerpt)
    )
    if len(kept) == len(project.accepted_risks):
        raise EditError(f"no accepted risk for {rule}")
    return Edit(replace(project, accepted_risks=kept), f"Withdraw acceptance of {rule}")


def _definitions_section(project: Project) -> str:
    for section in project.sections:
        if section.definitions:
            return section.id
    return project.sections[0].id


def _fix_insert(project: Project, args: dict[str, Any], catalog: Catalog, template: Template | None) -> Edit:
    clause, _ = catalog.resolve(str(args["clause"]), str(args.get("library", "builtin")))
    if clause is None:
        raise EditError(f"clause {args['clause']!r} is not in the library")
    return insert_clause(project, clause, template=template, after=args.get("after"), catalog=catalog)


def _fix_remove(project: Project, args: dict[str, Any], catalog: Catalog, template: Template | None) -> Edit:
    return remove_clause(project, str(args["clause"]), catalog)


def _fix_switch(project: Project, args: dict[str, Any], catalog: Catalog, template: Template | None) -> Edit:
    current = str(args.get("from") or args.get("clause", ""))
    target = str(args.get("to") or args.get("alternative", ""))
    return switch_alternative(project, current, target, catalog, template)


def _same_template(clause: Clause, project: Project, template: Template | None) -> bool:
    """Whether a library clause belongs with this document's template: it names the template among its
    kinds, or the template's outline names it (a clause of another template brings its own variables)."""
    if clause.kinds:
        return project.template_id in clause.kinds
    if template is None:
        return False
    return any(
        clause.id == e.clause or clause.id in e.choices for spec in template.sections for e in spec.entries
    )


def draft_definition(term: str) -> str:
    """A first definition of ``term`` for the author to edit: what kind of thing it names, and where to look."""
    head = term.split()[-1]
    kind = (
        "the group of people"
        if head in ROLE_GROUPS or head == "Board"
        else "the person or people"
        if head in ROLE_PEOPLE
        else "the service"
        if head in ROLE_SERVICES
        else f"the {' '.join(term.lower().split())}"
    )
    return f"{kind} that this document calls the {term}, as the clauses that use the term describe"


def _fix_define(project: Project, args: dict[str, Any], catalog: Catalog, template: Template | None) -> Edit:
    """Define a term: with the library clause of this document's template that defines it, or else with a
    definition the author can edit (:func:`edit_definition`) in the document's own definitions clause."""
    term = str(args["term"]).strip()
    if not term:
        raise EditError("no term to define")
    for clause in catalog:
        if clause.retired or not _same_template(clause, project, template):
            continue
        if any(t.term.lower() == term.lower() for t in clause.defines):
            ref = find_ref(project, clause.id)
            if ref is None or not ref.included:
                return insert_clause(project, clause, template=template, catalog=catalog)
    definition = str(args.get("definition") or draft_definition(term))
    holder = next(
        (
            c
            for c in project.custom_clauses
            if c.topic == "definitions" and find_ref(project, c.id) is not None
        ),
        None,
    )
    if holder is not None:
        if any(t.term.lower() == term.lower() for t in holder.defines):
            raise EditError(f"{term!r} is already defined in {holder.id!r}")
        changed = replace(holder, defines=(*holder.defines, Term(term, definition)))
        customs = tuple(changed if c.id == holder.id else c for c in project.custom_clauses)
        return Edit(replace(project, custom_clauses=customs), f"Define {_quote(term)}")
    edit = add_custom_clause(
        project,
        _definitions_section(project),
        "Defined terms",
        DEFINITIONS_INTRO,
        topic="definitions",
        defines=(Term(term, definition),),
    )
    return Edit(edit.project, f"Define {_quote(term)}")


def edit_definition(project: Project, clause_id: str, term: str, definition: str) -> Edit:
    """Change the definition of ``term`` in the custom clause ``clause_id`` (an author's own definition)."""
    custom = project.custom(clause_id)
    if custom is None:
        raise EditError(f"custom clause {clause_id!r} is missing")
    if not definition.strip():
        raise EditError("a definition needs some text")
    terms = tuple(Term(t.term, definition.strip()) if t.term == term else t for t in custom.defines)
    if terms == custom.defines and not any(t.term == term for t in custom.defines):
        raise EditError(f"{term!r} is not defined in {clause_id!r}")
    changed = replace(custom, defines=terms)
    customs = tuple(changed if c.id == clause_id else c for c in project.custom_clauses)
    return Edit(replace(project, custom_clauses=customs), f"Edit the definition of {_quote(term)}")


# One function per kind of fix the checker offers (see socialpolicy.checks.FixKind).
FIXERS: dict[FixKind, Callable[[Project, dict[str, Any], Catalog, Template | None], Edit]] = {
    FixKind.INSERT_CLAUSE: _fix_insert,
    FixKind.REMOVE_CLAUSE: _fix_remove,
    FixKind.SWITCH_ALTERNATIVE: _fix_switch,
    FixKind.DEFINE_TERM: _fix_define,
}


def apply_fix(
    project: Project, kind: str, args: dict[str, Any], catalog: Catalog, template: Template | None
) -> Edit:
    """Apply a checker :class:`~socialpolicy.checks.Fix` (given by its kind and arguments)."""
    try:
        fixer = FIXERS[FixKind(kind)]
    except ValueError:
        raise EditError(f"no fix of kind {kind!r}") from None
    return fixer(project, args, catalog, template)


# ---------------------------------------------------------------- answers and re-assembly

_DERIVED = ("title", "organisation", "effective_date", "review_date", "owner")


def _keys(project: Project) -> dict[str, tuple[str, ClauseRef]]:
    return {ref.clause: (project.sections[si].id, ref) for si, _, ref in project.refs()}


def _slot_choice(project: Project) -> dict[str, str]:
    return {ref.slot: ref.clause for _, _, ref in project.refs() if ref.slot}


def _describe(project: Project, ref: ClauseRef, catalog: Catalog) -> str:
    return _quote(title_of(project, ref, catalog))


def reassemble(
    project: Project,
    answers: dict[str, Any],
    template: Template,
    catalog: Catalog,
    *,
    today: dt.date | None = None,
) -> Reassembly:
    """Set new answers and re-assemble, keeping what the author did since the last assembly.

    What the author did is the difference between the project and what the old answers
    assemble to: edited text, custom clauses, clauses they inserted, excluded or moved, and
    alternatives they switched. Clauses the new answers call for are added next to their
    neighbours in the template; clauses they no longer call for are taken out (an edited one
    is kept but excluded, so no writing is lost). ``changes`` lists every difference.
    """
    before = assemble(template, project.answers, catalog, today=today)
    after = assemble(template, answers, catalog, today=today)
    old_keys, new_keys, mine = _keys(before), _keys(after), _keys(project)
    old_slots, new_slots = _slot_choice(before), _slot_choice(after)
    changes: list[str] = []

    # Start from the author's own structure, so their order and sections survive.
    sections = {s.id: list(s.clauses) for s in project.sections}
    order = [s.id for s in project.sections]
    specs = {s.id: s for s in after.sections}

    def drop(cid: str) -> None:
        sid, ref = mine[cid]
        if ref.edited:
            idx = [r.clause for r in sections[sid]].index(cid)
            sections[sid][idx] = replace(ref, included=False)
            if ref.included:
                changes.append(
                    f"Excluded {_describe(project, ref, catalog)}: the new answers no longer call for it "
                    "(your edited text is kept)"
                )
        else:
            sections[sid] = [r for r in sections[sid] if r.clause != cid]
            if ref.included:
                changes.append(
                    f"Removed {_describe(project, ref, catalog)}: the new answers no longer call for it"
                )

    # Slots whose assembled choice changed: the new choice replaces whatever the author had.
    for slot, new_choice in new_slots.items():
        old_choice = old_slots.get(slot)
        if old_choice is None or old_choice == new_choice:
            continue
        current = next((r for r in _flatten(sections) if r.slot == slot), None)
        if current is None or current.clause == new_choice:
            continue
        sid = next(s for s, refs in sections.items() if current in refs)
        idx = sections[sid].index(current)
        new_ref = replace(new_keys[new_choice][1], included=current.included)
        if current.edited:
            sections[sid][idx] = replace(current, included=False)
            sections[sid].insert(idx, new_ref)
            note = " (your edited text is kept in the excluded clause)"
        else:
            sections[sid][idx] = new_ref
            note = ""
        old_name, new_name = _describe(project, current, catalog), _describe(after, new_ref, catalog)
        if old_name == new_name:
            old_name, new_name = f"{old_name} ({current.clause})", f"{new_name} ({new_ref.clause})"
        changes.append(f"Switched {old_name} to {new_name}{note}")
    present = {r.clause for r in _flatten(sections)}

    # Clauses the old answers called for and the new ones do not.
    for cid in old_keys:
        if cid not in new_keys and cid in mine and cid in present:
            ref = mine[cid][1]
            if ref.slot and new_slots.get(ref.slot) and new_slots[ref.slot] in present:
                continue  # already replaced by the slot switch above
            drop(cid)
    present = {r.clause for r in _flatten(sections)}

    # Sections the new answers add, at their place in the template.
    for pos, section in enumerate(after.sections):
        if section.id not in sections:
            sections[section.id] = []
            prev = [s.id for s in after.sections[:pos] if s.id in order]
            order.insert(order.index(prev[-1]) + 1 if prev else 0, section.id)
            changes.append(f"Added section {_quote(section.title)}")

    # Clauses the new answers call for that the document lacks.
    for sid_new, ref in ((s.id, r) for s in after.sections for r in s.clauses):
        if ref.clause in present:
            continue
        if ref.clause in old_keys and ref.clause not in mine:
            continue  # the author removed it on purpose
        if ref.clause in old_keys and ref.clause in mine:
            continue
        if ref.slot and ref.slot in old_slots and any(r.slot == ref.slot for r in _flatten(sections)):
            continue
        new_order = [r.clause for r in after.sections[[s.id for s in after.sections].index(sid_new)].clauses]
        earlier = set(new_order[: new_order.index(ref.clause)])
        target = sections[sid_new]
        index = 0
        for i, r in enumerate(target):
            if r.clause in earlier:
                index = i + 1
        target.insert(index, ref)
        present.add(ref.clause)
        changes.append(f"Added {_describe(after, ref, catalog)}")

    # Sections left empty that the new answers do not call for.
    final: list[ProjectSection] = []
    old_sections = {s.id: s for s in project.sections}
    for sid in order:
        refs = sections[sid]
        base = old_sections.get(sid) or specs[sid]
        if not refs and sid not in specs:
            if sid in old_sections and old_sections[sid].clauses:
                changes.append(f"Removed section {_quote(base.title)}")
            continue
        final.append(replace(base, clauses=tuple(refs)))

    metadata = dict(project.metadata)
    for key in _DERIVED:
        if after.metadata.get(key, "") != before.metadata.get(key, ""):
            if after.metadata.get(key):
                metadata[key] = after.metadata[key]
            else:
                metadata.pop(key, None)
    metadata["modified"] = (today or dt.date.today()).isoformat()
    libraries = list(project.libraries)
    for lib in after.libraries:
        if not any(x.get("id") == lib["id"] for x in libraries):
            libraries.append(dict(lib))
    new_project = replace(
        project, answers=dict(answers), sections=tuple(final), metadata=metadata, libraries=tuple(libraries)
    )
    changed = [
        k for k in sorted(set(answers) | set(project.answers)) if answers.get(k) != project.answers.get(k)
    ]
    if not changes:
        changes.append("No clause changed: the new answers call for the same clauses.")
    text = "Change answers" + (
        f" ({', '.join(changed[:3])}{'...' if len(changed) > 3 else ''})" if changed else ""
    )
    return Reassembly(new_project, text, tuple(changes))


def _flatten(sections: dict[str, list[ClauseRef]]) -> list[ClauseRef]:
    return [r for refs in sections.values() for r in refs]


def set_properties(project: Project, props: properties.Properties, document: Document | None = None) -> Edit:
    """The document's facts (title, version, status, dates, approvals, history notes, definitions) in one
    undoable step; ``document`` is the project rendered, so only changed definitions are stored."""
    issues = properties.problems(props)
    if issues:
        raise EditError(issues[0])
    return Edit(properties.apply(project, props, document), "Edit document properties")
