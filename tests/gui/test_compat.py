"""A long editing session must not exhaust None's reference count (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject

import socialpolicy.gui  # noqa: F401  (applies the guard)
from socialpolicy.gui import compat

pytestmark = pytest.mark.gui


def test_many_void_calls_do_not_kill_the_interpreter() -> None:
    probe = QObject()
    calls = 0
    for _ in range(300_000):  # more than None's natural reference count in this process
        probe.setObjectName("x")
        calls += 1
    assert calls == 300_000
    if sys.version_info < (3, 12) and compat.none_leak_per_call():
        assert sys.getrefcount(None) > compat.MARGIN // 2
