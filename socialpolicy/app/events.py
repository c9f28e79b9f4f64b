"""A small observer: the sessions announce changes; whoever shows them (the GUI, a test) listens.

A bound method is held weakly, so a session does not keep its window's controller alive (and makes no
reference cycle with it); a plain function is held as it is.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Event(Generic[P]):
    """``connect(callback)``; ``emit(...)`` calls every callback in the order they connected."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[], Callable[P, object] | None]] = []

    def connect(self, callback: Callable[P, object]) -> None:
        if isinstance(callback, MethodType):
            self._callbacks.append(weakref.WeakMethod(callback))
        else:
            self._callbacks.append(lambda: callback)

    def disconnect(self, callback: Callable[P, object]) -> None:
        self._callbacks = [ref for ref in self._callbacks if ref() != callback]

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        alive = []
        for ref in list(self._callbacks):
            callback = ref()
            if callback is not None:
                alive.append(ref)
                callback(*args, **kwargs)
        if len(alive) != len(self._callbacks):
            self._callbacks = [ref for ref in self._callbacks if ref() is not None]
