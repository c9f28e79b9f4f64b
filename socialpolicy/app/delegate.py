"""Attributes that a view shows from its session: ``project = FromSession[Project | None]()`` on a window
reads ``window.session.project``, typed, read-only, with no property written out for each."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class FromSession(Generic[T]):
    """A read-only attribute that is the ``name``d attribute (by default the same name) of ``obj.session``."""

    def __init__(self, name: str = "") -> None:
        self.name = name

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = self.name or name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> FromSession[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        return self if obj is None else getattr(obj.session, self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        raise AttributeError(f"{self.name!r} is the session's: change it through the session")
