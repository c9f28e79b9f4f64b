"""A reviewed Word file, back into the project it came from, clause by clause.

Every Word export holds, on each clause heading, a hidden bookmark, and in a custom XML part the clauses
as exported (:func:`socialpolicy.export.docx.payload`); Word and LibreOffice keep both through a review.
:func:`read` finds each clause of the reviewed file by its bookmark and lists, for each, the reviewer's
tracked insertions and deletions (who and when), edits made without tracking (the text with the changes
rejected differs from what was exported), comments and the text they are on, clauses the reviewer added
or deleted, and whatever could not be placed. :func:`apply` takes a decision per change (or all of them)
and returns one pure :class:`~socialpolicy.edits.Edit` of the project: an accepted change to a library
clause makes it an edited clause whose provenance names the reviewer and the date.

A review copy made from an older state of the project is still applied where the clause it changes is
unchanged since; the rest is listed as a conflict and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from socialpolicy import answers as answers_mod
from socialpolicy import markup, sandbox, typography
from socialpolicy.edits import Edit, EditError, _with_ref, locate
from socialpolicy.errors import InputError
from socialpolicy.export.names import AUTHOR, CHECKER, REVIEW_BOOKMARK, bookmark_name
from socialpolicy.importers import wordml
from socialpolicy.importers.docx import blocks_markdown, inspect_archive, logical
from socialpolicy.library import Catalog
from socialpolicy.model import PROJECT_LIBRARY, Clause, ClauseRef, Note, Project
from socialpolicy.render import _text_variables, render

OUR_AUTHORS = frozenset({AUTHOR, CHECKER})  # our own tracked changes (the library redline) and comments
_REF_MARK = "\ue010"  # stands for a cross-reference while Markdown is being put back together
_REF_IN_TEXT = re.compile(
    rf"(?i)\b(?:section|clause)s?\s+{_REF_MARK}([^{_REF_MARK}]+){_REF_MARK}(\s*\(([^)]*)\))?"
)
_FIELD_TARGET = re.compile(r"^\s*(?:REF|PAGEREF)\s+([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
_VARIABLE = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared: straight quotes, one space, no zero-width characters."""
    text = typography.plain_quotes(text).replace("\u00a0", " ").replace("\u2011", "-")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


def markdown_lines(md: str) -> list[str]:
    """The lines a clause's Markdown shows: one per paragraph, list item and table row."""
    return [normalise(line) for line in markup.parse(md).text.split("\n") if normalise(line)]


PARAGRAPH_BREAK = "(a paragraph break)"


@dataclass(frozen=True)
class Group:
    """One change as the reviewer made it: the tracked change ids it is made of."""

    ids: frozenset[int]
    kind: str
    author: str
    date: str
    text: str


