"""The learned reading (socialpolicy/checks/learned.py, trained by tools/learned; docs/LEARNED.md) as shipped:
learned.json loads and scores in pure Python exactly as scikit-learn did when it was trained, and
``python -m tools.triage`` lists what it finds. None of this needs scikit-learn."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from socialpolicy import checks
from socialpolicy.checks import Finding
from socialpolicy.checks import learned as scorer
from socialpolicy.cli import main
from socialpolicy.gate import apply_config
from socialpolicy.gate.config import read
from socialpolicy.workspace import load_document
from tests.checks import real_corpus
from tests.checks.helpers import add_custom, check_text, fixture_project, render_doc
from tests.conftest import ROOT

UNLAWFUL = "Do not post anything negative about the company or your managers."


@pytest.fixture(scope="module")
def model() -> scorer.Model:
    return scorer.model()  # shared with tools.triage: the neighbours index is built once


def test_the_model_is_small_and_complete(model: scorer.Model) -> None:
    assert scorer.MODEL_FILE.stat().st_size < 1_500_000
    assert 0.5 < model.threshold < 1.0
    # Every rule it learned from is a corpus rule, word for word; a batch added later (measured once, blind) is
    # simply one the model has not seen until someone runs python -m tools.learned.train again.
    corpus = {e["id"]: e["text"] for e in real_corpus.entries()}
    assert len(model.rules) >= 1169
    assert all(corpus.get(rule.id) == rule.text for rule in model.rules)
    assert len(model.checks) >= 10


def test_scores_equal_scikit_learns(model: scorer.Model) -> None:
    texts = {e["id"]: e["text"] for e in real_corpus.entries()}
    for rule_id, expected in model.checks.items():
        assert model.score(texts[rule_id]) == pytest.approx(expected, abs=1e-6), rule_id


def test_an_unlawful_rule_scores_above_and_a_library_sentence_below(model: scorer.Model) -> None:
    assert model.score(UNLAWFUL) >= model.threshold
    lawful = "You are free to talk with colleagues about pay and working conditions, online or anywhere else."
    assert model.score(lawful) < model.threshold
    library = "Social media is part of how people at Acme keep in touch, learn and talk about their jobs."
    assert model.score(library) < model.threshold


def test_neighbours_are_labelled_rules_with_sources(model: scorer.Model) -> None:
    found = model.neighbours("Keep all company information confidential.", k=3)
    assert len(found) == 3
    assert [s for s, *_ in found] == sorted((s for s, *_ in found), reverse=True)
    assert all(0 < s <= 1 and label in ("lawful", "unlawful") and source for s, label, source, _ in found)
    text = real_corpus.entries()[0]["text"]
    assert all(t != text for *_, t in model.neighbours(text))  # a rule is no evidence for itself


def test_triage_lists_a_sentence_of_a_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.md"
    policy.write_text(real_corpus.policy(UNLAWFUL), encoding="utf-8")
    # python -m tools.triage POLICY --all, in this process (a new interpreter would cost a second)
    monkeypatch.setattr(sys, "argv", ["triage", str(policy), "--all"])
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("tools.triage", run_name="__main__", alter_sys=True)
    out, err = capsys.readouterr()
    assert exit_.value.code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"== {policy}: 1 sentence, 1 at or above the threshold")
    assert lines[1].endswith("(1.1 Using social media)") and "checker" in lines[1]
    assert lines[2] == f"    {UNLAWFUL}"
    assert sum(line.startswith("    resembles (") for line in lines) == 2
    assert not list(tmp_path.iterdir())[1:]  # it wrote nothing


def test_the_model_on_the_batch_it_never_saw(model: scorer.Model) -> None:
    """held-out-11 was written blind while the model was retrained on held-out-10, and kept out of its training
    (tools.learned.train's FOLDS): on it the model flags 28 of its 52 unlawful rules and 2 of its 28 lawful
    ones (docs/LEARNED.md). Adding it to FOLDS and retraining makes this figure in-sample: then drop it."""
    batch = real_corpus.entries("held-out-11")
    assert not {e["id"] for e in batch} & {r.id for r in model.rules}
    flagged = {e["id"] for e in batch if model.score(e["text"]) >= model.threshold}
    unlawful = {e["id"] for e in batch if e["stericycle"] == "unlawful"}
    assert (len(flagged & unlawful), len(unlawful), len(flagged - unlawful), len(batch) - len(unlawful)) == (
        28,
        52,
        2,
        28,
    )


# --------------------------------------------------------------------------- the rule: nlra.resembles-unlawful

MISSED = "Team members should keep all internal business matters strictly between themselves and the company."


def _resembles(text: str, **options: str) -> list[Finding]:
    report = check_text(real_corpus.policy(text), ("us",), **options)
    return [f for f in report.findings if f.rule == "nlra.resembles-unlawful"]


def test_a_sentence_no_pattern_recognises_is_read_by_the_learned_reading() -> None:
    others = [
        f.rule for f in check_text(real_corpus.policy(MISSED), ("us",)).findings if f.rule.startswith("nlra.")
    ]
    assert others == ["nlra.resembles-unlawful"]  # no pattern of the checker says anything
    (found,) = _resembles(MISSED)
    assert found.severity == "info" and found.excerpt == MISSED  # a note unless a team raises it
    assert found.message.startswith("It reads like the rules the NLRB has held unlawful, though no pattern")
    assert "1,169 labelled rules rates it 1.00, and notes any sentence from 0.87)" in found.message
    closest = found.message.split("The closest of them: \u201c", 1)[1]
    quoted, source = closest.split("\u201d (", 1)
    rule = next(r for r in scorer.model().rules if r.text == quoted)
    assert rule.label == "unlawful" and source.startswith(rule.source.split(" (")[0][:40])
    assert found.reason and found.suggestion and found.citation


def test_the_learned_reading_stays_out_of_what_the_patterns_read_and_of_lawful_text() -> None:
    assert (
        _resembles("Please do not talk about internal matters on social media.") == []
    )  # confidential-broad's
    assert _resembles("You may share our public posts with your friends and family.") == []
    assert _resembles("Do not share patients' names, photographs or health details on social media.") == []
    assert [f.severity for f in _resembles(MISSED, standard="boeing")] == ["info"]
    assert _resembles(MISSED, sector="public") == []  # outside the NLRA


def test_a_team_raises_the_learned_reading_to_a_warning_in_its_config(tmp_path: Path) -> None:
    (tmp_path / "socialpolicy.toml").write_text('[severity]\n"nlra.resembles-unlawful" = "warning"\n')
    config = read(tmp_path / "socialpolicy.toml")
    assert config is not None
    report = apply_config(check_text(real_corpus.policy(MISSED), ("us",)), config)
    assert [f.severity for f in report.findings if f.rule == "nlra.resembles-unlawful"] == ["warning"]


def test_it_reads_rules_for_staff_only() -> None:
    """Rights, promises, questions and statements of what is allowed are not rules: it leaves them alone,
    whatever their words (they are the words of the rules the Board struck down)."""
    for text in (
        "Associates may discuss and post about wages, schedules, staffing and how managers treat them.",
        "Can I post that my store is understaffed?",
        "You are free to talk to the National Labor Relations Board or a reporter about your pay.",
    ):
        assert _resembles(text) == [], text


def test_the_learned_reading_leaves_documents_built_from_the_library_alone() -> None:
    """A project's clauses are the library's, read by the patterns they were written against; an edited
    clause with an unlawful sentence is found by the patterns (or not at all), never by the learned reading."""
    project = fixture_project("social-media-policy", "us-hospital")
    project = add_custom(project, "information", "own.quiet", "Internal matters", MISSED)
    report = checks.run(render_doc(project), checks.Options(jurisdictions=("us",)))
    assert not [f for f in report.findings if f.rule == "nlra.resembles-unlawful"]


def test_an_imported_policy_saved_as_a_project_is_still_read(tmp_path: Path) -> None:
    """Import a policy, save it as a project, open it again: its text is still the employer's own."""
    source = tmp_path / "policy.md"
    source.write_text(real_corpus.policy(MISSED), encoding="utf-8")
    project = tmp_path / "policy.policy.json"
    assert main(["import", str(source), "-o", str(project)]) == 0
    loaded = load_document(project)
    assert loaded.document.source_kind == "project" and loaded.document.template_id == "imported"
    report = checks.run(loaded.document, checks.Options(jurisdictions=("us",)))
    assert [f.excerpt for f in report.findings if f.rule == "nlra.resembles-unlawful"] == [MISSED]
