"""A form for every field of a library clause, validated as the author types.

The form turns its widgets into a clause dict (the file shape of :meth:`Clause.to_dict`) and checks
it with :func:`socialpolicy.app.validation.clause_problem`, exactly as loading a library file would.
The first problem is shown under the form and its field is marked; ``problemChanged`` tells the
owner whether saving is allowed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy import templates
from socialpolicy.app import clause_text
from socialpolicy.app.validation import clause_problem, parse_stances, split_ids
from socialpolicy.gui.clause_text_edit import ClauseTextBox
from socialpolicy.gui.rich import ERROR, MUTED, OK, coloured, history_html
from socialpolicy.gui.widgets import named, wrapped_label
from socialpolicy.model import JURISDICTIONS, KINDS, SECTORS, Clause, ClauseVersion

DEBOUNCE_MS = 150
KIND_LABELS = {
    "social-media-policy": "Social media policy",
    "internal-collaboration": "Internal collaboration",
    "governance-charter": "Governance charter",
}
_ERROR_STYLE = "border: 2px solid #c62828;"


def _table(headers: list[str], accessible: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(accessible)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setMinimumHeight(90)
    table.setMaximumHeight(140)
    return table


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


class ClauseForm(QWidget):
    """Every field of one clause. ``changed`` fires on any edit; ``problemChanged(message)`` after
    validation (empty message: valid)."""

    changed = Signal()
    problemChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._version = 1
        self._history: tuple[ClauseVersion, ...] = ()
        self._last_note = ""  # the change note of the version shown; a new note goes in change_note_edit
        self._taken: set[str] = set()
        self.problem = ""
        self.problem_field = ""
        self.dirty = False

        self.id_edit = self._line("Clause id", "e.g. acme.review.cycle")
        self.title_edit = self._line("Clause title", "Heading shown in the document")
        self.topic_edit = self._line("Topic", "e.g. purpose-scope")
        self.slot_edit = self._line("Slot", "Alternatives that fill the same slot share a slot id")
        # The writer's view (chips for variables, regions for conditions) with the template code a
        # toggle away; variables are named after the questions of every built-in template.
        self.body_edit = ClauseTextBox(markdown=False)
        self.body_edit.set_labels(clause_text.Labels.of(templates.available()))
        self.body_edit.writer.setPlaceholderText("Markdown text. Insert variables from the list below.")
        self.body_edit.raw.setPlaceholderText("Markdown text. Variables: {{ organisation_name }}")
        self.body_edit.setMinimumHeight(180)
        self.stances_edit = named(QPlainTextEdit(), "Stances, one key = value per line")
        self.stances_edit.setPlaceholderText("personal_use = permitted")
        self.stances_edit.setMaximumHeight(70)
        self.requires_edit = self._line("Requires", "Clause ids this clause needs, separated by commas")
        self.excludes_edit = self._line("Excludes", "Clause ids this clause cannot appear with")
        self.condition_edit = self._line("Condition", "e.g. 'eu' in jurisdictions")
        self.tags_edit = self._line("Tags", "Words to search by, separated by commas")
        self.defines = _table(["Term", "Definition"], "Defined terms")
        self.sources = _table(["Citation", "URL", "Law in flux", "Note"], "Sources")
        self.jurisdictions = self._checks(JURISDICTIONS)
        self.sectors = self._checks(SECTORS)
        self.kinds = self._checks({k: KIND_LABELS.get(k, k) for k in KINDS})
        self.retired = QCheckBox("Retired: keep for existing documents, offer no more")
        self.rationale_edit = named(QPlainTextEdit(), "Rationale")
        self.rationale_edit.setPlaceholderText("Why an organisation wants this clause")
        self.rationale_edit.setMaximumHeight(80)
        self.change_note_edit = self._line("Change note", "What changed and why (kept in the clause history)")
        self.version_label = QLabel()
        self.version_label.setStyleSheet("color:#5a6b7d")
        self.history_view = named(QTextBrowser(), "Earlier versions and change notes")
        self.history_view.setMaximumHeight(160)
        self.problem_label = wrapped_label()
        self.problem_label.setAccessibleName("Problem with this clause")
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.widgets: dict[str, QWidget] = {
            "id": self.id_edit,
            "title": self.title_edit,
            "topic": self.topic_edit,
            "slot": self.slot_edit,
            "body": self.body_edit.stack,
            "stances": self.stances_edit,
            "requires": self.requires_edit,
            "excludes": self.excludes_edit,
            "condition": self.condition_edit,
            "tags": self.tags_edit,
            "defines": self.defines,
            "sources": self.sources,
            "rationale": self.rationale_edit,
            "change_note": self.change_note_edit,
        }
        self._styles = {name: w.styleSheet() for name, w in self.widgets.items()}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("", self.version_label)
        form.addRow("&Id", self.id_edit)
        form.addRow("&Title", self.title_edit)
        form.addRow("T&opic", self.topic_edit)
        form.addRow("Te&xt", self.body_edit)
        form.addRow("Change &note", self.change_note_edit)
        form.addRow("&Rationale", self.rationale_edit)
        form.addRow("Jurisdictions", self._row(self.jurisdictions))
        form.addRow("Sectors", self._row(self.sectors))
        form.addRow("Document kinds", self._row(self.kinds))
        form.addRow("Con&dition", self.condition_edit)
        form.addRow("S&lot", self.slot_edit)
        form.addRow("Stances", self.stances_edit)
        form.addRow("Re&quires", self.requires_edit)
        form.addRow("E&xcludes", self.excludes_edit)
        form.addRow("Defined terms", self._with_buttons(self.defines))
        form.addRow("Sources", self._with_buttons(self.sources))
        form.addRow("Ta&gs", self.tags_edit)
        form.addRow("", self.retired)
        form.addRow("History", self.history_view)
        self._history_row = form.rowCount() - 1
        self._layout = form

        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.problem_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate)
        for edit in (
            self.id_edit,
            self.title_edit,
            self.topic_edit,
            self.slot_edit,
            self.requires_edit,
            self.excludes_edit,
            self.condition_edit,
            self.tags_edit,
            self.change_note_edit,
        ):
            edit.textChanged.connect(self._edited)
        self.body_edit.textChanged.connect(self._edited)
        for text in (self.stances_edit, self.rationale_edit):
            text.textChanged.connect(self._edited)
        for table in (self.defines, self.sources):
            table.itemChanged.connect(self._edited)
        for box in [*self.jurisdictions.values(), *self.sectors.values(), *self.kinds.values(), self.retired]:
            box.toggled.connect(self._edited)
        self.set_clause(None)

    # -- building ---------------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = named(QLineEdit(), name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _checks(self, options: dict[str, str]) -> dict[str, QCheckBox]:
        boxes = {}
        for key, label in options.items():
            box = QCheckBox(label)
            box.setToolTip(key)
            boxes[key] = box
        return boxes

    def _row(self, boxes: dict[str, QCheckBox]) -> QWidget:
        holder = QWidget()
        lay = QHBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        for box in boxes.values():
            lay.addWidget(box)
        lay.addStretch(1)
        return holder

    def _with_buttons(self, table: QTableWidget) -> QWidget:
        holder = QWidget()
        lay = QHBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(table, 1)
        side = QVBoxLayout()
        add = named(QPushButton("Add"), f"Add a row to {table.accessibleName()}")
        remove = named(QPushButton("Remove"), f"Remove the selected row from {table.accessibleName()}")
        add.clicked.connect(lambda: self.add_row(table))
        remove.clicked.connect(lambda: self.remove_row(table))
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        lay.addLayout(side)
        return holder

    def add_row(self, table: QTableWidget, values: list[str] | None = None, flux: bool = False) -> int:
        row = table.rowCount()
        self._loading, was = True, self._loading
        try:
            table.insertRow(row)
            for col in range(table.columnCount()):
                if table is self.sources and col == 2:
                    item = QTableWidgetItem()
                    item.setFlags(
                        Qt.ItemFlag.ItemIsUserCheckable
                        | Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                    )
                    item.setCheckState(Qt.CheckState.Checked if flux else Qt.CheckState.Unchecked)
                else:
                    item = QTableWidgetItem((values or [])[col] if values and col < len(values) else "")
                table.setItem(row, col, item)
        finally:
            self._loading = was
        self._edited()
        return row

    def remove_row(self, table: QTableWidget) -> None:
        rows = sorted({i.row() for i in table.selectedIndexes()}, reverse=True) or (
            [table.rowCount() - 1] if table.rowCount() else []
        )
        for row in rows:
            table.removeRow(row)
        self._edited()

    # -- reading and writing ----------------------------------------------------------------------

    def set_clause(
        self, clause: Clause | None, *, new: bool = False, taken_ids: set[str] | None = None
    ) -> None:
        """Show ``clause`` (``None``: an empty new clause). The id is editable only for new clauses,
        because documents refer to clauses by id."""
        self._loading = True
        try:
            c = clause or Clause("", 1, "", "", "", "")
            self._version = c.version
            self._history = c.history
            self._last_note = c.change_note
            self._taken = set(taken_ids or ())
            self.id_edit.setText(c.id)
            self.id_edit.setReadOnly(not (new or clause is None))
            self.title_edit.setText(c.title)
            self.topic_edit.setText(c.topic)
            self.slot_edit.setText(c.slot)
            self.body_edit.set_template_text(c.body)
            self.stances_edit.setPlainText("\n".join(f"{k} = {v}" for k, v in c.stances.items()))
            self.requires_edit.setText(", ".join(c.requires))
            self.excludes_edit.setText(", ".join(c.excludes))
            self.condition_edit.setText(c.condition)
            self.tags_edit.setText(", ".join(c.tags))
            self.rationale_edit.setPlainText(c.rationale)
            self.change_note_edit.setText("")
            self.change_note_edit.setPlaceholderText(
                f"Last change: {c.change_note}"
                if c.change_note
                else "What changed and why (kept in the clause history)"
            )
            for boxes, chosen in (
                (self.jurisdictions, c.jurisdictions),
                (self.sectors, c.sectors),
                (self.kinds, c.kinds),
            ):
                for key, box in boxes.items():
                    box.setChecked(key in chosen)
            self.retired.setChecked(c.retired)
            self.defines.setRowCount(0)
            for term in c.defines:
                self.add_row(self.defines, [term.term, term.definition])
            self.sources.setRowCount(0)
            for source in c.sources:
                self.add_row(self.sources, [source.citation, source.url, "", source.note], source.in_flux)
            self.history_view.setHtml(history_html(c) if clause is not None and not new else "")
            self._layout.setRowVisible(self._history_row, bool(c.history) and clause is not None and not new)
            earlier = len(c.history)
            self.version_label.setText(
                "New clause (version 1 when saved)"
                if clause is None or new
                else f"Version {c.version}"
                + (f" · {earlier} earlier version{'s' * (earlier != 1)} kept" if earlier else "")
            )
        finally:
            self._loading = False
        self.dirty = False
        self.validate()

    def clause_data(self) -> dict[str, Any]:
        """The form as a clause dict in file shape (empty fields left out, as ``to_dict`` does)."""
        stances, _ = parse_stances(self.stances_edit.toPlainText())
        defines = [
            {"term": _cell(self.defines, r, 0), "definition": _cell(self.defines, r, 1)}
            for r in range(self.defines.rowCount())
        ]
        sources = []
        for r in range(self.sources.rowCount()):
            source: dict[str, Any] = {"citation": _cell(self.sources, r, 0)}
            if _cell(self.sources, r, 1):
                source["url"] = _cell(self.sources, r, 1)
            flux = self.sources.item(r, 2)
            if flux is not None and flux.checkState() == Qt.CheckState.Checked:
                source["in_flux"] = True
            if _cell(self.sources, r, 3):
                source["note"] = _cell(self.sources, r, 3)
            sources.append(source)
        raw = {
            "id": self.id_edit.text().strip(),
            "version": self._version,
            "title": self.title_edit.text().strip(),
            "topic": self.topic_edit.text().strip(),
            "body": self.body_edit.template_text().strip("\n"),
            "rationale": self.rationale_edit.toPlainText().strip(),
            "slot": self.slot_edit.text().strip(),
            "stances": stances,
            "requires": split_ids(self.requires_edit.text()),
            "excludes": split_ids(self.excludes_edit.text()),
            "defines": defines,
            "condition": self.condition_edit.text().strip(),
            "jurisdictions": [k for k, b in self.jurisdictions.items() if b.isChecked()],
            "sectors": [k for k, b in self.sectors.items() if b.isChecked()],
            "kinds": [k for k, b in self.kinds.items() if b.isChecked()],
            "sources": sources,
            "tags": [t.strip() for t in self.tags_edit.text().split(",") if t.strip()],
            "retired": True if self.retired.isChecked() else None,
            "change_note": self._last_note,
            "history": [h.to_dict() for h in self._history],
        }
        # Required fields stay even when empty, so the schema names them.
        required = ("id", "version", "title", "topic", "body", "rationale")
        return {k: v for k, v in raw.items() if k in required or v not in (None, "", [], {})}

    def clause(self, library: str) -> Clause:
        """The form as a :class:`Clause` of ``library`` (valid only when :attr:`problem` is empty)."""
        return Clause.from_dict(self.clause_data(), library)

    @property
    def change_note(self) -> str:
        return self.change_note_edit.text().strip()

    # -- validation -------------------------------------------------------------------------------

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._timer.start()
        self.changed.emit()

    def validate(self) -> str:
        """Check the form now; show and return the first problem (empty when valid)."""
        self._timer.stop()
        _, problem = parse_stances(self.stances_edit.toPlainText())
        if problem is None:
            problem = clause_problem(self.clause_data(), self._taken)
        name, message = (problem.field, problem.message) if problem else ("", "")
        for field_name, widget in self.widgets.items():
            widget.setStyleSheet(_ERROR_STYLE if field_name == name else self._styles[field_name])
            if field_name == name:
                widget.setToolTip(message)
            elif widget.toolTip():
                widget.setToolTip("")
        body = self.body_edit.template_text()
        self.body_edit.mark_problem(clause_text.problem(body) if name == "body" else None)
        self.problem, self.problem_field = message, name
        self.problem_label.setText(
            coloured(f"\u26a0 {message}", ERROR)
            if message
            else coloured("\u2713 Ready to save", OK)
            if self.dirty
            else coloured("No unsaved changes", MUTED)
        )
        self.problemChanged.emit(message)
        return message
