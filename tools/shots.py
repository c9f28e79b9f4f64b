"""Screenshots of the real app (start page, wizard, main window, properties and export dialogs) for
the README and the Xvfb test: ``python -m tools.shots OUT_DIR [--project FILE] [--answers FILE]
[--size 1366x768]``.

Run it on a real display or under Xvfb (``xvfb-run -a -s "-screen 0 1366x768x24"``); the window is
fitted to the screen as on a first start and the pictures come from the screen, as a user would see them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SIZE = (1280, 800)
SHOTS = ("start", "wizard", "main", "properties", "export")


def _wait(ms: int) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def take(
    out_dir: str | Path,
    project: str | Path | None = None,
    answers: str | Path | None = None,
    only: Sequence[str] = SHOTS,
    select: str = "",
    append: str = "",
    size: tuple[int, int] = SIZE,
) -> list[Path]:
    """Save the requested screenshots as PNG files in ``out_dir``; return their paths.

    ``append`` (``CLAUSE_ID=TEXT``) types TEXT at the end of a clause first, to show an edit,
    its diff and the findings it causes.
    """
    from socialpolicy.gui.app import application
    from socialpolicy.gui.main_window import MainWindow

    app = application()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    # The pictures show the window itself: no first-start note or tour over it (put back before closing).
    seen = window.settings.welcome_shown, window.settings.tour_shown
    window.settings.welcome_shown = window.settings.tour_shown = True
    area = app.primaryScreen().availableGeometry()  # Xvfb has no window manager: no frame to allow for
    window.setGeometry(area.x(), area.y(), min(size[0], area.width()), min(size[1], area.height()))
    window.show()
    window.raise_()
    _wait(400)
    screen = app.primaryScreen()
    saved: list[Path] = []

    def grab(name: str, win_id: int = 0) -> None:
        path = out / f"{name}.png"
        pixmap = screen.grabWindow(win_id)
        if pixmap.isNull() or not pixmap.save(str(path), "PNG"):
            raise RuntimeError(f"could not save {path}")
        saved.append(path)

    if "start" in only:
        if project:  # as after a session with this document
            window.settings.add_recent(project)
            window.show_start_page()
            _wait(200)
        grab("start-page", int(window.winId()))
    if "wizard" in only:
        wizard = window.controller.new_document("social-media-policy")
        assert wizard is not None
        if answers:
            given = json.loads(Path(answers).read_text(encoding="utf-8"))
            for qid, value in given.items():
                try:
                    wizard.set_answer(qid, value)
                except KeyError:
                    continue
            for _ in range(3):  # show the page about the organisation's stance
                wizard.next()
        area = screen.availableGeometry()
        wizard.move((area.width() - wizard.width()) // 2, (area.height() - wizard.height()) // 2)
        _wait(400)
        grab("wizard")
        wizard.discard()
        _wait(100)
    if "main" in only and project:
        if not window.controller.open_path(project):
            raise RuntimeError(f"could not open {project}")
        window.controller.refresh_secondary()
        window.controller.check_now()
        assert window.project is not None
        clause = select or next(
            (r.clause for s in window.project.sections[2:] for r in s.clauses if r.included), ""
        )
        if append:
            clause, _, text = append.partition("=")
            window.controller.select_clause(clause)
            body = window.editor.body_edit
            body.moveCursor(body.textCursor().MoveOperation.End)
            body.insertPlainText(text)
            _wait(300)
            window.controller.refresh_secondary()
            window.controller.check_now()
            top = window.findings.tree.topLevelItem(0)
            first = top.child(0) if top is not None and top.childCount() else None
            if first is not None:
                window.findings.tree.setCurrentItem(first)
        if clause:
            window.controller.select_clause(clause)
            body = window.editor.body_edit
            body.moveCursor(body.textCursor().MoveOperation.End)
            body.ensureCursorVisible()
        _wait(500)
        grab("main-window", int(window.winId()))

    def dialog_shot(name: str, dialog: Any) -> None:
        area = screen.availableGeometry()
        dialog.move((area.width() - dialog.width()) // 2, (area.height() - dialog.height()) // 2)
        _wait(400)
        grab(name)
        dialog.reject()
        _wait(100)

    if "properties" in only and window.session.is_open:
        dialog = window.controller.edit_properties()
        if dialog is not None:
            dialog.tabs.setCurrentIndex(0)
            dialog_shot("properties", dialog)
    if "export" in only and window.session.is_open:
        export = window.controller.export()
        if export is not None:
            export.set_format("pdf")
            dialog_shot("export", export)
    window.session.history.set_clean()
    window.settings.welcome_shown, window.settings.tour_shown = seen
    window.close()
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.shots", description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--project", help="a .policy.json to show in the main window")
    parser.add_argument("--answers", help="answers to fill the wizard with")
    parser.add_argument("--only", action="append", choices=SHOTS, help="take only these shots")
    parser.add_argument("--select", default="", help="clause id to select in the main window")
    parser.add_argument("--append", default="", help="CLAUSE_ID=TEXT: type TEXT at the end of a clause first")
    parser.add_argument("--size", default="x".join(map(str, SIZE)), help="the window's size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, _, height = args.size.partition("x")
    size = (int(width), int(height))
    for path in take(
        args.out_dir, args.project, args.answers, args.only or SHOTS, args.select, args.append, size
    ):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
