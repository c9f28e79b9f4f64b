"""Recovery files: unsaved work written aside every so often, so a crash loses little.

Each open document has its own recovery file in the ``recovery`` folder beside the settings, named
after the document (``policy-3f2a9c1d.policy.json``, or ``untitled-<pid>-<n>`` for one never saved),
with a small JSON file saying which document it is and when it was written. A lock file holds the
process id of the instance that owns it, so two instances on two documents keep two recovery files,
and an instance never offers, overwrites or deletes another live instance's file. What a crashed
instance left (its lock's process is gone) is offered at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from socialpolicy import digest, settings
from socialpolicy.errors import InputError
from socialpolicy.model import Project
from socialpolicy.project import PROJECT_SUFFIX, load_project, save_project

log = logging.getLogger(__name__)
FOLDER = "recovery"
_untitled = itertools.count(1)


def folder() -> Path:
    path = settings.config_dir() / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key_for(document: Path | None) -> str:
    if document is None:
        return f"untitled-{os.getpid()}-{next(_untitled)}"
    resolved = str(document.resolve())
    stem = document.name.removesuffix(PROJECT_SUFFIX).removesuffix(".json")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)[:40] or "document"
    return f"{safe}-{digest.sha256_hex(resolved)[:10]}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


@dataclass(frozen=True, slots=True)
class Lock:
    pid: int
    host: str

    @property
    def live(self) -> bool:
        """A running instance (this one included) owns the file."""
        return self.host != socket.gethostname() or _alive(self.pid)

    @property
    def held_elsewhere(self) -> bool:
        """Another running instance owns the file (on another machine we cannot tell: assume so)."""
        if self.host != socket.gethostname():
            return True
        return self.pid != os.getpid() and _alive(self.pid)


def _read_lock(path: Path) -> Lock | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Lock(int(data["pid"]), str(data["host"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class Recovered:
    """Work a crashed instance left: the recovery file, and the document it belongs to."""

    key: str
    file: Path
    document: Path | None
    saved: str  # when it was written, as ISO date and time

    def load(self) -> Project:
        return load_project(self.file)


class RecoveryFile:
    """The recovery file of one document session. ``write`` claims it (the lock); ``discard`` removes
    it with its lock (after a save, or when the document is closed)."""

    def __init__(self, where: Path | None = None) -> None:
        self._folder = where
        self.key: str | None = None

    @property
    def folder(self) -> Path:
        return self._folder or folder()

    @property
    def path(self) -> Path | None:
        return self.folder / f"{self.key}{PROJECT_SUFFIX}" if self.key else None

    def _files(self, key: str) -> tuple[Path, Path, Path]:
        base = self.folder / key
        return (
            base.with_name(key + PROJECT_SUFFIX),
            base.with_name(key + ".json"),
            base.with_name(key + ".lock"),
        )

    def _claim(self, key: str) -> bool:
        _, _, lock = self._files(key)
        mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname()})
        try:
            with open(lock, "x", encoding="utf-8") as f:
                f.write(mine)
            return True
        except FileExistsError:
            held = _read_lock(lock)
            if held is not None and held.held_elsewhere:
                return False
            lock.write_text(mine, encoding="utf-8")  # ours already, or left by a crashed instance
            return True

    def bind(self, document: Path | None) -> None:
        """Use the recovery file of ``document`` (after an open or a Save as)."""
        key = _key_for(document)
        if key == self.key:
            return
        self.discard()
        if not self._claim(key):  # the same document is open in another instance
            key = f"{key}-{os.getpid()}"
            self._claim(key)
        self.key = key

    def adopt(self, recovered: Recovered, project: Project) -> None:
        """Take over what a crashed instance left, so it stays on disk until this session saves."""
        self.discard()
        if recovered.key:
            self._claim(recovered.key)
            self.key = recovered.key
            return
        self.write(project, recovered.document)  # the legacy file moves to a file of this session's own
        decline(recovered)

    def write(self, project: Project, document: Path | None) -> Path:
        if self.key is None:
            self.bind(document)
        assert self.key is not None
        data, info, _ = self._files(self.key)
        save_project(data, project, backup=False, private=True)  # the user's own copy: owner-only
        stamp = {"path": str(document) if document else None, "saved": _now(), "pid": os.getpid()}
        info.write_text(json.dumps(stamp), encoding="utf-8")
        return data

    def discard(self) -> None:
        if self.key is None:
            return
        for file in self._files(self.key):
            with contextlib.suppress(OSError):
                file.unlink()
        self.key = None


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _legacy() -> list[Recovered]:
    """The single recovery file of earlier versions, in the settings folder itself."""
    old = settings.config_dir() / "recovery.policy.json"
    if not old.is_file():
        return []
    info: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads((settings.config_dir() / "recovery.json").read_text(encoding="utf-8"))
        info = loaded if isinstance(loaded, dict) else {}
    path = info.get("path")
    return [Recovered("", old, Path(path) if isinstance(path, str) else None, str(info.get("saved", "")))]


def pending(where: Path | None = None) -> list[Recovered]:
    """Recovery files that no running instance owns, newest first."""
    base = where or folder()
    found: list[Recovered] = []
    for data in base.glob(f"*{PROJECT_SUFFIX}"):
        key = data.name.removesuffix(PROJECT_SUFFIX)
        lock = _read_lock(base / f"{key}.lock")
        if lock is not None and lock.live:
            continue
        info: dict[str, object] = {}
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads((base / f"{key}.json").read_text(encoding="utf-8"))
            info = loaded if isinstance(loaded, dict) else {}
        path = info.get("path")
        found.append(
            Recovered(key, data, Path(path) if isinstance(path, str) else None, str(info.get("saved", "")))
        )
    if where is None:
        found += _legacy()
    return sorted(found, key=lambda r: r.saved, reverse=True)


def decline(recovered: Recovered) -> None:
    """The author does not want it: remove the file and what goes with it."""
    if recovered.key:
        companions = [recovered.file.with_name(recovered.key + s) for s in (".json", ".lock")]
    else:  # the legacy pair
        companions = [settings.config_dir() / "recovery.json"]
    for file in (recovered.file, *companions):
        with contextlib.suppress(OSError):
            file.unlink()
    log.info("recovery file %s declined and removed", recovered.file)


def load(recovered: Recovered) -> Project:
    """The recovered project; raises :class:`InputError` for a damaged recovery file."""
    try:
        return recovered.load()
    except InputError:
        log.warning("recovery file %s cannot be read", recovered.file)
        raise
