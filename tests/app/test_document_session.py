"""The document session without a window: open, edit, undo, save, recovery, check scheduling, export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialpolicy import edits, templates
from socialpolicy.app import recovery
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.app.recovery import RecoveryFile
from socialpolicy.app.scheduling import CheckResult, CheckScheduler
from socialpolicy.errors import InputError
from socialpolicy.library import Catalog
from socialpolicy.project import load_project
from tests.app.conftest import Clock, answers_for, make_project_file
from tests.conftest import ROOT


def _session(clock: Clock | None = None) -> DocumentSession:
    scheduler = CheckScheduler(clock=clock) if clock is not None else None
    return DocumentSession(Catalog.default(), scheduler=scheduler)


def test_open_edit_undo_redo_save(project_file: Path, tmp_path: Path) -> None:
    session = _session()
    shown: list[str] = []
    session.changed.connect(lambda: shown.append(session.document.title if session.document else ""))
    session.open(project_file)
    assert session.path == project_file and not session.modified
    assert shown == ["Riverside Social Media Policy"]
    cid = session.project.sections[0].clauses[0].clause
    assert session.edit(lambda p: edits.edit_clause(p, cid, session.catalog, title="T", body="Our words."))
    assert session.document.block(cid).markdown == "Our words." and session.modified
    # Typing in one clause merges into one step.
    session.edit(
        lambda p: edits.edit_clause(p, cid, session.catalog, title="T", body="Our words, more."),
        ("text", cid),
    )
    session.edit(
        lambda p: edits.edit_clause(p, cid, session.catalog, title="T", body="Our words, most."),
        ("text", cid),
    )
    assert session.history.count == 2 and session.history.undo_text.startswith("Edit text of")
    assert session.undo()
    assert session.document.block(cid).markdown == "Our words."
    assert session.undo() and not session.modified
    assert edits.find_ref(session.project, cid).body is None
    assert not session.undo()
    assert session.redo() and session.redo()
    assert session.document.block(cid).markdown == "Our words, most."
    out = tmp_path / "saved.policy.json"
    assert session.save(out) == out and not session.modified and session.path == out
    assert load_project(out) == session.project
    assert not session.edit(lambda p: edits.edit_clause(p, cid, session.catalog, body="Our words, most."))


def test_an_edit_that_cannot_render_changes_nothing(project_file: Path) -> None:
    session = _session()
    session.open(project_file)
    cid = session.project.sections[0].clauses[0].clause
    before = session.project
    with pytest.raises(InputError, match="sandbox"):
        session.edit(lambda p: edits.edit_clause(p, cid, session.catalog, body="{{ ''.__class__.__mro__ }}"))
    assert session.project is before and session.history.count == 0 and not session.modified


def test_new_document_and_reassembly_are_unsaved_and_undoable() -> None:
    session = _session()
    template = templates.get("social-media-policy")
    session.new(template, answers_for("social-media-policy", "uk-charity"))
    assert session.path is None and session.modified and session.history.count == 0
    result = session.reassemble({**session.project.answers, "listed": True})
    assert result is not None and any(c.startswith("Added") for c in result.changes)
    assert session.project.answers["listed"] is True
    session.undo()
    assert session.project.answers["listed"] is False and session.modified  # still never saved


def test_check_scheduling_waits_for_a_pause_and_keeps_only_the_newest(project_file: Path) -> None:
    clock = Clock()
    session = _session(clock)
    reports: list[int] = []
    session.report_changed.connect(lambda: reports.append(len(session.report.findings)))
    session.open(project_file)
    assert session.scheduler.due_in() == pytest.approx(0.4)  # after a pause, so the window paints first
    first = session.start_check()
    assert first is not None and session.check_pending and not session.scheduler.waiting
    cid = session.project.sections[0].clauses[0].clause
    session.edit(lambda p: edits.set_included(p, cid, False))
    assert session.scheduler.due_in() == pytest.approx(0.4)
    clock.now += 0.3
    session.edit(lambda p: edits.set_included(p, cid, True))
    clock.now += 0.3
    assert session.scheduler.due_in() == pytest.approx(0.1)  # typing again put the check off
    clock.now += 0.2
    assert session.scheduler.due_in() == 0
    second = session.start_check()
    assert not session.deliver(first.run())  # the first check's document is gone: dropped
    assert reports == [] and session.report is None
    result = second.run()
    assert session.deliver(result) and session.report_is_current and not session.check_pending
    assert reports == [len(result.report.findings)]
    text, tip = session.status()
    assert text.startswith("Coverage ") and "clauses" in text and tip
    session.close()
    assert not session.deliver(CheckResult(second.generation, second.document, result.report, ""))


def test_a_failing_rule_is_a_message_with_the_log(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _session()
    session.open(project_file)
    request = session.start_check()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rule exploded")

    monkeypatch.setattr("socialpolicy.checks.run", broken)
    result = request.run()
    assert result.report is None and result.error.startswith("The checker failed: rule exploded")
    log = Path(os.environ["SOCIALPOLICY_LOG_DIR"]) / "socialpolicy.log"
    assert str(log) in result.error and "rule exploded" in log.read_text(encoding="utf-8")
    assert session.deliver(result) and session.status() == (result.error, "")


def test_export_is_fixed_when_it_starts_and_reuses_the_last_report(
    project_file: Path, tmp_path: Path
) -> None:
    session = _session()
    session.open(project_file)
    md = session.export_job("md", tmp_path / "out.md")
    assert md.findings == ()  # Markdown needs no findings: no check is run for it
    review = session.export_job("docx-review", tmp_path / "review.docx")
    assert review.findings is None  # no report yet: the job checks, in the background
    session.deliver(session.start_check().run())
    reuse = session.export_job("docx-review", tmp_path / "review.docx")
    assert reuse.findings == tuple(session.report.findings)  # the session's report, no second check
    cid = session.project.sections[0].clauses[0].clause
    session.edit(
        lambda p: edits.edit_clause(p, cid, session.catalog, title="T", body="Edited after the job.")
    )
    result = md.run()  # the job exports the document as it was when it started
    assert result.ok and result.path == tmp_path / "out.md"
    assert "Edited after the job." not in (tmp_path / "out.md").read_text(encoding="utf-8")
    pdf = session.export_job("pdf", tmp_path / "out.pdf", pdf_engine="qt").run()
    assert pdf.ok and "<html" in pdf.html and not (tmp_path / "out.pdf").exists()  # the GUI prints it
    failed = session.export_job("md", tmp_path / "missing" / "out.md").run()
    assert not failed.ok and failed.message.startswith("Could not write the file")
    ran = review.run()
    session.adopt_report(ran.report, review.document)  # older than the document shown: not taken
    assert ran.ok and ran.report is not None and session.report is not ran.report


def test_recovery_file_per_document_and_its_lock(tmp_path: Path) -> None:
    a, b = (
        make_project_file(tmp_path, name="uk-charity"),
        make_project_file(tmp_path, "governance-charter", "us-hospital"),
    )
    first, second = _session(), _session()
    first.open(a)
    second.open(b)
    cid = first.project.sections[0].clauses[0].clause
    first.edit(lambda p: edits.set_included(p, cid, False))
    cid_b = second.project.sections[0].clauses[0].clause
    second.edit(lambda p: edits.set_included(p, cid_b, False))
    one, two = first.autosave(), second.autosave()
    assert one is not None and two is not None and one != two and one.is_file() and two.is_file()
    info = json.loads(one.with_name(one.name.replace(".policy.json", ".json")).read_text(encoding="utf-8"))
    assert info["path"] == str(a) and info["pid"] == os.getpid()
    assert recovery.pending() == []  # both are ours, and we are running
    first.save()
    assert not one.exists() and two.is_file()  # saving the first leaves the second's alone
    assert first.autosave() is None  # nothing unsaved
    second.close()
    assert not two.exists()


def test_untitled_documents_each_get_their_own_file() -> None:
    template = templates.get("social-media-policy")
    first, second = _session(), _session()
    first.new(template, template.defaults())
    second.new(template, template.defaults())
    one, two = first.autosave(), second.autosave()
    assert one is not None and two is not None and one != two


CHILD = """
import sys
from socialpolicy import edits
from socialpolicy.app.document_session import DocumentSession
from socialpolicy.library import Catalog
session = DocumentSession(Catalog.default())
session.open(sys.argv[1])
cid = session.project.sections[0].clauses[0].clause
session.edit(lambda p: edits.edit_clause(p, cid, session.catalog, title="T", body="Typed in the other instance."))
print(session.autosave(), flush=True)
sys.stdin.readline()  # stays open until told; killed instead, it leaves its recovery file behind
"""


def test_two_instances_on_two_documents_keep_two_recovery_files(tmp_path: Path) -> None:
    a, b = (
        make_project_file(tmp_path, name="uk-charity"),
        make_project_file(tmp_path, "governance-charter", "us-hospital"),
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    other = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(b)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert other.stdout is not None
        theirs = Path(other.stdout.readline().strip())
        assert theirs.is_file()
        mine = _session()
        mine.open(a)
        cid = mine.project.sections[0].clauses[0].clause
        mine.edit(lambda p: edits.set_included(p, cid, False))
        ours = mine.autosave()
        assert ours is not None and ours != theirs and theirs.is_file()
        assert recovery.pending() == []  # the other instance is alive: its file is not offered
        mine.save()
        assert theirs.is_file() and not ours.exists()
        other.kill()  # the other instance crashes
        other.wait(timeout=30)
        left = recovery.pending()
        assert [r.file for r in left] == [theirs] and left[0].document == b
        later = _session()
        later.recover(left[0], recovery.load(left[0]))
        assert later.modified and later.path == b
        assert (
            later.author_text(later.project.sections[0].clauses[0].clause).body
            == "Typed in the other instance."
        )
        assert recovery.pending() == []  # it is this session's now
        later.save()
        assert not theirs.exists()
    finally:
        if other.poll() is None:
            other.kill()
            other.wait(timeout=30)


def test_declined_and_legacy_recovery_files(tmp_path: Path, project_file: Path) -> None:
    from socialpolicy import settings

    crashed = RecoveryFile()
    session = _session()
    session.open(project_file)
    crashed.write(session.project, project_file)
    lock = crashed.path.with_name(crashed.path.name.replace(".policy.json", ".lock"))
    lock.write_text(json.dumps({"pid": 2**22 + 12345, "host": os.uname().nodename}), encoding="utf-8")
    left = recovery.pending()
    assert [r.file for r in left] == [crashed.path]
    recovery.decline(left[0])
    assert recovery.pending() == [] and not lock.exists()
    # The one recovery file of earlier versions is still offered, and moves to a file of its own.
    old = settings.config_dir() / "recovery.policy.json"
    old.write_bytes(project_file.read_bytes())
    (settings.config_dir() / "recovery.json").write_text(
        json.dumps({"path": str(project_file), "saved": "x"})
    )
    legacy = recovery.pending()
    assert [r.file for r in legacy] == [old] and legacy[0].document == project_file
    again = _session()
    again.recover(legacy[0], recovery.load(legacy[0]))
    assert not old.exists() and again.recovery.path is not None and again.recovery.path.is_file()


def test_each_export_has_its_own_default_file_and_word_files_carry_the_project(
    project_file: Path, tmp_path: Path
) -> None:
    from socialpolicy.app.export_job import redline_path, with_format

    session = _session()
    session.open(project_file)
    names = {key: session.export_path(key).name for key in ("docx", "docx-review", "md", "html", "pdf")}
    stem = project_file.name.removesuffix(".policy.json")
    assert names == {
        "docx": f"{stem}.docx",
        "docx-review": f"{stem}-for-review.docx",
        "md": f"{stem}.md",
        "html": f"{stem}.html",
        "pdf": f"{stem}.pdf",
    }
    assert len(set(names.values())) == 5
    review = tmp_path / "policy-for-review.docx"
    assert with_format(review, "docx") == tmp_path / "policy.docx"  # switching back drops the tail
    assert with_format(tmp_path / "policy.docx", "docx-review") == review
    assert redline_path(tmp_path / "policy", "1.0").name == "policy-changes-since-1.0.docx"
    job = session.export_job("docx-review", review)
    assert job.project is session.project
    session.deliver(session.start_check().run())
    result = session.export_job("docx-review", review).run()
    assert result.ok, result.message
    from socialpolicy.export.docx_package import read_payload  # the review copy carries its project

    payload = read_payload(review)
    assert payload is not None and payload["project"]["sections"] == session.project.to_dict()["sections"]


def test_export_warning_names_open_errors(project_file: Path) -> None:
    session = _session()
    session.open(project_file)
    assert "has not finished" in session.export_warning()
    session.deliver(session.start_check().run())
    assert session.report is not None
    errors = session.report.counts()["error"]
    warning = session.export_warning()
    assert (warning == "") == (errors == 0)
    cid = session.project.sections[0].clauses[0].clause
    session.edit(
        lambda p: edits.edit_clause(p, cid, session.catalog, title="T", body="Contact [Company Name] first.")
    )
    session.deliver(session.start_check().run())
    assert "still finds" in session.export_warning() and "do not publish" in session.export_warning()
