"""The data model: clauses, libraries, templates and projects, as plain immutable dataclasses.

``from_dict`` takes data already validated against the schema; ``to_dict`` gives back the
stable JSON shape. Edits are made with :func:`dataclasses.replace`, which keeps every edit pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Self

PROJECT_LIBRARY = "project"  # library id of a project's own custom clauses
BUILTIN_LIBRARY = "builtin"

JURISDICTIONS = {"us": "United States", "uk": "United Kingdom", "eu": "European Union"}
SECTORS = {
    "general": "General",
    "finance": "Financial services",
    "healthcare": "Healthcare",
    "public": "Public sector",
    "listed": "Listed company",
}
KINDS = ("social-media-policy", "internal-collaboration", "governance-charter")


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {}, ())}


class Record:
    """A flat record (a dataclass of plain values) that its file writes as an object: every field in order,
    those left at their default omitted, so files stay short and a field added later stays out of files
    that never set it; read back from the file's dict (checked by the schema) with the rest at defaults."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Term:
    """A defined term and the text that follows "TERM means"."""

    term: str
    definition: str

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "definition": self.definition}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a clause's rule comes from: a citation, its address, and whether the law is in flux."""

    citation: str
    url: str = ""
    in_flux: bool = False
    note: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(d["citation"], d.get("url", ""), bool(d.get("in_flux", False)), d.get("note", ""))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"citation": self.citation}
        if self.url:
            out["url"] = self.url
        if self.in_flux:
            out["in_flux"] = True
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class ClauseVersion:
    """An earlier version of a clause, kept in its history (newest first). ``None`` marks a field the
    file did not give, so a library is written back exactly as it was read."""

    version: int
    body: str
    title: str | None = None
    change_note: str | None = None
    date: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClauseVersion:
        return cls(int(d["version"]), d["body"], d.get("title"), d.get("change_note"), d.get("date"))

    def to_dict(self) -> dict[str, Any]:
        fields: list[tuple[str, Any]] = [
            ("version", self.version),
            ("title", self.title),
            ("body", self.body),
        ]
        fields += [("change_note", self.change_note), ("date", self.date)]
        return {key: value for key, value in fields if value is not None}


