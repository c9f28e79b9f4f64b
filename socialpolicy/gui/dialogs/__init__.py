"""Dialogs. Each that answers a question returns its result through a class method (for example
``AcceptRiskDialog.get_reason(parent, ...) -> (by, reason, ok)``), so tests can drive it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Standard = QDialogButtonBox.StandardButton
_Dialog = TypeVar("_Dialog", bound=QDialog)


def shown(new: _Dialog, old: QDialog | None) -> _Dialog:
    """``new`` opened (window-modal, without blocking) in place of the dialog of its kind shown before, ``old``,
    which Qt deletes once it is done with it: one dialog of each kind at a time."""
    if old is not None:
        old.deleteLater()
    new.open()
    return new


def ok_cancel(
    dialog: QDialog, ok: Standard = Standard.Ok, on_ok: Callable[[], None] | None = None
) -> QDialogButtonBox:
    """The dialog's ``ok`` button (Ok, Save ...) and Cancel, wired to ``on_ok`` (by default accept) and reject."""
    buttons = QDialogButtonBox(ok | Standard.Cancel)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
