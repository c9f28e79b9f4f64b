"""Logging to a rotating file in the user's log folder, and the last word on unexpected exceptions.

The folder comes from platformdirs and can be redirected with ``SOCIALPOLICY_LOG_DIR`` (the tests point
it at a temporary folder). Bad input is reported as an :class:`~socialpolicy.errors.InputError` line and
is not logged as a failure; a bug is logged here with its traceback, and the user is told where the log is.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

ENV_VAR = "SOCIALPOLICY_LOG_DIR"
APP_NAME = "socialpolicy"
FILE_NAME = "socialpolicy.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

logger = logging.getLogger("socialpolicy")
_handler: logging.Handler | None = None
_handler_path: Path | None = None


def log_dir() -> Path:
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / FILE_NAME


def setup(level: int = logging.INFO) -> Path | None:
    """Send the ``socialpolicy`` loggers to the rotating log file; returns its path, or ``None`` when the
    folder cannot be written (logging then stays off: it must never stop the program)."""
    global _handler, _handler_path
    path = log_path()
    if _handler is not None and _handler_path == path:
        return path
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = _handler_path = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler, _handler_path = handler, path
    return path


def log_unexpected(exc: BaseException, context: str = "") -> Path | None:
    """Log an exception the program did not expect, with its traceback; returns the log file's path (or
    ``None`` when nothing could be written)."""
    path = setup()
    if path is None:
        return None
    logger.error(
        "unexpected error%s",
        f" while {context}" if context else "",
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    if _handler is not None:
        _handler.flush()
    return path


def unexpected_line(exc: BaseException, where: str, context: str) -> str:
    """The one line a command prints for a bug (or an input it failed to foresee) in ``where``, after
    logging the traceback with ``context``; it says where the log is."""
    log = log_unexpected(exc, context)
    if isinstance(exc, RecursionError):
        what = "the input is nested too deeply to be processed"
    else:
        detail = " ".join(str(exc).split())[:200]
        what = f"unexpected error ({type(exc).__name__}{': ' + detail if detail else ''}); this is a bug in Social Policy Studio"
    details = f"; the details are in {log}" if log else ""
    return f"{where}: {what}{details}" if where else f"{what}{details}"
