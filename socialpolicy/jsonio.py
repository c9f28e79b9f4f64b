"""Reading and writing JSON files: clear errors on the way in, atomic diff-friendly files on the way out."""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import math
import os
import re
import stat
import threading
from pathlib import Path
from typing import Any

from socialpolicy.errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(f"the number {shown} is too large (it would be saved as Infinity, which JSON lacks)")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # how JSON text spells one


def _pointer(chain: tuple[Any, ...] | None) -> str:
    parts: list[str] = []
    while chain is not None:
        key, chain = chain
        shown = str(key).encode("utf-8", "backslashreplace").decode("utf-8")  # a surrogate key, printable
        parts.append(shown.replace("~", "~0").replace("/", "~1"))
    return "/" + "/".join(reversed(parts))


def _inspect(data: Any) -> tuple[int, str | None]:
    """How deeply arrays and objects nest, and the JSON pointer of the first text holding a lone
    surrogate (a ``\\ud800`` escape: half of a character, which no file or program can store), in one
    walk without recursion."""
    deepest = 0
    stack: list[tuple[Any, int, tuple[Any, ...] | None]] = [(data, 1, None)]
    while stack:
        node, level, chain = stack.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return deepest, _pointer(chain)
            continue
        if isinstance(node, dict):
            deepest = max(deepest, level)
            for key, child in node.items():
                if _SURROGATE.search(key):
                    return deepest, _pointer((key, chain))
                stack.append((child, level + 1, (key, chain)))
        elif isinstance(node, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1, (i, chain)) for i, child in enumerate(node))
        if deepest > MAX_DEPTH:
            break
    return deepest, None


def _depth(data: Any) -> int:
    """How deeply arrays and objects nest, level by level (only containers are visited, each once),
    stopping past MAX_DEPTH. JSON gives exact dicts and lists, so exact type tests suffice."""
    level = 0
    current = [data]
    while current and level <= MAX_DEPTH:
        level += 1
        below = []
        for node in current:
            for child in node.values() if type(node) is dict else node:
                if type(child) is dict or type(child) is list:
                    below.append(child)
        current = below
    return level


def _may_hold_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate or JSON's escape of one (an encoding test finds the first
    faster than a search for the character range)."""
    if _SURROGATE_ESCAPE.search(text):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_json_text(text: str, source: str | Path) -> Any:
    """Parse JSON text; any problem becomes an :class:`InputError` naming the line."""
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant, parse_float=_finite
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"not valid JSON: {exc.msg}", f"line {exc.lineno} column {exc.colno}"
        ) from None
    except _DuplicateKey as exc:
        raise InputError(source, f"the key {exc.key!r} appears twice in one object") from None
    except ValueError as exc:
        raise InputError(source, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise InputError(source, f"JSON is nested more than {MAX_DEPTH} levels deep") from None
    if isinstance(data, dict | list) and not _may_hold_surrogate(text):
        depth, surrogate = _depth(data), None  # no text can hold a lone surrogate: count the levels only
    else:
        depth, surrogate = _inspect(data)
    if depth > MAX_DEPTH:
        raise InputError(source, f"JSON is nested more than {MAX_DEPTH} levels deep")
    if surrogate is not None:
        raise InputError(
            source,
            "the text holds a lone surrogate escape (such as \\ud800), half of a character that cannot be "
            "stored; remove it or write the whole character",
            surrogate,
        )
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """Name UTF-16/32 text: a byte order mark followed by text that decodes cleanly, or ASCII-range
    text with every other byte zero. Anything else with zero bytes is left to be called binary."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            if len(raw) % len(bom):
                return None  # a real UTF-16/32 file has a whole number of code units
            try:
                sample = codecs.getincrementaldecoder(codec)().decode(raw[:4096], final=False)
            except UnicodeDecodeError:
                return None
            return name if "\x00" not in sample else None
    head = raw[:512]
    if (
        len(head) >= 8
        and len(head) % 2 == 0
        and ((not any(head[0::2]) and all(head[1::2])) or (not any(head[1::2]) and all(head[0::2])))
    ):
        return "UTF-16"
    return None


