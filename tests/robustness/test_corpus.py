"""Every bad file in tests/data/bad/ through every command that reads it.

Each run must exit with 2, write exactly one line to stderr naming the file and saying what is
wrong, print no traceback, change no file, and leave no output (not even a temporary file). A case
may give another outcome for a command ("outcomes"): hostile data the schema accepts must then be
checked (exit 0 or 1, with the finding named) or exported (exit 0, and the export holds nothing that
runs or that XML cannot hold). The bulk runs in-process through ``socialpolicy.cli.main``; a sample
runs as real subprocesses, with a timeout, as does every case of issue 18.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.cli import main
from tests.conftest import DATA, ROOT, digest

BAD = DATA / "bad"
EXPECTED: list[dict[str, Any]] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))["cases"]

GOOD_PROJECT = {
    "format": "socialpolicy.project",
    "format_version": 1,
    "template": {"id": "imported", "version": "0"},
    "metadata": {"title": "Good policy"},
    "answers": {},
    "sections": [
        {
            "id": "intro",
            "title": "Introduction",
            "clauses": [{"clause": "purpose", "library": "project", "version": 1}],
        }
    ],
    "custom_clauses": [
        {
            "id": "purpose",
            "version": 1,
            "title": "Purpose",
            "topic": "purpose",
            "body": "Why this policy exists.",
            "rationale": "r",
        }
    ],
}


def _library_args(case: dict[str, Any]) -> list[str]:
    return ["--library", str(BAD / case["library"])] if case.get("library") else []


def argv_for(command: str, file: Path, out_dir: Path, case: dict[str, Any]) -> list[list[str]]:
    """The command lines that feed ``file`` to ``command`` (one command may mean several runs)."""
    extra = _library_args(case)
    if command == "check":
        return [["check", str(file), *extra], ["check", str(file), "--format", "json", *extra]]
    if command == "export":
        return [
            ["export", str(file), "--format", fmt, "-o", str(out_dir / f"out.{fmt}"), *extra]
            for fmt in ("md", "html")
        ]
    if command == "import":
        return [["import", str(file), "-o", str(out_dir / "out.policy.json")]]
    if command == "library":
        return [["library", "validate", str(file)]]
    if command == "check-library":
        good = out_dir.parent / "good.policy.json"
        good.write_text(json.dumps(GOOD_PROJECT), encoding="utf-8")
        return [["check", str(good), "--library", str(file)]]
    if command == "new":
        return [
            [
                "new",
                case.get("template", "governance-charter"),
                "--answers",
                str(file),
                "-o",
                str(out_dir / "out.policy.json"),
            ]
        ]
    if command == "new-library":
        return [
            [
                "new",
                "governance-charter",
                "--defaults",
                "--library",
                str(file),
                "-o",
                str(out_dir / "out.policy.json"),
            ]
        ]
    raise AssertionError(f"expected.json names an unknown command {command!r}")


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_refused(code: int, out: str, err: str, case: dict[str, Any], shown_name: str) -> None:
    assert code == case["exit"], f"{case['file']}: exit {code}, stderr {err!r}"
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.splitlines()
    assert len(lines) == 1, f"{case['file']}: expected one line on stderr, got {lines!r}"
    line = lines[0]
    assert line.startswith("socialpolicy: ")
    assert shown_name in line, f"{case['file']}: the message does not name the file: {line!r}"
    assert case["message"] in line, f"{case['file']}: {case['message']!r} not in {line!r}"
    assert len(line) < 600, "one clear line, not a dump"


def outcome(case: dict[str, Any], command: str) -> dict[str, Any] | None:
    """What ``command`` must do with the case's file when that is not the default refusal."""
    return case.get("outcomes", {}).get(command)


def assert_accepted(code: int, out: str, err: str, case: dict[str, Any], expect: dict[str, Any]) -> None:
    exits = expect["exit"] if isinstance(expect["exit"], list) else [expect["exit"]]
    assert code in exits, f"{case['file']}: exit {code}, stderr {err!r}"
    assert err == "", f"{case['file']}: nothing on stderr when the input is accepted: {err!r}"
    assert "Traceback" not in out
    if expect.get("stdout"):
        assert expect["stdout"] in out, f"{case['file']}: {expect['stdout']!r} not in the output"
    assert not CONTROL.search(out), f"{case['file']}: a control character reached the terminal"


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_clean_export(path: Path, case: dict[str, Any]) -> None:
    """An accepted export holds no character XML cannot hold, and nothing that runs."""
    text = path.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), (
        f"{case['file']}: control characters in {path.name}"
    )
    if path.suffix == ".html":
        from tests.robustness.test_hostile import live_script

        assert live_script(text) == [], f"{case['file']}: live markup in {path.name}"
    else:
        assert "<script" not in text.lower()


