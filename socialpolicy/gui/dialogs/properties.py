"""Document properties: the facts every export shows on its cover and document control page (title,
organisation, version, status, owner, dates), the approvals, the notes of the version history and the
wording of the defined terms. The dialog only collects them; the edit is a session call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from socialpolicy import properties as props_mod
from socialpolicy.gui.dialogs import ok_cancel
from socialpolicy.gui.widgets import push_button, wrapped_label
from socialpolicy.properties import Approval, HistoryRow, Properties

HINTS = {
    "title": "As it appears on the cover and at the top of every page",
    "organisation": "The organisation's full name, shown under the title",
    "version": "Such as 0.1 for a first draft, 1.0 once it is approved",
    "owner": "The role that keeps the policy up to date, such as Head of People",
    "effective_date": "YYYY-MM-DD, the day the policy starts to apply",
    "review_date": "YYYY-MM-DD, when the owner looks at it again",
}


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: str, *, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setForeground(Qt.GlobalColor.darkGray)
    return item


def _text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


class PropertiesDialog(QDialog):
    """Shows ``props``; :meth:`properties` gives what the author made of them. OK keeps the dialog open
    and names the problem while something cannot be kept (a date in the wrong form, no title)."""

    def __init__(self, props: Properties, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document properties")
        self.setObjectName("properties-dialog")
        self.original = props
        self.fields: dict[str, QLineEdit] = {}
        tabs = QTabWidget()
        tabs.addTab(self._details(props), "&Details")
        tabs.addTab(self._approvals(props), "A&pprovals")
        tabs.addTab(self._history(props), "&Version history")
        tabs.addTab(self._definitions(props), "Defined &terms")
        self.tabs = tabs
        self.error = QLabel()
        self.error.setObjectName("properties-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a4161a")
        self.error.hide()
        buttons = ok_cancel(self, on_ok=self._ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        lay = QVBoxLayout(self)
        intro = wrapped_label(
            "These facts appear on the cover, in the page headers and on the document control page of every "
            "export (Word, PDF, HTML and Markdown)."
        )
        lay.addWidget(intro)
        lay.addWidget(tabs, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(760, 540)

    # -- the tabs ------------------------------------------------------------------------------

    def _details(self, props: Properties) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in props_mod.FIELDS:
            value = props.fields.get(key, "")
            if key == "status":
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(list(props_mod.STATUSES))
                combo.setCurrentText(value)
                edit = combo.lineEdit()
                assert edit is not None
                widget: QWidget = combo
            else:
                edit = QLineEdit(value)
                widget = edit
            edit.setObjectName(f"property-{key}")
            edit.setAccessibleName(label)
            if key in HINTS:
                edit.setPlaceholderText(HINTS[key])
                edit.setToolTip(HINTS[key])
            self.fields[key] = edit
            caption = QLabel(f"&{label}:")
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        return page

    def _approvals(self, props: Properties) -> QWidget:
        self.approvals = _table(["Role", "Name", "Date (YYYY-MM-DD)"], "Approvals")
        self.approvals.setColumnWidth(0, 240)
        self.approvals.setColumnWidth(1, 240)
        for a in props.approvals:
            self._add_approval(a)
        add = push_button("&Add approval", self._add_empty_approval)
        remove = push_button("&Remove selected", self._remove_approval)
        note = wrapped_label(
            "Who must approve the document before it applies, such as the policy owner, HR director and "
            "legal counsel. Leave the date empty until they sign; Word shows a signature column."
        )
        return self._page(note, self.approvals, add, remove)

    def _history(self, props: Properties) -> QWidget:
        self.history = _table(["Version", "Date", "Author", "What changed"], "Version history")
        for row in props.history:
            r = self.history.rowCount()
            self.history.insertRow(r)
            self.history.setItem(r, 0, _cell(row.version, editable=False))
            self.history.setItem(r, 1, _cell(row.date, editable=False))
            self.history.setItem(r, 2, _cell(row.author))
            self.history.setItem(r, 3, _cell(row.note))
        self.history.setColumnWidth(2, 160)
        self.history.setWordWrap(True)
        note = wrapped_label(
            "Each version's author and note can be changed here. To add a version, save a revision "
            "(Document menu, Revisions and redline): it keeps a copy to compare with later."
        )
        return self._page(note, self.history)

    def _definitions(self, props: Properties) -> QWidget:
        self.definitions = _table(["Term", "Meaning"], "Defined terms")
        for term, text in sorted((props.definitions or {}).items(), key=lambda kv: kv[0].lower()):
            r = self.definitions.rowCount()
            self.definitions.insertRow(r)
            self.definitions.setItem(r, 0, _cell(term, editable=False))
            self.definitions.setItem(r, 1, _cell(text))
        self.definitions.setWordWrap(True)
        self.definitions.setColumnWidth(0, 180)
        note = wrapped_label(
            "The words the document gives a special meaning. Change how a meaning is worded here; "
            "the clauses that use the term stay as they are."
            if props.definitions
            else "This document has no defined terms yet."
        )
        return self._page(note, self.definitions)

    @staticmethod
    def _page(note: QLabel, table: QTableWidget, *buttons: QPushButton) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(note)
        lay.addWidget(table, 1)
        if buttons:
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            lay.addLayout(row)
        return page

    def _add_approval(self, a: Approval) -> int:
        r = self.approvals.rowCount()
        self.approvals.insertRow(r)
        for col, value in enumerate((a.role, a.name, a.date)):
            self.approvals.setItem(r, col, _cell(value))
        return r

    def _add_empty_approval(self) -> None:
        r = self._add_approval(Approval(""))
        self.approvals.setCurrentCell(r, 0)
        item = self.approvals.item(r, 0)
        if item is not None:
            self.approvals.editItem(item)

    def _remove_approval(self) -> None:
        rows = sorted({i.row() for i in self.approvals.selectedIndexes()}, reverse=True)
        for r in rows:
            self.approvals.removeRow(r)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for table in (self.history, self.definitions):  # long notes and meanings shown whole
            table.resizeRowsToContents()

    # -- the result ----------------------------------------------------------------------------

    def properties(self) -> Properties:
        fields = {key: edit.text().strip() for key, edit in self.fields.items()}
        approvals = tuple(
            Approval(_text(self.approvals, r, 0), _text(self.approvals, r, 1), _text(self.approvals, r, 2))
            for r in range(self.approvals.rowCount())
        )
        history = tuple(
            HistoryRow(
                _text(self.history, r, 0),
                _text(self.history, r, 1),
                _text(self.history, r, 2),
                _text(self.history, r, 3),
            )
            for r in range(self.history.rowCount())
        )
        definitions = (
            {
                _text(self.definitions, r, 0): _text(self.definitions, r, 1)
                for r in range(self.definitions.rowCount())
            }
            if self.original.definitions is not None
            else None
        )
        return Properties(fields, approvals, history, definitions)

    def _ok(self) -> None:
        issues = props_mod.problems(self.properties())
        self.error.setText("\n".join(issues))
        self.error.setVisible(bool(issues))
        if not issues:
            self.accept()
