"""FromSession: a view's attribute that reads its session's, read-only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from socialpolicy.app.delegate import FromSession


class View:
    title = FromSession[str]()
    chosen = FromSession[int | None]("selected")

    def __init__(self, session: object) -> None:
        self.session = session


def test_reads_the_session_at_each_access() -> None:
    session = SimpleNamespace(title="Draft", selected=None)
    view = View(session)
    assert (view.title, view.chosen) == ("Draft", None)
    session.title, session.selected = "Final", 3
    assert (view.title, view.chosen) == ("Final", 3)  # nothing is copied onto the view


def test_cannot_be_set_on_the_view() -> None:
    view = View(SimpleNamespace(title="Draft", selected=None))
    with pytest.raises(AttributeError, match="'title' is the session's"):
        view.title = "Other"  # type: ignore[misc]
    assert isinstance(View.title, FromSession)
