"""The checker: rules over the rendered Document that report what is inconsistent, incomplete
or risky, and why.

A rule is a plain function registered with :func:`rule`; it receives the Document and a
:class:`Context` and yields :class:`Finding` objects. One module per family of rules:

- ``structure``: unfilled variables, missing required clauses, excluded pairs, contradictory
  stances, near-duplicate clauses, duplicate headings, empty clauses;
- ``terms``: defined terms unused, undefined, defined twice, inconsistent capitals; broken
  cross-references; roles, bodies and platforms named but never defined;
- ``coverage``: required topics of the document kind (inferred for documents checked as found);
- ``nlra``: US labour-law risk under the chosen standard (Stericycle by default, or Boeing);
- ``public``: US public employers (``--sector public``), outside the NLRA: First Amendment risk;
- ``endorsements``: FTC disclosure of material connections;
- ``sector`` and ``jurisdiction``: finance, healthcare, listed companies; EU/UK monitoring,
  consent and candidate screening; US state password laws;
- ``readiness``: the source articles' conditions for social media that works;
- ``language``: readability, spelling variant, naming of the party, stray characters.

Helpers shared by the families: ``text`` (typography, sentence units, keyword gates, cached detectors),
``reading`` (what a rule sentence forbids or requires, of whom, in which parts), ``locate`` (exact excerpts
and their offsets), ``topics`` (document kind and topics of free text), ``fixes`` (slot alternatives),
``sentences`` (one sentence judged by the legal-risk detectors), ``report`` (text output).
"""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from socialpolicy.document import Block, Document, Section
from socialpolicy.model import AcceptedRisk, Topic

SEVERITIES = ("error", "warning", "info")
STANDARDS = ("stericycle", "boeing")
ALL_JURISDICTIONS = ("us", "uk", "eu")
# Modules under socialpolicy.checks, one per family of rules, loaded in this order.
FAMILIES = (
    "structure",
    "terms",
    "coverage",
    "nlra",
    "public",
    "endorsements",
    "sector",
    "jurisdiction",
    "readiness",
    "language",
    "library",
    "promises",
)


class FixKind(StrEnum):
    """The kinds of change a finding can offer (a string enum: ``FixKind.REMOVE_CLAUSE == "remove-clause"``).
    ``socialpolicy.edits.FIXERS`` applies each."""

    INSERT_CLAUSE = "insert-clause"
    SWITCH_ALTERNATIVE = "switch-alternative"
    REMOVE_CLAUSE = "remove-clause"
    DEFINE_TERM = "define-term"


