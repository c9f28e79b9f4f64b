"""Library updates for a project: newer library versions of the clauses it uses, each taken or pinned.

Nothing changes in the document until the author accepts; the changes are core calls
(``library_tools.take_update``, ``pin``, ``edits.reset_clause``).
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.edits import reset_clause
from socialpolicy.gui.dialogs import ok_cancel
from socialpolicy.gui.rich import MUTED, diff_html
from socialpolicy.gui.widgets import named, push_button, wrapped_label
from socialpolicy.library import Catalog
from socialpolicy.library_tools import DiffPart, Update, pin, take_update, updates
from socialpolicy.model import Project


class UpdatesDialog(QDialog):
    """Newer library versions of the clauses a project uses: take each update or pin the version.

    Nothing changes in the document until the author chooses; :meth:`get_project` gives the result.
    """

    def __init__(self, parent: QWidget | None, project: Project, catalog: Catalog) -> None:
        super().__init__(parent)
        self.setWindowTitle("Library updates")
        self.project = project
        self.catalog = catalog
        self.updates: list[Update] = []
        self.changes: list[str] = []
        self.intro = wrapped_label()
        self.list = named(QListWidget(), "Clauses with a newer library version")
        self.list.currentRowChanged.connect(self._show)
        self.summary = named(QTextBrowser(), "Change note and word differences")
        self.old_view = named(QTextBrowser(), "Library text, version in the document")
        self.new_view = named(QTextBrowser(), "Library text, new version")
        self.author_view = named(QTextBrowser(), "Your edited text")
        self.three = QWidget()
        three_lay = QHBoxLayout(self.three)
        three_lay.setContentsMargins(0, 0, 0, 0)
        self.three_labels = []
        for view in (self.old_view, self.new_view, self.author_view):
            column = QVBoxLayout()
            label = wrapped_label()
            self.three_labels.append(label)
            column.addWidget(label)
            column.addWidget(view)
            three_lay.addLayout(column)
        self.take_button = push_button("&Take update", self.take_current)
        self.take_library_button = push_button(
            "Take update, &drop my edits",
            self.take_current_library_text,
            "Use the new library text instead of your edited text",
        )
        self.pin_button = push_button(
            "&Pin this version",
            self.pin_current,
            "Keep the version the document has; no more updates are offered for it",
        )
        self.buttons = ok_cancel(self)
        detail = QWidget()
        detail_lay = QVBoxLayout(detail)
        detail_lay.setContentsMargins(0, 0, 0, 0)
        detail_lay.addWidget(self.summary, 1)
        detail_lay.addWidget(self.three, 2)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.pin_button)
        actions.addWidget(self.take_library_button)
        actions.addWidget(self.take_button)
        detail_lay.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setSizes([280, 720])
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(splitter, 1)
        lay.addWidget(self.buttons)
        self.resize(1000, 640)
        self._reload()

    def _reload(self, row: int = 0) -> None:
        self.updates = updates(self.project, self.catalog)
        self.list.blockSignals(True)
        self.list.clear()
        for u in self.updates:
            section = self.project.sections[u.section].title
            edited = " · edited" if u.ref.body is not None else ""
            item = QListWidgetItem(
                f"{u.clause.title}\n{section} · v{u.ref.version} → v{u.clause.version}{edited}"
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        n = len(self.updates)
        self.intro.setText(
            f"{n} clause{'s' * (n != 1)} in this document {'have' if n != 1 else 'has'} a newer "
            "library version. Take the update, or pin the version the document has."
            if n
            else "Every library clause in this document is current (or pinned)."
        )
        if n:
            self.list.setCurrentRow(min(row, n - 1))
        self._show(self.list.currentRow())

    def _show(self, row: int) -> None:
        update = self.updates[row] if 0 <= row < len(self.updates) else None
        self.take_button.setEnabled(update is not None)
        self.pin_button.setEnabled(update is not None)
        self.take_library_button.setVisible(update is not None and update.ref.edited)
        if update is None:
            self.summary.setHtml(
                f"<p style='color:{MUTED}'>Nothing to review.</p>"
                + "".join(f"<p>{html.escape(c)}</p>" for c in self.changes)
            )
            self.three.hide()
            return
        c = update.clause
        note = html.escape(update.change_note) if update.change_note else "<i>No change note given.</i>"
        self.summary.setHtml(
            f"<h3>{html.escape(c.title)}</h3><p style='color:{MUTED}'>{html.escape(c.library)}:{html.escape(c.id)} · "
            f"version {update.ref.version} in the document, version {c.version} in the library</p>"
            f"<p><b>Change note:</b> {note}</p><p><b>What changed in the library</b> "
            f"({diff_html([DiffPart('delete', 'removed')])}, {diff_html([DiffPart('insert', 'added')])}):</p>"
            f"<p>{diff_html(update.diff)}</p>"
        )
        edits = update.author_change
        self.three.setVisible(edits is not None)
        if edits is not None:
            self.three_labels[0].setText(
                f"<b>Library, version {update.ref.version}</b> (what you started from)"
            )
            self.three_labels[1].setText(f"<b>Library, version {c.version}</b> (changes marked)")
            self.three_labels[2].setText("<b>Your text</b> (your edits marked; taking the update keeps it)")
            self.old_view.setPlainText(update.old_body)
            self.new_view.setHtml(f"<p>{diff_html(update.diff)}</p>")
            self.author_view.setHtml(f"<p>{diff_html(edits)}</p>")

    def current(self) -> Update | None:
        row = self.list.currentRow()
        return self.updates[row] if 0 <= row < len(self.updates) else None

    def take_current(self) -> None:
        update = self.current()
        if update is None:
            return
        self.project = take_update(self.project, update)
        self.changes.append(f"Took version {update.clause.version} of {update.clause.id}.")
        self._reload(self.list.currentRow())

    def take_current_library_text(self) -> None:
        update = self.current()
        if update is None:
            return
        taken = take_update(self.project, update)
        self.project = reset_clause(taken, update.ref.clause, self.catalog).project
        self.changes.append(
            f"Took version {update.clause.version} of {update.clause.id} and dropped your edits."
        )
        self._reload(self.list.currentRow())

    def pin_current(self) -> None:
        update = self.current()
        if update is None:
            return
        self.project = pin(self.project, update.section, update.index)
        self.changes.append(f"Pinned {update.ref.clause} at version {update.ref.version}.")
        self._reload(self.list.currentRow())

    def get_project(self) -> Project:
        return self.project

    @classmethod
    def review(cls, parent: QWidget | None, project: Project, catalog: Catalog) -> tuple[Project, bool]:
        """Show the updates; return the new project and whether the author accepted the changes."""
        dialog = cls(parent, project, catalog)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.get_project() if ok else project), ok and dialog.get_project() != project
        finally:
            dialog.deleteLater()
