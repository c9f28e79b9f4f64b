"""Small constructors the panels and dialogs share, so a widget is made, described and wired in one place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QPushButton


def push_button(text: str, on_click: Callable[[], object] | SignalInstance, tip: str = "") -> QPushButton:
    """A button labelled ``text`` (with its ``&`` mnemonic) that calls ``on_click`` (or emits it, a signal);
    screen readers hear the label without the mnemonic, and ``tip`` is its tooltip."""
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(on_click)
    return button
