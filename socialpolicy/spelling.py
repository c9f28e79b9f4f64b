"""UK and US spelling: clauses are written in UK English and converted word by word.

The word lists come from ``breame``; a few legal-drafting words are corrected here because a
word-for-word swap gets them wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

# Words the lists convert that must stay as they are in both variants, or convert differently.
_KEEP = {
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "enquire": "inquire",
    "authorisation": "authorization",
    "authorisations": "authorizations",
    "anonymise": "anonymize",
    "anonymised": "anonymized",
    "anonymising": "anonymizing",
    "pseudonymise": "pseudonymize",
    "pseudonymised": "pseudonymized",
}
_NEVER = {
    "program",
    "programs",
    "disc",
    "discs",
    "check",
    "checks",
    "tire",
    "tires",
    "story",
    "stories",
    "meter",
    "meters",
    "draft",
    "drafts",
    "license",
    "connection",
    "connections",
}

# Names of bodies, laws and places keep their own spelling in both variants (shared with the checker).
PROPER_NAMES = (
    r"National Labor Relations (?:Act|Board)|Department of Labor|Labor Code|Labour Party|"
    r"Labour Relations Agency|Ministry of Defen[cs]e|Cent(?:er|re) for [A-Z]\w+|[A-Z]\w+ (?:Center|Centre)|"
    r"Federal Trade Commission|Pearl Harbor|World Health Organization"
)
_PROTECTED = re.compile(
    rf"(\b(?:{PROPER_NAMES})\b|\{{\{{.*?\}}\}}|\{{%.*?%\}}|\{{#.*?#\}}|`[^`]*`|\]\([^)]*\)|"
    r"https?://\S+|\S+@\S+)",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@cache
def uk_to_us() -> dict[str, str]:
    table = {uk: us for uk, us in BRITISH_ENGLISH_SPELLINGS.items() if uk not in _NEVER and uk != us}
    table.update(_KEEP)
    return table


@cache
def us_to_uk() -> dict[str, str]:
    table = {us: uk for us, uk in AMERICAN_ENGLISH_SPELLINGS.items() if us not in _NEVER and us != uk}
    for us in _KEEP.values():
        table.pop(us, None)
    return table


def _match_case(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _converter(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = table.get(word.lower())
        return _match_case(word, new) if new else word

    return swap


def convert(text: str, variant: str) -> str:
    """Spell ``text`` in ``variant`` (``us`` or ``uk``). Link targets and code are left alone."""
    if variant not in ("us", "uk"):
        return text
    table = uk_to_us() if variant == "us" else us_to_uk()
    swap = _converter(table)
    # Keep names of bodies and laws, template tags, URLs, inline code and link targets untouched.
    pieces = _PROTECTED.split(text)
    return "".join(p if i % 2 else _WORD.sub(swap, p) for i, p in enumerate(pieces))
