"""Sentence-level legal-risk rules in one place: what one rule sentence, read on its own, risks.

The document rules run the same registered detectors (with the same keyword filters and caches)
over every unit of a document; this module lets a single sentence be judged, for the labelled
test set and for live hints in the clause editor.
"""

from __future__ import annotations

from collections.abc import Hashable

from socialpolicy.checks import RULES, endorsements, jurisdiction, load_rules, nlra  # noqa: F401 (registers detectors)
from socialpolicy.checks.text import hits

# rule id -> (detector key, the argument a document would give it)
DETECTORS: dict[str, tuple[str, Hashable]] = {
    "nlra.disparagement": ("nlra.disparagement", ()),
    "nlra.civility": ("nlra.civility", None),
    "nlra.confidential-broad": ("nlra.confidential-broad", None),
    "nlra.confidential-undefined": ("nlra.confidential-undefined", False),
    "nlra.confidential-pay": ("nlra.confidential-pay", None),
    "nlra.prior-approval": ("nlra.prior-approval", None),
    "nlra.logos": ("nlra.logos", None),
    "nlra.photography": ("nlra.photography", None),
    "nlra.media-contact": ("nlra.media-contact", None),
    "nlra.legal-matters": ("nlra.legal-matters", None),
    "nlra.report-colleagues": ("nlra.report-colleagues", None),
    "nlra.disclaimer-every-post": ("nlra.disclaimer-every-post", None),
    "nlra.savings-clause": ("nlra.savings-clause", None),
    "endorsements.bio-only": ("endorsements.bio-only", None),
    "jurisdiction.password-request": ("jurisdiction.password-request", None),
    "jurisdiction.consent-basis": ("jurisdiction.consent-basis", None),
}


def classify(sentence: str, standard: str = "stericycle") -> list[str]:
    """Ids of the rules that flag ``sentence`` under ``standard`` (rules silent under it are left out)."""
    load_rules()
    found = []
    for rule_id, (key, arg) in DETECTORS.items():
        r = RULES[rule_id]
        if standard in r.under and r.under[standard] is None:
            continue
        if hits(key, sentence, arg):
            found.append(rule_id)
    return found
