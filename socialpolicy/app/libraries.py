"""Which clause libraries the app uses, loaded so that one broken file does not stop the others.

The app uses the built-in library, the paths in the settings and those in ``SOCIALPOLICY_LIBRARY_PATH``.
:func:`load_catalog` reads them all and reports each file it could not use (which file, and why)
instead of giving up; a :class:`LibraryCache` skips files that have not changed since they were last
read. It is slow for large team libraries (schema validation), so the app calls it in a worker.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from socialpolicy.errors import InputError
from socialpolicy.library import (
    Catalog,
    Library,
    builtin,
    env_locations,
    library_files,
    load_library_file,
    merge,
)

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]  # files done, files in all, what is being read


@dataclass(frozen=True, slots=True)
class LibraryLoad:
    catalog: Catalog
    problems: tuple[str, ...] = ()  # one line each: the file and what is wrong with it
    files: tuple[Path, ...] = ()  # the library files in use
    origins: tuple[str, ...] = ()  # for each problem, the path (as given) that led to the file

    def problems_from(self, paths: Sequence[str]) -> list[str]:
        """The problems that come from ``paths`` (not from the environment variable, say)."""
        wanted = {os.fspath(p) for p in paths}
        return [line for line, origin in zip(self.problems, self.origins, strict=True) if origin in wanted]

    def summary(self) -> str:
        """One line for the status bar ("" when every library loaded)."""
        if not self.problems:
            return ""
        first = self.problems[0]
        more = len(self.problems) - 1
        return f"A clause library cannot be used: {first}" + (f" (and {more} more)" if more else "")


@dataclass
class LibraryCache:
    """Libraries already read, by file, with the size and time they had then."""

    _entries: dict[Path, tuple[int, int, Library]] = field(default_factory=dict)

    def load(self, path: Path) -> Library:
        stat = path.stat()
        key = path.resolve()
        hit = self._entries.get(key)
        if hit is not None and hit[:2] == (stat.st_mtime_ns, stat.st_size):
            return hit[2]
        lib = load_library_file(path)
        self._entries[key] = (stat.st_mtime_ns, stat.st_size, lib)
        return lib


def locations(settings_paths: Sequence[str]) -> list[str]:
    """Where the app looks, in order: the environment variable's paths, then the settings'."""
    return [*env_locations(), *settings_paths]


def load_catalog(
    paths: Iterable[str | Path], progress: Progress | None = None, cache: LibraryCache | None = None
) -> LibraryLoad:
    """The built-in library and every library under ``paths``; a file that cannot be used is left out
    and named in :attr:`LibraryLoad.problems`."""
    problems: list[str] = []
    origins: list[str] = []
    entries: list[tuple[Path | InputError, str]] = []  # in order: a file to read, or why a path gave none
    for location in paths:
        try:
            seen = {e for e, _ in entries}
            entries += [(f, os.fspath(location)) for f in library_files(location) if f not in seen]
        except InputError as exc:
            entries.append((exc, os.fspath(location)))
    files = [e for e, _ in entries if isinstance(e, Path)]
    by_id: dict[str, Library] = {}
    done = 0
    for entry, origin in entries:
        if isinstance(entry, InputError):
            problems.append(entry.line())
            origins.append(origin)
            continue
        if progress is not None:
            progress(done, len(files), entry.name)
        done += 1
        try:
            lib = cache.load(entry) if cache is not None else load_library_file(entry)
            if lib.id == builtin().id:
                raise InputError(entry, f"library id {lib.id!r} is the built-in library's")
            by_id[lib.id] = merge(by_id[lib.id], lib) if lib.id in by_id else lib
        except InputError as exc:
            problems.append(exc.line())
            origins.append(origin)
        except OSError as exc:
            problems.append(f"{entry}: {exc.strerror or exc}")
            origins.append(origin)
    if progress is not None:
        progress(len(files), len(files), "")
    for line in problems:
        log.warning("clause library not used: %s", line)
    used = tuple(f for lib in by_id.values() for f in lib.files)
    return LibraryLoad(Catalog([builtin(), *by_id.values()]), tuple(problems), used, tuple(origins))


def covered(path: Path, settings_paths: Sequence[str]) -> bool:
    """Whether ``path`` is already among the library files the settings name."""
    target = path.resolve()
    for location in settings_paths:
        try:
            if any(f.resolve() == target for f in library_files(location)):
                return True
        except InputError:
            continue
    return False


def settings_with(path: Path, settings_paths: Sequence[str]) -> list[str]:
    """The settings' library paths with ``path`` added when they do not cover it yet."""
    return list(settings_paths) if covered(path, settings_paths) else [*settings_paths, os.fspath(path)]
