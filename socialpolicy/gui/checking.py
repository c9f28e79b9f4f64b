"""Running the checker off the UI thread: the Document is immutable, so a worker can read it
while the author keeps typing. Only the newest request's report is delivered.

The work runs on a one-thread QThreadPool owned by the runner, whose destructor waits for a
running check, so closing or deleting a window never leaves a thread behind.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from socialpolicy import checks
from socialpolicy.document import Document


class _Signals(QObject):
    done = Signal(int, object, str)  # generation, Report or None, error message


class _Task(QRunnable):
    def __init__(self, generation: int, latest: list[int], doc: Document, catalog: Any, source: str) -> None:
        super().__init__()
        self.signals = _Signals()
        self.generation, self.latest = generation, latest
        self.doc, self.catalog, self.source = doc, catalog, source

    def run(self) -> None:
        if self.generation != self.latest[0]:
            return  # a newer request is queued behind this one
        try:
            report = checks.run(self.doc, catalog=self.catalog, source=self.source)
        except Exception as exc:  # a broken rule must not take the editor down with it
            self.signals.done.emit(self.generation, None, f"The checker failed: {exc}")
            return
        self.signals.done.emit(self.generation, report, "")


class CheckRunner(QObject):
    """``request(doc)``; ``finished(report, error)`` arrives on the UI thread for the newest request."""

    finished = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = [0]  # shared with the tasks: the newest generation
        self.delivered = 0
        self._tasks: dict[int, _Task] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    @property
    def generation(self) -> int:
        return self._latest[0]

    @property
    def pending(self) -> bool:
        return self.delivered != self._latest[0]

    def request(self, doc: Document, catalog: Any, source: str = "") -> int:
        self._latest[0] += 1
        generation = self._latest[0]
        task = _Task(generation, self._latest, doc, catalog, source)
        task.setAutoDelete(False)
        task.signals.done.connect(self._done)
        self._tasks[generation] = task  # kept alive until its result arrives or it is skipped
        self.pool.start(task)
        return generation

    def cancel(self) -> None:
        self._latest[0] += 1
        self.delivered = self._latest[0]

    def _done(self, generation: int, report: Any, error: str) -> None:
        for old in [g for g in self._tasks if g <= generation]:
            del self._tasks[old]
        if generation != self._latest[0]:
            return
        self.delivered = generation
        self.finished.emit(report, error)

    def stop(self) -> None:
        self.cancel()
        self.pool.waitForDone()
        self._tasks.clear()
