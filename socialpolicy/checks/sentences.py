"""Sentence-level legal-risk rules in one place: what one rule sentence, read on its own, risks.

The document rules call the same detectors over every unit of a document; this module lets a
single sentence be judged (the labelled test set, the clause editor's live hints).
"""

from __future__ import annotations

from collections.abc import Callable

from socialpolicy.checks import RULES, endorsements, jurisdiction, load_rules, nlra

DETECTORS: dict[str, Callable[[str], bool]] = {
    "nlra.disparagement": nlra.disparagement,
    "nlra.civility": nlra.civility,
    "nlra.confidential-broad": nlra.confidential_broad,
    "nlra.confidential-undefined": lambda s: nlra.confidential_undefined(s, defined=False),
    "nlra.confidential-pay": nlra.confidential_pay,
    "nlra.prior-approval": nlra.prior_approval,
    "nlra.logos": nlra.logos,
    "nlra.photography": nlra.photography,
    "nlra.media-contact": lambda s: nlra.media_contact(s) is not None,
    "nlra.legal-matters": nlra.legal_matters,
    "nlra.report-colleagues": nlra.report_colleagues,
    "nlra.disclaimer-every-post": nlra.disclaimer_everywhere,
    "nlra.savings-clause": nlra.generic_savings,
    "endorsements.bio-only": endorsements.bio_only,
    "jurisdiction.password-request": jurisdiction.password_request,
    "jurisdiction.consent-basis": jurisdiction.consent_relied_on,
}


def classify(sentence: str, standard: str = "stericycle") -> list[str]:
    """Ids of the rules that flag ``sentence`` under ``standard`` (rules silent under it are left out)."""
    load_rules()
    found = []
    for rule_id, detect in DETECTORS.items():
        r = RULES[rule_id]
        if standard in r.under and r.under[standard] is None:
            continue
        if detect(sentence):
            found.append(rule_id)
    return found
