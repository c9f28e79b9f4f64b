"""The library's law: every clause applies exactly where its law does, reads right in every fixture, and
passes the library's own checker."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from socialpolicy import checks, templates
from socialpolicy.assembly import assemble
from socialpolicy.document import Document
from socialpolicy.library import Catalog, builtin
from socialpolicy.model import Clause, ClauseRef, Project, ProjectSection
from socialpolicy.render import render
from tests.conftest import ROOT, TEMPLATE_IDS, fixtures_for
from tests.core import answer_space as space

PREFIX = {"social-media-policy": "smp.", "internal-collaboration": "icg.", "governance-charter": "gov."}
SECTORS = ("general", "finance", "healthcare", "public")


def _clauses(template_id: str) -> list[Clause]:
    return [c for c in builtin() if c.id.startswith(PREFIX[template_id])]


space.register_conditions(builtin())


@cache
def _documents(template_id: str) -> tuple[tuple[str, dict, Document], ...]:
    template = templates.get(template_id)
    catalog = Catalog.default()
    out = []
    for path in fixtures_for(template_id):
        answers = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem, answers, render(assemble(template, answers, catalog), catalog, template)))
    return tuple(out)


def _text(doc: Document) -> str:
    parts = [f"{b.title}\n{b.text}" for _, b in doc.blocks()]
    parts += [f"{d.term} means {d.text}" for d in doc.definitions]
    return "\n".join(parts)


# --------------------------------------------------------------------------- tags and conditions


def _reach(template_id: str, clause: Clause, *, own: bool = False) -> list[dict]:
    return list(_reach_cached(template_id, clause.id, own))


@cache
def _reach_cached(template_id: str, clause_id: str, own: bool) -> tuple[dict, ...]:
    clause = next(c for c in builtin() if c.id == clause_id)
    return tuple(_walk(template_id, clause, own=own))


def _walk(template_id: str, clause: Clause, *, own: bool = False) -> list[dict]:
    """Every assignment of the answers that decide the clause's reach under which it is in the document
    (with ``own``: under which its own condition and its section's hold, whatever the slot chooses)."""
    template = templates.get(template_id)
    names = space.relevant_names(template, clause) | {"jurisdictions", "sector", "listed"}
    found = []
    for assignment in space.assignments(template, names):
        answers = space.answers_for(template, assignment)
        if space.selected(template, clause, answers, own=own):
            found.append(answers)
    return found


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_clause_is_in_the_library_and_reachable(template_id: str) -> None:
    template = templates.get(template_id)
    ids = {c.id for c in builtin()}
    placed = space.places(template)
    assert set(placed) <= ids, sorted(set(placed) - ids)
    unplaced = [c.id for c in _clauses(template_id) if c.id not in placed]
    assert unplaced == [], f"clauses no template section uses: {unplaced}"
    never = [c.id for c in _clauses(template_id) if not _reach(template_id, c)]
    assert never == [], f"clauses that no answers select: {never}"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_tags_agree_with_conditions_over_the_answer_space(template_id: str) -> None:
    """A clause tagged for jurisdictions or sectors is never selected outside them, and a clause that can
    only be selected in some jurisdictions or sectors says so in its tags."""
    problems = []
    for clause in _clauses(template_id):
        reach = _reach(template_id, clause)
        tags_j, tags_s = set(clause.jurisdictions), set(clause.sectors) - {"listed"}
        for answers in reach:
            if tags_j and not tags_j & set(answers["jurisdictions"]):
                problems.append(
                    f"{clause.id}: selected for {answers['jurisdictions']}, tagged {sorted(tags_j)}"
                )
                break
            if tags_s and answers["sector"] not in tags_s:
                problems.append(
                    f"{clause.id}: selected for sector {answers['sector']}, tagged {sorted(tags_s)}"
                )
                break
            if "listed" in clause.sectors and not answers.get("listed"):
                problems.append(f"{clause.id}: selected for an unlisted organisation, tagged 'listed'")
                break
        reach = _reach(template_id, clause, own=True)  # a slot alternative may lose to a sector's own choice
        alone = {j for a in reach for j in a["jurisdictions"] if len(a["jurisdictions"]) == 1}
        if alone != {"us", "uk", "eu"} and alone != tags_j:
            problems.append(f"{clause.id}: selectable alone in {sorted(alone)}, tagged {sorted(tags_j)}")
        sectors = {a["sector"] for a in reach}
        if sectors != set(SECTORS) and sectors != tags_s:
            problems.append(f"{clause.id}: selectable for sectors {sorted(sectors)}, tagged {sorted(tags_s)}")
        only_listed = all(a.get("listed") for a in reach)
        if only_listed != ("listed" in clause.sectors):
            problems.append(
                f"{clause.id}: only for listed organisations is {only_listed}, tags say otherwise"
            )
    assert problems == []


# --------------------------------------------------------------------------- fixtures read right

US_ONLY = re.compile(
    r"\bFINRA\b|broker-dealer|registered principal|\b17a-4\b|Hatch Act|HIPAA|Section 7|National Labor Relations|"
    r"\bNLRB\b|First Amendment|Regulation FD|employment (?:is|stays) at will"
)
UK_EU_ONLY = re.compile(
    r"Equality Act|UK GDPR|\bGDPR\b|Freedom of Information Act 2000|[Ww]orks [Cc]ouncil|Market Abuse Regulation|"
    r"Pay Transparency Directive|\bFCA\b|COBS\b|Acas"
)
NLRA_RIGHTS = re.compile(r"Section 7\b|National Labor Relations|\bNLRB\b|[Ll]abor [Rr]elations [Bb]oard")
AT_WILL = re.compile(r"employment (?:is|stays) at will")


def _all_documents() -> list[tuple[str, str, dict, Document]]:
    return [(t, name, a, doc) for t in TEMPLATE_IDS for name, a, doc in _documents(t)]


def test_new_fixtures_are_there() -> None:
    for template_id in TEMPLATE_IDS:
        names = {p.stem for p in fixtures_for(template_id)}
        assert {
            "uk-investment-firm",
            "us-state-agency",
            "us-public-university",
            "eu-consultation-works-council",
        } <= names


def test_no_us_law_outside_the_us_and_no_uk_eu_law_in_us_only_documents() -> None:
    for template_id, name, answers, doc in _all_documents():
        text = _text(doc)
        if "us" not in answers["jurisdictions"]:
            assert not US_ONLY.findall(text), f"{template_id}/{name}: {sorted(set(US_ONLY.findall(text)))}"
        if set(answers["jurisdictions"]) == {"us"}:
            assert not UK_EU_ONLY.findall(text), (
                f"{template_id}/{name}: {sorted(set(UK_EU_ONLY.findall(text)))}"
            )


def test_us_public_employers_get_first_amendment_rights_not_nlra_rights() -> None:
    public = [
        (t, n, d) for t, n, a, d in _all_documents() if a["sector"] == "public" and "us" in a["jurisdictions"]
    ]
    assert len(public) == 6
    for template_id, name, doc in public:
        text = _text(doc)
        assert not NLRA_RIGHTS.search(text), f"{template_id}/{name}: {NLRA_RIGHTS.search(text)}"
        assert "First Amendment" in text, f"{template_id}/{name}"
        rights = [
            b
            for _, b in doc.blocks()
            if b.topic in ("employee-rights", "employee-advocacy") and "right" in b.title
        ]
        assert rights and all(b.clause_id.endswith("rights.us-public") for b in rights), (template_id, name)


def test_every_us_private_sector_document_states_at_will_employment() -> None:
    private = [
        (t, n, d) for t, n, a, d in _all_documents() if a["sector"] != "public" and "us" in a["jurisdictions"]
    ]
    assert len(private) >= 7
    for template_id, name, doc in private:
        assert AT_WILL.search(_text(doc)), f"{template_id}/{name} does not say employment is at will"
    for template_id, name, answers, doc in _all_documents():
        if answers["sector"] == "public" or "us" not in answers["jurisdictions"]:
            assert not AT_WILL.search(_text(doc)), f"{template_id}/{name}"


def test_financial_firms_outside_the_us_get_their_own_rules() -> None:
    expected = {
        "social-media-policy": r"financial promotion",
        "internal-collaboration": r"five years",
        "governance-charter": r"financial promotion[\s\S]*five years|five years[\s\S]*financial promotion",
    }
    for template_id, pattern in expected.items():
        doc = dict((n, d) for n, _, d in _documents(template_id))["uk-investment-firm"]
        assert re.search(pattern, _text(doc)), template_id


def test_works_councils_that_must_only_be_consulted_are_not_given_a_veto() -> None:
    clauses = {
        "social-media-policy": "smp.consult.works-council",
        "internal-collaboration": "icg.monitoring.works-council",
    }
    for template_id, clause_id in clauses.items():
        docs = {n: d for n, _, d in _documents(template_id)}
        consult = docs["eu-consultation-works-council"].block(clause_id)
        agree = docs["eu-listed-manufacturer"].block(clause_id)
        assert consult is not None and agree is not None, template_id
        own = consult.text.split("Where a works agreement")[0]
        assert re.search(r"\bconsult", own) and not re.search(r"\bagree(?:s|ment)?\b", own)
        assert re.search(r"\bagree", agree.text) and not re.search(r"\bconsult", agree.text)


def test_us_documents_carry_a_monitoring_notice_to_acknowledge() -> None:
    for template_id in ("social-media-policy", "internal-collaboration"):
        for name, answers, doc in _documents(template_id):
            notice = doc.section("monitoring-notice")
            if "us" not in answers["jurisdictions"]:
                assert notice is None, name
                continue
            assert notice is not None and len(notice.blocks) == 1, name
            block = notice.blocks[0]
            assert "I have received and read this notice" in block.text and "Signature" in block.text, name
            assert "What we do in practice" in block.text and "Where." in block.text, name
            monitoring = doc.section("monitoring")
            assert monitoring is not None and any("notice" in b.markdown for b in monitoring.blocks), name


# --------------------------------------------------------------------------- the library's own checker


def _alone(clause: Clause, standard: str) -> list[str]:
    """nlra.* warnings and errors for a clause checked alone, with answers that select it (US included)."""
    template_id = next(t for t, p in PREFIX.items() if clause.id.startswith(p))
    template = templates.get(template_id)
    catalog = Catalog.default()
    reach = [a for a in _reach(template_id, clause) if "us" in a["jurisdictions"]] or [template.defaults()]
    answers = dict(reach[0])
    project = Project(
        template.id,
        template.version,
        {"title": "One clause"},
        answers,
        (ProjectSection("rules", "Rules", (ClauseRef(clause.id, clause.library, clause.version),)),),
    )
    doc = render(project, catalog, template)
    report = checks.run(doc, checks.Options(jurisdictions=("us",), standard=standard), catalog=catalog)
    return [
        f"{f.rule}: {f.excerpt}"
        for f in report.findings
        if f.rule.startswith("nlra.") and f.severity != "info"
    ]


@pytest.mark.parametrize("standard", checks.STANDARDS)
def test_every_clause_alone_draws_no_nlra_warning_or_error(standard: str) -> None:
    found = {c.id: hits for c in builtin() if (hits := _alone(c, standard))}
    assert found == {}


@pytest.mark.parametrize("standard", checks.STANDARDS)
def test_every_fixture_draws_no_nlra_warning_or_error_and_no_broken_promise(standard: str) -> None:
    catalog = Catalog.default()
    found = []
    for template_id, name, _, doc in _all_documents():
        report = checks.run(doc, checks.Options(standard=standard), catalog=catalog)
        found += [
            f"{template_id}/{name}: {f.rule} {f.clause}: {f.excerpt}"
            for f in report.findings
            if (f.rule.startswith("nlra.") and f.severity != "info") or f.rule.startswith("promises.")
        ]
    assert found == []


# --------------------------------------------------------------------------- versions and the review


def test_every_revised_clause_keeps_its_earlier_versions_with_a_change_note() -> None:
    for clause in builtin():
        versions = [h.version for h in clause.history]
        assert versions == list(range(clause.version - 1, 0, -1)), f"{clause.id}: history {versions}"
        if clause.version > 1:
            assert clause.change_note.strip(), f"{clause.id} has no change note"
            assert all(h.body.strip() and h.date for h in clause.history), clause.id


def test_content_review_covers_every_clause() -> None:
    review = (ROOT / "docs" / "CONTENT-REVIEW.md").read_text(encoding="utf-8")
    rows = dict(
        re.findall(r"^\| `([a-z0-9.-]+)` \| (adopt|light edit|heavy edit|rewritten|new) \|", review, re.M)
    )
    clauses = {c.id for c in builtin()}
    assert clauses <= set(rows), sorted(clauses - set(rows))
    assert set(rows) <= clauses, sorted(set(rows) - clauses)
    for clause in builtin():
        verdict = rows[clause.id]
        assert (verdict == "new") == (clause.version == 1 and clause.id not in _ORIGINAL), clause.id
        if verdict in ("light edit", "heavy edit", "rewritten"):
            assert clause.version > 1, f"{clause.id} is marked '{verdict}' but its version did not change"


_ORIGINAL = frozenset(
    json.loads(Path(ROOT / "tests" / "data" / "library-2026-11-ids.json").read_text(encoding="utf-8"))
)
