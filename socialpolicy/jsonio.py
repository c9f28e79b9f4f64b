"""Reading and writing JSON files: clear errors on the way in, atomic diff-friendly files on the way out."""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from socialpolicy.errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


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


def _depth(data: Any) -> int:
    """How deeply arrays and objects nest, walked without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def parse_json_text(text: str, source: str | Path) -> Any:
    """Parse JSON text; any problem becomes an :class:`InputError` naming the line."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
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
    if _depth(data) > MAX_DEPTH:
        raise InputError(source, f"JSON is nested more than {MAX_DEPTH} levels deep")
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


def load_json(path: str | Path) -> Any:
    return parse_json_text(read_text(path), path)


def dumps(data: Any) -> str:
    """Stable serialisation: sorted keys, 2-space indent, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def atomic_write_text(path: str | Path, text: str, *, backup: bool = True) -> None:
    """Write ``text`` so that ``path`` is always either the old or the new complete file.

    The text goes to a temporary file in the same folder, is flushed and fsynced, and then
    replaces the target. The previous file, if any, is kept as ``<name>.bak``.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    data = text.encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and target.exists():
            _keep_backup(target)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _keep_backup(target: Path) -> None:
    backup = target.with_name(target.name + ".bak")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(target, tmp_name)
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


def save_json(path: str | Path, data: Any, *, backup: bool = True) -> None:
    atomic_write_text(path, dumps(data), backup=backup)
