"""The learned reading scored in pure Python: learned.json (beside this file) read without numpy or
scikit-learn. The rule ``nlra.resembles-unlawful`` uses it on text as found; ``python -m tools.triage`` lists
what it finds; docs/LEARNED.md says how it was made and measured.

    from socialpolicy.checks import learned
    learned.score("Employees may not discuss their pay.")      # 0..1, flagged at learned.threshold()
    learned.neighbours("Employees may not discuss their pay.")  # the nearest labelled rules

The model (written by ``python -m tools.learned.train``) is a logistic regression over two tf-idf parts, word
1-2-grams and within-word character 2-5-grams (scikit-learn's ``char_wb``), each with sublinear tf and l2
norm. This module computes the same features from the stored idf values and weights: its scores equal
scikit-learn's (learned.json's ``checks`` hold a dozen of them, tests/checks/test_learned.py compares). Text is
read as the checker reads it (``socialpolicy.checks.text.normalise``), then lower-cased.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

from socialpolicy.checks.text import normalise

MODEL_FILE = Path(__file__).with_name("learned.json")

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_SPACES = re.compile(r"\s\s+")  # what char_wb collapses before cutting words

# A gram of the vocabulary: [idf, weight in the logistic regression]
Table = dict[str, list[float]]
# A text's tf-idf part: gram -> value, l2-normalised over the grams the vocabulary knows
Vector = dict[str, float]


def prepared(text: str) -> str:
    """``text`` as the model reads it: the checker's normalisation, lower-cased."""
    return normalise(text).lower()


def word_grams(text: str) -> list[str]:
    """Word 1- and 2-grams of a prepared text."""
    tokens = _TOKEN.findall(text)
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def char_grams(text: str) -> list[str]:
    """Character 2- to 5-grams of each word of a prepared text, the word padded with a space each side."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text).split():
        out.extend(_word_chars(word))
    return out


@lru_cache(maxsize=16384)
def _word_chars(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    size = len(padded)
    out: list[str] = []
    for n in range(2, 6):
        offset = 0
        out.append(padded[offset : offset + n])
        while offset + n < size:
            offset += 1
            out.append(padded[offset : offset + n])
        if offset == 0:  # the padded word is no longer than n: longer grams would repeat it
            break
    return tuple(out)


def vector(grams: Iterable[str], table: Table) -> Vector:
    """The l2-normalised sublinear tf-idf of ``grams`` over the grams ``table`` knows."""
    raw = {g: (1.0 + math.log(tf)) * table[g][0] for g, tf in Counter(grams).items() if g in table}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {g: v / norm for g, v in raw.items()} if norm else {}


@dataclass(frozen=True)
class Labelled:
    """A rule of the corpus the model was trained on, with its Stericycle label and source."""

    id: str
    label: str  # "unlawful" or "lawful"
    source: str  # the source's name, as the corpus gives it
    text: str


class Neighbour(NamedTuple):
    """A labelled rule near a text: how alike (cosine of the tf-idf parts), its label, source and text."""

    similarity: float
    label: str
    source: str
    text: str


class Model:
    def __init__(self, data: dict[str, Any]) -> None:
        self.bias: float = data["bias"]
        self.threshold: float = data["threshold"]
        self.word: Table = data["word"]
        self.char: Table = data["char"]
        self.checks: dict[str, float] = data["checks"]
        sources: dict[str, str] = data["sources"]
        self.rules = tuple(Labelled(r[0], r[1], sources.get(r[2], r[2]), r[3]) for r in data["rules"])
        self._index: dict[str, list[tuple[int, float]]] | None = None
        self._parts: list[int] = []
        self._texts: list[str] = []

    @classmethod
    def load(cls, path: str | Path = MODEL_FILE) -> Model:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def _features(self, text: str) -> tuple[Vector, Vector]:
        t = prepared(text)
        return vector(word_grams(t), self.word), vector(char_grams(t), self.char)

    def score(self, text: str) -> float:
        """The model's probability that ``text`` is a rule the NLRB would hold unlawful (Stericycle)."""
        words, chars = self._features(text)
        z = self.bias
        z += sum(v * self.word[g][1] for g, v in words.items())
        z += sum(v * self.char[g][1] for g, v in chars.items())
        return 1.0 / (1.0 + math.exp(-z))

    def neighbours(self, text: str, k: int = 3) -> list[Neighbour]:
        """The ``k`` labelled rules nearest ``text``: (cosine similarity of the two parts stacked, label,
        source, rule text), most similar first. A rule that reads the same as ``text`` is left out: a rule
        is no evidence for itself."""
        index = self._indexed()
        same = prepared(text)
        words, chars = self._features(text)
        parts = bool(words) + bool(chars)
        if not parts:
            return []
        dots: dict[int, float] = {}
        for prefix, part in (("w", words), ("c", chars)):
            for g, v in part.items():
                for i, w in index.get(prefix + g, ()):
                    dots[i] = dots.get(i, 0.0) + v * w
        ranked = sorted(
            ((dot / math.sqrt(parts * self._parts[i]), i) for i, dot in dots.items() if self._parts[i]),
            key=lambda si: (-si[0], si[1]),
        )
        return [
            Neighbour(s, self.rules[i].label, self.rules[i].source, self.rules[i].text)
            for s, i in ranked
            if self._texts[i] != same
        ][:k]

    def _indexed(self) -> dict[str, list[tuple[int, float]]]:
        """An inverted index of the labelled rules' features (built at the first :meth:`neighbours`)."""
        if self._index is None:
            index: dict[str, list[tuple[int, float]]] = {}
            parts = []
            self._texts = [prepared(rule.text) for rule in self.rules]
            for i, rule in enumerate(self.rules):
                words, chars = self._features(rule.text)
                parts.append(bool(words) + bool(chars))
                for prefix, part in (("w", words), ("c", chars)):
                    for g, v in part.items():
                        index.setdefault(prefix + g, []).append((i, v))
            self._index, self._parts = index, parts
        return self._index


@cache
def model() -> Model:
    """The shipped model (learned.json), loaded once."""
    return Model.load()


def threshold() -> float:
    """The frozen threshold: a sentence scoring at or above it is flagged."""
    return model().threshold


def score(text: str) -> float:
    return model().score(text)


def neighbours(text: str, k: int = 3) -> list[Neighbour]:
    return model().neighbours(text, k)
