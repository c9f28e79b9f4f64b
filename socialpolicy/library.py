"""Clause libraries: loading, merging and looking clauses up.

A library is one or more ``*.clauses.json`` files that share a library id. The built-in library
lives in ``templates/library``; teams add their own with ``--library PATH`` or the
``SOCIALPOLICY_LIBRARY_PATH`` environment variable (paths separated by ``os.pathsep``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from socialpolicy import formats, paths, sandbox
from socialpolicy.errors import InputError
from socialpolicy.model import BUILTIN_LIBRARY, PROJECT_LIBRARY, Clause

ENV_VAR = "SOCIALPOLICY_LIBRARY_PATH"
LIBRARY_SUFFIX = ".clauses.json"
BUILTIN_TITLE = "Social Policy Studio built-in clauses"


@dataclass(frozen=True, slots=True)
class Library:
    """One library: immutable once built. Its clauses and overrides are read-only mappings; a change
    makes a new library (:meth:`with_clauses`, :meth:`with_details`), so a library that others hold
    (the cached built-in one, a catalog's) never changes under them."""

    id: str
    title: str
    version: str
    publisher: str = ""
    description: str = ""
    overrides: Mapping[str, str | None] = field(default_factory=dict)
    clauses: Mapping[str, Clause] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        object.__setattr__(self, "clauses", MappingProxyType(dict(self.clauses)))
        object.__setattr__(self, "files", tuple(Path(f) for f in self.files))

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses.values())

    def __len__(self) -> int:
        return len(self.clauses)

    def with_clauses(self, put: Iterable[Clause] = (), remove: Iterable[str] = ()) -> Library:
        """A copy with ``put`` stored under their ids and the ids in ``remove`` taken out."""
        clauses = dict(self.clauses)
        for clause_id in remove:
            clauses.pop(clause_id, None)
        for clause in put:
            clauses[clause.id] = clause
        return replace(self, clauses=clauses)

    def with_details(self, **details: Any) -> Library:
        """A copy with other details (title, version, publisher, description, overrides, files)."""
        return replace(self, **details)


def check_clause_syntax(clause: Clause, source: str, pointer: str) -> None:
    """Every piece of text a clause renders must parse in the sandbox."""
    sandbox.check_syntax(clause.body, source, f"{pointer}/body")
    sandbox.check_syntax(clause.title, source, f"{pointer}/title")
    for i, term in enumerate(clause.defines):
        sandbox.check_syntax(term.definition, source, f"{pointer}/defines/{i}/definition")
    if clause.condition:
        sandbox.check_syntax(clause.condition, source, f"{pointer}/condition", expression=True)


def load_library_file(path: str | Path, *, trusted: bool = False) -> Library:
    """Load and validate one library file; raise :class:`InputError` naming file and pointer.

    ``trusted`` is for the built-in library shipped with the program: the test suite validates
    it, so start-up skips the schema walk and the template syntax check.
    """
    with sandbox.document_budget():  # every text of the file is parsed under one budget
        return _library_from_data(formats.load(path, formats.CLAUSES, trusted=trusted), path, trusted)


def _library_from_data(data: dict[str, Any], path: str | Path, trusted: bool) -> Library:
    meta = data["library"]
    if meta["id"] == PROJECT_LIBRARY:
        raise InputError(
            path,
            f"the library id {PROJECT_LIBRARY!r} is reserved for the clauses a project holds itself; "
            "choose another id",
            "/library/id",
        )
    for target in meta.get("overrides", {}):
        if target.partition(":")[0] == PROJECT_LIBRARY:
            raise InputError(
                path,
                f"a library cannot override a project's own clauses ({target!r})",
                "/library/overrides",
            )
    clauses: dict[str, Clause] = {}
    for i, raw in enumerate(data["clauses"]):
        clause = Clause.from_dict(raw, meta["id"])
        pointer = f"/clauses/{i}"
        if clause.id in clauses:
            raise InputError(path, f"clause id {clause.id!r} is used twice in this library", f"{pointer}/id")
        if not trusted:
            check_clause_syntax(clause, str(path), pointer)
        clauses[clause.id] = clause
    return Library(
        id=meta["id"],
        title=meta["title"],
        version=meta["version"],
        publisher=meta.get("publisher", ""),
        description=meta.get("description", ""),
        overrides=meta.get("overrides", {}),
        clauses=clauses,
        files=(Path(path),),
    )


