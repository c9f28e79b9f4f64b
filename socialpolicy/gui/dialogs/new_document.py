"""New document (Ctrl+N): choose which of the templates to start from; the wizard follows."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.gui.dialogs import Standard, ok_cancel
from socialpolicy.gui.widgets import wrapped_label
from socialpolicy.model import Template

ROLE_ID = Qt.ItemDataRole.UserRole


class NewDocumentDialog(QDialog):
    """The templates as a list, each with what it is for; ``chosen()`` is the template id picked."""

    def __init__(self, templates: Sequence[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New document")
        self.setObjectName("new-document-dialog")
        intro = wrapped_label(
            "What kind of document do you want to write? The next step asks a few questions about it."
        )
        self.list = QListWidget()
        self.list.setObjectName("template-choice")
        self.list.setAccessibleName("Kind of document")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        for template in templates:
            item = QListWidgetItem(f"{template.title}\n{template.description}")
            item.setData(ROLE_ID, template.id)
            item.setToolTip(html.escape(template.description))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self.accept)
        buttons = ok_cancel(self)
        buttons.button(Standard.Ok).setText("&Answer the questions…")
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(620, 380)

    def chosen(self) -> str:
        item = self.list.currentItem()
        return str(item.data(ROLE_ID)) if item is not None else ""

    def choose(self, template_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item is not None and item.data(ROLE_ID) == template_id:
                self.list.setCurrentItem(item)
