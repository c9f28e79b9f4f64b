"""The app's settings: a plain dataclass saved as JSON in the user's config folder.

The folder comes from platformdirs and can be redirected with ``SOCIALPOLICY_CONFIG_DIR``
(tests point it at a temporary folder). A damaged settings file is set aside, never fatal.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from socialpolicy import jsonio

ENV_VAR = "SOCIALPOLICY_CONFIG_DIR"
APP_NAME = "socialpolicy"
FILE_NAME = "settings.json"
MAX_RECENT = 10


def config_dir() -> Path:
    """Where settings and the recovery files live (created on first use)."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        path = Path(override)
    else:
        from platformdirs import user_config_dir

        path = Path(user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Settings:
    recent_files: list[str] = field(default_factory=list)
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    editor_split: str = ""  # base64 of the preview/clause editor splitter's saveState()
    autosave_seconds: int = 30
    library_paths: list[str] = field(default_factory=list)
    author_name: str = ""  # who accepts risks, by default
    welcome_shown: bool = False  # the first-run note on the start page (what the app does; not legal advice)
    tour_shown: bool = False  # the tour of the main window ran once (it starts by itself only the first time)
    show_details: bool = False  # rule ids and clause ids in the panels, for people who keep the library

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.recent_files = [p, *[f for f in self.recent_files if f != p]][:MAX_RECENT]

    def remove_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.recent_files = [f for f in self.recent_files if f != p]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Keep the values that have the right type; ignore the rest."""
        out = cls()
        if not isinstance(data, dict):
            return out
        for f in fields(cls):
            if f.name not in data:
                continue
            value, default = data[f.name], getattr(out, f.name)
            if isinstance(default, list):
                if isinstance(value, list) and all(isinstance(x, str) for x in value):
                    setattr(out, f.name, list(value))
            elif isinstance(default, bool) or isinstance(value, bool):
                if isinstance(default, bool) and isinstance(value, bool):
                    setattr(out, f.name, value)
            elif isinstance(value, type(default)):
                setattr(out, f.name, value)
        out.autosave_seconds = max(5, min(out.autosave_seconds, 3600))
        out.recent_files = out.recent_files[:MAX_RECENT]
        return out


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load() -> Settings:
    path = settings_path()
    if not path.is_file():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".damaged.json"))
        return Settings()
    return Settings.from_dict(data)


def save(settings: Settings) -> None:
    jsonio.atomic_write_text(settings_path(), json.dumps(settings.to_dict(), indent=2) + "\n", backup=False)
