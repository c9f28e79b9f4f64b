"""The findings panel: alternatives, fixes, going to a clause, accepting and withdrawing a risk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from socialpolicy import edits
from socialpolicy.gui.dialogs.accept_risk import AcceptRiskDialog
from socialpolicy.gui.highlight import HIGHLIGHT
from socialpolicy.gui.main_window import MainWindow
from tests.gui.conftest import finding as _finding
from tests.gui.conftest import make_project_file
from tests.gui.conftest import settle as _settle

pytestmark = pytest.mark.gui


def _open_icg_broker(window: MainWindow, tmp_path: Path) -> None:
    path = make_project_file(tmp_path, "internal-collaboration", "us-broker-dealer")
    assert window.controller.open_path(path)


def test_switch_alternative_makes_finding_disappear(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    # A broker-dealer document bars guests; the finance guest clause needs guests to be allowed.
    _open_icg_broker(window, tmp_path)
    _settle(qtbot, window)
    assert edits.find_ref(window.project, "icg.guests.none") is not None
    assert window.controller.insert_library_clause("builtin", "icg.guests.finance")
    _settle(qtbot, window)
    finding = _finding(window, "structure.missing-required", "icg.guests.finance")
    # The finding names the missing clause by its title, as the author knows it; the fix holds its id.
    assert finding is not None and "'Guests in marked Spaces'" in finding.message
    assert "icg." not in finding.message
    assert finding.fix is not None and finding.fix.args["clause"] == "icg.guests.allowed"
    assert finding.fix.label == "Insert the clause 'Guests in marked Spaces'"
    # Switch the alternative through the outline's context menu.
    item = window.outline.clause_item("icg.guests.none")
    menu = window.outline.build_menu(item)
    switch = next(a for a in menu.actions() if a.menu() is not None)
    target = next(a for a in switch.menu().actions() if a.data() == "icg.guests.allowed")
    target.trigger()
    _settle(qtbot, window)
    assert edits.find_ref(window.project, "icg.guests.allowed") is not None
    assert _finding(window, "structure.missing-required", "icg.guests.finance") is None
    menu.deleteLater()


def test_apply_fix_from_findings(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    _open_icg_broker(window, tmp_path)
    window.controller.insert_library_clause("builtin", "icg.guests.finance")
    window.controller.switch_alternative("icg.guests.none", "icg.guests.allowed")
    _settle(qtbot, window)
    window.controller.set_included("icg.guests.allowed", False)  # exclude a required clause
    _settle(qtbot, window)
    finding = _finding(window, "structure.missing-required", "icg.guests.finance")
    assert finding is not None and finding.fix is not None and finding.fix.kind == "insert-clause"
    assert window.findings.select(finding)
    assert window.findings.fix_button.isEnabled()
    window.findings.fix_button.click()
    _settle(qtbot, window)
    assert edits.find_ref(window.project, "icg.guests.allowed").included
    assert _finding(window, "structure.missing-required", "icg.guests.finance") is None


def test_double_click_finding_selects_clause_and_accept_risk(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_icg_broker(window, tmp_path)
    window.controller.insert_library_clause("builtin", "icg.guests.finance")
    _settle(qtbot, window)
    finding = _finding(window, "structure.missing-required", "icg.guests.finance")
    window.outline.select_clause(window.project.sections[0].clauses[0].clause)
    assert window.findings.select(finding)
    item = window.findings.tree.currentItem()
    window.findings.tree.itemDoubleClicked.emit(item, 0)
    assert window.outline.current_clause() == "icg.guests.finance"
    assert window.editor.clause_id == "icg.guests.finance"
    monkeypatch.setattr(
        AcceptRiskDialog,
        "get_reason",
        classmethod(lambda cls, parent, f, author: ("Dana Fox", "Guests are compliance staff only.", True)),
    )
    window.findings.accept_button.click()
    _settle(qtbot, window)
    risk = window.project.accepted_risks[-1]
    assert (risk.rule, risk.by, risk.reason, risk.clause) == (
        "structure.missing-required",
        "Dana Fox",
        "Guests are compliance staff only.",
        "icg.guests.finance",
    )
    accepted = _finding(window, "structure.missing-required", "icg.guests.finance")
    assert accepted.accepted is not None
    assert window.report.counts()["accepted"] == 1
    assert "1 accepted" in window.status_label.text()
    assert window.settings.author_name == "Dana Fox"
    # The acceptance can be withdrawn again from the same button.
    assert window.findings.select(accepted)
    assert window.findings.accept_button.text() == "&Withdraw acceptance"
    window.findings.accept_button.click()
    _settle(qtbot, window)
    assert window.project.accepted_risks == ()
    assert _finding(window, "structure.missing-required", "icg.guests.finance").accepted is None


RISKY = (
    "Employees must not discuss their pay or post anything negative about {{ org_short }} managers online."
)


def test_selecting_a_finding_marks_its_sentence_in_preview_and_editor(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    assert window.controller.open_path(make_project_file(tmp_path, "social-media-policy", "us-hospital"))
    _settle(qtbot, window)
    blocks = [b for _, b in window.document.blocks()]
    cid, other = blocks[3].clause_id, blocks[0].clause_id
    text = window.session.author_text(cid)
    window.controller.commit_text(cid, text.title, text.body + "\n\n" + RISKY)
    _settle(qtbot, window)
    window.controller.select_clause(other)  # the author is elsewhere when they pick the finding
    finding = _finding(window, "nlra.confidential-pay", cid)
    assert finding is not None
    assert window.findings.select(finding)
    # The finding's clause is selected and its sentence marked, in the author's words (variable kept) ...
    assert window.outline.current_clause() == cid and window.editor.clause_id == cid
    writer = window.editor.body_edit  # the writer's view: a variable is one chip, stored as typed
    marks = [m for m in writer.extraSelections() if m.format.background().color() == HIGHLIGHT]
    assert [writer.stored_text(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks] == [RISKY]
    # ... and in the preview, as rendered (the organisation's name filled in).
    shown = window.preview.marked_text()
    assert shown.startswith("Employees must not discuss their pay") and "{{" not in shown
    assert shown.endswith("managers online.")
    # The panel shows the parts separately.
    assert window.findings.part("sentence") == f"“{' '.join(finding.excerpt.split())}”"
    assert window.findings.part("reason") == finding.reason and "pay" in finding.reason
    assert window.findings.part("suggestion") == finding.suggestion
    assert window.findings.part("citation") == finding.citation
    assert window.findings.part("reason") != window.findings.part("citation")
    # A new report (after more typing elsewhere) neither moves the selection nor the marks.
    window.controller.select_clause(other)
    window.controller.run_checks()
    _settle(qtbot, window)
    assert window.outline.current_clause() == other
    # Selecting it again marks it again; a finding with no sentence clears the marks.
    again = _finding(window, "nlra.confidential-pay", cid)
    window.findings.tree.setCurrentItem(None)
    assert window.findings.select(again) and window.preview.marked_text().endswith("managers online.")
    window.controller.show_finding(replace(again, clause=None, excerpt=None))
    assert window.preview.marked_text() == ""
    assert not [m for m in writer.extraSelections() if m.format.background().color() == HIGHLIGHT]
