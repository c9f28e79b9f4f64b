"""The pieces US spelling leaves alone, with and without an email address in the text (without an "@" the
words are not read for one)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


_PIECES = (
    "'",
    "''",
    " ",
    "-",
    "\u0130",
    "\u00df",
    "\u212a",
    "\u017f",
    "x",
    "1",
    "\n",
    ".",
    "\u00e9",
    "'s",
    "s'",
)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["colour", "organisation", "color", "organization", "don't", "analyse", "a"]
            ).flatmap(lambda w: st.sampled_from([w, w.upper(), w.capitalize(), w.swapcase()])),
            st.sampled_from(_PIECES),
        ),
        max_size=10,
    ),
    st.sampled_from(["us", "uk"]),
)
def test_respelling_finds_the_words_that_a_substitution_over_every_word_respells(
    parts: list[str], variant: str
) -> None:
    piece = "".join(parts)
    table = spelling.uk_to_us() if variant == "us" else spelling.us_to_uk()
    assert spelling._respelled(piece, table) == spelling._WORD.sub(spelling._converter(table), piece)


def test_respelling_agrees_with_a_substitution_over_every_word_on_the_library() -> None:
    from socialpolicy.library import Catalog

    for clause in Catalog.default():
        for text in (clause.body, clause.title, clause.rationale):
            for table in (spelling.uk_to_us(), spelling.us_to_uk()):
                assert spelling._respelled(text, table) == spelling._WORD.sub(
                    spelling._converter(table), text
                )
