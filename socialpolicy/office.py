"""LibreOffice, when it is installed: a layout pass for Word exports, PDF from the Word file, and the
scripted review edits the tests make.

LibreOffice is found on the PATH or in its usual install folders; ``SOCIALPOLICY_SOFFICE`` names the
program to use, or turns it off when set to ``none`` (the tests do, except where they need it). The jobs
themselves are in :mod:`socialpolicy.office_job`, run by a Python that can import ``uno``; each run gets
its own LibreOffice user profile, so two exports at once never share one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from socialpolicy.errors import InputError

ENV_SOFFICE = "SOCIALPOLICY_SOFFICE"
ENV_PYTHON = "SOCIALPOLICY_UNO_PYTHON"
JOB_TIMEOUT = 180
_INSTALLED = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)


class OfficeError(Exception):
    """LibreOffice could not do a job (not installed, did not start, failed on the file)."""


def soffice() -> str | None:
    """The LibreOffice program to use, or ``None``."""
    chosen = os.environ.get(ENV_SOFFICE, "").strip()
    if chosen.lower() in ("none", "off", "0"):
        return None
    if chosen:
        return chosen if Path(chosen).exists() or shutil.which(chosen) else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _INSTALLED if Path(p).exists()), None)


@cache
def _uno_python(office: str) -> str | None:
    """A Python that can import ``uno``: the one LibreOffice ships, the system's, or our own."""
    chosen = os.environ.get(ENV_PYTHON, "").strip()
    program = Path(office).resolve().parent
    candidates = [chosen] if chosen else []
    candidates += [str(program / "python"), str(program / "python.exe"), "/usr/bin/python3", sys.executable]
    for candidate in candidates:
        if not candidate or not (Path(candidate).exists() or shutil.which(candidate)):
            continue
        try:
            probe = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=20, check=False
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return candidate
    return None


def available() -> bool:
    office = soffice()
    return office is not None and _uno_python(office) is not None


def run_job(job: str, input_path: str | Path, **request: Any) -> dict[str, Any]:
    """Run one job of :mod:`socialpolicy.office_job` on ``input_path``; its answer as a dict."""
    office = soffice()
    if office is None:
        raise OfficeError("LibreOffice is not installed")
    python = _uno_python(office)
    if python is None:
        raise OfficeError("LibreOffice's Python scripting (uno) is not installed")
    with tempfile.TemporaryDirectory(prefix="socialpolicy-office-") as folder:
        profile = Path(folder) / "profile"
        spec = Path(folder) / "request.json"
        timeout = int(request.pop("timeout", JOB_TIMEOUT))
        spec.write_text(
            json.dumps(
                {
                    "job": job,
                    "input": str(Path(input_path).resolve()),
                    "soffice": office,
                    "profile": profile.as_uri(),
                    "timeout": min(timeout, 90),
                    **request,
                }
            ),
            encoding="utf-8",
        )
        script = Path(__file__).with_name("office_job.py")
        try:
            done = subprocess.run(
                [python, str(script), str(spec)], capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice took more than {timeout} seconds") from None
        except OSError as exc:
            raise OfficeError(f"LibreOffice could not be run ({exc.strerror or exc})") from None
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}
    except ValueError:
        answer = {}
    if not answer.get("ok"):
        detail = answer.get("error") or (done.stderr.strip().splitlines() or ["no answer"])[-1]
        raise OfficeError(f"LibreOffice failed: {detail}")
    return answer


# What a Word export says when no layout pass could run (the file is complete; Word fills the numbers in).
NO_LAYOUT = (
    "the contents page has no page numbers yet (LibreOffice is not available to lay the document out); in Word, "
    "right-click the contents and choose Update Field"
)


def fill_layout(document: Any) -> str | None:
    """Fill in what only a layout knows: the contents page's page numbers and the numbers that
    cross-references show. Returns a note for the user when it could not be done (the file is still
    complete: Word adds page numbers when the contents are updated)."""
    from socialpolicy.export import docx_layout

    if not available():
        return NO_LAYOUT
    with tempfile.TemporaryDirectory(prefix="socialpolicy-layout-") as folder:
        draft = Path(folder) / "draft.docx"
        document.save(str(draft))
        try:
            answer = run_job("layout", draft)
        except OfficeError as exc:
            return f"the contents page has no page numbers yet ({exc})"
    docx_layout.apply(document, answer["bookmarks"], int(answer.get("pages") or 0))
    return None


def convert(input_path: str | Path, output: str | Path, filter_name: str, *, update: bool = False) -> None:
    """Save ``input_path`` as ``output`` through LibreOffice (``filter_name``: "writer_pdf_Export",
    "MS Word 2007 XML"...), atomically; ``update`` first updates every field and the contents, as F9
    does in Word. Raises :class:`InputError` naming the output on failure."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    with tempfile.TemporaryDirectory(prefix="socialpolicy-convert-", dir=folder) as work:
        temp = Path(work) / ("out" + target.suffix)
        try:
            run_job("convert", input_path, output=str(temp.resolve()), filter=filter_name, update=update)
        except OfficeError as exc:
            raise InputError(target, str(exc)) from None
        if not temp.exists():
            raise InputError(target, "LibreOffice wrote nothing")
        os.replace(temp, target)
