"""When the checker runs, and which of its reports count.

The checker is slow next to typing (about 2.5 ms a clause), so it runs once the author has paused
(:data:`CHECK_DELAY`), in the background, on the Document as it was when the check started. Only the
newest request's report is taken: a report for a document that has changed since is dropped. The
clock is a parameter, so the tests run the schedule without waiting.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from socialpolicy import checks, logs
from socialpolicy.checks import Report
from socialpolicy.document import Document
from socialpolicy.library import Catalog

log = logging.getLogger(__name__)
CHECK_DELAY = 0.4  # seconds of quiet after the last change


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """A check to run: everything it reads is immutable, so a worker thread may run it."""

    generation: int
    document: Document
    catalog: Catalog
    source: str

    def run(self) -> CheckResult:
        try:
            report = checks.run(self.document, catalog=self.catalog, source=self.source)
        except Exception as exc:  # a broken rule must not take the editor down with it
            where = logs.log_unexpected(exc, "checking the document")
            message = f"The checker failed: {exc}" + (f" (details in {where})" if where else "")
            return CheckResult(self.generation, self.document, None, message)
        return CheckResult(self.generation, self.document, report, "")


@dataclass(frozen=True, slots=True)
class CheckResult:
    generation: int
    document: Document
    report: Report | None
    error: str


class CheckScheduler:
    """``changed()`` after every new Document; ``due_in()`` says when to start; ``start()`` makes the
    request; ``accept(result)`` says whether its report is the newest."""

    def __init__(self, delay: float = CHECK_DELAY, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay = delay
        self._clock = clock
        self._due: float | None = None
        self._latest = 0
        self._delivered = 0

    @property
    def generation(self) -> int:
        return self._latest

    @property
    def running(self) -> bool:
        """A started check has not reported yet."""
        return self._delivered != self._latest

    @property
    def waiting(self) -> bool:
        """A check is due once the pause is over."""
        return self._due is not None

    def changed(self) -> None:
        self._due = self._clock() + self.delay

    def now(self) -> None:
        """Check at the next chance (Check now, a document just opened)."""
        self._due = self._clock()

    def due_in(self) -> float | None:
        """Seconds until the next check should start (0 when it is due now), ``None`` when none is."""
        if self._due is None:
            return None
        return max(0.0, self._due - self._clock())

    def start(self, document: Document, catalog: Catalog, source: str) -> CheckRequest:
        self._due = None
        self._latest += 1
        return CheckRequest(self._latest, document, catalog, source)

    def accept(self, result: CheckResult) -> bool:
        if result.generation != self._latest:
            log.debug("check %d dropped: %d is newer", result.generation, self._latest)
            return False
        self._delivered = result.generation
        return True

    def cancel(self) -> None:
        """Forget what is due or running (the document was closed)."""
        self._due = None
        self._latest += 1
        self._delivered = self._latest
