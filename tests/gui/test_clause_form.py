"""The clause form: every built-in clause round-trips; word diffs as HTML."""

from __future__ import annotations

from typing import Any

import pytest

from socialpolicy.gui import rich
from socialpolicy.gui.library.clause_form import ClauseForm
from socialpolicy.library import builtin

pytestmark = pytest.mark.gui


def test_every_builtin_clause_round_trips_through_the_form(qtbot: Any) -> None:
    form = ClauseForm()
    qtbot.addWidget(form)
    for clause in builtin():
        form.set_clause(clause)
        assert form.problem == "", clause.id
        assert form.clause("builtin") == clause, clause.id


def test_diff_html_marks_removed_and_added_words() -> None:
    from socialpolicy.library_tools import word_diff

    assert rich.diff_html(word_diff("Ask <b> first.", "Ask the lead first.")) == (
        'Ask <del style="background-color:#fde2e1;color:#a4161a">&lt;b&gt;</del>'
        '<ins style="background-color:#d7f5dd;color:#0a5d1b">the lead</ins> first.'
    )
