"""The real app in a real window under Xvfb: open a fixture document, take a screenshot from the
screen, check that it shows something."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import ANSWERS, ROOT
from tests.gui.conftest import make_project_file

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb (xvfb-run) is not installed")
def test_real_window_screenshot_under_xvfb(tmp_path: Path) -> None:
    project = make_project_file(tmp_path, "social-media-policy", "us-broker-dealer")
    out = tmp_path / "shots"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": str(ROOT),
        "SOCIALPOLICY_CONFIG_DIR": str(tmp_path / "config"),
    }
    cmd = [
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1280x800x24",
        sys.executable,
        "-m",
        "tools.shots",
        str(out),
        "--project",
        str(project),
        "--answers",
        str(ANSWERS / "social-media-policy" / "us-broker-dealer.json"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("start-page", "wizard", "main-window"):
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1280, 800), name
        assert _distinct_colours(image) > 20, f"{name} looks blank"
    main = QImage(str(out / "main-window.png"))
    # The preview's white page and the outline's dark text are both there.
    white = sum(
        1 for y in range(100, 700, 10) for x in range(400, 900, 10) if main.pixelColor(x, y).lightness() > 245
    )
    assert white > 1000
