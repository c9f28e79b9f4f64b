"""Rendering: project -> Document. Numbering, variables, cross-references, spelling and
definitions happen here, once, for every exporter and the checker."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from socialpolicy import answers as answers_mod
from socialpolicy import markup, sandbox, spelling, typography
from socialpolicy.clause_versions import body_of, versions_of
from socialpolicy.document import Block, Definition, Document, Section, text_hash
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Project, Template, Topic

DEFINITIONS_TOPIC = "definitions"
_ANCHOR = re.compile(r"[^a-z0-9]+")


def anchor(prefix: str, ident: str) -> str:
    return f"{prefix}-{_ANCHOR.sub('-', ident.lower()).strip('-')}"


def missing_section(section_id: str) -> str:
    return f"[missing section: {section_id}]"


def clause_for(
    ref: ClauseRef, project: Project, catalog: Catalog, customs: Mapping[str, Clause] | None = None
) -> Clause | None:
    """The clause a reference points at; ``customs`` (id -> custom clause) saves a scan per lookup."""
    if ref.library == PROJECT_LIBRARY:
        return customs.get(ref.clause) if customs is not None else project.custom(ref.clause)
    return catalog.get(ref.library, ref.clause)


def version_note(clause: Clause, version: int) -> str:
    """A line for the top of a clause whose recorded version the library does not have, so that a
    changed text never passes silently (the checker reports it as an error as well); "" otherwise."""
    if body_of(clause, version) is not None:
        return ""
    known = ", ".join(str(v) for v in versions_of(clause))
    return (
        f"**[Version {version} of this clause is not in the clause library, which has version(s) {known}. "
        f"The text below is version {clause.version}: check it, then update the library or take this "
        "version.]**\n\n"
    )


@lru_cache(maxsize=8192)
def _spelled(text: str, variant: str) -> str:
    # Library text is written in UK English, so only US output needs converting.
    return spelling.convert(text, variant) if variant == "us" else text


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def human_date(value: str, variant: str) -> str:
    """``2027-01-15`` as "15 January 2027" (UK) or "January 15, 2027" (US)."""
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{d:%B} {d.day}, {d.year}" if variant == "us" else f"{d.day} {d:%B} {d.year}"


def _text_variables(variables: dict[str, Any], variant: str) -> dict[str, Any]:
    return {
        k: human_date(v, variant) if isinstance(v, str) and _ISO_DATE.match(v) else v
        for k, v in variables.items()
    }


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


@lru_cache(maxsize=8192)
def _parse(text: str) -> markup.Markup:
    return markup.parse(text)


class _Filler:
    """Fills in text: variables, cross-references, spelling; remembers what was missing."""

    def __init__(
        self, variables: dict[str, Any], numbers: dict[str, tuple[str, str]], variant: str, source: str
    ) -> None:
        self.variables = variables
        self.numbers = numbers
        self.variant = variant
        self.source = source
        self.broken: list[str] = []
        self.functions: dict[str, Callable[..., str]] = {"ref": self.ref}
        self.clause: str | None = None  # the clause being filled in, named in any error

    def ref(self, section_id: Any = "") -> str:
        key = str(section_id)
        if key not in self.numbers:
            self.broken.append(key)
            return missing_section(key)
        number, title = self.numbers[key]
        return f"[section {number}](#{anchor('sec', key)}) ({title})"

    def fill(self, text: str, where: str) -> tuple[str, list[str]]:
        """Spell the clause's own words in the chosen variant, then fill in variables (answers keep their spelling)."""
        self.broken = []
        try:
            filled, missing = sandbox.render(
                _spelled(text, self.variant),
                self.variables,
                functions=self.functions,
                source=self.source,
                where=where,
            )
        except InputError as exc:
            raise (exc.in_clause(self.clause) if self.clause else exc) from None
        return typography.smarten(filled), missing


def render(
    project: Project, catalog: Catalog, template: Template | None = None, *, source: str | Path = "project"
) -> Document:
    """Turn a project into a numbered Document. Raises :class:`InputError` for unknown clauses and for
    clause text that cannot be filled in; all the texts of the document share one sandbox budget."""
    with sandbox.document_budget():
        return _render(project, catalog, template, source=source)


