"""The parser's fast path (markup.plain_blocks: paragraphs and tight lists of plain text, strong runs and links, without running
Python-Markdown) gives exactly what Python-Markdown gives, on every text the templates render and on
generated near misses."""

from __future__ import annotations

import itertools
import json
import random
import xml.etree.ElementTree as ET

import pytest

from socialpolicy import markup, templates
from socialpolicy.assembly import assemble
from socialpolicy.library import Catalog
from socialpolicy.render import render
from tests.conftest import ANSWERS, TEMPLATE_IDS


def _shape(tree: ET.Element) -> list[tuple[str, dict[str, str], str | None, str | None]]:
    return [(e.tag, dict(e.attrib), e.text, e.tail) for e in tree.iter()]


def _same_as_markdown(text: str) -> bool:
    """True when the fast path took ``text``; fails when it took it and differs."""
    text = markup.xml_safe(text)
    fast = markup.plain_blocks(text)
    if fast is None:
        return False
    slow = markup.parse_markdown(text)
    assert (fast.html, fast.text) == (slow.html, slow.text), text
    assert _shape(fast.tree) == _shape(slow.tree), text
    return True


def _rendered_texts() -> list[str]:
    texts: list[str] = []
    catalog = Catalog.default()
    for template_id in TEMPLATE_IDS:
        t = templates.get(template_id)
        for answers_file in sorted((ANSWERS / template_id).glob("*.json")):
            answers = json.loads(answers_file.read_text(encoding="utf-8"))
            doc = render(assemble(t, answers, catalog), catalog, t)
            texts += [b.markdown for _, b in doc.blocks()]
            texts += [s.intro for s in doc.sections if s.intro]
            texts += [d.text for d in doc.definitions]
    return texts


def test_every_rendered_text_the_fast_path_takes_is_what_markdown_makes() -> None:
    texts = _rendered_texts()
    taken = sum(_same_as_markdown(t) for t in texts)
    assert taken > len(texts) // 3  # (it does take most clause texts)


def test_library_texts_the_fast_path_takes_are_what_markdown_makes() -> None:
    bodies = [c.body for lib in Catalog.default().libraries for c in lib.clauses.values()]
    assert len(bodies) > 100
    for body in bodies:  # as written, before variables are filled in
        _same_as_markdown(body)


PIECES = [
    "Word", "two words", "é", "“q”", "‘x’", "don't", "a.", "1.", "1)", "- ", "-", "* ", "+ ", "> ", "#",
    "  ", " ", "\t", "\n", "\n\n", "\n \n", "*", "_", "`", "[a](b)", "<b>", "&amp;", "&", "\\", "|", "===",
    "---", "(a)", "a:", "50%", "\u00a0", "\u2028", "e@x.org", "http://x.org", "{", "~", "!",
    "**", "**b**", "** b**", "**b **", "[s 1](#sec-a)", "[s](#a_b)", "[s](http://x)", "](#a)", "[", "]", "(",
    ")", "1. ", "2. ", "01. ", "1) ", "\u201c", "\u2018", "'", '"', "#a", "# ", "\n- ", "\n1. ", "\n\n- ",
    "\n\n1. ", "\n\n**", "\n[", "Word ", "x", "| ", " |", "|", "\n| --- |", "| a | b |\n| --- | --- |\n",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_generated_near_misses_match_markdown(seed: int) -> None:
    rng = random.Random(seed)
    taken = 0
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        taken += _same_as_markdown(text)
    assert taken > 100  # (the fast path was tried, not only refused)


def test_short_combinations_match_markdown() -> None:
    for a, b, c in itertools.product(
        ["Word", "- Word", "", " Word", "Word "], ["\n", "\n\n"], ["x y", "- z"]
    ):
        _same_as_markdown(a + b + c)
        _same_as_markdown(a + b + c + b + a)


WORDS = [
    "Word",
    "two words",
    "\u201cq\u201d",
    "(a)",
    "x",
    "#t",
    "50%",
    "**b**",
    "[s 1](#sec-a)",
    "don't",
    ":",
    " ",
]


@pytest.mark.parametrize("seed", range(2))
def test_generated_paragraphs_and_lists_match_markdown(seed: int) -> None:
    rng = random.Random(seed)

    def line() -> str:
        return "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))).strip() or "w"

    taken = 0
    for _ in range(3000):
        blocks = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.4:
                blocks.append("\n".join(line() for _ in range(rng.randint(1, 3))))
            elif kind < 0.6:
                blocks.append("\n".join("- " + line() for _ in range(rng.randint(1, 4))))
            elif kind < 0.75:
                columns = rng.randint(1, 3)
                rows = [[rng.choice(["", line()]) for _ in range(columns)] for _ in range(rng.randint(1, 4))]
                rows.insert(1, [rng.choice(["---", "----", ":---", "-"]) for _ in range(columns)])
                if rng.random() < 0.2:
                    rows[-1].append("x")
                blocks.append("\n".join("| " + " | ".join(r) + rng.choice([" |", "|", ""]) for r in rows))
            else:
                start = rng.choice([1, 1, 2])
                blocks.append("\n".join(f"{start + j}. {line()}" for j in range(rng.randint(1, 4))))
        taken += _same_as_markdown(rng.choice(["\n\n", "\n", "\n \n", "\n\n\n"]).join(blocks))
    assert taken > 150
