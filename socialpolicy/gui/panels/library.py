"""The clause library: search, filter by kind, topic, jurisdiction and sector, read the
rationale, insert into the document."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.gui.rich import clause_html
from socialpolicy.gui.widgets import named
from socialpolicy.library import Catalog
from socialpolicy.model import JURISDICTIONS, SECTORS, Clause

ROLE_KEY = Qt.ItemDataRole.UserRole


def matches(clause: Clause, text: str, topic: str, jurisdiction: str, sector: str, kind: str) -> bool:
    """Whether ``clause`` passes the library panel's filters (empty filter: anything)."""
    if clause.retired:
        return False
    if kind and clause.kinds and kind not in clause.kinds:
        return False
    if topic and clause.topic != topic:
        return False
    if jurisdiction and clause.jurisdictions and jurisdiction not in clause.jurisdictions:
        return False
    if sector and clause.sectors and sector not in clause.sectors:
        return False
    if text:
        hay = " ".join(
            (clause.id, clause.title, clause.topic, clause.body, clause.rationale, " ".join(clause.tags))
        ).lower()
        return all(word in hay for word in text.lower().split())
    return True


class LibraryPanel(QWidget):
    insertRequested = Signal(str, str)  # library id, clause id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog: Catalog | None = None
        self._present: set[str] = set()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search clauses")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the clause library")
        self.kind = named(QComboBox(), "Filter by document kind")
        self.topic = named(QComboBox(), "Filter by topic")
        self.jurisdiction = named(QComboBox(), "Filter by jurisdiction")
        self.jurisdiction.addItem("Any", "")
        for key, label in JURISDICTIONS.items():
            self.jurisdiction.addItem(label, key)
        self.sector = named(QComboBox(), "Filter by sector")
        self.sector.addItem("Any", "")
        for key, label in SECTORS.items():
            self.sector.addItem(label, key)
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("T&opic", self.topic)
        form.addRow("&Jurisdiction", self.jurisdiction)
        form.addRow("Sec&tor", self.sector)
        self.list = named(QListWidget(), "Library clauses")
        # Long titles wrap rather than run past the panel's edge behind a sideways scroll bar.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details = named(QTextBrowser(), "Library clause details and rationale")
        self.insert_button = QPushButton("&Insert into document")
        self.insert_button.setEnabled(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.details)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addLayout(form)
        lay.addWidget(split, 1)
        lay.addWidget(self.insert_button)
        self.search.textChanged.connect(self.refresh)
        for combo in (self.kind, self.topic, self.jurisdiction, self.sector):
            combo.currentIndexChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(self._insert)
        self.insert_button.clicked.connect(self._insert)

    def set_catalog(self, catalog: Catalog, kind: str, present: set[str]) -> None:
        self._catalog = catalog
        self._present = present
        for combo in (self.kind, self.topic):
            combo.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("All kinds", "")
        for k in sorted({k for c in catalog for k in c.kinds}):
            self.kind.addItem(k, k)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        previous = self.topic.currentData()
        self.topic.clear()
        self.topic.addItem("Any", "")
        for t in sorted({c.topic for c in catalog}):
            self.topic.addItem(t, t)
        self.topic.setCurrentIndex(max(0, self.topic.findData(previous)))
        for combo in (self.kind, self.topic):
            combo.blockSignals(False)
        self.refresh()

    def set_present(self, present: set[str]) -> None:
        if present != self._present:
            self._present = present
            self.refresh()

    def visible_clauses(self) -> list[Clause]:
        if self._catalog is None:
            return []
        return [
            c
            for c in self._catalog
            if matches(
                c,
                self.search.text().strip(),
                self.topic.currentData() or "",
                self.jurisdiction.currentData() or "",
                self.sector.currentData() or "",
                self.kind.currentData() or "",
            )
        ]

    def refresh(self) -> None:
        current = self.list.currentItem().data(ROLE_KEY) if self.list.currentItem() else None
        self.list.blockSignals(True)
        self.list.clear()
        for clause in self.visible_clauses():
            stance = f" ({', '.join(clause.stances.values())})" if clause.slot and clause.stances else ""
            item = QListWidgetItem(
                ("\u2713 " if clause.id in self._present else "    ") + clause.title + stance
            )
            item.setData(ROLE_KEY, (clause.library, clause.id))
            item.setToolTip(
                f"{clause.library}:{clause.id} · {clause.topic}"
                + (" · already in the document" if clause.id in self._present else "")
            )
            self.list.addItem(item)
            if (clause.library, clause.id) == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show(self.list.currentItem(), None)

    def _clause(self, item: QListWidgetItem | None) -> Clause | None:
        if item is None or self._catalog is None:
            return None
        lib, cid = item.data(ROLE_KEY)
        return self._catalog.get(lib, cid)

    def _show(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        clause = self._clause(item)
        self.insert_button.setEnabled(clause is not None and clause.id not in self._present)
        self.details.setHtml(
            clause_html(clause) if clause else "<p>Select a clause to read it and why it exists.</p>"
        )

    def _insert(self, *_: object) -> None:
        clause = self._clause(self.list.currentItem())
        if clause is not None and clause.id not in self._present:
            self.insertRequested.emit(clause.library, clause.id)
