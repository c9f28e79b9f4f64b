"""The writer's view of clause text: chips for variables, regions for conditional parts, and the
template text underneath unchanged by anything but the author's own edit."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from socialpolicy import templates
from socialpolicy.app import clause_text as ct
from socialpolicy.gui import writer_edit
from socialpolicy.gui.clause_text_edit import HIDDEN, OBJECT, ClauseTextBox
from socialpolicy.library import builtin

pytestmark = pytest.mark.gui

LABELS = ct.Labels.of([templates.get("social-media-policy")])
REGION = "Help {% if sector == 'healthcare' %}patients{% else %}customers{% endif %} quickly."


@pytest.fixture
def box(qtbot: Any) -> ClauseTextBox:
    widget = ClauseTextBox()
    widget.set_labels(LABELS)
    widget.resize(700, 300)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _move(box: ClauseTextBox, op: QTextCursor.MoveOperation, n: int = 1) -> None:
    cursor = box.writer.textCursor()
    cursor.movePosition(op, QTextCursor.MoveMode.MoveAnchor, n)
    box.writer.setTextCursor(cursor)


def test_variables_show_as_labelled_chips(box: ClauseTextBox) -> None:
    box.set_template_text("Ask {{ org_short }} or {{ hr_contact }} first.")
    chips = box.writer.chips()
    assert [(c.kind, c.label) for c in chips] == [
        (ct.VARIABLE, "Organisation short name"),
        (ct.VARIABLE, "Team for conduct concerns"),
    ]
    shown = box.writer.toPlainText()
    assert "{{" not in shown and shown.count(OBJECT) == 2
    assert box.template_text() == "Ask {{ org_short }} or {{ hr_contact }} first."
    assert not box.is_advanced


def test_every_library_clause_is_shown_and_stored_unchanged(box: ClauseTextBox) -> None:
    for clause in builtin().clauses.values():
        box.set_template_text(clause.body)
        assert box.template_text() == clause.body, clause.id
        assert not box.is_advanced, clause.id


def test_typing_around_chips_keeps_the_template_syntax(qtbot: Any, box: ClauseTextBox) -> None:
    text = "Ask {{ org_short }} first.{% if listed %} Shares!{% endif %}"
    box.set_template_text(text)
    writer = box.writer
    writer.setFocus()
    _move(box, QTextCursor.MoveOperation.End)
    qtbot.keyClicks(writer, " Thanks.")
    _move(box, QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(writer, "Please ")
    _move(box, QTextCursor.MoveOperation.Start)
    _move(box, QTextCursor.MoveOperation.Right, len("Please Ask ") + 1)  # just after the chip
    qtbot.keyClicks(writer, " today")
    assert (
        box.template_text()
        == "Please Ask {{ org_short }} today first.{% if listed %} Shares!{% endif %} Thanks."
    )
    # The typed text took no chip format: it is plain text, not a second chip.
    assert [c.kind for c in writer.chips()] == [ct.VARIABLE, ct.IF, ct.ENDIF]


def test_a_chip_cannot_be_partly_edited(qtbot: Any, box: ClauseTextBox) -> None:
    box.set_template_text("Ask {{ org_short }} first.")
    writer = box.writer
    writer.setFocus()
    _move(box, QTextCursor.MoveOperation.Right, 5)  # after "Ask " and the chip
    # One step left crosses the whole chip: there is no position inside it.
    cursor = writer.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == OBJECT
    qtbot.keyClick(writer, Qt.Key.Key_Backspace)
    assert box.template_text() == "Ask  first."
    writer.undo()
    assert box.template_text() == "Ask {{ org_short }} first."
    _move(box, QTextCursor.MoveOperation.Start)
    _move(box, QTextCursor.MoveOperation.Right, 4)
    qtbot.keyClick(writer, Qt.Key.Key_Delete)
    assert box.template_text() == "Ask  first."


def test_copy_gives_the_template_text_and_paste_makes_chips(box: ClauseTextBox) -> None:
    box.set_template_text("Ask {{ org_short }} first.")
    writer = box.writer
    writer.selectAll()
    writer.copy()
    assert QApplication.clipboard().text() == "Ask {{ org_short }} first."
    # Held as Qt's own data (a QMimeData made in Python, kept by the clipboard to the exit, crashed it).
    assert not QApplication.clipboard().mimeData().hasFormat(writer_edit.MIME)
    _move(box, QTextCursor.MoveOperation.End)
    writer.paste()
    assert box.template_text() == "Ask {{ org_short }} first.Ask {{ org_short }} first."
    assert [c.kind for c in writer.chips()] == [ct.VARIABLE, ct.VARIABLE]


def test_a_typed_tag_becomes_a_chip(qtbot: Any, box: ClauseTextBox) -> None:
    box.set_template_text("Tell ")
    writer = box.writer
    writer.setFocus()
    _move(box, QTextCursor.MoveOperation.End)
    qtbot.keyClicks(writer, "{{ hr_contact }} now")
    qtbot.waitUntil(lambda: len(writer.chips()) == 1, timeout=2000)
    assert writer.chips()[0].label == "Team for conduct concerns"
    assert box.template_text() == "Tell {{ hr_contact }} now"
    assert writer.toPlainText() == f"Tell {OBJECT} now"


def test_typing_two_braces_offers_the_variables(qtbot: Any, box: ClauseTextBox) -> None:
    box.set_template_text("")
    writer = box.writer
    writer.setFocus()
    qtbot.keyClicks(writer, "Tell {{")
    qtbot.waitUntil(box.variables_menu.isVisible, timeout=2000)
    chosen = next(a for a in box.variables_menu.actions() if a.text() == "Communications team")
    box.variables_menu.hide()
    chosen.trigger()  # the chip takes the place of the braces
    assert box.template_text() == "Tell {{ comms_contact }}"
    assert [c.label for c in writer.chips()] == ["Communications team"]


def test_insert_variable_from_the_list(box: ClauseTextBox) -> None:
    box.set_template_text("Write to .")
    _move(box, QTextCursor.MoveOperation.Right, len("Write to "))
    labels = {a.text(): a for a in box.variables_menu.actions()}
    assert "Organisation short name" in labels and "Communications team" in labels
    labels["Communications team"].trigger()
    assert box.template_text() == "Write to {{ comms_contact }}."
    assert box.insert_action.shortcut().toString() == "Ctrl+Shift+I"


def test_conditional_parts_are_labelled_regions_that_hide_and_show(box: ClauseTextBox) -> None:
    box.set_template_text(REGION)
    writer = box.writer
    ((opening, branches, end),) = writer.regions()
    assert opening.label == "Only for healthcare"
    assert [b.label for b in branches] == ["Otherwise"]
    assert end.kind == ct.ENDIF
    # The region is tinted from its opening to its end.
    tint = writer.extraSelections()[0]
    assert (tint.cursor.selectionStart(), tint.cursor.selectionEnd()) == (opening.pos, end.pos + 1)
    box.hide_button.setChecked(True)
    assert [c.kind for c in writer.chips()] == [HIDDEN]
    assert "patients" not in writer.toPlainText() and "customers" not in writer.toPlainText()
    assert box.template_text() == REGION
    box.hide_button.setChecked(False)
    assert "patients" in writer.toPlainText()
    assert box.template_text() == REGION
    # One part folds and unfolds on its own too; the parts inside stay as they were.
    assert writer.toggle_at(writer.regions()[0][0].pos)
    assert box.template_text() == REGION
    assert writer.toggle_at(writer.chips()[0].pos)
    assert box.template_text() == REGION
    # Text typed inside a branch is stored inside it.
    _move(box, QTextCursor.MoveOperation.Start)
    _move(box, QTextCursor.MoveOperation.Right, len("Help ") + 1 + len("patients"))
    writer.insertPlainText(" and visitors")
    assert box.template_text() == REGION.replace("patients", "patients and visitors")


def test_advanced_shows_the_raw_text(box: ClauseTextBox) -> None:
    box.set_template_text(REGION)
    box.advanced.setChecked(True)
    assert box.is_advanced and box.stack.currentWidget() is box.raw
    assert box.raw.toPlainText() == REGION
    box.raw.setPlainText(REGION + " {{ org_short }}")
    box.advanced.setChecked(False)
    assert box.template_text() == REGION + " {{ org_short }}"
    assert box.writer.chips()[-1].label == "Organisation short name"


def test_no_break_spaces_survive_both_views(box: ClauseTextBox) -> None:
    text = "Up to 10\u00a0days, {{ org_short }}\u00a0staff"
    box.set_template_text(text)
    assert not box.is_advanced and box.template_text() == text
    box.advanced.setChecked(True)
    assert box.template_text() == text
    box.advanced.setChecked(False)
    assert box.template_text() == text
    box.set_template_text("Line one\r\nline two")  # line ends become plain newlines, as they render
    assert not box.is_advanced and box.template_text() == "Line one\nline two"


def test_a_problem_is_underlined_where_it_is(box: ClauseTextBox) -> None:
    text = "Ask {{ org_short }} first {% if"
    box.set_template_text(text)
    found = ct.problem(text)
    assert found is not None
    box.mark_problem(found)
    marks = [
        s
        for s in box.writer.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]
    assert len(marks) == 1
    shown = box.writer.toPlainText()
    assert shown[marks[0].cursor.selectionStart() : marks[0].cursor.selectionEnd()] == "{% if"
    assert box.writer.problem_message == found.message
    box.advanced.setChecked(True)  # the template code is marked at the same place
    (raw_mark,) = box.raw.extraSelections()
    assert text[raw_mark.cursor.selectionStart() : raw_mark.cursor.selectionEnd()] == "{% if"
    box.advanced.setChecked(False)
    box.mark_problem(None)
    assert not [
        s
        for s in box.writer.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


def test_a_click_on_a_region_label_folds_it_and_a_click_beside_it_does_not(
    qtbot: Any, box: ClauseTextBox
) -> None:
    box.set_template_text(REGION)
    writer = box.writer
    qtbot.waitExposed(box)
    opening = writer.regions()[0][0]
    left = writer.cursorRect(writer._cursor_at(opening.pos))
    right = writer.cursorRect(writer._cursor_at(opening.pos + 1))
    beside = left.center()
    beside.setX(max(1, left.left() - 12))  # on "Help ", before the label
    qtbot.mouseClick(writer.viewport(), Qt.MouseButton.LeftButton, pos=beside)
    assert writer.chips()[0].kind == ct.IF
    middle = left.center()
    middle.setX((left.left() + right.left()) // 2)
    qtbot.mouseClick(writer.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert [c.kind for c in writer.chips()] == [HIDDEN]
    assert box.template_text() == REGION
    qtbot.mouseClick(writer.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert writer.chips()[0].kind == ct.IF
    assert box.template_text() == REGION


def test_a_condition_changes_to_another_choice_and_undoes(box: ClauseTextBox) -> None:
    box.set_template_text(REGION)
    writer = box.writer
    opening = writer.regions()[0][0]
    ((label, raw),) = [o for o in ct.other_conditions(opening.raw, LABELS) if "financial" in o[0]]
    writer.change_condition(opening.pos, raw)
    assert box.template_text() == REGION.replace("sector == 'healthcare'", "sector == 'finance'")
    assert writer.regions()[0][0].label == label == "Only for financial services"
    writer.undo()
    assert box.template_text() == REGION


def test_the_context_menu_of_a_region_folds_it_and_changes_its_condition(box: ClauseTextBox) -> None:
    box.set_template_text(REGION)
    writer = box.writer
    _move(box, QTextCursor.MoveOperation.Right, len("Help ") + 1)  # just after the region's label
    menu = writer.context_menu(QPoint(5, 5), keyboard=True)
    actions = {a.text(): a for a in menu.actions()}
    assert "Hide this part" in actions
    change = actions["Change the condition"].menu()
    assert isinstance(change, QMenu)
    first = change.actions()[0]
    assert first.text() == "Only for the general sector"
    first.trigger()
    assert box.template_text() == REGION.replace("'healthcare'", "'general'")
    menu.deleteLater()
