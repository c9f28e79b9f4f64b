"""Starting the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from socialpolicy.gui.main_window import MainWindow


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


def create_window(path: str | None = None, *, recover: bool = True) -> MainWindow:
    """Show the main window, offer recovery after a crash, then open ``path`` if given."""
    from socialpolicy.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    recovered = window.check_recovery() if recover else False
    if path and not recovered:
        window.open_path(path)
    return window


def run_app(argv: Sequence[str] = ()) -> int:
    args = [a for a in argv if not a.startswith("-")]
    app = application(argv)
    window = create_window(args[0] if args else None)
    code = app.exec()
    del window
    return code


def main() -> int:
    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
