"""Files as users share them: saves keep the umask, an existing file's mode and owner, follow symbolic
links, refuse pipes and devices, and name the user's file in every failure; loads refuse what could
not be saved again (infinite numbers, lone surrogates) and the reserved library id."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from socialpolicy import jsonio
from socialpolicy.cli import main
from socialpolicy.errors import InputError
from tests.robustness.make_corpus import LIBRARY, PROJECT

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes, owners, pipes and links")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


@POSIX
@pytest.mark.usefixtures("umask_022")
def test_a_new_file_takes_the_umask_and_an_old_one_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "p.policy.json"
    jsonio.save_json(path, {"n": 1})
    assert _mode(path) == 0o644  # not 0600, as a temporary file is made
    os.chmod(path, 0o664)  # shared with the group
    jsonio.save_json(path, {"n": 2})
    assert _mode(path) == 0o664 and _mode(tmp_path / "p.policy.json.bak") == 0o664
    assert json.loads(path.read_text(encoding="utf-8")) == {"n": 2}
    os.umask(0o077)
    jsonio.save_json(tmp_path / "private.json", {})
    assert _mode(tmp_path / "private.json") == 0o600


@POSIX
@pytest.mark.usefixtures("umask_022")
def test_exports_take_the_umask_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.policy.json"
    project.write_text(json.dumps(PROJECT), encoding="utf-8")
    for fmt in ("md", "html"):
        out = tmp_path / f"p.{fmt}"
        assert main(["export", str(project), "--format", fmt, "-o", str(out)]) == 0
        assert _mode(out) == 0o644
    capsys.readouterr()


@POSIX
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to own a file as another user"
)
def test_saving_over_another_users_file_keeps_it_theirs(tmp_path: Path) -> None:
    path = tmp_path / "shared.policy.json"
    path.write_text("{}", encoding="utf-8")
    os.chown(path, 65534, 65534)
    os.chmod(path, 0o664)
    jsonio.save_json(path, {"n": 1})
    info = path.stat()
    assert (info.st_uid, info.st_gid, _mode(path)) == (65534, 65534, 0o664)


@POSIX
def test_when_the_owner_cannot_be_kept_the_file_is_rewritten_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renaming a new file over someone else's would make it ours (and theirs no longer): the save
    then writes into the existing file, after the backup, so it stays theirs."""
    path = tmp_path / "shared.policy.json"
    jsonio.save_json(path, {"n": 1})
    inode = path.stat().st_ino
    real_stat = Path.stat

    def foreign(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        if self == path:
            fields = list(info)
            fields[stat.ST_UID] = info.st_uid + 1  # someone else's
            return os.stat_result(fields)
        return info

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(Path, "stat", foreign)
    monkeypatch.setattr(os, "chown", refuse)
    jsonio.save_json(path, {"n": 2})
    monkeypatch.undo()
    assert path.stat().st_ino == inode and json.loads(path.read_text(encoding="utf-8")) == {"n": 2}
    assert json.loads((tmp_path / "shared.policy.json.bak").read_text(encoding="utf-8")) == {"n": 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@POSIX
def test_a_symbolic_link_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "store" / "real.policy.json"
    real.parent.mkdir()
    jsonio.save_json(real, {"n": 1})
    link = tmp_path / "p.policy.json"
    link.symlink_to(real)
    jsonio.save_json(link, {"n": 2})
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8")) == {"n": 2}
    assert (real.parent / "real.policy.json.bak").exists()


@POSIX
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_device_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "out.md"
    os.mkfifo(pipe)
    project = tmp_path / "p.policy.json"
    project.write_text(json.dumps(PROJECT), encoding="utf-8")
    assert main(["export", str(project), "--format", "md", "-o", str(pipe)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"socialpolicy: {pipe}: is not a regular file (a pipe, device or socket); choose another file name\n"
    )
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    link = tmp_path / "null.policy.json"
    link.symlink_to("/dev/null")
    with pytest.raises(InputError, match="is not a regular file"):
        jsonio.save_json(link, {})
    assert link.is_symlink()


def test_a_failing_write_names_the_users_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "new.policy.json"
    monkeypatch.setattr(os, "fsync", full)
    assert main(["new", "governance-charter", "--defaults", "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"socialpolicy: {out}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def test_infinity_and_lone_surrogates_are_refused_at_load(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the number 1e999 is too large"):
        jsonio.parse_json_text('{"a": [1e999]}', "x.json")
    with pytest.raises(InputError) as raised:
        jsonio.parse_json_text('{"a": {"b\\udc00": 1}}', "x.json")
    assert raised.value.where == "/a/b\\udc00" and "lone surrogate" in raised.value.message
    assert jsonio.parse_json_text('{"a": "\\ud83d\\ude00", "b": -1.5e300}', "x.json") == {
        "a": "😀",
        "b": -1.5e300,
    }
    with pytest.raises(InputError, match="infinite"):
        jsonio.save_json(tmp_path / "x.json", {"n": float("inf")})
    with pytest.raises(InputError, match="not a character"):
        jsonio.atomic_write_text(tmp_path / "x.json", "a\udc00b")
    assert list(tmp_path.iterdir()) == []


def test_the_project_library_id_is_reserved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for meta in ({"id": "project"}, {"overrides": {"project:purpose": "acme.purpose"}}):
        lib = tmp_path / "acme.clauses.json"
        lib.write_text(json.dumps(dict(LIBRARY, library={**LIBRARY["library"], **meta})), encoding="utf-8")
        assert main(["library", "validate", str(lib)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"socialpolicy: {lib}: at /library/") and "project" in err
