"""The pieces US spelling leaves alone, with and without an email address in the text (without an "@" the
words are not read for one)."""

from __future__ import annotations

from socialpolicy import spelling


def test_an_email_address_is_kept_and_the_words_around_it_respelt() -> None:
    text = "Write to the organisation at colour.team@example.org about the colour scheme."
    assert spelling.convert(text, "us") == (
        "Write to the organization at colour.team@example.org about the color scheme."
    )
    spans = list(spelling.protected_spans(text))
    assert [text[a:b] for a, b in spans] == ["colour.team@example.org"]


def test_without_an_at_sign_only_tags_code_links_names_and_addresses_are_kept() -> None:
    text = "The {{ colour }} `colour` [colour](#colour) https://colour.example/colour Labour Party colour."
    kept = [text[a:b] for a, b in spelling.protected_spans(text)]
    assert kept == ["{{ colour }}", "`colour`", "](#colour)", "https://colour.example/colour", "Labour Party"]
    assert spelling.convert(text, "us").endswith("Labour Party color.")
