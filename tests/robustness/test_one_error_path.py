"""One error path and inert output: whatever goes wrong is one line and exit 2 (a bug is logged, not
printed as a traceback); text from libraries and projects cannot act on the terminal; exports run
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialpolicy import cli, logs
from socialpolicy.cli import json_safe, main, terminal_safe
from socialpolicy.export.markdown import inert
from tests.robustness.make_corpus import LIBRARY, PROJECT
from tests.robustness.test_hostile import import_hostile


def test_an_unexpected_error_is_logged_and_one_line_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.policy.json"
    project.write_text(json.dumps(PROJECT), encoding="utf-8")

    def broken(args: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setitem(cli.HANDLERS, "check", broken)
    assert main(["check", str(project)]) == 2  # not 1, which a CI gate reads as "found errors"
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith(f"socialpolicy: {project}: unexpected error (KeyError: 'a bug')")
    assert f"the details are in {logs.log_path()}" in captured.err
    log = logs.log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "KeyError: 'a bug'" in log and "socialpolicy check" in log


def test_a_recursion_error_is_reported_as_nesting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def deep(args: object) -> int:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(cli.HANDLERS, "import", deep)
    assert main(["import", "x.md", "-o", str(tmp_path / "o.policy.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("socialpolicy: x.md: the input is nested too deeply to be processed")


def test_terminal_controls_in_clause_text_are_shown_not_obeyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = (
        "Red \x1b[31mtext\x1b[0m, a title \x1b]0;pwned\x07, erase \x1b[2J, C1 \x9b31m, bidi \u202egnp.exe"
    )
    data = json.loads(json.dumps(LIBRARY))
    data["clauses"][0]["body"] = hostile
    data["clauses"][0]["rationale"] = "Why \x08\x08\x08 it matters."
    lib = tmp_path / "acme.clauses.json"
    lib.write_text(json.dumps(data), encoding="utf-8")
    assert main(["library", "show", "acme.purpose", "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\x08"):
        assert raw not in out
    assert "Red \\x1b[31mtext\\x1b[0m" in out and "\\u202egnp.exe" in out and "Why \\x08\\x08\\x08" in out
    assert main(["library", "show", "acme.purpose", "--format", "json", "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\u202e" not in out and json.loads(out)["body"] == hostile

    project = tmp_path / "p.policy.json"
    data = json.loads(json.dumps(PROJECT))
    data["custom_clauses"][0]["title"] = "Title \x1b[8m hidden"
    project.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(project)]) in (0, 1)
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Title \\x1b[8m hidden" in out


def test_file_names_with_controls_are_escaped_in_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "\x1b[2Jmissing.policy.json"
    assert main(["check", str(name)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2Jmissing.policy.json: file not found" in err


def test_the_escapes_keep_the_text_and_its_data() -> None:
    assert terminal_safe("tab\tand\nnew line\r\n") == "tab\tand\nnew line\n"
    assert terminal_safe("\x00\x7f\x85\u2066") == "\\x00\\x7f\\x85\\u2066"
    data = {"t": "\x9b\u202e\x1b"}
    assert json.loads(json_safe(json.dumps(data, ensure_ascii=False))) == data


def _links(markdown: str) -> list[str]:
    import markdown as python_markdown

    html = python_markdown.markdown(markdown)  # a renderer with raw HTML on, as on many intranets
    from tests.robustness.test_hostile import live_script

    return live_script(html)


def test_markdown_export_is_inert_in_a_renderer_that_allows_raw_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = import_hostile(tmp_path, capsys)
    data = json.loads(project.read_text(encoding="utf-8"))
    data["metadata"]["title"] = "<img src=x onerror=alert(5)> Policy"
    data["custom_clauses"][0]["title"] = "<script>alert(6)</script>"
    project.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "p.md"
    assert main(["export", str(project), "--format", "md", "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<img" not in text.lower() and "<iframe" not in text.lower()
    assert "](javascript:" not in text and "&lt;script>alert(" in text
    assert _links(text) == []
    # Unchanged: ordinary links and addresses.
    assert inert("[a](https://example.org) <https://example.org/x> [b](page.html) [c](#sec)") == (
        "[a](https://example.org) <https://example.org/x> [b](page.html) [c](#sec)"
    )


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x]( <java\tscript:alert(1)> )",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;ava&Tab;script&colon;alert(1))",
        "[x](javascript\\:alert(1))",
        "[x](&#32;javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
    ],
)
def test_dangerous_link_schemes_are_neutralised_however_written(link: str) -> None:
    assert _links(inert(link)) == []
