"""Language rules: readability, spelling variant, party naming, stray characters."""

from __future__ import annotations

from socialpolicy.checks.language import bad_characters, detect_variant, reading_ease
from tests.checks.helpers import add_custom, check_text, fixture_project, render_doc, rules_of, run

HARD = (
    "Notwithstanding the foregoing, any utilisation of organisational communication infrastructure "
    "for non-business-related purposes shall be subject to the discretionary authorisation of the "
    "appropriate departmental management representative, having regard to operational considerations "
    "and applicable regulatory requirements, including obligations arising under contractual "
    "arrangements with third-party service providers."
)


def test_readability_flags_dense_legalese_only() -> None:
    score, words = reading_ease(HARD)
    assert score < 30 and words > 30
    report = check_text(
        f"# P\n\n## Use\n\n### Dense\n\n{HARD}\n\n### Plain\n\nYou can post about your work. "
        "Keep it short and kind. Ask us if you are not sure what to do. We will help you.\n",
        ("uk",),
    )
    hits = [f for f in report.findings if f.rule == "language.readability"]
    assert [h.clause for h in hits] == ["imp.use.dense"] and "reading ease" in hits[0].message


def test_spelling_against_the_documents_variant() -> None:
    # US documents are converted word by word; a UK document keeps what the author typed.
    project = fixture_project("social-media-policy", "uk-charity")
    clean = run(render_doc(project))
    assert "language.mixed-spelling" not in rules_of(clean)
    project = add_custom(
        project,
        "training-review",
        "seed.us",
        "Our behavior",
        "We organize training on behavior and color-coded labels.",
    )
    hits = [f for f in run(render_doc(project)).findings if f.rule == "language.mixed-spelling"]
    assert len(hits) == 1 and hits[0].clause == "seed.us"
    assert (
        "organize" in hits[0].message and "behavior" in hits[0].message and "UK document" in hits[0].message
    )


def test_variant_of_a_found_document_is_detected() -> None:
    assert detect_variant("The organisation values behaviour and colour.") == "uk"
    assert detect_variant("The organization values behavior.") == "us"
    report = check_text(
        "# P\n\n## A\n\n### B\n\nOur organisation values behaviour, colour and labour. We analyze nothing.\n",
        ("uk",),
    )
    assert [f.message for f in report.findings if f.rule == "language.mixed-spelling"] == [
        "'B' uses US spelling in a UK document: analyze."
    ]


def test_party_naming() -> None:
    text = (
        "# P\n\n## A\n\n### B\n\nStaff may post. Employees may share. Team members may comment. Staff should "
        "ask. Employees can talk. Team members can read.\n"
    )
    hits = [f for f in check_text(text, ("uk",)).findings if f.rule == "language.party-naming"]
    assert len(hits) == 1 and hits[0].severity == "info" and "'staff' (2 times)" in hits[0].message
    assert "language.party-naming" not in rules_of(
        check_text("# P\n\n## A\n\n### B\n\nStaff may post. Staff may share. Employees can talk.\n", ("uk",))
    )


def test_mojibake_and_stray_characters() -> None:
    assert "Donâ€™t" in bad_characters("Donâ€™t post that.")
    assert bad_characters("A zero\u200bwidth space and &nbsp; entity.") == ("U+200B", "&nbsp;")
    assert bad_characters("Don’t post that — ever.") == ()
    report = check_text("# P\n\n## A\n\n### B\n\nDonâ€™t share passwords.\n", ("uk",))
    assert "language.stray-characters" in rules_of(report, "warning")


def test_quick_readability_estimate_never_hides_a_hard_clause() -> None:
    from socialpolicy.checks.language import HARD as THRESHOLD
    from socialpolicy.checks.language import clearly_readable
    from socialpolicy.checks.text import plain

    texts = [
        plain(b.text)
        for fixture in ("us-hospital", "uk-charity")
        for template_id in ("social-media-policy", "governance-charter")
        for _, b in render_doc(fixture_project(template_id, fixture)).blocks()
    ]
    texts.append(HARD)
    assert not clearly_readable(HARD)
    assert all(reading_ease(t)[0] >= THRESHOLD for t in texts if clearly_readable(t))


def test_names_keep_their_own_spelling() -> None:
    from socialpolicy.checks.language import foreign

    assert foreign("Example Organisation Ltd runs the Labour Party stall. Our organisation helps.", "us") == (
        "organisation",
    )
    assert foreign("Organisation matters.", "us") == ("Organisation",)
