"""Starting the desktop app: the one QApplication, logging, the crash dialog, the main window."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from socialpolicy import logs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from socialpolicy.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def application(argv: Sequence[str] = ()) -> QApplication:
    """The one QApplication (created on first use)."""
    from PySide6.QtWidgets import QApplication

    from socialpolicy import APP_NAME, __version__

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("socialpolicy")
    return app


def crash_hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """``sys.excepthook`` for the app: a bug is logged with its traceback and the author is told where
    the log is; the app goes on (the event loop keeps running)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    error.__traceback__ = trace
    where = logs.log_unexpected(error, "running the desktop app")
    if threading.current_thread() is not threading.main_thread():
        return  # a dialog can only be shown from the UI thread; the log has it
    from PySide6.QtWidgets import QApplication

    from socialpolicy.gui.dialogs.about import crash

    if QApplication.instance() is not None:
        crash(QApplication.activeWindow(), error, where)


def create_window(path: str | None = None, *, recover: bool = True) -> MainWindow:
    """Show the main window, offer recovery after a crash, then open ``path`` if given."""
    from socialpolicy.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    recovered = window.controller.check_recovery() if recover else False
    if path and not recovered:
        window.controller.open_path(path)
    return window


def run_app(argv: Sequence[str] = ()) -> int:
    args = [a for a in argv if not a.startswith("-")]
    logs.setup()
    sys.excepthook = crash_hook
    app = application(argv)
    log.info("desktop app started")
    window = create_window(args[0] if args else None)
    code = app.exec()
    del window
    log.info("desktop app closed (%d)", code)
    return code


def main() -> int:
    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