@dataclass
class ClauseReview:
    """One clause of the reviewed file, with what the reviewer did to it."""

    key: str  # "LIBRARY:ID" of an exported clause, "new:N" for one the reviewer added
    section: str  # section id
    exported: dict[str, Any] | None  # the payload's record of the clause as exported
    heading: wordml.Paragraph | None
    blocks: list[wordml.Paragraph] = field(default_factory=list)
    ours: frozenset[int] = frozenset()  # ids of our own tracked changes (accepted in every view)
    changes: list[wordml.Change] = field(default_factory=list)  # the reviewer's tracked changes
    untracked: bool = False  # edited without tracking
    comments: list[wordml.Comment] = field(default_factory=list)
    conflict: str = ""  # why the change cannot be applied (the clause changed since the export)

    @property
    def clause_id(self) -> str:
        return str(self.exported["id"]) if self.exported else ""

    @property
    def added(self) -> bool:
        return self.exported is None

    def view(self, accepted: Iterable[int] | None = None) -> frozenset[int]:
        """The change ids accepted in a view: ours always, the reviewer's ``accepted`` (all when None)."""
        theirs = (
            {c.id for c in self.changes} if accepted is None else set(accepted) & {c.id for c in self.changes}
        )
        return frozenset(self.ours | theirs)

    @property
    def deleted(self) -> bool:
        """The reviewer deleted the whole clause, heading included."""
        if self.heading is None:
            return False
        everything = self.view()
        return not self.heading.exists(wordml.KEEP_ACCEPTED, everything) and not any(
            b.text(wordml.KEEP_ACCEPTED, everything).strip() for b in self.blocks
        )

    def title(self, accepted: frozenset[int]) -> str:
        if self.heading is None:
            return ""
        return " ".join(self.heading.text(wordml.KEEP_ACCEPTED, accepted).split())

    def lines(self, accepted: frozenset[int]) -> list[str]:
        out: list[str] = []
        for para in logical(self.blocks, wordml.KEEP_ACCEPTED, accepted):
            last = para.last
            if last.table is not None:
                for row in last.table.rows:
                    if not wordml.visible(row.change, wordml.KEEP_ACCEPTED, accepted):
                        continue
                    cells = [
                        " ".join(p.text(wordml.KEEP_ACCEPTED, accepted) for p in cell) for cell in row.cells
                    ]
                    line = normalise(" | ".join(normalise(c) for c in cells))
                    if line.strip(" |"):
                        out.append(line)
                continue
            line = normalise(para.text(wordml.KEEP_ACCEPTED, accepted))
            if line:
                out.append(line)
        return out

    def groups(self) -> list[Group]:
        """The reviewer's changes as a reader sees them: a paragraph break inserted or deleted together with
        text (LibreOffice records them apart) is one change with the text."""
        blocks = ([self.heading] if self.heading is not None else []) + self.blocks
        mark_of: dict[int, int] = {}  # change id of a paragraph mark -> block position
        text_in: dict[int, set[int]] = {}  # change id -> block positions holding its text
        for i, block in enumerate(blocks):
            if block.mark is not None:
                mark_of[block.mark.id] = i
            for change in block.changes():
                if block.mark is None or change.id != block.mark.id:
                    text_in.setdefault(change.id, set()).add(i)
        by_id = {c.id: c for c in self.changes}

        def same(a: wordml.Change, b: wordml.Change) -> bool:
            return (a.kind, a.author, a.date) == (b.kind, b.author, b.date)

        groups: list[set[int]] = []
        joined: set[int] = set()
        for change in self.changes:
            if change.id in joined:
                continue
            members = {change.id}
            if change.id in mark_of:
                near = {mark_of[change.id] - 1, mark_of[change.id], mark_of[change.id] + 1}
                partner = next(
                    (
                        o.id
                        for o in self.changes
                        if o.id not in joined
                        and o.id not in mark_of
                        and same(o, change)
                        and text_in.get(o.id, set()) & near
                    ),
                    None,
                )
                if partner is not None:
                    members.add(partner)
            else:
                for mark, at in mark_of.items():
                    other = by_id.get(mark)
                    if (
                        other is not None
                        and mark not in joined
                        and same(other, change)
                        and text_in.get(change.id, set()) & {at - 1, at, at + 1}
                    ):
                        members.add(mark)
                        break
            joined |= members
            groups.append(members)
        out = []
        for members in groups:
            first = by_id[min(members)]
            texts = [change_text(self, by_id[i]) for i in sorted(members)]
            text = " / ".join(t for t in texts if t != PARAGRAPH_BREAK) or PARAGRAPH_BREAK
            out.append(Group(frozenset(members), first.kind, first.author, first.date, text))
        return out

    @property
    def status(self) -> str:
        if self.added:
            return "added"
        if self.conflict:
            return "conflict"
        if self.deleted:
            return "deleted"
        if self.changes and self.untracked:
            return "changed, partly without tracking"
        if self.changes:
            return "changed"
        if self.untracked:
            return "edited without tracking"
        return "unchanged"


@dataclass
class Review:
    path: Path
    payload: dict[str, Any]
    clauses: list[ClauseReview]
    unplaced_comments: list[tuple[wordml.Comment, str]]  # comment, where it is ("the cover page"...)
    unplaced_changes: list[tuple[wordml.Change, str]]  # tracked changes outside any clause
    unmapped: dict[str, int]
    word: wordml.WordFile
    project_id: str = ""
    revision: str = ""

    def changes(self) -> list[wordml.Change]:
        return [c for cr in self.clauses for c in cr.changes]

    def comments(self) -> list[wordml.Comment]:
        return [c for cr in self.clauses for c in cr.comments] + [c for c, _ in self.unplaced_comments]

    def clause(self, key: str) -> ClauseReview | None:
        return next((c for c in self.clauses if c.key == key), None)