@dataclass(frozen=True, slots=True)
class Clause:
    """One modular clause: its text, rationale, conditions, sources and earlier versions."""

    id: str
    version: int
    title: str
    topic: str
    body: str
    rationale: str
    slot: str = ""
    stances: dict[str, str] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    defines: tuple[Term, ...] = ()
    condition: str = ""
    jurisdictions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    tags: tuple[str, ...] = ()
    retired: bool = False
    change_note: str = ""
    history: tuple[ClauseVersion, ...] = ()
    library: str = BUILTIN_LIBRARY  # not stored in the clause: the library it was loaded from

    @classmethod
    def from_dict(cls, d: dict[str, Any], library: str = BUILTIN_LIBRARY) -> Clause:
        return cls(
            id=d["id"],
            version=int(d["version"]),
            title=d["title"],
            topic=d["topic"],
            body=d["body"],
            rationale=d["rationale"],
            slot=d.get("slot", ""),
            stances=dict(d.get("stances", {})),
            requires=tuple(d.get("requires", ())),
            excludes=tuple(d.get("excludes", ())),
            defines=tuple(Term(t["term"], t["definition"]) for t in d.get("defines", ())),
            condition=d.get("condition", ""),
            jurisdictions=tuple(d.get("jurisdictions", ())),
            sectors=tuple(d.get("sectors", ())),
            kinds=tuple(d.get("kinds", ())),
            sources=tuple(Source.from_dict(s) for s in d.get("sources", ())),
            tags=tuple(d.get("tags", ())),
            retired=bool(d.get("retired", False)),
            change_note=d.get("change_note", ""),
            history=tuple(ClauseVersion.from_dict(h) for h in d.get("history", ())),
            library=library,
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "id": self.id,
                "version": self.version,
                "title": self.title,
                "topic": self.topic,
                "body": self.body,
                "rationale": self.rationale,
                "slot": self.slot,
                "stances": dict(self.stances),
                "requires": list(self.requires),
                "excludes": list(self.excludes),
                "defines": [t.to_dict() for t in self.defines],
                "condition": self.condition,
                "jurisdictions": list(self.jurisdictions),
                "sectors": list(self.sectors),
                "kinds": list(self.kinds),
                "sources": [s.to_dict() for s in self.sources],
                "tags": list(self.tags),
                "retired": self.retired or None,
                "change_note": self.change_note,
                "history": [h.to_dict() for h in self.history],
            }
        )

    @property
    def key(self) -> tuple[str, str]:
        return (self.library, self.id)

    def at_version(self, version: int) -> ClauseVersion | None:
        """This clause as it was at ``version`` (the current text for the current version); ``None``
        when the history does not reach back that far."""
        if version == self.version:
            return ClauseVersion(self.version, self.body, self.title, self.change_note or None)
        return next((h for h in self.history if h.version == version), None)

    def text_at(self, version: int) -> tuple[str, str]:
        """The title and body a reference to ``version`` shows: that version's text, or the current
        text when the history does not have it (a title the history left out is the current one)."""
        old = self.at_version(version)
        if old is None:
            return self.title, self.body
        return (old.title if old.title is not None else self.title), old.body


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a question offers."""

    value: str
    label: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a template's wizard."""

    id: str
    label: str
    type: str
    group: str = ""
    help: str = ""
    choices: tuple[Choice, ...] = ()
    default: Any = None
    required: bool = False
    when: str = ""
    validation: dict[str, Any] = field(default_factory=dict)
    # A sample answer ("Example Organisation Ltd"): the wizard shows it greyed as a hint, never as the
    # value, and the checker reports it as unfinished wherever it is left in a document.
    example: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Question:
        return cls(
            id=d["id"],
            label=d["label"],
            type=d["type"],
            group=d.get("group", ""),
            help=d.get("help", ""),
            choices=tuple(Choice(c["value"], c["label"], c.get("help", "")) for c in d.get("choices", ())),
            default=d.get("default"),
            required=bool(d.get("required", False)),
            when=d.get("when", ""),
            validation=dict(d.get("validation", {})),
            example=str(d.get("example", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        out = _drop_empty(
            {
                "id": self.id,
                "label": self.label,
                "type": self.type,
                "group": self.group,
                "help": self.help,
                "choices": [
                    _drop_empty({"value": c.value, "label": c.label, "help": c.help}) for c in self.choices
                ],
                "required": self.required or None,
                "when": self.when,
                "validation": self.validation,
                "example": self.example,
            }
        )
        if self.default is not None:
            out["default"] = self.default
        return out


@dataclass(frozen=True, slots=True)
class Group:
    """A page of the wizard's questions."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry in a template section: a clause, or a slot of alternatives."""

    clause: str = ""
    slot: str = ""
    choices: tuple[str, ...] = ()
    default: str = ""
    when: str = ""

    @classmethod
    def from_data(cls, d: str | dict[str, Any]) -> Entry:
        if isinstance(d, str):
            return cls(clause=d)
        if "slot" in d:
            return cls(
                slot=d["slot"],
                choices=tuple(d["choices"]),
                default=d.get("default", ""),
                when=d.get("when", ""),
            )
        return cls(clause=d["clause"], when=d.get("when", ""))


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One section of a template's outline and the entries that fill it."""

    id: str
    title: str
    intro: str = ""
    definitions: bool = False
    when: str = ""
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic a complete document must cover, and why."""

    id: str
    label: str
    basis: str = "practice"
    when: str = ""
    reason: str = ""
    citation: str = ""


@dataclass(frozen=True, slots=True)
class Template:
    """A document template: outline, questions and the topics a complete document covers."""

    id: str
    version: str
    title: str
    description: str
    document_title: str
    groups: tuple[Group, ...]
    questions: tuple[Question, ...]
    sections: tuple[SectionSpec, ...]
    coverage: tuple[Topic, ...]

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def defaults(self) -> dict[str, Any]:
        """Every default answer, sample answers included (``new --defaults`` builds a sample document)."""
        return {q.id: q.default for q in self.questions if q.default is not None}

    def prefill(self) -> dict[str, Any]:
        """The defaults the wizard starts from: a default that is only a sample answer is left out."""
        return {
            q.id: q.default
            for q in self.questions
            if q.default is not None and not (q.example and q.default == q.example)
        }

    def examples(self) -> dict[str, str]:
        """Sample answers by question id."""
        return {q.id: q.example for q in self.questions if q.example}


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A clause placed in a project: which one, and the author's changes to it."""

    clause: str
    library: str = BUILTIN_LIBRARY
    version: int = 1
    included: bool = True
    pinned: bool = False
    slot: str = ""
    title: str | None = None  # author's edit of the title
    body: str | None = None  # author's edit of the body
    provenance: str = ""  # where the edit came from: "Changed in legal review by NAME on DATE"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClauseRef:
        return cls(
            clause=d["clause"],
            library=d.get("library", BUILTIN_LIBRARY),
            version=int(d.get("version", 1)),
            included=bool(d.get("included", True)),
            pinned=bool(d.get("pinned", False)),
            slot=d.get("slot", ""),
            title=d.get("title"),
            body=d.get("body"),
            provenance=d.get("provenance", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"clause": self.clause, "library": self.library, "version": self.version}
        if not self.included:
            out["included"] = False
        if self.pinned:
            out["pinned"] = True
        if self.slot:
            out["slot"] = self.slot
        if self.title is not None:
            out["title"] = self.title
        if self.body is not None:
            out["body"] = self.body
        if self.provenance:
            out["provenance"] = self.provenance
        return out

    @property
    def key(self) -> tuple[str, str]:
        return (self.library, self.clause)

    @property
    def edited(self) -> bool:
        return self.body is not None or self.title is not None


@dataclass(frozen=True, slots=True)
class ProjectSection:
    """One section of a project: its title and the clauses it holds, in order."""

    id: str
    title: str
    clauses: tuple[ClauseRef, ...] = ()
    intro: str = ""
    definitions: bool = False

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ProjectSection:
        return cls(
            id=d["id"],
            title=d["title"],
            clauses=tuple(ClauseRef.from_dict(c) for c in d.get("clauses", ())),
            intro=d.get("intro", ""),
            definitions=bool(d.get("definitions", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "clauses": [c.to_dict() for c in self.clauses],
        }
        if self.intro:
            out["intro"] = self.intro
        if self.definitions:
            out["definitions"] = True
        return out


@dataclass(frozen=True, slots=True)
class AcceptedRisk(Record):
    """A finding the author accepted, by whom, when and why."""

    rule: str
    by: str
    date: str
    reason: str
    clause: str | None = None
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Note(Record):
    """A reviewer's comment kept with the project (from a legal review or an imported Word file)."""

    author: str
    text: str
    date: str = ""
    clause: str | None = None  # the clause it is on, when it could be placed
    anchor: str = ""  # the text it was anchored on
    resolved: bool = False
    source: str = ""  # the file it came from
    reply_to: int | None = None  # index of the note it answers


@dataclass(frozen=True, slots=True)
class Project:
    """What an author made (a ``*.policy.json``): template, answers, sections, own clauses, revisions."""

    template_id: str
    template_version: str
    metadata: dict[str, str]
    answers: dict[str, Any]
    sections: tuple[ProjectSection, ...]
    custom_clauses: tuple[Clause, ...] = ()
    accepted_risks: tuple[AcceptedRisk, ...] = ()
    libraries: tuple[dict[str, str], ...] = ()
    revisions: tuple[dict[str, Any], ...] = ()
    approvals: tuple[dict[str, str], ...] = ()
    comments: tuple[Note, ...] = ()
    definitions: dict[str, str] = field(default_factory=dict)  # term -> the author's wording of it

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Project:
        return cls(
            template_id=d["template"]["id"],
            template_version=d["template"]["version"],
            metadata=dict(d["metadata"]),
            answers=dict(d["answers"]),
            sections=tuple(ProjectSection.from_dict(s) for s in d["sections"]),
            custom_clauses=tuple(Clause.from_dict(c, PROJECT_LIBRARY) for c in d.get("custom_clauses", ())),
            accepted_risks=tuple(AcceptedRisk.from_dict(a) for a in d.get("accepted_risks", ())),
            libraries=tuple(dict(x) for x in d.get("libraries", ())),
            revisions=tuple(dict(r) for r in d.get("revisions", ())),
            approvals=tuple(dict(a) for a in d.get("approvals", ())),
            comments=tuple(Note.from_dict(c) for c in d.get("comments", ())),
            definitions={str(k): str(v) for k, v in d.get("definitions", {}).items()},
        )

    def to_dict(self) -> dict[str, Any]:
        from socialpolicy.formats import PROJECT

        out: dict[str, Any] = {
            "format": PROJECT.name,
            "format_version": PROJECT.current,
            "template": {"id": self.template_id, "version": self.template_version},
            "metadata": dict(self.metadata),
            "answers": dict(self.answers),
            "sections": [s.to_dict() for s in self.sections],
        }
        if self.custom_clauses:
            out["custom_clauses"] = [c.to_dict() for c in self.custom_clauses]
        if self.accepted_risks:
            out["accepted_risks"] = [a.to_dict() for a in self.accepted_risks]
        if self.libraries:
            out["libraries"] = [dict(x) for x in self.libraries]
        if self.revisions:
            out["revisions"] = [dict(r) for r in self.revisions]
        if self.approvals:
            out["approvals"] = [dict(a) for a in self.approvals]
        if self.comments:
            out["comments"] = [c.to_dict() for c in self.comments]
        if self.definitions:
            out["definitions"] = dict(self.definitions)
        return out

    def custom(self, clause_id: str) -> Clause | None:
        return next((c for c in self.custom_clauses if c.id == clause_id), None)

    def refs(self) -> list[tuple[int, int, ClauseRef]]:
        return [(si, ci, ref) for si, s in enumerate(self.sections) for ci, ref in enumerate(s.clauses)]
