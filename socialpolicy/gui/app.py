"""Starting the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_app(argv: Sequence[str] = ()) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    label = QLabel("Social Policy Studio\n\nThe desktop app is being built. Use the 'socialpolicy' command line meanwhile.")
    label.setWindowTitle("Social Policy Studio")
    label.setMargin(24)
    label.show()
    return app.exec()


def main() -> int:
    return run_app(sys.argv[1:])
