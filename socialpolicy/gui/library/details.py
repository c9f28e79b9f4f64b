"""Small dialogs of the library editor: a library's details, and import conflicts to resolve."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app.validation import details_problem
from socialpolicy.gui.dialogs import ok_cancel
from socialpolicy.gui.rich import ERROR, MUTED, coloured, diff_html
from socialpolicy.gui.widgets import named, wrapped_label
from socialpolicy.library_tools import MEANING_FIELDS, Conflict


class LibraryDetailsDialog(QDialog):
    """Id, title, version and publisher of a library."""

    def __init__(self, meta: dict[str, str], parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("New clause library" if new else "Library details")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, hint in (
            ("id", "&Id", "e.g. acme-legal (documents refer to clauses as id:clause)"),
            ("title", "&Title", "e.g. Acme Legal approved clauses"),
            ("version", "&Version", "e.g. 2026.1"),
            ("publisher", "&Publisher", "Team or person who maintains it"),
        ):
            edit = QLineEdit(str(meta.get(key, "")))
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(f"Library {key}")
            edit.textChanged.connect(self._update)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.fields["id"].setReadOnly(not new)
        self.message = wrapped_label()
        self.buttons = ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.resize(520, 200)
        self._update()

    def values(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.fields.items()}

    def _update(self) -> None:
        problem = details_problem(self.values())
        self.message.setText(coloured(problem.message, ERROR) if problem else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    @classmethod
    def get_details(
        cls, parent: QWidget, meta: dict[str, str], new: bool = False
    ) -> tuple[dict[str, str], bool]:
        dialog = cls(meta, parent, new=new)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.values(), ok
        finally:
            dialog.deleteLater()


class ConflictsDialog(QDialog):
    """Import conflicts (same id, different text): a word diff each, and ours or theirs."""

    def __init__(self, conflicts: list[Conflict], source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resolve import conflicts")
        many = len(conflicts) != 1
        intro = wrapped_label(
            f"{len(conflicts)} clause{'s' * many} in {html.escape(source)} "
            f"{'use' if many else 'uses'} an id this library already has, with different text. For each, keep ours or take "
            "theirs (taking theirs makes it the next version, with the old text kept in the history)."
        )
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        holder = QWidget()
        boxes = QVBoxLayout(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        lay.addWidget(scroll, 1)
        self.groups: dict[str, QButtonGroup] = {}
        for conflict in conflicts:
            box = QGroupBox(f"{conflict.clause_id}: {conflict.ours.title}")
            inner = QVBoxLayout(box)
            view = named(QTextBrowser(), f"Differences in {conflict.clause_id}")
            others = [
                f
                for f in (*MEANING_FIELDS, "rationale", "sources")
                if f != "body" and getattr(conflict.ours, f) != getattr(conflict.theirs, f)
            ]
            note = (
                f"<p style='color:{MUTED}'>Also different: {html.escape(', '.join(others))}</p>"
                if others
                else ""
            )
            view.setHtml(f"<p>{diff_html(conflict.diff)}</p>{note}")
            view.setMaximumHeight(140)
            inner.addWidget(view)
            row = QHBoxLayout()
            ours = QRadioButton(f"Keep ours (v{conflict.ours.version})")
            theirs = QRadioButton("Take theirs")
            ours.setChecked(True)
            group = QButtonGroup(box)
            group.addButton(ours, 0)
            group.addButton(theirs, 1)
            row.addWidget(ours)
            row.addWidget(theirs)
            row.addStretch(1)
            inner.addLayout(row)
            self.groups[conflict.clause_id] = group
            boxes.addWidget(box)
        boxes.addStretch(1)
        buttons = ok_cancel(self)
        lay.addWidget(buttons)
        self.resize(720, min(700, 180 + 240 * len(conflicts)))

    def choices(self) -> dict[str, str]:
        return {cid: "theirs" if g.checkedId() == 1 else "ours" for cid, g in self.groups.items()}

    @classmethod
    def get_choices(
        cls, parent: QWidget, conflicts: list[Conflict], source: str
    ) -> tuple[dict[str, str], bool]:
        dialog = cls(conflicts, source, parent)
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.choices(), ok
        finally:
            dialog.deleteLater()
