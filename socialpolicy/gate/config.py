"""The project config file of a policy repository: ``socialpolicy.toml``, or the ``[tool.socialpolicy]``
table of ``pyproject.toml``, found by walking up from each checked file.

```toml
jurisdictions = ["uk", "eu"]          # as --jurisdiction
sector = "finance"                    # as --sector
standard = "boeing"                   # as --standard
libraries = ["libraries/acme.clauses.json"]   # as --library, relative to this file
disable = ["language.readability", "readiness.*"]   # rules turned off (a rule id, or family.*)
exclude = ["drafts/*", "old-policy.md"]             # files a folder walk skips, relative to this file

[severity]                            # severities changed: error, warning or info
"terms.unused" = "info"
```

Options on the command line win over the file (``--library`` adds to its libraries).
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialpolicy.errors import InputError

CONFIG_NAME = "socialpolicy.toml"
PYPROJECT = "pyproject.toml"
JURISDICTIONS = ("us", "uk", "eu")
SECTORS = ("general", "finance", "healthcare", "public", "listed")
STANDARDS = ("stericycle", "boeing")
SEVERITIES = ("error", "warning", "info")
KEYS = ("jurisdictions", "sector", "standard", "libraries", "disable", "severity", "exclude")
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Config:
    """What a config file sets; ``path`` is ``None`` when no file applies."""

    path: Path | None = None
    jurisdictions: tuple[str, ...] | None = None
    sector: str | None = None
    standard: str | None = None
    libraries: tuple[Path, ...] = ()
    disable: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The file's name as shown to the user (``pyproject.toml [tool.socialpolicy]``)."""
        if self.path is None:
            return ""
        return f"{self.path} [tool.socialpolicy]" if self.path.name == PYPROJECT else str(self.path)

    def excludes(self, file: Path) -> bool:
        """Whether a folder walk skips ``file`` (a pattern matches its path below the config's folder, or its name)."""
        if self.path is None or not self.exclude:
            return False
        try:
            relative = file.resolve().relative_to(self.path.parent.resolve()).as_posix()
        except ValueError:
            relative = file.name
        return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(file.name, p) for p in self.exclude)


NO_CONFIG = Config()


def _strings(value: Any, key: str, source: Path, choices: Iterable[str] | None = None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(source, "must be a list of strings", key)
    allowed = tuple(choices) if choices is not None else None
    for v in value:
        if allowed is not None and v not in allowed:
            raise InputError(source, f"{v!r} is not one of {', '.join(allowed)}", key)
    return tuple(value)


def _choice(value: Any, key: str, source: Path, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise InputError(source, f"{value!r} is not one of {', '.join(choices)}", key)
    return value


def _rule_patterns(patterns: Iterable[str], key: str, source: Path) -> None:
    """Every pattern names a rule or a family of rules (``nlra.*``), so that a typing slip is not silently ignored."""
    from socialpolicy.checks import load_rules

    rules = load_rules()
    families = {r.family for r in rules.values()}
    for p in patterns:
        if p in rules or (p.endswith(".*") and p[:-2] in families):
            continue
        raise InputError(
            source,
            f"{p!r} is not a rule of the checker (give a rule id such as 'terms.unused', or a family such as "
            "'language.*')",
            key,
        )


def parse(data: dict[str, Any], source: Path) -> Config:
    """A config from the parsed table of ``source``; an unknown key or a wrong value is an error naming both."""
    for key in data:
        if key not in KEYS:
            raise InputError(source, f"unknown setting {key!r}; the settings are {', '.join(KEYS)}", key)
    jurisdictions = (
        _strings(data["jurisdictions"], "jurisdictions", source, JURISDICTIONS)
        if "jurisdictions" in data
        else None
    )
    sector = _choice(data["sector"], "sector", source, SECTORS) if "sector" in data else None
    standard = _choice(data["standard"], "standard", source, STANDARDS) if "standard" in data else None
    libraries = tuple((source.parent / p) for p in _strings(data.get("libraries", []), "libraries", source))
    disable = _strings(data.get("disable", []), "disable", source)
    _rule_patterns(disable, "disable", source)
    raw = data.get("severity", {})
    if not isinstance(raw, dict):
        raise InputError(source, "must be a table of rule = severity", "severity")
    severity: dict[str, str] = {}
    for rule_id, level in raw.items():
        severity[rule_id] = _choice(level, f"severity.{rule_id}", source, SEVERITIES)
    _rule_patterns(severity, "severity", source)
    exclude = _strings(data.get("exclude", []), "exclude", source)
    return Config(source, jurisdictions, sector, standard, libraries, disable, severity, exclude)


def read(source: Path) -> Config | None:
    """The config in ``source`` (``None``: a pyproject.toml without a [tool.socialpolicy] table)."""
    from socialpolicy import jsonio

    text = jsonio.read_text(source, max_bytes=MAX_CONFIG_BYTES)
    if source.name == PYPROJECT and "socialpolicy" not in text:
        return None  # another project's file: not ours to judge, even when it is broken
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, f"is not valid TOML ({exc})") from None
    if source.name == PYPROJECT:
        table = data.get("tool", {}).get("socialpolicy") if isinstance(data.get("tool"), dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise InputError(source, "must be a table", "tool.socialpolicy")
        data = table
    return parse(data, source)


class Finder:
    """Finds the config of each file, walking up its folders; remembers every folder it has looked in."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Config | InputError] = {}

    def for_file(self, file: Path) -> Config:
        """The config that applies to ``file``: the nearest socialpolicy.toml, or pyproject.toml with a
        [tool.socialpolicy] table (socialpolicy.toml first in one folder); ``NO_CONFIG`` when none."""
        return self.for_folder(file.resolve().parent)

    def for_folder(self, folder: Path) -> Config:
        found = self._by_folder.get(folder)
        if found is None:
            found = self._look(folder)
            self._by_folder[folder] = found
        if isinstance(found, InputError):
            raise found
        return found

    def _look(self, folder: Path) -> Config | InputError:
        try:
            for name in (CONFIG_NAME, PYPROJECT):
                candidate = folder / name
                if candidate.is_file():
                    config = read(candidate)
                    if config is not None:
                        return config
        except InputError as exc:
            return exc
        if folder.parent == folder:
            return NO_CONFIG
        try:
            return self.for_folder(folder.parent)
        except InputError as exc:
            return exc
