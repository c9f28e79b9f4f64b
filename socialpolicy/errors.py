"""The one error type that reaches the user: a file, a place in it and what is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Unusable input: shown to the user as one line, never as a traceback.

    ``where`` is a JSON pointer (``/clauses/3/body``) or ``line N``; ``clause`` names the clause
    (``library:id``) when the problem is in one, since the text may come from a library file while the
    pointer is in the project.
    """

    def __init__(
        self,
        source: str | Path | None,
        message: str,
        where: str | None = None,
        *,
        clause: str | None = None,
    ) -> None:
        self.source = str(source) if source is not None else None
        self.message = message
        self.where = where
        self.clause = clause
        super().__init__(self.line())

    def line(self) -> str:
        place = f"at {self.where}" if self.where else None
        if self.clause:
            place = f"{place} (clause {self.clause})" if place else f"clause {self.clause}"
        parts = [p for p in (self.source, place) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message

    def in_clause(self, clause: str) -> InputError:
        """The same error, naming the clause it happened in (unless it already names one)."""
        if self.clause:
            return self
        return type(self)(self.source, self.message, self.where, clause=clause)


class SandboxError(InputError):
    """A clause, template or answer tried to do something the sandbox forbids."""