def test_corpus_is_big_enough_and_small_on_disk() -> None:
    files = [p for p in BAD.iterdir() if p.name != "expected.json" and p.is_file()]
    assert len(EXPECTED) >= 50
    assert sorted(c["file"] for c in EXPECTED) == sorted(p.name for p in files), (
        "expected.json and the files differ"
    )
    assert sum(p.stat().st_size for p in BAD.rglob("*") if p.is_file()) < 2 * 1024 * 1024
    kinds = {p.name.split(".", 1)[1] for p in files}
    assert {"policy.json", "clauses.json", "answers.json", "md", "docx"} <= kinds
    assert all(c["exit"] == 2 and c["commands"] and c["why"] for c in EXPECTED)
    for c in EXPECTED:
        assert c["message"] or all(outcome(c, command) for command in c["commands"]), c["file"]
        assert not c.get("library") or (BAD / c["library"]).is_file(), c["file"]


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_bad_file_is_refused_in_process(
    case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "in" / case["file"]
    file.parent.mkdir()
    file.write_bytes((BAD / case["file"]).read_bytes())
    before = digest(file)
    for command in case["commands"]:
        out_dir = tmp_path / f"out-{command}"
        out_dir.mkdir()
        expect = outcome(case, command)
        for argv in argv_for(command, file, out_dir, case):
            code = main(argv)
            out, err = capsys.readouterr()
            # The answers-for-unknown-template case names the template, which is the problem.
            shown = "no-such-template" if case.get("template") == "no-such-template" else str(file)
            if expect is None or expect["exit"] == 2:
                assert_refused(code, out, err, case if expect is None else {**case, **expect}, shown)
            else:
                assert_accepted(code, out, err, case, expect)
            assert digest(file) == before, f"{case['file']} was changed by {argv[0]}"
        written = sorted(out_dir.iterdir())
        if expect is None or expect["exit"] == 2 or command != "export":
            assert written == [] or command == "import", f"{command} left output behind: {written}"
        else:
            assert [p.name for p in written] == ["out.html", "out.md"]
            for path in written:
                assert_clean_export(path, case)
    assert sorted(p.name for p in file.parent.iterdir()) == [case["file"]], "a file appeared beside the input"


SAMPLE = [
    c
    for c in EXPECTED
    if c["file"]
    in {
        "truncated.policy.json",
        "utf16.policy.json",
        "deep-nesting.policy.json",
        "inject-01-body.policy.json",
        "inject-14-condition.policy.json",
        "xxe.docx",
        "zip-bomb-small.docx",
        "binary-junk.md",
        "library-duplicate-ids.clauses.json",
        "very-long-answer.answers.json",
        "newer-version.policy.json",
    }
]


@pytest.mark.parametrize("case", SAMPLE, ids=[c["file"] for c in SAMPLE])
def test_bad_file_is_refused_by_the_installed_command(case: dict[str, Any], tmp_path: Path) -> None:
    """The same through a real process: exit status, stderr and files as a script would see them."""
    file = BAD / case["file"]
    corpus_before = tree_digest(BAD)
    command = case["commands"][0]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for argv in argv_for(command, file, out_dir, case)[:1]:
        proc = subprocess.run(
            [sys.executable, "-m", "socialpolicy", *argv],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        assert_refused(proc.returncode, proc.stdout, proc.stderr, case, str(file))
    assert list(out_dir.iterdir()) == []
    assert tree_digest(BAD) == corpus_before


def test_corpus_matches_its_generator(tmp_path: Path) -> None:
    """tests/data/bad is exactly what make_corpus.py writes (refresh: python -m tests.robustness.make_corpus)."""
    from tests.robustness import make_corpus

    make_corpus.write(tmp_path)
    assert tree_digest(tmp_path) == tree_digest(BAD)
