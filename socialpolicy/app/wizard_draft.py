"""Wizard drafts: the answers of a new document's wizard, kept until the document is built.

The wizard writes its answers here as the author goes from page to page and when they close it
without building the document, so that nothing typed is lost; the start page offers each draft to
resume. There is one draft per template (``drafts/<template id>.json`` beside the settings). A draft is
removed when its document is built or the author discards it. A damaged draft is named in a problem
and set aside (renamed ``*.damaged.json``), never fatal. Drafts, like recovery files, are owner-only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialpolicy import answers as answers_mod
from socialpolicy import jsonio, settings
from socialpolicy.model import Template

log = logging.getLogger(__name__)
FOLDER = "drafts"
FORMAT = "socialpolicy.wizard-draft"
FORMAT_VERSION = 1


def folder() -> Path:
    path = settings.config_dir() / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True, slots=True)
class Draft:
    """The answers given so far for a new document of ``template_id``, and when they were kept."""

    template_id: str
    answers: dict[str, Any]
    saved: str  # ISO date and time, local
    file: Path
    dropped: tuple[str, ...] = ()  # answers left out because they no longer fit the question

    @property
    def when(self) -> str:
        """When it was kept, as a drafter reads it ("3 Dec 2026 at 14:05")."""
        try:
            moment = dt.datetime.fromisoformat(self.saved)
        except ValueError:
            return "an earlier session"
        return f"{moment.day} {moment:%b %Y} at {moment:%H:%M}"


@dataclass(frozen=True, slots=True)
class Drafts:
    found: tuple[Draft, ...]
    problems: tuple[str, ...] = field(default=())


def _path(template_id: str, where: Path | None) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in template_id)[:80] or "template"
    return (where or folder()) / f"{safe}.json"


def save(template_id: str, answers: dict[str, Any], *, where: Path | None = None) -> Path:
    """Keep ``answers`` as the draft for ``template_id`` (replacing an earlier one); raises OSError."""
    path = _path(template_id, where)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "template": template_id,
        "saved": dt.datetime.now().replace(microsecond=0).isoformat(),
        "answers": answers,
    }
    jsonio.atomic_write_text(path, jsonio.dumps(data), backup=False, private=True)
    log.info("kept wizard draft %s", path)
    return path


def discard(template_id: str, *, where: Path | None = None) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path(template_id, where).unlink()


def _read(path: Path, templates: dict[str, Template]) -> Draft:
    """One draft file, checked; raises ValueError with the problem (the file is named by the caller)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("is not text (UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"is not a wizard draft (its 'format' should be {FORMAT!r})")
    if data.get("format_version") != FORMAT_VERSION:
        raise ValueError(
            f"has format version {data.get('format_version')!r}; this version reads {FORMAT_VERSION}"
        )
    template = templates.get(str(data.get("template", "")))
    if template is None:
        raise ValueError(f"is for template {data.get('template')!r}, which this version does not have")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise ValueError("has no answers (/answers should be an object)")
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for qid, value in answers.items():
        question = template.question(qid)
        if question is None or answers_mod.problem(question, value) is not None:
            dropped.append(question.label if question else str(qid))
            continue
        kept[qid] = value
    return Draft(template.id, kept, str(data.get("saved", "")), path, tuple(dropped))


def pending(templates: list[Template] | tuple[Template, ...], *, where: Path | None = None) -> Drafts:
    """The drafts there are, newest first, and a line for each file that could not be read (that file
    is set aside so it is reported once)."""
    by_id = {t.id: t for t in templates}
    found: list[Draft] = []
    problems: list[str] = []
    for path in sorted((where or folder()).glob("*.json")):
        if path.name.endswith(".damaged.json"):
            continue
        try:
            found.append(_read(path, by_id))
        except (OSError, ValueError) as exc:
            problems.append(f"{path}: {exc}. The draft was set aside.")
            with contextlib.suppress(OSError):
                path.replace(path.with_name(path.stem + ".damaged.json"))
    found.sort(key=lambda d: d.saved, reverse=True)
    return Drafts(tuple(found), tuple(problems))


def get(template: Template, *, where: Path | None = None) -> Draft | None:
    """The draft for ``template``, if there is one that can be read (a damaged one: ``None``)."""
    path = _path(template.id, where)
    if not path.is_file():
        return None
    try:
        return _read(path, {template.id: template})
    except (OSError, ValueError):
        return None
