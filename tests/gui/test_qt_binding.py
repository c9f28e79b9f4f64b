"""The Qt binding itself: a defect in it that would crash the app is caught here, not by users."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    fired = Signal()


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="True is immortal from Python 3.12: no count to drain"
)
def test_emitting_a_signal_keeps_pythons_true_alive() -> None:
    """PySide6 6.12.0 returned True from emit() without taking a reference: after some thousands of emits
    Python 3.11 aborted with 'bool_dealloc' (pyproject excludes that release)."""
    sender = _Sender()
    sender.fired.connect(lambda: None)
    before = sys.getrefcount(True)
    results = [sender.fired.emit() for _ in range(200)]
    del results
    assert sys.getrefcount(True) >= before