def read(path: str | Path) -> Review:
    """Read a reviewed copy of one of our exports. Raises :class:`InputError` for a file that is not one."""
    from socialpolicy.export.docx_package import read_payload

    p = Path(path)
    if p.suffix.lower() != ".docx":
        raise InputError(p, "a reviewed document must be a Word file (.docx)")
    inspect_archive(p)
    payload = read_payload(p)
    if payload is None:
        raise InputError(
            p,
            "this Word file was not exported by Social Policy Studio (or lost what identifies its clauses); "
            "import it with 'socialpolicy import' instead",
        )
    word = wordml.read(p)
    return _split(word, payload)


def _split(word: wordml.WordFile, payload: Mapping[str, Any]) -> Review:
    clauses_by_mark: dict[str, dict[str, Any]] = {}
    for record in payload.get("clauses", []):
        if isinstance(record, dict):
            for key in ("bookmark", "anchor"):
                if record.get(key):
                    clauses_by_mark[str(record[key])] = record
    sections_by_mark = {
        str(s["bookmark"]): s
        for s in payload.get("sections", [])
        if isinstance(s, dict) and s.get("bookmark")
    }
    back = bookmark_name(REVIEW_BOOKMARK)
    ours = frozenset(c.id for c in word.changes() if c.author == AUTHOR)
    clauses: list[ClauseReview] = []
    region = "front"  # front matter until the first section heading, back matter after the review notes
    section_id = ""
    where: dict[int, ClauseReview | str] = {}  # block index -> its clause, or a name for the rest
    current: ClauseReview | None = None
    added = 0
    for block in word.blocks:
        marks = set(block.bookmarks)
        if back in marks:
            region, current = "back", None
        section = next((sections_by_mark[m] for m in block.bookmarks if m in sections_by_mark), None)
        record = next((clauses_by_mark[m] for m in block.bookmarks if m in clauses_by_mark), None)
        if region != "back" and section is not None and block.heading == 1:
            region, section_id, current = "body", str(section["id"]), None
            where[block.index] = (
                f"the heading of section {section.get('number', '')} ({section.get('title', '')})"
            )
            continue
        if region == "body" and block.heading == 1 and section is None:
            added += 1
            section_id, current = f"new-section-{added}", None
            current = ClauseReview(f"new:{added}", section_id, None, block, ours=ours)
            clauses.append(current)
            where[block.index] = current
            continue
        if region == "body" and block.heading == 2:
            if record is not None:
                current = ClauseReview(
                    f"{record['library']}:{record['id']}", section_id, record, block, ours=ours
                )
            else:
                added += 1
                current = ClauseReview(f"new:{added}", section_id, None, block, ours=ours)
            clauses.append(current)
            where[block.index] = current
            continue
        if region == "body" and current is not None:
            current.blocks.append(block)
            where[block.index] = current
        elif region == "body":
            where[block.index] = "the definitions or the introduction of a section"
        else:
            where[block.index] = "the cover and contents pages" if region == "front" else "the review notes"
    unplaced_changes: list[tuple[wordml.Change, str]] = []
    for block in word.blocks:
        owner = where.get(block.index, "the document")
        for change in block.changes():
            if change.author in OUR_AUTHORS:
                continue
            if isinstance(owner, ClauseReview):
                if all(c.id != change.id for c in owner.changes):
                    owner.changes.append(change)
            elif all(c.id != change.id for c, _ in unplaced_changes):
                unplaced_changes.append((change, owner))
    unplaced_comments: list[tuple[wordml.Comment, str]] = []
    for comment in word.comments:
        if comment.author in OUR_AUTHORS:
            continue
        owner = where.get(comment.paragraph, "the document")
        if isinstance(owner, ClauseReview):
            owner.comments.append(comment)
        else:
            unplaced_comments.append((comment, owner))
    for cr in clauses:
        if cr.exported is not None:
            exported = markdown_lines(str(cr.exported.get("markdown", "")))
            baseline = cr.lines(cr.view(()))
            cr.untracked = baseline != exported or normalise(cr.title(cr.view(()))) != normalise(
                str(cr.exported.get("title", ""))
            )
    return Review(
        word.path,
        dict(payload),
        clauses,
        unplaced_comments,
        unplaced_changes,
        word.unmapped,
        word,
        str(payload.get("project_id", "")),
        str(payload.get("revision", "")),
    )


# -- back into the project ------------------------------------------------------------------------


