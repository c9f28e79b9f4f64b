"""A bug in the app is logged with its traceback and the author is told where the log is."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.gui.app import crash_hook

pytestmark = pytest.mark.gui


def test_the_crash_hook_logs_and_says_where(qtbot: Any, window: Any, dialogs: Any) -> None:
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError:
        kind, error, trace = sys.exc_info()
    assert kind is not None and error is not None
    crash_hook(kind, error, trace)
    log = Path(os.environ["SOCIALPOLICY_LOG_DIR"]) / "socialpolicy.log"
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: a bug in a slot" in text and "Traceback" in text
    assert len(dialogs.warnings) == 1
    shown = dialogs.warnings[0]
    assert "a bug in a slot" in shown and str(log) in shown and "Traceback" not in shown
    assert window.isVisible()  # the app goes on
