"""Undo history over immutable states: merging, the clean mark, redo dropped by a new step."""

from __future__ import annotations

from socialpolicy.app.history import History


def test_push_undo_redo_and_texts() -> None:
    h: History[str] = History()
    seen: list[int] = []
    h.changed.connect(lambda: seen.append(h.index))
    h.push("a", "b", "Make b")
    h.push("b", "c", "Make c")
    assert (h.count, h.undo_text, h.can_redo) == (2, "Make c", False)
    assert h.undo() == "b" and h.redo_text == "Make c"
    assert h.undo() == "a" and not h.can_undo and h.undo() is None
    assert h.redo() == "b"
    h.push("b", "x", "Make x")  # a new step drops what could be redone
    assert (h.count, h.can_redo, h.undo_text) == (2, False, "Make x")
    assert seen == [1, 2, 1, 0, 1, 2]


def test_merge_keys_make_one_step_unless_saved_between() -> None:
    h: History[str] = History()
    h.push("", "a", "Type", merge_key=("text", "c1"))
    h.push("a", "ab", "Type", merge_key=("text", "c1"))
    assert h.count == 1 and h.peek_undo() == "" and h.undo() == ""
    h.redo()
    h.set_clean()
    h.push("ab", "abc", "Type", merge_key=("text", "c1"))  # not merged into the saved step
    assert h.count == 2 and not h.is_clean
    assert h.undo() == "ab" and h.is_clean
    h.push("ab", "abd", "Type", merge_key=("text", "c2"))
    assert h.count == 2


def test_clean_mark_out_of_reach_and_unsaved() -> None:
    h: History[int] = History()
    assert h.is_clean
    h.push(0, 1, "one")
    h.set_clean()
    h.undo()
    assert not h.is_clean
    h.push(0, 2, "two")  # the saved state (1) can no longer be reached
    h.undo()
    assert not h.is_clean
    h.clear(clean=False)  # a new document: nothing of it is on disk
    assert not h.is_clean and h.count == 0
    h.set_clean()
    assert h.is_clean