@dataclass(frozen=True, slots=True)
class Fix:
    """A change the app can apply (see :class:`FixKind`); ``args`` say to what."""

    kind: FixKind
    label: str
    args: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", FixKind(self.kind))  # a string of a known kind, or ValueError


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found: where (section, clause, and the exact ``excerpt`` of the clause's text with its
    ``span``, character offsets into ``Block.text``, and ``markdown_span`` into ``Block.markdown`` when it
    could be found there), why in plain words (``reason``), what to write instead (``suggestion``), the
    authority (``citation``), and a change the app can make (``fix``)."""

    rule: str
    severity: str
    message: str
    section: str | None = None  # "3. Personal use"
    clause: str | None = None  # clause id
    excerpt: str | None = None
    citation: str | None = None
    fix: Fix | None = None
    accepted: AcceptedRisk | None = None
    reason: str | None = None
    suggestion: str | None = None
    span: tuple[int, int] | None = None
    markdown_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "section": self.section,
            "clause": self.clause,
            "excerpt": self.excerpt,
            "citation": self.citation,
            "reason": self.reason,
            "suggestion": self.suggestion,
            "span": list(self.span) if self.span is not None else None,
            "markdown_span": list(self.markdown_span) if self.markdown_span is not None else None,
        }
        if self.fix is not None:
            out["fix"] = {"kind": str(self.fix.kind), "label": self.fix.label, "args": dict(self.fix.args)}
        if self.accepted is not None:
            out["accepted"] = self.accepted.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Options:
    jurisdictions: tuple[str, ...] | None = None  # None: the document's own answers
    sector: str | None = None
    standard: str = "stericycle"


@dataclass
class Context:
    """What a rule may consult besides the Document."""

    options: Options
    jurisdictions: tuple[str, ...]
    sector: str
    listed: bool
    catalog: Any = None  # socialpolicy.library.Catalog, for fixes that insert a clause
    kind: str = ""  # the document kind: the template id, or the kind inferred from an imported text
    coverage: tuple[Topic, ...] = ()  # topics this document must cover
    present: frozenset[str] = frozenset()  # topics it covers (clause topics, or recognised in the text)
    inferred: bool = False  # kind and topics were recognised from the text (a document checked as found)
    note: str = ""  # said in the report, such as which jurisdictions were assumed
    cache: dict[str, Any] = field(default_factory=dict)  # analyses shared by the rules of one run
    original: Document | None = None  # the document as written, when the rules read a normalised copy

    @property
    def standard(self) -> str:
        return self.options.standard

    def severity(self, rule_id: str) -> str | None:
        """The rule's severity under the chosen US standard (``None``: not reported under it)."""
        r = RULES[rule_id]
        if self.options.standard in r.under:
            return r.under[self.options.standard]
        return r.severity

    def finding(
        self,
        rule_id: str,
        message: str,
        section: Section | None = None,
        block: Block | None = None,
        *,
        excerpt: str | None = None,
        fix: Fix | None = None,
        severity: str | None = None,
        clause: str | None = None,
        reason: str | None = None,
        suggestion: str | None = None,
        span: tuple[int, int] | None = None,
        citation: str | None = None,
    ) -> Finding:
        """A finding of a registered rule; ``clause`` names the clause when there is no block (definitions).
        ``span`` is where ``excerpt`` is in the block's text as the rules read it (found from the excerpt
        when not given); the reason and suggestion default to the rule's."""
        r = RULES[rule_id]
        markdown_span = None
        if block is not None and (excerpt is not None or span is not None):
            from socialpolicy.checks.locate import place

            first = self._originals().get(block.clause_id, block)
            where = place(block.text, first.text, first.markdown, excerpt or "", span)
            if where is not None:
                excerpt, span, markdown_span = where
        return Finding(
            rule=rule_id,
            severity=severity or self.severity(rule_id) or r.severity,
            message=message,
            section=f"{section.number}. {section.title}" if section else None,
            clause=block.clause_id if block else clause,
            excerpt=excerpt,
            citation=citation or r.citation or None,
            fix=fix,
            reason=reason or r.reason or None,
            suggestion=suggestion or r.suggestion or None,
            span=span,
            markdown_span=markdown_span,
        )

    def at(self, rule_id: str, message: str, unit: Any, **more: Any) -> Finding:
        """A finding quoting one sentence ``unit`` (a ``text.Unit``: section, block, sentence)."""
        from socialpolicy.checks.text import excerpt

        quoted: set[tuple[str, str, str]] = self.cache.setdefault("quoted", set())
        quoted.add((rule_id.split(".", 1)[0], unit.block.clause_id, unit.text))
        return self.finding(rule_id, message, unit.section, unit.block, excerpt=excerpt(unit.text), **more)

    def _originals(self) -> dict[str, Block]:
        """The blocks of the document as written, by clause id (the rules read a normalised copy)."""
        found = self.cache.get("original-blocks")
        if found is None:
            doc = self.original
            found = self.cache["original-blocks"] = {b.clause_id: b for _, b in doc.blocks()} if doc else {}
        return found  # type: ignore[no-any-return]


