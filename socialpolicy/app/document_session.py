"""One open document, without a window: its state, its undo history, its recovery file, when it is
checked and how it is exported.

Every change goes one way: a pure edit (``socialpolicy.edits``) gives a new Project; :meth:`push`
renders it (an edit whose text cannot be rendered is refused, nothing changes), records the step in
the :class:`~socialpolicy.app.history.History` and announces the new state through :attr:`changed`.
Undo and redo do the same with a recorded state. The GUI listens and shows; the tests drive a session
directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from socialpolicy import edits, workspace
from socialpolicy.app.events import Event
from socialpolicy.app.export_job import ExportJob, with_format
from socialpolicy.app.history import Edited, History, save_target
from socialpolicy.app.recovery import Recovered, RecoveryFile
from socialpolicy.app.scheduling import CheckRequest, CheckResult, CheckScheduler
from socialpolicy.assembly import assemble
from socialpolicy.checks import Report
from socialpolicy.checks.report import counted
from socialpolicy.document import Document
from socialpolicy.library import Catalog
from socialpolicy.model import Project, Template
from socialpolicy.project import PROJECT_SUFFIX, save_project

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Opened:
    """A file read and rendered (in a worker, for the GUI), ready for :meth:`DocumentSession.adopt`."""

    path: Path
    project: Project
    document: Document
    catalog: Catalog

    @property
    def is_project(self) -> bool:
        return self.path.name.endswith(".json")


def open_file(path: str | Path, catalog: Catalog) -> Opened:
    """Read a project, or import a .md/.docx policy, and render it. Raises InputError or OSError."""
    p = Path(path)
    loaded = workspace.load_document(p, catalog)
    return Opened(p, loaded.project, loaded.document, loaded.catalog)


def slug(title: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split()) or "policy"


class DocumentSession(Edited[Project]):
    """The open document. Listen to :attr:`changed` (a new project and Document are shown),
    :attr:`report_changed` (a check finished) and ``history.changed`` (undo state, modified flag)."""

    def __init__(
        self, catalog: Catalog, recovery: RecoveryFile | None = None, scheduler: CheckScheduler | None = None
    ) -> None:
        self.catalog = catalog
        self.project: Project | None = None
        self.template: Template | None = None
        self.document: Document | None = None
        self.path: Path | None = None
        self.report: Report | None = None
        self.report_document: Document | None = None  # what ``report`` was computed for
        self.report_error = ""
        self.history: History[Project] = History()
        self.recovery = recovery or RecoveryFile()
        self.scheduler = scheduler or CheckScheduler()
        self.changed: Event[[]] = Event()
        self.report_changed: Event[[]] = Event()
        self.closed: Event[[]] = Event()

    # -- state ---------------------------------------------------------------------------------

    @property
    def subject(self) -> object | None:
        return self.project

    @property
    def title(self) -> str:
        if self.document is not None:
            return self.document.title
        return self.project.metadata.get("title", "Untitled policy") if self.project else ""

    @property
    def source(self) -> str:
        return str(self.path or "project")

    @property
    def report_is_current(self) -> bool:
        return self.report is not None and self.report_document is self.document

    def _show(self, project: Project, document: Document) -> None:
        self.project, self.document = project, document
        self.scheduler.changed()
        self.changed.emit()

    def render(self, project: Project) -> Document:
        """Render ``project`` with this session's libraries (raises InputError for text that cannot be)."""
        return workspace.render_project(project, self.catalog, self.source)

    # -- open, new, close ----------------------------------------------------------------------

    def adopt(self, opened: Opened) -> None:
        """Show a file read by :func:`open_file` (a project keeps its path; an import is unsaved)."""
        self.catalog = opened.catalog
        self._start(opened.project, opened.path if opened.is_project else None, opened.document)
        if not opened.is_project:
            self.history.set_unsaved()
        log.info("opened %s", opened.path)

    def open(self, path: str | Path) -> Opened:
        """Read and show a file on this thread (the GUI reads in a worker and calls :meth:`adopt`)."""
        opened = open_file(path, self.catalog)
        self.adopt(opened)
        return opened

    def new(self, template: Template, answers: dict[str, Any]) -> None:
        """A new, unsaved document assembled from the wizard's answers (raises InputError)."""
        self._start(assemble(template, answers, self.catalog), None, None)
        self.history.set_unsaved()

    def recover(self, recovered: Recovered, project: Project) -> None:
        """Show work a crashed instance left; it stays unsaved, and its recovery file is now ours."""
        self._start(project, recovered.document, None)
        self.recovery.adopt(recovered, project)
        self.history.set_unsaved()

    def _start(self, project: Project, path: Path | None, document: Document | None) -> None:
        self.path = path
        doc = (
            document
            if document is not None
            else workspace.render_project(project, self.catalog, str(path or "project"))
        )
        self.recovery.bind(path)
        self.template = workspace.template_for(project)
        self.report = self.report_document = None
        self.report_error = ""
        self.history.clear()
        self._show(project, doc)  # checked after the usual pause, so the window paints first

    def close(self) -> None:
        """Forget the document; its recovery file goes too (the author chose to close it)."""
        self.recovery.discard()
        self.scheduler.cancel()
        self.project = self.document = self.template = self.report = self.report_document = None
        self.path = None
        self.history.clear()
        self.closed.emit()

    # -- the one way state changes -------------------------------------------------------------

    def push(self, edit: edits.Edit, merge_key: Hashable | None = None) -> bool:
        """Make ``edit`` the next undoable step. Raises InputError (nothing changes) when its text cannot
        be rendered; ``False`` when the edit changes nothing."""
        if self.project is None or edit.project == self.project:
            return False
        doc = self.render(edit.project)
        self.history.push(self.project, edit.project, edit.text, merge_key)
        self._show(edit.project, doc)
        return True

    def edit(self, make: Callable[[Project], edits.Edit], merge_key: Hashable | None = None) -> bool:
        """Make an edit of the current project and push it. Raises EditError or InputError."""
        if self.project is None:
            return False
        return self.push(make(self.project), merge_key)

    def undo(self) -> bool:
        peek = self.history.peek_undo()
        if peek is None:
            return False
        doc = self.render(peek)  # before moving, so a state that cannot be shown leaves all as it was
        self.history.undo()
        self._show(peek, doc)
        return True

    def redo(self) -> bool:
        peek = self.history.peek_redo()
        if peek is None:
            return False
        doc = self.render(peek)
        self.history.redo()
        self._show(peek, doc)
        return True

    def set_catalog(self, catalog: Catalog) -> None:
        """Use other libraries (reloaded after a change): the document is rendered with them."""
        self.catalog = catalog
        if self.project is not None:
            self._show(self.project, self.render(self.project))

    def reassemble(self, answers: dict[str, Any]) -> edits.Reassembly | None:
        """New answers, the author's work kept, in one undoable step (raises InputError)."""
        if self.project is None or self.template is None:
            return None
        result = edits.reassemble(self.project, answers, self.template, self.catalog)
        self.push(result)
        return result

    # -- files ---------------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        """Where Save as starts: the project file, or a name made from the title."""
        if self.path is not None:
            return self.path
        return Path(slug(self.title or "policy") + PROJECT_SUFFIX)

    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically (the previous file is kept as .bak); raises OSError."""
        if self.project is None:
            raise ValueError("no document is open")
        target = save_target(path, self.path, "document")
        save_project(target, self.project)
        self.recovery.discard()  # ours only: another instance's recovery file is not touched
        self.path = target
        self.recovery.bind(target)
        self.history.set_clean()
        log.info("saved %s", target)
        return target

    def autosave(self) -> Path | None:
        """Write unsaved work to this document's recovery file (never to the author's file)."""
        if self.project is None or not self.modified:
            return None
        return self.recovery.write(self.project, self.path)

    # -- checking ------------------------------------------------------------------------------

    def start_check(self) -> CheckRequest | None:
        """The check to run now, in the background (``None`` with no document)."""
        if self.document is None:
            return None
        return self.scheduler.start(self.document, self.catalog, str(self.path or ""))

    def deliver(self, result: CheckResult) -> bool:
        """A finished check: kept when it is the newest one; listeners hear of it."""
        if not self.scheduler.accept(result) or self.project is None:
            return False
        self.report, self.report_document, self.report_error = result.report, result.document, result.error
        self.report_changed.emit()
        return True

    @property
    def check_pending(self) -> bool:
        return self.is_open and (self.scheduler.running or self.scheduler.waiting)

    def status(self) -> tuple[str, str]:
        """The status bar's coverage and counts, and its tooltip (the missing topics)."""
        report, doc = self.report, self.document
        if report is None or doc is None:
            return self.report_error, ""
        counts = report.counts()
        total = len(report.covered) + len(report.missing)
        refs = [r for _, _, r in self.project.refs()] if self.project else []
        excluded = sum(1 for r in refs if not r.included)
        text = (
            f"Coverage {len(report.covered)}/{total} topics · "
            + " · ".join(counted(report, ("error", "warning", "info"), ("error", "warning", "note")))
            + f" · {counts['accepted']} accepted · "
            f"{len(refs) - excluded} clauses" + (f" ({excluded} excluded)" if excluded else "")
        )
        labels = {t.id: t.label for t in doc.coverage}
        tip = (
            "Missing topics: " + ", ".join(labels.get(t, t) for t in report.missing)
            if report.missing
            else "Every required topic is covered."
        )
        return text, tip

    # -- exporting -----------------------------------------------------------------------------

    def export_base(self) -> Path:
        """Where an export goes by default: beside the project, or in the home folder."""
        if self.path is not None:
            return self.path.with_name(self.path.name.removesuffix(PROJECT_SUFFIX))
        return Path.home() / slug(self.title)

    def export_job(self, key: str, path: str | Path, *, pdf_engine: str = "auto") -> ExportJob:
        """An export of the Document as it is now, with the last report's findings. Without a current
        report, Word for review checks in the job itself (in the background, not on the UI thread).
        Word files carry the project, so a reviewed copy can be read back."""
        if self.document is None:
            raise ValueError("no document is open")
        findings = tuple(self.report.findings) if self.report_is_current and self.report else None
        if findings is None and key != "docx-review":
            findings = ()
        return ExportJob(
            self.document,
            key,
            Path(path),
            findings,
            self.catalog,
            str(self.path or ""),
            self.project,
            pdf_engine,
        )

    def export_path(self, key: str) -> Path:
        """The default file for format ``key``: each format its own name beside the project."""
        return with_format(self.export_base(), key)

    def export_warning(self) -> str:
        """What the author should know before exporting: open errors, or a check not yet finished."""
        if self.document is None:
            return ""
        if not self.report_is_current or self.report is None:
            return "The checker has not finished with the latest changes; the findings may not be up to date."
        errors = self.report.counts()["error"]
        if not errors:
            return ""
        count = "1 error" if errors == 1 else f"{errors} errors"
        return (
            f"The checker still finds {count} in this document (see Findings). Export it for review if you "
            "like, but do not publish it until they are fixed."
        )

    def adopt_report(self, report: Report | None, document: Document) -> None:
        """A report an export computed for ``document``: kept when nothing newer is there."""
        if report is not None and document is self.document and not self.report_is_current:
            self.report, self.report_document, self.report_error = report, document, ""
            self.report_changed.emit()

    # -- what the author sees ------------------------------------------------------------------

    def author_text(self, clause_id: str) -> edits.AuthorText | None:
        ref = edits.find_ref(self.project, clause_id) if self.project else None
        return edits.author_text(self.project, ref, self.catalog) if self.project and ref else None

    def present(self) -> set[str]:
        """Clause ids included in the document."""
        return {r.clause for _, _, r in self.project.refs() if r.included} if self.project else set()
