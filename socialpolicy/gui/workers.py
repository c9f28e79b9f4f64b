"""The one way off the UI thread: a :class:`Worker` runs jobs, one at a time and in order, on a
background thread, and hands each result back on the UI thread.

A job is a plain callable over immutable inputs taken when it starts (a Document, an ExportJob, a
list of library paths), so what the author does meanwhile cannot change it. Because jobs run one
after another, a check, an export and a library load never share the checker's or the renderer's
caches at the same time. :meth:`Worker.wait` runs a job while the event loop keeps turning (the
window repaints, timers fire, progress shows) and returns its result, for the few places that need
one before they go on (opening a file, Preferences OK).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, Signal

from socialpolicy.gui import compat

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """A finished job: its value, or the exception it raised."""

    value: T | None
    error: BaseException | None = None

    def get(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


class _Signals(QObject):
    finished = Signal(int, object)  # ticket, Outcome
    progress = Signal(int, int, int, str)  # ticket, done, total, text


class _Task(QRunnable):
    def __init__(self, ticket: int, job: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.ticket, self.job, self.signals = ticket, job, signals

    def _progress(self, done: int, total: int, text: str) -> None:
        self.signals.progress.emit(self.ticket, done, total, text)

    def run(self) -> None:
        try:
            outcome: Outcome[Any] = Outcome(self.job(self._progress))
        except BaseException as exc:  # handed to the UI thread, which decides what the author sees
            outcome = Outcome(None, exc)
        self.signals.finished.emit(self.ticket, outcome)


class Worker(QObject):
    """``submit(job, done)``: ``job(progress)`` runs in the background; ``done(outcome)`` is called on
    the UI thread. ``progressed(done, total, text)`` reports what a job says it is doing."""

    progressed = Signal(int, int, str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.progress.connect(self._progress)
        self._callbacks: dict[int, Callable[[Outcome[Any]], None] | None] = {}
        self._tasks: dict[int, _Task] = {}  # running or waiting
        # Finished tasks are let go on the UI thread, and only once the pool is idle: the pool still
        # touches a task just after its run() returns (which is after it has sent its result).
        self._retired: list[_Task] = []
        self._tickets = itertools.count(1)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def submit(self, job: Callable[[Progress], T], done: Callable[[Outcome[T]], None] | None = None) -> int:
        ticket = next(self._tickets)
        compat.hold_collection()  # no cycle of Qt objects may be collected on the worker thread
        self._callbacks[ticket] = done
        self._let_go()
        task = _Task(ticket, job, self._signals)
        task.setAutoDelete(False)  # Python owns it: it must not be deleted on the worker thread
        self._tasks[ticket] = task
        self.pool.start(task)
        if len(self._callbacks) == 1:
            self.busyChanged.emit(True)
        return ticket

    def wait(self, job: Callable[[Progress], T]) -> T:
        """Run ``job`` in the background and return its value (or raise its exception) once it is done;
        meanwhile the event loop turns, except for the author's input, which waits."""
        loop = QEventLoop()
        box: list[Outcome[T]] = []

        def done(outcome: Outcome[T]) -> None:
            box.append(outcome)
            loop.quit()

        self.submit(job, done)
        while not box:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return box[0].get()

    def _finished(self, ticket: int, outcome: Outcome[Any]) -> None:
        task = self._tasks.pop(ticket, None)
        if task is not None:
            self._retired.append(task)
        self._let_go()
        if ticket not in self._callbacks:
            return  # dropped by stop()
        callback = self._callbacks.pop(ticket)
        compat.release_collection()
        if not self._callbacks:
            self.busyChanged.emit(False)
        if callback is not None:
            callback(outcome)
        elif outcome.error is not None:
            log.error("background job failed", exc_info=outcome.error)

    def _let_go(self) -> None:
        if self._retired and self.pool.activeThreadCount() == 0:
            self._retired.clear()

    def _progress(self, ticket: int, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    def stop(self) -> None:
        """Let the running job finish and drop the others' results (the window is closing)."""
        self.pool.clear()
        self.pool.waitForDone()
        for _ in self._callbacks:
            compat.release_collection()
        self._callbacks.clear()
        self._tasks.clear()
        self._retired.clear()
