"""The one error type that reaches the user: a file, a place in it and what is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Unusable input: shown to the user as one line, never as a traceback.

    ``where`` is a JSON pointer (``/clauses/3/body``) or ``line N``.
    """

    def __init__(self, source: str | Path | None, message: str, where: str | None = None) -> None:
        self.source = str(source) if source is not None else None
        self.message = message
        self.where = where
        super().__init__(self.line())

    def line(self) -> str:
        parts = [p for p in (self.source, f"at {self.where}" if self.where else None) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class SandboxError(InputError):
    """A clause, template or answer tried to do something the sandbox forbids."""
