"""Small constructors the panels and dialogs share, so a widget is made, described and wired in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def push_button(text: str, on_click: Callable[[], object] | SignalInstance, tip: str = "") -> QPushButton:
    """A button labelled ``text`` (with its ``&`` mnemonic) that calls ``on_click`` (or emits it, a signal);
    screen readers hear the label without the mnemonic, and ``tip`` is its tooltip."""
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(on_click)
    return button


_Widget = TypeVar("_Widget", bound=QWidget)


def named(widget: _Widget, name: str) -> _Widget:
    """``widget`` with the name screen readers announce for it (a view, a field or a list has no label of its
    own to be read)."""
    widget.setAccessibleName(name)
    return widget


def wrapped_label(text: str = "") -> QLabel:
    """A label whose text wraps to the width it is given (every label of more than a few words)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label
