"""What re-assembly changed, after the author changed the wizard's answers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QVBoxLayout, QWidget

from socialpolicy.gui.widgets import named, wrapped_label


class ChangesDialog(QDialog):
    """Lists what re-assembly changed."""

    def __init__(self, changes: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What changed")
        label = wrapped_label(
            "The document was re-assembled from your new answers. Your edits and custom clauses "
            "were kept. These are the changes (Undo reverts them all):"
        )
        self.list = named(QListWidget(), "Changes made by re-assembly")
        self.list.setWordWrap(True)
        self.list.addItems(list(changes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.list)
        lay.addWidget(buttons)
        self.resize(640, 360)