def read_text(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing what is missing, too large, binary or not UTF-8."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(p, "file not found") from None
    except OSError as exc:
        raise InputError(p, f"cannot read the file ({exc.strerror or exc})") from None
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    if not p.is_file():  # a device or pipe (/dev/zero, a FIFO) could be read for ever
        raise InputError(p, "is not a regular file")
    if size > max_bytes:
        raise InputError(p, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")
    try:
        with p.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise InputError(p, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise InputError(p, f"file is too large (over {max_bytes:,} bytes)")
    encoding = _wide_encoding(raw)
    if encoding:
        raise InputError(p, f"text is {encoding}, not UTF-8; save it as UTF-8 and try again")
    if b"\x00" in raw[:8192]:
        raise InputError(p, "looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(p, "text is not UTF-8", f"line {line}") from None
    return text


def load_json(path: str | Path, *, trusted: bool = False) -> Any:
    """Read a JSON file. ``trusted`` is for files shipped with the program, which the test suite reads
    strictly (``tests/core/test_jsonio.py``): the checks for repeated keys, lone surrogates and nesting
    are skipped, and anything the plain parser refuses is read strictly again, for its message."""
    text = read_text(path)
    if trusted:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass
    return parse_json_text(text, path)


def dumps(data: Any) -> str:
    """Stable serialisation: sorted keys, 2-space indent, a final newline. Infinity and NaN are refused
    (``ValueError``): no JSON reader would take them back."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux), since changing it
    even for a moment races with other threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _resolved_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file a save really writes: a symbolic link is followed, so that the file it points at is
    replaced and the link stays; anything but a regular file there is refused."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise InputError(path, f"cannot be saved: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a folder, not a file; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file (a pipe, device or socket); choose another file name")
    return target, info


def _save_error(path: Path, exc: OSError) -> OSError:
    """The failure, naming the user's file (not the temporary one, or none): the command line prints
    it as one line, the app as a message."""
    return OSError(exc.errno, exc.strerror or str(exc), str(path))


def temporary_file(folder: str | Path, name: str) -> tuple[int, str]:
    """A new, empty, owner-only file in ``folder`` whose name starts ``.name.`` and ends ``.tmp``: its open
    descriptor and its path (what ``tempfile.mkstemp`` gives, without importing tempfile, random and shutil,
    which a save would otherwise pay for on every start-up)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


def file_mode(target: Path) -> int:
    """The mode a file written over ``target`` should have: the old file's, or for a new file the one
    the user's umask gives (as any program's new file), never the owner-only mode of a temporary file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _take_metadata(tmp: str, existing: os.stat_result | None) -> bool:
    """Give the new file the old one's owner, group and mode (or, for a new file, the mode the user's
    umask gives). Returns False when the old owner cannot be kept (someone else's file)."""
    if existing is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return True
    kept = True
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(tmp, existing.st_uid, existing.st_gid)
        except PermissionError:
            kept = existing.st_uid == os.geteuid()
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, existing.st_gid)  # a group the user belongs to can be kept
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))
    return kept


def atomic_write_text(path: str | Path, text: str, *, backup: bool = True, private: bool = False) -> None:
    """Write ``text`` so that ``path`` is always either the old or the new complete file.

    The text goes to a temporary file in the same folder, is flushed and fsynced, and then replaces the
    target. The previous file, if any, is kept as ``<name>.bak``. The new file keeps the old one's mode,
    owner and group (a new file gets the mode the umask gives); a symbolic link is followed and the file
    it points at replaced; a pipe or device is refused. When another user owns the file, renaming over it
    would take it from them, so it is rewritten in place instead (after the backup). Every failure is an
    ``OSError`` naming ``path`` (not the temporary file) and the cause, or an :class:`InputError`
    for what is refused. ``private`` files (recovery files, wizard drafts: copies nobody else needs) are
    readable by their owner only.
    """
    given = Path(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            given, f"could not be saved: the text holds {exc.object[exc.start]!r}, which is not a character"
        ) from None
    target, existing = _resolved_target(given)
    if existing is not None and not os.access(target, os.W_OK):
        raise InputError(given, "is read-only; save it under another name, or make it writable first")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = temporary_file(folder, target.name)
    except OSError as exc:
        raise _save_error(given, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        owner_kept = _take_metadata(tmp_name, existing)
        if private:
            os.chmod(tmp_name, 0o600)
        if backup and existing is not None:
            _keep_backup(target, existing)
        if owner_kept:
            os.replace(tmp_name, target)
        else:
            _rewrite_in_place(target, data)
    except OSError as exc:
        raise _save_error(given, exc) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)  # already gone when it replaced the target
    _fsync_dir(folder)


def _rewrite_in_place(target: Path, data: bytes) -> None:
    """Overwrite another user's file without renaming over it, so it stays theirs (the backup was made)."""
    with target.open("r+b") as handle:
        handle.truncate(0)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _keep_backup(target: Path, existing: os.stat_result) -> None:
    backup = target.with_name(target.name + ".bak")
    fd, tmp_name = temporary_file(target.parent, backup.name)
    os.close(fd)
    try:
        import shutil  # (only here: a backup is the one copy a save makes)

        shutil.copyfile(target, tmp_name)
        _take_metadata(tmp_name, existing)
        os.replace(tmp_name, backup)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_json(path: str | Path, data: Any, *, backup: bool = True, private: bool = False) -> None:
    try:
        text = dumps(data)
    except ValueError:
        raise InputError(path, "could not be saved: a number in it is infinite or not a number") from None
    atomic_write_text(path, text, backup=backup, private=private)
