"""The core must never load Qt: import every module outside socialpolicy/gui in a fresh interpreter."""

import subprocess
import sys

from tests.conftest import ROOT


def test_core_modules_do_not_import_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "socialpolicy").rglob("*.py")
        # office_job.py is a script for LibreOffice's own Python (it imports uno), not a module of ours.
        if "gui" not in p.relative_to(ROOT).parts and p.name not in ("__main__.py", "office_job.py")
    )
    assert "socialpolicy.cli" in modules and "socialpolicy.render" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import socialpolicy.checks as c; c.load_rules()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "", f"Qt loaded by the core: {result.stdout}"
