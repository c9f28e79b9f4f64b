"""The app's open path without Qt: every corpus file through the core function the app calls
(``workspace.load_document``, as ``MainWindow.open_path`` does), and a sample of the hostile cases
through real processes under a timeout and a 2 GB address-space limit, as an attacker would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from socialpolicy import workspace
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog
from tests.conftest import ROOT, digest
from tests.robustness.test_corpus import BAD, EXPECTED, argv_for, assert_accepted, assert_refused, outcome

OPENABLE = [c for c in EXPECTED if "check" in c["commands"] or "export" in c["commands"]]


@pytest.mark.parametrize("case", OPENABLE, ids=[c["file"] for c in OPENABLE])
def test_open_path_refuses_or_opens(case: dict[str, Any], tmp_path: Path) -> None:
    file = tmp_path / case["file"]
    file.write_bytes((BAD / case["file"]).read_bytes())
    extra = [BAD / case["library"]] if case.get("library") else []
    expect = outcome(case, "check")
    if expect is not None and expect["exit"] != 2:
        loaded = workspace.load_document(file, Catalog.default(extra))
        assert loaded.document.sections
        return
    with pytest.raises(InputError) as raised:
        workspace.load_document(file, Catalog.default(extra))
    line = raised.value.line()
    assert str(file) in line and case["message"] in line and "\n" not in line
    assert digest(file) == digest(BAD / case["file"])


LIMITED = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
sys.argv = ["socialpolicy", *sys.argv[1:]]
runpy.run_module("socialpolicy", run_name="__main__")
"""

# A case of most classes of issue 18 (the in-process runs above and in test_corpus.py take them all).
SAMPLE = [
    "hostile-loop-feeds-itself.policy.json",
    "hostile-list-of-lists.policy.json",
    "hostile-many-clauses.policy.json",
    "hostile-condition-map.clauses.json",
    "version-dropped-from-history.policy.json",
    "lone-surrogate.policy.json",
    "nested-quotes-and-lists.md",
    "accepted-unclosed-braces-us-spelling.policy.json",
]


@pytest.mark.skipif(sys.platform == "win32", reason="needs the resource module (POSIX)")
@pytest.mark.parametrize("name", SAMPLE)
def test_hostile_case_in_a_limited_process(name: str, tmp_path: Path) -> None:
    """Exit code, the one line and the files as a script sees them; a hang or a blow-up fails the test
    through the timeout or the memory limit rather than stopping the machine."""
    [case] = [c for c in EXPECTED if c["file"] == name]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for command in case["commands"][-1:]:  # export, validate or import: the command that writes
        out_dir = tmp_path / f"out-{command}"
        out_dir.mkdir()
        for argv in argv_for(command, BAD / name, out_dir, case)[:1]:
            proc = subprocess.run(
                [sys.executable, "-c", LIMITED, *argv],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                env=env,
                timeout=120,
            )
            expect = outcome(case, command)
            if expect is None or expect["exit"] == 2:
                merged = case if expect is None else {**case, **expect}
                assert_refused(proc.returncode, proc.stdout, proc.stderr, merged, str(BAD / name))
            else:
                assert_accepted(proc.returncode, proc.stdout, proc.stderr, case, expect)


def test_the_sample_names_cases_of_the_corpus() -> None:
    names = {c["file"] for c in EXPECTED}
    assert set(SAMPLE) <= names
    assert json.loads((BAD / "expected.json").read_text(encoding="utf-8"))["cases"] == EXPECTED
