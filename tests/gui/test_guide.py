"""Help: F1 opens the guide's page for the part in focus, the guide's links work in its window, the
shortcuts page lists the app's shortcuts, the tour runs once by itself and can be skipped, and the export
dialog says the document needs a lawyer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel

from socialpolicy import help as guide
from socialpolicy import settings as settings_mod
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import make_project_file
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def _open(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    assert window.controller.open_path(make_project_file(tmp_path))
    _settle(qtbot, window)


def _f1(qtbot: Any, widget: Any) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_F1)


def test_f1_opens_the_page_of_the_panel_in_focus(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path)
    window.activateWindow()
    for widget, page in (
        (window.findings.tree, "findings"),
        (window.outline, "outline"),
        (window.editor.body_edit, "editor"),
        (window.preview, "preview"),
        (window.next_steps.list, "next-steps"),
    ):
        if not widget.isVisible():
            widget.window().show()
        if widget is window.next_steps.list:
            window.steps_dock.raise_()
        _f1(qtbot, widget)
        guide_window = window.controller.guide
        assert guide_window is not None and guide_window.page == page, page
        assert guide.PAGES[page] in guide_window.windowTitle()
        assert "<h1>" not in guide_window.browser.toPlainText()
        window.activateWindow()
    # The start page has its own page.
    assert window.controller.help_page_for(window.start_page.open_button) == "start"


def test_f1_in_the_wizard_opens_the_wizard_page(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path)
    wizard = window.controller.change_answers()
    assert wizard is not None
    field = wizard.question_field("organisation_name").editor
    qtbot.waitUntil(wizard.isVisible)
    wizard.activateWindow()
    _f1(qtbot, field)
    assert window.controller.guide is not None and window.controller.guide.page == "wizard"
    wizard.reject()


def test_f1_in_the_library_editor_window(qtbot: Any, window: MainWindow) -> None:
    editor = window.controller.open_library_editor()
    qtbot.waitUntil(editor.isVisible)
    editor.activateWindow()
    _f1(qtbot, editor.search)
    assert window.controller.guide is not None and window.controller.guide.page == "library-editor"
    editor.close()


def test_guide_links_back_forward_and_shortcuts(qtbot: Any, window: MainWindow) -> None:
    guide_window = window.controller.show_help("index")
    assert guide_window.contents.count() == len(guide.PAGES)
    guide_window.browser.anchorClicked.emit(QUrl("findings.html"))
    assert guide_window.page == "findings"
    assert "What to write instead" in guide_window.browser.toPlainText()
    guide_window.browser.anchorClicked.emit(QUrl("legal.html"))
    guide_window.back()
    assert guide_window.page == "findings"
    guide_window.back()
    assert guide_window.page == "index" and not guide_window.back_button.isEnabled()
    guide_window.forward()
    assert guide_window.page == "findings"
    guide_window.contents.setCurrentRow(list(guide.PAGES).index("review"))
    assert guide_window.page == "review"
    # Help > Keyboard shortcuts: the real shortcuts of the menus, with their menu.
    window.actions_table.actions["keyboard_shortcuts"].trigger()
    assert guide_window.page == "shortcuts"
    text = guide_window.browser.toPlainText()
    assert "Export" in text and "Ctrl+E" in text and "User guide" in text and "F1" in text
    assert "Undo" in text and "Check now" in text
    assert guide.SHORTCUTS_MARK not in guide_window.browser.toHtml()


def test_tour_runs_once_and_can_be_skipped(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    assert not window.settings.tour_shown
    _open(qtbot, window, tmp_path)
    tour = window.controller.tour
    assert tour is not None and tour.running and tour.bubble.isVisible()
    assert "not legal advice" in tour.text.text() and "lawyer" in tour.text.text()
    assert tour.count.text().startswith("1 of ")
    tour.next_button.click()
    assert tour.title.text() == "<b>The outline</b>"
    # The note sits beside the outline, inside the window, and the outline is ringed.
    ring, outline = tour.ring.geometry(), window.outline_dock.geometry()
    assert ring.contains(outline.center()) and window.rect().contains(tour.bubble.geometry())
    tour.skip_button.click()
    assert not tour.running and not tour.bubble.isVisible()
    # Remembered in the settings file: a new window does not show it again.
    assert settings_mod.load().tour_shown
    window.controller.close_document()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.settings.tour_shown
    assert again.controller.open_path(make_project_file(tmp_path, "internal-collaboration", "uk-charity"))
    assert again.controller.tour is None
    # Help > Take the tour shows it at any time, up to the last step.
    again.actions_table.actions["take_tour"].trigger()
    tour = again.controller.tour
    assert tour is not None and tour.running
    while tour.next_button.text() != "Done":
        tour.next_button.click()
    tour.next_button.click()
    assert not tour.running
    again.session.history.set_clean()


def test_take_tour_without_a_document_says_what_to_do(qtbot: Any, window: MainWindow) -> None:
    assert window.controller.take_tour() is None
    assert "Open or build a document" in window.statusBar().currentMessage()


def test_export_dialog_says_it_is_not_legal_advice(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path)
    window.controller.export()
    dialog = window.controller.export_dialog
    assert dialog is not None
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert guide.NOT_LEGAL_ADVICE in texts
    dialog.reject()


def test_first_start_says_what_the_app_does_and_that_it_is_not_legal_advice(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: window.controller.welcome is not None and window.controller.welcome.running)
    welcome = window.controller.welcome
    assert guide.NOT_LEGAL_ADVICE in welcome.text.text() and welcome.bubble.isVisible()
    assert window.rect().contains(welcome.bubble.geometry())
    assert welcome.next_button.text() == "Done" and not welcome.skip_button.isVisible()
    assert settings_mod.load().welcome_shown
    # Opening a document puts the tour in its place.
    _open(qtbot, window, tmp_path)
    assert not welcome.running and window.controller.tour is not None and window.controller.tour.running
    # The next start does not show it again.
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(50)
    assert again.controller.welcome is None