@dataclass
class Decision:
    """What to take from a review: tracked changes by id, and clauses whose untracked edits to keep."""

    accepted: frozenset[int] = frozenset()
    untracked: frozenset[str] = frozenset()  # clause keys
    added: frozenset[str] = frozenset()  # keys of clauses the reviewer added, to add
    comments: bool = True  # keep the reviewer's comments with the project

    @classmethod
    def accept_all(cls, review: Review) -> Decision:
        return cls(
            frozenset(c.id for c in review.changes()),
            frozenset(c.key for c in review.clauses if c.untracked),
            frozenset(c.key for c in review.clauses if c.added),
        )

    @classmethod
    def reject_all(cls, review: Review) -> Decision:
        return cls()


@dataclass
class Outcome:
    edit: Edit
    applied: list[str]  # one line per change made to the project
    conflicts: list[str]  # one line per change not applied, and why


def _reviewers(cr: ClauseReview, accepted: frozenset[int]) -> tuple[str, str]:
    taken = [c for c in cr.changes if c.id in accepted] or cr.changes
    names = sorted({c.author for c in taken}) or ["an unnamed reviewer"]
    dates = sorted(c.date[:10] for c in taken if c.date)
    return ", ".join(names), (dates[-1] if dates else "")


def _ref_link(bookmarks: Mapping[str, str]) -> Any:
    def convert(piece: wordml.Piece) -> str | None:
        target = ""
        m = _FIELD_TARGET.match(piece.field) if piece.field else None
        if m:
            target = m.group(1)
        elif piece.link.startswith("#"):
            target = piece.link[1:]
        section = bookmarks.get(target)
        if section is None:
            return None
        return f"{_REF_MARK}{section}{_REF_MARK}"

    return convert


