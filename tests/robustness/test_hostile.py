"""Hostile input that is nevertheless valid: it must be shown as written, and never run.

Answers and imported text are data, not templates; raw HTML and script in Markdown never become
live markup in the HTML export.
"""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from socialpolicy import sandbox
from socialpolicy.cli import main
from socialpolicy.typography import plain_quotes
from tests.conftest import ANSWERS

INJECTION = "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %} {{ ''.__class__ }}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class _LiveMarkup(HTMLParser):
    """Collects what a browser would run or fetch: script-like elements, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        harmless = tag in ("meta", "link") and all(
            n in ("charset", "name", "content", "rel", "href")
            and not (v or "").startswith(("http:", "https:", "//"))
            for n, v in attrs
        )
        if (
            tag in ("script", "iframe", "object", "embed", "img", "link", "meta", "base", "form")
            and not harmless
        ):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:")
            ):
                self.found.append(f"{tag} {name}={value}")


def live_script(html: str) -> list[str]:
    """Tags or attributes in exported HTML that a browser would run, or fetch from elsewhere."""
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def test_answers_are_data_never_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = json.loads((ANSWERS / "governance-charter" / "uk-charity.json").read_text(encoding="utf-8"))
    answers["organisation_name"] = "Acme {{ 7*7 }} Ltd"
    answers["org_short"] = "{{ ''.__class__.__mro__ }}"
    answers["working_hours"] = "{% for x in range(3) %}loop{% endfor %}"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    project = tmp_path / "p.policy.json"
    assert run(capsys, "new", "governance-charter", "--answers", str(path), "-o", str(project))[0] == 0
    for fmt in ("md", "html"):
        out = tmp_path / f"p.{fmt}"
        assert run(capsys, "export", str(project), "--format", fmt, "-o", str(out))[0] == 0
        text = out.read_text(encoding="utf-8")
        if fmt == "html":
            text = text.replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", '"')
        text = plain_quotes(
            text
        )  # exports set quotes typographically; the attack text is still shown as text
        assert "Acme {{ 7*7 }} Ltd" in text and "Acme 49 Ltd" not in text
        assert "{{ ''.__class__.__mro__ }}" in text and "<class" not in text
        assert "looplooploop" not in text


def test_imported_markdown_is_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "policy.md"
    md.write_text(
        f"# Policy {{{{ 6*7 }}}}\n\n## Scope\n\n### Templates\n\n{INJECTION}\n\n"
        "## Definitions\n\n**Code** means text such as {{ 1+1 }}.\n",
        encoding="utf-8",
    )
    project = tmp_path / "p.policy.json"
    assert run(capsys, "import", str(md), "-o", str(project))[0] == 0
    out = tmp_path / "p.md"
    assert run(capsys, "export", str(project), "--format", "md", "-o", str(out))[0] == 0
    text = plain_quotes(out.read_text(encoding="utf-8"))
    assert INJECTION in text and "looplooploop" not in text and "<class" not in text
    assert "{{ 1+1 }}" in text
    # Exported again, imported again: still literal, and not escaped twice.
    back = tmp_path / "back.policy.json"
    assert run(capsys, "import", str(out), "-o", str(back))[0] == 0
    out2 = tmp_path / "back.md"
    assert run(capsys, "export", str(back), "--format", "md", "-o", str(out2))[0] == 0
    assert INJECTION in plain_quotes(out2.read_text(encoding="utf-8"))


def test_imported_word_text_is_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    doc = docx.Document()
    doc.add_heading("Policy", 0)
    doc.add_heading("Scope", 1)
    doc.add_paragraph("Totals such as {{ 7*7 }} are shown as typed.")
    path = tmp_path / "policy.docx"
    doc.save(str(path))
    project = tmp_path / "p.policy.json"
    assert run(capsys, "import", str(path), "-o", str(project))[0] == 0
    out = tmp_path / "p.md"
    assert run(capsys, "export", str(project), "--format", "md", "-o", str(out))[0] == 0
    assert "{{ 7\\*7 }}" in out.read_text(encoding="utf-8") or "{{ 7*7 }}" in out.read_text(encoding="utf-8")


HOSTILE_MD = """# Policy

## Scope

<script>alert('boo')</script>

Click <a href="javascript:alert(1)" onclick="alert(2)">here</a> or [there](javascript:alert(3)).

<img src=x onerror=alert(4)> ![pic](http://tracker.invalid/pixel.png)

<iframe src="http://evil.invalid"></iframe><object data="x.swf"></object>

<SCRIPT SRC=//evil.invalid/x.js></SCRIPT>
"""


def import_hostile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """HOSTILE_MD imported as a project; its path."""
    md = tmp_path / "hostile.md"
    md.write_text(HOSTILE_MD, encoding="utf-8")
    project = tmp_path / "p.policy.json"
    assert run(capsys, "import", str(md), "-o", str(project))[0] == 0
    return project


def test_raw_html_and_script_never_become_live_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = import_hostile(tmp_path, capsys)
    html_out = tmp_path / "p.html"
    assert run(capsys, "export", str(project), "--format", "html", "-o", str(html_out))[0] == 0
    html = html_out.read_text(encoding="utf-8")
    assert live_script(html) == []
    assert "&lt;script&gt;" in html  # shown as text, so the reader sees what was there
    assert "tracker.invalid" not in html  # images become their alt text: no network requests
    # The same text in a clause body of a hand-written project.
    body = HOSTILE_MD.split("## Scope", 1)[1]
    data = json.loads(project.read_text(encoding="utf-8"))
    data["custom_clauses"][0]["body"] = sandbox.literal(body)
    project.write_text(json.dumps(data), encoding="utf-8")
    assert run(capsys, "export", str(project), "--format", "html", "-o", str(html_out))[0] == 0
    assert live_script(html_out.read_text(encoding="utf-8")) == []


def test_script_in_titles_and_answers_is_escaped_in_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = tmp_path / "t.md"
    md.write_text(
        "# <script>alert(1)</script> Policy\n\n## <b onmouseover=alert(2)>Scope</b>\n\n"
        "### <img src=x onerror=alert(3)>\n\nText.\n",
        encoding="utf-8",
    )
    project = tmp_path / "p.policy.json"
    assert run(capsys, "import", str(md), "-o", str(project))[0] == 0
    out = tmp_path / "p.html"
    assert run(capsys, "export", str(project), "--format", "html", "-o", str(out))[0] == 0
    assert live_script(out.read_text(encoding="utf-8")) == []


def test_docx_export_has_no_external_targets_from_hostile_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("socialpolicy.export.docx", reason="the Word exporter is not built yet")
    project = import_hostile(tmp_path, capsys)
    out = tmp_path / "p.docx"
    assert run(capsys, "export", str(project), "--format", "docx", "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as archive:
        rels = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".rels"))
    targets = [t.lower() for t in re.findall(r'Target="([^"]*)"', rels)]
    assert not [
        t
        for t in targets
        if t.startswith(("javascript:", "data:")) or "tracker.invalid" in t or "evil.invalid" in t
    ], targets


def test_the_live_markup_detector_sees_what_it_should() -> None:
    assert live_script('<p onclick="x">a</p>') == ["p onclick="]
    assert live_script("<SCRIPT>x</SCRIPT>") == ["<script>"]
    assert live_script('<a href=" JavaScript:alert(1)">a</a>') == ["a href= JavaScript:alert(1)"]
    assert live_script("<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=x</p>") == []
