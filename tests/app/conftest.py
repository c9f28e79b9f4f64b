"""Application-layer fixtures: sessions over the built-in library, no window anywhere."""

from __future__ import annotations

from tests.conftest import answers_for, make_project_file

__all__ = ["answers_for", "make_project_file"]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now
