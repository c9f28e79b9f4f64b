"""The accept-risk dialog."""

from __future__ import annotations

from typing import Any

import pytest

from socialpolicy.gui.dialogs.accept_risk import AcceptRiskDialog
from socialpolicy.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_accept_risk_dialog_needs_a_reason(qtbot: Any, window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from socialpolicy.checks import Finding

    dialog = AcceptRiskDialog(Finding("x.rule", "warning", "Something"), "me", window)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setPlainText("Because.")
    assert ok.isEnabled()
    dialog.deleteLater()
