from socialpolicy import markup


def test_raw_html_is_shown_as_text_and_links_are_sanitised() -> None:
    m = markup.parse(
        'Hi <script>alert(1)</script> <b onclick="x">b</b> [bad](javascript:alert(1)) [ok](#sec-a) ![i](http://x/y.png)'
    )
    assert "<script>" not in m.html and "&lt;script&gt;" in m.html
    assert "onclick" not in m.html.replace("&quot;", '"').split("&lt;b")[0]
    assert 'href="javascript' not in m.html
    assert '<a href="#sec-a">ok</a>' in m.html
    assert "<img" not in m.html


def test_structure_and_plain_text() -> None:
    m = markup.parse("Intro **bold**.\n\n- one\n- *two*\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert [child.tag for child in m.tree] == ["p", "ul", "table"]
    assert m.text.splitlines() == ["Intro bold.", "one", "two", "a | b", "1 | 2"]
