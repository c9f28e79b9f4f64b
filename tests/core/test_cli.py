"""The command-line contract of DESIGN.md: commands, output shapes and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from socialpolicy.cli import main
from tests.conftest import ROOT, TEMPLATE_IDS, digest


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert [t["id"] for t in items] == list(TEMPLATE_IDS)
    assert all(set(t) == {"id", "title", "version", "description"} and t["description"] for t in items)


def test_questions_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions", "governance-charter", "--format", "json")
    assert code == 0
    ids = [q["id"] for q in json.loads(out)]
    assert ids[0] == "organisation_name" and "jurisdictions" in ids and len(ids) == len(set(ids))


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_new_check_export_from_defaults(
    template_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.policy.json"
    assert run(capsys, "new", template_id, "--defaults", "-o", str(project))[0] == 0
    code, out, _ = run(capsys, "check", str(project), "--format", "json")
    report = json.loads(out)
    assert set(report) >= {"input", "findings", "counts", "coverage"}
    assert set(report["counts"]) >= {"error", "warning", "info"}
    # The defaults are the wizard's sample answers: the only errors are the samples left in, and check says so.
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors and {f["rule"] for f in errors} == {"structure.sample-answer"} and code == 1, errors
    assert any("Example Organisation Ltd" in f["message"] for f in errors)
    assert report["coverage"]["missing"] == [] and report["coverage"]["covered"]
    for f in report["findings"]:
        assert set(f) >= {"rule", "severity", "message", "section", "clause", "excerpt", "citation"}
    md = tmp_path / "p.md"
    assert run(capsys, "export", str(project), "--format", "md", "-o", str(md))[0] == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ") and "{{" not in text and "{%" not in text
    html = tmp_path / "p.html"
    assert run(capsys, "export", str(project), "--format", "html", "-o", str(html))[0] == 0
    assert '<h2 id="sec-' in html.read_text(encoding="utf-8")
    # Round trip through import keeps every heading.
    back = tmp_path / "back.policy.json"
    assert run(capsys, "import", str(md), "-o", str(back))[0] == 0
    md2 = tmp_path / "back.md"
    assert run(capsys, "export", str(back), "--format", "md", "-o", str(md2))[0] == 0
    strip = lambda s: [line.split(" {#")[0] for line in s.splitlines() if line.startswith("#")]  # noqa: E731
    assert strip(md2.read_text(encoding="utf-8")) == strip(text)


def _library(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "evil.clauses.json"
    path.write_text(
        json.dumps(
            {
                "format": "socialpolicy.clauses",
                "format_version": 1,
                "library": {"id": "evil", "title": "Evil", "version": "1"},
                "clauses": [
                    {"id": "x", "version": 1, "title": "X", "topic": "t", "body": body, "rationale": "r"}
                ],
            }
        )
    )
    return path


BAD_PROJECTS = {
    "not-json": "this is not json {",
    "wrong-type": json.dumps(
        {
            "format": "socialpolicy.project",
            "format_version": 1,
            "template": {"id": "x", "version": "1"},
            "metadata": {"title": 5},
            "answers": {},
            "sections": [],
        }
    ),
    "newer": json.dumps({"format": "socialpolicy.project", "format_version": 7}),
    "unknown-clause": json.dumps(
        {
            "format": "socialpolicy.project",
            "format_version": 1,
            "template": {"id": "social-media-policy", "version": "1"},
            "metadata": {"title": "t"},
            "answers": {},
            "sections": [{"id": "a", "title": "A", "clauses": [{"clause": "no.such.clause"}]}],
        }
    ),
    "sandbox-escape": json.dumps(
        {
            "format": "socialpolicy.project",
            "format_version": 1,
            "template": {"id": "imported", "version": "1"},
            "metadata": {"title": "t"},
            "answers": {},
            "sections": [{"id": "a", "title": "A", "clauses": [{"clause": "c", "library": "project"}]}],
            "custom_clauses": [
                {
                    "id": "c",
                    "version": 1,
                    "title": "C",
                    "topic": "t",
                    "rationale": "r",
                    "body": "{{ ''.__class__.__mro__ }}",
                }
            ],
        }
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_PROJECTS))
@pytest.mark.parametrize("command", ["check", "export"])
def test_malformed_projects_exit_2_with_one_line(
    name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.policy.json"
    path.write_text(BAD_PROJECTS[name], encoding="utf-8")
    before = digest(path)
    args = [command, str(path)] + (
        ["--format", "md", "-o", str(tmp_path / "o.md")] if command == "export" else []
    )
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert digest(path) == before
    assert not (tmp_path / "o.md").exists()


def test_unknown_template_and_bad_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "no-such-template", "--defaults", "-o", str(tmp_path / "x.policy.json"))
    assert code == 2 and "unknown template" in err
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"jurisdictions": "us"}))
    code, _, err = run(
        capsys, "new", "social-media-policy", "--answers", str(answers), "-o", str(tmp_path / "x.policy.json")
    )
    assert code == 2 and "/jurisdictions" in err and "expected a list" in err
    answers.write_text(json.dumps({"no_such_question": 1}))
    code, _, err = run(
        capsys, "new", "social-media-policy", "--answers", str(answers), "-o", str(tmp_path / "x.policy.json")
    )
    assert code == 2 and "no question 'no_such_question'" in err
    assert not (tmp_path / "x.policy.json").exists()


def test_library_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "library", "validate", str(ROOT / "templates" / "library"))
    assert code == 0 and out.count(": ok") == len(
        list((ROOT / "templates" / "library").glob("*.clauses.json"))
    )
    bad = _library(tmp_path, "{% for a in x %}{% for b in y %}{% endfor %}{% endfor %}")
    code, _, err = run(capsys, "library", "validate", str(bad))
    assert code == 2 and "evil.clauses.json" in err and "/clauses/0/body" in err
    syntax = _library(tmp_path, "{{ unclosed")
    code, _, err = run(capsys, "library", "validate", str(syntax))
    assert code == 2 and "template syntax error" in err


def test_output_never_overwrites_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.policy.json"
    assert run(capsys, "new", "social-media-policy", "--defaults", "-o", str(project))[0] == 0
    before = digest(project)
    code, _, err = run(capsys, "export", str(project), "--format", "md", "-o", str(project))
    assert code == 2 and "overwrite the input" in err and digest(project) == before


def test_bad_arguments_exit_2_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "socialpolicy", "check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_library_list_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = tmp_path / "org.clauses.json"
    org.write_text(
        json.dumps(
            {
                "format": "socialpolicy.clauses",
                "format_version": 1,
                "library": {"id": "acme", "title": "Acme legal", "version": "3", "publisher": "Acme Legal"},
                "clauses": [
                    {
                        "id": "acme.hello",
                        "version": 2,
                        "title": "Hello",
                        "topic": "purpose-scope",
                        "body": "Hi.",
                        "rationale": "Because.",
                        "change_note": "Shorter.",
                        "history": [{"version": 1, "body": "Hello there."}],
                    }
                ],
            }
        )
    )
    code, out, _ = run(capsys, "library", "list", "--format", "json", "--library", str(org))
    items = {i["id"]: i for i in json.loads(out)}
    assert code == 0 and items["acme"]["clauses"] == 1 and items["builtin"]["clauses"] >= 120
    code, out, _ = run(capsys, "library", "show", "acme:acme.hello", "--library", str(org))
    assert (
        code == 0 and "acme:acme.hello version 2: Hello" in out and "Earlier version 1: Shorter." not in out
    )
    assert "Earlier version 1" in out
    code, out, _ = run(capsys, "library", "show", "acme", "--format", "json", "--library", str(org))
    assert code == 0 and json.loads(out)["clauses"][0]["id"] == "acme.hello"
    code, _, err = run(capsys, "library", "show", "nothing-here")
    assert code == 2 and "no library or clause 'nothing-here'" in err


def test_export_reference_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.policy.json"
    assert run(capsys, "new", "governance-charter", "--defaults", "-o", str(project))[0] == 0
    bad = tmp_path / "styles.docx"
    bad.write_text("not a docx")
    code, _, err = run(
        capsys,
        "export",
        str(project),
        "--format",
        "docx",
        "--reference",
        str(bad),
        "-o",
        str(tmp_path / "o.docx"),
    )
    assert code == 2 and "styles.docx" in err and not (tmp_path / "o.docx").exists()
    code, _, err = run(
        capsys,
        "export",
        str(project),
        "--format",
        "md",
        "--reference",
        str(bad),
        "-o",
        str(tmp_path / "o.md"),
    )
    assert code == 2 and "only to --format docx" in err
    reference = ROOT / "resources" / "reference.docx"
    code, _, _ = run(
        capsys,
        "export",
        str(project),
        "--format",
        "docx",
        "--reference",
        str(reference),
        "-o",
        str(tmp_path / "o.docx"),
    )
    assert code == 0 and (tmp_path / "o.docx").stat().st_size > 10_000


def test_libraries_named_in_settings_are_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from socialpolicy import settings

    folder = ROOT / "docs" / "examples"
    settings.save(settings.Settings(library_paths=[str(folder)]))
    code, out, _ = run(capsys, "library", "list", "--format", "json")
    assert code == 0 and "acme-legal" in [item["id"] for item in json.loads(out)]


def test_check_reports_gaps_in_the_numbers_of_a_word_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Social media policy", 0)
    for heading, text in (
        ("1. Scope", "This policy covers everyone who works for us."),
        ("2. Personal use", "You may use social media in your breaks."),
        ("5. Monitoring", "We do not monitor personal accounts."),
    ):
        word.add_heading(heading, 1)
        word.add_paragraph(text)
    path = tmp_path / "policy.docx"
    word.save(str(path))
    main(["check", str(path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    gaps = [f for f in findings if f["rule"] == "structure.numbering-gap"]
    assert [f["message"] for f in gaps] == ["Heading 5 ('Monitoring') skips 3 to 4."]
    assert gaps[0]["section"] == "3. Monitoring"