def to_source(md: str, original: str, variables: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    """Clause Markdown read from Word, made into clause source again: text is kept literal, cross-
    references become ``{{ ref('section') }}`` again, and answer values the original source filled in
    (the organisation's name...) become their variables again, so a later change of answer reaches them."""
    pieces: list[str] = []
    pos = 0
    for m in _REF_IN_TEXT.finditer(md):
        pieces.append(sandbox.literal(md[pos : m.start()]))
        section = m.group(1)
        trailing = m.group(2) or ""
        shown = normalise(m.group(3) or "")
        pieces.append("{{ ref('" + section + "') }}")
        if trailing and shown != normalise(titles.get(section, "")):
            pieces.append(sandbox.literal(trailing))
        pos = m.end()
    pieces.append(sandbox.literal(md[pos:]))
    source = "".join(pieces).replace(_REF_MARK, "")
    names = [n for n in dict.fromkeys(_VARIABLE.findall(original)) if n != "ref"]
    values = sorted(
        ((str(variables[n]), n) for n in names if n in variables and len(str(variables[n]).strip()) >= 3),
        key=lambda pair: -len(pair[0]),
    )
    for value, name in values:
        source = _replace_outside_tags(source, value, "{{ " + name + " }}")
    return source


def _replace_outside_tags(text: str, value: str, tag: str) -> str:
    parts = re.split(r"(\{\{.*?\}\})", text)
    return "".join(p if p.startswith("{{") else p.replace(value, tag) for p in parts)


def _current_hashes(project: Project, catalog: Catalog) -> dict[str, str]:
    doc = render(project, catalog, None)
    return {f"{b.library}:{b.clause_id}": b.text_hash for _, b in doc.blocks()}


@dataclass
class _Context:
    """What every clause's change needs: the answers as text, cross-reference targets, the catalog."""

    catalog: Catalog
    variables: Mapping[str, Any]
    titles: Mapping[str, str]
    convert: Any
    hashes: Mapping[str, str]  # clause key -> text hash in the project the changes are computed from
    today: str = ""
    check_hashes: bool = True
    marked: bool = False

    @classmethod
    def of(cls, project: Project, review: Review, catalog: Catalog, **options: Any) -> _Context:
        sections = [s for s in review.payload.get("sections", []) if isinstance(s, dict)]
        return cls(
            catalog,
            _text_variables(answers_mod.context(project.answers), str(project.answers.get("spelling", ""))),
            {str(s["id"]): str(s.get("title", "")) for s in sections},
            _ref_link({str(s["bookmark"]): str(s["id"]) for s in sections}),
            _current_hashes(project, catalog),
            **options,
        )


def clause_label(cr: ClauseReview) -> str:
    if cr.exported is not None:
        return f"{cr.exported.get('number', '')} {cr.exported.get('title', '')}".strip()
    return f"new clause {_quote(cr.title(cr.view()) or '(untitled)')}"


def _decided(
    base: Project, new: Project, cr: ClauseReview, theirs: set[int], take_untracked: bool, ctx: _Context
) -> tuple[Project, str] | str:
    """``new`` with clause ``cr`` as the decision makes it, worked out from its state in ``base``; or why
    it cannot be (a conflict). With nothing taken, the clause is as it was in ``base``."""
    label = clause_label(cr)
    if cr.untracked and theirs and not take_untracked:
        return (
            f"{label}: tracked changes were left out because the clause was also edited without tracking; "
            "accept the untracked edit to take both"
        )
    assert cr.exported is not None
    current = ctx.hashes.get(cr.key)
    if current is None:
        return f"{label}: the clause is no longer in the project"
    if ctx.check_hashes and current != cr.exported.get("hash"):
        cr.conflict = "the clause has changed in the project since the review copy was made"
        return f"{label}: {cr.conflict}; its review changes were not applied"
    try:
        bsi, bci = locate(base, cr.clause_id)
        si, ci = locate(new, cr.clause_id)
    except EditError:
        return f"{label}: the clause is no longer in the project"
    ref = base.sections[bsi].clauses[bci]
    if not theirs and not take_untracked:  # back to where the review started
        restored = _with_ref(new, si, ci, ref)
        if ref.library == PROJECT_LIBRARY and base.custom(ref.clause) is not None:
            restored = _with_custom_clause(restored, base.custom(ref.clause))  # type: ignore[arg-type]
        return restored, f"{label}: as before the review"
    accepted = cr.view(theirs)
    author, date = _reviewers(cr, accepted)
    when = date or ctx.today
    provenance = f"Changed in legal review by {author}" + (f" on {when}" if when else "")
    if cr.deleted and theirs == {c.id for c in cr.changes}:
        excluded = replace(ref, included=False, provenance=f"Deleted in legal review by {author}")
        return _with_ref(new, si, ci, excluded), f"{label}: excluded (deleted in review by {author})"
    mode = wordml.KEEP_MARKED if ctx.marked else wordml.KEEP_ACCEPTED
    body_md = "\n".join(blocks_markdown(cr.blocks, mode, accepted, ctx.convert, headings=True)).strip()
    original = ref.body if ref.body is not None else _source_body(base, ref, ctx.catalog)
    body = to_source(body_md, original, ctx.variables, ctx.titles) or " "
    title = cr.title(accepted)
    new_title = (
        sandbox.literal(title) if normalise(title) != normalise(str(cr.exported.get("title", ""))) else None
    )
    if ref.library == PROJECT_LIBRARY:
        custom = base.custom(ref.clause)
        if custom is not None:
            new = _with_custom_clause(new, replace(custom, body=body, title=new_title or custom.title))
        new = _with_ref(new, si, ci, replace(ref, provenance=provenance))
    else:
        new = _with_ref(
            new, si, ci, replace(ref, body=body, title=new_title or ref.title, provenance=provenance)
        )
    what = []
    if theirs:
        what.append(f"{len(theirs)} tracked change{'s' if len(theirs) != 1 else ''}")
    if take_untracked and cr.untracked:
        what.append("edits made without tracking")
    return new, f"{label}: {' and '.join(what)} applied ({provenance[:1].lower()}{provenance[1:]})"


def apply(
    project: Project,
    review: Review,
    decision: Decision,
    catalog: Catalog,
    *,
    today: str = "",
    check_hashes: bool = True,
    marked: bool = False,
) -> Outcome:
    """The project with the decided changes made, as one edit; what was applied and what conflicts."""
    applied: list[str] = []
    conflicts: list[str] = []
    ctx = _Context.of(project, review, catalog, today=today, check_hashes=check_hashes, marked=marked)
    new = project
    previous_key = ""
    for cr in review.clauses:
        theirs = {c.id for c in cr.changes} & decision.accepted
        take_untracked = cr.key in decision.untracked
        if cr.added:
            if cr.key in decision.added:
                new, line = _add_clause(new, cr, previous_key, ctx.convert, ctx.titles, ctx.variables)
                applied.append(line)
            continue
        previous_key = cr.key
        if not theirs and not take_untracked:
            continue
        result = _decided(project, new, cr, theirs, take_untracked, ctx)
        if isinstance(result, str):
            conflicts.append(result)
        else:
            new = result[0]
            applied.append(result[1])
    if decision.comments:
        notes = list(new.comments)
        for cr in review.clauses:
            for comment in cr.comments:
                notes.append(note_from(comment, cr.clause_id or None, review.path))
        for comment, _where in review.unplaced_comments:
            notes.append(note_from(comment, None, review.path))
        if len(notes) != len(new.comments):
            applied.append(f"{len(notes) - len(new.comments)} comment(s) kept with the project")
            new = replace(new, comments=tuple(notes))
    text = f"Apply legal review from {review.path.name}"
    return Outcome(Edit(new, text), applied, conflicts)


@dataclass(frozen=True)
class Opened:
    """A review being worked through change by change (the app's review panel): the project as it was
    when the review was opened, and what has been decided so far. Each decision gives one pure edit of
    the current project, so the app can undo it like any other."""

    review: Review
    base: Project
    catalog: Catalog
    decision: Decision = field(default_factory=lambda: Decision(comments=False))
    ctx: _Context | None = None
    rejected: frozenset[int] = frozenset()  # change ids the author turned down
    rejected_untracked: frozenset[str] = frozenset()  # clause keys whose untracked edits were turned down

    @classmethod
    def open(cls, review: Review, project: Project, catalog: Catalog) -> Opened:
        return cls(review, project, catalog, Decision(comments=False), _Context.of(project, review, catalog))

    def state(self, key: str, group: Group | None) -> str:
        """ "accepted", "rejected" or "open" for one change (``group=None``: the clause's untracked edits)."""
        if group is None:
            if key in self.decision.untracked:
                return "accepted"
            return "rejected" if key in self.rejected_untracked else "open"
        if group.ids <= self.decision.accepted:
            return "accepted"
        return "rejected" if group.ids <= self.rejected else "open"

    def decide(self, current: Project, key: str, group: Group | None, accept: bool) -> tuple[Opened, Edit]:
        """Accept or reject one change (``group``) of clause ``key``; ``group=None`` decides the clause's
        edits made without tracking (and, with them, its tracked changes)."""
        cr = self.review.clause(key)
        if cr is None:
            raise EditError(f"no clause {key!r} in the review")
        accepted = set(self.decision.accepted)
        rejected = set(self.rejected)
        untracked = set(self.decision.untracked)
        turned_down = set(self.rejected_untracked)
        ids = {c.id for c in cr.changes} if group is None else set(group.ids)
        if group is None:
            (untracked.add if accept else untracked.discard)(key)
            (turned_down.discard if accept else turned_down.add)(key)
        accepted = accepted | ids if accept else accepted - ids
        rejected = rejected - ids if accept else rejected | ids
        decision = replace(self.decision, accepted=frozenset(accepted), untracked=frozenset(untracked))
        assert self.ctx is not None
        theirs = {c.id for c in cr.changes} & decision.accepted
        result = _decided(self.base, current, cr, theirs, key in decision.untracked, self.ctx)
        if isinstance(result, str):
            raise EditError(result)
        verb = "Accept" if accept else "Reject"
        what = "edits made without tracking" if group is None else f"{group.kind} by {group.author}"
        after = replace(
            self, decision=decision, rejected=frozenset(rejected), rejected_untracked=frozenset(turned_down)
        )
        return after, Edit(result[0], f"{verb} {what} in {clause_label(cr)}")

    def decide_all(self, current: Project, accept: bool) -> tuple[Opened, Edit]:
        """Every change of the review accepted (or rejected), clause by clause, as one edit."""
        decision = Decision.accept_all(self.review) if accept else Decision()
        decision = replace(decision, comments=False, added=frozenset())
        assert self.ctx is not None
        new = current
        for cr in self.review.clauses:
            if cr.added or not (cr.changes or cr.untracked):
                continue
            theirs = {c.id for c in cr.changes} & decision.accepted
            result = _decided(self.base, new, cr, theirs, cr.key in decision.untracked, self.ctx)
            if not isinstance(result, str):
                new = result[0]
        text = "Accept every change of the review" if accept else "Reject every change of the review"
        everything = frozenset(c.id for c in self.review.changes())
        keys = frozenset(c.key for c in self.review.clauses if c.untracked)
        after = replace(
            self,
            decision=decision,
            rejected=frozenset() if accept else everything,
            rejected_untracked=frozenset() if accept else keys,
        )
        return after, Edit(new, text)


def keep_comments(project: Project, review: Review) -> Edit:
    """The review's comments kept with the project as notes, on their clauses."""
    notes = [note_from(c, cr.clause_id or None, review.path) for cr in review.clauses for c in cr.comments]
    notes += [note_from(c, None, review.path) for c, _ in review.unplaced_comments]
    return Edit(
        replace(project, comments=(*project.comments, *notes)), f"Keep {len(notes)} review comment(s)"
    )


def resolve_note(project: Project, index: int, resolved: bool = True) -> Edit:
    notes = list(project.comments)
    if not 0 <= index < len(notes):
        raise EditError(f"there is no comment {index + 1}")
    notes[index] = replace(notes[index], resolved=resolved)
    by = notes[index].author
    return Edit(
        replace(project, comments=tuple(notes)), f"{'Resolve' if resolved else 'Reopen'} comment by {by}"
    )


def note_from(comment: wordml.Comment, clause: str | None, path: Path) -> Note:
    """A Word comment kept with the project as a note."""
    return Note(
        comment.author,
        comment.text[:20000],
        comment.date[:40],
        clause,
        comment.anchor[:2000],
        comment.done,
        path.name[:2000],
    )


def _source_body(project: Project, ref: ClauseRef, catalog: Catalog) -> str:
    from socialpolicy.render import clause_for

    clause = clause_for(ref, project, catalog)
    if clause is None:
        return ""
    return clause.text_at(ref.version)[1] if ref.library != PROJECT_LIBRARY else clause.body


def _with_custom_clause(project: Project, clause: Clause) -> Project:
    return replace(
        project, custom_clauses=tuple(clause if c.id == clause.id else c for c in project.custom_clauses)
    )


def _add_clause(
    project: Project,
    cr: ClauseReview,
    previous_key: str,
    convert: Any,
    titles: Mapping[str, str],
    variables: Mapping[str, Any],
) -> tuple[Project, str]:
    """A clause the reviewer wrote, added as a custom clause after the clause it followed."""
    everything = cr.view()
    title = cr.title(everything) or "Clause added in review"
    body_md = "\n".join(blocks_markdown(cr.blocks, wordml.KEEP_ACCEPTED, everything, convert)).strip()
    author, date = _reviewers(cr, everything)
    taken = {c.id for c in project.custom_clauses}
    n = 1
    while f"review-{n}" in taken:
        n += 1
    clause = Clause(
        id=f"review-{n}",
        version=1,
        title=sandbox.literal(title)[:200],
        topic="custom",
        body=to_source(body_md, "", variables, titles) or "(The reviewer added this heading without text.)",
        rationale=f"Added in legal review by {author}" + (f" on {date}" if date else "") + ".",
        library=PROJECT_LIBRARY,
    )
    ref = ClauseRef(clause.id, PROJECT_LIBRARY, 1, provenance=f"Added in legal review by {author}")
    si, ci = 0, 0
    if previous_key:
        try:
            si, ci = locate(project, previous_key.split(":", 1)[1])
            ci += 1
        except EditError:
            si, ci = len(project.sections) - 1, len(project.sections[-1].clauses)
    section = project.sections[si]
    clauses = list(section.clauses)
    clauses.insert(ci, ref)
    sections = list(project.sections)
    sections[si] = replace(section, clauses=tuple(clauses))
    new = replace(project, sections=tuple(sections), custom_clauses=(*project.custom_clauses, clause))
    return new, f"added clause {title!r} (written in review by {author})"


# -- telling the user ----------------------------------------------------------------------------------


def change_text(cr: ClauseReview, change: wordml.Change) -> str:
    """The text a tracked change inserted or deleted, paragraph marks shown as " / "."""
    parts: list[str] = []
    blocks = ([cr.heading] if cr.heading is not None else []) + cr.blocks
    for block in blocks:
        cells = (
            [p for row in block.table.rows for cell in row.cells for p in cell] if block.table else [block]
        )
        for para in cells:
            text = "".join(p.text for p in para.pieces if p.change is not None and p.change.id == change.id)
            if text:
                parts.append(text)
            elif para.mark is not None and para.mark.id == change.id:
                parts.append("")
    return " / ".join(" ".join(p.split()) for p in parts if p.strip()) or PARAGRAPH_BREAK


def _when(date: str) -> str:
    return f" on {date[:10]}" if date else ""


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "\u201d"


def listing(found: Review, project: Project | None = None) -> list[str]:
    """The review, clause by clause, in words."""
    lines = [
        f"review of {found.path.name}"
        + (f", exported at revision {found.revision}" if found.revision else "")
    ]
    if project is not None:
        own = project.metadata.get("project_id", "")
        if found.project_id and own and found.project_id != own:
            lines.append(
                f"warning: this copy was exported from another project (id {found.project_id}, this one is {own})"
            )
    for cr in found.clauses:
        if cr.status == "unchanged" and not cr.comments:
            continue
        lines.append(f"{clause_label(cr)}: {cr.status}")
        for group in cr.groups():
            verb = "inserted" if group.kind == "insertion" else "deleted"
            lines.append(f"  {verb} by {group.author}{_when(group.date)}: {_quote(group.text)}")
        if cr.untracked:
            lines.append("  edited without tracking: the text differs from what was exported")
        for comment in cr.comments:
            on = f" on {_quote(comment.anchor, 60)}" if comment.anchor else ""
            lines.append(
                f"  comment by {comment.author}{_when(comment.date)}{on}: {_quote(comment.text, 300)}"
            )
    for change, where in found.unplaced_changes:
        lines.append(f"not placed: a tracked {change.kind} by {change.author} in {where}")
    for comment, where in found.unplaced_comments:
        lines.append(f"not placed: comment by {comment.author} in {where}: {_quote(comment.text, 300)}")
    if found.unmapped:
        lines.append("could not be read as text: " + found.word.unmapped_text())
    changes = [g for cr in found.clauses for g in cr.groups()]
    insertions = sum(1 for c in changes if c.kind == "insertion")
    authors = sorted({c.author for c in changes} | {c.author for c in found.comments()})
    untracked = sum(1 for c in found.clauses if c.untracked)
    lines.append(
        f"in all: {len(changes)} tracked change{'s' if len(changes) != 1 else ''} ({insertions} insertions, "
        f"{len(changes) - insertions} deletions), {len(found.comments())} comment"
        f"{'s' if len(found.comments()) != 1 else ''}, {untracked} clause{'s' if untracked != 1 else ''} edited "
        "without tracking" + (f"; by {', '.join(authors)}" if authors else "")
    )
    return lines


def to_dict(found: Review, project: Project | None = None) -> dict[str, Any]:
    return {
        "reviewed": str(found.path),
        "project_id": found.project_id,
        "revision": found.revision,
        "clauses": [
            {
                "key": cr.key,
                "clause": cr.clause_id or None,
                "number": cr.exported.get("number") if cr.exported else None,
                "title": cr.exported.get("title") if cr.exported else cr.title(cr.view()),
                "status": cr.status,
                "changes": [
                    {"ids": sorted(g.ids), "kind": g.kind, "author": g.author, "date": g.date, "text": g.text}
                    for g in cr.groups()
                ],
                "untracked": cr.untracked,
                "comments": [
                    {
                        "author": c.author,
                        "date": c.date,
                        "text": c.text,
                        "anchor": c.anchor,
                        "resolved": c.done,
                    }
                    for c in cr.comments
                ],
            }
            for cr in found.clauses
        ],
        "unplaced": [
            {"kind": "comment", "author": c.author, "date": c.date, "text": c.text, "where": w}
            for c, w in found.unplaced_comments
        ]
        + [
            {"kind": c.kind, "author": c.author, "date": c.date, "where": w}
            for c, w in found.unplaced_changes
        ],
        "unmapped": dict(found.unmapped),
    }


def redline_html(cr: ClauseReview) -> str:
    """The reviewer's changes to a clause as HTML (insertions underlined, deletions struck through), for
    the app's preview; our own tracked changes (a library redline) show as accepted."""
    import html as html_mod

    out = []
    for para in logical(cr.blocks, wordml.KEEP_MARKED):
        if para.last.table is not None:
            continue
        spans = []
        for piece in para.pieces(wordml.KEEP_MARKED):
            text = html_mod.escape(piece.text.replace("\t", " ").replace("\n", " "))
            theirs = piece.change is not None and piece.change.author not in OUR_AUTHORS
            if theirs and piece.inserted:
                spans.append(f'<span class="review-ins">{text}</span>')
            elif theirs and piece.deleted:
                spans.append(f'<span class="review-del">{text}</span>')
            elif not piece.deleted:
                spans.append(text)
        line = "".join(spans).strip()
        if line:
            out.append(f"<p>{line}</p>")
    return "".join(out)
