"""Benchmark of the desktop app (not a test): ``python -m tools.gui_bench``.

1. Start-up: from process start to the main window shown with a 300-clause document
   (a fresh interpreter each run; median of 5), measured inside the process, phase by phase; and, with
   ``--outside``, as a user meets it: the real program (``python -m socialpolicy.gui.app FILE``) started on
   an X server (Xvfb), timed from outside until the server holds a window titled with the document
   (``xwininfo -root -tree`` polled every 5 ms).
2. Typing: from a keystroke in the clause editor to the preview updated (median of 30),
   both without the deliberate typing pause (editor.DEBOUNCE_MS; the work done) and with it (what the
   author sees).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CLAUSES = 300
CHILD = """
import sys, time
t0 = time.perf_counter()
from socialpolicy.gui.app import application
from PySide6.QtCore import QTimer
app = application()
from socialpolicy.gui.main_window import MainWindow
from socialpolicy.library import Catalog
t1 = time.perf_counter()
Catalog.default()
t2 = time.perf_counter()
w = MainWindow()
w.show()
t3 = time.perf_counter()
w.controller.open_path(sys.argv[1])
t4 = time.perf_counter()
def shown():
    t5 = time.perf_counter()
    print("shown", len(w.project.refs()), t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, flush=True)
    w.session.history.set_clean();
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""
PHASES = ("imports", "libraries", "window", "open_document", "first_paint")


def make_document(folder: Path, clauses: int = CLAUSES) -> Path:
    """A social media policy filled up to ``clauses`` clauses with library and custom clauses."""
    from socialpolicy import edits, templates
    from socialpolicy.assembly import assemble
    from socialpolicy.library import Catalog
    from socialpolicy.paths import templates_dir
    from socialpolicy.project import save_project

    catalog = Catalog.default()
    answers_file = (
        templates_dir().parent
        / "tests"
        / "data"
        / "answers"
        / "social-media-policy"
        / "us-broker-dealer.json"
    )
    answers = json.loads(answers_file.read_text(encoding="utf-8")) if answers_file.is_file() else {}
    template = templates.get("social-media-policy")
    project = assemble(template, answers or template.defaults(), catalog)
    n = 0
    while len(project.refs()) < clauses:
        section = project.sections[n % len(project.sections)]
        body = (
            f"Staff who take part in workstream {n} post only what they would say in a meeting, "
            "and ask {{ comms_contact }} before speaking for the organisation.\n\n"
            "- keep customer details out of posts;\n- correct mistakes quickly and openly."
        )
        project = edits.add_custom_clause(project, section.id, f"Workstream {n} rules", body).project
        n += 1
    path = folder / "bench-300.policy.json"
    save_project(path, project, backup=False)
    return path


def startup_times(path: Path, runs: int = 5) -> tuple[list[float], dict[str, list[float]]]:
    """Wall time from process start to the window shown with the document, and where it went."""
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    times: list[float] = []
    phases: dict[str, list[float]] = {name: [] for name in PHASES}
    with tempfile.TemporaryDirectory() as config:
        env["SOCIALPOLICY_CONFIG_DIR"] = config
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env
            )
            assert proc.stdout is not None
            line = proc.stdout.readline()
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
            if not line.startswith("shown"):
                raise RuntimeError("the app did not show the document")
            times.append(elapsed)
            for name, value in zip(PHASES, line.split()[2:], strict=True):
                phases[name].append(float(value))
    return times, phases


def outside_startup_times(path: Path, runs: int = 5) -> list[float]:
    """Seconds from starting the app on ``path`` to a window titled with its document, seen from the X
    server: the whole process as the user waits for it. Needs Xvfb and xwininfo."""
    import shutil

    from socialpolicy.project import load_project

    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        raise RuntimeError("--outside needs Xvfb and xwininfo (apt: xvfb x11-utils)")
    title = str(load_project(path).metadata.get("title", ""))
    display = f":{90 + os.getpid() % 100}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    times: list[float] = []
    try:
        time.sleep(1.0)
        with tempfile.TemporaryDirectory() as config:
            env["SOCIALPOLICY_CONFIG_DIR"] = config
            for _ in range(runs + 1):  # the first run warms the disk cache and is not counted
                start = time.perf_counter()
                app = subprocess.Popen(
                    [sys.executable, "-m", "socialpolicy.gui.app", str(path)],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                try:
                    while time.perf_counter() - start < 60:
                        tree = subprocess.run(
                            ["xwininfo", "-root", "-tree"],
                            env=env,
                            capture_output=True,
                            text=True,
                            check=False,
                        ).stdout
                        if f'"{title}' in tree:
                            times.append(time.perf_counter() - start)
                            break
                        time.sleep(0.005)
                    else:
                        raise RuntimeError("no window titled with the document within 60 s")
                finally:
                    app.terminate()
                    app.wait(timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return times[1:]


def typing_times(path: Path, keystrokes: int = 30) -> dict[str, list[float]]:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtTest import QTest

    from socialpolicy.gui.app import application
    from socialpolicy.gui.main_window import MainWindow

    application()
    window = MainWindow()
    window.show()
    window.controller.open_path(path)
    window.controller.refresh_secondary()
    assert window.project is not None
    clause = window.project.sections[3].clauses[0].clause
    window.controller.select_clause(clause)
    while window.controller.busy:  # the first check of the document runs in the background: let it finish
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    body = window.editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    work, seen = [], []
    for i in range(keystrokes):
        key = "abcdefghij"[i % 10]
        start = time.perf_counter()
        QTest.keyClicks(body, key)
        window.editor.flush()  # skip the pause: the work from keystroke to preview
        work.append(time.perf_counter() - start)
        window.controller.refresh_secondary()  # outline and editor, as after any change
        window.controller.check_timer.stop()  # the checker waits for a longer pause than this loop makes
    for i in range(min(keystrokes, 10)):
        before = window.preview.partial_renders
        start = time.perf_counter()
        QTest.keyClicks(body, "klmnopqrst"[i])
        while window.preview.partial_renders == before:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)
        seen.append(time.perf_counter() - start)
        window.controller.refresh_secondary()
        window.controller.check_timer.stop()
    window.session.history.set_clean()
    window.close()
    return {"work": work, "seen": seen}


def run(runs: int = 5, keystrokes: int = 30, outside: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = make_document(Path(folder))
        start, phases = startup_times(path, runs)
        seen = outside_startup_times(path, runs) if outside else []
        typing = typing_times(path, keystrokes)
    extra = (
        {
            "outside_startup_runs_s": [round(t, 3) for t in seen],
            "outside_startup_median_s": round(statistics.median(seen), 3),
        }
        if seen
        else {}
    )
    return {
        **extra,
        "clauses": CLAUSES,
        "startup_runs_s": [round(t, 3) for t in start],
        "startup_median_s": round(statistics.median(start), 3),
        "startup_phase_medians_s": {k: round(statistics.median(v), 3) for k, v in phases.items()},
        "keystroke_to_preview_median_ms": round(statistics.median(typing["work"]) * 1000, 1),
        "keystroke_to_preview_with_pause_median_ms": round(statistics.median(typing["seen"]) * 1000, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.gui_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keystrokes", type=int, default=30)
    parser.add_argument(
        "--outside", action="store_true", help="also time the real program on Xvfb, from outside"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SOCIALPOLICY_CONFIG_DIR", tempfile.mkdtemp(prefix="socialpolicy-bench-"))
    result = run(args.runs, args.keystrokes, args.outside)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
