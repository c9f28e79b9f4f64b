"""A small policy repository: two projects, an old Markdown policy with known risks, and a README."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy.cli import main
from tests.conftest import DATA

# Line 5 holds three NLRA risks (errors); line 9 a monitoring clause without notice (EU and UK rules).
RISKY_MD = """\
# Social media policy

## Rules

Employees must not discuss wages or working conditions on social media. You must never criticise the company.

## Monitoring

We monitor all employee accounts.
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    policies = tmp_path / "policies"
    policies.mkdir()
    # Real answers (a US hospital's): the defaults hold the wizard's sample answers, which the checker reports.
    for template, name in (("social-media-policy", "social"), ("governance-charter", "charter")):
        answers = DATA / "answers" / template / "us-hospital.json"
        assert (
            main(["new", template, "--answers", str(answers), "-o", str(policies / f"{name}.policy.json")])
            == 0
        )
    (policies / "risky.md").write_text(RISKY_MD, encoding="utf-8")
    (policies / "README.md").write_text("# Our policies\n\nThis folder holds them.\n", encoding="utf-8")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    return tmp_path
