"""Crash safety: a process saving a project over and over is killed with SIGKILL at random moments.

After every kill the file on disk must be a complete, valid version (the old or the new one, never a
mix or a truncation), its backup likewise, and whatever temporary file the kill left behind must not
stop the next load or save. (Recovery of unsaved edits from the app's autosave file is tested with
the desktop app, in tests/gui.)
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from socialpolicy import jsonio
from tests.conftest import ROOT

KILLS = 20

WRITER = r"""
import sys
from socialpolicy import jsonio

path = sys.argv[1]
n = int(sys.argv[2])
print("ready", flush=True)
while True:
    n += 1
    size = 4_000_000 if n % 2 else 200          # alternate big and small versions
    jsonio.save_json(path, {"n": n, "size": size, "payload": f"{n}:" + "x" * size, "end": n})
"""


def version(n: int) -> dict[str, object]:
    size = 4_000_000 if n % 2 else 200
    return {"n": n, "size": size, "payload": f"{n}:" + "x" * size, "end": n}


def assert_complete(path: Path, at_least: int) -> int:
    """The file parses and is exactly one of the versions the writer made."""
    data = jsonio.load_json(path)
    n = data["n"]
    assert isinstance(n, int) and n >= at_least
    assert data == version(n), f"{path.name} holds a mixture, not version {n}"
    return n


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_saving_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    target = tmp_path / "project.policy.json"
    jsonio.save_json(target, version(0))
    rng = random.Random(20261122)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    last = 0
    survived_mid_write = 0
    seen_tmp: set[str] = set()
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(last)], stdout=subprocess.PIPE, env=env, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        last = assert_complete(target, last)
        backup = target.with_name(target.name + ".bak")
        if backup.exists():
            assert_complete(backup, 0)
        leftovers = {p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")}
        survived_mid_write += bool(leftovers - seen_tmp)
        seen_tmp |= leftovers
        # A temporary file left by the kill does not get in the way of the next load and save.
        assert_complete(target, last)
        jsonio.save_json(target, version(last + 1))
        last = assert_complete(target, last + 1)
    # Temporary files are the only debris, and the target and backup are always whole.
    names = {p.name for p in tmp_path.iterdir()}
    assert {"project.policy.json", "project.policy.json.bak"} <= names
    assert all(
        n.startswith(".project.policy.json") and n.endswith(".tmp")
        for n in names - {"project.policy.json", "project.policy.json.bak"}
    )
    assert last > KILLS
    print(f"{survived_mid_write} of {KILLS} kills landed while a temporary file was open")


def test_stale_temporary_files_are_not_mistaken_for_the_project(tmp_path: Path) -> None:
    target = tmp_path / "p.policy.json"
    jsonio.save_json(target, {"n": 1})
    stale = tmp_path / ".p.policy.json.abc123.tmp"
    stale.write_text('{"n": 99, "trunc', encoding="utf-8")  # what a kill mid-write leaves
    assert jsonio.load_json(target) == {"n": 1}
    jsonio.save_json(target, {"n": 2})
    assert jsonio.load_json(target) == {"n": 2}
    assert json.loads(target.with_name("p.policy.json.bak").read_text(encoding="utf-8")) == {"n": 1}