def _render(project: Project, catalog: Catalog, template: Template | None, *, source: str | Path) -> Document:
    src = str(source)
    variant = str(project.answers.get("spelling", ""))  # imported text keeps its own spelling
    variables = answers_mod.context(project.answers)
    text_variables = _text_variables(variables, variant)

    # Resolve and number first, so that cross-references can point forwards.
    resolved: list[list[tuple[int, ClauseRef, Clause]]] = []
    customs = {
        c.id: c for c in reversed(project.custom_clauses)
    }  # the first of a repeated id wins, as before
    for si, section in enumerate(project.sections):
        items = []
        for ci, ref in enumerate(section.clauses):
            clause = clause_for(ref, project, catalog, customs)
            if clause is None:
                where = f"/sections/{si}/clauses/{ci}/clause"
                what = "custom clauses" if ref.library == PROJECT_LIBRARY else f"library {ref.library!r}"
                raise InputError(src, f"clause {ref.clause!r} is not in {what}", where)
            if ref.included:
                items.append((ci, ref, clause))
        resolved.append(items)
    has_terms = any(c.defines for items in resolved for _, _, c in items)
    numbers: dict[str, tuple[str, str]] = {}
    n = 0
    for section, items in zip(project.sections, resolved, strict=True):
        if items or (section.definitions and has_terms):
            n += 1
            numbers[section.id] = (
                str(n),
                typography.smarten(" ".join(_spelled(section.title, variant).split())),
            )

    filler = _Filler(text_variables, numbers, variant, src)
    sections: list[Section] = []
    definitions: list[Definition] = []
    for si, (section, items) in enumerate(zip(project.sections, resolved, strict=True)):
        if section.id not in numbers:
            continue
        number, title = numbers[section.id]
        filler.clause = None
        intro, _ = filler.fill(section.intro, f"/sections/{si}/intro") if section.intro else ("", [])
        blocks = []
        k = 0
        for ci, ref, clause in items:
            where = f"/sections/{si}/clauses/{ci}"
            filler.clause = f"{clause.library}:{clause.id}"
            lib_title, lib_body = clause.text_at(
                ref.version if ref.library != PROJECT_LIBRARY else clause.version
            )
            body_text = ref.body if ref.body is not None else lib_body
            title_text = ref.title if ref.title is not None else lib_title
            body, missing = filler.fill(body_text, f"{where}/body")
            broken = list(filler.broken)
            if ref.library != PROJECT_LIBRARY and ref.body is None:
                body = version_note(clause, ref.version) + body
            shown_title, missing_t = filler.fill(title_text, f"{where}/title")
            shown_title = " ".join(shown_title.split())  # a heading is one line in every format
            broken += filler.broken
            library_body = ""
            if ref.body is not None and ref.library != PROJECT_LIBRARY:
                library_body, _ = filler.fill(lib_body, f"{where}/library-body")
            terms = []
            for term in clause.defines:
                shown_term = _spelled(term.term, variant)
                wording = project.definitions.get(shown_term) or project.definitions.get(term.term)
                text, missing_d = filler.fill(wording or term.definition, f"{where}/defines")
                missing += missing_d
                terms.append(Definition(shown_term, _full_stop(text), clause.id))
            definitions.extend(terms)
            if section.definitions and clause.topic == DEFINITIONS_TOPIC:
                # A clause that only holds definitions is shown as the definitions list itself.
                intro = intro or body
                continue
            k += 1
            parsed = _parse(body)
            origin = "custom" if ref.library == PROJECT_LIBRARY else ("edited" if ref.edited else "library")
            blocks.append(
                Block(
                    clause_id=clause.id,
                    library=clause.library,
                    version=ref.version,
                    number=f"{number}.{k}",
                    anchor=anchor("cl", clause.id),
                    title=shown_title,
                    topic=clause.topic,
                    markdown=body,
                    html=parsed.html,
                    tree=parsed.tree,
                    text=parsed.text,
                    origin=origin,
                    library_markdown=library_body,
                    slot=clause.slot,
                    stances=dict(clause.stances),
                    requires=clause.requires,
                    excludes=clause.excludes,
                    defines=tuple(terms),
                    rationale=clause.rationale,
                    sources=clause.sources,
                    jurisdictions=clause.jurisdictions,
                    sectors=clause.sectors,
                    missing=tuple(dict.fromkeys(missing + missing_t)),
                    broken_refs=tuple(dict.fromkeys(broken)),
                    text_hash=text_hash(body),
                    pinned=ref.pinned,
                    provenance=ref.provenance,
                )
            )
        sections.append(
            Section(
                section.id,
                number,
                title,
                anchor("sec", section.id),
                tuple(blocks),
                intro,
                section.definitions,
            )
        )

    coverage: tuple[Topic, ...] = ()
    if template is not None:
        coverage = tuple(
            t
            for t in template.coverage
            if sandbox.evaluate(t.when, variables, source=src, where=f"coverage {t.id}")
        )
    metadata = dict(project.metadata)
    title = typography.smarten(
        " ".join((metadata.get("title") or (template.title if template else "Untitled policy")).split())
    )
    return Document(
        title=title,
        template_id=project.template_id,
        template_version=project.template_version,
        metadata=metadata,
        answers=dict(project.answers),
        sections=tuple(sections),
        definitions=tuple(sorted(definitions, key=lambda d: d.term.lower())),
        coverage=coverage,
        accepted_risks=project.accepted_risks,
        approvals=project.approvals,
        revisions=project.revisions,
        spelling=variant,
    )


def clear_caches() -> None:
    """Forget parsed Markdown, spelling and compiled clause text (for measuring a cold render)."""
    _parse.cache_clear()
    _spelled.cache_clear()
    sandbox.clear_caches()


def parse_markdown(text: str) -> markup.Markup:
    """Parse clause Markdown the same way the renderer does (cached)."""
    return _parse(text)
