"""Sentence-level legal-risk rules in one place: what one rule sentence, read on its own, risks.

A sentence is judged by checking it as the whole text of a policy (the same rules, readings and
severities as a document gets); for the labelled test set and for live hints in the clause editor.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache

from socialpolicy.checks import Options, endorsements, jurisdiction, load_rules, nlra, run  # noqa: F401 (registers detectors)
from socialpolicy.document import Document

# rule id -> (detector key, the argument a document would give it)
DETECTORS: dict[str, tuple[str, Hashable]] = {
    "nlra.disparagement": ("nlra.disparagement", ()),
    "nlra.civility": ("nlra.civility", None),
    "nlra.confidential-broad": ("nlra.confidential-broad", None),
    "nlra.confidential-undefined": ("nlra.confidential-undefined", ""),
    "nlra.confidential-pay": ("nlra.confidential-pay", None),
    "nlra.prior-approval": ("nlra.prior-approval", None),
    "nlra.logos": ("nlra.logos", None),
    "nlra.photography": ("nlra.photography", None),
    "nlra.media-contact": ("nlra.media-contact", None),
    "nlra.legal-matters": ("nlra.legal-matters", None),
    "nlra.walkout": ("nlra.walkout", None),
    "nlra.company-interests": ("nlra.company-interests", None),
    "nlra.report-colleagues": ("nlra.report-colleagues", None),
    "nlra.disclaimer-every-post": ("nlra.disclaimer-every-post", None),
    "nlra.savings-clause": ("nlra.savings-clause", None),
    "nlra.accuracy": ("nlra.accuracy", None),
    "nlra.working-time": ("nlra.working-time", None),
    "nlra.investigation-confidentiality": ("nlra.investigation-confidentiality", None),
    "nlra.contact-coworkers": ("nlra.contact-coworkers", None),
    "nlra.restricted-audience": ("nlra.restricted-audience", None),
    "endorsements.bio-only": ("endorsements.bio-only", None),
    "jurisdiction.password-request": ("jurisdiction.password-request", None),
    "jurisdiction.consent-basis": ("jurisdiction.consent-basis", None),
}


def classify(sentence: str, standard: str = "stericycle") -> list[str]:
    """Ids of the rules that flag ``sentence`` as a warning or an error under ``standard``: the sentence is
    checked as the whole text of a policy found as written, with every jurisdiction's rules."""
    load_rules()
    doc = _as_document(sentence)
    report = run(doc, Options(jurisdictions=("us", "uk", "eu"), standard=standard))
    return [
        rule_id
        for rule_id in DETECTORS
        if any(f.rule == rule_id and f.severity in ("error", "warning") for f in report.findings)
    ]


@lru_cache(maxsize=4096)
def _as_document(sentence: str) -> Document:
    from socialpolicy.importers.markdown import project_from_markdown
    from socialpolicy.library import Catalog
    from socialpolicy.workspace import document_as_found

    markdown = f"# Policy\n\n## Rules\n\n### Rule\n\n{sentence}\n"
    return document_as_found(
        project_from_markdown(markdown, "rule.md"), markdown, Catalog([]), "rule.md", "markdown"
    )
