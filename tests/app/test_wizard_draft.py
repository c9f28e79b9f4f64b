"""Wizard drafts: the answers of an unfinished wizard are kept, read back checked, and set aside when damaged."""

from __future__ import annotations

import json
from pathlib import Path

from socialpolicy import templates
from socialpolicy.app import wizard_draft


def test_a_draft_is_kept_read_back_and_discarded(tmp_path: Path) -> None:
    smp = templates.get("social-media-policy")
    path = wizard_draft.save(smp.id, {"organisation_name": "Riverside Trust", "listed": True}, where=tmp_path)
    assert path == tmp_path / "social-media-policy.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "socialpolicy.wizard-draft" and data["format_version"] == 1
    draft = wizard_draft.get(smp, where=tmp_path)
    assert draft is not None and draft.answers == {"organisation_name": "Riverside Trust", "listed": True}
    assert " at " in draft.when and draft.dropped == ()
    found = wizard_draft.pending(templates.available(), where=tmp_path)
    assert [d.template_id for d in found.found] == ["social-media-policy"] and found.problems == ()
    wizard_draft.discard(smp.id, where=tmp_path)
    assert wizard_draft.get(smp, where=tmp_path) is None
    wizard_draft.discard(smp.id, where=tmp_path)  # twice is fine


def test_answers_that_no_longer_fit_are_left_out_and_named(tmp_path: Path) -> None:
    smp = templates.get("social-media-policy")
    wizard_draft.save(
        smp.id,
        {"organisation_name": "Riverside Trust", "listed": "maybe", "no_such_question": 1},
        where=tmp_path,
    )
    draft = wizard_draft.get(smp, where=tmp_path)
    assert draft is not None and draft.answers == {"organisation_name": "Riverside Trust"}
    listed = smp.question("listed")
    assert listed is not None and set(draft.dropped) == {listed.label, "no_such_question"}


def test_a_damaged_draft_is_named_and_set_aside(tmp_path: Path) -> None:
    (tmp_path / "social-media-policy.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "governance-charter.json").write_text(
        json.dumps(
            {"format": "socialpolicy.wizard-draft", "format_version": 1, "template": "nope", "answers": {}}
        ),
        encoding="utf-8",
    )
    found = wizard_draft.pending(templates.available(), where=tmp_path)
    assert found.found == ()
    assert len(found.problems) == 2
    assert any("social-media-policy.json: is not valid JSON (line 1" in p for p in found.problems)
    assert any(
        "is for template 'nope'" in p and p.endswith("The draft was set aside.") for p in found.problems
    )
    assert (tmp_path / "social-media-policy.damaged.json").is_file()
    assert wizard_draft.pending(templates.available(), where=tmp_path).problems == ()  # reported once
