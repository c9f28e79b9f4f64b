"""Where the built-in templates and resources live, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding ``templates/`` and ``resources/``.

    An installed wheel carries them as ``socialpolicy/_data``; a source checkout or an
    editable install finds them beside the package.
    """
    bundled = _PACKAGE / "_data"
    if (bundled / "templates").is_dir():
        return bundled
    return _PACKAGE.parent


def templates_dir() -> Path:
    return data_root() / "templates"


def builtin_library_dir() -> Path:
    return templates_dir() / "library"


def resources_dir() -> Path:
    return data_root() / "resources"


def schema_path(name: str) -> Path:
    return resources_dir() / "schemas" / f"{name}.schema.json"
