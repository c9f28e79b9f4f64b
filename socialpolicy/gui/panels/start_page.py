"""The start page: a new document from one of the templates, open, recent files."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.gui.widgets import named, wrapped_label
from socialpolicy.model import Template

ROLE_PATH = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    newRequested = Signal(str)  # template id
    resumeRequested = Signal(str)  # template id of a kept wizard draft
    openRequested = Signal()
    recentRequested = Signal(str)  # path

    def __init__(self, templates: Sequence[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-page")
        title = wrapped_label(
            "<h1 style='color:#14304d'>Social Policy Studio</h1>"
            "<p>Build a policy from a library of clauses written for HR teams and checked against "
            "the law and good practice. Answer a few questions, then edit, check and export.</p>"
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.new_buttons: dict[str, QPushButton] = {}
        self.resume_buttons: dict[str, QPushButton] = {}
        self.titles = {t.id: t.title for t in templates}
        for col, template in enumerate(templates):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setObjectName("template-card")
            card.setStyleSheet(
                "#template-card { background: #f5f8fb; border: 1px solid #d0d7de; border-radius: 6px; }"
            )
            lay = QVBoxLayout(card)
            name = QLabel(f"<h3 style='color:#14304d'>{html.escape(template.title)}</h3>")
            desc = wrapped_label(_first_sentence(template.description))
            desc.setToolTip(template.description)
            button = named(QPushButton(f"New {template.title.lower()}…"), f"New {template.title}")
            button.setAccessibleDescription(template.description)
            button.setProperty("template_id", template.id)
            button.clicked.connect(self._new_clicked)
            resume = QPushButton()
            resume.setObjectName(f"resume-{template.id}")
            resume.setProperty("template_id", template.id)
            resume.clicked.connect(self._resume_clicked)
            resume.hide()
            lay.addWidget(name)
            lay.addWidget(desc, 1)
            lay.addWidget(resume)
            lay.addWidget(button)
            self.resume_buttons[template.id] = resume
            grid.addWidget(card, 0, col)
            self.new_buttons[template.id] = button
        self.open_button = named(QPushButton("&Open a document…"), "Open a document")
        self.open_button.clicked.connect(self.openRequested)
        self.recent = QListWidget()
        self.recent.setObjectName("recent-files")
        self.recent.setAccessibleName("Recent documents")
        self.recent.itemActivated.connect(self._recent_activated)
        recent_label = QLabel("<b>Recent documents</b>")
        recent_label.setBuddy(self.recent)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_button)
        open_row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.addWidget(title)
        outer.addLayout(grid)
        outer.addSpacing(16)
        outer.addLayout(open_row)
        outer.addSpacing(8)
        outer.addWidget(recent_label)
        outer.addWidget(self.recent, 1)

    def set_recent(self, paths: Sequence[str]) -> None:
        self.recent.clear()
        for p in paths:
            path = Path(p)
            item = QListWidgetItem(f"{path.name}    {path.parent}")
            item.setData(ROLE_PATH, p)
            item.setToolTip(p)
            if not path.exists():
                item.setText(item.text() + "  (missing)")
            self.recent.addItem(item)
        if not paths:
            placeholder = QListWidgetItem("No recent documents yet.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def set_drafts(self, drafts: Sequence[tuple[str, str]]) -> None:
        """Offer each kept wizard draft, given as (template id, when it was kept)."""
        when = dict(drafts)
        for template_id, button in self.resume_buttons.items():
            if template_id in when:
                button.setText(f"&Resume your answers ({when[template_id]})")
                button.setAccessibleName(f"Resume your answers for a new {self.titles[template_id].lower()}")
                button.setToolTip(
                    "Go on with the questions you started answering; nothing has been built yet"
                )
            button.setVisible(template_id in when)

    def _resume_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.resumeRequested.emit(str(button.property("template_id")))

    def _new_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.newRequested.emit(str(button.property("template_id")))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        path = item.data(ROLE_PATH)
        if path:
            self.recentRequested.emit(str(path))


def _first_sentence(text: str) -> str:
    head = text.split(": ", 1)[0] if ": " in text[:160] else text
    return head if head.endswith(".") else head + "."
