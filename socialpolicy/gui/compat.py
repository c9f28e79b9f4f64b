"""Work-arounds for defects in the Qt bindings, in one place.

Python's cycle collector runs in whatever thread happens to allocate. A cycle that holds Qt objects
(a window and its controller, say) collected on a worker thread destroys them on that thread, which
crashes. So while a background job is queued or running, automatic collection is off; when the last
one has handed its result to the UI thread it is on again, and only the UI thread allocates
(:func:`hold_collection`, :func:`release_collection`).

PySide6 6.12 drops a reference to ``None`` on every call of a method that returns nothing.
From Python 3.12 ``None`` is immortal and this is harmless; on 3.11 a long editing session
(a few hundred thousand calls) brings None's count to zero and the interpreter aborts with
"none_dealloc". When the leak is detected we give ``None`` enough references to outlive it.
"""

from __future__ import annotations

import ctypes
import gc
import sys

MARGIN = 1 << 40  # references; at one leaked reference per call, more calls than a session makes


def none_leak_per_call() -> int:
    """How many references to ``None`` a void PySide call drops (0 when the bindings are sound)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    probe.setObjectName("probe")
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return max(0, (before - sys.getrefcount(None)) // 100)


def guard_none_refcount() -> bool:
    """Compensate the leak if this interpreter and these bindings have it. True when applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if none_leak_per_call() == 0:
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += MARGIN
    return True


_holders = 0


def hold_collection() -> None:
    """A background job is queued or running: no automatic collection until every job has finished."""
    global _holders
    _holders += 1
    if _holders == 1:
        gc.disable()


def release_collection() -> None:
    """A job has finished (its result is on the UI thread): collection is automatic again once none runs."""
    global _holders
    if _holders == 0:
        return
    _holders -= 1
    if _holders == 0:
        gc.enable()
