"""Questions the app asks in more than one place, asked one way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def settle(
    parent: QWidget, title: str, text: str, save: Callable[[], bool], *, default_save: bool = True
) -> bool:
    """Save, Discard or Cancel unsaved changes. True when it is fine to go on (saved or discarded)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        Button.Save | Button.Discard | Button.Cancel,
        Button.Save if default_save else Button.NoButton,
    )
    if answer == Button.Save:
        return save()
    return answer == Button.Discard


def yes(parent: QWidget, title: str, text: str, *, default_yes: bool = True) -> bool:
    answer = QMessageBox.question(
        parent, title, text, Button.Yes | Button.No, Button.Yes if default_yes else Button.No
    )
    return answer == Button.Yes


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
