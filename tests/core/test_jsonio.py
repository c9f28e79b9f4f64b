import json
import os
import stat
from pathlib import Path

import pytest

from socialpolicy import jsonio
from socialpolicy.errors import InputError


def test_save_is_stable_sorted_and_keeps_backup(tmp_path: Path) -> None:
    target = tmp_path / "a.policy.json"
    jsonio.save_json(target, {"b": 1, "a": {"d": [1, 2], "c": "é"}})
    first = target.read_text(encoding="utf-8")
    assert first == '{\n  "a": {\n    "c": "é",\n    "d": [\n      1,\n      2\n    ]\n  },\n  "b": 1\n}\n'
    jsonio.save_json(target, {"b": 2})
    assert json.loads(target.read_text()) == {"b": 2}
    assert (tmp_path / "a.policy.json.bak").read_text(encoding="utf-8") == first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"a": 1,\n "b": }', "line 2"),
        (b'{"a": 1, "a": 2}', "appears twice"),
        (b"[" * 100 + b"]" * 100, "nested"),
        (b'{"a": NaN}', "NaN"),
        (b"\xff\xfe\x00junk", "binary"),
        (b'{"a": "caf\xe9"}', "not UTF-8"),
    ],
)
def test_bad_json_gives_one_clear_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        jsonio.load_json(path)
    line = info.value.line()
    assert str(path) in line and expected in line and "\n" not in line


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        jsonio.load_json(tmp_path / "nope.json")


def test_every_shipped_file_reads_the_same_trusted_as_strictly() -> None:
    """What the program ships is loaded ``trusted`` (without the checks for repeated keys, lone surrogates
    and depth); this strict reading of every shipped file is what lets it."""
    root = Path(__file__).resolve().parents[2]
    shipped = sorted([*root.glob("templates/**/*.json"), *root.glob("resources/**/*.json")])
    assert len(shipped) >= 10
    for path in shipped:
        assert jsonio.load_json(path, trusted=True) == jsonio.load_json(path), path


def test_a_trusted_file_that_is_not_json_still_gets_the_strict_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"a": ', encoding="utf-8")
    with pytest.raises(InputError) as trusted:
        jsonio.load_json(path, trusted=True)
    with pytest.raises(InputError) as strict:
        jsonio.load_json(path)
    assert trusted.value.line() == strict.value.line()


def test_a_temporary_file_is_new_owner_only_and_named_after_its_target(tmp_path: Path) -> None:
    first, first_path = jsonio.temporary_file(tmp_path, "policy.docx")
    second, second_path = jsonio.temporary_file(tmp_path, "policy.docx")
    os.close(first)
    os.close(second)
    assert first_path != second_path
    for path in (first_path, second_path):
        name = Path(path).name
        assert name.startswith(".policy.docx.") and name.endswith(".tmp")
        assert Path(path).parent == tmp_path and Path(path).stat().st_size == 0
        if os.name == "posix":
            assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600
    with pytest.raises(FileNotFoundError):
        jsonio.temporary_file(tmp_path / "missing", "policy.docx")
