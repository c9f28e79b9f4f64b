"""A legal review being worked through in the app: a reviewed Word file over the open document.

Each accepted or rejected change is one undoable step of the document session (a pure edit made by
:class:`socialpolicy.review.Opened`). Undo and redo move the project back and forth, and the review's
decisions follow them: every project state the session shows is remembered with the decisions that held
when it appeared, so after an undo the panel shows again what was decided at that state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from socialpolicy import review as review_mod
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.events import Event
from socialpolicy.edits import Edit, EditError
from socialpolicy.importers import wordml
from socialpolicy.model import Note, Project

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One change as the panel lists it."""

    key: str  # the clause's key in the review
    index: int | None  # the change's position among the clause's changes; None: the untracked edits
    kind: str  # "insertion", "deletion" or "edited without tracking"
    author: str
    date: str
    text: str
    state: str  # "open", "accepted" or "rejected"


@dataclass(frozen=True)
class ClauseItem:
    key: str
    clause_id: str  # "" for a clause the reviewer added
    label: str
    status: str
    changes: tuple[Change, ...]
    comments: tuple[wordml.Comment, ...]
    conflict: str


class ReviewSession:
    def __init__(self, session: DocumentSession, found: review_mod.Review) -> None:
        if session.project is None:
            raise ValueError("no document is open")
        self.session = session
        self.review = found
        self.opened = review_mod.Opened.open(found, session.project, session.catalog)
        self._states: dict[int, tuple[Project, review_mod.Opened]] = {
            id(session.project): (session.project, self.opened)
        }
        self._pending: review_mod.Opened | None = None
        self.changed: Event[[]] = Event()
        session.changed.connect(self._project_changed)
        self.conflicts = self._conflicts()

    @classmethod
    def read(cls, path: str | Path) -> review_mod.Review:
        """Read a reviewed file (raises InputError: not a Word file, not one of our exports...)."""
        return review_mod.read(path)

    @property
    def path(self) -> Path:
        return self.review.path

    def warning(self) -> str:
        """Why this review may not belong to the open document ("" when it does)."""
        project = self.session.project
        own = project.metadata.get("project_id", "") if project else ""
        if self.review.project_id and own and self.review.project_id != own:
            return "This review copy was exported from another document: check that it is the right one."
        exported = {c.exported["id"] for c in self.review.clauses if c.exported}
        present = {r.clause for _, _, r in project.refs()} if project else set()
        if exported and not exported & present:
            return "None of the clauses of this review copy are in the open document."
        return ""

    def _conflicts(self) -> dict[str, str]:
        """Clauses the reviewer changed that have changed in the project since the copy was made."""
        assert self.opened.ctx is not None
        out = {}
        for cr in self.review.clauses:
            if cr.exported is None or not (cr.changes or cr.untracked):
                continue
            now = self.opened.ctx.hashes.get(cr.key)
            if now is None:
                out[cr.key] = "the clause is no longer in the document"
            elif now != cr.exported.get("hash"):
                out[cr.key] = "the clause has changed in the document since the review copy was made"
        return out

    def _project_changed(self) -> None:
        project = self.session.project
        if project is None:
            return
        known = self._states.get(id(project))
        if known is not None and known[0] is project:
            self.opened = known[1]
        else:
            self.opened = self._pending or self.opened
            self._states[id(project)] = (project, self.opened)
        self._pending = None
        self.changed.emit()

    # -- what the panel shows ----------------------------------------------------------------

    def items(self) -> list[ClauseItem]:
        out = []
        for cr in self.review.clauses:
            if not (cr.changes or cr.untracked or cr.comments or cr.added):
                continue
            changes = [
                Change(cr.key, i, g.kind, g.author, g.date, g.text, self.opened.state(cr.key, g))
                for i, g in enumerate(cr.groups())
            ]
            if cr.untracked:
                changes.append(
                    Change(
                        cr.key,
                        None,
                        "edited without tracking",
                        "",
                        "",
                        "The text differs from what was exported, without tracked changes.",
                        self.opened.state(cr.key, None),
                    )
                )
            out.append(
                ClauseItem(
                    cr.key,
                    cr.clause_id,
                    review_mod.clause_label(cr),
                    cr.status,
                    tuple(changes),
                    tuple(cr.comments),
                    self.conflicts.get(cr.key, ""),
                )
            )
        return out

    def unplaced(self) -> list[str]:
        lines = [f"A tracked {c.kind} by {c.author} in {w}" for c, w in self.review.unplaced_changes]
        lines += [f"A comment by {c.author} in {w}: {c.text}" for c, w in self.review.unplaced_comments]
        if self.review.unmapped:
            lines.append("Could not be read as text: " + self.review.word.unmapped_text())
        return lines

    def redline(self, key: str) -> str:
        cr = self.review.clause(key)
        return review_mod.redline_html(cr) if cr is not None else ""

    def open_count(self) -> int:
        return sum(1 for item in self.items() for c in item.changes if c.state == "open")

    # -- decisions ---------------------------------------------------------------------------

    def decide(self, key: str, index: int | None, accept: bool) -> bool:
        """Accept or reject one change: one undoable step. Raises EditError (a conflict) or InputError."""
        if key in self.conflicts:
            raise EditError(f"{self.clause_label(key)}: {self.conflicts[key]}; its changes cannot be applied")
        cr = self.review.clause(key)
        if cr is None:
            raise EditError(f"no clause {key!r} in the review")
        group = cr.groups()[index] if index is not None else None
        project = self.session.project
        assert project is not None
        after, edit = self.opened.decide(project, key, group, accept)
        return self._push(after, edit)

    def decide_all(self, accept: bool) -> bool:
        project = self.session.project
        assert project is not None
        after, edit = self.opened.decide_all(project, accept)
        return self._push(after, edit)

    def _push(self, after: review_mod.Opened, edit: Edit) -> bool:
        self._pending = after
        changed = self.session.push(edit)
        if not changed:  # the text is what it was (e.g. rejecting a change never accepted)
            self._pending = None
            project = self.session.project
            assert project is not None
            self.opened = after
            self._states[id(project)] = (project, after)
            self.changed.emit()
        log.info("review %s: %s", self.review.path.name, edit.text)
        return changed

    def clause_label(self, key: str) -> str:
        cr = self.review.clause(key)
        return review_mod.clause_label(cr) if cr is not None else key

    # -- comments ----------------------------------------------------------------------------

    def notes(self) -> list[tuple[int, Note]]:
        """The review's comments kept with the project, with their place in the project's notes."""
        project = self.session.project
        if project is None:
            return []
        return [(i, n) for i, n in enumerate(project.comments) if n.source == self.review.path.name]

    def keep_comments(self) -> bool:
        """The review's comments kept with the document as notes (once; an undoable step)."""
        project = self.session.project
        if project is None or self.notes() or not self.review.comments():
            return False
        return self.session.push(review_mod.keep_comments(project, self.review))

    def resolve(self, index: int, resolved: bool = True) -> bool:
        project = self.session.project
        if project is None:
            return False
        return self.session.push(review_mod.resolve_note(project, index, resolved))

    def close(self) -> None:
        self.session.changed.disconnect(self._project_changed)