def merge(into: Library, other: Library) -> Library:
    """Two files of one library as one (a clause id in both is refused)."""
    for clause_id in other.clauses:
        if clause_id in into.clauses:
            raise InputError(
                other.files[0], f"clause id {clause_id!r} is also in {into.files[0]} (library {into.id!r})"
            )
    return replace(
        into,
        clauses={**into.clauses, **other.clauses},
        overrides={**into.overrides, **other.overrides},
        files=(*into.files, *other.files),
    )


def library_files(path: str | Path) -> list[Path]:
    p = Path(path)
    if p.is_dir():
        return sorted(p.glob(f"*{LIBRARY_SUFFIX}"))
    if not p.exists():
        raise InputError(p, "library file or folder not found")
    return [p]


def load_libraries(locations: Iterable[str | Path], *, trusted: bool = False) -> list[Library]:
    """Load every library file under ``locations``; files sharing a library id are merged."""
    by_id: dict[str, Library] = {}
    for location in locations:
        for file in library_files(location):
            lib = load_library_file(file, trusted=trusted)
            by_id[lib.id] = merge(by_id[lib.id], lib) if lib.id in by_id else lib
    return list(by_id.values())


@cache
def builtin() -> Library:
    libs = load_libraries([paths.builtin_library_dir()], trusted=True)
    found = [lib for lib in libs if lib.id == BUILTIN_LIBRARY]
    if len(libs) != 1 or not found:
        raise InputError(
            paths.builtin_library_dir(), "the built-in library folder must hold only library 'builtin'"
        )
    return replace(found[0], title=BUILTIN_TITLE)  # the files each title their own part


def env_locations() -> list[str]:
    value = os.environ.get(ENV_VAR, "")
    return [p for p in value.split(os.pathsep) if p.strip()]


class Catalog:
    """The libraries a document draws on, in order of precedence (later libraries win overrides)."""

    def __init__(self, libraries: Iterable[Library]) -> None:
        chosen: list[Library] = []
        for lib in libraries:
            if any(existing.id == lib.id for existing in chosen):
                raise InputError(
                    lib.files[0] if lib.files else None, f"library id {lib.id!r} is loaded twice"
                )
            chosen.append(lib)
        self.libraries: tuple[Library, ...] = tuple(chosen)
        self._by_id = {lib.id: lib for lib in self.libraries}
        self._overrides: dict[tuple[str, str], tuple[str, str] | None] = {}
        for lib in self.libraries:
            for target, replacement in lib.overrides.items():
                target_lib, _, target_clause = target.partition(":")
                self._overrides[(target_lib, target_clause)] = (
                    None if replacement is None else (lib.id, replacement)
                )

    @classmethod
    def default(cls, extra: Iterable[str | Path] = ()) -> Catalog:
        """The built-in library plus those named by the environment and ``extra``."""
        return cls([builtin(), *load_libraries([*env_locations(), *extra])])

    @classmethod
    def configured(cls, extra: Iterable[str | Path] = ()) -> Catalog:
        """:meth:`default` plus the library paths named in the user's settings (what the app uses)."""
        from socialpolicy import settings

        return cls.default([*settings.load().library_paths, *extra])

    def library(self, library_id: str) -> Library | None:
        return self._by_id.get(library_id)

    def get(self, library_id: str, clause_id: str) -> Clause | None:
        lib = self._by_id.get(library_id)
        return lib.clauses.get(clause_id) if lib else None

    def resolve(self, clause_id: str, library_id: str = BUILTIN_LIBRARY) -> tuple[Clause | None, str]:
        """Find the clause a template names, following overrides.

        Returns the clause (``None`` when hidden or missing) and a note saying which library won.
        """
        key = (library_id, clause_id)
        if key in self._overrides:
            target = self._overrides[key]
            if target is None:
                return None, f"{library_id}:{clause_id} is hidden by an organisation library"
            clause = self.get(*target)
            if clause is not None:
                return clause, f"{target[0]}:{target[1]} overrides {library_id}:{clause_id}"
        return self.get(library_id, clause_id), ""

    def replaced_by(self, library_id: str, clause_id: str) -> list[str]:
        """The clauses (as ``library:clause``) that this clause replaces through an override."""
        return [
            f"{lib}:{cid}"
            for (lib, cid), target in self._overrides.items()
            if target == (library_id, clause_id)
        ]

    def __iter__(self) -> Iterator[Clause]:
        for lib in self.libraries:
            yield from lib

    def __len__(self) -> int:
        return sum(len(lib) for lib in self.libraries)