Check = Callable[[Document, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule of the checker: what rules.toml says of it (see :func:`rule`), and the check that finds it."""

    id: str
    severity: str
    explanation: str
    citation: str
    jurisdictions: tuple[str, ...]
    sectors: tuple[str, ...]
    func: Check
    under: dict[str, str | None] = field(default_factory=dict)  # severity under a US standard, None: silent
    reason: str = ""  # why it matters, in words a non-lawyer follows
    suggestion: str = ""  # what to write instead, when the rule can say
    not_sectors: tuple[str, ...] = ()  # sectors where the rule does not apply (NLRA: public employers)

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


RULES: dict[str, Rule] = {}


RULES_FILE = Path(__file__).with_name("rules.toml")
_SCOPE_KEYS = ("jurisdictions", "sectors", "not_sectors")
_TEXT_KEYS = ("explanation", "citation", "reason", "suggestion")
_FINDING_KEYS = {"message", "wording", "profile", "views"}  # a rule whose finding is the same everywhere
# How firmly the authorities hold a finding (the profiles of nlra.PROFILES).
_PROFILE_NAMES = {"settled", "presumed", "disputed", "overruled"}


@cache
def rule_texts() -> dict[str, dict[str, Any]]:
    """What ``rules.toml`` says of each rule, checked once: the words a reader sees and where it applies."""
    texts: dict[str, dict[str, Any]] = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    known = {"severity", "under", "finding", "kinds", *_SCOPE_KEYS, *_TEXT_KEYS}
    for rule_id, entry in texts.items():
        where = f"{RULES_FILE.name} [{rule_id}]"
        if unknown := set(entry) - known:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        if entry.get("severity") not in SEVERITIES:
            raise ValueError(f"{where}: bad severity {entry.get('severity')!r}")
        if not entry.get("explanation"):
            raise ValueError(f"{where}: no explanation")
        findings = [entry["finding"]] if "finding" in entry else []
        for found in [*findings, *entry.get("kinds", {}).values()]:
            if not (isinstance(found, dict) and set(found) <= _FINDING_KEYS and found.get("message")):
                raise ValueError(f"{where}: a finding has a message, and only {sorted(_FINDING_KEYS)}")
            if found.get("profile", "presumed") not in _PROFILE_NAMES:
                raise ValueError(f"{where}: a finding's profile is one of {sorted(_PROFILE_NAMES)}")
        for standard, sev in entry.get("under", {}).items():
            if standard not in STANDARDS or sev not in (*SEVERITIES, "off"):
                raise ValueError(f"{where}: bad standard override {standard!r}: {sev!r}")
    return texts


def rule(rule_id: str) -> Callable[[Check], Check]:
    """Register the function that finds what the rule ``rule_id`` of ``rules.toml`` is about. The file holds
    its severity, explanation, citation, plain-language reason and suggestion, and where it applies:
    ``jurisdictions``/``sectors`` limit where it runs (empty: everywhere), ``not_sectors`` where it does not,
    ``under`` changes its severity under a US work-rule standard (``"off"``: not reported)."""
    entry = rule_texts().get(rule_id)
    if entry is None:
        raise ValueError(f"rule {rule_id!r} is not in {RULES_FILE.name}")

    def register(func: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        RULES[rule_id] = Rule(
            rule_id,
            entry["severity"],
            entry["explanation"],
            entry.get("citation", ""),
            tuple(entry.get("jurisdictions", ())),
            tuple(entry.get("sectors", ())),
            func,
            {k: (None if v == "off" else v) for k, v in entry.get("under", {}).items()},
            entry.get("reason", ""),
            entry.get("suggestion", ""),
            tuple(entry.get("not_sectors", ())),
        )
        return func

    return register


def quoting(rule_id: str) -> Check:
    """The check of a rule that quotes each sentence its detector flags with one message: the
    ``finding.message`` of its entry in rules.toml."""
    from socialpolicy.checks.text import flagged

    message = rule_texts()[rule_id]["finding"]["message"]

    def check(doc: Document, ctx: Context) -> Iterable[Finding]:
        return flagged(doc, ctx, rule_id, lambda _unit: (message, {}))

    return check


def listing(rule_id: str, field: str, excerpt: Callable[[str], str]) -> Check:
    """The check of a rule that reports each item of a list a block keeps (``field``: the answers missing
    when it was filled in, the sections it refers to that are gone), quoting ``excerpt(item)``, with the
    ``finding.message`` of rules.toml, in which ``{item}`` and the clause's ``{title}`` are filled in."""
    message = rule_texts()[rule_id]["finding"]["message"]

    def check(doc: Document, ctx: Context) -> Iterator[Finding]:
        for section, block in doc.blocks():
            for item in getattr(block, field):
                said = message.format(item=item, title=block.title)
                yield ctx.finding(rule_id, said, section, block, excerpt=excerpt(item))

    return check


def load_rules() -> dict[str, Rule]:
    """Every rule, its family module imported; the first call also checks that every rule of rules.toml has
    its check (later calls, one per check run, cost nothing)."""
    if not _LOADED:
        for family in FAMILIES:
            importlib.import_module(f"socialpolicy.checks.{family}")
        if orphans := sorted(set(rule_texts()) - set(RULES)):
            raise ValueError(f"{RULES_FILE.name} describes rules no check finds: {', '.join(orphans)}")
        _LOADED.append(True)
    return RULES


_LOADED: list[bool] = []  # the families are imported and every rule of rules.toml has its check


@dataclass
class Report:
    input: str
    findings: list[Finding]
    covered: list[str]
    missing: list[str]
    note: str = ""

    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            if f.accepted is None:
                counts[f.severity] += 1
        counts["accepted"] = sum(1 for f in self.findings if f.accepted is not None)
        return counts

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" and f.accepted is None for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "input": self.input,
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts(),
            "coverage": {"covered": self.covered, "missing": self.missing},
        }
        if self.note:
            out["note"] = self.note
        return out


def context_for(doc: Document, options: Options, catalog: Any = None) -> Context:
    """The context of one run. ``ctx.original`` keeps ``doc``; the rules read :func:`normalised_document`."""
    from socialpolicy.checks import text as text_module
    from socialpolicy.checks import topics

    jurisdictions = options.jurisdictions if options.jurisdictions is not None else doc.jurisdictions
    note = ""
    if not jurisdictions:
        jurisdictions = ALL_JURISDICTIONS
        note = (
            "the document does not say which jurisdictions it is for, so the rules of every jurisdiction "
            "(us, uk, eu) apply"
        )
    sector = options.sector or doc.sector
    listed = doc.listed or sector == "listed"
    ctx = Context(options, tuple(jurisdictions), sector, listed, catalog, note=note, original=doc)
    if sector == "public" and "us" in ctx.jurisdictions:
        public = "a US public employer is outside the NLRA (29 U.S.C. § 152(2)): its rules are checked against the First Amendment instead"
        ctx.note = f"{ctx.note}; {public}" if ctx.note else public
    doc = normalised_document(doc)
    ctx.cache["document"] = doc
    topics.prepare(doc, ctx)
    # Every clause's sentences and keywords, first: any rule that asks which keywords a clause holds
    # then finds them already (one keyword pass per clause, not one per asking rule and another here).
    for text in text_module.distinct_texts(doc, ctx.cache):
        text_module.analysed(text)
    return ctx


def normalised_document(doc: Document) -> Document:
    """``doc`` with its clause texts and definitions read through :func:`text.normalise` (typography as
    ASCII, invisible characters dropped), once, for every rule; ``doc`` itself when nothing changes."""
    from socialpolicy.checks.text import normalise

    if all(b.text.isascii() for _, b in doc.blocks()) and all(
        d.text.isascii() and d.term.isascii() for d in doc.definitions
    ):
        return doc
    sections = tuple(
        replace(
            s, blocks=tuple(b if b.text.isascii() else replace(b, text=normalise(b.text)) for b in s.blocks)
        )
        for s in doc.sections
    )
    definitions = tuple(
        d
        if d.text.isascii() and d.term.isascii()
        else replace(d, term=normalise(d.term), text=normalise(d.text))
        for d in doc.definitions
    )
    return replace(doc, sections=sections, definitions=definitions)


def _applies(r: Rule, ctx: Context) -> bool:
    if r.jurisdictions and not set(r.jurisdictions) & set(ctx.jurisdictions):
        return False
    if ctx.sector in r.not_sectors:
        return False
    return not (r.sectors and not (ctx.sector in r.sectors or ("listed" in r.sectors and ctx.listed)))


def _accept(finding: Finding, risks: Sequence[AcceptedRisk]) -> Finding:
    for risk in risks:
        if risk.rule != finding.rule:
            continue
        if risk.clause is not None and risk.clause != finding.clause:
            continue
        if (
            risk.excerpt
            and finding.excerpt
            and risk.excerpt not in (finding.excerpt, _short(finding.excerpt))
        ):
            continue  # (risks accepted before excerpts quoted whole sentences kept the shortened form)
        return replace(finding, accepted=risk)
    return finding


def coverage_of(doc: Document, ctx: Context | None = None) -> tuple[list[str], list[str]]:
    """Covered and missing topics: the template's for a project, the inferred kind's for an imported text."""
    present = ctx.present if ctx is not None else doc.topics()
    required = [t.id for t in (ctx.coverage if ctx is not None else doc.coverage)]
    return [t for t in required if t in present], [t for t in required if t not in present]


def run(
    doc: Document,
    options: Options | None = None,
    *,
    catalog: Any = None,
    source: str = "",
    only: Iterable[str] | None = None,
) -> Report:
    """Run every applicable rule (or those in ``only``) and return the report."""
    options = options or Options()
    ctx = context_for(doc, options, catalog)
    read: Document = ctx.cache["document"]
    wanted = set(only) if only is not None else None
    findings: list[Finding] = []
    for r in load_rules().values():
        if wanted is not None and r.id not in wanted:
            continue
        if _applies(r, ctx) and ctx.severity(r.id) is not None:
            findings.extend(r.func(read, ctx))
    if doc.accepted_risks:
        findings = [_accept(f, doc.accepted_risks) for f in findings]
    covered, missing = coverage_of(doc, ctx)
    return Report(source, sort_findings(findings), covered, missing, note=ctx.note)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The report's order: open findings before accepted risks, errors first, then by section and rule."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(
        findings, key=lambda f: (f.accepted is not None, order[f.severity], f.section or "", f.rule)
    )


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
